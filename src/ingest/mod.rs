//! Ingest: tickets, outages and changes from CSV text, JSON arrays of
//! objects and event logs, validated into a [`Dataset`].
//!
//! One entry, [`load`] (or [`load_into`] an existing data set): an [`Input`] and [`LoadOptions`] (a preset or a
//! column mapping, time zone, timestamp formats, strict or lenient mode,
//! limits) give a [`Loaded`] data set and its [`LoadSummary`]. In strict
//! mode the first unreadable row fails the load with
//! [`Error::Row`](crate::Error::Row) (row, column, value, reason); in
//! lenient mode such rows are skipped and listed. Either way
//! `loaded + rejected == rowsRead`. The rules are written out in
//! `docs/ingest.md`.

mod cells;
mod csv_source;
mod event_log;
mod ids;
mod json_source;
pub mod mapping;
pub mod model;
pub mod options;
pub mod presets;
mod row;
mod summary;
mod symbols;
mod table;
pub mod timestamp;
mod warnings;

pub use csv_source::TextSource;
pub use options::{FirstResponse, LoadOptions, Mode, RecordKind};
pub use summary::{LoadSummary, Warning};

use crate::support::error::{Error, RowError};
use crate::ingest::model::Dataset;
use mapping::Field;
use row::RowReader;
use serde_json::Value;

/// The input of a load.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    /// CSV text with a header row.
    Csv(&'a str),
    /// A JSON array of objects.
    Json(&'a Value),
}

/// A loaded data set and what the load did.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The records read.
    pub dataset: Dataset,
    /// Counts, refused rows and warnings.
    pub summary: LoadSummary,
}

/// Size limits of an input.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Most rows read.
    pub max_rows: usize,
    /// Longest field, in bytes.
    pub max_field_bytes: usize,
}

impl Limits {
    fn check_rows(&self, row: usize) -> Result<(), Error> {
        if row > self.max_rows {
            Err(Error::invalid("maxRows", format!("the input has more than {} rows; raise maxRows to load it", self.max_rows)))
        } else {
            Ok(())
        }
    }
}

/// Turns accepted rows into records.
trait Builder {
    /// Reads one row; on error nothing of the row is kept.
    fn row(&mut self, dataset: &mut Dataset, row: &RowReader<'_, '_>) -> Result<(), RowError>;
    /// Makes room for the records of about `rows` more rows.
    fn reserve(&mut self, dataset: &mut Dataset, rows: usize);
    /// Completes the records and returns the warnings.
    fn finish(self: Box<Self>, dataset: &mut Dataset) -> Vec<Warning>;
}

/// Loads `input` as `options` say into a new data set.
///
/// Errors: [`Error::Invalid`] for a mapping that does not fit the input
/// (naming the missing column and listing the available ones), an input
/// that is not CSV or an array, or more rows than `maxRows`;
/// [`Error::Row`] in strict mode for the first unreadable row.
/// A text without any line (and an empty array) loads nothing.
pub fn load(input: Input<'_>, options: &LoadOptions) -> Result<Loaded, Error> {
    let mut dataset = Dataset::default();
    let summary = load_into(&mut dataset, input, options)?;
    Ok(Loaded { dataset, summary })
}

/// Loads `input` into an existing data set (outages and changes next to
/// the tickets they concern); the summary counts only what this load read
/// and built. On error the data set keeps its records as before (strings
/// interned meanwhile stay in its table, unused).
pub fn load_into(dataset: &mut Dataset, input: Input<'_>, options: &LoadOptions) -> Result<LoadSummary, Error> {
    match input {
        Input::Csv(text) => load_csv_into(dataset, &mut text.as_bytes(), text.len(), options),
        Input::Json(value) => load_source_into(dataset, Source::Json(value), options),
    }
}

/// Loads CSV text that `reader` gives piece by piece (e.g. converted from
/// a JS string chunk by chunk, so that the whole text never sits in WASM
/// memory) into `dataset`, like [`load_into`]. `len_hint`, the text's
/// length in bytes or about, sizes the data set's vectors ahead.
pub fn load_csv_into(dataset: &mut Dataset, reader: &mut dyn TextSource, len_hint: usize, options: &LoadOptions) -> Result<LoadSummary, Error> {
    load_source_into(dataset, Source::Csv(reader, len_hint), options)
}

