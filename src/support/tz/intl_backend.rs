//! Offsets from the browser's IANA database through `Intl.DateTimeFormat`.
//!
//! One formatter per zone formats an instant into numeric parts in that
//! zone; the offset is the wall-clock reading minus the instant.

use js_sys::{Array, Date, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

/// A zone known to the JS engine's `Intl`.
pub(super) struct Backend(Intl::DateTimeFormat);

impl Backend {
    /// A formatter for `name`, or `None` when `Intl` rejects the name.
    pub(super) fn new(name: &str) -> Option<Backend> {
        let options = Object::new();
        let set = |k: &str, v: &str| Reflect::set(&options, &JsValue::from_str(k), &JsValue::from_str(v)).is_ok();
        let ok = set("timeZone", name)
            && set("hourCycle", "h23")
            && ["year", "month", "day", "hour", "minute", "second"].iter().all(|k| set(k, "numeric"))
            && set("era", "short");
        if !ok {
            return None;
        }
        // The constructor throws a RangeError for an unknown zone; js-sys's
        // binding would not catch it, so construct through `Reflect`.
        try_new_format(&options).map(Backend)
    }

    /// Local minus UTC, in seconds, at UTC instant `t`.
    pub(super) fn offset_at(&self, t: i64) -> i32 {
        let date = Date::new(&JsValue::from_f64(t as f64 * 1000.0));
        let parts = self.0.format_to_parts(&date);
        let (mut year, mut month, mut day, mut hour, mut minute, mut second, mut bc) = (1970i64, 1u32, 1u32, 0i64, 0i64, 0i64, false);
        for part in parts.iter() {
            let kind = Reflect::get(&part, &JsValue::from_str("type")).ok().and_then(|v| v.as_string()).unwrap_or_default();
            let value = Reflect::get(&part, &JsValue::from_str("value")).ok().and_then(|v| v.as_string()).unwrap_or_default();
            let n = value.parse::<i64>().unwrap_or(0);
            match kind.as_str() {
                "year" => year = n,
                "month" => month = n as u32,
                "day" => day = n as u32,
                "hour" => hour = n,
                "minute" => minute = n,
                "second" => second = n,
                "era" => bc = value.starts_with('B'),
                _ => {}
            }
        }
        if bc {
            year = 1 - year;
        }
        let days = chrono::NaiveDate::from_ymd_opt(year as i32, month, day).map_or(t.div_euclid(86_400), crate::support::time::epoch_day);
        let local = days * 86_400 + hour * 3600 + minute * 60 + second;
        (local - t) as i32
    }
}

/// `new Intl.DateTimeFormat("en-US", options)`, catching the RangeError
/// thrown for an unknown zone.
fn try_new_format(options: &Object) -> Option<Intl::DateTimeFormat> {
    let ctor = Reflect::get(&js_sys::global(), &JsValue::from_str("Intl"))
        .and_then(|intl| Reflect::get(&intl, &JsValue::from_str("DateTimeFormat")))
        .ok()?;
    let ctor: js_sys::Function = ctor.into();
    let args = Array::of2(&JsValue::from_str("en-US"), options);
    Reflect::construct(&ctor, &args).ok().map(Into::into)
}
