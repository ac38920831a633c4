//! `partial_merge(partial)`: partial reports merged into one.

use datafusion::arrow::array::ArrayRef;
use datafusion::arrow::datatypes::DataType;
use datafusion::common::cast::as_string_array;
use datafusion::common::{exec_datafusion_err, internal_err, plan_err, Result, ScalarValue};
use datafusion::logical_expr::function::AccumulatorArgs;
use datafusion::logical_expr::{Accumulator, AggregateUDFImpl, Signature, Volatility};
use sla_scorecard::report::partial::Partial;

const NAME: &str = "partial_merge";

/// `partial_merge(partial) -> Utf8`: the [`Partial`] reports of a column
/// (JSON text, as [`SlaPartial`](crate::SlaPartial) gives them) merged into
/// one with [`Partial::merge`], as JSON text; null when there is none.
///
/// Nulls are skipped. A text that is not a partial, or partials computed
/// with different settings (period, zone, `asOf`, grouping, KPIs, calendar
/// or policies), fail the query with the core's message. The state is the
/// merged partial's JSON text, so merging is the same in both phases.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PartialMerge {
    signature: Signature,
}

impl PartialMerge {
    /// The function, to register with
    /// `SessionContext::register_udaf(AggregateUDF::from(PartialMerge::new()))`.
    pub fn new() -> Self {
        PartialMerge { signature: Signature::user_defined(Volatility::Immutable) }
    }
}

impl Default for PartialMerge {
    fn default() -> Self {
        Self::new()
    }
}

impl AggregateUDFImpl for PartialMerge {
    fn name(&self) -> &str {
        NAME
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Null] => Ok(vec![DataType::Utf8]),
            [other] => plan_err!("{NAME}: argument partial must be text (a partial report as JSON), not {other}"),
            _ => plan_err!("{NAME} takes 1 argument (partial), not {}", arg_types.len()),
        }
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }

    fn accumulator(&self, _args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        Ok(Box::new(MergeAccumulator::default()))
    }
}

/// The partials merged so far.
#[derive(Debug, Default)]
struct MergeAccumulator {
    merged: Option<Partial>,
    /// Length of the texts read: the partial's size in memory is about
    /// that or less.
    bytes: usize,
}

impl MergeAccumulator {
    /// Merges every partial of `texts` in.
    fn add(&mut self, texts: &[ArrayRef]) -> Result<()> {
        let Some(texts) = texts.first() else { return internal_err!("{NAME}: no argument") };
        for text in as_string_array(texts)?.iter().flatten() {
            let partial = Partial::from_json(text).map_err(|e| exec_datafusion_err!("{NAME}: {e}"))?;
            self.bytes += text.len();
            match &mut self.merged {
                Some(merged) => merged.merge(partial).map_err(|e| exec_datafusion_err!("{NAME}: {e}"))?,
                None => self.merged = Some(partial),
            }
        }
        Ok(())
    }
}

impl Accumulator for MergeAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        self.add(values)
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        self.add(states)
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![self.evaluate()?])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        Ok(ScalarValue::Utf8(self.merged.as_ref().map(Partial::to_json)))
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self) + self.bytes
    }
}
