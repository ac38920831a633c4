//! Effective-dated policy versions (`versions`, `versionBy`; docs/sla.md
//! §3.7), with expectations worked out by hand (arithmetic in the comments).
//!
//! Calendar "office": Monday–Friday 09:00–17:00 UTC. July 2026: the 1st is
//! a Wednesday (2026-03-02 is a Monday, and 1 July is 121 = 17 × 7 + 2 days
//! later), so Tuesday 14 and Wednesday 15 July are working days. The policy
//! "res" has an 8 h resolution target, and 4 h from 15 July (midnight UTC,
//! the office calendar's zone).

mod sla_common;

use serde_json::{json, Value};
use sla_common::*;
use sla_scorecard::ingest::model::Dataset;
use sla_scorecard::sla::policy::VersionBy;
use sla_scorecard::sla::report::{self, Attribution, Period, ReportOptions};
use sla_scorecard::sla::{evaluate, PolicySet, State};
use sla_scorecard::support::time::Instant;

/// "res": 8 h on the office calendar, 4 h from 2026-07-15, selected by `by`.
fn switching(by: &str) -> PolicySet {
    policies(json!([{"name": "res", "metric": "resolution", "target": "8h", "calendar": "office",
        "versions": [{"validFrom": "2026-07-15", "target": "4h"}], "versionBy": by}]))
}

/// Four tickets around the switch, each resolved (opened → resolved):
/// A Tue 14 10:00 → Wed 15 09:30; B Wed 15 09:00 → 15:00;
/// C Wed 15 00:00:00 (the first instant of the version) → 14:00;
/// D Tue 14 23:59:59 (the last second before it) → Wed 15 14:00.
fn around_the_switch() -> Dataset {
    dataset(&[
        Spec { resolved: Some(t("2026-07-15T09:30:00Z")), ..spec(t("2026-07-14T10:00:00Z")) },
        Spec { resolved: Some(t("2026-07-15T15:00:00Z")), ..spec(t("2026-07-15T09:00:00Z")) },
        Spec { resolved: Some(t("2026-07-15T14:00:00Z")), ..spec(t("2026-07-15T00:00:00Z")) },
        Spec { resolved: Some(t("2026-07-15T14:00:00Z")), ..spec(t("2026-07-14T23:59:59Z")) },
    ])
}

/// (version, state, elapsed, target, due) of each outcome.
type Row = (u32, State, i64, i64, Option<Instant>);

fn rows(set: &PolicySet, data: &Dataset, as_of: Instant) -> Vec<Row> {
    evaluate(data, set, as_of).outcomes.iter().map(|o| (o.version, o.state, o.elapsed, o.target, o.due)).collect()
}

#[test]
fn a_target_switching_mid_month_by_opening() {
    let (base, v1) = (8 * H, 4 * H); // 28,800 s and 14,400 s
    let got = rows(&switching("opened"), &around_the_switch(), t("2026-08-01T00:00:00Z"));
    assert_eq!(
        got,
        vec![
            // A, opened before the 15th → 8 h. Tue 10:00–17:00 = 7 h, Wed 09:00–09:30 = 30 min →
            // 7 h 30 = 27,000 s. Due: 7 h on Tuesday + 1 h → Wed 10:00; stopped 09:30 → met.
            (0, State::Met, 27_000, base, Some(t("2026-07-15T10:00:00Z"))),
            // B, opened on the 15th → 4 h. Wed 09:00–15:00 = 6 h = 21,600 s > 4 h; due 09:00 + 4 h = 13:00.
            (1, State::Breached, 21_600, v1, Some(t("2026-07-15T13:00:00Z"))),
            // C, opened at 00:00:00 on the 15th: validFrom is inclusive → 4 h. Working time starts
            // at 09:00: 09:00–14:00 = 5 h = 18,000 s; due 13:00 → breached.
            (1, State::Breached, 18_000, v1, Some(t("2026-07-15T13:00:00Z"))),
            // D, opened one second earlier → 8 h. The same 5 h = 18,000 s; due 09:00 + 8 h = 17:00 → met.
            (0, State::Met, 18_000, base, Some(t("2026-07-15T17:00:00Z"))),
        ]
    );
}

