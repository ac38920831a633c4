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

mod common;

use serde_json::Value;
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
    assert!(html.contains("aria-label=\"Compliance of P1 per period, in %, target 95.0 %: 2026-03: 50.0\""), "{html}");
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
    // A heatmap dimension the data lacks is a usage error naming --dimension.
    let (code, _, err) = review("bad", DATA, POLICIES, &["--dimension", "team"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("--dimension") && err.contains("team"), "{err}");
    // A label outside the data is a usage error naming --period.
    let d = write("bad", "d.csv", DATA);
    let m = write("bad", "m.json", MAPPING);
    let p = write("bad", "p.json", POLICIES);
    let out = bin().args(["review", "--period", "2025-01", "--data", &d, "--mapping", &m, "--policies", &p, "--quiet"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--period"));
}

/// `text` as the review escapes it (`&`, `<`, `>`, `"`, `'`).
fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

/// The `<section id="{id}">` of a page.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html.find(&format!("<section id=\"{id}\">")).unwrap_or_else(|| panic!("no section {id} in {html}"));
    let end = html[start..].find("</section>").unwrap() + start;
    &html[start..end]
}

#[test]
fn charts_of_the_hand_worked_file_draw_its_figures() {
    let (code, html, err) = review("charts", DATA, POLICIES, &[]);
    assert_eq!(code, Some(0), "{err}");
    // Trend: the dashed line is the built-in scorecard's sla_compliance
    // target, 95 %, not 100 %. The chart's y runs from 190 (0 %) up to 12
    // (100 %): 95 % is at 190 - 0.95 · 178 = 20.9; 100 % (y 12) is only a grid line.
    let trend = section(&html, "trend");
    assert!(
        trend.contains(
            "<line class=\"ref\" x1=\"48\" x2=\"544\" y1=\"20.9\" y2=\"20.9\"/><text x=\"550.0\" y=\"24.9\" class=\"ref-label\">target 95.0 %</text>"
        ),
        "{trend}"
    );
    assert!(!trend.contains("class=\"ref\" x1=\"48\" x2=\"544\" y1=\"12.0\""), "{trend}");
    // March: A met, B breached → 1 / 2 = 50 %, at y = 190 - 0.5 · 178 = 101.
    assert!(trend.contains("cy=\"101.0\" r=\"4.5\"><title>P1, 2026-03: 50.0 % (1 met, 1 breached)</title>"), "{trend}");
    assert!(trend.contains("<title>All policies, 2026-03: 50.0 % (1 met, 1 breached)</title>"), "{trend}");
    // Heatmap by priority (the data's only dimension): P1 × priority 1 in
    // March, 50 %: shade 50 / 20 → step 2; its table row.
    let heat = section(&html, "heatmap");
    assert!(heat.contains("<h2>Compliance by priority</h2>"), "{heat}");
    assert!(heat.contains("class=\"cell h2\""), "{heat}");
    assert!(heat.contains("<title>P1 · 1, 2026-03: 50.0 % (1 met, 1 breached)</title>"), "{heat}");
    assert!(
        heat.contains("<tr><th scope=\"row\">P1</th><td>1</td><td>2026-03</td><td class=\"n\">1</td><td class=\"n\">1</td><td class=\"n\">50.0 %</td></tr>"),
        "{heat}"
    );
    // Causes: a flat file has no status or assignment history.
    assert!(section(&html, "causes").contains("No status or assignment history"), "{html}");
    // Backlog as of 2026-04-02 00:00: only C is open, since 2026-04-01 09:00
    // (15 h: <1d). At the end of March (2026-04-01 00:00) nothing is open
    // (A and B resolved on 2026-03-02, C not yet opened).
    let backlog = section(&html, "backlog");
    assert!(backlog.contains("<title>as of 2026-04-02T00:00:00Z, aged &lt;1d: 1 tickets</title>"), "{backlog}");
    assert!(backlog.contains("<title>end of 2026-03, aged &lt;1d: 0 tickets</title>"), "{backlog}");
    assert!(backlog.contains("<tr><th scope=\"row\">&lt;1d</th><td class=\"n\">0</td><td class=\"n\">1</td></tr>"), "{backlog}");
    for age in ["1-3d", "3-7d", "7-30d", "&gt;=30d"] {
        assert!(backlog.contains(&format!("<tr><th scope=\"row\">{age}</th><td class=\"n\">0</td><td class=\"n\">0</td></tr>")), "{backlog}");
    }
    // KPI history: only SLA compliance (50 % of n = 2 verdicts, below 95 %)
    // misses its target; the median time to resolve (4.5 h ≤ 24 h), the
    // 90th percentile (6 h ≤ 120 h) and the reopen rate (0 % ≤ 2 %) meet theirs.
    let kpis = section(&html, "kpi-history");
    assert!(kpis.contains("<title>2026-03: 50.0 % (n = 2)</title>"), "{kpis}");
    assert!(kpis.contains("target 95.0 %"), "{kpis}");
    assert_eq!(kpis.matches("<svg").count(), 1, "{kpis}");
    assert!(!kpis.contains("Median time to resolve"), "{kpis}");
    // Every chart is an image with a text alternative.
    assert_eq!(html.matches("role=\"img\"").count(), html.matches("<svg xmlns").count());
}

#[test]
fn the_trend_line_is_the_configured_sla_compliance_target() {
    // A scorecard whose sla_compliance target is 80 %: the line sits at
    // 190 - 0.8 · 178 = 47.6 and is labelled 80.0 %.
    let config = write(
        "target",
        "c.json",
        r#"{"name": "T", "period": "month", "timezone": "UTC", "perspectives": [{"name": "S", "weight": 1, "kpis": [
            {"kpi": "sla_compliance", "target": 80, "baseline": 50, "thresholds": {"mode": "absolute", "green": 80, "amber": 70}}]}]}"#,
    );
    let (code, html, err) = review("target", DATA, POLICIES, &["--config", &config]);
    assert_eq!(code, Some(0), "{err}");
    let trend = section(&html, "trend");
    assert!(trend.contains("y1=\"47.6\" y2=\"47.6\"/><text x=\"550.0\" y=\"51.6\" class=\"ref-label\">target 80.0 %</text>"), "{trend}");
    assert!(!trend.contains("target 95.0 %"), "{trend}");
}

