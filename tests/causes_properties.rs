//! The splits of every outcome add up exactly: along every axis, the
//! shares' working seconds sum to the outcome's elapsed working seconds and
//! their paused seconds to its paused seconds, on random tickets (status
//! changes with pauses, resolutions and reopens, reassignments, priority
//! changes), on the office calendar and on 24x7; the out-of-hours shares
//! sum to the timeline's out-of-hours segments.
#![cfg(not(target_arch = "wasm32"))]

mod sla_common;

use proptest::prelude::*;
use serde_json::json;
use sla_common::*;
use sla_scorecard::causes::history::History;
use sla_scorecard::causes::split::{split, totals};
use sla_scorecard::causes::Axis;
use sla_scorecard::ingest::model::{Assignment, DimensionChange};
use sla_scorecard::sla::clock::SegmentKind;
use sla_scorecard::sla::evaluate;

const STATUSES: [&str; 4] = ["Active", "On Hold", "Resolved", "New"];

proptest! {
    #[test]
    fn splits_sum_to_the_elapsed_time(
        steps in prop::collection::vec((0usize..4, 1i64..200_000), 0..10),
        groups in prop::collection::vec((0u8..4, 0i64..600_000), 0..5),
        priorities in prop::collection::vec((0u8..2, 0i64..600_000), 0..3),
        opened_offset in 0i64..604_800,
        as_of_after in 0i64..1_500_000,
        office in any::<bool>(),
    ) {
        let calendar = if office { "office" } else { "24x7" };
        let set = policies(json!([
            {"name": "res", "metric": "resolution", "target": "8h", "calendar": calendar, "pauseStatuses": ["On Hold"]},
            {"name": "resp", "metric": "response", "target": "1h", "calendar": calendar},
            {"name": "hold", "metric": {"start": ["Active"], "stop": ["Resolved"]}, "target": "4h", "calendar": calendar, "pauseStatuses": ["On Hold"]}
        ]));
        let opened = mon(0, "00:00") + opened_offset;
        let mut at = opened;
        let mut history = vec![(opened, "New")];
        for &(s, len) in &steps {
            at += len;
            history.push((at, STATUSES[s]));
        }
        let mut d = dataset(&[Spec { statuses: &history, first_response: Some(opened + 3_000), ..spec(opened) }]);
        let names: Vec<u32> = ["A", "B", "C", "D"].iter().map(|g| d.strings.intern(g)).collect();
        let mut assignments: Vec<Assignment> = groups.iter().map(|&(g, off)| Assignment { at: opened + off, group: names[g as usize] }).collect();
        assignments.sort_by_key(|a| a.at);
        d.tickets[0].history_mut().assignments = assignments;
        let levels = [d.strings.intern("1"), d.strings.intern("3")];
        let mut changes: Vec<DimensionChange> =
            priorities.iter().map(|&(p, off)| DimensionChange { at: opened + off, dimension: 0, value: Some(levels[p as usize]) }).collect();
        changes.sort_by_key(|c| c.at);
        d.tickets[0].history_mut().dimension_changes = changes;
        let e = evaluate(&d, &set, opened + as_of_after);
        for o in &e.outcomes {
            let calendar = set.calendar_of(&set.policies[o.policy], o.version);
            for axis in [Axis::Status, Axis::Group, Axis::Dimension(0)] {
                let shares = split(calendar, &History::of(&d.tickets[0], axis), &o.timeline, o.breach);
                let t = totals(&shares);
                prop_assert_eq!(t.working, o.elapsed, "{:?} {:?}", axis, o);
                prop_assert_eq!(t.paused, o.paused, "{:?} {:?}", axis, o);
                let outside: i64 = o.timeline.iter().filter(|s| s.kind == SegmentKind::OutsideHours).map(|s| s.to - s.from).sum();
                prop_assert_eq!(t.outside_hours, outside);
                prop_assert_eq!(shares.iter().filter(|s| s.at_breach).count(), usize::from(o.breach.is_some()));
            }
        }
    }
}
