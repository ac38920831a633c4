//! Reading the data file and policy document named on a command line,
//! shared by the commands.

use super::args::Options;
use super::Failure;
use crate::error::{quote, Error};
use crate::ingest::{load, Input, LoadOptions};
use crate::model::Dataset;
use crate::sla::PolicySet;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

/// The usage lines of the data options, for the commands' usage texts.
pub const DATA_USAGE: &str = "  --data           tickets as CSV, or as a JSON array of objects when the name ends in .json
  --preset         servicenow-event-log | servicenow-incidents | jira
  --mapping        column mapping document (docs/ingest.md), instead of or on top of a preset
  --data-timezone  zone of timestamps without offset in the data (default UTC)";

/// The data options' names (each takes a value).
pub const DATA_OPTIONS: [&str; 4] = ["data", "preset", "mapping", "data-timezone"];

/// Loads `--data` as `--preset` / `--mapping` say.
pub fn load_data(o: &Options, usage: &str) -> Result<Dataset, Failure> {
    let data_path = o.required("data", usage)?;
    if o.get("preset").is_none() && o.get("mapping").is_none() {
        return Err(Failure::Usage(format!("give --preset or --mapping to say how to read {}\n{usage}", quote(data_path))));
    }
    let mut load_doc = json!({});
    if let Some(p) = o.get("preset") {
        load_doc["preset"] = Value::String(p.to_string());
    }
    if let Some(m) = o.get("mapping") {
        load_doc["mapping"] = load_json(m)?;
    }
    if let Some(z) = o.get("data-timezone") {
        load_doc["timezone"] = Value::String(z.to_string());
    }
    let load_options = LoadOptions::from_json(&load_doc, "").map_err(|e| Failure::Usage(e.to_string()))?;
    let text = read(data_path)?;
    let loaded = if data_path.to_ascii_lowercase().ends_with(".json") {
        let value = read_json(&text).map_err(|e| Failure::Input(format!("{data_path}: {e}")))?;
        load(Input::Json(&value), &load_options)
    } else {
        load(Input::Csv(&text), &load_options)
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
    crate::json_reader::from_text(text, "", |reason| Error::invalid("", format!("is not valid JSON: {reason}")))
}

/// An input failure from a core error.
pub fn input(e: crate::Error) -> Failure {
    Failure::Input(e.to_string())
}

fn read(path: &str) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|e| Failure::Input(format!("cannot read {}: {e}", quote(path))))
}
