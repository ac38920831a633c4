//! `Partials` of the JS API: a merged partial report computed elsewhere
//! (the DataFusion functions, or any engine writing the format of
//! docs/partials.md), read once and reported on every call, so a what-if
//! on targets, weights, thresholds or the scored period only re-scores.

use super::errors::to_js;
use super::json;
use super::report::{read_config, read_options, ReportJs, ReportOptionsJs, ScorecardConfigJs};
use crate::ingest::options::DEFAULT_MAX_JSON_BYTES;
use crate::report::partial::{Partial, Prepared};
use crate::support::error::Error;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const PARTIALS_TYPES: &'static str = r#"
/** What a partial report was computed for (docs/partials.md). */
export interface PartialKey {
  granularity: "day" | "week" | "month" | "quarter" | "all"; timezone: string;
  /** The evaluation instant, Unix seconds. */
  asOf: number;
  groupBy: string | null; kpis: [string, "wall" | "business"][];
  calendar: CalendarSpec | "24x7" | null; policies: PolicyDocument | null;
}
"#;

/// A merged partial report (docs/partials.md), read from the bytes of its
/// JSON text: `Partials.fromBytes(bytes).report(config, options)`.
#[wasm_bindgen]
pub struct Partials {
    partial: Partial,
    /// The KPI table, built by the first report and re-scored by the next.
    prepared: RefCell<Option<Prepared>>,
}

#[wasm_bindgen]
impl Partials {
    /// Reads a partial report from the UTF-8 bytes of its JSON text (a
    /// fetched file's `arrayBuffer()`, as a `Uint8Array`). Throws a
    /// `SlaScorecardError` naming the JSON path of a bad value, an unknown
    /// format or version, or more than 128 MiB of text.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(bytes: &[u8]) -> Result<Partials, JsValue> {
        // The parsed tree takes several times the text: the limit of a JSON load.
        if bytes.len() as u64 > DEFAULT_MAX_JSON_BYTES {
            let reason = format!("{} bytes is over the {DEFAULT_MAX_JSON_BYTES} bytes a JSON document may have", bytes.len());
            return Err(to_js(Error::invalid("partial", reason)));
        }
        let text = std::str::from_utf8(bytes).map_err(|e| to_js(Error::invalid("partial", format!("not UTF-8 text: {e}"))))?;
        let partial = Partial::from_json(text).map_err(to_js)?;
        Ok(Partials { partial, prepared: RefCell::new(None) })
    }

    /// What the partial was computed for: its period, zone, `asOf`,
    /// grouping, KPIs, calendar and policies. A report's configuration and
    /// options must agree with it.
    #[wasm_bindgen(getter, unchecked_return_type = "PartialKey")]
    pub fn key(&self) -> Result<JsValue, JsValue> {
        json::to_js(&self.partial.key).map_err(|e| to_js(Error::compute(format!("the key cannot be converted: {e}"))))
    }

    /// The ticket dimensions of the data the partial was computed from.
    #[wasm_bindgen(getter)]
    pub fn dimensions(&self) -> Vec<String> {
        self.partial.dimensions.clone()
    }

    /// The report document, as `report()` makes it from the whole data.
    /// `config` (default: the built-in scorecard) and `options` must keep
    /// the period, zone, calendar, KPIs, `asOf` and `groupBy` the partial
    /// was computed with (an error names the key field that differs);
    /// targets, weights, thresholds and `at` are free.
    pub fn report(&self, config: Option<ScorecardConfigJs>, options: Option<ReportOptionsJs>) -> Result<ReportJs, JsValue> {
        let (config, json) = read_config(config)?;
        let options = read_options(options)?;
        let calendar = json.get("calendar");
        let mut slot = self.prepared.try_borrow_mut().map_err(|_| to_js(Error::compute("report() re-entered on the same partials")))?;
        let prepared = match &mut *slot {
            Some(prepared) => prepared,
            empty => empty.insert(Prepared::new(&self.partial, &config, calendar, &options).map_err(to_js)?),
        };
        let report = prepared.report(&config, calendar, &options).map_err(to_js)?;
        json::to_js(&report).map(JsCast::unchecked_into).map_err(|e| to_js(Error::compute(format!("the report cannot be converted: {e}"))))
    }

    /// Each policy's SLA counts over every period (`period: "all"`), as
    /// `outcomes.compliance({ period: "all" })` gives them for loaded data.
    #[wasm_bindgen(unchecked_return_type = "ComplianceRow[]")]
    pub fn compliance(&self) -> Result<JsValue, JsValue> {
        json::to_js(&crate::report::partial::totals(&self.partial)).map_err(|e| to_js(Error::compute(format!("the table cannot be converted: {e}"))))
    }
}
