//! The `Dataset` class of the JS API: loads CSV text or JS objects through
//! the core ingest and keeps the data set in WASM memory for evaluation.

use super::errors::to_js;
use super::js_text::JsText;
use super::json;
use crate::ingest::model;
use crate::ingest::{self, Input, LoadOptions, LoadSummary};
use crate::support::error::Error;
use js_sys::JsString;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const DATASET_TYPES: &'static str = r#"
/** A source column: a name, candidate names (the first present is used), or a name with a table renaming values. */
export type ColumnSource = string | string[] | { column: string | string[]; values?: Record<string, string> };
/** Which source column feeds which field (`null` removes a preset's field). See docs/ingest.md. */
export interface ColumnMapping {
  id?: ColumnSource | null; kind?: ColumnSource | null; title?: ColumnSource | null;
  opened?: ColumnSource | null; firstResponse?: ColumnSource | null; resolved?: ColumnSource | null; closed?: ColumnSource | null;
  status?: ColumnSource | null; updated?: ColumnSource | null; sequence?: ColumnSource | null;
  assignmentGroup?: ColumnSource | null; assignee?: ColumnSource | null;
  reopenCount?: ColumnSource | null; csat?: ColumnSource | null; firstContactResolution?: ColumnSource | null; slaMet?: ColumnSource | null;
  service?: ColumnSource | null; start?: ColumnSource | null; end?: ColumnSource | null; planned?: ColumnSource | null;
  type?: ColumnSource | null; outcome?: ColumnSource | null;
  /** Ticket dimensions by name (`priority`, `service`, …). */
  dimensions?: Record<string, ColumnSource | null> | null;
}
/** How to read an input: a preset or a mapping, and the reading rules. */
export interface LoadOptions {
  preset?: "servicenow-event-log" | "servicenow-incidents" | "jira" | "zendesk" | "freshservice" | "glpi" | "otrs" | "process-mining";
  record?: "tickets" | "outages" | "changes";
  /** One row per update of a ticket. */
  eventLog?: boolean;
  mapping?: ColumnMapping;
  /** IANA zone of naive timestamps (default UTC). */
  timezone?: string;
  /** Formats (chrono's strftime syntax, the subset in docs/ingest.md) tried in order, e.g. `"%d/%m/%Y %H:%M"`. */
  timestampFormats?: string[];
  epoch?: "auto" | "seconds" | "milliseconds";
  /** Values meaning "no value" (default `["", "?"]`). */
  nullTokens?: string[];
  mode?: "strict" | "lenient";
  /** Evaluation instant (ISO 8601 with offset): later instants are flagged. */
  asOf?: string;
  delimiter?: "," | ";" | "\t" | "tab" | "|";
  /** Ticket kind when no kind column is mapped (default `"incident"`). */
  kind?: string;
  csatScale?: [number, number];
  firstResponse?: "status" | "assignment";
  openingStatuses?: string[];
  /** Most input rows (default 2,000,000). */
  maxRows?: number;
  /** Longest field in bytes (default 1 MiB); a longer one is a row error. */
  maxFieldBytes?: number;
  /** Most input bytes (default: none for CSV; 128 MiB for a JSON array or JS objects, held whole until read). */
  maxInputBytes?: number;
  /** Most distinct values of one dimension (default 100,000). */
  maxDistinctValues?: number;
  /** Tickets opened before this instant (ISO 8601 with offset) are skipped: their rows are read up to the opening instant and counted in `skipped`. */
  openedFrom?: string;
  /** Tickets opened at or after this instant are skipped; the window is `[openedFrom, openedBefore)`. */
  openedBefore?: string;
}
/** A refused input row. */
export interface LoadRowError { row: number; column: string; value: string; reason: string }
/** An inconsistency in accepted data, flagged but not fixed. */
export interface LoadWarning {
  row: number; record: string; column: string;
  code: "beforeOpened" | "closedBeforeResolved" | "endBeforeStart" | "afterAsOf";
  value: string; message: string;
}
/** How far a streamed load has got: bytes read, input rows read (CSV rows after the header) and milliseconds since it started. */
export interface LoadProgress { bytes: number; rows: number; elapsedMs: number }
/** Hooks of `Dataset.fromStream`: `onProgress` after each chunk; `signal` cancels the load (the promise rejects with the signal's reason, an `AbortError` `DOMException` by default); `totalBytes`, the stream's length when known (`file.size`, a response's `Content-Length`; not for a stream gunzipped on the way), sizes the data set ahead as `fromBytes` does: fewer copies as it grows and a lower peak of memory. A wrong figure never changes what is loaded: too small, the data set grows as rows come; too large, memory is reserved for rows that never come. */
export interface StreamHooks { onProgress?: (progress: LoadProgress) => void; signal?: AbortSignal; totalBytes?: number }
/** What a load did. Row counts count input rows (event rows for an event log); `tickets`, `outages`, `changes` count records built. `loaded + rejected + skipped === rowsRead`. */
export interface LoadSummary {
  rowsRead: number; loaded: number; rejected: number;
  /** Rows of tickets opened outside `openedFrom`/`openedBefore`, not loaded. */
  skipped: number;
  tickets: number; outages: number; changes: number;
  warnings: LoadWarning[]; errors: LoadRowError[];
}
"#;

