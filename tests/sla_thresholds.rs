//! Warning thresholds (`warnings`) and `priorityChange: "carry-percent"`,
//! with expectations worked out by hand (arithmetic in the comments).
//! Calendar "office": Monday–Friday 09:00–17:00 UTC; 2026-03-02 is a
//! Monday (see tests/sla_scenarios.rs), so `mon(3, …)` is Thursday 5 March
//! and `mon(7, …)` the Monday after.

mod sla_common;

use serde_json::json;
use sla_common::*;
use sla_scorecard::sla::clock::crossings;
use sla_scorecard::sla::{evaluate, report, Outcome, PolicySet, State};
use sla_scorecard::support::time::Instant;

/// The instants of the thresholds `o` crossed, read from its timeline.
fn crossed(set: &PolicySet, o: &Outcome) -> Vec<Instant> {
    crossings(&o.timeline, o.start, o.elapsed, o.target, &set.policies[o.policy].warnings).into_iter().map(|(_, at)| at).collect()
}

/// Thursday 13:00 → Monday 15:00 with an On Hold pause on Friday, 16 h
/// target on the office calendar, thresholds 50 %, 75 %, 90 %.
fn weekend_ticket() -> (PolicySet, sla_scorecard::ingest::model::Dataset) {
    let set = policies(json!([{"name": "res", "metric": "resolution", "target": "16h", "calendar": "office",
        "pauseStatuses": ["On Hold"], "warnings": [0.5, 0.75, 0.9]}]));
    let statuses = [(mon(3, "13:00"), "New"), (mon(4, "10:30"), "On Hold"), (mon(4, "14:00"), "Active"), (mon(7, "15:00"), "Resolved")];
    let data = dataset(&[Spec { statuses: &statuses, resolved: Some(mon(7, "15:00")), ..spec(mon(3, "13:00")) }]);
    (set, data)
}

#[test]
fn three_warning_thresholds_crossed_across_a_weekend() {
    // Target 16 h = 57,600 s; thresholds 0.5 → 28,800 s (8 h), 0.75 → 43,200 s (12 h),
    // 0.9 → 51,840 s (14 h 24 min).
    // Running: Thu 13:00–17:00 = 4 h; Fri 09:00–10:30 = 1 h 30 → 5 h 30;
    // paused Fri 10:30–14:00 (3 h 30 of working time, not counted);
    // Fri 14:00–17:00 = 3 h → 8 h 30 at Fri 17:00; Mon 09:00–15:00 = 6 h → 14 h 30 = 52,200 s.
    // 50 %: 8 h − 5 h 30 = 2 h 30 after Fri 14:00 → Fri 16:30.
    // 75 %: 12 h − 8 h 30 = 3 h 30 after the weekend → Mon 09:00 + 3 h 30 = Mon 12:30.
    // 90 %: 14 h 24 − 8 h 30 = 5 h 54 → Mon 14:54.
    // Due: 16 h − 8 h 30 = 7 h 30 → Mon 16:30; resolved Mon 15:00 → met, all three crossed.
    let (set, data) = weekend_ticket();
    let e = evaluate(&data, &set, mon(14, "00:00"));
    let o = &e.outcomes[0];
    assert_eq!((o.state, o.elapsed, o.paused, o.due), (State::Met, 52_200, 12_600, Some(mon(7, "16:30"))));
    assert_eq!(crossed(&set, o), vec![mon(4, "16:30"), mon(7, "12:30"), mon(7, "14:54")]);
    // The rows name the ticket, the policy and each threshold beside its instant.
    let rows: Vec<(String, f64, String)> = report::crossings_of(&data, &set, &e).into_iter().map(|c| (c.ticket + " " + &c.policy, c.threshold, c.at)).collect();
    let row = |w: f64, at: &str| ("INC0 res".to_string(), w, at.to_string());
    assert_eq!(rows, vec![row(0.5, "2026-03-06T16:30:00Z"), row(0.75, "2026-03-09T12:30:00Z"), row(0.9, "2026-03-09T14:54:00Z")]);

    // As of Mon 14:00 (open): 8 h 30 + Mon 09:00–14:00 5 h = 13 h 30 = 48,600 s; 90 % (14:54)
    // is not reached yet, so two thresholds are listed; 13 h 30 ≥ 12 h (warning 0.75) → at risk.
    let e = evaluate(&data, &set, mon(7, "14:00"));
    let o = &e.outcomes[0];
    assert_eq!((o.state, o.elapsed, o.due), (State::AtRisk, 48_600, Some(mon(7, "16:30"))));
    assert_eq!(crossed(&set, o), vec![mon(4, "16:30"), mon(7, "12:30")]);

    // As of Fri 12:00, during the pause: 5 h 30 < 8 h, nothing crossed.
    let e = evaluate(&data, &set, mon(4, "12:00"));
    assert_eq!((e.outcomes[0].state, crossed(&set, &e.outcomes[0])), (State::Paused, vec![]));
}