/// An input as the loader reads it.
enum Source<'a> {
    /// CSV text from a reader, with its length in bytes or about.
    Csv(&'a mut dyn TextSource, usize),
    /// A JSON array of objects.
    Json(&'a Value),
}

fn load_source_into(dataset: &mut Dataset, input: Source<'_>, options: &LoadOptions) -> Result<LoadSummary, Error> {
    let before = (dataset.tickets.len(), dataset.outages.len(), dataset.changes.len(), dataset.dimension_names.len());
    let result = read(dataset, input, options);
    match result {
        Ok(mut summary) => {
            summary.tickets = dataset.tickets.len() - before.0;
            summary.outages = dataset.outages.len() - before.1;
            summary.changes = dataset.changes.len() - before.2;
            Ok(summary)
        }
        Err(e) => {
            dataset.tickets.truncate(before.0);
            dataset.outages.truncate(before.1);
            dataset.changes.truncate(before.2);
            dataset.dimension_names.truncate(before.3);
            for t in &mut dataset.tickets {
                t.dimensions.truncate(before.3);
            }
            Err(e)
        }
    }
}

fn read(dataset: &mut Dataset, input: Source<'_>, options: &LoadOptions) -> Result<LoadSummary, Error> {
    let limits = Limits { max_rows: options.max_rows, max_field_bytes: options.max_field_bytes };
    match input {
        Source::Csv(reader, len_hint) => {
            let source = csv_source::CsvInput::open(reader, len_hint, options.delimiter)?;
            if source.columns.is_empty() {
                return Ok(LoadSummary::default());
            }
            let resolved = resolve(options, &source.columns)?;
            let mut run = Run::new(options, &resolved, dataset);
            source.for_each(&resolved.columns, &limits, |row, ahead, cells| run.row(row, ahead, cells))?;
            Ok(run.finish())
        }
        Source::Json(value) => {
            let source = json_source::JsonInput::open(value)?;
            if matches!(value, Value::Array(items) if items.is_empty()) {
                return Ok(LoadSummary::default());
            }
            let resolved = resolve(options, &source.columns)?;
            let mut run = Run::new(options, &resolved, dataset);
            source.for_each(&resolved.columns, &limits, |row, ahead, cells| run.row(row, ahead, cells))?;
            Ok(run.finish())
        }
    }
}

fn resolve(options: &LoadOptions, columns: &[String]) -> Result<mapping::Resolved, Error> {
    use Field::*;
    let (allowed, required): (&[Field], &[Field]) = match (options.record, options.event_log) {
        (RecordKind::Tickets, false) => (
            &[Id, Kind, Title, Opened, FirstResponse, Resolved, Closed, ReopenCount, Csat, FirstContactResolution, SlaMet],
            &[Id, Opened],
        ),
        (RecordKind::Tickets, true) => (
            &[
                Id,
                Kind,
                Title,
                Opened,
                FirstResponse,
                Resolved,
                Closed,
                Status,
                Updated,
                Sequence,
                AssignmentGroup,
                Assignee,
                ReopenCount,
                Csat,
                FirstContactResolution,
                SlaMet,
            ],
            &[Id, Opened, Status, Updated],
        ),
        (RecordKind::Outages, _) => (&[Service, Start, End, Planned], &[Service, Start]),
        (RecordKind::Changes, _) => (&[Id, ChangeType, Outcome, Service, Start, End], &[Id, ChangeType, Start]),
    };
    let dimensions = options.record == RecordKind::Tickets;
    mapping::resolve(&options.mapping, columns, allowed, required, dimensions, "mapping", options.preset.as_deref())
}

/// One load in progress: the builder and the counts.
struct Run<'o, 'd> {
    options: &'o LoadOptions,
    resolved: &'o mapping::Resolved,
    dataset: &'d mut Dataset,
    builder: Box<dyn Builder + 'o>,
    summary: LoadSummary,
    /// The last row the builder has room for.
    reserved: usize,
}

impl<'o, 'd> Run<'o, 'd> {
    fn new(options: &'o LoadOptions, resolved: &'o mapping::Resolved, dataset: &'d mut Dataset) -> Self {
        let builder: Box<dyn Builder + 'o> = if options.event_log {
            Box::new(event_log::EventLog::new(options, resolved, dataset))
        } else {
            Box::new(table::Table::new(options, resolved, dataset))
        };
        Run { options, resolved, dataset, builder, summary: LoadSummary::default(), reserved: 0 }
    }

    /// Reads row `row`, after which about `ahead` rows follow.
    fn row(&mut self, row: usize, ahead: usize, cells: Result<&[cells::Cell<'_>], RowError>) -> Result<(), Error> {
        if ahead > 0 && row + ahead > self.reserved {
            self.builder.reserve(self.dataset, ahead + 1);
            self.reserved = row + ahead;
        }
        self.summary.rows_read += 1;
        let result = cells.and_then(|cells| self.builder.row(self.dataset, &RowReader::new(row, cells, self.resolved, self.options)));
        match result {
            Ok(()) => self.summary.loaded += 1,
            Err(e) if self.options.mode == Mode::Strict => return Err(Error::Row(e)),
            Err(e) => {
                self.summary.rejected += 1;
                self.summary.errors.push(e);
            }
        }
        Ok(())
    }

    fn finish(self) -> LoadSummary {
        let mut summary = self.summary;
        summary.warnings = self.builder.finish(self.dataset);
        summary
    }
}