#[wasm_bindgen]
extern "C" {
    /// `LoadOptions` as typed in TypeScript.
    #[wasm_bindgen(typescript_type = "LoadOptions")]
    pub type LoadOptionsJs;
    /// `LoadSummary` as typed in TypeScript.
    #[wasm_bindgen(typescript_type = "LoadSummary")]
    pub type LoadSummaryJs;
    /// An array of plain objects.
    #[wasm_bindgen(typescript_type = "Record<string, unknown>[]")]
    pub type RowsJs;
}

/// A loaded data set, kept in WASM memory. Free it with `free()` when done,
/// or let the garbage collector do it.
#[wasm_bindgen]
pub struct Dataset {
    /// Shared weakly with the `SlaOutcomes` evaluated on it, which then
    /// see when it was freed or changed (`Rc::make_mut` detaches them).
    inner: std::rc::Rc<model::Dataset>,
    summary: LoadSummary,
    /// The last report's computation, for what-ifs (cleared on every add).
    reports: std::cell::RefCell<crate::report::Cache>,
}

#[wasm_bindgen]
impl Dataset {
    /// Loads CSV text (header row first). Throws an `Error` with `path` for
    /// bad options or a mapping that does not fit, or with `row` and
    /// `column` for the first bad row in strict mode. The text is read a
    /// slice at a time, never copied whole into WASM memory.
    #[wasm_bindgen(js_name = fromCsv)]
    pub fn from_csv(text: &JsString, options: LoadOptionsJs) -> Result<Dataset, JsValue> {
        let options = read_options(options.into())?;
        let mut inner = model::Dataset::default();
        let summary = load_csv(&mut inner, text, &options)?;
        Ok(Dataset { inner: inner.into(), summary, reports: Default::default() })
    }

