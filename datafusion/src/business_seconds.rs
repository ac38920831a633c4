//! `business_seconds(calendar_json, start, end)`.

use crate::{calendars, columnar, instants};
use datafusion::arrow::array::{Array, Int64Builder};
use datafusion::arrow::datatypes::DataType;
use datafusion::common::cast::as_string_array;
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
        let (arrays, all_scalar) = columnar::arrays(&args.args)?;
        let [texts, start, end] = arrays.as_slice() else {
            return internal_err!("{NAME}: 3 arguments expected after type coercion, not {}", arrays.len());
        };
        let texts = as_string_array(texts)?;
        let (start, end) = (instants::seconds(NAME, "start", start)?, instants::seconds(NAME, "end", end)?);
        let mut calendars = calendars::Calendars::new(NAME);
        let mut out = Int64Builder::with_capacity(texts.len());
        for i in 0..texts.len() {
            if texts.is_null(i) || start.is_null(i) || end.is_null(i) {
                out.append_null();
            } else {
                out.append_value(calendars.get(texts.value(i))?.duration(start.value(i), end.value(i)));
            }
        }
        columnar::result(Arc::new(out.finish()), all_scalar)
    }
}
