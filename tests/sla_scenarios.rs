//! SLA scenarios with expectations worked out by hand (arithmetic in the
//! comments). Calendar "office": Monday–Friday 09:00–17:00 UTC.
//! 2026-03-02 is a Monday (2026-01-01 is a Thursday; 31 + 28 + 1 = 60 days
//! later, 60 mod 7 = 4, Thursday + 4 = Monday).

mod sla_common;

use serde_json::json;
use sla_common::*;
use sla_scorecard::sla::clock::SegmentKind;
use sla_scorecard::sla::{evaluate, Evaluation, Outcome, State};
use sla_scorecard::support::time::Instant;

fn only(e: &Evaluation) -> &Outcome {
    assert_eq!(e.outcomes.len(), 1, "{:?}", e.outcomes);
    &e.outcomes[0]
}

#[test]
fn response_on_business_calendar_spans_a_weekend() {
    // Opened Friday 16:00, 2 h response target, first response Monday 09:30.
    // Working time: Fri 16:00–17:00 = 1 h, Mon 09:00–09:30 = 30 min → 5,400 s = 75 %.
    // Due: 1 h left at Fri 17:00 → Mon 09:00 + 1 h = Mon 10:00; 09:30 ≤ 10:00 → met.
    let set = policies(json!([{"name": "resp", "metric": "response", "target": "2h", "calendar": "office"}]));
    let data = dataset(&[Spec { first_response: Some(mon(7, "09:30")), ..spec(mon(4, "16:00")) }]);
    let e = evaluate(&data, &set, mon(10, "00:00"));
    let o = only(&e);
    assert_eq!((o.state, o.elapsed, o.due, o.stop), (State::Met, 5_400, Some(mon(7, "10:00")), Some(mon(7, "09:30"))));
    assert_eq!(o.percent, 75.0);
    // Timeline: running Fri 16–17, outside hours Fri 17:00 → Mon 09:00, running Mon 09:00–09:30.
    let kinds: Vec<_> = o.timeline.iter().map(|s| (s.from, s.to, s.kind)).collect();
    assert_eq!(
        kinds,
        vec![
            (mon(4, "16:00"), mon(4, "17:00"), SegmentKind::Running),
            (mon(4, "17:00"), mon(7, "09:00"), SegmentKind::OutsideHours),
            (mon(7, "09:00"), mon(7, "09:30"), SegmentKind::Running),
        ]
    );
}

#[test]
fn resolution_on_business_calendar_breaches_next_day() {
    // Opened Mon 15:00, 8 h target, resolved Tue 16:00.
    // Mon 15–17 = 2 h; Tue 09–16 = 7 h → elapsed 9 h = 32,400 s = 112.5 %.
    // Due: 6 h left at Mon 17:00 → Tue 09:00 + 6 h = Tue 15:00. Late: 16:00 − 15:00 = 3,600 s.
    let set = policies(json!([{"name": "res", "metric": "resolution", "target": "8h", "calendar": "office"}]));
    let data = dataset(&[Spec { resolved: Some(mon(1, "16:00")), ..spec(mon(0, "15:00")) }]);
    let e = evaluate(&data, &set, mon(7, "00:00"));
    let o = only(&e);
    assert_eq!((o.state, o.elapsed, o.due, o.breach, o.late), (State::Breached, 32_400, Some(mon(1, "15:00")), Some(mon(1, "15:00")), Some(3_600)));
    assert_eq!(o.percent, 112.5);
}

#[test]
fn one_day_target_is_24_working_hours() {
    // "1d" = 24 h of working time = 3 office days: opened Mon 09:00 → due Wed 17:00.
    let set = policies(json!([{"name": "res", "metric": "resolution", "target": "1d", "calendar": "office"}]));
    let data = dataset(&[spec(mon(0, "09:00"))]);
    let e = evaluate(&data, &set, mon(0, "10:00"));
    assert_eq!(only(&e).due, Some(mon(2, "17:00")));
}

