//! Loads the sample event log and prints its load summary and the load time
//! (parse + build, after decompression):
//! `cargo run --release --example load_sample [path.csv]` (a path loads that
//! file instead, e.g. the full 141,712-row log, with the same preset).

use sla_scorecard::ingest::{load, Input, LoadOptions};
use std::io::Read;
use std::time::Instant;

fn main() {
    let text = match std::env::args().nth(1) {
        Some(path) => std::fs::read_to_string(path).expect("readable UTF-8 file"),
        None => {
            let gz = std::fs::File::open(concat!(env!("CARGO_MANIFEST_DIR"), "/data/servicenow-incident-event-log.csv.gz")).expect("sample");
            let mut text = String::new();
            flate2::read::GzDecoder::new(gz).read_to_string(&mut text).expect("gzip");
            text
        }
    };
    let options = LoadOptions::from_json(&serde_json::json!({"preset": "servicenow-event-log", "mode": "lenient"}), "").expect("options");
    let start = Instant::now();
    let loaded = load(Input::Csv(&text), &options).expect("load");
    let elapsed = start.elapsed();
    let s = &loaded.summary;
    println!(
        "rowsRead {} loaded {} rejected {} tickets {} warnings {} in {:.1} ms",
        s.rows_read,
        s.loaded,
        s.rejected,
        s.tickets,
        s.warnings.len(),
        elapsed.as_secs_f64() * 1000.0
    );
}
