//! Inspection: reads the header and a sample of rows of a CSV input,
//! profiles each column ([`profile`]) and proposes the load options that
//! read it ([`propose`]): a preset that fits, else a column mapping with a
//! role per column, each guess with its reason. The proposal is a load
//! options document (the JSON that [`LoadOptions::from_json`] reads), and
//! the sample is loaded with it to show what a load would refuse.
//!
//! The input is read by the loader's own CSV reader (byte order mark,
//! delimiter detection, quoted line breaks), a chunk at a time, and only
//! until the sample is complete.

pub mod profile;
mod propose;

use super::cells::Cell;
use super::csv_source::{CsvReader, CsvSink, TextSource};
use super::{load, presets, Input, Limits, LoadOptions};
use crate::support::error::{Error, RowError};
use profile::ColumnProfile;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Rows sampled by default.
pub const DEFAULT_SAMPLE_ROWS: usize = 1000;
/// Row errors of the sample check listed at most.
const CHECK_ERRORS: usize = 10;

/// How to inspect (`{"sampleRows": 1000, "delimiter": ";"}`, both optional).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase", expecting = "inspect options {\"sampleRows\": …, \"delimiter\": …}")]
pub struct InspectOptions {
    /// Rows read after the header (default 1000).
    #[serde(default, deserialize_with = "super::options::positive")]
    pub sample_rows: Option<u64>,
    /// The CSV delimiter; detected from the header line when absent.
    #[serde(default, deserialize_with = "super::options::delimiter")]
    pub delimiter: Option<u8>,
}

/// What an inspection found and proposes.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Inspection {
    /// The CSV delimiter (given or detected).
    pub delimiter: String,
    /// Data rows sampled (after the header).
    pub rows_sampled: usize,
    /// Sampled rows that could not be split into the header's columns
    /// (wrong number of fields, invalid UTF-8); left out of the profiles.
    pub malformed_rows: usize,
    /// One profile per header column, in order.
    pub columns: Vec<ColumnProfile>,
    /// The proposed load options document (what `load` takes).
    pub options: Map<String, Value>,
    /// Every guess behind the options, with its reason.
    pub guesses: Vec<Guess>,
    /// The sample loaded with the proposed options in lenient mode.
    pub check: SampleCheck,
}

/// One guess: the option it sets (a path in the options document), the
/// value, why, and whether the user should answer it (`question`).
#[derive(Debug, Clone, Serialize)]
pub struct Guess {
    /// Path in the options document (`preset`, `mapping.opened`,
    /// `mapping.dimensions.priority`, `eventLog`, `timezone`…).
    pub option: String,
    /// The value proposed (`null`: nothing found).
    pub value: Value,
    /// Why.
    pub reason: String,
    /// Whether the data cannot tell and the user should choose.
    pub question: bool,
}

/// The sampled rows loaded with the proposed options, leniently.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SampleCheck {
    /// Rows loaded.
    pub loaded: usize,
    /// Rows refused.
    pub rejected: usize,
    /// Tickets built.
    pub tickets: usize,
    /// The first refused rows (at most 10).
    pub errors: Vec<RowError>,
    /// Why the options do not load at all (a required column not found).
    pub error: Option<String>,
}

/// Inspects the CSV text `source` gives.
///
/// Errors: [`Error::Invalid`] for a text without a header row, or a
/// header that is not UTF-8.
pub fn inspect(source: &mut dyn TextSource, options: &InspectOptions) -> Result<Inspection, Error> {
    let want = options.sample_rows.map_or(DEFAULT_SAMPLE_ROWS, |n| usize::try_from(n).unwrap_or(usize::MAX));
    let limits = Limits { max_rows: usize::MAX, max_field_bytes: super::options::DEFAULT_MAX_FIELD_BYTES, max_input_bytes: None };
    let mut reader = CsvReader::new(options.delimiter, limits, 0);
    let mut sample = Sample { want, ..Sample::default() };
    let mut chunk = vec![0u8; 1 << 16];
    loop {
        let n = source.read_text(&mut chunk);
        if n == 0 {
            reader.finish(&mut sample)?;
            break;
        }
        reader.push(&chunk[..n], &mut sample)?;
        if sample.rows.len() >= want {
            break;
        }
    }
    if sample.columns.is_empty() {
        return Err(Error::invalid("input", "has no header row to inspect"));
    }
    let delimiter = reader.delimiter().unwrap_or(b',');
    let formats = candidate_formats();
    let mut columns: Vec<ColumnProfile> = (0..sample.columns.len())
        .map(|c| {
            let values: Vec<&str> = sample.rows.iter().map(|r| r[c].as_str()).collect();
            profile::profile(c, &sample.columns[c], &values, &formats)
        })
        .collect();
    let (options, guesses, check) = propose::propose(&mut columns, &sample, delimiter);
    Ok(Inspection {
        delimiter: (delimiter as char).to_string(),
        rows_sampled: sample.rows.len(),
        malformed_rows: sample.malformed,
        columns,
        options,
        guesses,
        check,
    })
}