#[test]
fn business_day_target_is_the_same_time_on_the_nth_working_day() {
    // "2bd" opened Fri 16:00: Mon is the 1st working day, Tue the 2nd → due Tue 16:00.
    // Target: Fri 16–17 (1 h) + Mon 8 h + Tue 09–16 (7 h) = 16 h = 57,600 s; resolved Tue
    // 15:00 → elapsed 15 h = 54,000 s = 93.75 %, met.
    let set = policies(json!([{"name": "res", "metric": "resolution", "target": "2bd", "calendar": "office"}]));
    let data = dataset(&[Spec { resolved: Some(mon(8, "15:00")), ..spec(mon(4, "16:00")) }]);
    let o = evaluate(&data, &set, mon(14, "00:00")).outcomes[0].clone();
    assert_eq!((o.state, o.target, o.elapsed, o.due), (State::Met, 57_600, 54_000, Some(mon(8, "16:00"))));
    assert_eq!(o.percent, 93.75);
    // Opened Wed 10:00: "2bd" → Fri 10:00, 16 h; "1d" would be 24 h → Fri 17:00.
    let data = dataset(&[spec(mon(2, "10:00"))]);
    let o = evaluate(&data, &set, mon(2, "11:00")).outcomes[0].clone();
    assert_eq!((o.target, o.due), (57_600, Some(mon(4, "10:00"))));
}

#[test]
fn pause_starting_outside_hours_and_resolved_exactly_at_due() {
    // Opened Mon 16:00 (Active), 4 h target, pause "Awaiting User Info" from Mon 18:00
    // (outside hours) to Tue 11:00, resolved Tue 14:00.
    // Running: Mon 16–17 = 1 h (17–18 outside hours); paused Mon 18:00 → Tue 11:00
    // (working time paused: Tue 09–11 = 2 h); running Tue 11–14 = 3 h → elapsed 4 h.
    // Due: 3 h left at the resume, Tue 11:00 + 3 h = Tue 14:00 = the stop → met.
    let set = policies(json!([{"name": "res", "metric": "resolution", "target": "4h", "calendar": "office", "pauseStatuses": ["Awaiting User Info"]}]));
    let statuses = [(mon(0, "16:00"), "Active"), (mon(0, "18:00"), "Awaiting User Info"), (mon(1, "11:00"), "Active"), (mon(1, "14:00"), "Resolved")];
    let data = dataset(&[Spec { statuses: &statuses, resolved: Some(mon(1, "14:00")), ..spec(mon(0, "16:00")) }]);
    let e = evaluate(&data, &set, mon(7, "00:00"));
    let o = only(&e);
    assert_eq!((o.state, o.elapsed, o.due, o.stop, o.paused), (State::Met, 4 * H, Some(mon(1, "14:00")), Some(mon(1, "14:00")), 2 * H));
    let kinds: Vec<_> = o.timeline.iter().map(|s| (s.from, s.to, s.kind)).collect();
    assert_eq!(
        kinds,
        vec![
            (mon(0, "16:00"), mon(0, "17:00"), SegmentKind::Running),
            (mon(0, "17:00"), mon(0, "18:00"), SegmentKind::OutsideHours),
            (mon(0, "18:00"), mon(1, "11:00"), SegmentKind::Paused),
            (mon(1, "11:00"), mon(1, "14:00"), SegmentKind::Running),
        ]
    );
    assert_eq!(data.strings.get(o.timeline[2].status.unwrap()), "Awaiting User Info");
}

