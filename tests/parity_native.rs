//! Native half of the native/wasm parity check: the full report (scorecard,
//! KPI table, SLA compliance) of the sample and of a generated data set,
//! and the SLA report of the generated set, computed by the core and
//! compared with the committed canonical texts in `tests/parity/` that
//! `tests/wasm_parity.rs` compares the browser's output with.
//! `UPDATE_PARITY=1 cargo test --test parity_native` rewrites them.
#![cfg(not(target_arch = "wasm32"))]

mod common;
mod parity;

use serde_json::Value;
use sla_scorecard::ingest::model::Dataset;
use sla_scorecard::ingest::{load, Input, LoadOptions};
use sla_scorecard::report::{self, ReportOptions};
use sla_scorecard::scorecard::{default_config, Config};
use sla_scorecard::sla::report::{self as sla_report, Attribution, Period};
use sla_scorecard::sla::{self, PolicySet};
use sla_scorecard::support::time::parse_instant;
use sla_scorecard::support::tz::TimeZone;

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

fn load_text(text: &str) -> Dataset {
    load(Input::Csv(text), &LoadOptions::from_json(&json(parity::LOAD_OPTIONS), "").unwrap()).unwrap().dataset
}

/// Compares with `tests/parity/<name>`, or rewrites it with `UPDATE_PARITY=1`.
fn check(name: &str, value: &Value) {
    let text = parity::canonical(value);
    let path = format!("{}/tests/parity/{name}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_PARITY").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if let Some(diff) = parity::first_difference(&text, &committed) {
        panic!("{name}: the native report differs from the committed one (UPDATE_PARITY=1 rewrites it after review): {diff}");
    }
}

#[test]
fn sample_report_matches_the_committed_text() {
    let ds = load_text(&common::sample_text());
    let policies = PolicySet::from_json(&json(include_str!("../policies/servicenow-sample.json")), "").unwrap();
    let options = ReportOptions::from_json(&json(parity::SAMPLE_OPTIONS), "").unwrap();
    let r = report::build(&ds, &default_config().unwrap(), &options, Some(&policies)).unwrap();
    // Spot checks against the sample's documented figures: 890 tickets, 5999 events.
    assert_eq!(ds.tickets.len(), 890);
    check("sample-report.json", &serde_json::to_value(&r).unwrap());
}

#[test]
fn generated_reports_match_the_committed_texts() {
    let text = parity::generated_log(42, 150);
    let ds = load_text(&text);
    assert_eq!(ds.tickets.len(), 150, "one ticket per generated incident");
    let policies = PolicySet::from_json(&json(parity::GENERATED_POLICIES), "").unwrap();
    let config = Config::from_json(&json(parity::GENERATED_SCORECARD), "").unwrap();
    let options = ReportOptions::from_json(&json(parity::GENERATED_OPTIONS), "").unwrap();
    let r = report::build(&ds, &config, &options, Some(&policies)).unwrap();
    check("generated-report.json", &serde_json::to_value(&r).unwrap());

    let as_of = parse_instant(parity::GENERATED_SLA_AS_OF).unwrap();
    let evaluation = sla::evaluate(&ds, &policies, as_of);
    let o = json(parity::GENERATED_SLA_OPTIONS);
    let opts = sla_report::ReportOptions {
        period: Period::parse(o["period"].as_str().unwrap(), "period").unwrap(),
        by: Attribution::parse(o["by"].as_str().unwrap(), "by").unwrap(),
        dimension: o["dimension"].as_str().map(str::to_string),
        zone: Some(TimeZone::named(o["zone"].as_str().unwrap(), "zone").unwrap()),
    };
    let r = sla_report::build(&ds, &policies, &evaluation, &opts).unwrap();
    check("generated-sla.json", &serde_json::to_value(&r).unwrap());
}

#[test]
fn the_generator_is_seeded_and_writes_the_preset_format() {
    let a = parity::generated_log(7, 3);
    assert_eq!(a, parity::generated_log(7, 3));
    assert_ne!(a, parity::generated_log(8, 3));
    // 2026-03-02T00:00:00Z: 56 years with 14 leap days to 2026-01-01 (56·365 + 14 = 20454 days),
    // + 31 + 28 days to 1 March (20513), + 1 = day 20514.
    assert_eq!(20_514 * 86_400, 1_772_409_600);
    let first_row = a.lines().nth(1).unwrap();
    assert!(first_row.starts_with("GEN00000,New,0,"), "{first_row}");
}
