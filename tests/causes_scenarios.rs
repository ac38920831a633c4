//! Where clock time went, on tickets worked out by hand (arithmetic in the
//! comments). Calendar "office": Monday–Friday 09:00–17:00 UTC; 2026-03-02
//! is a Monday (see tests/sla_scenarios.rs).
//!
//! Ticket INC0 (policy "res": resolution, 16 h target, office, "On Hold" pauses):
//!   opened Mon 10:00 in New, group A; Active Mon 12:00; group B Mon 15:00;
//!   On Hold Tue 10:00 → Active Tue 13:00; group C Tue 14:00; Resolved Wed 15:00,
//!   closed Wed 16:00. Reassigned twice (A → B → C) with a pause between.
//!   Working time: Mon 10–17 = 7 h (A 10–15 = 5 h, B 15–17 = 2 h); Tue 09–10 = 1 h (B);
//!   paused Tue 10–13 = 3 h (B); Tue 13–14 = 1 h (B); Tue 14–17 = 3 h (C); Wed 09–15 = 6 h (C).
//!   Elapsed 7 + 1 + 1 + 3 + 6 = 18 h = 64,800 s. Out of hours (excluded): Mon 17:00 → Tue 09:00
//!   = 16 h (B), Tue 17:00 → Wed 09:00 = 16 h (C).
//!   Due: 16 h − (7 + 1 + 1 + 3) = 4 h left at Wed 09:00 → Wed 13:00, while C (the third group)
//!   holds the ticket; resolved Wed 15:00 > 13:00 → breached.
//! Ticket INC1 (same policy): opened Mon 09:00 in New, group A; Active Mon 09:30;
//!   Resolved Mon 13:00, closed Mon 13:00: 4 h, met.

mod sla_common;

use serde_json::json;
use sla_common::*;
use sla_scorecard::causes::history::History;
use sla_scorecard::causes::split::{split, Share};
use sla_scorecard::causes::{self, time_in_status, Axis};
use sla_scorecard::ingest::model::{Assignment, Dataset};
use sla_scorecard::sla::report::ReportOptions;
use sla_scorecard::sla::{evaluate, OutcomeTable, PolicySet, State};

fn scenario() -> (Dataset, PolicySet) {
    let set = policies(json!([{"name": "res", "metric": "resolution", "target": "16h", "calendar": "office", "pauseStatuses": ["On Hold"]}]));
    let s0 = [(mon(0, "10:00"), "New"), (mon(0, "12:00"), "Active"), (mon(1, "10:00"), "On Hold"), (mon(1, "13:00"), "Active"), (mon(2, "15:00"), "Resolved")];
    let s1 = [(mon(0, "09:00"), "New"), (mon(0, "09:30"), "Active"), (mon(0, "13:00"), "Resolved")];
    let mut d = dataset(&[
        Spec { resolved: Some(mon(2, "15:00")), statuses: &s0, ..spec(mon(0, "10:00")) },
        Spec { resolved: Some(mon(0, "13:00")), statuses: &s1, ..spec(mon(0, "09:00")) },
    ]);
    let g = |d: &mut Dataset, name: &str| d.strings.intern(name);
    let (a, b, c) = (g(&mut d, "A"), g(&mut d, "B"), g(&mut d, "C"));
    d.tickets[0].history_mut().assignments =
        vec![Assignment { at: mon(0, "10:00"), group: a }, Assignment { at: mon(0, "15:00"), group: b }, Assignment { at: mon(1, "14:00"), group: c }];
    d.tickets[0].closed = Some(mon(2, "16:00")).into();
    d.tickets[1].history_mut().assignments = vec![Assignment { at: mon(0, "09:00"), group: a }];
    d.tickets[1].closed = Some(mon(0, "13:00")).into();
    (d, set)
}

fn shares(d: &Dataset, list: &[Share]) -> Vec<(String, i64, i64, i64, bool)> {
    list.iter().map(|s| (s.value.map_or(String::new(), |v| d.strings.get(v).to_string()), s.working, s.paused, s.outside_hours, s.at_breach)).collect()
}

fn row(v: &str, working: i64, paused: i64, outside: i64, at_breach: bool) -> (String, i64, i64, i64, bool) {
    (v.to_string(), working, paused, outside, at_breach)
}