    /// Loads the bytes of a CSV text (header row first) or of a JSON array
    /// of objects (when the first character that is not white space is
    /// `[`), e.g. a file's `arrayBuffer()`. The bytes are copied into WASM
    /// memory a megabyte at a time and parsed as they come, never as a JS
    /// string, so a file of any size the page can hold in a `Uint8Array`
    /// loads. A UTF-8 byte order mark is skipped; a CSV field that is not
    /// valid UTF-8 is a row error naming its row and column. Errors as
    /// `fromCsv`.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(#[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: &JsValue, options: LoadOptionsJs) -> Result<Dataset, JsValue> {
        let array = bytes_of(bytes, "bytes")?;
        let mut loader = DatasetLoader::create(options.into(), array.length() as usize)?;
        loader.push_array(&array)?;
        loader.finish()
    }

    /// Loads the bytes of a `ReadableStream` of `Uint8Array` chunks (CSV,
    /// or a JSON array of objects), e.g. `file.stream()` or a fetch
    /// response's `body`, chunk by chunk through a [`DatasetLoader`]: only
    /// the records kept grow WASM memory, never the text. For a gzipped
    /// file, pipe it through `new DecompressionStream("gzip")` first.
    /// `hooks.onProgress({ bytes, rows, elapsedMs })` is called after each
    /// chunk; `hooks.signal` (an `AbortSignal`) cancels the load: the
    /// stream is cancelled, the loader freed and the promise rejects with
    /// the signal's reason. `hooks.totalBytes`, the stream's length when
    /// known (`file.size`), lets the load size the data set ahead as
    /// `fromBytes` does. The promise rejects with the errors of
    /// `fromCsv` (or one with `path` `"chunk"` for a chunk that is not a
    /// `Uint8Array`, `"hooks.totalBytes"` for a length that is not a
    /// number of bytes), after cancelling the stream.
    #[wasm_bindgen(js_name = fromStream, unchecked_return_type = "Promise<Dataset>")]
    pub fn from_stream(
        #[wasm_bindgen(unchecked_param_type = "ReadableStream<Uint8Array>")] readable: JsValue,
        options: LoadOptionsJs,
        #[wasm_bindgen(unchecked_optional_param_type = "StreamHooks")] hooks: JsValue,
    ) -> js_sys::Promise {
        let total_bytes = if hooks.is_object() { js_sys::Reflect::get(&hooks, &JsValue::from_str("totalBytes")) } else { Ok(JsValue::UNDEFINED) };
        match total_bytes.and_then(|total| DatasetLoader::create(options.into(), expected_bytes(&total, "hooks.totalBytes")?)) {
            Ok(loader) => pump(&readable, loader.into(), &hooks),
            Err(e) => js_sys::Promise::reject(&e),
        }
    }

    /// Loads an array of plain objects (one per row; values strings,
    /// numbers, booleans, null or `Date`s; dates may also be ISO strings or
    /// epoch milliseconds). A cyclic value, or one nested more than 128
    /// levels deep, is an error; so is an array longer than `maxRows`
    /// (before anything is converted) or a JSON text of the rows longer
    /// than `maxInputBytes` (before it is copied into WASM memory).
    #[wasm_bindgen(js_name = fromObjects)]
    pub fn from_objects(rows: RowsJs, options: LoadOptionsJs) -> Result<Dataset, JsValue> {
        let options = read_options(options.into())?;
        let rows = read_rows(rows, &options)?;
        Self::load(Input::Json(&rows), &options)
    }

    /// What the load that created this data set did, as a plain object.
    #[wasm_bindgen(getter)]
    pub fn summary(&self) -> Result<LoadSummaryJs, JsValue> {
        summary_to_js(&self.summary)
    }

    /// Adds the records of CSV text (e.g. outages or changes next to the
    /// tickets) and returns what this load did. On error the data set is
    /// left as it was.
    #[wasm_bindgen(js_name = addCsv)]
    pub fn add_csv(&mut self, text: &JsString, options: LoadOptionsJs) -> Result<LoadSummaryJs, JsValue> {
        let options = read_options(options.into())?;
        let summary = load_csv(std::rc::Rc::make_mut(&mut self.inner), text, &options)?;
        self.reports.borrow_mut().clear();
        summary_to_js(&summary)
    }

    /// Adds the records of an array of plain objects, like `addCsv`.
    #[wasm_bindgen(js_name = addObjects)]
    pub fn add_objects(&mut self, rows: RowsJs, options: LoadOptionsJs) -> Result<LoadSummaryJs, JsValue> {
        let options = read_options(options.into())?;
        let rows = read_rows(rows, &options)?;
        let summary = ingest::load_into(std::rc::Rc::make_mut(&mut self.inner), Input::Json(&rows), &options).map_err(to_js)?;
        self.reports.borrow_mut().clear();
        summary_to_js(&summary)
    }

    /// Number of tickets loaded.
    #[wasm_bindgen(getter, js_name = ticketCount)]
    pub fn ticket_count(&self) -> usize {
        self.inner().tickets.len()
    }

    /// The ticket dimensions the load produced (`priority`, `category`, …).
    #[wasm_bindgen(getter)]
    pub fn dimensions(&self) -> Vec<String> {
        self.inner.dimension_names.clone()
    }

    /// Number of outages loaded.
    #[wasm_bindgen(getter, js_name = outageCount)]
    pub fn outage_count(&self) -> usize {
        self.inner.outages.len()
    }

    /// Number of changes loaded.
    #[wasm_bindgen(getter, js_name = changeCount)]
    pub fn change_count(&self) -> usize {
        self.inner.changes.len()
    }
}

