//! The presets of other vendors' exports on test files written in each
//! export's layout (tests/data/presets/, sources in docs/ingest.md), with
//! the expected figures computed by tests/data/presets/expected.py.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{at, load_csv};
use serde_json::json;
use sla_scorecard::ingest::model::Dataset;
use sla_scorecard::ingest::Loaded;
use std::collections::BTreeMap;

fn load(name: &str, options: serde_json::Value) -> Loaded {
    let path = format!("{}/tests/data/presets/{name}.csv", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    load_csv(&text, options).unwrap()
}

/// (rows read, loaded, rejected, tickets).
fn counts(l: &Loaded) -> (usize, usize, usize, usize) {
    (l.summary.rows_read, l.summary.loaded, l.summary.rejected, l.summary.tickets)
}

fn resolved(ds: &Dataset) -> usize {
    ds.tickets.iter().filter(|t| t.resolved.get().is_some()).count()
}

/// Loaded tickets per value of a dimension (tickets without a value left out).
fn per_value(ds: &Dataset, dimension: &str) -> BTreeMap<String, usize> {
    let d = ds.dimension_index(dimension).unwrap();
    let mut out = BTreeMap::new();
    for t in &ds.tickets {
        if let Some(v) = ds.dimension_value(t, d) {
            *out.entry(v.to_string()).or_insert(0) += 1;
        }
    }
    out
}

fn map(pairs: &[(&str, usize)]) -> BTreeMap<String, usize> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

// The figures below are the output of `python3 tests/data/presets/expected.py`
// (regenerate them with it when a test file changes).

#[test]
fn zendesk_csv_export() {
    let l = load("zendesk", json!({"preset": "zendesk", "mode": "lenient", "timezone": "America/New_York"}));
    assert_eq!(counts(&l), (24, 21, 3, 21));
    let ds = &l.dataset;
    assert_eq!(resolved(ds), 11);
    assert_eq!(per_value(ds, "priority"), map(&[("High", 3), ("Low", 6), ("Normal", 7), ("Urgent", 5)]));
    assert_eq!(per_value(ds, "status"), map(&[("Closed", 7), ("New", 3), ("On-hold", 2), ("Open", 3), ("Pending", 2), ("Solved", 4)]));
    // The refused rows: an impossible date (row 7), a negative reopen count (row 14), a repeated id (row 21).
    assert_eq!(l.summary.errors.iter().map(|e| (e.row, e.column.as_str())).collect::<Vec<_>>(), [(7, "Created at"), (14, "Reopens"), (21, "Id")]);
    // Times are in the account's zone: 08:13 in New York on 4 March 2024 (EST, UTC-5) = 13:13Z.
    let first = &ds.tickets[0];
    assert_eq!((first.id.as_str(), first.opened, first.title.as_str()), ("1001", at("2024-03-04T13:13:00Z"), "Invoice, March"));
    assert_eq!(ds.tickets[1].title, "Printer says \"paper jam\"");
}

#[test]
fn freshservice_ticket_export() {
    let l = load("freshservice", json!({"preset": "freshservice", "mode": "lenient"}));
    assert_eq!(counts(&l), (20, 17, 3, 17));
    let ds = &l.dataset;
    assert_eq!(resolved(ds), 10);
    assert_eq!(per_value(ds, "priority"), map(&[("High", 4), ("Low", 8), ("Medium", 2), ("Urgent", 3)]));
    assert_eq!(per_value(ds, "status"), map(&[("Closed", 4), ("Open", 3), ("Pending", 4), ("Resolved", 6)]));
    let first = &ds.tickets[0];
    assert_eq!((first.id.as_str(), first.opened, ds.strings.get(first.kind)), ("#INC-200", at("2024-03-04T08:49:00Z"), "Service Request"));
}

#[test]
fn freshservice_api_codes_become_labels() {
    let text = "id,subject,status,priority,created_at,resolved_at\n7,Disk full,4,3,2024-03-04T08:00:00Z,2024-03-04T10:30:00Z\n";
    let l = load_csv(text, json!({"preset": "freshservice"})).unwrap();
    let ds = &l.dataset;
    let t = &ds.tickets[0];
    assert_eq!((per_value(ds, "status"), per_value(ds, "priority")), (map(&[("Resolved", 1)]), map(&[("High", 1)])));
    // 10:30 - 08:00 = 2.5 h = 9000 s.
    assert_eq!(t.resolved.get().unwrap() - t.opened, 9000);
}

#[test]
fn glpi_ticket_list_export() {
    let l = load("glpi", json!({"preset": "glpi", "mode": "lenient", "timezone": "Europe/Paris"}));
    assert_eq!(counts(&l), (18, 15, 3, 15));
    let ds = &l.dataset;
    assert_eq!(resolved(ds), 9);
    assert_eq!(per_value(ds, "status"), map(&[("Closed", 5), ("New", 4), ("Pending", 1), ("Processing (planned)", 1), ("Solved", 4)]));
    assert_eq!(per_value(ds, "priority"), map(&[("High", 4), ("Low", 1), ("Medium", 7), ("Very high", 3)]));
    // DD-MM-YYYY in Paris (CET, UTC+1): 04-03-2024 08:03 = 07:03Z; the ; inside quotes is data.
    let first = &ds.tickets[0];
    assert_eq!((first.id.as_str(), first.opened, first.title.as_str()), ("40", at("2024-03-04T07:03:00Z"), "Accès VPN; urgent"));
}

#[test]
fn otrs_ticket_list_statistic() {
    let l = load("otrs", json!({"preset": "otrs", "mode": "lenient", "timezone": "Europe/Berlin"}));
    assert_eq!(counts(&l), (22, 19, 3, 19));
    let ds = &l.dataset;
    assert_eq!(resolved(ds), 9);
    assert_eq!(per_value(ds, "status"), map(&[("closed successful", 5), ("closed unsuccessful", 4), ("new", 1), ("open", 4), ("pending reminder", 5)]));
    assert_eq!(per_value(ds, "state_type"), map(&[("closed", 9), ("new", 1), ("open", 4), ("pending reminder", 5)]));
    // "2024-03-04 08:29:00 (Europe/Berlin)" read in Berlin (CET, UTC+1) = 07:29Z; first response 08:45 = 07:45Z.
    let first = &ds.tickets[0];
    assert_eq!((first.id.as_str(), first.opened, first.first_response.get()), ("20240304100000", at("2024-03-04T07:29:00Z"), Some(at("2024-03-04T07:45:00Z"))));
}

#[test]
fn process_mining_event_log() {
    let l = load("process-mining", json!({"preset": "process-mining", "mode": "lenient"}));
    assert_eq!(counts(&l), (43, 41, 2, 12));
    let ds = &l.dataset;
    let changes: usize = ds.tickets.iter().map(|t| t.statuses().len() - 1).sum();
    assert_eq!(changes, 22);
    let last_status = |status: &str| ds.tickets.iter().filter(|t| t.statuses().last().is_some_and(|s| ds.strings.get(s.status) == status)).count();
    assert_eq!(last_status("Completed"), 8);
    assert_eq!(ds.tickets.iter().filter(|t| t.first_response.get().is_some()).count(), 11);
    assert_eq!(per_value(ds, "lifecycle"), map(&[("Awaiting Assignment", 1), ("Closed", 3), ("In Progress", 2), ("Resolved", 5), ("Wait", 1)]));
    // No resolution column in an event log of activities: resolution comes from the statuses (a policy's resolvedStatuses).
    assert_eq!(resolved(ds), 0);
}
