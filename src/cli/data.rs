//! The data options shared by the commands, and reading the data file and
//! policy document named on a command line.

use super::Failure;
use crate::ingest::model::Dataset;
use crate::ingest::LoadSummary;
use crate::ingest::{load, presets, Format, Input, LoadOptions, Loader};
use crate::sla::PolicySet;
use crate::support::error::{quote, Error};
use clap::builder::PossibleValuesParser;
use serde::de::DeserializeOwned;
use serde_json::{json, Map, Value};

/// Where the tickets are and how to read them.
#[derive(Debug, clap::Args)]
pub struct DataArgs {
    /// Tickets as CSV, or as a JSON array of objects when the name ends in .json
    #[arg(long, value_name = "D.csv")]
    pub data: String,
    #[command(flatten)]
    pub reading: Reading,
    /// IANA zone of timestamps without offset in the data (sets "timezone") [default: UTC]
    #[arg(long, value_name = "IANA")]
    pub data_timezone: Option<String>,
    /// Read the data as an event log, one row per update of a ticket (sets "eventLog": true)
    #[arg(long)]
    pub event_log: bool,
    /// Skip the rows that cannot be read and count them as rejected (sets "mode": "lenient")
    #[arg(long)]
    pub lenient: bool,
    /// Do not print the load summary (rows read, loaded, rejected, warnings) on standard error
    #[arg(long)]
    pub quiet: bool,
}

/// How to read the tickets: a `--load` document, `--preset`, `--mapping`,
/// or several (each later one on top of the earlier).
#[derive(Debug, clap::Args)]
#[group(required = true, multiple = true)]
pub struct Reading {
    /// Load options document, as the JS API takes it (docs/ingest.md); --preset,
    /// --mapping (key by key), --data-timezone, --event-log and --lenient override it
    #[arg(long, value_name = "L.json")]
    pub load: Option<String>,
    /// The export's preset (its columns are listed in docs/ingest.md)
    #[arg(long, value_name = "NAME", value_parser = PossibleValuesParser::new(presets::NAMES))]
    pub preset: Option<String>,
    /// Column mapping document (docs/ingest.md), instead of or on top of a preset
    #[arg(long, value_name = "M.json")]
    pub mapping: Option<String>,
}

/// Loads `--data` as `--load`, `--preset`, `--mapping` and the shorthands
/// say, and prints the load summary line on standard error unless `--quiet`.
pub fn load_data(a: &DataArgs) -> Result<Dataset, Failure> {
    let data_path = a.data.as_str();
    let load_options = load_options(a)?;
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
    if !a.quiet {
        eprintln!("{}", summary_line(data_path, &loaded.summary));
    }
    Ok(loaded.dataset)
}

/// The load summary line: `F: 5 rows read, 4 loaded, 1 rejected, 0 warnings`
/// (with `, 2 skipped (opened outside the window)` after `rejected` when a
/// window skipped rows).
fn summary_line(data_path: &str, s: &LoadSummary) -> String {
    let rows = if s.rows_read == 1 { "row" } else { "rows" };
    let warnings = if s.warnings.len() == 1 { "warning" } else { "warnings" };
    let skipped = match s.skipped {
        0 => String::new(),
        n => format!(", {n} skipped (opened outside the window)"),
    };
    format!("{data_path}: {} {rows} read, {} loaded, {} rejected{skipped}, {} {warnings}", s.rows_read, s.loaded, s.rejected, s.warnings.len())
}

/// The load options document the command line gives: the `--load` file (or
/// `{}`), then `--preset`, `--mapping` merged key by key (and its
/// `dimensions` name by name), `--data-timezone`, `--event-log` and
/// `--lenient` on top; read by the same reader as the JS API's options.
fn load_options(a: &DataArgs) -> Result<LoadOptions, Failure> {
    let load_path = a.reading.load.as_deref();
    let mut doc = match load_path {
        Some(path) => load_json::<Value>(path)?,
        None => json!({}),
    };
    if let Some(z) = &a.data_timezone {
        // Checked here so that a bad zone is not blamed on the --load file.
        crate::support::tz::TimeZone::named(z, "--data-timezone").map_err(|e| Failure::Usage(e.to_string()))?;
    }
    let mapping = a.reading.mapping.as_deref().map(load_json::<Value>).transpose()?;
    if let (Some(path), Some(m), Some(_)) = (&a.reading.mapping, &mapping, load_path) {
        // Checked alone so that an error in it names its own file.
        LoadOptions::from_json(&json!({ "mapping": m }), "").map_err(|e| Failure::Input(format!("{path}: {e}")))?;
    }
    // A document that is not an object is left as it is: the reader refuses it.
    if let Some(fields) = doc.as_object_mut() {
        if let Some(p) = &a.reading.preset {
            fields.insert("preset".to_string(), Value::String(p.to_string()));
        }
        if let Some(m) = mapping {
            merge_mapping(fields, m);
        }
        if let Some(z) = &a.data_timezone {
            fields.insert("timezone".to_string(), Value::String(z.to_string()));
        }
        if a.event_log {
            fields.insert("eventLog".to_string(), Value::Bool(true));
        }
        if a.lenient {
            fields.insert("mode".to_string(), Value::String("lenient".to_string()));
        }
    }
    LoadOptions::from_json(&doc, "").map_err(|e| match load_path {
        Some(path) => Failure::Input(format!("{path}: {e}")),
        None => Failure::Usage(e.to_string()),
    })
}

/// Puts the `--mapping` document's keys over `fields["mapping"]`'s, and
/// its `dimensions` names over theirs, as a mapping patch applies.
fn merge_mapping(fields: &mut Map<String, Value>, patch: Value) {
    let Value::Object(patch) = patch else {
        // Not an object: the reader refuses it with its path.
        fields.insert("mapping".to_string(), patch);
        return;
    };
    let target = fields.entry("mapping").or_insert(Value::Null);
    if target.is_null() {
        *target = json!({});
    }
    let Value::Object(target) = target else {
        // The --load file's mapping is not an object: the reader refuses it.
        return;
    };
    for (key, value) in patch {
        match (target.get_mut(&key), value) {
            (Some(Value::Object(old)), Value::Object(new)) if key == "dimensions" => old.extend(new),
            (_, value) => {
                target.insert(key, value);
            }
        }
    }
}

/// Reads the policy document at `path`.
pub fn load_policies(path: &str) -> Result<PolicySet, Failure> {
    let doc = load_json(path)?;
    PolicySet::from_document(doc, "").map_err(|e| Failure::Input(format!("{path}: {e}")))
}

/// The scorecard configuration at `path` (the built-in one without), with
/// its JSON value: a partial report's key holds the calendar as given.
pub fn load_config(path: Option<&str>) -> Result<(crate::scorecard::Config, Value), Failure> {
    let doc: Value = match path {
        Some(path) => load_json(path)?,
        None => crate::scorecard::default_json().map_err(input)?,
    };
    let config = crate::scorecard::Config::from_json(&doc, "").map_err(|e| Failure::Input(format!("{}: {e}", path.unwrap_or("the built-in scorecard"))))?;
    Ok((config, doc))
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

/// The text of the file at `path`; the error names it.
pub fn read(path: &str) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|e| cannot_read(path, e))
}

fn cannot_read(path: &str, e: std::io::Error) -> Failure {
    Failure::Input(format!("cannot read {}: {e}", quote(path)))
}
