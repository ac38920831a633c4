//! The output documents as JSON text: the report, the SLA report and its
//! tables, the load summary. Hand-written instead of serde_json's
//! serializer, whose instantiations for every output type were the largest
//! code in the wasm package (docs/size.md); one writer serves the wasm API
//! and the CLI.
//!
//! The text is exactly what `serde_json::to_string` (compact) and
//! `serde_json::to_string_pretty` (`pretty`) write for the types' derived
//! `Serialize`, which natively stays for library users:
//! `tests/json_writer.rs` compares the two on whole reports. Floats are
//! serde_json's own text (`serde_json::Number`), `null` when not finite;
//! strings escape `"`, `\` and control characters as serde_json does.

use crate::ingest::{LoadSummary, Warning};
use serde_json::Value;

/// A JSON text being written: values, objects and arrays, compact or
/// pretty (two-space indent, as serde_json's pretty printer).
pub struct Json {
    out: String,
    pretty: bool,
    depth: usize,
    /// No member or item written yet in the innermost open object or array.
    first: bool,
}

/// A value that writes itself as JSON.
pub trait ToJson {
    /// Writes `self` as one JSON value.
    fn write_json(&self, w: &mut Json);
}

/// `value` as compact JSON text.
pub fn to_string<T: ToJson + ?Sized>(value: &T) -> String {
    write(&value, false)
}

/// `value` as indented JSON text.
pub fn to_string_pretty<T: ToJson + ?Sized>(value: &T) -> String {
    write(&value, true)
}

fn write(value: &dyn ToJson, pretty: bool) -> String {
    let mut w = Json { out: String::new(), pretty, depth: 0, first: true };
    value.write_json(&mut w);
    w.out
}

impl Json {
    /// Starts an object; write its members with [`Json::field`].
    pub fn begin_object(&mut self) {
        self.open(b'{');
    }

    /// Ends the innermost object.
    pub fn end_object(&mut self) {
        self.close(b'}');
    }

    /// Writes the member `key: value` of the innermost object.
    pub fn field(&mut self, key: &str, value: &dyn ToJson) {
        self.key(key);
        value.write_json(self);
    }

    /// Writes the name of a member of the innermost object; its value follows.
    pub fn key(&mut self, key: &str) {
        self.next();
        self.string(key);
        self.out.push_str(if self.pretty { ": " } else { ":" });
    }

    /// Writes an object: `fields` writes its members.
    pub fn object(&mut self, fields: impl FnOnce(&mut Json)) {
        self.begin_object();
        fields(self);
        self.end_object();
    }

    /// Writes the items as an array.
    pub fn array<'a>(&mut self, items: impl IntoIterator<Item = &'a dyn ToJson>) {
        self.open(b'[');
        for item in items {
            self.next();
            item.write_json(self);
        }
        self.close(b']');
    }

    /// Writes a string, escaped.
    pub fn string(&mut self, s: &str) {
        self.out.push('"');
        let mut run = 0;
        for (i, b) in s.bytes().enumerate() {
            let escape = match b {
                b'"' => b'"',
                b'\\' => b'\\',
                b'\n' => b'n',
                b'\r' => b'r',
                b'\t' => b't',
                0x08 => b'b',
                0x0c => b'f',
                0..=0x1f => b'u',
                _ => continue,
            };
            // Every byte before `i` from `run` on is outside the escapes (all ASCII), so these are char boundaries.
            self.out.push_str(s.get(run..i).unwrap_or_default());
            run = i + 1;
            self.out.push('\\');
            self.out.push(escape as char);
            if escape == b'u' {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.out.push_str("00");
                self.out.push(HEX[usize::from(b >> 4)] as char);
                self.out.push(HEX[usize::from(b & 15)] as char);
            }
        }
        self.out.push_str(s.get(run..).unwrap_or_default());
        self.out.push('"');
    }

    /// Writes `null`.
    pub fn null(&mut self) {
        self.out.push_str("null");
    }

    /// Writes a whole number.
    pub fn integer(&mut self, n: i64) {
        if n < 0 {
            self.out.push('-');
        }
        self.unsigned(n.unsigned_abs());
    }

    /// Writes an unsigned whole number.
    pub fn unsigned(&mut self, mut n: u64) {
        let mut digits = [0u8; 20];
        let mut i = digits.len();
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        for &d in &digits[i..] {
            self.out.push(d as char);
        }
    }

    fn open(&mut self, bracket: u8) {
        self.out.push(bracket as char);
        self.depth += 1;
        self.first = true;
    }

    fn close(&mut self, bracket: u8) {
        self.depth -= 1;
        if !self.first {
            self.newline();
        }
        self.out.push(bracket as char);
        self.first = false;
    }

    /// Before a member or an item: the comma, and the line break when pretty.
    fn next(&mut self) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        self.newline();
    }

    fn newline(&mut self) {
        if self.pretty {
            self.out.push('\n');
            for _ in 0..self.depth {
                self.out.push_str("  ");
            }
        }
    }
}

