//! Reading JSON configuration documents with the JSON path in every error.
//!
//! Calendar specs, policies, mappings and scorecard configurations arrive as
//! JSON text (native, CLI) or JS objects (browser, converted to a
//! [`serde_json::Value`] by the wasm layer). Each is read through a [`Node`],
//! which knows its own path, so an error reads
//! `policies[2].target: "4 hours" is not a duration (expected e.g. "4h", "2d 4h", "30m" or seconds)`.

use crate::error::{quote, Error};
use serde_json::Value;

/// A value in a JSON document together with its path from the root.
#[derive(Debug, Clone)]
pub struct Node<'a> {
    value: &'a Value,
    path: String,
}

impl<'a> Node<'a> {
    /// The root of a document; `path` prefixes every path below it (often
    /// empty).
    pub fn root(value: &'a Value, path: impl Into<String>) -> Node<'a> {
        Node { value, path: path.into() }
    }

    /// The path of this value (`week.mon[0]`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The raw JSON value.
    pub fn value(&self) -> &'a Value {
        self.value
    }

    /// An [`Error::Invalid`] at this value's path.
    pub fn error(&self, message: impl Into<String>) -> Error {
        Error::invalid(self.path.clone(), message)
    }

    /// The member `key` of this object, if present and not `null`.
    pub fn get(&self, key: &str) -> Option<Node<'a>> {
        match self.value.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => Some(Node { value: v, path: join(&self.path, key) }),
        }
    }

    /// The member `key`, or an error saying it is missing.
    pub fn required(&self, key: &str) -> Result<Node<'a>, Error> {
        self.get(key).ok_or_else(|| Error::invalid(join(&self.path, key), "is required but missing"))
    }

    /// The members of this object, in document order. Errors unless it is an
    /// object.
    pub fn entries(&self) -> Result<Vec<(&'a str, Node<'a>)>, Error> {
        match self.value {
            Value::Object(map) => Ok(map
                .iter()
                .map(|(k, v)| (k.as_str(), Node { value: v, path: join(&self.path, k) }))
                .collect()),
            other => Err(self.error(format!("expected an object, found {}", describe(other)))),
        }
    }

    /// Errors on the first member whose name is not in `allowed`, listing the
    /// allowed names (catches typos such as `"holiday"` for `"holidays"`).
    pub fn deny_unknown(&self, allowed: &[&str]) -> Result<(), Error> {
        for (key, node) in self.entries()? {
            if !allowed.contains(&key) {
                return Err(node.error(format!("unknown field; expected one of: {}", allowed.join(", "))));
            }
        }
        Ok(())
    }

    /// The items of this array. Errors unless it is an array.
    pub fn items(&self) -> Result<Vec<Node<'a>>, Error> {
        match self.value {
            Value::Array(items) => Ok(items
                .iter()
                .enumerate()
                .map(|(i, v)| Node { value: v, path: format!("{}[{i}]", self.path) })
                .collect()),
            other => Err(self.error(format!("expected an array, found {}", describe(other)))),
        }
    }

    /// This value as a string.
    pub fn str(&self) -> Result<&'a str, Error> {
        self.value.as_str().ok_or_else(|| self.error(format!("expected a string, found {}", describe(self.value))))
    }

    /// This value as a number.
    pub fn f64(&self) -> Result<f64, Error> {
        self.value
            .as_f64()
            .filter(|x| x.is_finite())
            .ok_or_else(|| self.error(format!("expected a number, found {}", describe(self.value))))
    }

    /// This value as a boolean.
    pub fn bool(&self) -> Result<bool, Error> {
        self.value.as_bool().ok_or_else(|| self.error(format!("expected true or false, found {}", describe(self.value))))
    }

    /// This value as one of the strings in `choices`: its index there.
    pub fn choice(&self, choices: &[&str]) -> Result<usize, Error> {
        let s = self.str()?;
        choices
            .iter()
            .position(|c| *c == s)
            .ok_or_else(|| self.error(format!("{} is not one of: {}", quote(s), choices.join(", "))))
    }

    /// The member `key` read by [`Node::choice`] (its index), if present.
    pub fn opt_choice(&self, key: &str, choices: &[&str]) -> Result<Option<usize>, Error> {
        self.get(key).map(|n| n.choice(choices)).transpose()
    }

    /// The member `key` as a string, if present.
    pub fn opt_str(&self, key: &str) -> Result<Option<&'a str>, Error> {
        self.get(key).map(|n| n.str()).transpose()
    }

    /// The items of this array as strings.
    pub fn strings(&self) -> Result<Vec<String>, Error> {
        self.items()?.iter().map(|n| n.str().map(str::to_string)).collect()
    }

    /// An error quoting a number: `before`, the number as `{x}` writes it,
    /// then `after` (one shared writer instead of a `format!` per message).
    pub fn number_error(&self, before: &str, x: f64, after: &str) -> Error {
        self.error([before, &x.to_string(), after].concat())
    }
}

/// Parses JSON text into a value, with the line and column of a syntax error.
pub fn parse_text(text: &str, what: &str) -> Result<Value, Error> {
    serde_json::from_str(text).map_err(|e| {
        Error::invalid(what, format!("is not valid JSON: {} at line {}, column {}", e, e.line(), e.column()))
    })
}

/// A short description of a JSON value for error messages: `the string "x"`,
/// `the number 3`, `an array`.
pub fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the string {}", quote(s)),
        Value::Array(_) => "an array".to_string(),
        Value::Object(_) => "an object".to_string(),
    }
}

fn join(path: &str, key: &str) -> String {
    let plain = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    match (path.is_empty(), plain) {
        (true, true) => key.to_string(),
        (false, true) => format!("{path}.{key}"),
        (_, false) => format!("{path}[{}]", quote(key)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_name_members_and_indices() {
        let doc = json!({"week": {"mon": [["09:00", 5]]}, "odd key": 1});
        let root = Node::root(&doc, "");
        let item = &root.required("week").unwrap().required("mon").unwrap().items().unwrap()[0].items().unwrap()[1];
        assert_eq!(item.path(), "week.mon[0][1]");
        assert_eq!(item.str().unwrap_err().to_string(), "week.mon[0][1]: expected a string, found the number 5");
        assert_eq!(root.required("odd key").unwrap().path(), "[\"odd key\"]");
        assert_eq!(root.required("zone").unwrap_err().to_string(), "zone: is required but missing");
    }

    #[test]
    fn unknown_fields_are_listed() {
        let doc = json!({"holiday": []});
        let e = Node::root(&doc, "").deny_unknown(&["timezone", "week", "holidays"]).unwrap_err();
        assert_eq!(e.to_string(), "holiday: unknown field; expected one of: timezone, week, holidays");
    }
}
