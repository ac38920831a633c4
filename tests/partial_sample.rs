//! A merged partial of the sample event log, read back and reported: the
//! committed partial (`tests/data/partials/sample-priority.json`, which the
//! browser tests read too) is what the engine writes for the sample; its
//! report, and every what-if on it, equals the report of the data set;
//! the compliance totals and the key checks, worked by hand.

mod common;

use serde_json::{json, Value};
use sla_scorecard::report::partial::{from_partial, totals, Partial, Prepared, SlaRow};
use sla_scorecard::report::{build, ReportOptions};
use sla_scorecard::scorecard::{Config, DEFAULT_SCORECARD};
use sla_scorecard::sla::PolicySet;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/partials/sample-priority.json");

fn policies() -> (PolicySet, Value) {
    let doc: Value = serde_json::from_str(include_str!("../policies/servicenow-sample.json")).unwrap();
    (PolicySet::from_json(&doc, "").unwrap(), doc)
}

fn default_doc() -> Value {
    serde_json::from_str(DEFAULT_SCORECARD).unwrap()
}

/// The options of the committed partial: grouped by priority, as of 1 March 2017.
fn options() -> ReportOptions {
    ReportOptions::from_json(&json!({"asOf": "2017-03-01T00:00:00Z", "groupBy": "priority"}), "").unwrap()
}

/// The default scorecard with the first KPI's target (and baseline) changed:
/// a what-if that keeps every key field.
fn what_if() -> Value {
    let mut doc = default_doc();
    let kpi = &mut doc["perspectives"][0]["kpis"][0];
    kpi["target"] = json!(1.5);
    kpi.as_object_mut().unwrap().remove("baseline");
    doc
}

#[test]
fn the_committed_partial_is_what_the_engine_writes_for_the_sample() {
    let data = common::load_sample().dataset;
    let (set, doc) = policies();
    let config = Config::from_json(&default_doc(), "").unwrap();
    let written = Partial::from_dataset(&data, &config, default_doc().get("calendar"), &options(), Some((&set, &doc))).unwrap().to_json();
    if std::env::var_os("SLA_WRITE_PARTIAL_FIXTURE").is_some() {
        std::fs::write(FIXTURE, &written).unwrap();
    }
    let committed = std::fs::read_to_string(FIXTURE).unwrap();
    assert!(written == committed, "tests/data/partials/sample-priority.json is out of date: SLA_WRITE_PARTIAL_FIXTURE=1 cargo test --test partial_sample");
}

#[test]
fn the_partial_reports_as_the_data_set_does_and_so_does_every_what_if() {
    let data = common::load_sample().dataset;
    let (set, _) = policies();
    let partial = Partial::from_json(&std::fs::read_to_string(FIXTURE).unwrap()).unwrap();
    let base = default_doc();
    let prepared = Prepared::new(&partial, &Config::from_json(&base, "").unwrap(), base.get("calendar"), &options()).unwrap();
    let at_feb = ReportOptions { at: Some("2017-02".into()), ..options() };
    let at_jan_2016 = ReportOptions { at: Some("2016-03".into()), ..options() };
    for (doc, opts) in [(base.clone(), options()), (what_if(), options()), (base.clone(), at_feb), (what_if(), at_jan_2016)] {
        let config = Config::from_json(&doc, "").unwrap();
        let whole = serde_json::to_string(&build(&data, &config, &opts, Some(&set)).unwrap()).unwrap();
        let prepared = serde_json::to_string(&prepared.report(&config, doc.get("calendar"), &opts).unwrap()).unwrap();
        let once = serde_json::to_string(&from_partial(&partial, &config, doc.get("calendar"), &opts).unwrap()).unwrap();
        assert_eq!(prepared, whole, "prepared, at {:?}", opts.at);
        assert_eq!(once, whole, "from_partial, at {:?}", opts.at);
    }
}

#[test]
fn a_report_that_changes_a_key_field_names_it() {
    let partial = Partial::from_json(&std::fs::read_to_string(FIXTURE).unwrap()).unwrap();
    let base = default_doc();
    let config = Config::from_json(&base, "").unwrap();
    let prepared = Prepared::new(&partial, &config, base.get("calendar"), &options()).unwrap();
    let ungrouped = ReportOptions { group_by: None, ..options() };
    let e = prepared.report(&config, base.get("calendar"), &ungrouped).unwrap_err().to_string();
    assert!(e.starts_with("partial.key.groupBy: null differs from \"priority\""), "{e}");
    let weekly = ReportOptions { period: Some(sla_scorecard::kpi::Granularity::Week), ..options() };
    let e = prepared.report(&config, base.get("calendar"), &weekly).unwrap_err().to_string();
    assert!(e.starts_with("partial.key.granularity: \"week\" differs from \"month\""), "{e}");
}

#[test]
fn totals_sum_each_policys_periods_by_hand() {
    let mut partial = Partial::from_json(&std::fs::read_to_string(FIXTURE).unwrap()).unwrap();
    partial.policy_names = vec!["P1 resolution".into(), "P2 response".into(), "P3 unused".into()];
    // counts: met, breached, in progress, at risk, paused, not applicable
    let row = |policy, period: &str, counts| SlaRow { policy, period: period.into(), counts };
    partial.sla = vec![row(0, "2016-03", [3, 1, 0, 0, 0, 0]), row(0, "2016-04", [2, 2, 1, 1, 0, 0]), row(1, "2016-03", [0, 0, 0, 0, 0, 4])];
    let t = totals(&partial);
    // P1: met 3 + 2 = 5, breached 1 + 2 = 3, compliance 5 / 8 = 62.5 %; P2 none
    // decided: no compliance; P3 has no row and no total.
    assert_eq!(t.len(), 2);
    assert_eq!((t[0].policy.as_str(), t[0].period.as_str(), t[0].met, t[0].breached, t[0].in_progress, t[0].at_risk), ("P1 resolution", "all", 5, 3, 1, 1));
    assert_eq!(t[0].compliance, Some(62.5));
    assert_eq!((t[1].policy.as_str(), t[1].not_applicable, t[1].compliance), ("P2 response", 4, None));
}

#[test]
fn counts_at_the_top_of_u64_saturate_when_merged_instead_of_overflowing() {
    let mut partial = Partial::from_json(&std::fs::read_to_string(FIXTURE).unwrap()).unwrap();
    partial.sla.truncate(1);
    partial.sla[0].counts = [u64::MAX, 1, 0, 0, 0, 0];
    let mut cell = partial.cells[0].clone();
    cell.agg = sla_scorecard::kpi::Agg::Count(u64::MAX);
    partial.cells = vec![cell];
    let mut twice = partial.clone();
    twice.merge(partial).unwrap();
    // u64::MAX + u64::MAX saturates; 1 + 1 = 2.
    assert_eq!(twice.sla[0].counts[..2], [u64::MAX, 2]);
    assert_eq!(twice.cells[0].agg, sla_scorecard::kpi::Agg::Count(u64::MAX));
    assert_eq!(totals(&twice)[0].met, u64::MAX);
}
