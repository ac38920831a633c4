//! Constant text arguments of an aggregate (`'{"preset": …}'`): read once
//! per accumulator from the plan's literal, as JSON.

use datafusion::common::{plan_datafusion_err, plan_err, Result};
use datafusion::logical_expr::function::AccumulatorArgs;
use datafusion::physical_expr::expressions::Literal;
use serde_json::Value;

/// The JSON value of argument `index`, named `arg` in errors, which must be
/// a text literal; `None` for a `NULL` literal.
pub fn json(function: &str, args: &AccumulatorArgs, index: usize, arg: &str) -> Result<Option<Value>> {
    let Some(expr) = args.exprs.get(index) else {
        return plan_err!("{function}: argument {arg} is missing");
    };
    let Some(literal) = expr.downcast_ref::<Literal>() else {
        return plan_err!("{function}: argument {arg} must be a constant (a JSON text literal), not {expr}");
    };
    match literal.value().try_as_str() {
        Some(None) => Ok(None),
        Some(Some(text)) => serde_json::from_str(text).map(Some).map_err(|e| plan_datafusion_err!("{function}: argument {arg} is not JSON ({e})")),
        None => plan_err!("{function}: argument {arg} must be text (JSON), not {}", literal.value().data_type()),
    }
}
