//! The scorecard of an event table: the SQL that makes one partial report
//! of it with [`SlaPartial`](crate::SlaPartial) and
//! [`PartialMerge`](crate::PartialMerge), and the report made from it.

use datafusion::common::cast::as_string_array;
use datafusion::common::{exec_datafusion_err, exec_err, Result};
use datafusion::prelude::SessionContext;
use serde_json::Value;
use sla_scorecard::report::partial::{from_partial, Partial};
use sla_scorecard::report::{Report, ReportOptions};
use sla_scorecard::scorecard::Config;

/// The constant arguments of `sla_partial`, as JSON.
#[derive(Debug, Clone, Copy)]
pub struct Settings<'a> {
    /// The core's load options (`{"preset": "servicenow-event-log"}`).
    pub load_options: &'a Value,
    /// The scorecard configuration.
    pub config: &'a Value,
    /// The report options; they must give `asOf`.
    pub report_options: &'a Value,
    /// The SLA policy document, if any.
    pub policies: Option<&'a Value>,
}

/// How the events are grouped before `sla_partial`: every event of a ticket
/// must land in the same group.
#[derive(Debug, Clone, Copy)]
pub enum Grouping<'a> {
    /// One group per ticket: `GROUP BY id`, the column named.
    Ticket(&'a str),
    /// `n` groups: `GROUP BY ticket_bucket(id, n)`. Fewer, larger groups
    /// load faster; each holds its rows until the group is complete.
    Buckets(&'a str, u32),
}

/// The query giving one partial report (one row, one column `partial`) of
/// table `table`, whose `columns` all go into `sla_partial`'s row.
pub fn sql(table: &str, columns: &[String], grouping: Grouping<'_>, settings: Settings<'_>) -> String {
    let row = columns.iter().map(|c| format!("{}, {}", text(c), ident(c))).collect::<Vec<_>>().join(", ");
    let json = |v: Option<&Value>| v.map_or("NULL".to_string(), |v| text(&v.to_string()));
    let group = match grouping {
        Grouping::Ticket(id) => ident(id),
        Grouping::Buckets(id, n) => format!("ticket_bucket({}, {n})", ident(id)),
    };
    format!(
        "SELECT partial_merge(p) AS partial FROM (SELECT sla_partial(named_struct({row}), {}, {}, {}, {}) AS p FROM {} GROUP BY {group})",
        json(Some(settings.load_options)),
        json(Some(settings.config)),
        json(Some(settings.report_options)),
        json(settings.policies),
        ident(table),
    )
}

/// The merged partial report of table `table` (every column of it an event
/// field), made with [`sql`]: to report with [`from_partial`], or to merge
/// with the partials of other tables, machines or runs (`Partial::merge`,
/// `sla-scorecard merge`) when each ticket's events are all in one of them.
pub async fn partial(ctx: &SessionContext, table: &str, grouping: Grouping<'_>, settings: Settings<'_>) -> Result<Partial> {
    let columns = ctx.table(table).await?.schema().fields().iter().map(|f| f.name().clone()).collect::<Vec<_>>();
    let batches = ctx.sql(&sql(table, &columns, grouping, settings)).await?.collect().await?;
    let Some(text) = batches.iter().find(|b| b.num_rows() > 0).map(|b| as_string_array(b.column(0))).transpose()?.and_then(|t| t.iter().next().flatten())
    else {
        return exec_err!("table {table} has no events");
    };
    Partial::from_json(text).map_err(|e| exec_datafusion_err!("{e}"))
}

/// The report of table `table` (every column of it an event field), made
/// with [`partial`] and [`from_partial`]; serialised, it is the core's report
/// of the same rows loaded whole.
pub async fn report(ctx: &SessionContext, table: &str, grouping: Grouping<'_>, settings: Settings<'_>) -> Result<Report> {
    let partial = partial(ctx, table, grouping, settings).await?;
    let core = |e: sla_scorecard::Error| exec_datafusion_err!("{e}");
    let config = Config::from_json(settings.config, "config").map_err(core)?;
    let options = ReportOptions::from_json(settings.report_options, "report_options").map_err(core)?;
    from_partial(&partial, &config, settings.config.get("calendar"), &options).map_err(core)
}

/// `s` as an SQL string literal.
fn text(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// `s` as an SQL identifier, case and all.
fn ident(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}
