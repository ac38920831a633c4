//! `ticket_bucket`'s fixed hash, and the errors of `sla_partial` and
//! `partial_merge`: DataFusion errors that name the function and carry the
//! core's message.

use datafusion::arrow::util::pretty::pretty_format_batches;
use datafusion::prelude::SessionContext;
use sla_scorecard::scorecard::DEFAULT_SCORECARD;

fn context() -> SessionContext {
    let ctx = SessionContext::new();
    sla_scorecard_datafusion::register(&ctx);
    ctx
}

/// The result of `sql` as a table, or the error's text.
async fn run(ctx: &SessionContext, sql: &str) -> Result<String, String> {
    let batches = ctx.sql(sql).await.map_err(|e| e.to_string())?.collect().await.map_err(|e| e.to_string())?;
    Ok(pretty_format_batches(&batches).map_err(|e| e.to_string())?.to_string())
}

/// Two events of one ticket, opened 2016-03-01 09:00 and resolved at 11:00.
const EVENTS: &str = "(VALUES ('INC1', 'New', '1/3/2016 09:00', '0', '1/3/2016 09:00', '3 - Moderate'),
                             ('INC1', 'Resolved', '1/3/2016 11:00', '1', '1/3/2016 09:00', '3 - Moderate'))
                      AS t(number, incident_state, sys_updated_at, sys_mod_count, opened_at, priority)";

/// `sla_partial` of the two events at `as_of` (report options JSON).
fn partial(report_options: &str) -> String {
    format!(
        "SELECT sla_partial(named_struct('number', number, 'incident_state', incident_state, 'sys_updated_at', sys_updated_at,
                                         'sys_mod_count', sys_mod_count, 'opened_at', opened_at, 'priority', priority),
                            '{{\"preset\": \"servicenow-event-log\"}}', '{}', '{report_options}', NULL) AS p FROM {EVENTS}",
        DEFAULT_SCORECARD.replace('\'', "''")
    )
}

#[tokio::test]
async fn ticket_bucket_is_fnv1a_modulo_n() {
    // 64-bit FNV-1a, computed independently (Python): "INC0000045" →
    // 14786983662887569634, "INC0000047" → 14786981463864313212, "" → the
    // offset basis 14695981039346656037.
    let got = run(
        &context(),
        "SELECT ticket_bucket('INC0000045', 64) AS a, ticket_bucket('INC0000047', 64) AS b, ticket_bucket('INC0000045', 7) AS c,
                ticket_bucket('', 64) AS d, ticket_bucket(NULL, 64) AS e",
    )
    .await
    .unwrap();
    assert!(got.contains("| 34 | 60 | 4 | 37 |   |"), "{got}");
    let err = run(&context(), "SELECT ticket_bucket('INC1', 0)").await.unwrap_err();
    assert!(err.contains("ticket_bucket: n must be at least 1, not 0"), "{err}");
}

#[tokio::test]
async fn a_partial_merges_with_itself_and_not_with_another_as_of() {
    let ctx = context();
    let april = partial(r#"{"asOf": "2016-04-01T00:00:00Z"}"#);
    let may = partial(r#"{"asOf": "2016-05-01T00:00:00Z"}"#);
    let same = run(&ctx, &format!("SELECT partial_merge(p) IS NOT NULL AS ok FROM ({april} UNION ALL {april})")).await.unwrap();
    assert!(same.contains("| true |"), "{same}");
    let err = run(&ctx, &format!("SELECT partial_merge(p) FROM ({april} UNION ALL {may})")).await.unwrap_err();
    assert!(err.contains("partial_merge: key.asOf"), "{err}");
}

#[tokio::test]
async fn bad_arguments_are_errors_naming_the_function() {
    let ctx = context();
    let err = run(&ctx, "SELECT partial_merge('{\"format\": 1}')").await.unwrap_err();
    assert!(err.contains("partial_merge: format: 1 is not a partial report"), "{err}");
    let err = run(&ctx, "SELECT partial_merge('not json')").await.unwrap_err();
    assert!(err.contains("partial_merge: partial: not JSON"), "{err}");
    let err = run(&ctx, &partial("{}")).await.unwrap_err();
    assert!(err.contains("sla_partial: report_options must give asOf"), "{err}");
    let err = run(&ctx, &partial("{\"asOf\": \"2016-04-01T00:00:00Z\", \"period\": \"fortnight\"}")).await.unwrap_err();
    assert!(err.contains("sla_partial: report_options.period"), "{err}");
    let err = run(&ctx, &format!("SELECT sla_partial(number, '{{}}', '{{}}', '{{}}', NULL) FROM {EVENTS}")).await.unwrap_err();
    assert!(err.contains("sla_partial: argument row must be a struct"), "{err}");
    let err = run(&ctx, &format!("SELECT sla_partial(named_struct('number', number), number, '{{}}', '{{}}', NULL) FROM {EVENTS}")).await.unwrap_err();
    assert!(err.contains("sla_partial: argument load_options must be a constant"), "{err}");
    let err = run(&ctx, &format!("SELECT sla_partial(named_struct('number', number), '{{\"preset\": \"nope\"}}', '{{}}', '{{\"asOf\": \"2016-04-01T00:00:00Z\"}}', NULL) FROM {EVENTS}")).await.unwrap_err();
    assert!(err.contains("sla_partial: load_options.preset"), "{err}");
}
