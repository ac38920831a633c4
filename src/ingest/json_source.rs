//! JSON input: an array of objects, one record per object. The columns are
//! the member names, in order of first appearance over all objects; a
//! member absent from an object has no value there. Values may be strings,
//! numbers (epoch seconds or milliseconds for timestamps), booleans or
//! `null`. In the browser, JS objects reach this module converted to a
//! [`serde_json::Value`] by the wasm layer.
//!
//! Rows are data, not a document: their keys are whatever columns the
//! input has and their values of any type, refused per row (lenient mode
//! skips them), so they stay a `Value` rather than a `Deserialize` type.

use super::cells::Cell;
use super::hashing::HashSet;
use super::limits::Limits;
use crate::support::error::{quote, Error, RowError};
use serde_json::Value;

/// An array of objects and its columns.
pub struct JsonInput<'a> {
    items: &'a [Value],
    /// Member names, in order of first appearance.
    pub columns: Vec<String>,
}

impl<'a> JsonInput<'a> {
    /// Checks that `value` is an array and collects its member names.
    pub fn open(value: &'a Value) -> Result<JsonInput<'a>, Error> {
        let Value::Array(items) = value else {
            return Err(Error::invalid("input", format!("expected an array of objects, found {}", describe(value))));
        };
        let mut seen = HashSet::default();
        let mut columns = Vec::new();
        for item in items {
            if let Value::Object(map) = item {
                for key in map.keys() {
                    if !seen.contains(key.as_str()) {
                        seen.insert(key.as_str());
                        columns.push(key.clone());
                    }
                }
            }
        }
        Ok(JsonInput { items, columns })
    }

    /// Calls `each` with every object's number, the number of objects
    /// after it and its cells, picked by `slots` (column indices), or the
    /// reason the item cannot be read.
    pub fn for_each(
        self,
        slots: &[usize],
        limits: &Limits,
        mut each: impl FnMut(usize, usize, Result<&[Cell<'_>], RowError>) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let mut cells: Vec<Cell<'_>> = Vec::with_capacity(slots.len());
        for (i, item) in self.items.iter().enumerate() {
            let row = i + 1;
            limits.check_rows(row)?;
            let ahead = self.items.len() - row;
            let Value::Object(map) = item else {
                let reason = format!("is {}, expected an object", describe(item));
                each(row, ahead, Err(RowError { row, column: String::new(), value: String::new(), reason }))?;
                continue;
            };
            let oversized = map.iter().find(|(_, v)| matches!(v, Value::String(s) if s.len() > limits.max_field_bytes));
            if let Some((key, Value::String(s))) = oversized {
                let reason = limits.field_reason(s.len() as u64);
                let value: String = s.chars().take(80).collect();
                each(row, ahead, Err(RowError { row, column: key.clone(), value, reason }))?;
                continue;
            }
            cells.clear();
            cells.extend(slots.iter().map(|&c| match map.get(&self.columns[c]) {
                None | Some(Value::Null) => Cell::Missing,
                Some(Value::String(s)) => Cell::Text(s),
                Some(Value::Number(n)) => n.as_f64().map_or(Cell::Nested, Cell::Number),
                Some(Value::Bool(b)) => Cell::Bool(*b),
                Some(_) => Cell::Nested,
            }));
            each(row, ahead, Ok(&cells))?;
        }
        Ok(())
    }
}

/// A short description of a JSON value for error messages: `the string "x"`,
/// `the number 3`, `an array`.
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the string {}", quote(s)),
        Value::Array(_) => "an array".to_string(),
        Value::Object(_) => "an object".to_string(),
    }
}