#[test]
fn a_target_switching_mid_month_by_stop() {
    // Under "stopped" every ticket stopped on the 15th: all four use 4 h.
    // A: 27,000 s (as above) > 14,400; due Tue 10:00 + 4 h = Tue 14:00 → breached.
    // D: due Wed 09:00 + 4 h = 13:00, stopped 14:00 → breached (it was met by opening).
    let data = around_the_switch();
    let got = rows(&switching("stopped"), &data, t("2026-08-01T00:00:00Z"));
    let v1 = 4 * H;
    assert_eq!(
        got,
        vec![
            (1, State::Breached, 27_000, v1, Some(t("2026-07-14T14:00:00Z"))),
            (1, State::Breached, 21_600, v1, Some(t("2026-07-15T13:00:00Z"))),
            (1, State::Breached, 18_000, v1, Some(t("2026-07-15T13:00:00Z"))),
            (1, State::Breached, 18_000, v1, Some(t("2026-07-15T13:00:00Z"))),
        ]
    );
    // A still-running clock is versioned at the evaluation instant: ticket E, opened
    // Mon 13 July 09:00 and never resolved. As of Tue 14 12:00 (before the switch) → 8 h:
    // Mon 8 h + Tue 09:00–12:00 3 h = 11 h = 39,600 s > 8 h → breached at Mon 17:00.
    let open = dataset(&[spec(t("2026-07-13T09:00:00Z"))]);
    let set = switching("stopped");
    assert_eq!(rows(&set, &open, t("2026-07-14T12:00:00Z")), vec![(0, State::Breached, 39_600, 8 * H, Some(t("2026-07-13T17:00:00Z")))]);
    // As of Wed 15 10:00 → 4 h: 8 h + 8 h + 1 h = 17 h = 61,200 s; due Mon 09:00 + 4 h = 13:00.
    assert_eq!(rows(&set, &open, t("2026-07-15T10:00:00Z")), vec![(1, State::Breached, 61_200, 4 * H, Some(t("2026-07-13T13:00:00Z")))]);
    // Under "opened" it keeps 8 h at both instants.
    assert_eq!(rows(&switching("opened"), &open, t("2026-07-15T10:00:00Z"))[0].0, 0);
}

/// (policy, version, period, met, breached, compliance) of a compliance row.
type Counted = (String, Option<String>, String, u64, u64, Option<f64>);

#[test]
fn compliance_shows_the_version_each_outcome_used() {
    let data = around_the_switch();
    let set = switching("opened");
    let e = evaluate(&data, &set, t("2026-08-01T00:00:00Z"));
    let opts = ReportOptions { period: Period::Month, by: Attribution::Stop, dimension: None, zone: None };
    let rows: Vec<Counted> =
        report::compliance(&data, &set, &e, &opts).unwrap().into_iter().map(|r| (r.policy, r.version, r.period, r.met, r.breached, r.compliance)).collect();
    // July: A and D under the policy's own 8 h (both met → 100 %), B and C under the
    // version from the 15th (both breached → 0 %).
    let row = |v: &str, met, breached, c| ("res".to_string(), Some(v.to_string()), "2026-07".to_string(), met, breached, Some(c));
    assert_eq!(rows, vec![row("base", 2, 0, 100.0), row("from 2026-07-15", 0, 2, 0.0)]);
    let csv = report::compliance_csv(&report::compliance(&data, &set, &e, &opts).unwrap());
    assert_eq!(
        csv,
        "policy,version,period,value,met,breached,in_progress,at_risk,paused,not_applicable,compliance_percent\n\
         res,base,2026-07,,2,0,0,0,0,0,100.00\n\
         res,from 2026-07-15,2026-07,,0,2,0,0,0,0,0.00\n"
    );
    // The version of every outcome (A, B, C, D in order).
    assert_eq!(report::outcome_versions(&set, &e.outcomes), vec![Some("base"), Some("from 2026-07-15"), Some("from 2026-07-15"), Some("base")]);
    // A policy without versions: no version on its rows, no column, nothing listed; 8 h for
    // all four: A 7 h 30, B 6 h, C 5 h, D 5 h → 4 met.
    let plain = policies(json!([{"name": "res", "metric": "resolution", "target": "8h", "calendar": "office"}]));
    let e = evaluate(&data, &plain, t("2026-08-01T00:00:00Z"));
    let rows = report::compliance(&data, &plain, &e, &opts).unwrap();
    assert_eq!(rows.iter().map(|r| (r.version.clone(), r.met, r.breached)).collect::<Vec<_>>(), vec![(None, 4, 0)]);
    assert!(report::compliance_csv(&rows).starts_with("policy,period,"));
    assert!(serde_json::to_value(&rows[0]).unwrap().get("version").is_none());
    assert_eq!(report::outcome_versions(&plain, &e.outcomes), vec![None; 4]);
}