/// A load fed chunk by chunk: `push(chunk)` the bytes of a CSV text (or
/// JSON array) as they arrive, split anywhere (inside a quoted field, a
/// multi-byte character, a CRLF pair, the byte order mark), then
/// `finish()` for the `Dataset`. The same rows, errors, limits and summary
/// as the whole text loaded at once. `Dataset.fromStream` drives one from
/// a `ReadableStream`. After a failed `push` the load is over: `free()` it.
#[wasm_bindgen]
pub struct DatasetLoader {
    inner: ingest::Loader,
    /// Where each piece of a chunk is copied into WASM memory.
    buffer: Vec<u8>,
}

/// Bytes of a chunk copied into WASM memory at a time.
const PIECE: u32 = 1 << 20;

#[wasm_bindgen]
impl DatasetLoader {
    /// A loader reading as `options` say (the options of `fromCsv`);
    /// `totalBytes`, the input's length when known, sizes the data set
    /// ahead (see `StreamHooks`). Throws for bad options or a length that
    /// is not a number of bytes.
    #[wasm_bindgen(constructor)]
    pub fn new(options: LoadOptionsJs, #[wasm_bindgen(js_name = totalBytes)] total_bytes: Option<f64>) -> Result<DatasetLoader, JsValue> {
        let total = total_bytes.map_or(Ok(0), |n| expected_bytes(&JsValue::from_f64(n), "totalBytes"))?;
        DatasetLoader::create(options.into(), total)
    }

    /// Reads the next chunk of bytes. Throws an `Error` with `path`
    /// `"chunk"` for a chunk that is not a `Uint8Array` or `ArrayBuffer`,
    /// and the errors of `fromCsv`
    /// (a mapping that does not fit the header, `maxRows`, the first bad
    /// row in strict mode) as soon as the chunk holding them is read.
    pub fn push(&mut self, #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] chunk: &JsValue) -> Result<(), JsValue> {
        let array = bytes_of(chunk, "chunk")?;
        self.push_array(&array)
    }

    /// Bytes pushed so far.
    #[wasm_bindgen(getter)]
    pub fn bytes(&self) -> f64 {
        self.inner.bytes() as f64
    }

    /// Input rows read so far (CSV rows after the header; a JSON array's
    /// items only at the end).
    #[wasm_bindgen(getter)]
    pub fn rows(&self) -> usize {
        self.inner.rows()
    }

    /// Completes the load and gives the data set; the loader is used up
    /// (freed), whether or not this succeeds.
    pub fn finish(self) -> Result<Dataset, JsValue> {
        let loaded = self.inner.finish().map_err(to_js)?;
        Ok(Dataset { inner: loaded.dataset.into(), summary: loaded.summary, reports: Default::default() })
    }
}

impl DatasetLoader {
    /// A loader of `options` for about `len_hint` bytes (0: unknown).
    fn create(options: JsValue, len_hint: usize) -> Result<DatasetLoader, JsValue> {
        let options = read_options(options)?;
        Ok(DatasetLoader { inner: ingest::Loader::new(options, ingest::Format::Detect, len_hint), buffer: Vec::new() })
    }

    /// Copies `array` into WASM memory a piece at a time and reads it.
    fn push_array(&mut self, array: &js_sys::Uint8Array) -> Result<(), JsValue> {
        let len = array.length();
        let mut at = 0;
        while at < len {
            let end = at.saturating_add(PIECE).min(len);
            let n = (end - at) as usize;
            self.buffer.resize(n, 0);
            array.subarray(at, end).copy_to(&mut self.buffer[..n]);
            self.inner.push(&self.buffer[..n]).map_err(to_js)?;
            at = end;
        }
        Ok(())
    }
}

