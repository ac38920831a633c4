//! The scorecard of a folder of event-log exports, computed by DataFusion:
//! every CSV file of the folder (or every Parquet file) is one table,
//! `events`; `sla_partial` makes a partial report per bucket of tickets,
//! `partial_merge` merges them, and the report is printed as JSON; with
//! `--partial`, the merged partial report instead, to merge with other
//! folders' (`sla-scorecard merge a.json b.json > report.json`, when each
//! ticket's events are all in one folder).
//!
//! ```text
//! cargo run -p sla-scorecard-datafusion --example folder -- DIR --as-of 2017-03-01T00:00:00Z \
//!     [--config scorecard.json] [--policies policies.json] [--load '{"preset": "servicenow-event-log"}'] \
//!     [--id number] [--buckets 64] [--partitions N] [--partial]
//! ```
//!
//! Without `--config` the default scorecard is used; without `--policies`,
//! none. CSV columns are read as text, as the core reads CSV.

use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::prelude::{CsvReadOptions, ParquetReadOptions, SessionConfig, SessionContext};
use serde_json::{json, Value};
use sla_scorecard::scorecard::DEFAULT_SCORECARD;
use sla_scorecard_datafusion::scorecard::{partial, report, Grouping, Settings};
use std::error::Error;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

const USAGE: &str =
    "usage: folder DIR --as-of INSTANT [--config FILE] [--policies FILE] [--load JSON] [--id COLUMN] [--buckets N] [--partitions N] [--partial]";

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let (mut dir, mut as_of, mut config, mut policies) = (None, None, None, None);
    let (mut load, mut id, mut buckets, mut partitions) = (json!({"preset": "servicenow-event-log"}), "number".to_string(), 64, None);
    let mut write_partial = false;
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value; {USAGE}"));
        match arg.as_str() {
            "--as-of" => as_of = Some(value()?),
            "--config" => config = Some(read_json(Path::new(&value()?))?),
            "--policies" => policies = Some(read_json(Path::new(&value()?))?),
            "--load" => load = serde_json::from_str(&value()?)?,
            "--id" => id = value()?,
            "--buckets" => buckets = value()?.parse()?,
            "--partitions" => partitions = Some(value()?.parse()?),
            "--partial" => write_partial = true,
            _ if dir.is_none() && !arg.starts_with("--") => dir = Some(PathBuf::from(arg)),
            _ => return Err(format!("unknown argument {arg}; {USAGE}").into()),
        }
    }
    let (Some(dir), Some(as_of)) = (dir, as_of) else { return Err(USAGE.into()) };
    let config = match config {
        Some(config) => config,
        None => serde_json::from_str(DEFAULT_SCORECARD)?,
    };
    let mut session = SessionConfig::new();
    if let Some(n) = partitions {
        session = session.with_target_partitions(n);
    }
    let ctx = SessionContext::new_with_config(session);
    sla_scorecard_datafusion::register(&ctx);
    register_folder(&ctx, &dir).await?;
    let report_options = json!({"asOf": as_of});
    let settings = Settings { load_options: &load, config: &config, report_options: &report_options, policies: policies.as_ref() };
    if write_partial {
        println!("{}", partial(&ctx, "events", Grouping::Buckets(&id, buckets), settings).await?.to_json());
    } else {
        println!("{}", serde_json::to_string(&report(&ctx, "events", Grouping::Buckets(&id, buckets), settings).await?)?);
    }
    Ok(())
}

fn read_json(path: &Path) -> Result<Value, Box<dyn Error>> {
    Ok(serde_json::from_str(&std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?)?)
}

/// Registers the folder's CSV files, or its Parquet files, as `events`.
async fn register_folder(ctx: &SessionContext, dir: &Path) -> Result<(), Box<dyn Error>> {
    let mut csv = Vec::new();
    let mut parquet = 0;
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        match path.extension().and_then(|e| e.to_str()) {
            Some("csv") => csv.push(path),
            Some("parquet") => parquet += 1,
            _ => {}
        }
    }
    let folder = format!("{}/", dir.display());
    match (csv.first(), parquet) {
        (Some(first), 0) => {
            // Every column as text, named by the first file's header.
            let mut header = String::new();
            BufReader::new(File::open(first)?).read_line(&mut header)?;
            let header = header.trim_end();
            let schema = Schema::new(header.split(',').map(|c| Field::new(c.trim_matches('"'), DataType::Utf8, true)).collect::<Vec<_>>());
            ctx.register_csv("events", &folder, CsvReadOptions::new().schema(&schema)).await?;
        }
        (None, n) if n > 0 => ctx.register_parquet("events", &folder, ParquetReadOptions::default()).await?,
        (None, _) => return Err(format!("{}: no .csv or .parquet file", dir.display()).into()),
        (Some(_), _) => return Err(format!("{}: both CSV and Parquet files; keep one format per folder", dir.display()).into()),
    }
    Ok(())
}
