//! `business_seconds` and `business_add` through SQL, on hand-computed cases.
//! Dates in March 2026: 1 March is a Sunday, so the 6th, 13th and 27th are
//! Fridays and the 9th, 23rd and 30th Mondays; Berlin moves from CET (UTC+1)
//! to CEST (UTC+2) on Sunday 29 March at 01:00Z.

mod common;

use common::{rows, BERLIN_OFFICE};
use datafusion::prelude::{SessionConfig, SessionContext};

/// `"24x7"`, the always-open calendar, as JSON text.
const ALWAYS: &str = r#""24x7""#;

/// A context with the two functions registered.
fn context() -> SessionContext {
    common::context(SessionConfig::new())
}

/// The error of `sql`, whether planning or running it fails.
async fn error(ctx: &SessionContext, sql: &str) -> String {
    match ctx.sql(sql).await {
        Err(e) => e.to_string(),
        Ok(frame) => frame.collect().await.err().map(|e| e.to_string()).unwrap_or_else(|| panic!("{sql} ran without error")),
    }
}

/// Result rows as string literals, for comparison.
fn expect(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter().map(|r| r.iter().map(|v| v.to_string()).collect()).collect()
}

#[tokio::test]
async fn friday_afternoon_to_monday_morning() {
    let ctx = context();
    // Fri 6 March 16:00 CET (15:00Z) to Mon 9 March 10:00 CET (09:00Z):
    // Friday 16:00–17:00 = 3600 s, the weekend closed, Monday 09:00–10:00 =
    // 3600 s: 7200 s. Adding 7200 s to Friday 16:00 ends at Monday 10:00.
    let sql = format!(
        "SELECT business_seconds('{BERLIN_OFFICE}', TIMESTAMP '2026-03-06T15:00:00Z', TIMESTAMP '2026-03-09T09:00:00Z'),
                business_add('{BERLIN_OFFICE}', TIMESTAMP '2026-03-06T15:00:00Z', 7200)"
    );
    assert_eq!(rows(&ctx, &sql).await, expect(&[&["7200", "2026-03-09T09:00:00Z"]]));
}

#[tokio::test]
async fn a_table_of_spans_across_the_dst_change() {
    let ctx = context();
    // Calendars from a column: two distinct texts in one batch.
    let sql = format!(
        "CREATE TABLE spans (id INT, calendar VARCHAR, opened TIMESTAMP, closed TIMESTAMP, budget BIGINT) AS VALUES
           (1, '{BERLIN_OFFICE}', '2026-03-27T15:00:00Z', '2026-03-30T08:00:00Z', 7200),
           (2, '{BERLIN_OFFICE}', '2026-03-23T08:00:00Z', '2026-03-30T07:00:00Z', 144000),
           (3, '{ALWAYS}', '2026-03-27T15:00:00Z', '2026-03-30T08:00:00Z', 7200),
           (4, '{BERLIN_OFFICE}', '2026-03-30T08:00:00Z', '2026-03-27T15:00:00Z', 0)"
    );
    ctx.sql(&sql).await.unwrap().collect().await.unwrap();
    let got = rows(&ctx, "SELECT id, business_seconds(calendar, opened, closed), business_add(calendar, opened, budget) FROM spans ORDER BY id").await;
    // 1. Fri 27 March 16:00 CET (15:00Z) to Mon 30 March 10:00 CEST
    //    (08:00Z): 3600 + 3600 = 7200 s, as on the 6th, though an hour less
    //    of clock time; Monday 10:00 CEST is 08:00Z, not 09:00Z.
    // 2. Mon 23 09:00 CET (08:00Z) to Mon 30 09:00 CEST (07:00Z): five days
    //    of 8 h = 144000 s (the week lasted 7 × 24 − 1 = 167 h); adding them
    //    back ends on Friday 27 at 17:00 CET = 16:00Z.
    // 3. 24x7 over the same span as 1: Fri 15:00Z to Mon 15:00Z is 72 h,
    //    less 7 h = 65 h = 234000 s; + 7200 s = Fri 17:00Z.
    // 4. End before start: 0 s; adding 0 s returns the start unchanged.
    assert_eq!(
        got,
        expect(&[
            &["1", "7200", "2026-03-30T08:00:00Z"],
            &["2", "144000", "2026-03-27T16:00:00Z"],
            &["3", "234000", "2026-03-27T17:00:00Z"],
            &["4", "0", "2026-03-30T08:00:00Z"],
        ])
    );
}

#[tokio::test]
async fn always_open() {
    let ctx = context();
    // Fri 6 March 15:00Z to Mon 9 March 09:00Z: 3 days less 6 h = 66 h = 237600 s.
    let sql =
        format!("SELECT business_seconds('{ALWAYS}', '2026-03-06T15:00:00Z', '2026-03-09T09:00:00Z'), business_add('{ALWAYS}', '2026-03-06T15:00:00Z', 7200)");
    assert_eq!(rows(&ctx, &sql).await, expect(&[&["237600", "2026-03-06T17:00:00Z"]]));
}

