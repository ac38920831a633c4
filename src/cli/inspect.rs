//! `sla-scorecard inspect`: profiles the columns of a CSV file and proposes
//! the load options that read it (the core's `inspect`, as the JS API's),
//! printed as text or JSON; `--write-options` saves the options for
//! `--load`.

use super::Failure;
use crate::ingest::inspect::profile::ValueType;
use crate::ingest::inspect::{inspect_bytes, InspectOptions, Inspection};
use crate::support::error::quote;
use std::fmt::Write as _;

/// The options of `inspect`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  \
    sla-scorecard inspect export.csv --write-options load.json\n  \
    sla-scorecard report --data export.csv --load load.json --period all\n\n\
    Guesses marked \"?\" are questions the data cannot answer (e.g. the time zone of\n\
    timestamps without offset): check them in the options file before loading.")]
pub struct Args {
    /// The CSV file to inspect
    #[arg(value_name = "FILE")]
    pub file: String,
    /// Rows read after the header
    #[arg(long, value_name = "N", default_value_t = crate::ingest::inspect::DEFAULT_SAMPLE_ROWS)]
    pub sample_rows: usize,
    /// Save the proposed load options as JSON, for `--load`
    #[arg(long, value_name = "L.json")]
    pub write_options: Option<String>,
    /// Print the whole inspection as JSON (as the JS API returns it) instead of text
    #[arg(long)]
    pub json: bool,
}

/// Runs `inspect` with its options.
pub fn run(a: Args) -> Result<String, Failure> {
    if a.sample_rows == 0 {
        return Err(Failure::Usage("--sample-rows: expected a whole number of at least 1".to_string()));
    }
    let bytes = std::fs::read(&a.file).map_err(|e| Failure::Input(format!("cannot read {}: {e}", quote(&a.file))))?;
    let options = InspectOptions { sample_rows: Some(a.sample_rows as u64), delimiter: None };
    let inspection = inspect_bytes(&bytes, &options).map_err(|e| Failure::Input(format!("{}: {e}", a.file)))?;
    let document = serde_json::to_string_pretty(&inspection.options).map_err(|e| Failure::Input(format!("could not write the options: {e}")))? + "\n";
    if let Some(path) = &a.write_options {
        std::fs::write(path, &document).map_err(|e| Failure::Input(format!("cannot write {}: {e}", quote(path))))?;
    }
    if a.json {
        return Ok(serde_json::to_string_pretty(&inspection).map_err(|e| Failure::Input(format!("could not write the inspection: {e}")))? + "\n");
    }
    Ok(text(&inspection, &document))
}

/// The inspection as text: one line per column, the guesses, the sample
/// check and the options document.
fn text(i: &Inspection, document: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} rows sampled, {} malformed; {} columns:", i.rows_sampled, i.malformed_rows, i.columns.len());
    for c in &i.columns {
        let kind = match (c.value_type, &c.format) {
            (ValueType::Timestamp, Some(f)) => format!("timestamp {}", quote(f)),
            (ValueType::Timestamp, None) => "timestamp ISO 8601".to_string(),
            (ValueType::Number, _) => "number".to_string(),
            (ValueType::YesNo, _) => "yes/no".to_string(),
            (ValueType::Text, _) => "text".to_string(),
            (ValueType::Empty, _) => "empty".to_string(),
        };
        let naive = if c.naive { ", no offset" } else { "" };
        let nulls: Vec<String> = c.nulls.iter().map(|n| format!("{}×{}", quote(&n.value), n.count)).collect();
        let nulls = if nulls.is_empty() { String::new() } else { format!("; nulls {}", nulls.join(" ")) };
        let top: Vec<String> = c.top.iter().take(3).map(|v| format!("{}×{}", quote(&v.value), v.count)).collect();
        let per_id = match c.varies_per_id {
            Some(true) => "; changes within an id",
            _ => "",
        };
        let _ = writeln!(out, "  {:>3} {}: {kind}{naive}; {} distinct{nulls}{per_id}; top {}", c.index + 1, quote(&c.name), c.distinct, top.join(" "));
    }
    let _ = writeln!(out, "Guesses (? = a question for you):");
    for g in &i.guesses {
        let mark = if g.question { "?" } else { "-" };
        let _ = writeln!(out, "  {mark} {} = {}: {}", g.option, g.value, g.reason);
    }
    let c = &i.check;
    match &c.error {
        Some(e) => {
            let _ = writeln!(out, "The sample does not load with these options: {e}");
        }
        None => {
            let _ = writeln!(out, "The sample loads with these options: {} rows loaded, {} rejected, {} tickets", c.loaded, c.rejected, c.tickets);
            for e in &c.errors {
                let _ = writeln!(out, "  row {} column {}: {} {}", e.row, quote(&e.column), quote(&e.value), e.reason);
            }
        }
    }
    let _ = writeln!(out, "Load options (--write-options FILE saves them for --load FILE):");
    out.push_str(document);
    out
}
