//! Every kind of row error with its exact row and column, strict and
//! lenient modes, limits, and the warnings on inconsistent timestamps.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{at, load_csv, load_json};
use serde_json::json;
use sla_scorecard::support::error::RowError;
use sla_scorecard::Error;

fn mapping() -> serde_json::Value {
    json!({"id": "id", "opened": "opened", "resolved": "resolved", "reopenCount": "reopens", "slaMet": "sla", "csat": "score"})
}

/// The strict-mode error of `text` (header `id,opened,resolved,reopens,sla,score`).
fn strict_error(rows: &str) -> RowError {
    let text = format!("id,opened,resolved,reopens,sla,score\n{rows}");
    match load_csv(&text, json!({"mapping": mapping()})) {
        Err(Error::Row(e)) => e,
        other => panic!("expected a row error, got {other:?}"),
    }
}

const GOOD: &str = "A,2026-03-02 09:00,,0,true,3\n";

fn row_error(row: usize, column: &str, value: &str) -> (usize, String, String) {
    (row, column.to_string(), value.to_string())
}

fn facts(e: &RowError) -> (usize, String, String) {
    (e.row, e.column.clone(), e.value.clone())
}

#[test]
fn unreadable_timestamp() {
    let e = strict_error(&format!("{GOOD}B,31/31/2026 10:00,,0,true,3\n"));
    assert_eq!(facts(&e), row_error(2, "opened", "31/31/2026 10:00"));
    assert!(e.reason.starts_with("is not a timestamp; expected ISO 8601"), "{}", e.reason);
    assert!(Error::Row(e).to_string().starts_with("row 2, column \"opened\": \"31/31/2026 10:00\" is not a timestamp"));
}

#[test]
fn required_value_missing() {
    let e = strict_error(&format!("{GOOD}B,?,,0,true,3\n"));
    assert_eq!(facts(&e), row_error(2, "opened", "?"));
    assert_eq!(e.reason, "has no value, but opened is required");
    let e = strict_error(&format!("{GOOD},2026-03-02 09:00,,0,true,3\n"));
    assert_eq!(facts(&e), row_error(2, "id", ""));
}

#[test]
fn bad_flag_count_and_score() {
    let e = strict_error(&format!("{GOOD}{GOOD}C,2026-03-02 09:00,,0,perhaps,3\n").replacen("A,", "B,", 1));
    assert_eq!(facts(&e), row_error(3, "sla", "perhaps"));
    assert!(e.reason.starts_with("is not a yes/no value"));
    let e = strict_error("A,2026-03-02 09:00,,-1,true,3\n");
    assert_eq!(facts(&e), row_error(1, "reopens", "-1"));
    let e = strict_error("A,2026-03-02 09:00,,0,true,7\n");
    assert_eq!(facts(&e), row_error(1, "score", "7"));
    assert_eq!(e.reason, "is outside the satisfaction scale 1..5 (csatScale)");
}

#[test]
fn duplicate_ticket_id() {
    let e = strict_error(&format!("{GOOD}B,2026-03-02 09:00,,0,true,3\n{GOOD}"));
    assert_eq!(facts(&e), row_error(3, "id", "A"));
    assert_eq!(e.reason, "is a duplicate id (first in row 1)");
}

#[test]
fn wrong_number_of_fields() {
    let e = strict_error(&format!("{GOOD}B,2026-03-02 09:00\n"));
    assert_eq!(facts(&e), row_error(2, "", ""));
    assert_eq!(e.reason, "has 2 fields but the header has 6 columns");
}

#[test]
fn field_over_the_size_limit() {
    let text = format!("id,opened,note\nA,2026-03-02 09:00,{}\n", "x".repeat(40));
    let e = load_csv(&text, json!({"mapping": {"id": "id", "opened": "opened"}, "maxFieldBytes": 32})).unwrap_err();
    let Error::Row(e) = e else { panic!("{e}") };
    assert_eq!((e.row, e.column.as_str()), (1, "note"));
    assert_eq!(e.reason, "is 40 bytes long, over the limit of 32 bytes; raise maxFieldBytes to load it");
}

#[test]
fn too_many_rows() {
    let text = format!("id,opened\n{}", (0..4).map(|i| format!("T{i},2026-03-02 09:00\n")).collect::<String>());
    let e = load_csv(&text, json!({"mapping": {"id": "id", "opened": "opened"}, "maxRows": 3, "mode": "lenient"})).unwrap_err();
    assert_eq!(e.to_string(), "maxRows: the input reached row 4, over the limit of 3 rows; raise maxRows to load it");
    assert!(load_csv(&text, json!({"mapping": {"id": "id", "opened": "opened"}, "maxRows": 4})).is_ok());
}

#[test]
fn change_type_and_outcome() {
    let m = json!({"record": "changes", "mapping": {"id": "id", "type": "type", "outcome": "outcome", "start": "start"}});
    let e = load_csv("id,type,outcome,start\nC1,urgent,,2026-03-02T09:00:00Z\n", m.clone()).unwrap_err();
    let Error::Row(e) = e else { panic!("{e}") };
    assert_eq!(facts(&e), row_error(1, "type", "urgent"));
    let e = load_csv("id,type,outcome,start\nC1,normal,ok,2026-03-02T09:00:00Z\n", m).unwrap_err();
    let Error::Row(e) = e else { panic!("{e}") };
    assert_eq!(facts(&e), row_error(1, "outcome", "ok"));
}

