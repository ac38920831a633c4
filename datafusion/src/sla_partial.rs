//! `sla_partial(row, load_options, config, report_options, policies)`: a
//! group's event rows, buffered, made into a partial report.

use crate::literals;
use datafusion::arrow::array::{new_empty_array, Array, ArrayRef, AsArray, StructArray};
use datafusion::arrow::compute::{cast, concat};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::cast::as_list_array;
use datafusion::common::utils::SingleRowListArrayBuilder;
use datafusion::common::{exec_datafusion_err, internal_err, plan_err, Result, ScalarValue};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::utils::format_state_name;
use datafusion::logical_expr::{Accumulator, AggregateUDFImpl, Signature, Volatility};
use serde_json::Value;
use sla_scorecard::ingest::{load, Input, LoadOptions};
use sla_scorecard::report::partial::Partial;
use sla_scorecard::report::ReportOptions;
use sla_scorecard::scorecard::Config;
use sla_scorecard::sla::PolicySet;
use std::sync::Arc;

const NAME: &str = "sla_partial";

/// The constant arguments, by name; the names are also the JSON paths in
/// the core's errors.
const SETTINGS: [&str; 4] = ["load_options", "config", "report_options", "policies"];

/// `sla_partial(row, load_options, config, report_options, policies) -> Utf8`:
/// the [`Partial`] report of a group of event rows, as its JSON text, to
/// merge with [`PartialMerge`](crate::PartialMerge).
///
/// - `row` is a struct of the event's columns, named as the load options
///   map them: `named_struct('number', number, 'incident_state',
///   incident_state, …)`. Every field is read as text (Arrow's cast to
///   `Utf8`); null is no value.
/// - `load_options`, `config`, `report_options` and `policies` are text
///   literals holding JSON: the core's load options
///   (`{"preset": "servicenow-event-log"}`), the scorecard configuration,
///   the report options, which must give `asOf`, and the SLA policy
///   document (`NULL`: no policies).
///
/// Every event of a ticket must be in the same group (`GROUP BY number`, or
/// `GROUP BY ticket_bucket(number, 64)` for fewer, larger groups). The
/// accumulator only buffers the rows: in DataFusion's two-phase aggregation a
/// group's rows are still split across input partitions when its state is
/// taken, so the state is the rows themselves and merging concatenates them.
/// The core's loader and [`Partial::from_dataset`] run once per group, when
/// the result is asked for. Events of a ticket are ordered by their update
/// time and sequence; ties are broken by arrival order, which is not fixed
/// once the rows went through partitions.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SlaPartial {
    signature: Signature,
}

impl SlaPartial {
    /// The function, to register with
    /// `SessionContext::register_udaf(AggregateUDF::from(SlaPartial::new()))`.
    pub fn new() -> Self {
        SlaPartial { signature: Signature::user_defined(Volatility::Immutable) }
    }
}

impl Default for SlaPartial {
    fn default() -> Self {
        Self::new()
    }
}

impl AggregateUDFImpl for SlaPartial {
    fn name(&self) -> &str {
        NAME
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        let [row, settings @ ..] = arg_types else {
            return plan_err!("{NAME} takes 5 arguments (row, {}), not 0", SETTINGS.join(", "));
        };
        if settings.len() != SETTINGS.len() {
            return plan_err!("{NAME} takes 5 arguments (row, {}), not {}", SETTINGS.join(", "), arg_types.len());
        }
        if !matches!(row, DataType::Struct(_)) {
            return plan_err!("{NAME}: argument row must be a struct of the event's columns (named_struct('number', number, …)), not {row}");
        }
        let mut coerced = vec![row.clone()];
        for (t, arg) in settings.iter().zip(SETTINGS) {
            match t {
                DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Null => coerced.push(DataType::Utf8),
                other => return plan_err!("{NAME}: argument {arg} must be text (JSON), not {other}"),
            }
        }
        Ok(coerced)
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        let Some(row) = args.input_fields.first() else { return internal_err!("{NAME}: no row argument") };
        let rows = DataType::List(Arc::new(Field::new_list_field(row.data_type().clone(), true)));
        Ok(vec![Arc::new(Field::new(format_state_name(args.name, "rows"), rows, true))])
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        let Some(row) = args.expr_fields.first() else { return internal_err!("{NAME}: no row argument") };
        let [load_options, config, report_options, policies] = [1, 2, 3, 4].map(|i| literals::json(NAME, &args, i, SETTINGS[i - 1]));
        let Some(load_options) = load_options? else { return plan_err!("{NAME}: argument load_options must not be NULL") };
        let Some(config) = config? else { return plan_err!("{NAME}: argument config must not be NULL") };
        let report_options =
            ReportOptions::from_json(&report_options?.unwrap_or(Value::Null), "report_options").map_err(|e| exec_datafusion_err!("{NAME}: {e}"))?;
        if report_options.as_of.is_none() {
            return plan_err!("{NAME}: report_options must give asOf (every group's partial is computed at the same instant)");
        }
        let settings = Settings { load_options, config, report_options, policies: policies? };
        Ok(Box::new(RowsAccumulator { settings: Arc::new(settings), row_type: row.data_type().clone(), chunks: Vec::new() }))
    }
}

