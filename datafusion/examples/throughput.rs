//! Throughput of the SQL scorecard (`sla_partial` per bucket of tickets,
//! `partial_merge`, then the report) over the full ServiceNow event log in
//! eight CSV files, at `target_partitions` 1 and 2:
//!
//! ```text
//! cargo run -p sla-scorecard-datafusion --profile df --example throughput
//! ```
//!
//! The full log is read from its zip (`SLA_FULL_EVENT_LOG_ZIP`, default
//! the shared data folder) with `unzip -p`; without it, the repository's
//! 890-incident sample is repeated 24 times under distinct ticket ids
//! (143,952 events). Events per second count every row of the table.
//! Then the projection per node: the one-partition rate per core.
//! With `SLA_EXPLAIN=1` it also prints the plan of each run with its
//! metrics (`EXPLAIN ANALYZE`: the time each operator took, per partition).

use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::prelude::{CsvReadOptions, SessionConfig, SessionContext};
use serde_json::{json, Value};
use sla_scorecard::scorecard::DEFAULT_SCORECARD;
use sla_scorecard_datafusion::scorecard::{report, Grouping, Settings};
use std::error::Error;
use std::io::Read;
use std::time::Instant;

const FULL_ZIP: &str = "/work/shared/data/servicenow-incident-event-log/incident_event_log_full.zip";
const FILES: usize = 8;
const BUCKETS: u32 = 64;

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let (name, text) = events()?;
    let mut lines = text.lines();
    let header = lines.next().ok_or("empty log")?;
    let dir = tempfile::tempdir()?;
    let mut bodies = vec![format!("{header}\n"); FILES];
    let mut events = 0;
    for (i, line) in lines.enumerate() {
        bodies[i % FILES].push_str(line);
        bodies[i % FILES].push('\n');
        events += 1;
    }
    for (i, body) in bodies.iter().enumerate() {
        std::fs::write(dir.path().join(format!("events-{i}.csv")), body)?;
    }
    let schema = Schema::new(header.split(',').map(|c| Field::new(c, DataType::Utf8, true)).collect::<Vec<_>>());
    let config: Value = serde_json::from_str(DEFAULT_SCORECARD)?;
    let policies: Value = serde_json::from_str(include_str!("../../benches/policies.json"))?;
    let (load, options) = (json!({"preset": "servicenow-event-log"}), json!({"asOf": "2017-03-01T00:00:00Z"}));
    let settings = Settings { load_options: &load, config: &config, report_options: &options, policies: Some(&policies) };
    // The profile is the name of the folder the example was built into.
    let exe = std::env::current_exe()?;
    let profile = exe.parent().and_then(|p| p.parent()).and_then(|p| p.file_name()).map_or("?".into(), |p| p.to_string_lossy());
    println!("{name}: {events} events in {FILES} CSV files, {BUCKETS} buckets, profile {profile}");
    let mut per_partition = Vec::new();
    for partitions in [1, 2] {
        let ctx = SessionContext::new_with_config(SessionConfig::new().with_target_partitions(partitions));
        sla_scorecard_datafusion::register(&ctx);
        ctx.register_csv("events", &format!("{}/", dir.path().display()), CsvReadOptions::new().schema(&schema)).await?;
        let start = Instant::now();
        let report = report(&ctx, "events", Grouping::Buckets("number", BUCKETS), settings).await?;
        let seconds = start.elapsed().as_secs_f64();
        let bytes = serde_json::to_string(&report)?.len();
        println!("target_partitions {partitions}: {seconds:.2} s, {:.0} events/s (report {bytes} B)", events as f64 / seconds);
        per_partition.push(events as f64 / seconds);
        if std::env::var_os("SLA_EXPLAIN").is_some() {
            let columns = schema.fields().iter().map(|f| f.name().clone()).collect::<Vec<_>>();
            let query = sla_scorecard_datafusion::scorecard::sql("events", &columns, Grouping::Buckets("number", BUCKETS), settings);
            ctx.sql(&format!("EXPLAIN ANALYZE {query}")).await?.show().await?;
        }
    }
    // One partition runs on one core; the work per bucket spreads over as
    // many cores as there are partitions (docs/scale.md), so a node of n
    // cores is projected at n times the one-partition rate, given a few
    // buckets per core and a scan that keeps up.
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if let Some(one) = per_partition.first() {
        println!(
            "projected per node: {:.0} events/s per core; {:.0} on this node ({cores} cores), {:.0} on a 16-core node",
            one,
            one * cores as f64,
            one * 16.0
        );
    }
    Ok(())
}

/// The full log, or the sample repeated.
fn events() -> Result<(String, String), Box<dyn Error>> {
    let zip = std::env::var("SLA_FULL_EVENT_LOG_ZIP").unwrap_or_else(|_| FULL_ZIP.to_string());
    if std::path::Path::new(&zip).exists() {
        let out = std::process::Command::new("unzip").arg("-p").arg(&zip).arg("incident_event_log.csv").output()?;
        if out.status.success() {
            return Ok(("full log".into(), String::from_utf8(out.stdout)?));
        }
    }
    let gz = std::fs::File::open(concat!(env!("CARGO_MANIFEST_DIR"), "/../data/servicenow-incident-event-log.csv.gz"))?;
    let mut sample = String::new();
    flate2::read::GzDecoder::new(gz).read_to_string(&mut sample)?;
    let mut lines = sample.lines();
    let mut text = format!("{}\n", lines.next().ok_or("empty sample")?);
    let rows: Vec<&str> = lines.collect();
    for copy in 0..24 {
        for row in &rows {
            text.push_str(&format!("R{copy}-{row}\n"));
        }
    }
    Ok(("sample repeated 24 times".into(), text))
}
