//! The sample event log under `policies/servicenow-sample.json`, checked
//! against the independent Python computation
//! (`tests/independent/sla_sample.py`, output `sla_sample.json`): per
//! priority, met, breached and agreement with the source's `made_sla`.

mod common;
mod sla_common;

use serde_json::Value;
use sla_scorecard::sla::{evaluate, report, PolicySet, State};
use sla_scorecard::support::time::parse_instant;

#[test]
fn sample_figures_match_the_independent_computation() {
    let data = common::load_sample().dataset;
    let doc: Value = serde_json::from_str(include_str!("../policies/servicenow-sample.json")).unwrap();
    let set = PolicySet::from_json(&doc, "").unwrap();
    let expected: Value = serde_json::from_str(include_str!("independent/sla_sample.json")).unwrap();
    // The last event of the sample: every incident is closed by then.
    let e = evaluate(&data, &set, parse_instant("2017-02-04T19:00:00Z").unwrap());
    assert_eq!(e.evaluated, expected["incidents"].as_u64().unwrap() as usize);
    assert!(e.unmatched.is_empty() && e.warnings.is_empty(), "{:?} {:?}", e.unmatched, e.warnings);
    for (priority, figures) in expected["perPriority"].as_object().unwrap() {
        let policy = set.policies.iter().position(|p| p.name.starts_with(&format!("P{}", &priority[..1]))).unwrap();
        let outcomes: Vec<_> = e.outcomes.iter().filter(|o| o.policy == policy).collect();
        let count = |s: State| outcomes.iter().filter(|o| o.state == s).count() as u64;
        let agree = outcomes.iter().filter(|o| data.tickets[o.ticket].source_sla_met == Some(o.state == State::Met)).count() as u64;
        let with_flag = outcomes.iter().filter(|o| data.tickets[o.ticket].source_sla_met.is_some()).count() as u64;
        let got = (count(State::Met), count(State::Breached), agree, with_flag);
        let want = (
            figures["met"].as_u64().unwrap(),
            figures["breached"].as_u64().unwrap(),
            figures["agree"].as_u64().unwrap(),
            figures["withFlag"].as_u64().unwrap(),
        );
        assert_eq!(got, want, "{priority}");
    }
}

/// The whole report of the sample (monthly compliance by priority, in
/// Europe/Berlin periods) hashed canonically; `tests/wasm_sla.rs` computes
/// the same report in the browser and checks the same hash, so native and
/// wasm give identical reports. The hash is not a correctness check (the
/// figures are checked above): after an intended change of the report,
/// refresh it with `UPDATE_GOLDEN=1 cargo test --test sla_sample`.
#[test]
fn sample_report_hash_is_the_one_the_browser_test_checks() {
    let data = common::load_sample().dataset;
    let doc: Value = serde_json::from_str(include_str!("../policies/servicenow-sample.json")).unwrap();
    let set = PolicySet::from_json(&doc, "").unwrap();
    let e = evaluate(&data, &set, parse_instant("2017-02-04T19:00:00Z").unwrap());
    let opts = report::ReportOptions {
        period: report::Period::Month,
        by: report::Attribution::Stop,
        dimension: Some("priority".into()),
        zone: Some(sla_scorecard::support::tz::TimeZone::named("Europe/Berlin", "zone").unwrap()),
    };
    let r = serde_json::to_value(report::build(&data, &set, &e, &opts).unwrap()).unwrap();
    let hash = format!("{:016x}\n", sla_common::canonical_hash(&r));
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/sla-sample-report.fnv");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, &hash).unwrap();
    }
    assert_eq!(hash, std::fs::read_to_string(path).unwrap_or_default(), "report changed: see the comment of this test");
}
