//! # sla-scorecard-datafusion
//!
//! The sla-scorecard business calendar as SQL functions for
//! [Apache DataFusion](https://datafusion.apache.org/), to compute SLA
//! figures over folders of CSV or Parquet exports.
//!
//! - `business_seconds(calendar_json, start, end)`: the working seconds
//!   between two instants ([`BusinessSeconds`]);
//! - `business_add(calendar_json, start, seconds)`: the instant at which that
//!   many working seconds have elapsed ([`BusinessAdd`]).
//!
//! Partial scorecards, merged in SQL (the core's
//! [`sla_scorecard::report::partial`]):
//!
//! - `sla_partial(named_struct(…), load_options, config, report_options,
//!   policies)`: the partial report of a group of event rows
//!   ([`SlaPartial`]);
//! - `partial_merge(partial)`: partials merged into one ([`PartialMerge`]);
//! - `ticket_bucket(id, n)`: a fixed hash of a ticket id into `0..n`, to
//!   group events by bucket of tickets ([`TicketBucket`]).
//!
//! [`scorecard`] writes that query for a table and makes the report from
//! its result: byte for byte the core's report of the same rows.
//!
//! `calendar_json` is a calendar specification as JSON text, read by
//! [`sla_scorecard::calendar::Calendar::from_json`]: `'"24x7"'` (the JSON
//! string) or an object such as
//! `'{"timezone": "Europe/Berlin", "week": {"mon": [["09:00", "17:00"]]}}'`
//! (the syntax is in the core's `docs/calendar.md`). Instants are whole
//! seconds: a fraction of a second is dropped towards the past. A timestamp
//! without a zone is read as UTC, as Arrow stores it.
//!
//! ```no_run
//! use datafusion::error::Result;
//! use datafusion::prelude::{CsvReadOptions, SessionContext};
//!
//! # async fn run() -> Result<()> {
//! let ctx = SessionContext::new();
//! sla_scorecard_datafusion::register(&ctx);
//! ctx.register_csv("incidents", "exports/", CsvReadOptions::new()).await?;
//! let office = r#"{"timezone": "Europe/Berlin", "week": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]],
//!     "wed": [["09:00", "17:00"]], "thu": [["09:00", "17:00"]], "fri": [["09:00", "17:00"]]}}"#;
//! let sql = format!(
//!     "SELECT number, business_seconds('{office}', opened_at, resolved_at) / 3600.0 AS business_hours,
//!             business_add('{office}', opened_at, 8 * 3600) AS due
//!      FROM incidents"
//! );
//! ctx.sql(&sql).await?.show().await?;
//! # Ok(())
//! # }
//! ```
//!
//! A calendar is compiled once per distinct `calendar_json` text in each
//! record batch. Null arguments give a null result; a calendar that does not
//! read, an instant outside 1900–2199 or a sum of working time that cannot be
//! reached fails the query with an error that names the function.

// Never panic on input, as in the core: no `unwrap()` or `expect()`.
#![deny(clippy::unwrap_used, clippy::expect_used)]
#![deny(missing_docs)]

mod business_add;
mod business_seconds;
mod calendars;
mod columnar;
mod instants;
mod literals;
mod partial_merge;
pub mod scorecard;
mod sla_partial;
mod ticket_bucket;

pub use business_add::BusinessAdd;
pub use business_seconds::BusinessSeconds;
pub use partial_merge::PartialMerge;
pub use sla_partial::SlaPartial;
pub use ticket_bucket::TicketBucket;

use datafusion::logical_expr::{AggregateUDF, ScalarUDF};
use datafusion::prelude::SessionContext;

/// Registers `business_seconds`, `business_add`, `ticket_bucket`,
/// `sla_partial` and `partial_merge` in `ctx`, replacing any functions of
/// the same names.
pub fn register(ctx: &SessionContext) {
    ctx.register_udf(ScalarUDF::from(BusinessSeconds::new()));
    ctx.register_udf(ScalarUDF::from(BusinessAdd::new()));
    ctx.register_udf(ScalarUDF::from(TicketBucket::new()));
    ctx.register_udaf(AggregateUDF::from(SlaPartial::new()));
    ctx.register_udaf(AggregateUDF::from(PartialMerge::new()));
}