#[test]
fn json_items_that_are_not_objects_or_hold_nested_values() {
    let rows = json!([{"id": "A", "opened": "2026-03-02T09:00:00Z"}, ["B"], {"id": {"x": 1}, "opened": "2026-03-02T09:00:00Z"}]);
    let l = load_json(&rows, json!({"mapping": {"id": "id", "opened": "opened"}, "mode": "lenient"})).unwrap();
    assert_eq!((l.summary.rows_read, l.summary.loaded, l.summary.rejected), (3, 1, 2));
    assert_eq!(facts(&l.summary.errors[0]), row_error(2, "", ""));
    assert_eq!(l.summary.errors[0].reason, "is an array, expected an object");
    assert_eq!(facts(&l.summary.errors[1]), row_error(3, "id", "[object]"));
    let e = load_json(&json!({"id": 1}), json!({"mapping": {"id": "id", "opened": "opened"}})).unwrap_err();
    assert_eq!(e.to_string(), "input: expected an array of objects, found an object");
}

#[test]
fn lenient_mode_lists_every_bad_row_and_keeps_the_rest() {
    let text = "id,opened,resolved,reopens,sla,score\n\
A,2026-03-02 09:00,,0,true,3\n\
B,yesterday,,0,true,3\n\
C,2026-03-02 09:00,,x,true,3\n\
A,2026-03-02 09:00,,0,true,3\n\
D,2026-03-02 09:00\n\
E,2026-03-02 10:00,2026-03-02 11:00,0,false,\n";
    let l = load_csv(text, json!({"mapping": mapping(), "mode": "lenient"})).unwrap();
    let s = &l.summary;
    assert_eq!((s.rows_read, s.loaded, s.rejected, s.tickets), (6, 2, 4, 2));
    assert_eq!(s.loaded + s.rejected, s.rows_read);
    let listed: Vec<_> = s.errors.iter().map(facts).collect();
    assert_eq!(listed, [row_error(2, "opened", "yesterday"), row_error(3, "reopens", "x"), row_error(4, "id", "A"), row_error(5, "", "")]);
    assert_eq!(l.dataset.tickets.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(), ["A", "E"]);
    assert_eq!(l.dataset.tickets[1].source_row, 6);
}

#[test]
fn inconsistent_timestamps_are_flagged_not_fixed() {
    let text = "id,opened,resolved,closed\n\
A,2026-03-02 09:00,2026-03-02 08:00,2026-03-02 10:00\n\
B,2026-03-02 09:00,2026-03-02 12:00,2026-03-02 11:00\n\
C,2026-05-02 09:00,,\n";
    let l = load_csv(
        text,
        json!({"mapping": {"id": "id", "opened": "opened", "resolved": "resolved", "closed": "closed"},
                                  "asOf": "2026-04-01T00:00:00Z"}),
    )
    .unwrap();
    let w: Vec<_> = l.summary.warnings.iter().map(|w| (w.row, w.record.as_str(), w.column.as_str(), w.code, w.value.as_str())).collect();
    assert_eq!(
        w,
        [
            (1, "A", "resolved", "beforeOpened", "2026-03-02T08:00:00Z"),
            (2, "B", "closed", "closedBeforeResolved", "2026-03-02T11:00:00Z"),
            (3, "C", "opened", "afterAsOf", "2026-05-02T09:00:00Z"),
        ]
    );
    // Kept as given.
    assert_eq!(l.dataset.tickets[0].resolved.get(), Some(at("2026-03-02T08:00:00Z")));
    assert_eq!(l.summary.loaded, 3);
}

#[test]
fn event_log_bad_row_is_skipped_and_the_ticket_kept() {
    let text = "id,state,updated,opened\n\
A,New,2026-03-02 09:00,2026-03-02 09:00\n\
A,Active,not a time,2026-03-02 09:00\n\
A,Resolved,2026-03-02 11:00,2026-03-02 09:00\n";
    let m = json!({"id": "id", "status": "state", "updated": "updated", "opened": "opened"});
    let l = load_csv(text, json!({"mapping": m, "eventLog": true, "mode": "lenient"})).unwrap();
    assert_eq!((l.summary.rows_read, l.summary.loaded, l.summary.rejected, l.summary.tickets), (3, 2, 1, 1));
    assert_eq!(facts(&l.summary.errors[0]), row_error(2, "updated", "not a time"));
    assert_eq!(l.dataset.tickets[0].statuses().len(), 2);
    let e = load_csv(text, json!({"mapping": m, "eventLog": true})).unwrap_err();
    assert!(e.to_string().starts_with("row 2, column \"updated\": \"not a time\" is not a timestamp"), "{e}");
}

#[test]
fn mapping_problems_name_their_path() {
    let e = load_csv("id,opened\n", json!({"mapping": {"id": "id"}})).unwrap_err();
    assert_eq!(e.to_string(), "mapping.opened: is required for this kind of record but not mapped");
    let e = load_csv("id,opened,state\n", json!({"mapping": {"id": "id", "opened": "opened", "status": "state"}})).unwrap_err();
    assert!(e.to_string().starts_with("mapping.status: is not read for this kind of record; a flat list has no history"), "{e}");
    let e = load_csv("a,b\n", json!({"preset": "jira"})).unwrap_err();
    assert_eq!(e.to_string(), "preset[\"jira\"].id: column \"Issue key\" is not in the input; available columns: \"a\", \"b\"");
}
