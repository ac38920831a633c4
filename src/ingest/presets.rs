//! Presets: the mappings and reading rules of known exports, so that such
//! files load with no mapping at all. Each preset's columns are listed in
//! `docs/ingest.md`; a caller's `mapping` is applied on top (fields given
//! replace the preset's, `null` removes one).

use super::hashing::HashMap;
use super::mapping::{Field, Mapping, Source};

/// The names of the presets.
pub const NAMES: [&str; 8] = ["servicenow-event-log", "servicenow-incidents", "jira", "zendesk", "freshservice", "glpi", "otrs", "process-mining"];

/// A preset's mapping and defaults.
#[derive(Debug, Clone)]
pub struct Preset {
    /// The preset's name.
    pub name: &'static str,
    /// Whether the input is an event log (one row per update).
    pub event_log: bool,
    /// The column mapping (marked as coming from a preset).
    pub mapping: Mapping,
    /// Formats of the export's timestamps (chrono's strftime syntax; see
    /// [`crate::ingest::timestamp`]).
    pub formats: Vec<String>,
    /// Tokens meaning "no value".
    pub null_tokens: Vec<String>,
    /// Statuses a ticket opens in (first response = leaving them).
    pub opening_statuses: Option<Vec<String>>,
}

/// Value renames of a dimension (`"1"` → `"New"`).
type Renames = &'static [(&'static str, &'static str)];

/// A preset as static data; [`get`] builds the owned [`Preset`] from it
/// (one builder instead of code per column keeps the wasm package small).
struct Table {
    name: &'static str,
    event_log: bool,
    fields: &'static [(Field, &'static [&'static str])],
    /// Dimension name, candidate columns, value renames.
    dimensions: &'static [(&'static str, &'static [&'static str], Renames)],
    formats: &'static [&'static str],
    null_tokens: &'static [&'static str],
    opening_statuses: Option<&'static [&'static str]>,
}

