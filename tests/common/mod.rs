//! Helpers shared by the integration tests.
#![allow(dead_code)]

use sla_scorecard::ingest::{load, Input, LoadOptions, Loaded};
use std::io::Read;

/// The text of the gzipped sample event log in `data/`.
pub fn sample_text() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/servicenow-incident-event-log.csv.gz");
    let file = std::fs::File::open(path).expect("sample data in data/");
    let mut text = String::new();
    flate2::read::GzDecoder::new(file).read_to_string(&mut text).expect("valid gzip UTF-8");
    text
}

/// The sample event log loaded with the `servicenow-event-log` preset.
pub fn load_sample() -> Loaded {
    let options = LoadOptions::from_json(&serde_json::json!({"preset": "servicenow-event-log"}), "").unwrap();
    load(Input::Csv(&sample_text()), &options).unwrap()
}

/// Loads CSV `text` with options given as JSON.
pub fn load_csv(text: &str, options: serde_json::Value) -> Result<Loaded, sla_scorecard::Error> {
    load(Input::Csv(text), &LoadOptions::from_json(&options, "")?)
}

/// Loads a JSON array with options given as JSON.
pub fn load_json(value: &serde_json::Value, options: serde_json::Value) -> Result<Loaded, sla_scorecard::Error> {
    load(Input::Json(value), &LoadOptions::from_json(&options, "")?)
}

/// Parses an ISO 8601 instant with offset.
pub fn at(s: &str) -> i64 {
    sla_scorecard::support::time::parse_instant(s).unwrap()
}
