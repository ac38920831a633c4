//! `json_writer` writes exactly what serde_json writes for the derived
//! `Serialize` of every output document (compact and pretty): the report
//! with and without policies, grouped and not, the SLA report with
//! timelines, its tables, and load summaries with warnings and refused rows.
//! The wasm API and the CLI print the writer's text; the other tests read
//! the derived form.
#![cfg(not(target_arch = "wasm32"))]

mod common;
mod parity;

use serde::Serialize;
use serde_json::{json, Value};
use sla_scorecard::json_writer::{to_string, to_string_pretty, ToJson};
use sla_scorecard::report::{self, ReportOptions};
use sla_scorecard::scorecard::{default_config, Config};
use sla_scorecard::sla::report::{self as sla_report, Attribution, Period};
use sla_scorecard::sla::{self, PolicySet};
use sla_scorecard::time::parse_instant;
use sla_scorecard::tz::TimeZone;

fn same<T: Serialize + ToJson>(what: &str, value: &T) {
    assert_eq!(to_string(value), serde_json::to_string(value).unwrap(), "{what} (compact)");
    assert_eq!(to_string_pretty(value), serde_json::to_string_pretty(value).unwrap(), "{what} (pretty)");
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn reports_of_the_sample_and_of_generated_data() {
    let sample = common::load_sample();
    same("sample load summary", &sample.summary);
    let policies = PolicySet::from_json(&parse(include_str!("../policies/servicenow-sample.json")), "").unwrap();
    let config = default_config().unwrap();
    for options in [parity::SAMPLE_OPTIONS, "{}", r#"{"period":"quarter"}"#] {
        let options = ReportOptions::from_json(&parse(options), "").unwrap();
        same("sample report", &report::build(&sample.dataset, &config, &options, Some(&policies)).unwrap());
        same("sample report without policies", &report::build(&sample.dataset, &config, &options, None).unwrap());
    }

    let generated = common::load_csv(&parity::generated_log(42, 150), parse(parity::LOAD_OPTIONS)).unwrap();
    let policies = PolicySet::from_json(&parse(parity::GENERATED_POLICIES), "").unwrap();
    let config = Config::from_json(&parse(parity::GENERATED_SCORECARD), "").unwrap();
    let options = ReportOptions::from_json(&parse(parity::GENERATED_OPTIONS), "").unwrap();
    same("generated report", &report::build(&generated.dataset, &config, &options, Some(&policies)).unwrap());

    let as_of = parse_instant(parity::GENERATED_SLA_AS_OF).unwrap();
    let evaluation = sla::evaluate(&generated.dataset, &policies, as_of);
    for (period, by, dimension) in [(Period::Week, Attribution::Open, Some("priority")), (Period::All, Attribution::Stop, None)] {
        let opts = sla_report::ReportOptions {
            period,
            by,
            dimension: dimension.map(str::to_string),
            zone: Some(TimeZone::named("Europe/Berlin", "zone").unwrap()),
        };
        let r = sla_report::build(&generated.dataset, &policies, &evaluation, &opts).unwrap();
        assert!(!r.outcomes.is_empty() && !r.breaches.is_empty() && r.outcomes.iter().any(|o| !o.timeline.is_empty()));
        same("generated SLA report", &r);
        same("compliance rows", &r.compliance);
        same("breach rows", &r.breaches);
    }
}

#[test]
fn load_summaries_with_warnings_and_refused_rows() {
    let text = "id,opened,resolved,closed\n\
A,2026-03-02 09:00,2026-03-02 08:00,2026-03-02 10:00\n\
B,2026-03-02 09:00,2026-03-02 12:00,2026-03-02 11:00\n\
C\"\\\t\u{1},yesterday,,\n\
é😀,2026-05-02 09:00,,\n";
    let mapping = json!({"id": "id", "opened": "opened", "resolved": "resolved", "closed": "closed"});
    let l = common::load_csv(text, json!({"mapping": mapping, "mode": "lenient", "asOf": "2026-04-01T00:00:00Z"})).unwrap();
    assert!(!l.summary.warnings.is_empty() && !l.summary.errors.is_empty());
    same("load summary", &l.summary);
    same("empty load summary", &sla_scorecard::ingest::LoadSummary::default());
}

#[test]
fn values_as_serde_json_writes_them() {
    let v = parse(include_str!("../policies/servicenow-sample.json"));
    same("policy document", &v);
    same("default scorecard", &parse(sla_scorecard::scorecard::DEFAULT_SCORECARD));
}
