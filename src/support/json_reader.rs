//! Reading JSON input documents (calendar specs, policies, mappings, load
//! and report options, scorecard configurations) into their
//! `#[derive(Deserialize)]` types, with the JSON path in every error:
//! `policies[2].target: "4 hours" is not a duration (expected e.g. "4h", …)`.
//!
//! `serde_path_to_error` records where the deserialiser stood when an error
//! rose, and [`from_value`] / [`from_text`] write that path before the
//! message, which is serde's own (`unknown field `x`, expected one of …`,
//! `invalid type: string "x", expected a number`) or that of a custom
//! deserialiser built with the helpers below. Checks that need several
//! fields (a window's end before its start, threshold order, calendar names)
//! run after deserialisation and name their paths with [`join`].

use crate::support::error::Error;
use serde::de::{DeserializeOwned, DeserializeSeed, Deserializer, Error as _, MapAccess, Visitor};
use serde::Deserialize;
use serde_path_to_error::Segment;
use std::fmt::{self, Display};

/// Reads a document from a JSON value; `path` prefixes every error path
/// (often empty).
pub fn from_value<T: DeserializeOwned>(value: &serde_json::Value, path: &str) -> Result<T, Error> {
    serde_path_to_error::deserialize(value).map_err(|e| at_path(e, path))
}

/// Reads a document from JSON text; `path` prefixes every error path.
/// Text that is not JSON (or nests more than 128 levels) is refused by
/// `not_json`, given the reason and where it was found.
pub fn from_text<T: DeserializeOwned>(text: &str, path: &str, not_json: impl FnOnce(String) -> Error) -> Result<T, Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    match serde_path_to_error::deserialize(&mut de) {
        Ok(value) => de.end().map(|()| value).map_err(|e| syntax(&e, not_json)),
        Err(e) if e.inner().is_syntax() || e.inner().is_eof() => Err(syntax(e.inner(), not_json)),
        Err(e) => Err(at_path(e, path)),
    }
}

/// Parses JSON text into a value, refusing text that is not JSON like
/// [`from_text`]. The wasm layer reads documents this way, then with
/// [`from_value`]: one instance of serde_json's parser for every document
/// type, where reading each type from text would compile the parser once
/// per type (13 KB gzip more in the package: 222,289 against 209,189 B
/// of `.wasm`, measured).
pub fn parse(text: &str, not_json: impl FnOnce(String) -> Error) -> Result<serde_json::Value, Error> {
    serde_json::from_str(text).map_err(|e| syntax(&e, not_json))
}

/// The error of text that is not JSON, by `not_json`.
fn syntax(e: &serde_json::Error, not_json: impl FnOnce(String) -> Error) -> Error {
    match message(e).as_str() {
        "recursion limit exceeded" => not_json("nested more than 128 levels deep".to_string()),
        reason => not_json(format!("{reason} at line {}, column {}", e.line(), e.column())),
    }
}

/// The error of a failed read, at the path where it rose below `prefix`.
/// serde's `missing field `x`` names the object; it is reported at the
/// missing member instead (`policies[1].target: is required but missing`).
fn at_path(e: serde_path_to_error::Error<serde_json::Error>, prefix: &str) -> Error {
    let mut path = prefix.to_string();
    for segment in e.path() {
        path = match segment {
            Segment::Seq { index } => format!("{path}[{index}]"),
            Segment::Map { key } => join(&path, key),
            Segment::Enum { variant } => join(&path, variant),
            Segment::Unknown => join(&path, "?"),
        };
    }
    let message = message(e.inner());
    match message.strip_prefix("missing field `").and_then(|m| m.strip_suffix('`')) {
        Some(field) => Error::invalid(join(&path, field), "is required but missing"),
        None => Error::invalid(path, message),
    }
}

/// serde_json's message without the position it appends for text input
/// (the path says where).
fn message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let position = format!(" at line {} column {}", e.line(), e.column());
    match text.strip_suffix(&position) {
        Some(message) if e.line() > 0 => message.to_string(),
        _ => text,
    }
}

/// The path of member `key` below `path`: `week.mon`, or `calendars["my
/// office"]` for a key that is not a plain identifier.
pub fn join(path: &str, key: &str) -> String {
    let plain = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    match (path.is_empty(), plain) {
        (true, true) => key.to_string(),
        (false, true) => format!("{path}.{key}"),
        (_, false) => format!("{path}[{}]", crate::support::error::quote(key)),
    }
}

/// Deserialises a `T`, then checks or converts it with `check`, whose error
/// message becomes the error at this value's path.
pub fn checked<'de, D, T, U, E>(d: D, check: impl FnOnce(T) -> Result<U, E>) -> Result<U, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
    E: Display,
{
    check(T::deserialize(d)?).map_err(D::Error::custom)
}

/// Deserialises a string read by `parse` (typically a `parse(text, "")` of
/// the crate, whose [`Error`] then shows only its message).
pub fn parse_str<'de, D, T, E>(d: D, parse: impl FnOnce(&str) -> Result<T, E>) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    E: Display,
{
    checked(d, |s: String| parse(&s))
}

