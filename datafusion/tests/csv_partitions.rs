//! The functions over a folder of CSV files read in four partitions: each
//! partition evaluates them on its own batches.

mod common;

use common::{context, rows, BERLIN_OFFICE};
use datafusion::arrow::datatypes::{DataType, Field, Schema, TimeUnit};
use datafusion::prelude::{CsvReadOptions, SessionConfig};

/// Eight tickets in four files. Berlin is on CET (UTC+1) throughout; 2 March
/// 2026 is a Monday.
const FILES: [&str; 4] = [
    "INC1,2026-03-06T15:00:00Z,2026-03-09T09:00:00Z\nINC2,2026-03-09T07:00:00Z,2026-03-09T10:00:00Z\n",
    "INC3,2026-03-10T08:00:00Z,2026-03-11T16:00:00Z\nINC4,2026-03-07T10:00:00Z,2026-03-08T10:00:00Z\n",
    "INC5,2026-03-11T12:00:00Z,2026-03-11T12:30:00Z\nINC6,2026-03-12T15:30:00Z,2026-03-13T08:30:00Z\n",
    "INC7,2026-03-13T15:00:00Z,\nINC8,2026-03-02T08:00:00Z,2026-03-09T08:00:00Z\n",
];

#[tokio::test]
async fn four_partitions_over_four_files() {
    let dir = tempfile::tempdir().unwrap();
    for (i, body) in FILES.iter().enumerate() {
        std::fs::write(dir.path().join(format!("part-{i}.csv")), format!("number,opened,resolved\n{body}")).unwrap();
    }
    let ctx = context(SessionConfig::new().with_target_partitions(4));
    let instant = DataType::Timestamp(TimeUnit::Second, None);
    let schema =
        Schema::new(vec![Field::new("number", DataType::Utf8, false), Field::new("opened", instant.clone(), false), Field::new("resolved", instant, true)]);
    let path = format!("{}/", dir.path().display());
    ctx.register_csv("tickets", &path, CsvReadOptions::new().schema(&schema)).await.unwrap();

    let select = format!(
        "SELECT number, business_seconds('{BERLIN_OFFICE}', opened, resolved), business_add('{BERLIN_OFFICE}', opened, 3600) FROM tickets ORDER BY number"
    );
    let plan = rows(&ctx, &format!("EXPLAIN {select}")).await.concat().join("\n");
    assert!(plan.contains("file_groups={4 groups"), "{plan}");

    // Local times are CET (UTC+1); the office is open [09:00, 17:00) on weekdays.
    // INC1 Fri 16:00 → Mon 10:00: 1 h Friday + 1 h Monday = 7200; +1 h from Fri 16:00 = 17:00 = 16:00Z.
    // INC2 Mon 08:00 → 11:00: 09:00–11:00 = 7200; +1 h: opens 09:00, 10:00 = 09:00Z.
    // INC3 Tue 09:00 → Wed 17:00: 2 × 8 h = 57600; +1 h = Tue 10:00 = 09:00Z.
    // INC4 Sat 11:00 → Sun 11:00: 0; +1 h: Mon 09 09:00 + 1 h = 10:00 = 09:00Z.
    // INC5 Wed 13:00 → 13:30: 1800; +1 h = 14:00 = 13:00Z.
    // INC6 Thu 16:30 → Fri 09:30: 30 + 30 min = 3600; +1 h: 30 min Thu, 30 min Fri → Fri 09:30 = 08:30Z.
    // INC7 no resolution: NULL; Fri 16:00 + 1 h = 17:00 = 16:00Z.
    // INC8 Mon 2 09:00 → Mon 9 09:00: 5 × 8 h = 144000; +1 h = Mon 2 10:00 = 09:00Z.
    let expected = [
        ["INC1", "7200", "2026-03-06T16:00:00Z"],
        ["INC2", "7200", "2026-03-09T09:00:00Z"],
        ["INC3", "57600", "2026-03-10T09:00:00Z"],
        ["INC4", "0", "2026-03-09T09:00:00Z"],
        ["INC5", "1800", "2026-03-11T13:00:00Z"],
        ["INC6", "3600", "2026-03-13T08:30:00Z"],
        ["INC7", "NULL", "2026-03-13T16:00:00Z"],
        ["INC8", "144000", "2026-03-02T09:00:00Z"],
    ];
    assert_eq!(rows(&ctx, &select).await, expected.map(|r| r.map(String::from).to_vec()).to_vec());

    // 7200 + 7200 + 57600 + 0 + 1800 + 3600 + 144000 = 221400 (INC7's NULL left out).
    let total = format!("SELECT sum(business_seconds('{BERLIN_OFFICE}', opened, resolved)) FROM tickets");
    assert_eq!(rows(&ctx, &total).await, vec![vec!["221400".to_string()]]);
}