/// A length in bytes given by the page (`undefined` or `null`: unknown,
/// 0); an error naming `path` when it is not a whole number of bytes.
fn expected_bytes(value: &JsValue, path: &str) -> Result<usize, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(0);
    }
    match value.as_f64() {
        // `as` saturates: beyond what a wasm32 memory can hold is "huge".
        Some(n) if n >= 0.0 && n.fract() == 0.0 => Ok(n as usize),
        _ => Err(to_js(Error::invalid(path, "expected a whole number of bytes ≥ 0 (e.g. file.size), or nothing"))),
    }
}

/// `value` as a `Uint8Array`: itself, or a view of an `ArrayBuffer`; a
/// `TypeError` naming `what` otherwise.
fn bytes_of(value: &JsValue, what: &str) -> Result<js_sys::Uint8Array, JsValue> {
    if let Some(array) = value.dyn_ref::<js_sys::Uint8Array>() {
        return Ok(array.clone());
    }
    if let Some(buffer) = value.dyn_ref::<js_sys::ArrayBuffer>() {
        return Ok(js_sys::Uint8Array::new(buffer));
    }
    Err(to_js(Error::invalid(what, "expected a Uint8Array (or ArrayBuffer) of CSV or JSON bytes")))
}

#[wasm_bindgen(module = "/src/wasm/stream.js")]
extern "C" {
    /// Reads `readable` into `loader` chunk by chunk (see stream.js).
    fn pump(readable: &JsValue, loader: JsValue, hooks: &JsValue) -> js_sys::Promise;
}

impl Dataset {
    fn load(input: Input<'_>, options: &LoadOptions) -> Result<Dataset, JsValue> {
        let loaded = ingest::load(input, options).map_err(to_js)?;
        Ok(Dataset { inner: loaded.dataset.into(), summary: loaded.summary, reports: Default::default() })
    }

    /// The report cache of this data set, for `report()`.
    pub(crate) fn reports(&self) -> &std::cell::RefCell<crate::report::Cache> {
        &self.reports
    }

    /// The loaded data set, for the other bindings.
    pub(crate) fn inner(&self) -> &model::Dataset {
        &self.inner
    }

    /// A weak handle on the loaded data set: it no longer upgrades once
    /// this data set is freed or changed.
    pub(crate) fn shared(&self) -> std::rc::Weak<model::Dataset> {
        std::rc::Rc::downgrade(&self.inner)
    }
}

/// Loads the CSV text of a JS string into `dataset`, a slice at a time.
fn load_csv(dataset: &mut model::Dataset, text: &JsString, options: &LoadOptions) -> Result<LoadSummary, JsValue> {
    if !text.is_string() {
        return Err(to_js(Error::invalid("text", "expected a string of CSV text")));
    }
    let mut reader = JsText::new(text);
    let len = reader.len_hint();
    ingest::load_csv_into(dataset, &mut reader, len, options).map_err(to_js)
}

/// The rows as a JSON value: data, not a document, so their keys are the
/// input's columns (see `ingest::json_source`). An array longer than
/// `maxRows` is refused before anything is converted, a JSON text longer
/// than `maxInputBytes` (for JSON) before it is copied into WASM memory.
fn read_rows(rows: RowsJs, options: &LoadOptions) -> Result<serde_json::Value, JsValue> {
    let rows: JsValue = rows.into();
    let limits = ingest::Limits::of(options);
    if let Some(array) = rows.dyn_ref::<js_sys::Array>() {
        limits.check_items(array.length() as usize).map_err(to_js)?;
    }
    json::to_value_within(&rows, "rows", "is not an array of plain objects", Some(&limits)).map_err(to_js)
}

fn summary_to_js(summary: &LoadSummary) -> Result<LoadSummaryJs, JsValue> {
    json::to_js(summary).map(JsCast::unchecked_into).map_err(|e| to_js(Error::compute(format!("the load summary cannot be converted: {e}"))))
}

fn read_options(options: JsValue) -> Result<LoadOptions, JsValue> {
    let doc = json::from_js(&options, "options", "are not a plain object", "").map_err(to_js)?;
    LoadOptions::from_document(doc, "").map_err(to_js)
}