#[test]
fn resolved_at_due_is_met_and_that_evening_is_breached() {
    // Opened Mon 09:00, 8 h target: due Mon 17:00 (09:00 + 8 h of working time).
    // Resolved 17:00 → met. Resolved 18:00 → breached although elapsed is still
    // 8 h (no working time after 17:00): the breach instant is the due instant, late 1 h.
    let set = policies(json!([{"name": "res", "metric": "resolution", "target": "8h", "calendar": "office"}]));
    let data = dataset(&[Spec { resolved: Some(mon(0, "17:00")), ..spec(mon(0, "09:00")) }, Spec { resolved: Some(mon(0, "18:00")), ..spec(mon(0, "09:00")) }]);
    let e = evaluate(&data, &set, mon(7, "00:00"));
    let (a, b) = (&e.outcomes[0], &e.outcomes[1]);
    assert_eq!((a.state, a.elapsed, a.due, a.breach), (State::Met, 8 * H, Some(mon(0, "17:00")), None));
    assert_eq!((b.state, b.elapsed, b.due, b.breach, b.late), (State::Breached, 8 * H, Some(mon(0, "17:00")), Some(mon(0, "17:00")), Some(H)));
    assert_eq!(b.percent, 100.0);
}

#[test]
fn pause_still_open_at_evaluation() {
    // Opened Mon 09:00 (Active), pause "On Hold" from Mon 12:00, evaluated Tue 10:00.
    // 8 h target: elapsed 3 h (09–12) = 37.5 %; paused working time Mon 12–17 + Tue 09–10 = 6 h;
    // state paused; due if resumed now: Tue 10:00 + 5 h = Tue 15:00.
    // 2 h target: due Mon 11:00 (09:00 + 2 h) came before the pause → breached while paused,
    // late Tue 10:00 − Mon 11:00 = 23 h.
    let set = policies(json!([
        {"name": "8h", "metric": "resolution", "target": "8h", "calendar": "office", "pauseStatuses": ["On Hold"]},
        {"name": "2h", "metric": "resolution", "target": "2h", "calendar": "office", "pauseStatuses": ["On Hold"]}
    ]));
    let statuses = [(mon(0, "09:00"), "Active"), (mon(0, "12:00"), "On Hold")];
    let data = dataset(&[Spec { statuses: &statuses, ..spec(mon(0, "09:00")) }]);
    let e = evaluate(&data, &set, mon(1, "10:00"));
    let (a, b) = (&e.outcomes[0], &e.outcomes[1]);
    assert_eq!((a.state, a.elapsed, a.paused, a.due, a.stop), (State::Paused, 3 * H, 6 * H, Some(mon(1, "15:00")), None));
    assert_eq!(a.percent, 37.5);
    assert_eq!((b.state, b.breach, b.late), (State::Breached, Some(mon(0, "11:00")), Some(23 * H)));
}

#[test]
fn reopen_continue_and_restart() {
    // 24x7, 4 h resolution target. New Mon 09:00, Resolved 11:00, reopened (Active) 15:00,
    // Resolved 18:00.
    // continue: counted 09–11 (2 h) + 15–18 (3 h) = 5 h; the resolved stretch 11–15 does not
    //   count; due: 2 h left at 15:00 → 17:00; stopped 18:00 → breached, late 1 h.
    // restart: counted from the reopen, 15–18 = 3 h; due 15:00 + 4 h = 19:00 → met.
    let set = policies(json!([
        {"name": "continue", "metric": "resolution", "target": "4h"},
        {"name": "restart", "metric": "resolution", "target": "4h", "reopen": "restart"}
    ]));
    let statuses = [(mon(0, "09:00"), "New"), (mon(0, "11:00"), "Resolved"), (mon(0, "15:00"), "Active"), (mon(0, "18:00"), "Resolved")];
    let data = dataset(&[Spec { statuses: &statuses, resolved: Some(mon(0, "18:00")), ..spec(mon(0, "09:00")) }]);
    let e = evaluate(&data, &set, mon(7, "00:00"));
    let (c, r) = (&e.outcomes[0], &e.outcomes[1]);
    assert_eq!((c.state, c.start, c.elapsed, c.due, c.late), (State::Breached, mon(0, "09:00"), 5 * H, Some(mon(0, "17:00")), Some(H)));
    assert_eq!(c.timeline.iter().map(|s| s.kind).collect::<Vec<_>>(), vec![SegmentKind::Running, SegmentKind::Resolved, SegmentKind::Running]);
    assert_eq!((r.state, r.start, r.elapsed, r.due), (State::Met, mon(0, "15:00"), 3 * H, Some(mon(0, "19:00"))));
    assert_eq!(r.timeline.iter().map(|s| s.kind).collect::<Vec<_>>(), vec![SegmentKind::Superseded, SegmentKind::Superseded, SegmentKind::Running]);
}

