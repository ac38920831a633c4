//! `--period all` (one period over all the data) and the default
//! evaluation instant shared by `sla` and `report`, on the hand-worked file
//! of tests/report_cli.rs:
//! A: opened 2026-03-02 09:00, resolved 12:00 → 3 h, met (4 h target).
//! B: opened 2026-03-02 09:00, resolved 15:00 → 6 h, breached (due 13:00).
//! C: opened 2026-04-01 09:00, open; breached at 13:00 when evaluated later.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sla-scorecard"))
}

fn files(name: &str) -> [String; 3] {
    let dir = std::env::temp_dir().join(format!("period-all-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let w = |f: &str, text: &str| {
        let p = dir.join(f);
        std::fs::write(&p, text).unwrap();
        p.to_string_lossy().into_owned()
    };
    [
        w("d.csv", "id,opened,resolved,prio\nA,2026-03-02T09:00:00Z,2026-03-02T12:00:00Z,1\nB,2026-03-02T09:00:00Z,2026-03-02T15:00:00Z,1\nC,2026-04-01T09:00:00Z,,1\n"),
        w("m.json", r#"{"id": "id", "opened": "opened", "resolved": "resolved", "dimensions": {"priority": "prio"}}"#),
        w("p.json", r#"{"policies": [{"name": "P1", "when": {"priority": "1"}, "metric": "resolution", "target": "4h"}]}"#),
    ]
}

fn run(args: &[&str]) -> Value {
    let out = bin().args(args).arg("--quiet").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn kpi<'a>(report: &'a Value, id: &str) -> &'a Value {
    &report["kpis"].as_array().unwrap().iter().find(|k| k["kpi"] == id).unwrap()["all"]
}

#[test]
fn report_period_all_is_one_period_over_all_the_data() {
    let [d, m, p] = files("report");
    let r = run(&["report", "--data", &d, "--mapping", &m, "--policies", &p, "--period", "all", "--as-of", "2026-04-02T00:00:00Z"]);
    // One period, from the earliest opening to asOf (included: it ends one second later).
    assert_eq!(
        r["periods"],
        serde_json::json!([{"period": "all", "start": "2026-03-02T09:00:00Z", "end": "2026-04-02T00:00:01Z", "partial": true}])
    );
    assert_eq!(r["scorecard"]["period"], "all");
    // Volume 3; MTTR (3 + 6) / 2 = 4.5 h; backlog at asOf: C.
    assert_eq!(kpi(&r, "volume")[0]["value"], 3.0);
    assert_eq!(kpi(&r, "mttr")[0]["value"], 4.5);
    assert_eq!(kpi(&r, "backlog")[0]["value"], 1.0);
    // SLA compliance: A met, B and C breached: 1 of 3.
    assert_eq!((r["slaCompliance"][0]["period"].as_str(), r["slaCompliance"][0]["met"].as_u64(), r["slaCompliance"][0]["breached"].as_u64()), (Some("all"), Some(1), Some(2)));
    // `--at` takes the one label there is.
    let r = run(&["report", "--data", &d, "--mapping", &m, "--period", "all", "--at", "all", "--as-of", "2026-04-02T00:00:00Z"]);
    assert_eq!(r["scorecard"]["period"], "all");
    let out = bin().args(["report", "--data", &d, "--mapping", &m, "--period", "all", "--at", "2026-03", "--quiet"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("\"2026-03\" is not a period of \"all\""), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn sla_and_report_default_to_the_latest_instant_in_the_data() {
    let [d, m, p] = files("as-of");
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
