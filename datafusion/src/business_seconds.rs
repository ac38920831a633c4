//! `business_seconds(calendar_json, start, end)`.

use crate::{calendars, columnar, instants};
use datafusion::arrow::array::{Array, Int64Builder};
use datafusion::arrow::datatypes::DataType;
use datafusion::common::{internal_err, plan_err, Result};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature, Volatility};
use std::sync::Arc;

const NAME: &str = "business_seconds";

/// `business_seconds(calendar_json, start, end) -> Int64`: the working
/// seconds of the calendar in `[start, end)`, 0 when `end <= start`
/// ([`Calendar::duration`](sla_scorecard::calendar::Calendar::duration)).
///
/// `calendar_json` is text; `start` and `end` are timestamps of any unit
/// (truncated to whole seconds towards the past) or text such as
/// `'2026-03-06T15:00:00Z'`; a timestamp without a zone is UTC. The
/// calendar's own zone decides which instants are working time. Null if any
/// argument is null.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BusinessSeconds {
    signature: Signature,
}

impl BusinessSeconds {
    /// The function, to register with
    /// `SessionContext::register_udf(ScalarUDF::from(BusinessSeconds::new()))`.
    pub fn new() -> Self {
        BusinessSeconds { signature: Signature::user_defined(Volatility::Immutable) }
    }
}

impl Default for BusinessSeconds {
    fn default() -> Self {
        Self::new()
    }
}

impl ScalarUDFImpl for BusinessSeconds {
    fn name(&self) -> &str {
        NAME
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        let [calendar, start, end] = arg_types else {
            return plan_err!("{NAME} takes 3 arguments (calendar_json, start, end), not {}", arg_types.len());
        };
        Ok(vec![calendars::coerce(NAME, calendar)?, instants::coerce(NAME, "start", start)?, instants::coerce(NAME, "end", end)?])
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Int64)
    }

    fn is_strict(&self) -> bool {
        true
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let [calendar, start, end] = args.args.as_slice() else {
            return internal_err!("{NAME}: 3 arguments expected after type coercion, not {}", args.args.len());
        };
        let rows = columnar::rows(&args.args);
        let n = rows.unwrap_or(1);
        let mut calendars = calendars::Calendars::new(NAME, calendar)?;
        let (start, end) = (instants::seconds(NAME, "start", &start.to_array(n)?)?, instants::seconds(NAME, "end", &end.to_array(n)?)?);
        let mut out = Int64Builder::with_capacity(n);
        for i in 0..n {
            let calendar = if start.is_valid(i) && end.is_valid(i) { calendars.get(i)? } else { None };
            match calendar {
                Some(calendar) => out.append_value(calendar.duration(start.value(i), end.value(i))),
                None => out.append_null(),
            }
        }
        columnar::result(Arc::new(out.finish()), rows)
    }
}
