//! `business_add(calendar_json, start, seconds)`.

use crate::{calendars, columnar, instants};
use datafusion::arrow::array::{Array, TimestampSecondBuilder};
use datafusion::arrow::datatypes::{DataType, TimeUnit};
use datafusion::common::cast::as_int64_array;
use datafusion::common::{exec_err, internal_err, plan_err, Result};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature, Volatility};
use sla_scorecard::support::time::format_instant;
use std::sync::Arc;

const NAME: &str = "business_add";

/// The zone of the result's type.
const UTC: &str = "UTC";

/// `business_add(calendar_json, start, seconds) -> Timestamp(Second, "UTC")`:
/// the earliest instant at which `seconds` working seconds of the calendar
/// have elapsed from `start`; `start` itself when `seconds` is 0, even
/// outside working hours
/// ([`Calendar::add`](sla_scorecard::calendar::Calendar::add)).
///
/// `calendar_json` is text; `start` is a timestamp of any unit (truncated to
/// whole seconds towards the past) or text such as `'2026-03-06T15:00:00Z'`,
/// a timestamp without a zone being UTC; `seconds` is an integer. Null if
/// any argument is null. Fails the query when `seconds` is negative or the
/// calendar does not accumulate that much working time before 2200.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BusinessAdd {
    signature: Signature,
}

impl BusinessAdd {
    /// The function, to register with
    /// `SessionContext::register_udf(ScalarUDF::from(BusinessAdd::new()))`.
    pub fn new() -> Self {
        BusinessAdd { signature: Signature::user_defined(Volatility::Immutable) }
    }
}

impl Default for BusinessAdd {
    fn default() -> Self {
        Self::new()
    }
}

impl ScalarUDFImpl for BusinessAdd {
    fn name(&self) -> &str {
        NAME
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        let [calendar, start, seconds] = arg_types else {
            return plan_err!("{NAME} takes 3 arguments (calendar_json, start, seconds), not {}", arg_types.len());
        };
        let seconds = match seconds {
            t if t.is_integer() || *t == DataType::Null => DataType::Int64,
            other => return plan_err!("{NAME}: argument seconds must be an integer, not {other}"),
        };
        Ok(vec![calendars::coerce(NAME, calendar)?, instants::coerce(NAME, "start", start)?, seconds])
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Timestamp(TimeUnit::Second, Some(UTC.into())))
    }

    fn is_strict(&self) -> bool {
        true
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let [calendar, start, seconds] = args.args.as_slice() else {
            return internal_err!("{NAME}: 3 arguments expected after type coercion, not {}", args.args.len());
        };
        let rows = columnar::rows(&args.args);
        let n = rows.unwrap_or(1);
        let mut calendars = calendars::Calendars::new(NAME, calendar)?;
        let start = instants::seconds(NAME, "start", &start.to_array(n)?)?;
        let seconds = seconds.to_array(n)?;
        let seconds = as_int64_array(&seconds)?;
        let mut out = TimestampSecondBuilder::with_capacity(n).with_timezone(UTC);
        for i in 0..n {
            let calendar = if start.is_valid(i) && seconds.is_valid(i) { calendars.get(i)? } else { None };
            let Some(calendar) = calendar else {
                out.append_null();
                continue;
            };
            let (from, amount) = (start.value(i), seconds.value(i));
            match calendar.add(from, amount) {
                Ok(due) => out.append_value(due),
                Err(e) => return exec_err!("{NAME}: arguments start {} and seconds {amount}: {e}", format_instant(from)),
            }
        }
        columnar::result(Arc::new(out.finish()), rows)
    }
}
