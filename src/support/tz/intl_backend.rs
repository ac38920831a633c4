//! Offsets from the browser's IANA database through `Intl.DateTimeFormat`.
//!
//! One formatter per zone writes an instant as en-US numeric wall-clock text
//! in that zone (`"3/27/2016, 03:00:00"`); the offset is that reading minus
//! the instant. `format` hands back one string per instant, one crossing of
//! the JS boundary; `formatToParts` built an array of part objects, each
//! read back with two property reads and two string copies, which made up
//! most of a zone's first-load cost (docs/benchmarks.md, "Naive timestamps
//! in a zone: first load").

use js_sys::{Array, Function, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

/// A zone known to the JS engine's `Intl`: its formatter's bound `format`.
pub(super) struct Backend(Function);

impl Backend {
    /// A formatter for `name`, or `None` when `Intl` rejects the name.
    pub(super) fn new(name: &str) -> Option<Backend> {
        let options = Object::new();
        let set = |k: &str, v: &str| Reflect::set(&options, &JsValue::from_str(k), &JsValue::from_str(v)).is_ok();
        // No era: instants are clamped to 1900..2200, all years AD.
        let ok = set("timeZone", name) && set("hourCycle", "h23") && ["year", "month", "day", "hour", "minute", "second"].iter().all(|k| set(k, "numeric"));
        if !ok {
            return None;
        }
        // The constructor throws a RangeError for an unknown zone; js-sys's
        // binding would not catch it, so construct through `Reflect`.
        try_new_format(&options).map(|f| Backend(f.format()))
    }

    /// Local minus UTC, in seconds, at UTC instant `t`.
    pub(super) fn offset_at(&self, t: i64) -> i32 {
        // `format` takes the instant as milliseconds, no `Date` needed.
        let text = self.0.call1(&JsValue::UNDEFINED, &JsValue::from_f64(t as f64 * 1000.0)).ok().and_then(|v| v.as_string());
        let [month, day, year, hour, minute, second] = numbers(text.as_deref().unwrap_or_default());
        let date = chrono::NaiveDate::from_ymd_opt(year as i32, month as u32, day as u32);
        let days = date.map_or(t.div_euclid(86_400), crate::support::time::epoch_day);
        let local = days * 86_400 + hour * 3600 + minute * 60 + second;
        (local - t) as i32
    }
}

/// The first six runs of ASCII digits of `text` (month, day, year, hour,
/// minute, second in `"3/27/2016, 03:00:00"`), 0 for runs missing.
fn numbers(text: &str) -> [i64; 6] {
    let mut found = [0i64; 6];
    let mut run = 0;
    let mut in_run = false;
    for b in text.bytes() {
        if !b.is_ascii_digit() {
            in_run = false;
            continue;
        }
        if !in_run {
            run += 1;
            in_run = true;
        }
        if let Some(n) = found.get_mut(run - 1) {
            *n = n.saturating_mul(10).saturating_add(i64::from(b - b'0'));
        }
    }
    found
}

/// `new Intl.DateTimeFormat("en-US", options)`, catching the RangeError
/// thrown for an unknown zone.
fn try_new_format(options: &Object) -> Option<Intl::DateTimeFormat> {
    let ctor = Reflect::get(&js_sys::global(), &JsValue::from_str("Intl")).and_then(|intl| Reflect::get(&intl, &JsValue::from_str("DateTimeFormat"))).ok()?;
    let ctor: js_sys::Function = ctor.into();
    let args = Array::of2(&JsValue::from_str("en-US"), options);
    Reflect::construct(&ctor, &args).ok().map(Into::into)
}
