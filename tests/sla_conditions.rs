//! Conditions on a ticket's dimensions over time (`runWhile` — OLA clocks —,
//! `pauseWhen`, `startWhen`, `stopWhen`; docs/sla.md §3.8) and the
//! negotiated goal (`dueAt`, §3.9), on an event log, with expectations
//! worked out by hand (arithmetic in the comments).
//!
//! Calendar "office": Monday–Friday 09:00–17:00 UTC; Monday 2 March 2026,
//! Tuesday 3 March. Every clock is a resolution clock stopped on entering
//! "Resolved".

mod common;
mod sla_common;

use common::load_csv;
use serde_json::{json, Value};
use sla_common::{policies, t, CONDITION_EVENTS, H};
use sla_scorecard::ingest::model::Dataset;
use sla_scorecard::sla::clock::SegmentKind;
use sla_scorecard::sla::{evaluate, report, PolicySet, State};
use sla_scorecard::support::time::Instant;

/// Changes with an agreed implementation date (`agreed`). C: agreed for
/// 3 March (a date: the end of that day), On Hold Mon 10:00–Tue 10:00,
/// resolved Tue 16:00. D: agreed for Mon 11:00, renegotiated at 10:30 to
/// Mon 12:00; On Hold 10:00–11:00; resolved 12:30. E: no agreed date,
/// resolved Mon 12:00.
const CHANGES: &str = "id,state,updated,opened,group,waiting,agreed
C,Active,2026-03-02T09:00:00Z,2026-03-02T09:00:00Z,Change,,2026-03-03
C,On Hold,2026-03-02T10:00:00Z,2026-03-02T09:00:00Z,Change,,2026-03-03
C,Active,2026-03-03T10:00:00Z,2026-03-02T09:00:00Z,Change,,2026-03-03
C,Resolved,2026-03-03T16:00:00Z,2026-03-02T09:00:00Z,Change,,2026-03-03
D,Active,2026-03-02T09:00:00Z,2026-03-02T09:00:00Z,Change,,2026-03-02T11:00:00Z
D,On Hold,2026-03-02T10:00:00Z,2026-03-02T09:00:00Z,Change,,2026-03-02T11:00:00Z
D,On Hold,2026-03-02T10:30:00Z,2026-03-02T09:00:00Z,Change,,2026-03-02T12:00:00Z
D,Active,2026-03-02T11:00:00Z,2026-03-02T09:00:00Z,Change,,2026-03-02T12:00:00Z
D,Resolved,2026-03-02T12:30:00Z,2026-03-02T09:00:00Z,Change,,2026-03-02T12:00:00Z
E,Active,2026-03-02T09:00:00Z,2026-03-02T09:00:00Z,Change,,
E,Resolved,2026-03-02T12:00:00Z,2026-03-02T09:00:00Z,Change,,
";

fn events(text: &str) -> Dataset {
    let mapping = json!({"id": "id", "status": "state", "updated": "updated", "opened": "opened", "assignmentGroup": "group",
        "dimensions": {"assignment_group": "group", "waiting_on": "waiting", "agreed": "agreed"}});
    load_csv(text, json!({"mapping": mapping, "eventLog": true})).unwrap().dataset
}

/// (ticket, policy, state, elapsed, target, due, stop, late, paused) of each outcome.
type Row = (String, String, State, i64, i64, Option<Instant>, Option<Instant>, Option<i64>, i64);

