//! Compliance reports over a small hand-worked data set.
//!
//! Policy "res": resolution, 8 h on the office calendar (Mon–Fri 09–17 UTC).
//! Evaluated Thu 2026-04-02 16:00.
//! - INC0, P1: opened Mon 03-02 09:00, resolved 17:00 → 8 h, due 17:00 → met (March).
//! - INC1, P1: opened Mon 03-02 09:00, resolved 18:00 → due 17:00 → breached, 1 h late (March).
//! - INC2, P3: opened Tue 03-31 09:00, resolved Wed 04-01 10:00 → 8 h Tue + 1 h Wed = 9 h;
//!   due Tue 17:00 (09:00 + 8 h) → breached, late Wed 10:00 − Tue 17:00 = 17 h of wall
//!   clock (1 h of working time over target); stopped in April, opened in March.
//! - INC3, P3: opened Thu 04-02 09:00, open at 16:00 → 7 h = 87.5 % ≥ 75 % → at risk
//!   (attributed to April, the evaluation instant's month).

mod sla_common;

use serde_json::json;
use sla_common::*;
use sla_scorecard::sla::evaluate;
use sla_scorecard::sla::report::{self, Attribution, Period, ReportOptions};

fn setup() -> (sla_scorecard::ingest::model::Dataset, sla_scorecard::sla::PolicySet, sla_scorecard::sla::Evaluation) {
    let set = policies(json!([{"name": "res", "metric": "resolution", "target": "8h", "calendar": "office"}]));
    let data = dataset(&[
        Spec { priority: "1", resolved: Some(mon(0, "17:00")), ..spec(mon(0, "09:00")) },
        Spec { priority: "1", resolved: Some(mon(0, "18:00")), ..spec(mon(0, "09:00")) },
        Spec { priority: "3", resolved: Some(mon(30, "10:00")), ..spec(mon(29, "09:00")) },
        Spec { priority: "3", ..spec(mon(31, "09:00")) },
    ]);
    let e = evaluate(&data, &set, mon(31, "16:00"));
    (data, set, e)
}

fn counts(r: &report::ComplianceRow) -> (&str, Option<&str>, u64, u64, u64, u64, Option<f64>) {
    (r.period.as_str(), r.value.as_deref(), r.met, r.breached, r.in_progress, r.at_risk, r.compliance)
}

#[test]
fn monthly_by_stop_and_by_open() {
    let (data, set, e) = setup();
    let by_stop = report::compliance(&data, &set, &e, &ReportOptions::default()).unwrap();
    // March: met 1, breached 1 → 1 / 2 = 50 %. April: breached 1, at risk 1 → 0 / 1 = 0 %.
    assert_eq!(by_stop.iter().map(counts).collect::<Vec<_>>(), vec![("2026-03", None, 1, 1, 0, 0, Some(50.0)), ("2026-04", None, 0, 1, 0, 1, Some(0.0))]);
    let opts = ReportOptions { by: Attribution::Open, ..ReportOptions::default() };
    let by_open = report::compliance(&data, &set, &e, &opts).unwrap();
    // By open date: March holds INC0–2 (met 1, breached 2 → 33.3 %), April only the open INC3 (no verdict).
    let rows: Vec<_> = by_open.iter().map(counts).collect();
    assert_eq!(rows[1], ("2026-04", None, 0, 0, 0, 1, None));
    assert_eq!((rows[0].2, rows[0].3), (1, 2));
    assert!((rows[0].6.unwrap() - 100.0 / 3.0).abs() < 1e-9);
}

#[test]
fn per_priority_overall_and_weekly() {
    let (data, set, e) = setup();
    let opts = ReportOptions { period: Period::All, dimension: Some("priority".into()), ..ReportOptions::default() };
    let rows = report::compliance(&data, &set, &e, &opts).unwrap();
    // P1: met 1, breached 1 → 50 %. P3: breached 1, at risk 1 → 0 %.
    assert_eq!(rows.iter().map(counts).collect::<Vec<_>>(), vec![("all", Some("1"), 1, 1, 0, 0, Some(50.0)), ("all", Some("3"), 0, 1, 0, 1, Some(0.0))]);
    // ISO weeks: Mar 2 is in 2026-W10; Apr 1 and 2 in 2026-W14 (Mon Mar 30 + 2 days).
    let weekly = report::compliance(&data, &set, &e, &ReportOptions { period: Period::Week, ..ReportOptions::default() }).unwrap();
    assert_eq!(weekly.iter().map(|r| r.period.as_str()).collect::<Vec<_>>(), vec!["2026-W10", "2026-W14"]);
    let err = report::compliance(&data, &set, &e, &ReportOptions { dimension: Some("service".into()), ..ReportOptions::default() }).unwrap_err();
    assert_eq!(err.to_string(), "dimension: \"service\" is not a dimension of the data (it has: priority)");
}

#[test]
fn breach_list_json_and_csv() {
    let (data, set, e) = setup();
    let b = report::breaches(&data, &set, &e);
    // Latest first: INC2 17 h (61,200 s), INC1 1 h.
    assert_eq!(b.iter().map(|r| (r.ticket.as_str(), r.late_seconds, r.late.as_str())).collect::<Vec<_>>(), vec![("INC2", 61_200, "17h"), ("INC1", 3600, "1h")]);
    // INC2 counted 9 h against 8 h: 1 h over target.
    assert_eq!((b[0].breach.as_str(), b[0].over_target_seconds), ("2026-03-31T17:00:00Z", 3600));

    let r = report::build(&data, &set, &e, &ReportOptions::default()).unwrap();
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["asOf"], "2026-04-02T16:00:00Z");
    assert_eq!(v["ticketsEvaluated"], 4);
    assert_eq!(v["totals"][0]["met"], 1);
    assert_eq!(v["totals"][0]["breached"], 2);
    assert_eq!(v["outcomes"][3]["state"], "at_risk");
    assert_eq!(v["outcomes"][3]["percent"], 87.5);
    assert_eq!(v["outcomes"][1]["timeline"][0]["kind"], "running");
    assert_eq!(v["outcomes"][1]["timeline"][1]["kind"], "outside_hours");

    let csv = report::compliance_csv(&r.compliance);
    assert_eq!(
        csv,
        "policy,period,value,met,breached,in_progress,at_risk,paused,not_applicable,compliance_percent\n\
         res,2026-03,,1,1,0,0,0,0,50.00\n\
         res,2026-04,,0,1,0,1,0,0,0.00\n"
    );
    let out = report::outcomes_csv(&r.outcomes);
    assert_eq!(
        out.lines().nth(2),
        Some("INC1,res,breached,2026-03-02T09:00:00Z,2026-03-02T17:00:00Z,2026-03-02T18:00:00Z,2026-03-02T17:00:00Z,28800,28800,100.00,3600,0")
    );
}

#[test]
fn hostile_ticket_ids_are_neutralised_in_csv() {
    let set = policies(json!([{"name": "=cmd", "metric": "resolution", "target": "8h"}]));
    let mut data = dataset(&[spec(mon(0, "09:00"))]);
    data.tickets[0].id = "=HYPERLINK(\"http://x\")".into();
    let e = evaluate(&data, &set, mon(0, "10:00"));
    let r = report::build(&data, &set, &e, &ReportOptions::default()).unwrap();
    let csv = report::outcomes_csv(&r.outcomes);
    assert!(csv.lines().nth(1).unwrap().starts_with("\"'=HYPERLINK(\"\"http://x\"\")\",'=cmd,in_progress"), "{csv}");
}
