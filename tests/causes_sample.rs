//! Where the sample's clock time went, against the independent Python
//! computation (`tests/independent/causes_sample.py`, standard library only,
//! its own working-time arithmetic; output `causes_sample.json`): per policy
//! × month × group and × status, the working seconds of breached and met
//! outcomes and the breaches each held, under the sample policies (24x7)
//! and under the same targets on an office calendar with pauses.

mod common;

use serde_json::{json, Value};
use sla_scorecard::causes::{self, Axis};
use sla_scorecard::sla::report::ReportOptions;
use sla_scorecard::sla::{OutcomeTable, PolicySet};
use sla_scorecard::support::time::parse_instant;

fn office_policies(sample: &Value) -> Value {
    let mut doc = sample.clone();
    let day = json!([["09:00", "17:00"]]);
    doc["calendars"] = json!({"office": {"timezone": "UTC", "week": {"mon": day, "tue": day, "wed": day, "thu": day, "fri": day}}});
    for p in doc["policies"].as_array_mut().unwrap() {
        p["calendar"] = json!("office");
        p["pauseStatuses"] = json!(["Awaiting User Info", "Awaiting Vendor", "Awaiting Problem", "Awaiting Evidence"]);
    }
    doc
}

#[test]
fn per_group_and_status_totals_match_the_independent_computation() {
    let data = common::load_sample().dataset;
    let sample: Value = serde_json::from_str(include_str!("../policies/servicenow-sample.json")).unwrap();
    let expected: Value = serde_json::from_str(include_str!("independent/causes_sample.json")).unwrap();
    for (name, doc) in [("sample", sample.clone()), ("office", office_policies(&sample))] {
        let set = PolicySet::from_json(&doc, "").unwrap();
        let table = OutcomeTable::evaluate(&data, &set, parse_instant("2017-02-04T19:00:00Z").unwrap());
        let r = causes::causes(&data, &set, &table, &ReportOptions::default(), vec![Axis::Status, Axis::Group]);
        let cells = expected[name]["cells"].as_object().unwrap();
        assert_eq!(r.causes.len(), cells.len(), "{name}: number of rows");
        for c in &r.causes {
            let key = format!("{}|{}|{}|{}", c.policy, c.period, c.dimension, c.value.as_deref().unwrap_or(""));
            let want = cells.get(&key).unwrap_or_else(|| panic!("{name}: no independent figure for {key}"));
            let got = json!({
                "breachedSeconds": c.breached_seconds, "metSeconds": c.met_seconds, "breachesHeld": c.breaches_held,
                "pausedSeconds": c.breached_paused_seconds, "outsideHoursSeconds": c.breached_outside_hours_seconds,
            });
            assert_eq!(&got, want, "{name}: {key}");
        }
    }
}
