//! The data options shared by the commands, and reading the data file and
//! policy document named on a command line.

use super::Failure;
use crate::support::error::{quote, Error};
use crate::ingest::{load, presets, Format, Input, LoadOptions, Loader};
use crate::ingest::model::Dataset;
use crate::sla::PolicySet;
use clap::builder::PossibleValuesParser;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

/// Where the tickets are and how to read them.
#[derive(Debug, clap::Args)]
pub struct DataArgs {
    /// Tickets as CSV, or as a JSON array of objects when the name ends in .json
    #[arg(long, value_name = "D.csv")]
    pub data: String,
    #[command(flatten)]
    pub reading: Reading,
    /// IANA zone of timestamps without offset in the data [default: UTC]
    #[arg(long, value_name = "IANA")]
    pub data_timezone: Option<String>,
}

/// How to read the tickets: `--preset`, `--mapping`, or both (the mapping
/// on top of the preset).
#[derive(Debug, clap::Args)]
#[group(required = true, multiple = true)]
pub struct Reading {
    /// The export's preset (its columns are listed in docs/ingest.md)
    #[arg(long, value_name = "NAME", value_parser = PossibleValuesParser::new(presets::NAMES))]
    pub preset: Option<String>,
    /// Column mapping document (docs/ingest.md), instead of or on top of a preset
    #[arg(long, value_name = "M.json")]
    pub mapping: Option<String>,
}

/// Loads `--data` as `--preset` / `--mapping` say.
pub fn load_data(a: &DataArgs) -> Result<Dataset, Failure> {
    let data_path = a.data.as_str();
    let mut load_doc = json!({});
    if let Some(p) = &a.reading.preset {
        load_doc["preset"] = Value::String(p.to_string());
    }
    if let Some(m) = &a.reading.mapping {
        load_doc["mapping"] = load_json(m)?;
    }
    if let Some(z) = &a.data_timezone {
        load_doc["timezone"] = Value::String(z.to_string());
    }
    let load_options = LoadOptions::from_json(&load_doc, "").map_err(|e| Failure::Usage(e.to_string()))?;
    let loaded = if data_path.to_ascii_lowercase().ends_with(".json") {
        let value = read_json(&read(data_path)?).map_err(|e| Failure::Input(format!("{data_path}: {e}")))?;
        load(Input::Json(&value), &load_options)
    } else {
        // The file's bytes as they are: the loader checks UTF-8 a record at
        // a time (a bad byte is a row error naming row and column), so the
        // text is neither validated nor copied as a whole first.
        let bytes = std::fs::read(data_path).map_err(|e| cannot_read(data_path, e))?;
        let mut loader = Loader::new(load_options, Format::Csv, bytes.len());
        loader.push(&bytes).and_then(|()| loader.finish())
    }
    .map_err(|e| Failure::Input(format!("{data_path}: {e}")))?;
    Ok(loaded.dataset)
}

/// Reads the policy document at `path`.
pub fn load_policies(path: &str) -> Result<PolicySet, Failure> {
    let doc = load_json(path)?;
    PolicySet::from_document(doc, "").map_err(|e| Failure::Input(format!("{path}: {e}")))
}

/// Reads the JSON document at `path` as a `T`; errors name the file first.
pub fn load_json<T: DeserializeOwned>(path: &str) -> Result<T, Failure> {
    read_json(&read(path)?).map_err(|e| Failure::Input(format!("{path}: {e}")))
}

fn read_json<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    crate::support::json_reader::from_text(text, "", |reason| Error::invalid("", format!("is not valid JSON: {reason}")))
}

/// An input failure from a core error.
pub fn input(e: crate::Error) -> Failure {
    Failure::Input(e.to_string())
}

fn read(path: &str) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|e| cannot_read(path, e))
}

fn cannot_read(path: &str, e: std::io::Error) -> Failure {
    Failure::Input(format!("cannot read {}: {e}", quote(path)))
}