/// The constant arguments, read from the plan.
#[derive(Debug)]
struct Settings {
    load_options: Value,
    config: Value,
    report_options: ReportOptions,
    policies: Option<Value>,
}

/// A group's rows, as the struct arrays they came in.
#[derive(Debug)]
struct RowsAccumulator {
    settings: Arc<Settings>,
    row_type: DataType,
    chunks: Vec<ArrayRef>,
}

impl RowsAccumulator {
    /// Every buffered row in one array.
    fn rows(&self) -> Result<ArrayRef> {
        match self.chunks.as_slice() {
            [] => Ok(new_empty_array(&self.row_type)),
            [one] => Ok(Arc::clone(one)),
            many => Ok(concat(&many.iter().map(|c| c.as_ref()).collect::<Vec<_>>())?),
        }
    }

    /// The partial of `rows`.
    fn partial(&self, rows: &StructArray) -> Result<Partial, sla_scorecard::Error> {
        let s = &*self.settings;
        let load_options = LoadOptions::from_json(&s.load_options, "load_options")?;
        let dataset = load(Input::Csv(&csv_text(rows)?), &load_options)?.dataset;
        let config = Config::from_json(&s.config, "config")?;
        let policies = match &s.policies {
            Some(doc) => Some((PolicySet::from_json(doc, "policies")?, doc)),
            None => None,
        };
        Partial::from_dataset(&dataset, &config, s.config.get("calendar"), &s.report_options, policies.as_ref().map(|(set, doc)| (set, *doc)))
    }
}

/// The rows as CSV text under a header of the field names, every value as
/// text and null as an empty field, for the core's CSV loader. JSON objects
/// read ~10× slower: the CLI's report of the whole ServiceNow event log
/// (141,712 events) takes 0.23 s from its CSV and 2.6 s from the same rows
/// as a JSON array of objects; in this function's place they made a bucket's
/// evaluation ~85 % of the query's time (docs/scale.md).
fn csv_text(rows: &StructArray) -> Result<String, sla_scorecard::Error> {
    let cast_error = |e: datafusion::arrow::error::ArrowError| sla_scorecard::Error::invalid("row", format!("a field does not read as text ({e})"));
    let columns = rows.columns().iter().map(|c| cast(c, &DataType::Utf8).map_err(cast_error)).collect::<Result<Vec<_>, _>>()?;
    let texts = columns.iter().map(|c| c.as_string::<i32>()).collect::<Vec<_>>();
    let bytes: usize = texts.iter().map(|t| t.value_data().len() + t.len()).sum();
    let mut out = csv::Writer::from_writer(Vec::with_capacity(bytes + bytes / 8 + 1024));
    let write_error = |e: csv::Error| sla_scorecard::Error::compute(format!("the rows cannot be written as CSV ({e})"));
    out.write_record(rows.fields().iter().map(|f| f.name())).map_err(write_error)?;
    for r in (0..rows.len()).filter(|&r| rows.is_valid(r)) {
        out.write_record(texts.iter().map(|t| if t.is_valid(r) { t.value(r) } else { "" })).map_err(write_error)?;
    }
    let bytes = out.into_inner().map_err(|e| sla_scorecard::Error::compute(format!("the rows cannot be written as CSV ({e})")))?;
    // Every field was UTF-8 text, and the writer adds only ASCII.
    String::from_utf8(bytes).map_err(|e| sla_scorecard::Error::compute(format!("the rows are not UTF-8 ({e})")))
}

impl Accumulator for RowsAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let Some(rows) = values.first() else { return internal_err!("{NAME}: no row argument") };
        if !rows.is_empty() {
            self.chunks.push(Arc::clone(rows));
        }
        Ok(())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let Some(lists) = states.first() else { return internal_err!("{NAME}: no state") };
        let lists = as_list_array(lists)?;
        for i in (0..lists.len()).filter(|&i| lists.is_valid(i)) {
            let rows = lists.value(i);
            if !rows.is_empty() {
                self.chunks.push(rows);
            }
        }
        Ok(())
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        let rows = self.rows()?;
        self.chunks = vec![Arc::clone(&rows)];
        Ok(vec![SingleRowListArrayBuilder::new(rows).build_list_scalar()])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        let rows = self.rows()?;
        let Some(rows) = rows.as_struct_opt() else { return internal_err!("{NAME}: the rows are {}, not a struct", rows.data_type()) };
        let partial = self.partial(rows).map_err(|e| exec_datafusion_err!("{NAME}: {e}"))?;
        Ok(ScalarValue::Utf8(Some(partial.to_json())))
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self) + self.chunks.iter().map(|c| c.get_array_memory_size()).sum::<usize>()
    }
}
