//! The `sla-scorecard sla` command: usage errors, JSON and CSV output on a
//! small hand-worked file.
//!
//! Data: two tickets on the 24x7 calendar with a 4 h resolution target.
//! A: opened 2026-03-02 09:00, resolved 12:00 → 3 h, met.
//! B: opened 2026-03-02 09:00, resolved 15:00 → due 13:00, breached, late 2 h.

use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sla-scorecard"))
}

/// Writes the test files into a directory of their own for test `name`.
fn files(name: &str) -> (String, String, String) {
    let dir = std::env::temp_dir().join(format!("sla-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let data = dir.join("d.csv");
    std::fs::write(&data, "id,opened,resolved,prio\nA,2026-03-02T09:00:00Z,2026-03-02T12:00:00Z,1\nB,2026-03-02T09:00:00Z,2026-03-02T15:00:00Z,1\n").unwrap();
    let policies = dir.join("p.json");
    std::fs::write(&policies, r#"{"policies": [{"name": "P1", "when": {"priority": "1"}, "metric": "resolution", "target": "4h"}]}"#).unwrap();
    let mapping = dir.join("m.json");
    std::fs::write(&mapping, r#"{"id": "id", "opened": "opened", "resolved": "resolved", "dimensions": {"priority": "prio"}}"#).unwrap();
    let s = |p: std::path::PathBuf| p.to_string_lossy().into_owned();
    (s(policies), s(data), s(mapping))
}

#[test]
fn csv_and_json_reports() {
    let (p, d, m) = files("reports");
    let out = bin().args(["sla", "--policies", &p, "--data", &d, "--mapping", &m, "--as-of", "2026-03-03T00:00:00Z", "--format", "csv"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // March 2026: met 1, breached 1 → 50 %.
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "policy,period,value,met,breached,in_progress,at_risk,paused,not_applicable,compliance_percent\nP1,2026-03,,1,1,0,0,0,0,50.00\n"
    );
    let out = bin()
        .args(["sla", "--policies", &p, "--data", &d, "--mapping", &m, "--as-of", "2026-03-03T00:00:00Z", "--format", "csv", "--table", "breaches"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "ticket,policy,breach,stop,late_seconds,late,over_target_seconds,open\nB,P1,2026-03-02T13:00:00Z,2026-03-02T15:00:00Z,7200,2h,7200,false\n"
    );
    let out = bin().args(["sla", "--policies", &p, "--data", &d, "--mapping", &m, "--as-of", "2026-03-03T00:00:00Z"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["totals"][0]["compliance"], 50.0);
    assert_eq!(v["outcomes"][1]["due"], "2026-03-02T13:00:00Z");
}

#[test]
fn json_outcomes_list_the_warning_thresholds_crossed() {
    let (_, d, m) = files("warnings");
    let p = std::env::temp_dir().join(format!("sla-cli-{}-warnings", std::process::id())).join("w.json");
    std::fs::write(&p, r#"{"policies": [{"name": "P1", "metric": "resolution", "target": "4h", "warnings": [0.5, 0.75, 0.9]}]}"#).unwrap();
    let p = p.to_string_lossy().into_owned();
    let out = bin().args(["sla", "--policies", &p, "--data", &d, "--mapping", &m, "--as-of", "2026-03-03T00:00:00Z"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // 24x7, 4 h from 09:00: 50 % (2 h) at 11:00, 75 % (3 h) at 12:00, 90 % (3 h 36) at 12:36.
    // A, resolved 12:00, crossed 50 % and 75 % (at its stop); B, resolved 15:00, all three.
    let at = |id: &str, w: f64, t: &str| serde_json::json!({"ticket": id, "policy": "P1", "threshold": w, "at": format!("2026-03-02T{t}:00Z")});
    assert_eq!(
        v["warningsCrossed"],
        serde_json::json!([at("A", 0.5, "11:00"), at("A", 0.75, "12:00"), at("B", 0.5, "11:00"), at("B", 0.75, "12:00"), at("B", 0.9, "12:36")])
    );
    // Without thresholds the report has no such key.
    let (p, d, m) = files("no-warnings");
    let out = bin().args(["sla", "--policies", &p, "--data", &d, "--mapping", &m, "--as-of", "2026-03-03T00:00:00Z"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v.get("warningsCrossed").is_none());
}

#[test]
fn causes_and_time_in_status_tables() {
    let (p, d, m) = files("causes");
    let run = |extra: &[&str]| {
        let mut args = vec!["sla", "--policies", &p, "--data", &d, "--mapping", &m, "--as-of", "2026-03-03T00:00:00Z", "--format", "csv"];
        args.extend_from_slice(extra);
        let out = bin().args(&args).output().unwrap();
        (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    };
    // No assignment history: the whole clock is held by "no group". B breached with
    // 6 h (09:00–15:00) = 21,600 s, 100 % of the breached time, and held its breach;
    // A met with 3 h = 10,800 s.
    let (code, out, _) = run(&["--table", "causes", "--split-by", "group"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        out,
        "policy,period,dimension,value,breached_seconds,breached_share_percent,breached_paused_seconds,breached_outside_hours_seconds,\
         met_seconds,met_share_percent,met_paused_seconds,met_outside_hours_seconds,breaches_held\n\
         P1,2026-03,group,,21600,100.00,0,0,10800,100.00,0,0,1\n"
    );
    // Time in status without history or closure: 09:00 → the evaluation instant (00:00 next day) = 15 h.
    let (_, out, _) = run(&["--table", "time-in-status"]);
    assert_eq!(out, "ticket,value,working_seconds,wall_seconds\nA,,54000,54000\nB,,54000,54000\n");
    let (code, _, err) = run(&["--table", "time-in-status", "--calendar", "office"]);
    assert_eq!(code, Some(2));
    assert!(err.ends_with("\nerror: --calendar: \"office\" is not a calendar of the policy document; it has: 24x7\n"), "{err}");
}

#[test]
fn usage_and_input_errors() {
    let (p, d, m) = files("errors");
    let out = bin().args(["sla", "--data", &d]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("error: the following required arguments were not provided:\n  --policies <P.json>\n"), "{err}");
    assert!(err.contains("\nUsage: sla-scorecard sla "), "{err}");
    let out = bin().args(["sla", "--policies", &p, "--data", &d, "--mapping", &m, "--format", "xml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("error: invalid value 'xml' for '--format <FORMAT>'\n  [possible values: json, csv]\n"), "{err}");
    let out = bin().args(["sla", "--policies", &p, "--data", &d, "--mapping", &m, "--as-of", "yesterday"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = bin().args(["frobnicate"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    // A policy error names the file and the JSON path.
    std::fs::write(&p, r#"{"policies": [{"name": "P1", "metric": "resolution", "target": "4 hours"}]}"#).unwrap();
    let out = bin().args(["sla", "--policies", &p, "--data", &d, "--mapping", &m]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("p.json: policies[0].target: \"4 hours\" is not a duration"), "{err}");
}

#[test]
fn help_and_exit_statuses() {
    // Each command's help: exit 0, on standard output, with an example and
    // the defaults of its options.
    for (command, wanted) in [
        ("sla", ["Example:\n  sla-scorecard sla --policies", "[default: json]", "[default: month]"]),
        ("report", ["Example:\n  sla-scorecard report --data", "--as-of <T>", "--group-by <DIMENSION>"]),
        ("generate", ["Example:\n  sla-scorecard generate --tickets", "[default: 1]", "[default: flat]"]),
    ] {
        let out = bin().args([command, "--help"]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{command}");
        let help = String::from_utf8(out.stdout).unwrap();
        for w in wanted {
            assert!(help.contains(w), "{command}: {w:?} not in\n{help}");
        }
    }
    let out = bin().arg("--help").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8(out.stdout).unwrap().contains("Exit status: 0 success, 1 an input could not be read or used, 2 usage error."));
    // No command: the overview on standard error, usage status.
    let out = bin().output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Commands:"));
    // --table without --format csv, an unknown option, a value that is not a number.
    let (p, d, m) = files("help");
    let out = bin().args(["sla", "--policies", &p, "--data", &d, "--mapping", &m, "--table", "breaches"]).output().unwrap();
    assert_eq!(
        (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned()),
        (
            Some(2),
            "error: with --format json, --table only takes causes, outcome-causes or time-in-status (the JSON report holds the other tables)\n".to_string()
        )
    );
    let out = bin().args(["sla", "--policies", &p, "--data", &d, "--mapping", &m, "--colour"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: unexpected argument '--colour' found"));
    let out = bin().args(["generate", "--tickets", "ten"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: invalid value 'ten' for '--tickets <N>'"));
    // Two generated tickets as CSV: a header and one row per ticket.
    let out = bin().args(["generate", "--tickets", "2", "--seed", "7"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 3);
}

#[test]
fn load_summary_on_standard_error() {
    let (p, d, m) = files("summary");
    // A and B: 2 data rows (the header is not counted), both loaded.
    let out = bin().args(["sla", "--policies", &p, "--data", &d, "--mapping", &m, "--as-of", "2026-03-03T00:00:00Z"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), format!("{d}: 2 rows read, 2 loaded, 0 rejected, 0 warnings\n"));
    // C resolved at 08:00 before it opened at 09:00: loaded, 1 warning
    // (beforeOpened); D's opened is not a timestamp: refused with --lenient.
    std::fs::write(&d, "id,opened,resolved,prio\nA,2026-03-02T09:00:00Z,2026-03-02T12:00:00Z,1\nC,2026-03-02T09:00:00Z,2026-03-02T08:00:00Z,1\nD,soon,,1\n")
        .unwrap();
    let out = bin().args(["sla", "--policies", &p, "--data", &d, "--mapping", &m, "--as-of", "2026-03-03T00:00:00Z", "--lenient"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stderr), format!("{d}: 3 rows read, 2 loaded, 1 rejected, 1 warning\n"));
    // --quiet: nothing on standard error, the same report on standard output.
    let quiet =
        bin().args(["sla", "--policies", &p, "--data", &d, "--mapping", &m, "--as-of", "2026-03-03T00:00:00Z", "--lenient", "--quiet"]).output().unwrap();
    assert_eq!(quiet.status.code(), Some(0));
    assert!(quiet.stderr.is_empty(), "{}", String::from_utf8_lossy(&quiet.stderr));
    assert_eq!(quiet.stdout, out.stdout);
    // A window from 10:00 (--load): A, C and D open at 09:00 or not at all.
    // D is refused (no opening instant), A and C skipped: 3 = 0 + 1 + 2.
    let window = std::path::Path::new(&d).with_file_name("window.json");
    std::fs::write(&window, r#"{"openedFrom": "2026-03-02T10:00:00Z"}"#).unwrap();
    let out = bin()
        .args(["sla", "--policies", &p, "--data", &d, "--mapping", &m, "--as-of", "2026-03-03T00:00:00Z", "--lenient", "--load", &window.to_string_lossy()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stderr), format!("{d}: 3 rows read, 0 loaded, 1 rejected, 2 skipped (opened outside the window), 0 warnings\n"));
}

#[test]
fn policy_versions_in_the_json_report_and_the_compliance_csv() {
    // A and B (24x7, opened 2026-03-02 09:00, resolved 12:00 and 15:00) under a 4 h target
    // that becomes 2 h from 2026-03-02T09:00Z: both opened at that instant (inclusive) → 2 h;
    // A 3 h > 2 h and B 6 h > 2 h → both breached; the base (4 h) has no outcome.
    let (_, d, m) = files("versions");
    let p = std::env::temp_dir().join(format!("sla-cli-{}-versions", std::process::id())).join("v.json");
    std::fs::write(
        &p,
        r#"{"policies": [{"name": "P1", "metric": "resolution", "target": "4h", "versions": [{"validFrom": "2026-03-02T09:00:00Z", "target": "2h", "name": "2026"}]}]}"#,
    )
    .unwrap();
    let p = p.to_string_lossy().into_owned();
    let out = bin().args(["sla", "--policies", &p, "--data", &d, "--mapping", &m, "--as-of", "2026-03-03T00:00:00Z", "--format", "csv"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "policy,version,period,value,met,breached,in_progress,at_risk,paused,not_applicable,compliance_percent\nP1,2026,2026-03,,0,2,0,0,0,0,0.00\n"
    );
    let out = bin().args(["sla", "--policies", &p, "--data", &d, "--mapping", &m, "--as-of", "2026-03-03T00:00:00Z"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["totals"][0]["version"], "2026");
    // Due 09:00 + 2 h = 11:00.
    assert_eq!((&v["outcomes"][0]["targetSeconds"], &v["outcomes"][0]["due"]), (&serde_json::json!(7200), &serde_json::json!("2026-03-02T11:00:00Z")));
    assert_eq!(v["outcomeVersions"], serde_json::json!(["2026", "2026"]));
    // Without versions the report has no outcomeVersions key.
    let (p, d, m) = files("versions-none");
    let out = bin().args(["sla", "--policies", &p, "--data", &d, "--mapping", &m, "--as-of", "2026-03-03T00:00:00Z"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v.get("outcomeVersions").is_none() && v["totals"][0].get("version").is_none());
}

#[test]
fn ola_clocks_and_dimension_conditions_from_an_event_log() {
    // An event log (--event-log): A opens Mon 2 March 2026 09:00 with the Service Desk, goes to
    // Network at 10:00, to Database at 12:00, back to Network at 14:00, waits on the customer
    // 15:00–16:00 and is resolved at 17:00 (24x7 calendar).
    let dir = std::env::temp_dir().join(format!("sla-cli-{}-ola", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (d, p, m) = (dir.join("events.csv"), dir.join("p.json"), dir.join("m.json"));
    std::fs::write(
        &d,
        "id,state,updated,opened,group,waiting\n\
         A,New,2026-03-02T09:00:00Z,2026-03-02T09:00:00Z,Service Desk,\n\
         A,Active,2026-03-02T10:00:00Z,2026-03-02T09:00:00Z,Network,\n\
         A,Active,2026-03-02T12:00:00Z,2026-03-02T09:00:00Z,Database,\n\
         A,Active,2026-03-02T14:00:00Z,2026-03-02T09:00:00Z,Network,\n\
         A,Active,2026-03-02T15:00:00Z,2026-03-02T09:00:00Z,Network,customer\n\
         A,Active,2026-03-02T16:00:00Z,2026-03-02T09:00:00Z,Network,\n\
         A,Resolved,2026-03-02T17:00:00Z,2026-03-02T09:00:00Z,Network,\n",
    )
    .unwrap();
    std::fs::write(
        &m,
        r#"{"id": "id", "status": "state", "updated": "updated", "opened": "opened", "dimensions": {"assignment_group": "group", "waiting_on": "waiting"}}"#,
    )
    .unwrap();
    std::fs::write(
        &p,
        r#"{"policies": [
            {"name": "Network OLA", "metric": "resolution", "target": "4h", "runWhile": {"assignment_group": "Network"}, "pauseWhen": {"waiting_on": "customer"}},
            {"name": "resolution", "metric": "resolution", "target": "8h"}]}"#,
    )
    .unwrap();
    let s = |p: &std::path::Path| p.to_string_lossy().into_owned();
    let out =
        bin().args(["sla", "--policies", &s(&p), "--data", &s(&d), "--mapping", &s(&m), "--event-log", "--as-of", "2026-03-03T00:00:00Z"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Network OLA: from 10:00; 10–12 running (2 h), 12–14 paused (Database holds A), 14–15
    // running (3 h), 15–16 paused (waiting on the customer), 16–17 running → 4 h = 14,400 s;
    // due at 17:00 = the stop → met; paused 2 h + 1 h = 10,800 s.
    let ola = &v["outcomes"][0];
    assert_eq!(
        (&ola["state"], &ola["start"], &ola["elapsedSeconds"], &ola["pausedSeconds"], &ola["due"]),
        (
            &serde_json::json!("met"),
            &serde_json::json!("2026-03-02T10:00:00Z"),
            &serde_json::json!(14_400),
            &serde_json::json!(10_800),
            &serde_json::json!("2026-03-02T17:00:00Z")
        )
    );
    // The plain resolution clock: 09:00–17:00 = 8 h, met.
    assert_eq!((&v["outcomes"][1]["elapsedSeconds"], &v["outcomes"][1]["state"]), (&serde_json::json!(28_800), &serde_json::json!("met")));
    // The kind of each clock.
    assert_eq!(v["outcomeKinds"], serde_json::json!(["OLA", null]));
    // Without runWhile the report has no outcomeKinds key.
    let (p, d, m) = files("kinds-none");
    let out = bin().args(["sla", "--policies", &p, "--data", &d, "--mapping", &m, "--as-of", "2026-03-03T00:00:00Z"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v.get("outcomeKinds").is_none());
}
