//! The `sla-scorecard report` command on a small hand-worked file.
//!
//! Data (UTC, 24x7 policy "P1" with a 4 h resolution target):
//! A: opened 2026-03-02 09:00, resolved 12:00 → 3 h, met.
//! B: opened 2026-03-02 09:00, resolved 15:00 → 6 h, breached (due 13:00).
//! C: opened 2026-04-01 09:00, still open at 2026-04-02 00:00 → breached at 13:00.

use serde_json::Value;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sla-scorecard"))
}

fn files(name: &str) -> (String, String, String) {
    let dir = std::env::temp_dir().join(format!("report-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let w = |f: &str, text: &str| {
        let p = dir.join(f);
        std::fs::write(&p, text).unwrap();
        p.to_string_lossy().into_owned()
    };
    (
        w("d.csv", "id,opened,resolved,prio\nA,2026-03-02T09:00:00Z,2026-03-02T12:00:00Z,1\nB,2026-03-02T09:00:00Z,2026-03-02T15:00:00Z,1\nC,2026-04-01T09:00:00Z,,1\n"),
        w("m.json", r#"{"id": "id", "opened": "opened", "resolved": "resolved", "dimensions": {"priority": "prio"}}"#),
        w("p.json", r#"{"policies": [{"name": "P1", "when": {"priority": "1"}, "metric": "resolution", "target": "4h"}]}"#),
    )
}

fn kpi<'a>(report: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    report["kpis"].as_array().unwrap().iter().find(|k| k["kpi"] == id).unwrap()
}

#[test]
fn report_document_with_kpis_and_sla_compliance() {
    let (d, m, p) = files("doc");
    let out = bin().args(["report", "--data", &d, "--mapping", &m, "--policies", &p, "--as-of", "2026-04-02T00:00:00Z", "--at", "2026-03"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["asOf"], "2026-04-02T00:00:00Z");
    assert_eq!(r["scorecard"]["period"], "2026-03");
    // Volume: 2 opened in March, 1 in April.
    assert_eq!(kpi(&r, "volume")["all"][0]["value"], 2.0);
    assert_eq!(kpi(&r, "volume")["all"][1]["value"], 1.0);
    // MTTR (hours) in March: (3 + 6) / 2 = 4.5; April resolves nothing → null, not 0.
    assert_eq!(kpi(&r, "mttr")["all"][0]["value"], 4.5);
    assert!(kpi(&r, "mttr")["all"][1]["value"].is_null());
    // SLA compliance: March 1 met of 2 → 50 %; April 0 of 1 → 0 %.
    assert_eq!(r["slaCompliance"][0]["compliance"], 50.0);
    assert_eq!(r["slaCompliance"][1]["compliance"], 0.0);
    // Backlog at the end of April (as of 2026-04-02): C is open.
    assert_eq!(kpi(&r, "backlog")["all"][1]["value"], 1.0);
}

#[test]
fn what_if_period_and_usage_errors() {
    let (d, m, _) = files("errors");
    let out = bin().args(["report", "--data", &d, "--mapping", &m, "--as-of", "2026-04-02T00:00:00Z", "--period", "quarter"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Q1 holds A and B, Q2 holds C.
    assert_eq!(r["granularity"], "quarter");
    assert_eq!(kpi(&r, "volume")["all"][0]["value"], 2.0);
    let out = bin().args(["report", "--data", &d, "--mapping", &m, "--period", "year"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "error: --period: \"year\" is not one of: day, week, month, quarter, all\n");
    let out = bin().args(["report", "--data", &d]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = bin().args(["report", "--data", "/nonexistent.csv", "--preset", "jira"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
}

/// An event log written for the `--load` tests, one row per update:
/// A: New at 09:00, Resolved at 12:00 (2026-03-02) → resolved in 3 h.
/// B: New at 09:00, Resolved at 15:00 → resolved in 6 h.
/// C: one row whose `updated` is not a timestamp → refused in lenient mode.
/// Lenient event-log load: rows read 5, loaded 4, rejected 1; tickets A, B;
/// March volume 2, MTTR (3 + 6) / 2 = 4.5 h.
const EVENTS: &str = "id,status,updated,resolved,prio\n\
    A,New,2026-03-02T09:00:00Z,,1\n\
    A,Resolved,2026-03-02T12:00:00Z,2026-03-02T12:00:00Z,1\n\
    B,New,2026-03-02T09:00:00Z,,1\n\
    B,Resolved,2026-03-02T15:00:00Z,2026-03-02T15:00:00Z,1\n\
    C,New,not a time,,1\n";

fn write(name: &str, file: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("report-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(file);
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().into_owned()
}

fn report(args: &[&str]) -> (Option<i32>, serde_json::Value, String) {
    let out = bin().arg("report").args(args).output().unwrap();
    let doc = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out.status.code(), doc, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn load_document_event_log_and_lenient() {
    let d = write("load", "events.csv", EVENTS);
    // The whole document: event log, lenient, mapping (opened is each
    // ticket's first update).
    let full = write(
        "load",
        "full.json",
        r#"{"eventLog": true, "mode": "lenient", "mapping": {"id": "id", "opened": "updated", "updated": "updated", "status": "status", "resolved": "resolved", "dimensions": {"priority": "prio"}}}"#,
    );
    let (code, r, err) = report(&["--data", &d, "--load", &full]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(kpi(&r, "volume")["all"][0]["value"], 2.0);
    assert_eq!(kpi(&r, "mttr")["all"][0]["value"], 4.5);
    // The load summary on standard error: 5 data rows, C's refused.
    assert_eq!(err, format!("{d}: 5 rows read, 4 loaded, 1 rejected, 0 warnings\n"));
    let (code, _, err) = report(&["--data", &d, "--load", &full, "--quiet"]);
    assert_eq!((code, err.as_str()), (Some(0), ""));

    // The shorthands override the document (strict, flat → lenient, event
    // log), and --mapping adds the resolved column key by key.
    let partial = write(
        "load",
        "partial.json",
        r#"{"eventLog": false, "mode": "strict", "mapping": {"id": "id", "opened": "updated", "updated": "updated", "status": "status", "dimensions": {"priority": "prio"}}}"#,
    );
    let resolved = write("load", "resolved.json", r#"{"resolved": "resolved"}"#);
    let (code, r, err) = report(&["--data", &d, "--load", &partial, "--mapping", &resolved, "--event-log", "--lenient"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(kpi(&r, "volume")["all"][0]["value"], 2.0);
    assert_eq!(kpi(&r, "mttr")["all"][0]["value"], 4.5);

    // Without --lenient the strict document fails on row 5 (C's bad time).
    let (code, _, err) = report(&["--data", &d, "--load", &partial, "--mapping", &resolved, "--event-log"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("not a time"), "{err}");
    // Without --event-log a status column cannot be read (flat list).
    let (code, _, err) = report(&["--data", &d, "--load", &partial, "--lenient"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("load the input as an event log"), "{err}");

    // An error in the document names the file and the JSON path.
    let bad = write("load", "bad.json", r#"{"mode": "relaxed", "mapping": {"id": "id"}}"#);
    let (code, _, err) = report(&["--data", &d, "--load", &bad]);
    assert_eq!(code, Some(1));
    assert!(err.starts_with(&format!("error: {bad}: mode: ")), "{err}");
    assert!(err.contains("relaxed"), "{err}");
    // An error in --mapping names that file, not the --load one.
    let bad_mapping = write("load", "badm.json", r#"{"id": 7}"#);
    let (code, _, err) = report(&["--data", &d, "--load", &full, "--mapping", &bad_mapping]);
    assert_eq!(code, Some(1));
    assert!(err.starts_with(&format!("error: {bad_mapping}: mapping.id: ")), "{err}");

    // The help states the precedence.
    let out = bin().args(["report", "--help"]).output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    for wanted in ["--load <L.json>", "--event-log", "--lenient", "--data-timezone, --event-log and --lenient override it"] {
        assert!(help.contains(wanted), "{wanted:?} not in\n{help}");
    }
}

// `--period all` (one period over all the data) and the default evaluation
// instant shared by `sla` and `report`, on the hand-worked file above:
// A: opened 2026-03-02 09:00, resolved 12:00 → 3 h, met (4 h target).
// B: opened 2026-03-02 09:00, resolved 15:00 → 6 h, breached (due 13:00).
// C: opened 2026-04-01 09:00, open; breached at 13:00 when evaluated later.

fn run(args: &[&str]) -> Value {
    let out = bin().args(args).arg("--quiet").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// KPI `id`'s cells over all the data (`all`, one per period).
fn all_cells<'a>(report: &'a Value, id: &str) -> &'a Value {
    &kpi(report, id)["all"]
}

#[test]
fn report_period_all_is_one_period_over_all_the_data() {
    let (d, m, p) = files("report");
    let r = run(&["report", "--data", &d, "--mapping", &m, "--policies", &p, "--period", "all", "--as-of", "2026-04-02T00:00:00Z"]);
    // One period, from the earliest opening to asOf (included: it ends one second later).
    assert_eq!(r["periods"], serde_json::json!([{"period": "all", "start": "2026-03-02T09:00:00Z", "end": "2026-04-02T00:00:01Z", "partial": true}]));
    assert_eq!(r["scorecard"]["period"], "all");
    // Volume 3; MTTR (3 + 6) / 2 = 4.5 h; backlog at asOf: C.
    assert_eq!(all_cells(&r, "volume")[0]["value"], 3.0);
    assert_eq!(all_cells(&r, "mttr")[0]["value"], 4.5);
    assert_eq!(all_cells(&r, "backlog")[0]["value"], 1.0);
    // SLA compliance: A met, B and C breached: 1 of 3.
    assert_eq!(
        (r["slaCompliance"][0]["period"].as_str(), r["slaCompliance"][0]["met"].as_u64(), r["slaCompliance"][0]["breached"].as_u64()),
        (Some("all"), Some(1), Some(2))
    );
    // `--at` takes the one label there is.
    let r = run(&["report", "--data", &d, "--mapping", &m, "--period", "all", "--at", "all", "--as-of", "2026-04-02T00:00:00Z"]);
    assert_eq!(r["scorecard"]["period"], "all");
    let out = bin().args(["report", "--data", &d, "--mapping", &m, "--period", "all", "--at", "2026-03", "--quiet"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("\"2026-03\" is not a period of \"all\""), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn sla_and_report_default_to_the_latest_instant_in_the_data() {
    let (d, m, p) = files("as-of");
    // The latest instant in the file: C's opening, 2026-04-01T09:00:00Z
    // (B's resolution, 2026-03-02T15:00, is earlier).
    let r = run(&["report", "--data", &d, "--mapping", &m, "--policies", &p]);
    let s = run(&["sla", "--data", &d, "--mapping", &m, "--policies", &p]);
    assert_eq!((r["asOf"].as_str(), s["asOf"].as_str()), (Some("2026-04-01T09:00:00Z"), Some("2026-04-01T09:00:00Z")));
    // As of then, C (4 h target) is still in progress.
    assert_eq!((s["totals"][0]["met"].as_u64(), s["totals"][0]["breached"].as_u64(), s["totals"][0]["inProgress"].as_u64()), (Some(1), Some(1), Some(1)));
    for command in ["sla", "report"] {
        let out = bin().args([command, "--help"]).output().unwrap();
        let help = String::from_utf8(out.stdout).unwrap();
        assert!(help.contains("Without --as-of, the evaluation instant is the latest instant in the data"), "{command}: {help}");
    }
}