#[test]
fn a_threshold_reached_exactly_at_the_stop_is_crossed() {
    // 24x7, 4 h target, thresholds 0.5 (2 h) and 1 (4 h): opened 09:00, resolved 13:00.
    // 50 % at 11:00; 100 % at 13:00 = the stop → crossed (and met: stop ≤ due 13:00).
    let set = policies(json!([{"name": "res", "metric": "resolution", "target": "4h", "warnings": [0.5, 1]}]));
    let data = dataset(&[Spec { resolved: Some(mon(0, "13:00")), ..spec(mon(0, "09:00")) }]);
    let e = evaluate(&data, &set, mon(1, "00:00"));
    let o = &e.outcomes[0];
    assert_eq!((o.state, crossed(&set, o)), (State::Met, vec![mon(0, "11:00"), mon(0, "13:00")]));
    // Without `warnings` an outcome lists none.
    let set = policies(json!([{"name": "res", "metric": "resolution", "target": "4h"}]));
    let e = evaluate(&data, &set, mon(1, "00:00"));
    assert_eq!(report::crossings_of(&data, &set, &e), vec![]);
}

#[test]
fn warning_threshold_errors_name_the_element() {
    let err = |warnings: serde_json::Value| {
        let doc = json!({"policies": [{"name": "a", "metric": "response", "target": "1h", "warnings": warnings}]});
        PolicySet::from_json(&doc, "").err().map(|e| e.to_string())
    };
    assert_eq!(
        err(json!([0.5, 0.5])).as_deref(),
        Some("policies[0].warnings[1]: 0.5 is not above the threshold before it (0.5); thresholds must increase strictly")
    );
    assert_eq!(
        err(json!([0.9, 0.75])).as_deref(),
        Some("policies[0].warnings[1]: 0.75 is not above the threshold before it (0.9); thresholds must increase strictly")
    );
    assert_eq!(err(json!([0.5, 1.5])).as_deref(), Some("policies[0].warnings[1]: 1.5 is not a fraction of the target in (0, 1] (e.g. 0.75 for 75 %)"));
    assert_eq!(err(json!([0])).as_deref(), Some("policies[0].warnings[0]: 0 is not a fraction of the target in (0, 1] (e.g. 0.75 for 75 %)"));
    assert_eq!(err(json!([0.5, "75%"])).as_deref(), Some("policies[0].warnings[1]: invalid type: string \"75%\", expected a number"));
    assert_eq!(err(json!(0.5)).as_deref(), Some("policies[0].warnings: invalid type: floating point `0.5`, expected a sequence"));
    assert_eq!(err(json!([0.5, 0.75, 0.9])), None);
    // The priority-change rules, carry-percent among them.
    let doc = json!({"policies": [{"name": "a", "metric": "response", "target": "1h", "priorityChange": "carry"}]});
    assert_eq!(
        PolicySet::from_json(&doc, "").err().map(|e| e.to_string()).as_deref(),
        Some("policies[0].priorityChange: unknown variant `carry`, expected one of `retroactive`, `restart`, `carry-percent`")
    );
}

/// P1 4 h and P3 16 h resolution policies on the office calendar, both
/// under `rule`; P1 also lists thresholds 0.5 and 0.9.
fn upgrade_policies(rule: &str) -> PolicySet {
    policies(json!([
        {"name": "P1", "when": {"priority": "1"}, "metric": "resolution", "target": "4h", "calendar": "office",
         "priorityChange": rule, "warnings": [0.5, 0.9]},
        {"name": "P3", "when": {"priority": "3"}, "metric": "resolution", "target": "16h", "calendar": "office", "priorityChange": rule}
    ]))
}