#[test]
fn priority_upgrade_retroactive_and_restart() {
    // 24x7. P1: 4 h, P3: 48 h ("2d"). Opened Mon 09:00 at priority 3, raised to 1 at 12:00,
    // resolved 15:00.
    // retroactive: P1 (the priority in force at the stop) timed from 09:00: due 13:00,
    //   elapsed 6 h, stopped 15:00 → breached, late 2 h. P3 does not apply.
    // restart: P1 timed from the upgrade at 12:00: elapsed 3 h, due 16:00 → met.
    let doc = |rule: &str| {
        json!([
            {"name": "P1", "when": {"priority": "1"}, "metric": "resolution", "target": "4h", "priorityChange": rule},
            {"name": "P3", "when": {"priority": "3"}, "metric": "resolution", "target": "2d", "priorityChange": rule}
        ])
    };
    let changes = [(mon(0, "09:00"), "3"), (mon(0, "12:00"), "1")];
    let data = dataset(&[Spec { priority: "1", priority_changes: &changes, resolved: Some(mon(0, "15:00")), ..spec(mon(0, "09:00")) }]);

    let e = evaluate(&data, &policies(doc("retroactive")), mon(7, "00:00"));
    let o = only(&e);
    assert_eq!((o.policy, o.state, o.start, o.elapsed, o.due, o.late), (0, State::Breached, mon(0, "09:00"), 6 * H, Some(mon(0, "13:00")), Some(2 * H)));

    let e = evaluate(&data, &policies(doc("restart")), mon(7, "00:00"));
    let o = only(&e);
    assert_eq!((o.policy, o.state, o.start, o.elapsed, o.due), (0, State::Met, mon(0, "12:00"), 3 * H, Some(mon(0, "16:00"))));
    assert_eq!(o.timeline[0].kind, SegmentKind::Superseded);

    // Evaluated at 11:00, before the upgrade: P3 applies, 2 h of 48 h, in progress.
    let e = evaluate(&data, &policies(doc("retroactive")), mon(0, "11:00"));
    let o = only(&e);
    assert_eq!((o.policy, o.state, o.elapsed, o.due), (1, State::InProgress, 2 * H, Some(mon(2, "09:00"))));
}

#[test]
fn open_ticket_at_74_76_and_101_percent() {
    // 10 h target on the office calendar, opened Mon 09:00, warning 75 %.
    // 74 % = 7.4 h = 7 h 24 m → Mon 16:24: in progress.
    // 76 % = 7.6 h = 7 h 36 m → Mon 16:36: at risk.
    // 101 % = 10.1 h = 8 h Mon + 2 h 06 m Tue → Tue 11:06: breached at the due instant
    // Tue 11:00 (8 h Mon + 2 h Tue), late 6 min.
    let set = policies(json!([{"name": "res", "metric": "resolution", "target": "10h", "calendar": "office"}]));
    let data = dataset(&[spec(mon(0, "09:00"))]);
    let at = |as_of: Instant| evaluate(&data, &set, as_of).outcomes[0].clone();
    let a = at(mon(0, "16:24"));
    assert_eq!((a.state, a.elapsed), (State::InProgress, 26_640)); // 7.4 × 3600
    assert!((a.percent - 74.0).abs() < 1e-9);
    let b = at(mon(0, "16:36"));
    assert_eq!((b.state, b.elapsed), (State::AtRisk, 27_360)); // 7.6 × 3600
    let c = at(mon(1, "11:06"));
    assert_eq!((c.state, c.elapsed, c.breach, c.late), (State::Breached, 36_360, Some(mon(1, "11:00")), Some(360)));
    assert!((c.percent - 101.0).abs() < 1e-9);
}

