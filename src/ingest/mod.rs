//! Ingest: tickets, outages and changes from CSV text, JSON arrays of
//! objects and event logs, validated into a [`Dataset`].
//!
//! One entry, [`load`] (or [`load_into`] an existing data set): an [`Input`] and [`LoadOptions`] (a preset or a
//! column mapping, time zone, timestamp formats, strict or lenient mode,
//! limits) give a [`Loaded`] data set and its [`LoadSummary`]. In strict
//! mode the first unreadable row fails the load with
//! [`Error::Row`](crate::Error::Row) (row, column, value, reason); in
//! lenient mode such rows are skipped and listed. Rows of tickets opened
//! outside `openedFrom`/`openedBefore` are read no further than their
//! opening instant and counted as `skipped`. Always
//! `loaded + rejected + skipped == rowsRead`. The rules are written out in
//! `docs/ingest.md`.

mod cells;
mod csv_source;
mod event_log;
pub mod hashing;
mod ids;
pub mod inspect;
mod json_source;
mod limits;
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
pub use limits::Limits;
pub use options::{FirstResponse, LoadOptions, Mode, RecordKind};
pub use summary::{LoadSummary, Warning};

use crate::ingest::model::Dataset;
use crate::support::error::{Error, RowError};
use mapping::Field;
use row::RowReader;
use serde_json::Value;
use std::rc::Rc;

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

/// What became of a readable row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowFate {
    /// Its record was built (or, in an event log, its event kept).
    Loaded,
    /// Skipped: its ticket was opened outside `openedFrom`/`openedBefore`.
    OutsideWindow,
}

/// Turns accepted rows into records.
trait Builder {
    /// Reads one row; on error nothing of the row is kept.
    fn row(&mut self, dataset: &mut Dataset, row: &RowReader<'_, '_>) -> Result<RowFate, RowError>;
    /// After a row error: whether it fails the whole load, in any mode
    /// (a limit reached).
    fn fatal(&self) -> bool;
    /// Makes room for the records of about `rows` more rows.
    fn reserve(&mut self, dataset: &mut Dataset, rows: usize);
    /// Completes the records and returns the warnings.
    fn finish(self: Box<Self>, dataset: &mut Dataset) -> Vec<Warning>;
}

/// Loads `input` as `options` say into a new data set.
///
/// Errors: [`Error::Invalid`] for a mapping that does not fit the input
/// (naming the missing column and listing the available ones), an input
/// that is not CSV or an array, or over a limit (`maxRows`,
/// `maxInputBytes`, the CSV header line's length); [`Error::Row`] in
/// strict mode for the first unreadable row, and in any mode for the row
/// of a dimension value over `maxDistinctValues`.
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
    let mut loader = Loader::resume(std::mem::take(dataset), options.clone(), Format::Csv, 0);
    let result = match input {
        Input::Csv(text) => {
            loader.len_hint = text.len();
            loader.push(text.as_bytes())
        }
        Input::Json(value) => loader.load_json(value),
    };
    let (back, result) = loader.end(result);
    *dataset = back;
    result
}

/// Loads CSV text that `reader` gives piece by piece (e.g. converted from
/// a JS string chunk by chunk, so that the whole text never sits in WASM
/// memory) into `dataset`, like [`load_into`]. `len_hint`, the text's
/// length in bytes or about, sizes the data set's vectors ahead.
pub fn load_csv_into(dataset: &mut Dataset, reader: &mut dyn TextSource, len_hint: usize, options: &LoadOptions) -> Result<LoadSummary, Error> {
    let mut loader = Loader::resume(std::mem::take(dataset), options.clone(), Format::Csv, len_hint);
    let mut chunk = vec![0u8; 1 << 16];
    let result = loop {
        let n = reader.read_text(&mut chunk);
        if n == 0 {
            break Ok(());
        }
        if let Err(e) = loader.push(&chunk[..n]) {
            break Err(e);
        }
    };
    let (back, result) = loader.end(result);
    *dataset = back;
    result
}

/// What the bytes given to a [`Loader`] are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CSV text.
    Csv,
    /// CSV text, or a JSON array of objects when the first character that
    /// is not white space (after a byte order mark) is `[`.
    Detect,
}

