//! The `calendar_json` argument: its type, and one compiled calendar per
//! distinct text.

use datafusion::arrow::array::{Array, StringArray};
use datafusion::arrow::datatypes::DataType;
use datafusion::common::cast::as_string_array;
use datafusion::common::{exec_datafusion_err, internal_err, plan_err, Result, ScalarValue};
use datafusion::logical_expr::ColumnarValue;
use sla_scorecard::calendar::Calendar;
use sla_scorecard::support::json_reader;
use sla_scorecard::Error;
use std::collections::HashMap;

/// The argument's name, which is also the JSON path in the core's errors.
const ARG: &str = "calendar_json";

/// The type a `calendar_json` argument is cast to: every string type reads
/// as `Utf8`.
pub fn coerce(function: &str, t: &DataType) -> Result<DataType> {
    match t {
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Null => Ok(DataType::Utf8),
        other => plan_err!("{function}: argument {ARG} must be text (a calendar as JSON), not {other}"),
    }
}

/// The calendars of one batch, each compiled on first use. A [`Calendar`]
/// is neither `Send` nor `Sync` (its compiled intervals sit in a `RefCell`),
/// so it lives for one call of the function.
pub struct Calendars<'a> {
    function: &'static str,
    texts: Texts<'a>,
    compiled: HashMap<&'a str, Calendar>,
}

/// The argument's texts: one for every row (a literal), or one per row.
enum Texts<'a> {
    One(Option<&'a str>),
    PerRow(&'a StringArray),
}

impl<'a> Calendars<'a> {
    /// The calendars of the coerced argument `value`; errors will name
    /// `function`.
    pub fn new(function: &'static str, value: &'a ColumnarValue) -> Result<Self> {
        let texts = match value {
            ColumnarValue::Scalar(ScalarValue::Utf8(text)) => Texts::One(text.as_deref()),
            ColumnarValue::Array(array) => Texts::PerRow(as_string_array(array)?),
            ColumnarValue::Scalar(other) => return internal_err!("{function}: argument {ARG} is {} after type coercion", other.data_type()),
        };
        Ok(Calendars { function, texts, compiled: HashMap::new() })
    }

    /// The calendar of row `row`, read the first time its text is met;
    /// `None` when the text is null.
    pub fn get(&mut self, row: usize) -> Result<Option<&Calendar>> {
        use std::collections::hash_map::Entry;
        let text = match self.texts {
            Texts::One(text) => text,
            Texts::PerRow(texts) => texts.is_valid(row).then(|| texts.value(row)),
        };
        let Some(text) = text else { return Ok(None) };
        match self.compiled.entry(text) {
            Entry::Occupied(e) => Ok(Some(e.into_mut())),
            Entry::Vacant(e) => {
                let not_json = |reason: String| Error::invalid(ARG, format!("is not JSON ({reason}); expected '\"24x7\"' or a calendar object"));
                let calendar = json_reader::parse(text, not_json)
                    .and_then(|spec| Calendar::from_json(&spec, ARG))
                    .map_err(|e| exec_datafusion_err!("{}: {e}", self.function))?;
                Ok(Some(e.insert(calendar)))
            }
        }
    }
}