/// The preset called `name`.
pub fn get(name: &str) -> Option<Preset> {
    let t = TABLES.iter().find(|t| t.name == name)?;
    let source = |columns: &[&str], values: &[(&str, &str)]| Source {
        columns: strings(columns),
        values: (!values.is_empty()).then(|| values.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect::<HashMap<_, _>>()),
        from_preset: false,
    };
    let mapping = Mapping {
        fields: t.fields.iter().map(|(f, columns)| (*f, source(columns, &[]))).collect(),
        dimensions: t.dimensions.iter().map(|(n, columns, values)| (n.to_string(), source(columns, values))).collect(),
    };
    Some(Preset {
        name: t.name,
        event_log: t.event_log,
        mapping: mapping.mark_preset(),
        formats: strings(t.formats),
        null_tokens: strings(t.null_tokens),
        opening_statuses: t.opening_statuses.map(strings),
    })
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// ServiceNow `incident` state and priority codes, and impact/urgency levels.
const STATES: Renames = &[("1", "New"), ("2", "In Progress"), ("3", "On Hold"), ("6", "Resolved"), ("7", "Closed"), ("8", "Canceled")];
const PRIORITIES: Renames = &[("1", "1 - Critical"), ("2", "2 - High"), ("3", "3 - Moderate"), ("4", "4 - Low"), ("5", "5 - Planning")];
const LEVELS: Renames = &[("1", "1 - High"), ("2", "2 - Medium"), ("3", "3 - Low")];
/// Freshservice API v2 `status` and `priority` codes (its exports show the labels).
const FRESH_STATUSES: Renames = &[("2", "Open"), ("3", "Pending"), ("4", "Resolved"), ("5", "Closed")];
const FRESH_PRIORITIES: Renames = &[("1", "Low"), ("2", "Medium"), ("3", "High"), ("4", "Urgent")];

/// In the order of [`NAMES`].
const TABLES: [Table; 8] = [
    // ServiceNow incident event log (the UCI "incident management process
    // enriched event log", one row per update of an incident).
    Table {
        name: "servicenow-event-log",
        event_log: true,
        fields: &[
            (Field::Id, &["number"]),
            (Field::Status, &["incident_state"]),
            (Field::Updated, &["sys_updated_at"]),
            (Field::Sequence, &["sys_mod_count"]),
            (Field::Opened, &["opened_at"]),
            (Field::Resolved, &["resolved_at"]),
            (Field::Closed, &["closed_at"]),
            (Field::AssignmentGroup, &["assignment_group"]),
            (Field::Assignee, &["assigned_to"]),
            (Field::ReopenCount, &["reopen_count"]),
            (Field::SlaMet, &["made_sla"]),
        ],
        dimensions: &[
            ("priority", &["priority"], &[]),
            ("impact", &["impact"], &[]),
            ("urgency", &["urgency"], &[]),
            ("category", &["category"], &[]),
            ("subcategory", &["subcategory"], &[]),
            ("service", &["cmdb_ci"], &[]),
            ("channel", &["contact_type"], &[]),
            ("location", &["location"], &[]),
            ("assignment_group", &["assignment_group"], &[]),
        ],
        formats: &["%d-%m-%Y %H:%M", "%d/%m/%Y %H:%M"],
        null_tokens: &["", "?"],
        opening_statuses: Some(&["New"]),
    },
    // ServiceNow `incident` table exported as a list (REST Table API or list
    // CSV export): one row per incident, stored values (state and priority
    // as codes, renamed to their labels) or display values (passed
    // unchanged).
    Table {
        name: "servicenow-incidents",
        event_log: false,
        fields: &[
            (Field::Id, &["number"]),
            (Field::Title, &["short_description"]),
            (Field::Opened, &["opened_at"]),
            (Field::Resolved, &["resolved_at"]),
            (Field::Closed, &["closed_at"]),
            (Field::ReopenCount, &["reopen_count"]),
            (Field::SlaMet, &["made_sla"]),
        ],
        dimensions: &[
            ("priority", &["priority"], PRIORITIES),
            ("status", &["incident_state", "state"], STATES),
            ("impact", &["impact"], LEVELS),
            ("urgency", &["urgency"], LEVELS),
            ("category", &["category"], &[]),
            ("subcategory", &["subcategory"], &[]),
            ("service", &["business_service", "cmdb_ci"], &[]),
            ("channel", &["contact_type"], &[]),
            ("assignment_group", &["assignment_group"], &[]),
        ],
        formats: &[],
        null_tokens: &[""],
        opening_statuses: None,
    },
    // Jira Service Management issues exported as CSV ("Export CSV (all
    // fields)" or current fields), dates as `12/Mar/24 9:41 AM`.
    Table {
        name: "jira",
        event_log: false,
        fields: &[
            (Field::Id, &["Issue key"]),
            (Field::Kind, &["Issue Type"]),
            (Field::Title, &["Summary"]),
            (Field::Opened, &["Created"]),
            (Field::Resolved, &["Resolved"]),
            (Field::Csat, &["Satisfaction rating", "Custom field (Satisfaction rating)"]),
        ],
        dimensions: &[
            ("priority", &["Priority"], &[]),
            ("status", &["Status"], &[]),
            ("resolution", &["Resolution"], &[]),
            ("component", &["Component/s", "Components"], &[]),
            ("request_type", &["Custom field (Request Type)", "Request Type"], &[]),
            ("project", &["Project key"], &[]),
            ("assignee", &["Assignee"], &[]),
        ],
        formats: &["%d/%b/%y %I:%M %p", "%d/%b/%Y %I:%M %p", "%d/%b/%y"],
        null_tokens: &[""],
        opening_statuses: None,
    },
    // Zendesk Support "CSV export" (Admin Center > Account > Tools >
    // Reports): one row per ticket, times in the account's time zone.
    Table {
        name: "zendesk",
        event_log: false,
        fields: &[
            (Field::Id, &["Id"]),
            (Field::Kind, &["Ticket type"]),
            (Field::Title, &["Subject"]),
            (Field::Opened, &["Created at"]),
            (Field::Resolved, &["Solved at"]),
            (Field::ReopenCount, &["Reopens"]),
        ],
        dimensions: &[
            ("priority", &["Priority"], &[]),
            ("status", &["Status"], &[]),
            ("assignment_group", &["Group"], &[]),
            ("assignee", &["Assignee"], &[]),
            ("channel", &["Via"], &[]),
            ("organization", &["Organization"], &[]),
            ("satisfaction", &["Satisfaction Score"], &[]),
        ],
        formats: &[],
        null_tokens: &[""],
        opening_statuses: None,
    },
    // Freshservice tickets: the ticket list's CSV export (display names) or
    // API v2 fields (codes renamed to labels).
    Table {
        name: "freshservice",
        event_log: false,
        fields: &[
            (Field::Id, &["Ticket ID", "id"]),
            (Field::Kind, &["Type"]),
            (Field::Title, &["Subject"]),
            (Field::Opened, &["Created time", "created_at"]),
            (Field::FirstResponse, &["Initial response time", "first_responded_at"]),
            (Field::Resolved, &["Resolved time", "resolved_at"]),
            (Field::Closed, &["Closed time", "closed_at"]),
        ],
        dimensions: &[
            ("priority", &["Priority"], FRESH_PRIORITIES),
            ("status", &["Status"], FRESH_STATUSES),
            ("channel", &["Source"], &[]),
            ("assignment_group", &["Group", "group_id"], &[]),
            ("assignee", &["Agent", "responder_id"], &[]),
        ],
        formats: &[],
        null_tokens: &[""],
        opening_statuses: None,
    },
    // GLPI ticket list exported as CSV from the search engine: columns named
    // by the search options, dates as the user's date format.
    Table {
        name: "glpi",
        event_log: false,
        fields: &[
            (Field::Id, &["ID"]),
            (Field::Title, &["Title"]),
            (Field::Opened, &["Opening date"]),
            (Field::Resolved, &["Resolution date"]),
            (Field::Closed, &["Closing date"]),
        ],
        dimensions: &[
            ("priority", &["Priority"], &[]),
            ("status", &["Status"], &[]),
            ("urgency", &["Urgency"], &[]),
            ("impact", &["Impact"], &[]),
            ("category", &["Category"], &[]),
            ("entity", &["Entity"], &[]),
            ("assignment_group", &["Technician group"], &[]),
            ("assignee", &["Technician"], &[]),
        ],
        formats: &["%d-%m-%Y %H:%M"],
        null_tokens: &[""],
        opening_statuses: None,
    },
    // OTRS / Znuny statistic "Ticketlist" exported as CSV: attribute names
    // as column names, times `YYYY-MM-DD HH:MM:SS`, followed by the zone in
    // parentheses when the statistic was run with a time zone.
    Table {
        name: "otrs",
        event_log: false,
        fields: &[
            (Field::Id, &["Ticket#"]),
            (Field::Kind, &["Type"]),
            (Field::Title, &["Title"]),
            (Field::Opened, &["Created"]),
            (Field::FirstResponse, &["FirstResponse"]),
            (Field::Resolved, &["Close Time"]),
        ],
        dimensions: &[
            ("priority", &["Priority"], &[]),
            ("status", &["State"], &[]),
            ("state_type", &["StateType"], &[]),
            ("queue", &["Queue"], &[]),
            ("service", &["Service"], &[]),
            ("sla", &["SLA"], &[]),
            ("assignee", &["Agent/Owner"], &[]),
            ("customer", &["Customer ID"], &[]),
        ],
        // chrono's `%Z` skips every character up to white space, the closing
        // parenthesis included, so the format has none after it.
        formats: &["%Y-%m-%d %H:%M:%S (%Z"],
        null_tokens: &[""],
        opening_statuses: None,
    },
    // A process-mining event log in CSV: XES attribute names (as pm4py
    // writes them, and the BPI Challenge logs) or pm4py's plain names; the
    // activity is the status, the case opens at its first event.
    Table {
        name: "process-mining",
        event_log: true,
        fields: &[
            (Field::Id, &["case:concept:name", "case_id"]),
            (Field::Status, &["concept:name", "activity"]),
            (Field::Updated, &["time:timestamp", "timestamp"]),
            (Field::Opened, &["time:timestamp", "timestamp"]),
            (Field::AssignmentGroup, &["org:group"]),
            (Field::Assignee, &["org:resource", "resource"]),
        ],
        dimensions: &[("lifecycle", &["lifecycle:transition"], &[]), ("role", &["org:role"], &[])],
        formats: &[],
        null_tokens: &[""],
        opening_statuses: None,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_list_every_table() {
        let names: Vec<&str> = TABLES.iter().map(|t| t.name).collect();
        assert_eq!(names, NAMES);
        assert!(NAMES.iter().all(|n| get(n).is_some_and(|p| p.name == *n)));
        assert!(get("topdesk").is_none());
    }
}