#[test]
fn tickets_matching_no_policy_and_two_policies_on_one_ticket() {
    // Ticket 0 (priority 3): response 1 h and resolution 8 h both apply. Opened Mon 09:00,
    // first response 09:45 (elapsed 45 min = 2,700 s, due 10:00 → met), resolved 16:00
    // (elapsed 7 h, due 17:00 → met).
    // Ticket 1 (priority 4): no policy applies.
    let set = policies(json!([
        {"name": "resp", "when": {"priority": ["1", "2", "3"]}, "metric": "response", "target": "1h", "calendar": "office"},
        {"name": "res", "when": {"priority": {"not": "4"}}, "metric": "resolution", "target": "8h", "calendar": "office"}
    ]));
    let data = dataset(&[
        Spec { first_response: Some(mon(0, "09:45")), resolved: Some(mon(0, "16:00")), ..spec(mon(0, "09:00")) },
        Spec { priority: "4", ..spec(mon(0, "09:00")) },
    ]);
    let e = evaluate(&data, &set, mon(7, "00:00"));
    assert_eq!(e.evaluated, 2);
    assert_eq!(e.unmatched, vec![1]);
    assert_eq!(e.outcomes.len(), 2);
    let (r, s) = (&e.outcomes[0], &e.outcomes[1]);
    assert_eq!((r.ticket, r.policy, r.state, r.elapsed, r.due), (0, 0, State::Met, 2_700, Some(mon(0, "10:00"))));
    assert_eq!((s.ticket, s.policy, s.state, s.elapsed, s.due), (0, 1, State::Met, 7 * H, Some(mon(0, "17:00"))));
}

#[test]
fn custom_metric_and_not_applicable() {
    // Clock from the first entry into "Active" to "Resolved": New 09:00, Active 10:00,
    // Resolved 12:00 → 2 h counted against 1 h: due 11:00, breached, late 1 h.
    // A ticket never Active: the policy applies but its clock never started.
    let set = policies(json!([{"name": "work", "metric": {"start": ["Active"], "stop": ["Resolved"]}, "target": "1h"}]));
    let s1 = [(mon(0, "09:00"), "New"), (mon(0, "10:00"), "Active"), (mon(0, "12:00"), "Resolved")];
    let s2 = [(mon(0, "09:00"), "New")];
    let data = dataset(&[Spec { statuses: &s1, ..spec(mon(0, "09:00")) }, Spec { statuses: &s2, ..spec(mon(0, "09:00")) }]);
    let e = evaluate(&data, &set, mon(7, "00:00"));
    let (a, b) = (&e.outcomes[0], &e.outcomes[1]);
    assert_eq!((a.state, a.start, a.elapsed, a.due, a.late), (State::Breached, mon(0, "10:00"), 2 * H, Some(mon(0, "11:00")), Some(H)));
    assert_eq!(b.state, State::NotApplicable);
}

#[test]
fn events_after_the_evaluation_instant_are_ignored() {
    // Resolved Mon 16:00 but evaluated at 12:00: still open, 3 h of 8 h (37.5 %), in progress.
    // A ticket opened after the evaluation instant is not evaluated at all.
    let set = policies(json!([{"name": "res", "metric": "resolution", "target": "8h", "calendar": "office"}]));
    let data = dataset(&[Spec { resolved: Some(mon(0, "16:00")), ..spec(mon(0, "09:00")) }, spec(mon(0, "13:00"))]);
    let e = evaluate(&data, &set, mon(0, "12:00"));
    assert_eq!(e.evaluated, 1);
    let o = only(&e);
    assert_eq!((o.state, o.elapsed, o.stop), (State::InProgress, 3 * H, None));
}