#[test]
fn reassigned_twice_with_a_pause_breached_under_the_third_group() {
    let (d, set) = scenario();
    let e = evaluate(&d, &set, mon(7, "00:00"));
    let o = &e.outcomes[0];
    assert_eq!((o.state, o.elapsed, o.paused, o.breach), (State::Breached, 64_800, 3 * H, Some(mon(2, "13:00"))));
    let cal = set.calendar_of(&set.policies[0], 0);
    // By group: A 5 h; B 2 h + 1 h + 1 h = 4 h, paused 3 h, out of hours 16 h; C 3 h + 6 h = 9 h,
    // out of hours 16 h, holding at the breach (Wed 13:00). 5 + 4 + 9 = 18 h = the elapsed time.
    let by_group = split(cal, &History::of(&d.tickets[0], Axis::Group), &o.timeline, o.breach);
    assert_eq!(shares(&d, &by_group), vec![row("A", 5 * H, 0, 0, false), row("B", 4 * H, 3 * H, 16 * H, false), row("C", 9 * H, 0, 16 * H, true)]);
    // By status: New Mon 10–12 = 2 h; Active Mon 12–17 (5 h) + Tue 09–10 (1 h) + Tue 13–17 (4 h)
    // + Wed 09–15 (6 h) = 16 h, both nights (32 h) out of hours, in force at the breach;
    // On Hold paused 3 h. 2 + 16 = 18 h.
    let by_status = split(cal, &History::of(&d.tickets[0], Axis::Status), &o.timeline, o.breach);
    assert_eq!(shares(&d, &by_status), vec![row("New", 2 * H, 0, 0, false), row("Active", 16 * H, 0, 32 * H, true), row("On Hold", 0, 3 * H, 0, false)]);
}

#[test]
fn causes_table_shares_breached_against_met() {
    let (d, set) = scenario();
    let table = OutcomeTable::evaluate(&d, &set, mon(7, "00:00"));
    let axes = Axis::with_history(&d);
    assert_eq!(axes, vec![Axis::Status, Axis::Group], "priority never changes: no history");
    let r = causes::causes(&d, &set, &table, &ReportOptions::default(), axes);
    // Elapsed of the decided outcomes: 14,400 (met) and 64,800 (breached).
    // Nearest rank: p50 → rank ⌈1.0⌉ = 1 → 14,400; p90 → ⌈1.8⌉ = 2 → 64,800; p95 → ⌈1.9⌉ = 2.
    let m = &r.metrics[0];
    assert_eq!((m.period.as_str(), m.met, m.breached, m.p50_seconds, m.p90_seconds, m.p95_seconds), ("2026-03", 1, 1, 14_400, 64_800, 64_800));
    let got: Vec<_> = r
        .causes
        .iter()
        .map(|c| {
            (
                c.dimension.as_str(),
                c.value.as_deref().unwrap_or(""),
                c.breached_seconds,
                c.breached_share.map(|s| (s * 100.0).round() / 100.0),
                c.met_seconds,
                c.met_share,
                c.breaches_held,
            )
        })
        .collect();
    // Groups, breached total 64,800: A 18,000 = 27.78 %, B 14,400 = 22.22 %, C 32,400 = 50 %.
    // Met (INC1, 14,400 s, all with A): A 100 %, every other value 0 % of it. Statuses: INC0 New 7,200 = 11.11 %,
    // Active 57,600 = 88.89 %, On Hold 0; INC1 New 30 min = 1,800 = 12.5 %, Active 3.5 h = 12,600 = 87.5 %.
    assert_eq!(
        got,
        vec![
            ("status", "Active", 57_600, Some(88.89), 12_600, Some(87.5), 1),
            ("status", "New", 7_200, Some(11.11), 1_800, Some(12.5), 0),
            ("status", "On Hold", 0, Some(0.0), 0, Some(0.0), 0),
            ("group", "A", 18_000, Some(27.78), 14_400, Some(100.0), 0),
            ("group", "B", 14_400, Some(22.22), 0, Some(0.0), 0),
            ("group", "C", 32_400, Some(50.0), 0, Some(0.0), 1),
        ]
    );
    let b = r.causes.iter().find(|c| c.value.as_deref() == Some("B")).unwrap();
    assert_eq!((b.breached_paused_seconds, b.breached_outside_hours_seconds), (3 * H, 16 * H));
}

#[test]
fn time_in_status_per_ticket_and_statistics() {
    let (d, set) = scenario();
    let cal = set.calendar_of(&set.policies[0], 0);
    // INC0's life: opened Mon 10:00 → closed Wed 16:00.
    // New Mon 10–12: 2 h working, 2 h wall. Active Mon 12:00 → Tue 10:00: wall 22 h, working
    // 5 h + 1 h; Tue 13:00 → Wed 15:00: wall 26 h, working 4 h + 6 h → 48 h wall = 172,800,
    // 16 h working = 57,600. On Hold Tue 10–13: 3 h both. Resolved Wed 15–16: 1 h both.
    let t0 = time_in_status::ticket_times(&d.tickets[0], Axis::Status, cal, mon(7, "00:00"));
    let named: Vec<_> = t0.iter().map(|&(v, w, wall)| (v.map(|s| d.strings.get(s)).unwrap_or(""), w, wall)).collect();
    assert_eq!(named, vec![("New", 2 * H, 2 * H), ("Active", 16 * H, 48 * H), ("On Hold", 3 * H, 3 * H), ("Resolved", H, H)]);
    // Active across tickets: INC0 57,600, INC1 Mon 09:30–13:00 = 12,600 (working = wall).
    // Sum 70,200; mean 35,100; median (12,600 + 57,600) / 2 = 35,100; p90 rank ⌈1.8⌉ = 2 → 57,600;
    // population standard deviation: each value is 22,500 from the mean → 22,500.
    let rows = time_in_status::summary(&d, Axis::Status, cal, mon(7, "00:00"), None);
    let active = rows.iter().find(|r| r.value.as_deref() == Some("Active")).unwrap();
    let w = &active.working;
    assert_eq!((active.tickets, w.sum, w.mean, w.median, w.p90, w.std_dev), (2, 70_200, 35_100.0, 35_100.0, 57_600.0, 22_500.0));
    // Wall: 172,800 and 12,600 → sum 185,400, mean 92,700, deviation 80,100.
    assert_eq!((active.wall.sum, active.wall.mean, active.wall.std_dev), (185_400, 92_700.0, 80_100.0));
    // By group on the 24x7 calendar: INC0 A Mon 10–15 = 5 h, B Mon 15:00 → Tue 14:00 = 23 h,
    // C Tue 14:00 → Wed 16:00 = 26 h.
    let by_group = time_in_status::ticket_times(&d.tickets[0], Axis::Group, &set.calendars[0].1, mon(7, "00:00"));
    assert_eq!(by_group.iter().map(|x| (x.1, x.2)).collect::<Vec<_>>(), vec![(5 * H, 5 * H), (23 * H, 23 * H), (26 * H, 26 * H)]);
}

