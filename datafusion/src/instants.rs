//! Instant arguments (Arrow timestamps) as the core's Unix seconds.

use datafusion::arrow::array::{Array, ArrayRef, AsArray, Int64Array};
use datafusion::arrow::datatypes::{
    ArrowTimestampType, DataType, Int64Type, TimeUnit, TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType, TimestampSecondType,
};
use datafusion::common::{exec_err, plan_err, Result};
use sla_scorecard::support::time::{MAX_INSTANT, MIN_INSTANT};

/// The type an instant argument is cast to: a timestamp keeps its unit and
/// zone; text is parsed as a timestamp (`'2026-03-06T15:00:00Z'`; without an
/// offset, as UTC).
pub fn coerce(function: &str, arg: &str, t: &DataType) -> Result<DataType> {
    match t {
        DataType::Timestamp(..) => Ok(t.clone()),
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Null => Ok(DataType::Timestamp(TimeUnit::Nanosecond, Some("UTC".into()))),
        other => plan_err!("{function}: argument {arg} must be a timestamp, not {other}"),
    }
}

/// Whole seconds since 1970-01-01T00:00:00Z of a coerced timestamp array,
/// rounded towards the past; nulls stay null. Errors on an instant outside
/// the core's range, 1900-01-01T00:00:00Z up to 2200.
pub fn seconds(function: &str, arg: &str, array: &ArrayRef) -> Result<Int64Array> {
    let seconds = match array.data_type() {
        DataType::Timestamp(TimeUnit::Second, _) => floor::<TimestampSecondType>(array, 1),
        DataType::Timestamp(TimeUnit::Millisecond, _) => floor::<TimestampMillisecondType>(array, 1_000),
        DataType::Timestamp(TimeUnit::Microsecond, _) => floor::<TimestampMicrosecondType>(array, 1_000_000),
        DataType::Timestamp(TimeUnit::Nanosecond, _) => floor::<TimestampNanosecondType>(array, 1_000_000_000),
        other => return exec_err!("{function}: argument {arg} must be a timestamp, not {other}"),
    };
    if let Some(t) = seconds.iter().flatten().find(|t| !(MIN_INSTANT..MAX_INSTANT).contains(t)) {
        return exec_err!("{function}: argument {arg}: {t} s after 1970-01-01T00:00:00Z is outside the supported range 1900-01-01..2199-12-31");
    }
    Ok(seconds)
}

/// `array`'s values divided by `per_second`, rounded down.
fn floor<T: ArrowTimestampType>(array: &ArrayRef, per_second: i64) -> Int64Array {
    array.as_primitive::<T>().unary::<_, Int64Type>(|v| v.div_euclid(per_second))
}
