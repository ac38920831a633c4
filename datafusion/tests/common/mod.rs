//! What the SQL tests share: the office calendar, and query results as text.

use datafusion::arrow::array::Array;
use datafusion::arrow::util::display::array_value_to_string;
use datafusion::prelude::{SessionConfig, SessionContext};

/// Monday to Friday 09:00–17:00 in Berlin (CET, UTC+1, until 2026-03-29
/// 01:00Z; CEST, UTC+2, after), as the `calendar_json` SQL literal's text.
pub const BERLIN_OFFICE: &str = r#"{"timezone": "Europe/Berlin", "week": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]], "wed": [["09:00", "17:00"]], "thu": [["09:00", "17:00"]], "fri": [["09:00", "17:00"]]}}"#;

/// A context of `config` with the two functions registered.
pub fn context(config: SessionConfig) -> SessionContext {
    let ctx = SessionContext::new_with_config(config);
    sla_scorecard_datafusion::register(&ctx);
    ctx
}

/// The rows of `sql`'s result, each value as Arrow displays it (`NULL` for
/// null; timestamps in UTC as `2026-03-09T09:00:00Z`).
pub async fn rows(ctx: &SessionContext, sql: &str) -> Vec<Vec<String>> {
    let batches = ctx.sql(sql).await.unwrap().collect().await.unwrap();
    let mut rows = Vec::new();
    for batch in &batches {
        for r in 0..batch.num_rows() {
            rows.push(batch.columns().iter().map(|c| if c.is_null(r) { "NULL".to_string() } else { array_value_to_string(c, r).unwrap() }).collect());
        }
    }
    rows
}