#[test]
fn top_breaches_name_the_status_and_group_that_held_most_working_time() {
    let (d, set) = scenario();
    let table = OutcomeTable::evaluate(&d, &set, mon(7, "00:00"));
    let r = causes::causes(&d, &set, &table, &ReportOptions::default(), Axis::with_history(&d));
    // INC0 only (INC1 was met): due Wed 13:00, resolved Wed 15:00: 2 h = 7,200 s late. Most
    // working time: status Active 16 h = 57,600 s, group C 9 h = 32,400 s (see the split above).
    let got: Vec<_> = r
        .top_breaches
        .iter()
        .map(|b| {
            (
                b.period.as_str(),
                b.ticket.as_str(),
                b.policy.as_str(),
                b.breach.as_str(),
                b.late_seconds,
                b.status.as_deref(),
                b.status_seconds,
                b.group.as_deref(),
                b.group_seconds,
            )
        })
        .collect();
    assert_eq!(got, vec![("2026-03", "INC0", "res", "2026-03-04T13:00:00Z", 7_200, Some("Active"), Some(57_600), Some("C"), Some(32_400))]);
    // Split along the group alone: no status figure.
    let r = causes::causes(&d, &set, &table, &ReportOptions::default(), vec![Axis::Group]);
    assert_eq!((r.top_breaches[0].status_seconds, r.top_breaches[0].group.as_deref()), (None, Some("C")));
}

#[test]
fn top_breaches_keep_the_ten_most_late_of_each_period_in_order() {
    // 24x7, 1 h target: a ticket opened at Mon 09:00 and resolved 1 h + k minutes later is k minutes
    // late. Thirteen March tickets, k = 5, 30, 30, 10, 60, 1, 2, 3, 4, 20, 40, 30, 50 (INC0–INC12),
    // and one April ticket (INC13, k = 15). March's ten most late: 60 (INC4), 50 (INC12), 40 (INC10),
    // 30 ×3 in evaluation order (INC1, INC2, INC11), 20 (INC9), 10 (INC3), 5 (INC0), 4 (INC8);
    // 3, 2 and 1 minutes are left out. April: INC13 alone.
    let set = policies(json!([{"name": "p", "metric": "resolution", "target": "1h"}]));
    let late = [5, 30, 30, 10, 60, 1, 2, 3, 4, 20, 40, 30, 50];
    let mut specs: Vec<Spec> = late.iter().map(|&k| Spec { resolved: Some(mon(0, "10:00") + k * 60), ..spec(mon(0, "09:00")) }).collect();
    let april = t("2026-04-06T09:00:00Z");
    specs.push(Spec { resolved: Some(april + H + 15 * 60), ..spec(april) });
    let d = dataset(&specs);
    let table = OutcomeTable::evaluate(&d, &set, t("2026-05-01T00:00:00Z"));
    let r = causes::causes(&d, &set, &table, &ReportOptions::default(), Axis::with_history(&d));
    let got: Vec<_> = r.top_breaches.iter().map(|b| (b.period.as_str(), b.ticket.as_str(), b.late_seconds / 60)).collect();
    let want: Vec<_> =
        [("INC4", 60), ("INC12", 50), ("INC10", 40), ("INC1", 30), ("INC2", 30), ("INC11", 30), ("INC9", 20), ("INC3", 10), ("INC0", 5), ("INC8", 4)]
            .into_iter()
            .map(|(id, k)| ("2026-03", id, k))
            .chain([("2026-04", "INC13", 15)])
            .collect();
    assert_eq!(got, want);
    // No history in these tickets: nothing to name.
    assert!(r.top_breaches.iter().all(|b| b.status.is_none() && b.status_seconds.is_none() && b.group_seconds.is_none()));
}
