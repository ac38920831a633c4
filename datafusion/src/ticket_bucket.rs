//! `ticket_bucket(id, n)`.

use crate::columnar;
use datafusion::arrow::array::{Array, Int64Builder};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::DataType;
use datafusion::common::cast::{as_int64_array, as_string_array};
use datafusion::common::{exec_err, internal_err, plan_err, Result};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature, Volatility};
use std::sync::Arc;

const NAME: &str = "ticket_bucket";

/// `ticket_bucket(id, n) -> Int64`: the bucket in `0..n` of a ticket id,
/// to `GROUP BY` a bounded number of groups that each hold every event of
/// their tickets (see [`SlaPartial`](crate::SlaPartial)).
///
/// The hash is fixed, so buckets are the same on every machine, version and
/// run: 64-bit FNV-1a of the id's UTF-8 bytes (offset basis
/// `0xcbf29ce484222325`, prime `0x100000001b3`), modulo `n`. `id` is text
/// (other types are cast to text first); `n` an integer from 1. Null if any
/// argument is null.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TicketBucket {
    signature: Signature,
}

impl TicketBucket {
    /// The function, to register with
    /// `SessionContext::register_udf(ScalarUDF::from(TicketBucket::new()))`.
    pub fn new() -> Self {
        TicketBucket { signature: Signature::user_defined(Volatility::Immutable) }
    }
}

impl Default for TicketBucket {
    fn default() -> Self {
        Self::new()
    }
}

/// 64-bit FNV-1a of `bytes`.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

impl ScalarUDFImpl for TicketBucket {
    fn name(&self) -> &str {
        NAME
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        let [_, n] = arg_types else {
            return plan_err!("{NAME} takes 2 arguments (id, n), not {}", arg_types.len());
        };
        if !(n.is_integer() || *n == DataType::Null) {
            return plan_err!("{NAME}: argument n must be an integer, not {n}");
        }
        Ok(vec![DataType::Utf8, DataType::Int64])
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Int64)
    }

    fn is_strict(&self) -> bool {
        true
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let [id, n] = args.args.as_slice() else {
            return internal_err!("{NAME}: 2 arguments expected after type coercion, not {}", args.args.len());
        };
        let rows = columnar::rows(&args.args);
        let len = rows.unwrap_or(1);
        let id = cast(&id.to_array(len)?, &DataType::Utf8)?;
        let id = as_string_array(&id)?;
        let n = n.to_array(len)?;
        let n = as_int64_array(&n)?;
        let mut out = Int64Builder::with_capacity(len);
        for i in 0..len {
            if id.is_null(i) || n.is_null(i) {
                out.append_null();
                continue;
            }
            let buckets = n.value(i);
            let Ok(buckets) = u64::try_from(buckets) else { return exec_err!("{NAME}: n must be at least 1, not {buckets}") };
            if buckets == 0 {
                return exec_err!("{NAME}: n must be at least 1, not 0");
            }
            // The remainder is below n, itself an i64.
            out.append_value((fnv1a(id.value(i).as_bytes()) % buckets) as i64);
        }
        columnar::result(Arc::new(out.finish()), rows)
    }
}
