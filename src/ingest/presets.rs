//! Presets: the mappings and reading rules of known exports, so that such
//! files load with no mapping at all. Each preset's columns are listed in
//! `docs/ingest.md`; a caller's `mapping` is applied on top (fields given
//! replace the preset's, `null` removes one).

use super::mapping::{Field, Mapping, Source};
use std::collections::HashMap;

/// The names of the presets.
pub const NAMES: [&str; 3] = ["servicenow-event-log", "servicenow-incidents", "jira"];

/// A preset's mapping and defaults.
#[derive(Debug, Clone)]
pub struct Preset {
    /// The preset's name.
    pub name: &'static str,
    /// Whether the input is an event log (one row per update).
    pub event_log: bool,
    /// The column mapping (marked as coming from a preset).
    pub mapping: Mapping,
    /// Formats of the export's timestamps (see [`crate::strptime`]).
    pub formats: Vec<String>,
    /// Tokens meaning "no value".
    pub null_tokens: Vec<String>,
    /// Statuses a ticket opens in (first response = leaving them).
    pub opening_statuses: Option<Vec<String>>,
}

/// The preset called `name`.
pub fn get(name: &str) -> Option<Preset> {
    match name {
        "servicenow-event-log" => Some(servicenow_event_log()),
        "servicenow-incidents" => Some(servicenow_incidents()),
        "jira" => Some(jira()),
        _ => None,
    }
}

fn col(name: &str) -> Source {
    Source::column(name)
}

fn cols(names: &[&str]) -> Source {
    Source { columns: names.iter().map(|s| s.to_string()).collect(), values: None, from_preset: false }
}

fn renamed(names: &[&str], pairs: &[(&str, &str)]) -> Source {
    let table: HashMap<String, String> = pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    Source { values: Some(table), ..cols(names) }
}

fn mapping(fields: Vec<(Field, Source)>, dimensions: Vec<(&str, Source)>) -> Mapping {
    Mapping { fields, dimensions: dimensions.into_iter().map(|(n, s)| (n.to_string(), s)).collect() }.mark_preset()
}

/// ServiceNow incident event log (the UCI "incident management process
/// enriched event log", one row per update of an incident).
fn servicenow_event_log() -> Preset {
    Preset {
        name: "servicenow-event-log",
        event_log: true,
        mapping: mapping(
            vec![
                (Field::Id, col("number")),
                (Field::Status, col("incident_state")),
                (Field::Updated, col("sys_updated_at")),
                (Field::Sequence, col("sys_mod_count")),
                (Field::Opened, col("opened_at")),
                (Field::Resolved, col("resolved_at")),
                (Field::Closed, col("closed_at")),
                (Field::AssignmentGroup, col("assignment_group")),
                (Field::Assignee, col("assigned_to")),
                (Field::ReopenCount, col("reopen_count")),
                (Field::SlaMet, col("made_sla")),
            ],
            vec![
                ("priority", col("priority")),
                ("impact", col("impact")),
                ("urgency", col("urgency")),
                ("category", col("category")),
                ("subcategory", col("subcategory")),
                ("service", col("cmdb_ci")),
                ("channel", col("contact_type")),
                ("location", col("location")),
                ("assignment_group", col("assignment_group")),
            ],
        ),
        formats: vec!["%d-%m-%Y %H:%M".into(), "%d/%m/%Y %H:%M".into()],
        null_tokens: vec!["".into(), "?".into()],
        opening_statuses: Some(vec!["New".into()]),
    }
}

/// ServiceNow `incident` table exported as a list (REST Table API or list
/// CSV export): one row per incident, stored values (state and priority as
/// codes, renamed to their labels) or display values (passed unchanged).
fn servicenow_incidents() -> Preset {
    let states = [("1", "New"), ("2", "In Progress"), ("3", "On Hold"), ("6", "Resolved"), ("7", "Closed"), ("8", "Canceled")];
    let priorities = [("1", "1 - Critical"), ("2", "2 - High"), ("3", "3 - Moderate"), ("4", "4 - Low"), ("5", "5 - Planning")];
    let levels = [("1", "1 - High"), ("2", "2 - Medium"), ("3", "3 - Low")];
    Preset {
        name: "servicenow-incidents",
        event_log: false,
        mapping: mapping(
            vec![
                (Field::Id, col("number")),
                (Field::Title, col("short_description")),
                (Field::Opened, col("opened_at")),
                (Field::Resolved, col("resolved_at")),
                (Field::Closed, col("closed_at")),
                (Field::ReopenCount, col("reopen_count")),
                (Field::SlaMet, col("made_sla")),
            ],
            vec![
                ("priority", renamed(&["priority"], &priorities)),
                ("status", renamed(&["incident_state", "state"], &states)),
                ("impact", renamed(&["impact"], &levels)),
                ("urgency", renamed(&["urgency"], &levels)),
                ("category", col("category")),
                ("subcategory", col("subcategory")),
                ("service", cols(&["business_service", "cmdb_ci"])),
                ("channel", col("contact_type")),
                ("assignment_group", col("assignment_group")),
            ],
        ),
        formats: vec![],
        null_tokens: vec!["".into()],
        opening_statuses: None,
    }
}

/// Jira Service Management issues exported as CSV ("Export CSV (all
/// fields)" or current fields), dates as `12/Mar/24 9:41 AM`.
fn jira() -> Preset {
    Preset {
        name: "jira",
        event_log: false,
        mapping: mapping(
            vec![
                (Field::Id, col("Issue key")),
                (Field::Kind, col("Issue Type")),
                (Field::Title, col("Summary")),
                (Field::Opened, col("Created")),
                (Field::Resolved, col("Resolved")),
                (Field::Csat, cols(&["Satisfaction rating", "Custom field (Satisfaction rating)"])),
            ],
            vec![
                ("priority", col("Priority")),
                ("status", col("Status")),
                ("resolution", col("Resolution")),
                ("component", cols(&["Component/s", "Components"])),
                ("request_type", cols(&["Custom field (Request Type)", "Request Type"])),
                ("project", col("Project key")),
                ("assignee", col("Assignee")),
            ],
        ),
        formats: vec!["%d/%b/%y %I:%M %p".into(), "%d/%b/%Y %I:%M %p".into(), "%d/%b/%y".into()],
        null_tokens: vec!["".into()],
        opening_statuses: None,
    }
}