/// A load fed with bytes a chunk at a time ([`push`](Loader::push)), then
/// completed ([`finish`](Loader::finish)): the records of a file read in
/// pieces, with the same rows, errors, limits and summary as the whole
/// text loaded at once, whatever the chunks. CSV is read as it comes; a
/// JSON array is kept until the end and read then.
pub struct Loader {
    options: Rc<LoadOptions>,
    /// What `push` and `finish` do with the bytes.
    input: Reading,
    dataset: Dataset,
    /// The data set's record counts before this load, to roll back to.
    before: (usize, usize, usize, usize),
    /// The rows read so far and what becomes of them; `None` until the
    /// header (or the JSON array) is read.
    run: Option<Run>,
    /// Bytes given so far.
    bytes: u64,
    /// The size of the whole input in bytes or about (0: unknown).
    len_hint: usize,
    /// Whether a `push` has failed (the load cannot go on).
    failed: bool,
}

/// What a [`Loader`] does with the bytes.
enum Reading {
    /// Not yet known (CSV or JSON): the bytes so far.
    Detecting(Vec<u8>),
    /// CSV, read as it comes (boxed: the reader is large).
    Csv(Box<csv_source::CsvReader>),
    /// A JSON array: the bytes so far.
    Json(Vec<u8>),
}

impl Loader {
    /// A load of `format` into a new data set, as `options` say.
    /// `len_hint` is the input's size in bytes or about (0: unknown), to
    /// size the data set ahead.
    pub fn new(options: LoadOptions, format: Format, len_hint: usize) -> Loader {
        Loader::resume(Dataset::default(), options, format, len_hint)
    }

    /// A load into `dataset`, next to its records.
    fn resume(dataset: Dataset, options: LoadOptions, format: Format, len_hint: usize) -> Loader {
        let before = (dataset.tickets.len(), dataset.outages.len(), dataset.changes.len(), dataset.dimension_names.len());
        let input = match format {
            Format::Csv => Reading::Csv(Box::new(csv_source::CsvReader::new(options.delimiter, Limits::of(&options), len_hint))),
            Format::Detect => Reading::Detecting(Vec::new()),
        };
        Loader { options: Rc::new(options), input, dataset, before, run: None, bytes: 0, len_hint, failed: false }
    }

    /// Bytes given so far.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Input rows read so far (CSV rows after the header; a JSON array's
    /// items are counted at the end).
    pub fn rows(&self) -> usize {
        self.run.as_ref().map_or(0, |run| run.summary.rows_read)
    }

    /// Reads the next bytes of the input: any number, split anywhere (inside
    /// a field, a character, a CRLF pair or the byte order mark).
    ///
    /// Errors are those of [`load`]: a mapping that does not fit the
    /// header, a limit reached (`maxRows`, `maxInputBytes`: checked before
    /// the chunk is taken in, `maxDistinctValues`), or in strict mode the first
    /// unreadable row. After an error the load is over: [`finish`](Self::finish)
    /// and further pushes fail.
    pub fn push(&mut self, bytes: &[u8]) -> Result<(), Error> {
        if self.failed {
            return Err(over());
        }
        let reached = self.bytes + bytes.len() as u64;
        if let Err(e) = Limits::of(&self.options).check_bytes(reached, false) {
            self.failed = true;
            return Err(e);
        }
        self.bytes = reached;
        let result = self.read(bytes);
        self.failed = result.is_err();
        result
    }

    /// Completes the load: reads the end of the input and builds the
    /// records. Fails as [`push`](Self::push) does, and for a JSON input
    /// that is not a readable array.
    pub fn finish(self) -> Result<Loaded, Error> {
        let (dataset, result) = self.end(Ok(()));
        result.map(|summary| Loaded { dataset, summary })
    }

