//! The `Dataset` class of the JS API: loads CSV text or JS objects through
//! the core ingest and keeps the data set in WASM memory for evaluation.

use super::errors::to_js;
use super::js_text::JsText;
use super::json;
use crate::support::error::Error;
use crate::ingest::{self, Input, LoadOptions, LoadSummary};
use crate::ingest::model;
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
  preset?: "servicenow-event-log" | "servicenow-incidents" | "jira";
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
  maxRows?: number;
  maxFieldBytes?: number;
}
/** A refused input row. */
export interface LoadRowError { row: number; column: string; value: string; reason: string }
/** An inconsistency in accepted data, flagged but not fixed. */
export interface LoadWarning {
  row: number; record: string; column: string;
  code: "beforeOpened" | "closedBeforeResolved" | "endBeforeStart" | "afterAsOf";
  value: string; message: string;
}
/** What a load did. Row counts count input rows (event rows for an event log); `tickets`, `outages`, `changes` count records built. `loaded + rejected === rowsRead`. */
export interface LoadSummary {
  rowsRead: number; loaded: number; rejected: number;
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
    inner: model::Dataset,
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
        Ok(Dataset { inner, summary, reports: Default::default() })
    }

    /// Loads an array of plain objects (one per row; values strings,
    /// numbers, booleans, null or `Date`s; dates may also be ISO strings or
    /// epoch milliseconds). A cyclic value, or one nested more than 128
    /// levels deep, is an error.
    #[wasm_bindgen(js_name = fromObjects)]
    pub fn from_objects(rows: RowsJs, options: LoadOptionsJs) -> Result<Dataset, JsValue> {
        let options = read_options(options.into())?;
        let rows = read_rows(rows)?;
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
        let summary = load_csv(&mut self.inner, text, &options)?;
        self.reports.borrow_mut().clear();
        summary_to_js(&summary)
    }

    /// Adds the records of an array of plain objects, like `addCsv`.
    #[wasm_bindgen(js_name = addObjects)]
    pub fn add_objects(&mut self, rows: RowsJs, options: LoadOptionsJs) -> Result<LoadSummaryJs, JsValue> {
        let options = read_options(options.into())?;
        let rows = read_rows(rows)?;
        let summary = ingest::load_into(&mut self.inner, Input::Json(&rows), &options).map_err(to_js)?;
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

impl Dataset {
    fn load(input: Input<'_>, options: &LoadOptions) -> Result<Dataset, JsValue> {
        let loaded = ingest::load(input, options).map_err(to_js)?;
        Ok(Dataset { inner: loaded.dataset, summary: loaded.summary, reports: Default::default() })
    }

    /// The report cache of this data set, for `report()`.
    pub(crate) fn reports(&self) -> &std::cell::RefCell<crate::report::Cache> {
        &self.reports
    }

    /// The loaded data set, for the other bindings.
    pub(crate) fn inner(&self) -> &model::Dataset {
        &self.inner
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
/// input's columns (see `ingest::json_source`).
fn read_rows(rows: RowsJs) -> Result<serde_json::Value, JsValue> {
    json::to_value(&rows.into(), "rows", "is not an array of plain objects").map_err(to_js)
}

fn summary_to_js(summary: &LoadSummary) -> Result<LoadSummaryJs, JsValue> {
    json::to_js(summary)
        .map(JsCast::unchecked_into)
        .map_err(|e| to_js(Error::compute(format!("the load summary cannot be converted: {e}"))))
}

fn read_options(options: JsValue) -> Result<LoadOptions, JsValue> {
    let doc = json::from_js(&options, "options", "are not a plain object", "").map_err(to_js)?;
    LoadOptions::from_document(doc, "").map_err(to_js)
}