#[test]
fn a_version_changes_calendar_and_pauses_and_ends() {
    // From 15 July to 20 July (exclusive) "res" runs on 24x7 and pauses in "Waiting"; the
    // target stays the policy's own 8 h. Named "summer".
    let set = policies(json!([{"name": "res", "metric": "resolution", "target": "8h", "calendar": "office", "pauseStatuses": ["On Hold"],
        "versions": [{"validFrom": "2026-07-15", "validTo": "2026-07-20", "name": "summer", "calendar": "24x7", "pauseStatuses": ["Waiting"]}]}]));
    let statuses = [(t("2026-07-15T10:00:00Z"), "New"), (t("2026-07-15T11:00:00Z"), "Waiting"), (t("2026-07-15T13:00:00Z"), "Active")];
    let f = Spec { statuses: &statuses, resolved: Some(t("2026-07-15T20:00:00Z")), ..spec(t("2026-07-15T10:00:00Z")) };
    let statuses_g = [(t("2026-07-20T10:00:00Z"), "New"), (t("2026-07-20T11:00:00Z"), "Waiting"), (t("2026-07-20T13:00:00Z"), "Active")];
    let g = Spec { statuses: &statuses_g, resolved: Some(t("2026-07-20T20:00:00Z")), ..spec(t("2026-07-20T10:00:00Z")) };
    let data = dataset(&[f, g]);
    let e = evaluate(&data, &set, t("2026-08-01T00:00:00Z"));
    let got: Vec<(u32, State, i64, i64, i64)> = e.outcomes.iter().map(|o| (o.version, o.state, o.elapsed, o.paused, o.target)).collect();
    assert_eq!(
        got,
        vec![
            // F (Wed 15, in "summer"): 24x7, 10:00–20:00 = 10 h less Waiting 11:00–13:00 = 8 h =
            // 28,800 s counted, 7,200 s paused; 8 h target reached exactly at the stop → met.
            (1, State::Met, 28_800, 7_200, 8 * H),
            // G (Mon 20, validTo is exclusive → the policy's own fields): office hours 10:00–17:00
            // = 7 h = 25,200 s, "Waiting" does not pause → nothing paused; 7 h < 8 h → met.
            (0, State::Met, 25_200, 0, 8 * H),
        ]
    );
    assert_eq!(report::outcome_versions(&set, &e.outcomes), vec![Some("summer"), Some("base")]);
}

#[test]
fn dates_are_read_in_the_zone_of_the_policy_calendar() {
    let doc = |calendar: Value, from: &str| {
        json!({"calendars": {"berlin": {"timezone": "Europe/Berlin", "week": {"mon": [["09:00", "17:00"]]}}},
            "policies": [{"name": "p", "metric": "response", "target": "1h", "calendar": calendar, "versions": [{"validFrom": from, "target": "2h"}]}]})
    };
    let from = |calendar: Value, text: &str| PolicySet::from_json(&doc(calendar, text), "").unwrap().policies[0].versions[0].from;
    // Berlin is on CEST (UTC+2) in July: local midnight on 15 July is 22:00 UTC on the 14th.
    assert_eq!(from(json!("berlin"), "2026-07-15"), t("2026-07-14T22:00:00Z"));
    // A date and time without offset is read on the same wall clock: 08:30 CEST = 06:30 UTC.
    assert_eq!(from(json!("berlin"), "2026-07-15T08:30"), t("2026-07-15T06:30:00Z"));
    // An instant with an offset is taken as written, whatever the calendar.
    assert_eq!(from(json!("berlin"), "2026-07-15T00:00:00Z"), t("2026-07-15T00:00:00Z"));
    // 24x7 has no zone: UTC.
    assert_eq!(from(json!("24x7"), "2026-07-15"), t("2026-07-15T00:00:00Z"));
    // In January Berlin is on CET (UTC+1): midnight of 1 January is 23:00 UTC the day before.
    assert_eq!(from(json!("berlin"), "2027-01-01"), t("2026-12-31T23:00:00Z"));
    let set = PolicySet::from_json(&doc(json!("berlin"), "2026-07-15"), "").unwrap();
    assert_eq!(set.policies[0].version_by, VersionBy::Opened);
    assert_eq!(set.policies[0].versions[0].label, "from 2026-07-15");
}