/// The presets' timestamp formats, then the common ones, compiled.
fn candidate_formats() -> Vec<(String, Vec<chrono::format::Item<'static>>)> {
    let mut names: Vec<String> = presets::NAMES.iter().filter_map(|n| presets::get(n)).flat_map(|p| p.formats).collect();
    names.extend(profile::COMMON_FORMATS.iter().map(|f| f.to_string()));
    let mut out: Vec<(String, Vec<chrono::format::Item<'static>>)> = Vec::new();
    for f in names {
        if !out.iter().any(|(g, _)| *g == f) {
            if let Ok(items) = super::timestamp::compile(&f) {
                out.push((f, items));
            }
        }
    }
    out
}

/// The sampled rows, each as the text of every header column.
#[derive(Debug, Default)]
pub struct Sample {
    /// The header's names.
    pub columns: Vec<String>,
    /// The rows read, one text per column.
    pub rows: Vec<Vec<String>>,
    /// Rows that could not be split into the columns.
    pub malformed: usize,
    /// Rows wanted.
    want: usize,
}

impl CsvSink for Sample {
    fn header(&mut self, columns: &[String]) -> Result<Vec<usize>, Error> {
        self.columns = columns.to_vec();
        Ok((0..columns.len()).collect())
    }

    fn row(&mut self, _row: usize, _ahead: usize, cells: Result<&[Cell<'_>], RowError>) -> Result<(), Error> {
        if self.rows.len() + self.malformed >= self.want {
            return Ok(());
        }
        match cells {
            Ok(cells) => self.rows.push(cells.iter().map(|c| if let Cell::Text(t) = c { t.to_string() } else { String::new() }).collect()),
            Err(_) => self.malformed += 1,
        }
        Ok(())
    }
}

/// Loads the sampled rows with `options` in lenient mode. The rows go in
/// as JSON objects of strings, read as the CSV fields would be (a repeated
/// column name keeps its first column, as a CSV load does).
fn check(sample: &Sample, options: &Map<String, Value>) -> SampleCheck {
    let mut doc = options.clone();
    doc.insert("mode".to_string(), Value::String("lenient".to_string()));
    let options = match LoadOptions::from_json(&Value::Object(doc), "") {
        Ok(o) => o,
        Err(e) => return SampleCheck { error: Some(e.to_string()), ..SampleCheck::default() },
    };
    let rows: Vec<Value> = sample
        .rows
        .iter()
        .map(|row| {
            let mut object = Map::new();
            for (name, value) in sample.columns.iter().zip(row) {
                object.entry(name.clone()).or_insert_with(|| Value::String(value.clone()));
            }
            Value::Object(object)
        })
        .collect();
    match load(Input::Json(&Value::Array(rows)), &options) {
        Ok(loaded) => {
            let s = loaded.summary;
            SampleCheck { loaded: s.loaded, rejected: s.rejected, tickets: s.tickets, errors: s.errors.into_iter().take(CHECK_ERRORS).collect(), error: None }
        }
        Err(e) => SampleCheck { error: Some(e.to_string()), ..SampleCheck::default() },
    }
}

/// Inspects CSV bytes (a whole file).
pub fn inspect_bytes(mut bytes: &[u8], options: &InspectOptions) -> Result<Inspection, Error> {
    inspect(&mut bytes, options)
}
