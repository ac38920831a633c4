//! The `calendar_json` argument: its type, and one compiled calendar per
//! distinct text.

use datafusion::arrow::datatypes::DataType;
use datafusion::common::{exec_datafusion_err, plan_err, Result};
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
    compiled: HashMap<&'a str, Calendar>,
}

impl<'a> Calendars<'a> {
    /// No calendar yet; errors will name `function`.
    pub fn new(function: &'static str) -> Self {
        Calendars { function, compiled: HashMap::new() }
    }

    /// The calendar of `text`, read the first time it is asked for.
    pub fn get(&mut self, text: &'a str) -> Result<&Calendar> {
        use std::collections::hash_map::Entry;
        match self.compiled.entry(text) {
            Entry::Occupied(e) => Ok(e.into_mut()),
            Entry::Vacant(e) => {
                let not_json = |reason: String| Error::invalid(ARG, format!("is not JSON ({reason}); expected '\"24x7\"' or a calendar object"));
                let calendar = json_reader::parse(text, not_json)
                    .and_then(|spec| Calendar::from_json(&spec, ARG))
                    .map_err(|e| exec_datafusion_err!("{}: {e}", self.function))?;
                Ok(e.insert(calendar))
            }
        }
    }
}