#[test]
fn version_errors_name_the_json_path() {
    let err = |versions: Value| {
        let doc = json!({"calendars": {"office": office()}, "policies": [
            {"name": "ok", "metric": "response", "target": "1h"},
            {"name": "p", "metric": "response", "target": "1h", "versions": versions}]});
        PolicySet::from_json(&doc, "").err().map(|e| e.to_string())
    };
    // Out of order, and overlapping (after an open-ended version, or before the end of the one before).
    let order = |v: &str, i: usize, j: usize| {
        Some(format!(
            "policies[1].versions[{i}].validFrom: \"{v}\" is before the end of policies[1].versions[{j}]: versions must be in time order and must not overlap"
        ))
    };
    assert_eq!(
        err(json!([{"validFrom": "2026-07-01", "validTo": "2026-07-10"}, {"validFrom": "2026-08-01"}, {"validFrom": "2026-07-15"}])),
        order("2026-07-15", 2, 1)
    );
    assert_eq!(
        err(json!([{"validFrom": "2026-07-01", "validTo": "2026-07-10"}, {"validFrom": "2026-06-01", "validTo": "2026-06-10"}])),
        order("2026-06-01", 1, 0)
    );
    assert_eq!(err(json!([{"validFrom": "2026-07-01"}, {"validFrom": "2026-08-01"}])), order("2026-08-01", 1, 0));
    assert_eq!(err(json!([{"validFrom": "2026-07-01", "validTo": "2026-08-02"}, {"validFrom": "2026-08-01"}])), order("2026-08-01", 1, 0));
    // Back to back (validTo = the next validFrom) is accepted: [from, to) intervals.
    assert_eq!(err(json!([{"validFrom": "2026-07-01", "validTo": "2026-08-01"}, {"validFrom": "2026-08-01"}])), None);
    assert_eq!(
        err(json!([{"validFrom": "2026-07-01", "validTo": "2026-07-01"}])).as_deref(),
        Some("policies[1].versions[0].validTo: \"2026-07-01\" is not after validFrom \"2026-07-01\"")
    );
    assert_eq!(
        err(json!([{"validFrom": "1 July"}])).as_deref(),
        Some("policies[1].versions[0].validFrom: \"1 July\" is not a date or an instant (expected e.g. \"2026-07-01\" or \"2026-07-01T00:00:00+02:00\")")
    );
    assert_eq!(err(json!([{"target": "2h"}])).as_deref(), Some("policies[1].versions[0].validFrom: is required but missing"));
    assert_eq!(
        err(json!([{"validFrom": "2026-07-01", "calendar": "home"}])).as_deref(),
        Some("policies[1].versions[0].calendar: \"home\" is not a defined calendar; defined: 24x7, office")
    );
    assert_eq!(
        err(json!([{"validFrom": "2026-07-01", "target": "2 hours"}])).as_deref(),
        Some("policies[1].versions[0].target: \"2 hours\" is not a duration (expected e.g. \"4h\", \"2d 4h\", \"30m\", \"1h30m\" or a number of seconds)")
    );
    assert_eq!(
        err(json!([{"validFrom": "2026-07-01", "warning": 0.5}])).as_deref(),
        Some("policies[1].versions[0].warning: unknown field `warning`, expected one of `validFrom`, `validTo`, `name`, `target`, `calendar`, `pauseStatuses`")
    );
    // Labels tell versions apart in reports: unique, and not "base".
    let taken = |name: &str, i: usize| {
        Some(format!(
            "policies[1].versions[{i}].name: \"{name}\" names another version of this policy; labels must be unique (\"base\" names the policy's own fields)"
        ))
    };
    assert_eq!(
        err(json!([{"validFrom": "2026-07-01", "validTo": "2026-08-01", "name": "2026"}, {"validFrom": "2026-09-01", "name": "2026"}])),
        taken("2026", 1)
    );
    assert_eq!(err(json!([{"validFrom": "2026-07-01", "name": "base"}])), taken("base", 0));
    let doc = json!({"policies": [{"name": "p", "metric": "response", "target": "1h", "versionBy": "closed"}]});
    assert_eq!(
        PolicySet::from_json(&doc, "").err().map(|e| e.to_string()).as_deref(),
        Some("policies[0].versionBy: unknown variant `closed`, expected `opened` or `stopped`")
    );
}