/// Runs a command of the CLI on the sample and returns its standard output.
fn cli(args: &[&str]) -> String {
    let out = bin().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn pct(v: &Value) -> String {
    v.as_f64().map_or_else(|| "—".to_string(), |v| format!("{v:.1} %"))
}

#[test]
fn charts_of_the_sample_equal_the_engine_documents() {
    let csv = write("sample", "sample.csv", &common::sample_text());
    let policies = concat!(env!("CARGO_MANIFEST_DIR"), "/policies/servicenow-sample.json");
    let data = ["--data", csv.as_str(), "--preset", "servicenow-event-log", "--as-of", "2017-02-04T19:00:00Z", "--quiet"];
    let html = cli(&[&["review", "--period", "2016-03", "--policies", policies][..], &data].concat());
    let report: Value = serde_json::from_str(&cli(&[&["report", "--period", "month", "--at", "2016-03", "--policies", policies][..], &data].concat())).unwrap();
    let sla: Value =
        serde_json::from_str(&cli(&[&["sla", "--format", "json", "--period", "month", "--dimension", "priority", "--policies", policies][..], &data].concat()))
            .unwrap();
    let why: Value =
        serde_json::from_str(&cli(&[&["sla", "--format", "json", "--table", "causes", "--period", "month", "--policies", policies][..], &data].concat()))
            .unwrap();

    // The last 12 periods of the report up to March 2016.
    let periods: Vec<&str> = report["periods"].as_array().unwrap().iter().map(|p| p["period"].as_str().unwrap()).collect();
    let end = periods.iter().position(|p| *p == "2016-03").unwrap() + 1;
    let span = &periods[end.saturating_sub(12)..end];

    // Trend: one point per policy and period with a verdict, as in `report`'s slaPolicies.
    let trend = section(&html, "trend");
    let mut points = 0;
    for row in report["slaPolicies"].as_array().unwrap().iter().filter(|r| span.contains(&r["period"].as_str().unwrap())) {
        let title = format!(
            "<title>{}, {}: {} ({} met, {} breached)</title>",
            row["policy"].as_str().unwrap(),
            row["period"].as_str().unwrap(),
            pct(&row["compliance"]),
            row["met"],
            row["breached"]
        );
        assert!(trend.contains(&title), "{title} in {trend}");
        points += 1;
    }
    assert!(points >= 8, "{points}");
    let target = report["scorecard"]["perspectives"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["kpis"].as_array().unwrap())
        .find(|k| k["kpi"] == "sla_compliance")
        .unwrap()["target"]
        .as_f64()
        .unwrap();
    assert!(trend.contains(&format!("class=\"ref-label\">target {target:.1} %</text>")), "{trend}");

    // Heatmap: `sla --dimension priority`'s compliance rows of the span, each a cell and a table row.
    let heat = section(&html, "heatmap");
    let mut cells = 0;
    for row in sla["compliance"].as_array().unwrap().iter().filter(|r| span.contains(&r["period"].as_str().unwrap())) {
        let (policy, value, period) = (row["policy"].as_str().unwrap(), row["value"].as_str().unwrap_or("(none)"), row["period"].as_str().unwrap());
        let title =
            format!("<title>{policy} · {}, {period}: {} ({} met, {} breached)</title>", esc(value), pct(&row["compliance"]), row["met"], row["breached"]);
        assert!(heat.contains(&title), "{title} in {heat}");
        let tr = format!(
            "<tr><th scope=\"row\">{policy}</th><td>{}</td><td>{period}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            esc(value),
            row["met"],
            row["breached"],
            pct(&row["compliance"])
        );
        assert!(heat.contains(&tr), "{tr} in {heat}");
        cells += 1;
    }
    assert_eq!(heat.matches("<tr><th scope=\"row\">").count(), cells);
    assert!(cells >= 8, "{cells}");

    // Causes: the causes document's March rows by status and by group; every
    // non-zero share is a bar part, every row a table row.
    let causes = section(&html, "causes");
    let mut parts = 0;
    for row in why["causes"].as_array().unwrap().iter().filter(|r| r["period"] == "2016-03" && (r["dimension"] == "status" || r["dimension"] == "group")) {
        let (policy, value) = (row["policy"].as_str().unwrap(), esc(row["value"].as_str().unwrap_or("(none)")));
        for state in ["breached", "met"] {
            let share = row[format!("{state}Share").as_str()].as_f64().unwrap_or(0.0);
            if share > 0.0 {
                let title = format!("<title>{policy}, {state}: {value} {share:.1} %</title>");
                assert!(causes.contains(&title), "{title} in {causes}");
                parts += 1;
            }
        }
        let cells = format!("<td class=\"n\">{}</td><td class=\"n\">{}</td>", pct(&row["breachedShare"]), row["breachesHeld"]);
        assert!(causes.contains(&format!("<tr><th scope=\"row\">{policy}</th><td>{value}</td>")), "{policy} {value}");
        assert!(causes.contains(&cells), "{cells}");
    }
    assert_eq!(causes.matches("</rect>").count(), parts);
    assert!(parts >= 20, "{parts}");

    // Backlog: the backlog KPI's cells of March and of the as-of instant (the last period).
    let backlog_kpi = report["kpis"].as_array().unwrap().iter().find(|k| k["kpi"] == "backlog").unwrap();
    let cells = backlog_kpi["all"].as_array().unwrap();
    let march = cells.iter().find(|c| c["period"] == "2016-03").unwrap();
    let last = cells.last().unwrap();
    let backlog = section(&html, "backlog");
    for (name, cell) in [("end of 2016-03".to_string(), march), (format!("as of {}", report["asOf"].as_str().unwrap()), last)] {
        for b in cell["buckets"].as_array().unwrap() {
            let title = format!("<title>{name}, aged {}: {} tickets</title>", esc(b["label"].as_str().unwrap()), b["count"]);
            assert!(backlog.contains(&title), "{title} in {backlog}");
        }
    }
    assert!(march["buckets"].as_array().unwrap().iter().any(|b| b["count"].as_u64().unwrap() > 0));

    // KPI history: each KPI of the scorecard whose March value is on the
    // wrong side of its target has a chart of its report series; the others have none.
    let history = section(&html, "kpi-history");
    let mut drawn = 0;
    for k in report["scorecard"]["perspectives"].as_array().unwrap().iter().flat_map(|p| p["kpis"].as_array().unwrap()) {
        let name = esc(k["name"].as_str().unwrap());
        let target = k["target"].as_f64().unwrap();
        let off = match (k["value"].as_f64(), k["direction"].as_str().unwrap()) {
            (Some(v), "higher") => v < target,
            (Some(v), "lower") => v > target,
            _ => false,
        };
        let heading = format!("<h3>{name} <span");
        if !off {
            assert!(!history.contains(&heading), "{name} meets its target: no chart");
            continue;
        }
        let unit = match k["unit"].as_str().unwrap() {
            "percent" => " %",
            "hours" => " h",
            _ => "",
        };
        assert!(history.contains(&heading), "{name} misses its target: a chart");
        let start = history.find(&heading).unwrap();
        let chart = &history[start..start + history[start..].find("</table>").unwrap()];
        assert!(chart.contains(&format!("target {target:.1}{unit}</text>")), "{chart}");
        let series = report["kpis"].as_array().unwrap().iter().find(|s| s["kpi"] == k["kpi"] && s["clock"] == k["clock"]).unwrap();
        for c in series["all"].as_array().unwrap().iter().filter(|c| span.contains(&c["period"].as_str().unwrap())) {
            if let Some(v) = c["value"].as_f64() {
                let title = format!("<title>{}: {v:.1}{unit} (n = {:.0})</title>", c["period"].as_str().unwrap(), c["n"].as_f64().unwrap());
                assert!(chart.contains(&title), "{title} in {chart}");
            }
        }
        drawn += 1;
    }
    assert!(drawn >= 2, "{drawn}");
}

/// An event log worked by hand for the causes charts (UTC, policy P1: 24x7
/// resolution, 4 h), as of 2026-04-02 00:00:
/// E: opened 2026-03-02 09:00 New with group G1; Active with G2 at 10:00;
///    resolved 15:00. Elapsed 6 h, due 13:00 → breached (2 h late) while
///    Active and G2 hold it. Status: New 09–10 = 1 h (1/6 = 16.7 %),
///    Active 10–15 = 5 h (5/6 = 83.3 %); group: G1 1 h (16.7 %), G2 5 h (83.3 %).
/// F: opened 09:00 New with G1; Active at 09:30; resolved 11:00: 2 h, met.
///    Status: New 30 min (0.5/2 = 25.0 %), Active 1 h 30 min (75.0 %); group G1 2 h (100.0 %).
const EVENTS: &str = "id,opened,updated,status,group,resolved,prio\n\
    E,2026-03-02T09:00:00Z,2026-03-02T09:00:00Z,New,G1,,1\n\
    E,2026-03-02T09:00:00Z,2026-03-02T10:00:00Z,Active,G2,,1\n\
    E,2026-03-02T09:00:00Z,2026-03-02T15:00:00Z,Resolved,G2,2026-03-02T15:00:00Z,1\n\
    F,2026-03-02T09:00:00Z,2026-03-02T09:00:00Z,New,G1,,1\n\
    F,2026-03-02T09:00:00Z,2026-03-02T09:30:00Z,Active,G1,,1\n\
    F,2026-03-02T09:00:00Z,2026-03-02T11:00:00Z,Resolved,G1,2026-03-02T11:00:00Z,1\n";

#[test]
fn causes_charts_of_a_hand_worked_event_log() {
    let d = write("events", "e.csv", EVENTS);
    let m = write(
        "events",
        "m.json",
        r#"{"id": "id", "opened": "opened", "updated": "updated", "status": "status", "assignmentGroup": "group", "resolved": "resolved", "dimensions": {"priority": "prio"}}"#,
    );
    let p = write("events", "p.json", POLICIES);
    let out = bin()
        .args(["review", "--period", "2026-03", "--data", &d, "--mapping", &m, "--event-log", "--policies", &p, "--as-of", "2026-04-02T00:00:00Z", "--quiet"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let html = String::from_utf8(out.stdout).unwrap();
    let causes = section(&html, "causes");
    // Each bar's parts, largest first.
    let order = |a: &str, b: &str| {
        let (i, j) = (causes.find(a).unwrap_or_else(|| panic!("{a} in {causes}")), causes.find(b).unwrap_or_else(|| panic!("{b} in {causes}")));
        assert!(i < j, "{a} before {b}");
    };
    order("<title>P1, breached: Active 83.3 %</title>", "<title>P1, breached: New 16.7 %</title>");
    order("<title>P1, met: Active 75.0 %</title>", "<title>P1, met: New 25.0 %</title>");
    order("<title>P1, breached: G2 83.3 %</title>", "<title>P1, breached: G1 16.7 %</title>");
    assert!(causes.contains("<title>P1, met: G1 100.0 %</title>"), "{causes}");
    // G2 held no met time: no part for it in the met bar.
    assert!(!causes.contains("<title>P1, met: G2"), "{causes}");
    // The tables: working time, share and breaches held (E breached while Active and G2 held it).
    for row in [
        "<tr><th scope=\"row\">P1</th><td>Active</td><td class=\"n\">5h</td><td class=\"n\">83.3 %</td><td class=\"n\">1</td><td class=\"n\">1h 30m</td><td class=\"n\">75.0 %</td></tr>",
        "<tr><th scope=\"row\">P1</th><td>New</td><td class=\"n\">1h</td><td class=\"n\">16.7 %</td><td class=\"n\">0</td><td class=\"n\">30m</td><td class=\"n\">25.0 %</td></tr>",
        "<tr><th scope=\"row\">P1</th><td>G1</td><td class=\"n\">1h</td><td class=\"n\">16.7 %</td><td class=\"n\">0</td><td class=\"n\">2h</td><td class=\"n\">100.0 %</td></tr>",
        "<tr><th scope=\"row\">P1</th><td>G2</td><td class=\"n\">5h</td><td class=\"n\">83.3 %</td><td class=\"n\">1</td><td class=\"n\">0s</td><td class=\"n\">0.0 %</td></tr>",
    ] {
        assert!(causes.contains(row), "{row} in {causes}");
    }
    // The top breach: E, due 13:00, stopped 15:00: 2 h late; Active and G2 held 5 h of it.
    assert!(html.contains("<tr><td>E</td><td>P1</td><td>2026-03-02T13:00:00Z</td><td class=\"n\">2h</td><td>Active (5h)</td><td>G2 (5h)</td></tr>"), "{html}");
}