#[test]
fn warnings_for_unknown_dimensions_and_statuses() {
    let set = policies(json!([{"name": "x", "when": {"service": "Email"}, "metric": "resolution", "target": "1h", "pauseStatuses": ["On hold"]}]));
    let statuses = [(mon(0, "09:00"), "New")];
    let data = dataset(&[Spec { statuses: &statuses, ..spec(mon(0, "09:00")) }]);
    let e = evaluate(&data, &set, mon(7, "00:00"));
    assert!(e.outcomes.is_empty());
    assert!(e.warnings.iter().any(|w| w == "policies[0].when.service: the data has no dimension \"service\" (it has: priority)"), "{:?}", e.warnings);
    assert!(e.warnings.iter().any(|w| w == "policies[0] (x): pause status \"On hold\" never occurs in the data"), "{:?}", e.warnings);
}

#[test]
fn berlin_calendar_with_easter_holidays_and_dst() {
    // Berlin, Mon–Fri 09:00–17:00 local, holidays Good Friday 2026-04-03 and Easter Monday 04-06.
    // (a) Opened Thu 2026-04-02 15:00 CEST (13:00Z), 4 h: Thu 15–17 = 2 h; Fri, the weekend and
    //     Monday are closed; Tue 04-07 09:00 + 2 h = 11:00 CEST = 09:00Z.
    // (b) Opened Fri 2026-03-27 16:00 CET (15:00Z), 2 h: Fri 16–17 = 1 h; clocks go forward on
    //     Sunday 03-29; Mon 03-30 09:00 CEST + 1 h = 10:00 CEST = 08:00Z.
    let day = json!([["09:00", "17:00"]]);
    let berlin = json!({"timezone": "Europe/Berlin", "week": {"mon": day, "tue": day, "wed": day, "thu": day, "fri": day},
                        "holidays": ["2026-04-03", "2026-04-06"]});
    let doc = |target: &str| {
        sla_scorecard::sla::PolicySet::from_json(
            &json!({"calendars": {"berlin": berlin}, "policies": [{"name": "r", "metric": "resolution", "target": target, "calendar": "berlin"}]}),
            "",
        )
        .unwrap()
    };
    let data = dataset(&[spec(t("2026-04-02T13:00:00Z"))]);
    let e = evaluate(&data, &doc("4h"), t("2026-04-02T14:00:00Z"));
    assert_eq!(only(&e).due, Some(t("2026-04-07T09:00:00Z")));
    let data = dataset(&[spec(t("2026-03-27T15:00:00Z"))]);
    let e = evaluate(&data, &doc("2h"), t("2026-03-30T07:30:00Z"));
    // As of Mon 07:30Z = 09:30 CEST: 1 h Friday + 30 min Monday = 5,400 s = 75 % → at risk.
    let o = only(&e);
    assert_eq!((o.due, o.elapsed, o.state), (Some(t("2026-03-30T08:00:00Z")), 5_400, State::AtRisk));
}

#[test]
fn resolved_then_closed_stops_at_resolved_and_opened_resolved_stops_at_once() {
    // 24x7, 4 h. Ticket 0: New 09:00, Resolved 11:00, Closed two days later → stopped at
    // 11:00, elapsed 2 h, met. Ticket 1: recorded in "Resolved" from its opening at 09:00,
    // Closed five days later → stopped at 09:00, elapsed 0, met.
    let set = policies(json!([{"name": "res", "metric": "resolution", "target": "4h"}]));
    let s0 = [(mon(0, "09:00"), "New"), (mon(0, "11:00"), "Resolved"), (mon(2, "10:00"), "Closed")];
    let s1 = [(mon(0, "09:00"), "Resolved"), (mon(5, "10:00"), "Closed")];
    let data = dataset(&[Spec { statuses: &s0, ..spec(mon(0, "09:00")) }, Spec { statuses: &s1, ..spec(mon(0, "09:00")) }]);
    let e = evaluate(&data, &set, mon(7, "00:00"));
    let (a, b) = (&e.outcomes[0], &e.outcomes[1]);
    assert_eq!((a.state, a.stop, a.elapsed), (State::Met, Some(mon(0, "11:00")), 2 * H));
    assert_eq!((b.state, b.stop, b.elapsed), (State::Met, Some(mon(0, "09:00")), 0));
}
