//! Shared by the native/wasm parity tests (`tests/parity_native.rs`,
//! `tests/wasm_parity.rs`): the inputs of the two compared runs, a seeded
//! generator of an event log, and the canonical text of a report.
//!
//! The native suite computes each report with the core and compares its
//! canonical text with the committed `tests/parity/*.json` (rewritten with
//! `UPDATE_PARITY=1`); the browser suite computes the same reports through
//! the JS API and compares byte for byte with the same files. So the two
//! builds agree whenever both suites pass, and the files cannot drift.
#![allow(dead_code)]

use serde_json::Value;

/// Load options of both data sets.
pub const LOAD_OPTIONS: &str = r#"{"preset":"servicenow-event-log"}"#;
/// Report options of the sample run.
pub const SAMPLE_OPTIONS: &str = r#"{"groupBy":"priority"}"#;
/// Report options of the generated run: weeks, grouped by service.
pub const GENERATED_OPTIONS: &str = r#"{"period":"week","groupBy":"service"}"#;
/// Policies of the generated run: business-hours clocks in Berlin (the
/// wasm build reads the zone from the browser's `Intl`, the native one from
/// chrono-tz) with pauses, besides 24x7 resolution targets.
pub const GENERATED_POLICIES: &str = r#"{
  "calendars": {"office": {"timezone": "Europe/Berlin",
    "week": {"mon": [["08:00","18:00"]], "tue": [["08:00","18:00"]], "wed": [["08:00","18:00"]], "thu": [["08:00","18:00"]], "fri": [["08:00","17:00"]]},
    "holidays": ["2026-04-03", "2026-04-06", "2026-05-01"]}},
  "resolvedStatuses": ["Resolved", "Closed"],
  "policies": [
    {"name": "P1 response", "when": {"priority": "1 - Critical"}, "metric": "response", "target": "30m", "calendar": "office"},
    {"name": "P1 resolution", "when": {"priority": "1 - Critical"}, "metric": "resolution", "target": "4h"},
    {"name": "P2 resolution", "when": {"priority": "2 - High"}, "metric": "resolution", "target": "1d", "calendar": "office", "pauseStatuses": ["Awaiting User Info"]},
    {"name": "P3 resolution", "when": {"priority": ["3 - Moderate", "4 - Low"]}, "metric": "resolution", "target": "3d", "calendar": "office", "pauseStatuses": ["Awaiting User Info"]}
  ]
}"#;
/// A scorecard of the generated run with business-clock KPIs in Berlin.
pub const GENERATED_SCORECARD: &str = r#"{
  "name": "Parity", "period": "week", "timezone": "Europe/Berlin",
  "calendar": {"timezone": "Europe/Berlin", "week": {"mon": [["08:00","18:00"]], "tue": [["08:00","18:00"]], "wed": [["08:00","18:00"]], "thu": [["08:00","18:00"]], "fri": [["08:00","17:00"]]}},
  "perspectives": [
    {"name": "Speed", "weight": 2, "kpis": [
      {"kpi": "mttr_median", "clock": "business", "target": 8, "baseline": 40},
      {"kpi": "sla_compliance", "target": 95, "baseline": 60}]},
    {"name": "Flow", "kpis": [{"kpi": "backlog", "direction": "lower", "target": 20, "baseline": 80}]}
  ]
}"#;

/// Header of the generated log (the `servicenow-event-log` preset's columns).
const HEADER: &str = "number,incident_state,sys_mod_count,made_sla,opened_at,sys_updated_at,contact_type,cmdb_ci,priority,assignment_group,assigned_to,reopen_count,resolved_at,closed_at";

