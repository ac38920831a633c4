//! The sample event log against figures computed independently by
//! `tests/independent/sample_figures.py` (committed with its output
//! `tests/independent/sample_figures.json`; definitions in the script).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use serde_json::Value;

fn figures() -> Value {
    let text = include_str!("independent/sample_figures.json");
    serde_json::from_str(text).unwrap()
}

fn figure(name: &str) -> usize {
    figures()[name].as_u64().unwrap_or_else(|| panic!("figure {name}")) as usize
}

#[test]
fn sample_loads_completely() {
    let loaded = common::load_sample();
    let s = &loaded.summary;
    assert_eq!(s.rows_read, figure("events"));
    assert_eq!(s.loaded, figure("events"));
    assert_eq!(s.rejected, 0);
    assert!(s.errors.is_empty());
    assert_eq!(s.tickets, figure("incidents"));
    assert_eq!(loaded.dataset.tickets.len(), figure("incidents"));
}

#[test]
fn sample_resolutions_reopens_closures_and_sla_flags() {
    let ds = common::load_sample().dataset;
    assert_eq!(ds.tickets.iter().filter(|t| t.resolved.get().is_some()).count(), figure("resolved"));
    assert_eq!(ds.tickets.iter().filter(|t| t.closed.get().is_some()).count(), figure("closed"));
    assert_eq!(ds.tickets.iter().filter(|t| t.reopen_count > 0).count(), figure("reopened"));
    assert_eq!(ds.tickets.iter().filter(|t| t.source_sla_met == Some(false)).count(), figure("made_sla_false"));
}

#[test]
fn sample_status_and_assignment_changes() {
    let ds = common::load_sample().dataset;
    // The first entry of `statuses` is the opening status, not a change.
    let status_changes: usize = ds.tickets.iter().map(|t| t.statuses().len() - 1).sum();
    assert_eq!(status_changes, figure("status_changes"));
    let group_changes: usize = ds.tickets.iter().map(|t| t.assignments().len().saturating_sub(1)).sum();
    assert_eq!(group_changes, figure("assignment_group_changes"));
}

#[test]
fn sample_first_responses() {
    let ds = common::load_sample().dataset;
    let with: Vec<_> = ds.tickets.iter().filter_map(|t| t.first_response.get().map(|f| (f - t.opened) / 60)).collect();
    assert_eq!(with.len(), figure("first_responses"));
    assert_eq!(with.iter().sum::<i64>(), figure("first_response_minutes_total") as i64);
}

#[test]
fn sample_warnings_flag_updates_before_opening() {
    let s = common::load_sample().summary;
    let updates = s.warnings.iter().filter(|w| w.code == "beforeOpened" && w.column == "sys_updated_at").count();
    assert_eq!(updates, figure("updates_before_opened"));
    let resolutions = s.warnings.iter().filter(|w| w.code == "beforeOpened" && w.column == "resolved_at").count();
    assert_eq!(resolutions, figure("resolved_before_opened"));
}
