//! The report document's `causes` (`"causes": true` in the report options,
//! `report --causes` on the command line): on the sample, per policy ×
//! month × status and × group, the working seconds of breached and met
//! outcomes and the breaches each held equal the independent Python
//! computation (`tests/independent/causes_sample.py`, standard library only;
//! output `causes_sample.json`); without policies and on partial reports it
//! is an error naming `causes`.

mod common;

use serde_json::{json, Value};
use sla_scorecard::report::{self, partial::Partial, ReportOptions};
use sla_scorecard::scorecard::default_config;
use sla_scorecard::sla::PolicySet;
use sla_scorecard::support::time::parse_instant;
use std::process::Command;

const AS_OF: &str = "2017-02-04T19:00:00Z";

/// Checks the status and group rows of a report's `causes` against the
/// independent figures for the sample policies (24x7, months in UTC, as the
/// default scorecard's zone): every row has its figure, and every figure a row.
fn assert_matches_independent(causes: &Value) {
    let expected: Value = serde_json::from_str(include_str!("independent/causes_sample.json")).unwrap();
    let cells = expected["sample"]["cells"].as_object().unwrap();
    assert_eq!(causes["period"], "month");
    assert_eq!(causes["zone"], "UTC");
    let rows: Vec<&Value> = causes["causes"].as_array().unwrap().iter().filter(|r| r["dimension"] == "status" || r["dimension"] == "group").collect();
    assert_eq!(rows.len(), cells.len(), "one row per independent figure");
    for r in rows {
        let key = format!(
            "{}|{}|{}|{}",
            r["policy"].as_str().unwrap(),
            r["period"].as_str().unwrap(),
            r["dimension"].as_str().unwrap(),
            r["value"].as_str().unwrap_or("")
        );
        let want = cells.get(&key).unwrap_or_else(|| panic!("no independent figure for {key}"));
        let got = json!({
            "breachedSeconds": r["breachedSeconds"], "metSeconds": r["metSeconds"], "breachesHeld": r["breachesHeld"],
            "pausedSeconds": r["breachedPausedSeconds"], "outsideHoursSeconds": r["breachedOutsideHoursSeconds"],
        });
        assert_eq!(&got, want, "{key}");
    }
}

#[test]
fn the_report_document_carries_the_causes_of_the_independent_script() {
    let data = common::load_sample().dataset;
    let set = PolicySet::from_json(&serde_json::from_str(include_str!("../policies/servicenow-sample.json")).unwrap(), "").unwrap();
    let config = default_config().unwrap();
    let options = ReportOptions { as_of: Some(parse_instant(AS_OF).unwrap()), causes: true, ..Default::default() };
    let report = serde_json::to_value(report::build(&data, &config, &options, Some(&set)).unwrap()).unwrap();
    assert_matches_independent(&report["causes"]);
    // Without the option the document has no `causes` key at all.
    let plain = serde_json::to_value(report::build(&data, &config, &ReportOptions { causes: false, ..options.clone() }, Some(&set)).unwrap()).unwrap();
    assert!(plain.get("causes").is_none());
    // The options as a page writes them.
    let read = ReportOptions::from_json(&json!({"asOf": AS_OF, "causes": true}), "options").unwrap();
    assert!(read.causes);
    assert_eq!(ReportOptions::from_json(&json!({"causes": "yes"}), "options").unwrap_err().to_string().split(':').next(), Some("options.causes"));
}

#[test]
fn causes_need_policies_and_the_data() {
    let data = common::load_sample().dataset;
    let config = default_config().unwrap();
    let options = ReportOptions { as_of: Some(parse_instant(AS_OF).unwrap()), causes: true, ..Default::default() };
    let err = report::build(&data, &config, &options, None).unwrap_err().to_string();
    assert!(err.starts_with("causes: needs SLA policies"), "{err}");
    let err = Partial::from_dataset(&data, &config, None, &options, None).unwrap_err().to_string();
    assert!(err.starts_with("causes: a partial report holds counts"), "{err}");
}

#[test]
fn the_command_line_reports_the_causes() {
    let dir = std::env::temp_dir().join(format!("report-causes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("sample.csv");
    std::fs::write(&csv, common::sample_text()).unwrap();
    let policies = concat!(env!("CARGO_MANIFEST_DIR"), "/policies/servicenow-sample.json");
    let args = ["report", "--data", csv.to_str().unwrap(), "--preset", "servicenow-event-log", "--policies", policies, "--as-of", AS_OF, "--causes"];
    let out = Command::new(env!("CARGO_BIN_EXE_sla-scorecard")).args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_matches_independent(&report["causes"]);
    // --causes needs --policies (a usage error from the argument parser).
    let out = Command::new(env!("CARGO_BIN_EXE_sla-scorecard"))
        .args(["report", "--data", csv.to_str().unwrap(), "--preset", "servicenow-event-log", "--causes"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--policies"), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::remove_dir_all(&dir).unwrap();
}