#[tokio::test]
async fn fractions_of_a_second_go_towards_the_past() {
    let ctx = context();
    // 1969-12-31T23:59:59.5Z is second −1 (rounded down, not towards zero),
    // so one second to the epoch, in nanoseconds (SQL's TIMESTAMP) as in
    // milliseconds and microseconds; 15:00:00.999Z is 15:00:00Z.
    let sql = format!(
        "SELECT business_seconds('{ALWAYS}', TIMESTAMP '1969-12-31T23:59:59.5Z', TIMESTAMP '1970-01-01T00:00:00Z'),
                business_seconds('{ALWAYS}', arrow_cast('1969-12-31T23:59:59.5Z', 'Timestamp(Millisecond, None)'), TIMESTAMP '1970-01-01T00:00:00Z'),
                business_seconds('{ALWAYS}', arrow_cast('1969-12-31T23:59:59.5Z', 'Timestamp(Microsecond, Some(\"+01:00\"))'), TIMESTAMP '1970-01-01T00:00:00Z'),
                business_add('{ALWAYS}', TIMESTAMP '2026-03-06T15:00:00.999Z', 1)"
    );
    assert_eq!(rows(&ctx, &sql).await, expect(&[&["1", "1", "1", "2026-03-06T15:00:01Z"]]));
}

#[tokio::test]
async fn nulls_give_nulls() {
    let ctx = context();
    let sql = format!(
        "CREATE TABLE gaps (id INT, calendar VARCHAR, opened TIMESTAMP, closed TIMESTAMP, budget BIGINT) AS VALUES
           (1, NULL, '2026-03-06T15:00:00Z', '2026-03-09T09:00:00Z', 7200),
           (2, '{BERLIN_OFFICE}', NULL, '2026-03-09T09:00:00Z', 7200),
           (3, '{BERLIN_OFFICE}', '2026-03-06T15:00:00Z', NULL, NULL),
           (4, '{BERLIN_OFFICE}', '2026-03-06T15:00:00Z', '2026-03-09T09:00:00Z', 3600),
           (5, 'never read: its row has no instants', NULL, NULL, NULL)"
    );
    ctx.sql(&sql).await.unwrap().collect().await.unwrap();
    let got = rows(&ctx, "SELECT id, business_seconds(calendar, opened, closed), business_add(calendar, opened, budget) FROM gaps ORDER BY id").await;
    // Row 4: Fri 16:00 CET to Mon 10:00 CET = 7200 s, as above; 3600 s from
    // Fri 16:00 CET end at 17:00 CET = 16:00Z. Row 5: a calendar is read
    // only for a row whose other arguments are not null.
    assert_eq!(
        got,
        expect(&[&["1", "NULL", "NULL"], &["2", "NULL", "NULL"], &["3", "NULL", "NULL"], &["4", "7200", "2026-03-06T16:00:00Z"], &["5", "NULL", "NULL"],])
    );
    let literals = format!("SELECT business_seconds(NULL, '2026-03-06T15:00:00Z', NULL), business_add('{ALWAYS}', '2026-03-06T15:00:00Z', NULL)");
    assert_eq!(rows(&ctx, &literals).await, expect(&[&["NULL", "NULL"]]));
}

#[tokio::test]
async fn a_bad_calendar_is_an_error_naming_the_function_and_the_argument() {
    let ctx = context();
    let bad_window = r#"{"timezone": "Europe/Berlin", "week": {"mon": [["09:00", "25:00"]]}}"#;
    let e = error(&ctx, &format!("SELECT business_seconds('{bad_window}', '2026-03-06T15:00:00Z', '2026-03-09T09:00:00Z')")).await;
    assert!(e.contains("business_seconds: calendar_json.week.mon[0]"), "{e}");
    assert!(e.contains("25:00"), "{e}");

    let e = error(&ctx, "SELECT business_add('office hours', '2026-03-06T15:00:00Z', 60)").await;
    assert!(e.contains("business_add: calendar_json: is not JSON"), "{e}");

    let e = error(&ctx, r#"SELECT business_add('{"timezone": "Mars/Olympus", "week": {}}', '2026-03-06T15:00:00Z', 60)"#).await;
    assert!(e.contains("business_add: calendar_json.timezone") && e.contains("Mars/Olympus"), "{e}");
}

#[tokio::test]
async fn adding_what_cannot_be_reached_is_an_error() {
    let ctx = context();
    let e = error(&ctx, &format!("SELECT business_add('{BERLIN_OFFICE}', '2026-03-06T15:00:00Z', -1)")).await;
    assert!(e.contains("business_add: arguments start 2026-03-06T15:00:00Z and seconds -1: seconds: -1 is negative"), "{e}");

    let never_open = r#"{"timezone": "UTC", "week": {}}"#;
    let e = error(&ctx, &format!("SELECT business_add('{never_open}', '2026-03-06T15:00:00Z', 60)")).await;
    assert!(e.contains("business_add: arguments start 2026-03-06T15:00:00Z and seconds 60: ") && e.contains("not reached before 2200"), "{e}");
}

#[tokio::test]
async fn instants_outside_the_core_range_and_wrong_types_are_errors() {
    let ctx = context();
    let e = error(&ctx, &format!("SELECT business_seconds('{ALWAYS}', '2026-03-06T15:00:00Z', '2200-01-01T00:00:00Z')")).await;
    // 2200-01-01 is 7258118400 s after the epoch (the core's MAX_INSTANT).
    assert!(e.contains("business_seconds: argument end: 7258118400 s after 1970-01-01T00:00:00Z is outside the supported range"), "{e}");

    let e = error(&ctx, "SELECT business_seconds(1, '2026-03-06T15:00:00Z', '2026-03-09T09:00:00Z')").await;
    assert!(e.contains("business_seconds: argument calendar_json must be text"), "{e}");
    let e = error(&ctx, &format!("SELECT business_add('{ALWAYS}', '2026-03-06T15:00:00Z', 1.5)")).await;
    assert!(e.contains("business_add: argument seconds must be an integer"), "{e}");
}
