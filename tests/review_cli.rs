//! The `sla-scorecard review` command on the hand-worked file of
//! tests/report_cli.rs.
//!
//! Data (UTC, 24x7 policy "P1" with a 4 h resolution target), as of
//! 2026-04-02 00:00:
//! A: opened 2026-03-02 09:00, resolved 12:00 → 3 h, met.
//! B: opened 2026-03-02 09:00, resolved 15:00 → 6 h, breached at 13:00
//!    (09:00 + 4 h), stopped 15:00 → 2 h late.
//! C: opened 2026-04-01 09:00, still open → breached 2026-04-01 13:00,
//!    in April, so not a March breach.
//! March: 1 met, 1 breached → compliance 1 / 2 = 50.0 %.

use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sla-scorecard"))
}

fn write(name: &str, file: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("review-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(file);
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().into_owned()
}

const DATA: &str =
    "id,opened,resolved,prio\nA,2026-03-02T09:00:00Z,2026-03-02T12:00:00Z,1\nB,2026-03-02T09:00:00Z,2026-03-02T15:00:00Z,1\nC,2026-04-01T09:00:00Z,,1\n";
const MAPPING: &str = r#"{"id": "id", "opened": "opened", "resolved": "resolved", "dimensions": {"priority": "prio"}}"#;
const POLICIES: &str = r#"{"policies": [{"name": "P1", "when": {"priority": "1"}, "metric": "resolution", "target": "4h"}]}"#;

/// Runs `review` on the files of `name` and returns (exit status, stdout, stderr).
fn review(name: &str, data: &str, policies: &str, extra: &[&str]) -> (Option<i32>, String, String) {
    let d = write(name, "d.csv", data);
    let m = write(name, "m.json", MAPPING);
    let p = write(name, "p.json", policies);
    let out = bin()
        .args(["review", "--period", "2026-03", "--data", &d, "--mapping", &m, "--policies", &p, "--as-of", "2026-04-02T00:00:00Z", "--quiet"])
        .args(extra)
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn review_of_march_shows_attainment_and_the_breach_of_b() {
    let (code, html, err) = review("march", DATA, POLICIES, &[]);
    assert_eq!(code, Some(0), "{err}");
    assert!(html.starts_with("<!DOCTYPE html>"));
    // P1 in March: 1 met, 1 breached, 50.0 %.
    assert!(html.contains("<tr><td>P1</td><td class=\"n\">1</td><td class=\"n\">1</td><td class=\"n\">50.0 %</td>"), "{html}");
    // The built-in scorecard's sla_compliance target is 95 %: 50 % is below it.
    assert!(html.contains("Target: 95.0 %"), "{html}");
    assert!(html.contains("■ Below target"), "{html}");
    // B breached at 13:00 and stopped at 15:00: 2 h late. C's breach is April's.
    assert!(html.contains("<tr><td>B</td><td>P1</td><td>2026-03-02T13:00:00Z</td><td class=\"n\">2h</td>"), "{html}");
    assert!(!html.contains("<tr><td>C</td>"), "{html}");
    // The trend stops at the reviewed period: March only (April follows it).
    assert!(html.contains("aria-label=\"Compliance of P1 per period, in %: 2026-03: 50.0\""), "{html}");
    // MTTR-style KPI: median of 3 h and 6 h = 4.5 h, against 24 h, labelled in text.
    assert!(
        html.contains("<td>Median time to resolve</td><td class=\"n\">4.5 h</td><td class=\"n\">24.0 h</td><td><span class=\"rag green\">● On target</span>"),
        "{html}"
    );
    // Self-contained: no script, no external reference.
    assert!(!html.contains("<script"));
    assert!(!html.contains("src="));
    assert!(!html.contains("href="));
}

#[test]
fn hostile_texts_are_escaped() {
    let data = DATA.replace("\nB,", "\n<script>alert(1)</script>,");
    let policies = POLICIES.replace("\"P1\"", "\"<b onmouseover='x'>P1</b>\"");
    let actions = write("hostile", "a.json", r#"[{"title": "<img src=x onerror=alert(2)>", "owner": "O'Neil & co", "due": "2026-04-30", "status": "open"}]"#);
    let (code, html, err) = review("hostile", &data, &policies, &["--actions", &actions]);
    assert_eq!(code, Some(0), "{err}");
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("<b "), "{html}");
    assert!(html.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td><td>&lt;b onmouseover=&#39;x&#39;&gt;P1&lt;/b&gt;</td>"), "{html}");
    assert!(html.contains("<tr><td>&lt;img src=x onerror=alert(2)&gt;</td><td>O&#39;Neil &amp; co</td><td>2026-04-30</td><td>open</td></tr>"), "{html}");
}

#[test]
fn bad_actions_and_periods_are_refused_with_the_path() {
    let actions = write("bad", "a.json", r#"[{"title": "t", "owner": "o", "due": "d", "status": "s"}, {"title": "t", "owner": 3, "due": "d", "status": "s"}]"#);
    let (code, _, err) = review("bad", DATA, POLICIES, &["--actions", &actions]);
    assert_eq!(code, Some(1));
    assert!(err.contains(&format!("{actions}: [1].owner")), "{err}");
    let unknown = write("bad", "u.json", r#"[{"title": "t", "owner": "o", "due": "d", "status": "s", "priority": 1}]"#);
    let (code, _, err) = review("bad", DATA, POLICIES, &["--actions", &unknown]);
    assert_eq!(code, Some(1));
    assert!(err.contains("priority"), "{err}");
    let missing = write("bad", "m2.json", r#"[{"title": "t", "owner": "o", "due": "d"}]"#);
    let (code, _, err) = review("bad", DATA, POLICIES, &["--actions", &missing]);
    assert_eq!(code, Some(1));
    assert!(err.contains("[0].status"), "{err}");
    // A label outside the data is a usage error naming --period.
    let d = write("bad", "d.csv", DATA);
    let m = write("bad", "m.json", MAPPING);
    let p = write("bad", "p.json", POLICIES);
    let out = bin().args(["review", "--period", "2025-01", "--data", &d, "--mapping", &m, "--policies", &p, "--quiet"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--period"));
}