/// A 64-bit linear congruential generator (Knuth's MMIX constants): the
/// same numbers natively and in wasm.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// `dd-mm-yyyy hh:mm` of epoch seconds (the preset's format), by the civil
/// calendar algorithm (days from civil, Howard Hinnant).
fn stamp(t: i64) -> String {
    let (days, secs) = (t.div_euclid(86_400), t.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{d:02}-{m:02}-{y:04} {:02}:{:02}", secs / 3600, secs % 3600 / 60)
}

/// A seeded event log of `tickets` incidents opened over 13 weeks from
/// Monday 2026-03-02 (across the March DST change): each goes New → In
/// Progress → (Awaiting User Info → In Progress) → Resolved → Closed,
/// stopping early for some, with random gaps, priorities and services.
pub fn generated_log(seed: u64, tickets: usize) -> String {
    let mut rng = Lcg(seed);
    let start = 1_772_409_600; // 2026-03-02T00:00:00Z
    let mut out = String::from(HEADER);
    out.push('\n');
    for i in 0..tickets {
        let opened = start + rng.next(13 * 7 * 86_400) as i64;
        let priority = ["1 - Critical", "2 - High", "3 - Moderate", "3 - Moderate", "4 - Low"][rng.next(5) as usize];
        let service = ["mail", "vpn", "erp", "web"][rng.next(4) as usize];
        let channel = ["Phone", "Email", "Self service"][rng.next(3) as usize];
        let group = format!("Group {}", rng.next(6));
        let mut states = vec!["New", "In Progress"];
        if rng.next(4) == 0 {
            states.extend(["Awaiting User Info", "In Progress"]);
        }
        states.extend(["Resolved", "Closed"]);
        let stop = (1 + rng.next(states.len() as u64 + 2) as usize).min(states.len() - 1);
        let mut t = opened;
        let mut times = Vec::new();
        for _ in 0..=stop {
            times.push(t);
            let longest = if rng.next(3) == 0 { 3 * 24 * 60 } else { 6 * 60 };
            t += 60 * (1 + rng.next(longest) as i64);
        }
        let resolved = states[..=stop].iter().position(|s| *s == "Resolved").map(|k| stamp(times[k]));
        let closed = states[..=stop].iter().position(|s| *s == "Closed").map(|k| stamp(times[k]));
        for (k, state) in states[..=stop].iter().enumerate() {
            let assignee = if k == 0 { "?".to_string() } else { format!("Agent {}", rng.next(9)) };
            out.push_str(&format!(
                "GEN{i:05},{state},{k},{},{},{},{channel},{service},{priority},{group},{assignee},0,{},{}\n",
                if rng.next(5) == 0 { "FALSE" } else { "TRUE" },
                stamp(opened),
                stamp(times[k]),
                resolved.as_deref().unwrap_or("?"),
                closed.as_deref().unwrap_or("?"),
            ));
        }
    }
    out
}

/// The report as canonical text: object keys sorted, numbers as `f64`
/// (`Display`: the shortest text that reads back), strings JSON-escaped,
/// no spaces. JS numbers coming back from the browser as integers or
/// floats print the same.
pub fn canonical(v: &Value) -> String {
    let mut out = String::new();
    write(v, &mut out);
    out.push('\n');
    out
}

fn write(v: &Value, out: &mut String) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&format!("{}", n.as_f64().unwrap_or(f64::NAN))),
        Value::String(s) => out.push_str(&Value::String(s.clone()).to_string()),
        Value::Array(items) => {
            out.push('[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                if x.is_object() {
                    out.push('\n');
                }
                write(x, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                write(&map[k], out);
            }
            out.push('}');
        }
    }
}

/// Where two canonical texts first differ, for a readable failure.
pub fn first_difference(a: &str, b: &str) -> Option<String> {
    if a == b {
        return None;
    }
    let at = a.bytes().zip(b.bytes()).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
    let lo = at.saturating_sub(120);
    let clip = |s: &str| s.get(lo..(at + 120).min(s.len())).unwrap_or("").to_string();
    Some(format!("texts differ at byte {at} (lengths {} and {}):\n  got:      …{}…\n  expected: …{}…", a.len(), b.len(), clip(a), clip(b)))
}

/// Evaluation instant of the generated run's SLA report.
pub const GENERATED_SLA_AS_OF: &str = "2026-05-20T12:00:00Z";
/// SLA report options of the generated run (as the JS API reads them).
pub const GENERATED_SLA_OPTIONS: &str = r#"{"period":"week","by":"open","dimension":"priority","zone":"Europe/Berlin"}"#;