/// [`parse_str`] for an optional member (`null` reads as absent).
pub fn parse_opt_str<'de, D, T, E>(d: D, parse: impl FnOnce(&str) -> Result<T, E>) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    E: Display,
{
    checked(d, |s: Option<String>| s.as_deref().map(parse).transpose())
}

/// Refuses the value of the map entry whose key was just read, so the error
/// carries the key in its path (`week.monday: …`) rather than the map's.
pub fn refuse_value<'de, A: MapAccess<'de>>(map: &mut A, message: impl Display) -> A::Error {
    struct Refuse(String);
    impl<'de> DeserializeSeed<'de> for Refuse {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, _: D) -> Result<(), D::Error> {
            Err(D::Error::custom(self.0))
        }
    }
    match map.next_value_seed(Refuse(message.to_string())) {
        Err(e) => e,
        Ok(()) => A::Error::custom("a refused value was accepted"),
    }
}

/// A JSON number (integer or not) as `f64`; anything else is refused as
/// "expected a number".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number(pub f64);

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Number, D::Error> {
        struct Expect;
        impl Visitor<'_> for Expect {
            type Value = Number;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_f64<E>(self, x: f64) -> Result<Number, E> {
                Ok(Number(x))
            }
            fn visit_i64<E>(self, x: i64) -> Result<Number, E> {
                Ok(Number(x as f64))
            }
            fn visit_u64<E>(self, x: u64) -> Result<Number, E> {
                Ok(Number(x as f64))
            }
        }
        d.deserialize_f64(Expect)
    }
}

// Test code only (compiled under `cfg(test)`): its unwrap()/expect() calls
// run on inputs written in the tests, never on user input.
#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::collections::BTreeMap;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        week: BTreeMap<String, Vec<Vec<String>>>,
        zone: String,
    }

    fn err(doc: serde_json::Value) -> String {
        from_value::<Doc>(&doc, "").unwrap_err().to_string()
    }

    #[test]
    fn reads_a_document_from_a_value_or_text() {
        let doc: Doc = from_value(&json!({"week": {"mon": [["09:00", "17:00"]]}, "zone": "UTC"}), "").unwrap();
        assert_eq!((doc.week["mon"][0][1].as_str(), doc.zone.as_str()), ("17:00", "UTC"));
        let doc: Doc = from_text(r#"{"zone": "UTC", "week": {}}"#, "", |_| Error::compute("not JSON")).unwrap();
        assert_eq!((doc.week.len(), doc.zone.as_str()), (0, "UTC"));
    }

    #[test]
    fn paths_name_members_and_indices() {
        assert_eq!(err(json!({"week": {"mon": [["09:00", 5]]}, "zone": "UTC"})), "week.mon[0][1]: invalid type: integer `5`, expected a string");
        assert_eq!(err(json!({"week": {"odd key": 1}, "zone": "UTC"})), "week[\"odd key\"]: invalid type: integer `1`, expected a sequence");
        assert_eq!(err(json!({"week": {}})), "zone: is required but missing");
        assert_eq!(err(json!({"week": {}, "zone": "UTC", "holiday": []})), "holiday: unknown field `holiday`, expected `week` or `zone`");
    }

    #[test]
    fn text_errors_drop_the_position_but_syntax_errors_keep_it() {
        let not_json = |reason: String| Error::invalid("doc.json", format!("is not valid JSON: {reason}"));
        let e = from_text::<Doc>("{\"week\": {},\n \"zone\": 3}", "cal", not_json).unwrap_err();
        assert_eq!(e.to_string(), "cal.zone: invalid type: integer `3`, expected a string");
        // `{"week": {}, "zone": "UTC"}` is 27 characters, a space, then `x` at column 29
        let e = from_text::<Doc>("{\"week\": {}, \"zone\": \"UTC\"} x", "", not_json).unwrap_err();
        assert_eq!(e.to_string(), "doc.json: is not valid JSON: trailing characters at line 1, column 29");
        let e = from_text::<Doc>("{\"week\": {,", "", not_json).unwrap_err();
        assert_eq!(e.to_string(), "doc.json: is not valid JSON: key must be a string at line 1, column 11");
        let deep = "[".repeat(200);
        let e = from_text::<serde_json::Value>(&deep, "", not_json).unwrap_err();
        assert_eq!(e.to_string(), "doc.json: is not valid JSON: nested more than 128 levels deep");
    }

    #[test]
    fn numbers_say_what_was_expected() {
        assert_eq!(from_value::<Number>(&json!(3), "").unwrap(), Number(3.0));
        assert_eq!(from_value::<Number>(&json!(-2.5), "").unwrap(), Number(-2.5));
        assert_eq!(from_value::<Number>(&json!("8h"), "target").unwrap_err().to_string(), "target: invalid type: string \"8h\", expected a number");
    }

    #[test]
    fn numbers_in_text_read_exactly() {
        // serde_json's default fast path reads this one 1 ulp high
        // (902747.4764568268); `float_roundtrip` agrees with core's
        // correctly rounded `str::parse`.
        let text = "902747.4764568267";
        let exact: f64 = text.parse().unwrap();
        let read: Number = from_text(text, "", |_| Error::compute("not JSON")).unwrap();
        assert_eq!(read.0.to_bits(), exact.to_bits());
    }
}