fn rows(data: &Dataset, set: &PolicySet, as_of: Instant) -> Vec<Row> {
    let e = evaluate(data, set, as_of);
    e.outcomes
        .iter()
        .map(|o| {
            let (ticket, policy) = (data.tickets[o.ticket].id.clone(), set.policies[o.policy].name.clone());
            (ticket, policy, o.state, o.elapsed, o.target, o.due, o.stop, o.late, o.paused)
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn row(ticket: &str, policy: &str, state: State, elapsed: i64, target: i64, due: &str, stop: &str, late: Option<i64>, paused: i64) -> Row {
    (ticket.into(), policy.into(), state, elapsed, target, Some(t(due)), Some(t(stop)), late, paused)
}

const AS_OF: &str = "2026-03-10T00:00:00Z";

fn ola(name: &str, group: Value, target: &str) -> Value {
    json!({"name": name, "when": {"kind": "incident"}, "metric": "resolution", "target": target, "calendar": "office",
        "pauseStatuses": ["On Hold"], "runWhile": {"assignment_group": group}})
}

#[test]
fn an_ola_clock_across_two_reassignments_with_a_pause_in_between() {
    let data = events(&CONDITION_EVENTS.lines().take(8).collect::<Vec<_>>().join("\n"));
    let set = policies(json!([ola("Network OLA", json!("Network"), "4h"), ola("Database OLA", json!(["Database", "DBA"]), "2h")]));
    assert_eq!(
        rows(&data, &set, t(AS_OF)),
        vec![
            // Network holds A Mon 10:00–14:00 and from Tue 10:00: starts Mon 10:00; 10:00–12:00 = 2 h,
            // On Hold 12:00–13:00 (paused), 13:00–14:00 = 1 h (3 h), not held Mon 14:00–Tue 10:00
            // (paused), Tue 10:00–11:30 = 1 h 30 → 4 h 30 = 16,200 s. Due: 1 h left at Tue 10:00 →
            // Tue 11:00; stopped 11:30 → breached, 1,800 s late. Paused working time: 12–13 (1 h),
            // Mon 14–17 (3 h), Tue 09–10 (1 h) = 5 h = 18,000 s.
            row("A", "Network OLA", State::Breached, 16_200, 4 * H, "2026-03-03T11:00:00Z", "2026-03-03T11:30:00Z", Some(1_800), 18_000),
            // Database (one of ["Database", "DBA"]) holds A Mon 14:00–Tue 10:00: starts Mon 14:00;
            // Mon 14–17 = 3 h, Tue 09–10 = 1 h → 4 h = 14,400 s; due 14:00 + 2 h = Mon 16:00;
            // stopped Tue 11:30 → breached, late Mon 16:00 → Tue 11:30 = 19 h 30 = 70,200 s.
            // Paused (Network holds it) Tue 10:00–11:30 = 5,400 s.
            row("A", "Database OLA", State::Breached, 14_400, 2 * H, "2026-03-02T16:00:00Z", "2026-03-03T11:30:00Z", Some(70_200), 5_400),
        ]
    );
    // The timeline: superseded by nothing, so it begins at the OLA's start (Mon 10:00); the
    // stretch Mon 14:00–Tue 10:00 is paused with the status in force (Active).
    let e = evaluate(&data, &set, t(AS_OF));
    let timeline: Vec<(Instant, Instant, SegmentKind, Option<&str>)> =
        e.outcomes[0].timeline.iter().map(|s| (s.from, s.to, s.kind, s.status.map(|x| data.strings.get(x)))).collect();
    assert_eq!(
        timeline,
        vec![
            (t("2026-03-02T10:00:00Z"), t("2026-03-02T12:00:00Z"), SegmentKind::Running, Some("Active")),
            (t("2026-03-02T12:00:00Z"), t("2026-03-02T13:00:00Z"), SegmentKind::Paused, Some("On Hold")),
            (t("2026-03-02T13:00:00Z"), t("2026-03-02T14:00:00Z"), SegmentKind::Running, Some("Active")),
            (t("2026-03-02T14:00:00Z"), t("2026-03-03T10:00:00Z"), SegmentKind::Paused, Some("Active")),
            (t("2026-03-03T10:00:00Z"), t("2026-03-03T11:30:00Z"), SegmentKind::Running, Some("Active")),
        ]
    );
    // As of Mon 15:00 the Network OLA is paused (Database holds A), 3 h counted; its due
    // instant is projected as if the group took it back then: 15:00 + 1 h = 16:00.
    let open = rows(&data, &set, t("2026-03-02T15:00:00Z"));
    assert_eq!((open[0].2, open[0].3, open[0].5), (State::Paused, 3 * H, Some(t("2026-03-02T16:00:00Z"))));
    // The drill-down names the clock kind.
    assert_eq!(report::outcome_kinds(&set, &e.outcomes), vec![Some("OLA"), Some("OLA")]);
}

#[test]
fn a_ticket_never_held_by_the_group_has_a_clock_that_never_started() {
    // B stays with the Service Desk: the Network OLA applies (when: kind) but never starts.
    let data = events(CONDITION_EVENTS);
    let set = policies(json!([ola("Network OLA", json!("Network"), "4h")]));
    let e = evaluate(&data, &set, t(AS_OF));
    let b: Vec<State> = e.outcomes.iter().filter(|o| data.tickets[o.ticket].id == "B").map(|o| o.state).collect();
    assert_eq!(b, vec![State::NotApplicable]);
    // A negated group: every stint outside the Service Desk. A: Mon 10:00–Tue 11:30 without
    // On Hold 12–13: Mon 10–12 (2 h) + 13–17 (4 h) + Tue 09–11:30 (2 h 30) = 8 h 30 = 30,600 s.
    let set = policies(json!([ola("2nd line", json!({"not": "Service Desk"}), "16h")]));
    assert_eq!(evaluate(&data, &set, t(AS_OF)).outcomes[0].elapsed, 30_600);
}

#[test]
fn a_pause_while_the_ticket_waits_on_the_customer() {
    let data = events(CONDITION_EVENTS);
    let policy = |extra: Value| {
        let mut p = json!({"name": "res", "when": {"assignment_group": "Service Desk"}, "metric": "resolution", "target": "6h", "calendar": "office"});
        p.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        policies(json!([p]))
    };
    let paused = policy(json!({"pauseWhen": {"waiting_on": "customer"}}));
    assert_eq!(
        rows(&data, &paused, t(AS_OF)),
        // B, 6 h target: running Mon 09–11 (2 h), paused while waiting on the customer
        // 11:00–15:00 (4 h), running 15–17 (2 h) and Tue 09–11 (2 h) → 6 h = 21,600 s. Due:
        // 6 − 4 = 2 h left at Tue 09:00 → Tue 11:00 = the stop → met.
        vec![row("B", "res", State::Met, 21_600, 6 * H, "2026-03-03T11:00:00Z", "2026-03-03T11:00:00Z", None, 4 * H)]
    );
    let e = evaluate(&data, &paused, t(AS_OF));
    let pauses: Vec<(Instant, Instant, Option<&str>)> =
        e.outcomes[0].timeline.iter().filter(|s| s.kind == SegmentKind::Paused).map(|s| (s.from, s.to, s.status.map(|x| data.strings.get(x)))).collect();
    assert_eq!(pauses, vec![(t("2026-03-02T11:00:00Z"), t("2026-03-02T15:00:00Z"), Some("Active"))]);
    // Without pauseWhen: 6 h by Mon 15:00, stopped Tue 11:00 → breached; 8 h + 2 h = 10 h counted.
    let plain = rows(&data, &policy(json!({})), t(AS_OF));
    assert_eq!((plain[0].2, plain[0].3, plain[0].5), (State::Breached, 10 * H, Some(t("2026-03-02T15:00:00Z"))));
    // As of Mon 12:00 the clock is paused (waiting on the customer), 2 h counted.
    let open = rows(&data, &paused, t("2026-03-02T12:00:00Z"));
    assert_eq!((open[0].2, open[0].3), (State::Paused, 2 * H));
}

#[test]
fn a_clock_started_and_stopped_by_the_assignment_group() {
    let data = events(CONDITION_EVENTS);
    let policy = |reopen: &str| {
        policies(json!([{"name": "net", "metric": "resolution", "target": "2h", "calendar": "office", "reopen": reopen,
            "startWhen": {"assignment_group": "Network"}, "stopWhen": {"assignment_group": {"not": "Network"}}}]))
    };
    let a = |reopen: &str| rows(&data, &policy(reopen), t(AS_OF)).into_iter().filter(|r| r.0 == "A").collect::<Vec<_>>();
    // Starts when Network enters (Mon 10:00), stops when it leaves (14:00): 4 h (no pause
    // statuses here); Network takes A back Tue 10:00: a reopen. Under `continue` the clock
    // resumes, Tue 10:00–11:30 = 1 h 30 → 5 h 30 = 19,800 s; due 10:00 + 2 h = Mon 12:00;
    // stopped Tue 11:30 (resolved) → breached, late Mon 12:00 → Tue 11:30 = 23 h 30 = 84,600 s.
    assert_eq!(a("continue"), vec![row("A", "net", State::Breached, 19_800, 2 * H, "2026-03-02T12:00:00Z", "2026-03-03T11:30:00Z", Some(84_600), 0)]);
    // Under `restart` it counts from the reopen: 1 h 30 = 5,400 s, due Tue 12:00 → met.
    assert_eq!(a("restart"), vec![row("A", "net", State::Met, 5_400, 2 * H, "2026-03-03T12:00:00Z", "2026-03-03T11:30:00Z", None, 0)]);
    // As of Mon 15:00 the first stint is over: stopped at 14:00, 4 h > 2 h → breached 2 h late.
    let stint = rows(&data, &policy("continue"), t("2026-03-02T15:00:00Z"));
    assert_eq!(stint[0], row("A", "net", State::Breached, 4 * H, 2 * H, "2026-03-02T12:00:00Z", "2026-03-02T14:00:00Z", Some(2 * H), 0));
    // B never enters Network: not started.
    assert_eq!(rows(&data, &policy("continue"), t(AS_OF)).iter().find(|r| r.0 == "B").map(|r| r.2), Some(State::NotApplicable));
}

#[test]
fn a_negotiated_goal_is_not_moved_by_pauses() {
    let data = events(CHANGES);
    let set = policies(json!([{"name": "change", "metric": "resolution", "target": "4h", "calendar": "office",
        "pauseStatuses": ["On Hold"], "dueAt": "agreed"}]));
    assert_eq!(
        rows(&data, &set, t(AS_OF)),
        vec![
            // C: "2026-03-03", a date alone: the end of Tuesday = Wed 00:00 UTC. Target = working
            // time Mon 09:00 → Wed 00:00 = 16 h. Counted: Mon 09–10 (1 h) + Tue 10–16 (6 h) = 7 h;
            // paused Mon 10–17 + Tue 09–10 = 8 h. Due stays Wed 00:00 (a 16 h duration target
            // would have moved to Wed 17:00 with the 8 h pause); stopped Tue 16:00 → met.
            row("C", "change", State::Met, 7 * H, 16 * H, "2026-03-04T00:00:00Z", "2026-03-03T16:00:00Z", None, 8 * H),
            // D: the date in force at the stop, 12:00 (renegotiated at 10:30 from 11:00). Target
            // 09:00 → 12:00 = 3 h. Counted 09–10 + 11–12:30 = 2 h 30 = 9,000 s, paused 1 h.
            // Stopped 12:30 > 12:00 → breached, 1,800 s late, although a 3 h duration would
            // have been due at 13:00 (the pause moving it) and met.
            row("D", "change", State::Breached, 9_000, 3 * H, "2026-03-02T12:00:00Z", "2026-03-02T12:30:00Z", Some(1_800), H),
            // E: no agreed date → the policy's 4 h: due 13:00, stopped 12:00 → met, 3 h.
            row("E", "change", State::Met, 3 * H, 4 * H, "2026-03-02T13:00:00Z", "2026-03-02T12:00:00Z", None, 0),
        ]
    );
    // As of Mon 11:30, D runs; its date in force then is 12:00 (the 10:30 change): target 3 h,
    // due 12:00, 1 h 30 counted (09–10, 11–11:30) = 50 % → in progress.
    let open = rows(&data, &set, t("2026-03-02T11:30:00Z"));
    assert_eq!((open[1].2, open[1].3, open[1].4, open[1].5), (State::InProgress, 5_400, 3 * H, Some(t("2026-03-02T12:00:00Z"))));
}

#[test]
fn a_flat_list_reads_the_final_value_at_every_instant() {
    // One row per ticket: F waits on the customer (its final value), G does not.
    let text = "id,opened,resolved,waiting\nF,2026-03-02T09:00:00Z,2026-03-02T12:00:00Z,customer\nG,2026-03-02T09:00:00Z,2026-03-02T12:00:00Z,agent\n";
    let mapping = json!({"id": "id", "opened": "opened", "resolved": "resolved", "dimensions": {"waiting_on": "waiting"}});
    let data = load_csv(text, json!({"mapping": mapping})).unwrap().dataset;
    let set = policies(json!([{"name": "res", "metric": "resolution", "target": "4h", "calendar": "office", "pauseWhen": {"waiting_on": "customer"}}]));
    let e = evaluate(&data, &set, t(AS_OF));
    // F is paused from its opening to its resolution: 0 counted, 3 h paused, met. G: 3 h counted, met.
    let got: Vec<(State, i64, i64)> = e.outcomes.iter().map(|o| (o.state, o.elapsed, o.paused)).collect();
    assert_eq!(got, vec![(State::Met, 0, 3 * H), (State::Met, 3 * H, 0)]);
    assert!(e.warnings.is_empty(), "{:?}", e.warnings);
}

#[test]
fn conditions_on_missing_dimensions_are_warned_of() {
    let data = events(CONDITION_EVENTS);
    let set = policies(json!([{"name": "x", "metric": "resolution", "target": "4h", "pauseWhen": {"waiting": "customer"}, "dueAt": "agreed_date"}]));
    let e = evaluate(&data, &set, t(AS_OF));
    assert_eq!(
        e.warnings,
        vec![
            // (and, unrelated, the default resolved status the data never uses)
            "policies[0] (x): resolved status \"Closed\" never occurs in the data",
            // the mapping's dimensions in name order
            "policies[0].pauseWhen.waiting: the data has no dimension \"waiting\" (it has: agreed, assignment_group, waiting_on)",
            "policies[0].dueAt: the data has no dimension \"agreed_date\" (it has: agreed, assignment_group, waiting_on)",
        ]
    );
}

#[test]
fn errors_name_the_json_path() {
    let err = |p: Value| match PolicySet::from_json(&json!({"policies": [{"name": "ok", "metric": "response", "target": "1h"}, p]}), "") {
        Ok(_) => panic!("accepted {p}"),
        Err(e) => e.to_string(),
    };
    let base = |key: &str, v: Value| {
        let mut p = json!({"name": "b", "metric": "resolution", "target": "1h"});
        p[key] = v;
        err(p)
    };
    assert_eq!(
        base("startWhen", json!({"assignment_group": {"is": "Network"}})),
        "policies[1].startWhen.assignment_group.is: unknown field `is`, expected one of `equals`, `oneOf`, `not`"
    );
    assert_eq!(base("stopWhen", json!({"assignment_group": [""]})), "policies[1].stopWhen.assignment_group[0]: expected a non-empty string");
    assert_eq!(base("runWhile", json!(["Network"])), "policies[1].runWhile: invalid type: sequence, expected a map");
    assert_eq!(base("dueAt", json!(5)), "policies[1].dueAt: invalid type: integer `5`, expected a string");
    assert_eq!(base("dueAt", json!(["agreed"])), "policies[1].dueAt: invalid type: sequence, expected a string");
}
