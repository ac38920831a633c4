//! `inspect()` of the JS API: the core's inspection of CSV text or bytes,
//! returned as a plain object (`docs/ingest.md`, Inspect).

use super::errors::to_js;
use super::js_text::JsText;
use super::json;
use crate::ingest::inspect::{inspect as inspect_source, InspectOptions};
use crate::support::error::Error;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const INSPECT_TYPES: &'static str = r#"
/** How to inspect: rows read after the header (default 1000) and the delimiter (detected when absent). */
export interface InspectOptions { sampleRows?: number; delimiter?: "," | ";" | "\t" | "tab" | "|" }
/** A value and how many sampled rows hold it. */
export interface ValueCount { value: string; count: number }
/** One column of the sample. `format` is the strftime format its timestamps need (`null`: ISO 8601 or epoch numbers, or not timestamps); `naive`: some timestamp has no offset. `variesPerId` is set when ids repeat. */
export interface ColumnProfile {
  index: number; name: string;
  type: "timestamp" | "number" | "yesNo" | "text" | "empty";
  format: string | null; naive: boolean; reason: string;
  filled: number; nulls: ValueCount[]; distinct: number; top: ValueCount[];
  variesPerId: boolean | null;
}
/** One guess behind the proposed options: the option's path (`mapping.opened`, `eventLog`, `timezone`…), its value (`null`: nothing found), why, and whether the user should answer it. */
export interface InspectGuess { option: string; value: unknown; reason: string; question: boolean }
/** What `inspect` found: the profiles, the proposed load options (give them to `Dataset.fromCsv` & co.), the guesses and the sample loaded with the options in lenient mode. */
export interface Inspection {
  delimiter: string; rowsSampled: number; malformedRows: number;
  columns: ColumnProfile[];
  options: LoadOptions;
  guesses: InspectGuess[];
  check: { loaded: number; rejected: number; tickets: number; errors: LoadRowError[]; error: string | null };
}
"#;

#[wasm_bindgen]
extern "C" {
    /// `InspectOptions` as typed in TypeScript.
    #[wasm_bindgen(typescript_type = "InspectOptions")]
    pub type InspectOptionsJs;
    /// `Inspection` as typed in TypeScript.
    #[wasm_bindgen(typescript_type = "Inspection")]
    pub type InspectionJs;
}

/// Reads the header and the first rows (1000 by default) of CSV text or
/// bytes and returns, per column, its type, null tokens and frequent
/// values, with proposed load options and the reason of every guess.
/// Throws for bad options or an input without a header row.
#[wasm_bindgen]
pub fn inspect(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer")] input: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "InspectOptions")] options: &JsValue,
) -> Result<InspectionJs, JsValue> {
    let options: InspectOptions =
        json::from_js::<Option<InspectOptions>>(options, "options", "are not a plain object", "options").map_err(to_js)?.unwrap_or_default();
    let mut source: Box<dyn crate::ingest::TextSource + '_> = if let Some(text) = input.dyn_ref::<js_sys::JsString>() {
        Box::new(JsText::new(text))
    } else if let Some(array) = bytes_of(input) {
        Box::new(ArraySource { array, at: 0 })
    } else {
        return Err(to_js(Error::invalid("input", "expected a string of CSV text, or a Uint8Array (or ArrayBuffer) of its bytes")));
    };
    let inspection = inspect_source(source.as_mut(), &options).map_err(to_js)?;
    json::to_js(&inspection).map(JsCast::unchecked_into).map_err(|e| to_js(Error::compute(format!("the inspection cannot be converted: {e}"))))
}

/// `value` as a `Uint8Array`, if it is one or an `ArrayBuffer`.
fn bytes_of(value: &JsValue) -> Option<js_sys::Uint8Array> {
    if let Some(array) = value.dyn_ref::<js_sys::Uint8Array>() {
        return Some(array.clone());
    }
    value.dyn_ref::<js_sys::ArrayBuffer>().map(|buffer| js_sys::Uint8Array::new(buffer))
}

/// The bytes of a `Uint8Array`, copied into WASM memory as the reader
/// asks for them (inspection stops after its sample, so most of a large
/// file is never copied).
struct ArraySource {
    array: js_sys::Uint8Array,
    /// Bytes given so far.
    at: u32,
}

impl crate::ingest::TextSource for ArraySource {
    fn read_text(&mut self, buf: &mut [u8]) -> usize {
        let end = self.array.length().min(self.at.saturating_add(buf.len() as u32));
        let n = (end - self.at) as usize;
        self.array.subarray(self.at, end).copy_to(&mut buf[..n]);
        self.at = end;
        n
    }
}