#[test]
fn a_late_upgrade_under_carry_percent() {
    // Opened Mon 09:00 at priority 3, raised to 1 on Tue 13:00, resolved Tue 15:30.
    // Under P3 by the change: Mon 09–17 = 8 h + Tue 09–13 = 4 h = 12 h of 16 h = 75 % used.
    // P1 from Tue 13:00 with 75 % of 4 h = 3 h = 10,800 s carried; 1 h left → due Tue 14:00.
    // Resolved 15:30: elapsed 3 h + 2 h 30 = 5 h 30 = 19,800 s = 137.5 %, breached at 14:00,
    // late 1 h 30 = 5,400 s. P3 no longer applies.
    // Thresholds: 0.5 (2 h) ≤ the 3 h carried → crossed at the change, Tue 13:00;
    // 0.9 (3 h 36) → 36 min after 13:00 → Tue 13:36.
    let changes = [(mon(0, "09:00"), "3"), (mon(1, "13:00"), "1")];
    let data = dataset(&[Spec { priority: "1", priority_changes: &changes, resolved: Some(mon(1, "15:30")), ..spec(mon(0, "09:00")) }]);
    let set = upgrade_policies("carry-percent");
    let e = evaluate(&data, &set, mon(7, "00:00"));
    assert_eq!(e.outcomes.len(), 1);
    let o = &e.outcomes[0];
    assert_eq!((o.policy, o.state, o.start, o.target, o.elapsed), (0, State::Breached, mon(1, "13:00"), 4 * H, 19_800));
    assert_eq!((o.due, o.breach, o.late), (Some(mon(1, "14:00")), Some(mon(1, "14:00")), Some(5_400)));
    assert_eq!(o.percent, 137.5);
    assert_eq!(crossed(&set, o), vec![mon(1, "13:00"), mon(1, "13:36")]);

    // The other rules on the same ticket: retroactive times P1 from Mon 09:00 (due Mon 13:00);
    // restart from Tue 13:00 with nothing carried (due 17:00, met at 15:30, 2 h 30).
    let o = evaluate(&data, &upgrade_policies("retroactive"), mon(7, "00:00")).outcomes[0].clone();
    assert_eq!((o.state, o.due), (State::Breached, Some(mon(0, "13:00"))));
    let o = evaluate(&data, &upgrade_policies("restart"), mon(7, "00:00")).outcomes[0].clone();
    assert_eq!((o.state, o.elapsed, o.due), (State::Met, 9_000, Some(mon(1, "17:00"))));

    // As of Tue 13:30, open: 3 h + 30 min = 3 h 30 = 87.5 % → at risk, due 14:00.
    let o = evaluate(&data, &set, mon(1, "13:30")).outcomes[0].clone();
    assert_eq!((o.state, o.elapsed, o.due), (State::AtRisk, 12_600, Some(mon(1, "14:00"))));

    // Upgraded from priority 4, which no policy covers: nothing is carried, as under restart:
    // P1 from Tue 13:00, due 17:00, resolved 15:30 → met, 2 h 30 = 9,000 s.
    let changes = [(mon(0, "09:00"), "4"), (mon(1, "13:00"), "1")];
    let data = dataset(&[Spec { priority: "1", priority_changes: &changes, resolved: Some(mon(1, "15:30")), ..spec(mon(0, "09:00")) }]);
    let o = evaluate(&data, &set, mon(7, "00:00")).outcomes[0].clone();
    assert_eq!((o.state, o.start, o.elapsed, o.due), (State::Met, mon(1, "13:00"), 9_000, Some(mon(1, "17:00"))));

    // An upgrade after P3 was already breached carries 100 %: Mon 09:00 at P3, raised on
    // Thu 10:00 (P3 used Mon–Wed 24 h + Thu 09–10 1 h = 25 h > 16 h): P1 due at the change,
    // breached from it; as of Thu 11:00, elapsed 4 h carried + 1 h, late 1 h.
    let changes = [(mon(0, "09:00"), "3"), (mon(3, "10:00"), "1")];
    let data = dataset(&[Spec { priority: "1", priority_changes: &changes, ..spec(mon(0, "09:00")) }]);
    let o = evaluate(&data, &set, mon(3, "11:00")).outcomes[0].clone();
    assert_eq!((o.state, o.elapsed, o.due, o.late), (State::Breached, 4 * H + H, Some(mon(3, "10:00")), Some(H)));
}