    fn read(&mut self, bytes: &[u8]) -> Result<(), Error> {
        if let Reading::Detecting(pending) = &mut self.input {
            // Only white space so far: bounded as JSON would be.
            Limits::of(&self.options).check_bytes((pending.len() + bytes.len()) as u64, true)?;
            pending.extend_from_slice(bytes);
            match detect_json(pending) {
                None => return Ok(()),
                Some(json) => {
                    let pending = std::mem::take(pending);
                    return self.decide(json, pending);
                }
            }
        }
        let Loader { options, input, dataset, run, .. } = self;
        match input {
            Reading::Csv(reader) => reader.push(bytes, &mut Rows { options, dataset, run }),
            Reading::Json(text) => {
                Limits::of(options).check_bytes((text.len() + bytes.len()) as u64, true)?;
                text.extend_from_slice(bytes);
                Ok(())
            }
            Reading::Detecting(_) => Ok(()),
        }
    }

    /// Goes on as CSV or JSON with the bytes read so far.
    fn decide(&mut self, json: bool, pending: Vec<u8>) -> Result<(), Error> {
        if json {
            self.input = Reading::Json(pending);
            return Ok(());
        }
        self.input = Reading::Csv(Box::new(csv_source::CsvReader::new(self.options.delimiter, Limits::of(&self.options), self.len_hint)));
        self.read(&pending)
    }

    /// Reads a JSON array of objects.
    fn load_json(&mut self, value: &Value) -> Result<(), Error> {
        if let Value::Array(items) = value {
            Limits::of(&self.options).check_items(items.len())?;
        }
        let source = json_source::JsonInput::open(value)?;
        if matches!(value, Value::Array(items) if items.is_empty()) {
            return Ok(());
        }
        let Loader { options, dataset, run, .. } = self;
        let resolved = resolve(options, &source.columns)?;
        let run = run.insert(Run::new(options, resolved, dataset));
        source.for_each(&run.resolved.columns.clone(), &Limits::of(options), |row, ahead, cells| run.row(options, dataset, row, ahead, cells))
    }

    /// Ends the load after `result`: the data set and, unless something
    /// failed, the summary. On error the data set is rolled back to its
    /// records before the load.
    fn end(mut self, result: Result<(), Error>) -> (Dataset, Result<LoadSummary, Error>) {
        let result = match result {
            Err(e) => Err(e),
            Ok(()) if self.failed => Err(over()),
            Ok(()) => self.complete(),
        };
        let mut dataset = self.dataset;
        let before = self.before;
        match result {
            Ok(mut summary) => {
                summary.tickets = dataset.tickets.len() - before.0;
                summary.outages = dataset.outages.len() - before.1;
                summary.changes = dataset.changes.len() - before.2;
                (dataset, Ok(summary))
            }
            Err(e) => {
                dataset.tickets.truncate(before.0);
                dataset.outages.truncate(before.1);
                dataset.changes.truncate(before.2);
                dataset.dimension_names.truncate(before.3);
                for t in &mut dataset.tickets {
                    t.dimensions.truncate(before.3);
                }
                (dataset, Err(e))
            }
        }
    }

    /// Reads the end of the input and builds the records.
    fn complete(&mut self) -> Result<LoadSummary, Error> {
        if let Reading::Detecting(pending) = &mut self.input {
            let pending = std::mem::take(pending);
            self.decide(detect_json(&pending).unwrap_or(false), pending)?;
        }
        match std::mem::replace(&mut self.input, Reading::Json(Vec::new())) {
            Reading::Csv(mut reader) => {
                let Loader { options, dataset, run, .. } = self;
                reader.finish(&mut Rows { options, dataset, run })?;
            }
            Reading::Json(text) => {
                let text = match std::str::from_utf8(&text) {
                    Ok(text) => text,
                    Err(e) => {
                        let line = text[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
                        return Err(Error::invalid("input", format!("is not valid JSON: invalid UTF-8 at line {line}")));
                    }
                };
                let text = text.strip_prefix('\u{feff}').unwrap_or(text);
                let value = crate::support::json_reader::parse(text, |reason| Error::invalid("input", format!("is not valid JSON: {reason}")))?;
                self.load_json(&value)?;
            }
            Reading::Detecting(_) => {}
        }
        Ok(match self.run.take() {
            Some(run) => run.finish(&mut self.dataset),
            None => LoadSummary::default(),
        })
    }
}

/// The error of a load used after it failed.
fn over() -> Error {
    Error::invalid("input", "the load has already failed; start a new one")
}

/// Whether `bytes`, the start of an input, are a JSON array (`None`: not
/// known yet).
fn detect_json(bytes: &[u8]) -> Option<bool> {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    if bytes.len() < BOM.len() && BOM.starts_with(bytes) {
        return None;
    }
    let text = bytes.strip_prefix(BOM).unwrap_or(bytes);
    text.iter().find(|b| !b.is_ascii_whitespace()).map(|&b| b == b'[')
}

/// The CSV records of a load, going to its run.
struct Rows<'a> {
    options: &'a Rc<LoadOptions>,
    dataset: &'a mut Dataset,
    run: &'a mut Option<Run>,
}