impl ToJson for str {
    fn write_json(&self, w: &mut Json) {
        w.string(self);
    }
}

impl ToJson for String {
    fn write_json(&self, w: &mut Json) {
        w.string(self);
    }
}

impl ToJson for bool {
    fn write_json(&self, w: &mut Json) {
        w.out.push_str(if *self { "true" } else { "false" });
    }
}

impl ToJson for f64 {
    fn write_json(&self, w: &mut Json) {
        match serde_json::Number::from_f64(*self) {
            Some(n) => w.out.push_str(&n.to_string()),
            None => w.null(),
        }
    }
}

impl ToJson for u64 {
    fn write_json(&self, w: &mut Json) {
        w.unsigned(*self);
    }
}

impl ToJson for usize {
    fn write_json(&self, w: &mut Json) {
        w.unsigned(*self as u64);
    }
}

impl ToJson for i64 {
    fn write_json(&self, w: &mut Json) {
        w.integer(*self);
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write_json(&self, w: &mut Json) {
        (**self).write_json(w);
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, w: &mut Json) {
        match self {
            Some(v) => v.write_json(w),
            None => w.null(),
        }
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, w: &mut Json) {
        w.array(self.iter().map(|x| x as &dyn ToJson));
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, w: &mut Json) {
        self.as_slice().write_json(w);
    }
}

/// As serde_json writes a `Value` (object members in key order).
impl ToJson for Value {
    fn write_json(&self, w: &mut Json) {
        match self {
            Value::Null => w.null(),
            Value::Bool(b) => b.write_json(w),
            Value::Number(n) => w.out.push_str(&n.to_string()),
            Value::String(s) => w.string(s),
            Value::Array(items) => items.write_json(w),
            Value::Object(map) => w.object(|w| {
                for (k, v) in map {
                    w.field(k, v);
                }
            }),
        }
    }
}

// The load summary's types live in `ingest`; their JSON form is written here.

impl ToJson for LoadSummary {
    fn write_json(&self, w: &mut Json) {
        w.object(|w| {
            w.field("rowsRead", &self.rows_read);
            w.field("loaded", &self.loaded);
            w.field("rejected", &self.rejected);
            w.field("tickets", &self.tickets);
            w.field("outages", &self.outages);
            w.field("changes", &self.changes);
            w.field("warnings", &self.warnings);
            w.field("errors", &self.errors);
        });
    }
}

impl ToJson for Warning {
    fn write_json(&self, w: &mut Json) {
        w.object(|w| {
            w.field("row", &self.row);
            w.field("record", &self.record);
            w.field("column", &self.column);
            w.field("code", &self.code);
            w.field("value", &self.value);
            w.field("message", &self.message);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_what_serde_json_writes() {
        let v: Value = serde_json::from_str(
            r#"{"b": [1, -2, 0.5, 1e300, 18446744073709551615, -9223372036854775808, [], {}, [[]]],
                "a": {"x": null, "y": true, "z": false, "e": {}},
                "s": "q\"b\\n\n r\r t\t \u0008 \u000c \u0001 \u001f \u007f é 😀 </"}"#,
        )
        .unwrap();
        assert_eq!(to_string(&v), serde_json::to_string(&v).unwrap());
        assert_eq!(to_string_pretty(&v), serde_json::to_string_pretty(&v).unwrap());
        for x in [0.0, -0.0, 1.0, 0.1, 1e21, 1e-7, 123456.789, f64::MAX, f64::MIN_POSITIVE, f64::NAN, f64::INFINITY] {
            assert_eq!(to_string(&x), serde_json::to_string(&x).unwrap(), "{x}");
        }
        for n in [0, 9, 10, 99, 100, u64::MAX] {
            assert_eq!(to_string(&n), n.to_string());
        }
        for n in [0i64, -1, -10, i64::MIN, i64::MAX] {
            assert_eq!(to_string(&n), n.to_string());
        }
        let nested: Vec<Option<Vec<String>>> = vec![None, Some(vec![]), Some(vec!["a".into(), String::new()])];
        assert_eq!(to_string_pretty(&nested), serde_json::to_string_pretty(&nested).unwrap());
    }
}
