//! Arguments in, result out: DataFusion passes each argument as a scalar or
//! an array, and expects a scalar back when every argument was one.

use datafusion::arrow::array::ArrayRef;
use datafusion::common::{Result, ScalarValue};
use datafusion::logical_expr::ColumnarValue;

/// The length of the array arguments, `None` when every argument is a
/// scalar (the function then computes one row).
pub fn rows(args: &[ColumnarValue]) -> Option<usize> {
    args.iter().find_map(|a| match a {
        ColumnarValue::Array(array) => Some(array.len()),
        ColumnarValue::Scalar(_) => None,
    })
}

/// `result` as the function's value: its one element as a scalar when
/// every argument was a scalar (`rows` gave `None`).
pub fn result(result: ArrayRef, rows: Option<usize>) -> Result<ColumnarValue> {
    match rows {
        Some(_) => Ok(ColumnarValue::Array(result)),
        None => Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&result, 0)?)),
    }
}