impl csv_source::CsvSink for Rows<'_> {
    fn header(&mut self, columns: &[String]) -> Result<Vec<usize>, Error> {
        let resolved = resolve(self.options, columns)?;
        let run = self.run.insert(Run::new(self.options, resolved, self.dataset));
        Ok(run.resolved.columns.clone())
    }

    fn row(&mut self, row: usize, ahead: usize, cells: Result<&[cells::Cell<'_>], RowError>) -> Result<(), Error> {
        match self.run {
            Some(run) => run.row(self.options, self.dataset, row, ahead, cells),
            None => Err(Error::compute("a CSV row came before the header")),
        }
    }
}

/// Resolves the mapping of `options` against an input's `columns`.
fn resolve(options: &LoadOptions, columns: &[String]) -> Result<mapping::Resolved, Error> {
    use Field::*;
    let (allowed, required): (&[Field], &[Field]) = match (options.record, options.event_log) {
        (RecordKind::Tickets, false) => {
            (&[Id, Kind, Title, Opened, FirstResponse, Resolved, Closed, ReopenCount, Csat, FirstContactResolution, SlaMet], &[Id, Opened])
        }
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
struct Run {
    resolved: Rc<mapping::Resolved>,
    builder: Box<dyn Builder>,
    summary: LoadSummary,
    /// The last row the builder has room for (all of them with a window:
    /// the rows ahead may mostly be skipped, so no room is made for them
    /// and memory follows the tickets kept).
    reserved: usize,
}

impl Run {
    fn new(options: &Rc<LoadOptions>, resolved: mapping::Resolved, dataset: &mut Dataset) -> Self {
        let resolved = Rc::new(resolved);
        let builder: Box<dyn Builder> = if options.event_log {
            Box::new(event_log::EventLog::new(options.clone(), resolved.clone(), dataset))
        } else {
            Box::new(table::Table::new(options.clone(), &resolved, dataset))
        };
        let windowed = options.opened_from.is_some() || options.opened_before.is_some();
        Run { resolved, builder, summary: LoadSummary::default(), reserved: if windowed { usize::MAX } else { 0 } }
    }

    /// Reads row `row`, after which about `ahead` rows follow.
    fn row(
        &mut self,
        options: &LoadOptions,
        dataset: &mut Dataset,
        row: usize,
        ahead: usize,
        cells: Result<&[cells::Cell<'_>], RowError>,
    ) -> Result<(), Error> {
        if ahead > 0 && row + ahead > self.reserved {
            self.builder.reserve(dataset, ahead + 1);
            self.reserved = row + ahead;
        }
        self.summary.rows_read += 1;
        let result = cells.and_then(|cells| self.builder.row(dataset, &RowReader::new(row, cells, &self.resolved, options)));
        match result {
            Ok(RowFate::Loaded) => self.summary.loaded += 1,
            Ok(RowFate::OutsideWindow) => self.summary.skipped += 1,
            Err(e) if options.mode == Mode::Strict || self.builder.fatal() => return Err(Error::Row(e)),
            Err(e) => {
                self.summary.rejected += 1;
                self.summary.errors.push(e);
            }
        }
        Ok(())
    }

    fn finish(self, dataset: &mut Dataset) -> LoadSummary {
        let mut summary = self.summary;
        summary.warnings = self.builder.finish(dataset);
        summary
    }
}
