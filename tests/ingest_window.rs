//! `openedFrom` / `openedBefore`: the tickets opened in a window are
//! loaded, the rows of the others are skipped and counted
//! (docs/ingest.md, "Keeping a window of tickets"). Every expectation is
//! worked out by hand beside it.

use serde_json::{json, Value};
use sla_scorecard::ingest::{load, Input, LoadOptions, Loaded};

fn load_csv(text: &str, options: Value) -> Result<Loaded, String> {
    let options = LoadOptions::from_json(&options, "").map_err(|e| e.to_string())?;
    load(Input::Csv(text), &options).map_err(|e| e.to_string())
}

fn ids(l: &Loaded) -> Vec<&str> {
    l.dataset.tickets.iter().map(|t| t.id.as_str()).collect()
}

const FLAT: &str = "id,opened,priority\n\
T1,2026-02-28T23:59:59Z,P1\n\
T2,2026-03-01T00:00:00Z,P2\n\
T3,2026-03-31T23:59:59Z,P1\n\
T4,2026-04-01T00:00:00Z,P1\n\
T5,not a date,P1\n\
T2,2026-02-01T00:00:00Z,P1\n";

fn march(mode: &str) -> Value {
    json!({"mapping": {"id": "id", "opened": "opened", "dimensions": {"priority": "priority"}}, "mode": mode,
           "openedFrom": "2026-03-01T00:00:00Z", "openedBefore": "2026-04-01T00:00:00Z"})
}

#[test]
fn a_flat_list_keeps_the_tickets_opened_in_the_window() {
    let l = load_csv(FLAT, march("lenient")).unwrap();
    // T1 one second before the start: skipped. T2 at the start: kept (the
    // start is included). T3 one second before the end: kept. T4 at the
    // end: skipped (excluded). T5: no readable opening instant, refused.
    // The second T2, opened in February: skipped, so its id is not a
    // duplicate. 6 rows = 2 loaded + 1 rejected + 3 skipped.
    let s = &l.summary;
    assert_eq!((s.rows_read, s.loaded, s.rejected, s.skipped, s.tickets), (6, 2, 1, 3, 2));
    assert_eq!(ids(&l), ["T2", "T3"]);
    assert_eq!(s.errors.iter().map(|e| (e.row, e.column.as_str())).collect::<Vec<_>>(), [(5, "opened")]);
}

#[test]
fn skipped_rows_are_not_checked_in_strict_mode() {
    // Without T5 the strict load succeeds: the February T2 would be a
    // duplicate id, but it is skipped before its id is checked.
    let text = FLAT.replace("T5,not a date,P1\n", "");
    let l = load_csv(&text, march("strict")).unwrap();
    assert_eq!((l.summary.loaded, l.summary.skipped), (2, 3));
    // Without a window the same text fails on that duplicate (row 5).
    let e = load_csv(&text, json!({"mapping": {"id": "id", "opened": "opened"}})).unwrap_err();
    assert!(e.starts_with("row 5, column \"id\""), "{e}");
}

#[test]
fn the_window_compares_instants_not_local_times() {
    // Naive times read in Berlin (UTC+1 in winter): 2026-03-01 00:30 is
    // 2026-02-28T23:30:00Z, before a UTC March; 2026-03-01 01:30 is
    // 00:30Z, inside. With the window written in Berlin's offset both are
    // inside (00:30 Berlin ≥ 00:00+01:00).
    let text = "id,opened\nA,2026-03-01 00:30\nB,2026-03-01 01:30\n";
    let utc = load_csv(text, json!({"mapping": {"id": "id", "opened": "opened"}, "timezone": "Europe/Berlin", "openedFrom": "2026-03-01T00:00:00Z"})).unwrap();
    assert_eq!((ids(&utc), utc.summary.skipped), (vec!["B"], 1));
    let berlin =
        load_csv(text, json!({"mapping": {"id": "id", "opened": "opened"}, "timezone": "Europe/Berlin", "openedFrom": "2026-03-01T00:00:00+01:00"})).unwrap();
    assert_eq!((ids(&berlin), berlin.summary.skipped), (vec!["A", "B"], 0));
}

#[test]
fn an_event_log_keeps_or_skips_a_ticket_with_its_rows() {
    // E1 opened in February: both rows skipped. E2 opened 2 March: kept,
    // with its rows before and after E3's. E3 opened in April: skipped.
    let text = "id,opened,status,updated\n\
        E1,2026-02-20T09:00:00Z,New,2026-02-20T09:00:00Z\n\
        E1,2026-02-20T09:00:00Z,Resolved,2026-03-02T10:00:00Z\n\
        E2,2026-03-02T09:00:00Z,New,2026-03-02T09:00:00Z\n\
        E2,2026-03-02T09:00:00Z,Resolved,2026-03-02T11:00:00Z\n\
        E3,2026-04-02T09:00:00Z,New,2026-04-02T09:00:00Z\n\
        E2,2026-03-02T09:00:00Z,Closed,2026-03-03T09:00:00Z\n";
    let options = json!({"eventLog": true, "mapping": {"id": "id", "opened": "opened", "status": "status", "updated": "updated"},
                         "openedFrom": "2026-03-01T00:00:00Z", "openedBefore": "2026-04-01T00:00:00Z"});
    let l = load_csv(text, options).unwrap();
    let s = &l.summary;
    // 6 rows = 3 loaded (E2's) + 3 skipped (E1's two, E3's one).
    assert_eq!((s.rows_read, s.loaded, s.skipped, s.tickets), (6, 3, 3, 1));
    assert_eq!(ids(&l), ["E2"]);
    let e2 = &l.dataset.tickets[0];
    let statuses: Vec<(&str, i64)> = e2.statuses().iter().map(|c| (l.dataset.strings.get(c.status), c.at)).collect();
    // 2026-03-02T09:00:00Z = 1,772,442,000 (20,514 days × 86,400 + 9 h);
    // Resolved 2 h later, Closed a day after opening.
    assert_eq!(statuses, [("New", 1_772_442_000), ("Resolved", 1_772_449_200), ("Closed", 1_772_528_400)]);
}

#[test]
fn an_empty_or_misplaced_window_is_an_error() {
    let e = load_csv(FLAT, json!({"mapping": {"id": "id", "opened": "opened"}, "openedFrom": "2026-04-01T00:00:00Z", "openedBefore": "2026-03-01T00:00:00Z"}))
        .unwrap_err();
    assert_eq!(e, "openedBefore: 2026-03-01T00:00:00Z is not after openedFrom 2026-04-01T00:00:00Z: the window is empty");
    let e =
        load_csv("service,start\n", json!({"record": "outages", "mapping": {"service": "service", "start": "start"}, "openedFrom": "2026-04-01T00:00:00Z"}))
            .unwrap_err();
    assert_eq!(e, "openedFrom: applies to tickets; outages and changes load whole");
    let e = load_csv(FLAT, json!({"mapping": {"id": "id", "opened": "opened"}, "openedFrom": "March"})).unwrap_err();
    assert!(e.starts_with("openedFrom: \"March\" is not an ISO 8601 instant"), "{e}");
}
