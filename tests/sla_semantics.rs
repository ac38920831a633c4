//! Vendor semantics (`"semantics": "servicenow" | "jsm" | "zendesk"` at the
//! top of a policy document): one test per default that differs between
//! the products, each reproducing the worked example of the vendor page
//! named in docs/sla.md §1 "Vendor semantics", by hand (arithmetic in the
//! comments); plus the explicit per-policy fields winning over a preset,
//! the errors, and the command line.
//! Calendar "office": Monday–Friday 09:00–17:00 UTC; 2026-03-02 is a
//! Monday, so `mon(1, …)` is Tuesday 3 March.

mod sla_common;

use serde_json::{json, Value};
use sla_common::*;
use sla_scorecard::sla::{evaluate, Outcome, PolicySet, State};
use sla_scorecard::support::time::Instant;

/// A document with the office calendar, JSM's example calendar ("jsm":
/// Mon 09:00–17:00, Tue 09:00–16:00, Thu 08:00–17:00) and `semantics`
/// (none when `None`).
fn doc(semantics: Option<&str>, policies: Value) -> Value {
    let jsm = json!({"timezone": "UTC", "week": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "16:00"]], "thu": [["08:00", "17:00"]]}});
    let mut d = json!({"calendars": {"office": office(), "jsm": jsm}, "policies": policies});
    if let Some(s) = semantics {
        d["semantics"] = json!(s);
    }
    d
}

fn set(semantics: Option<&str>, policies: Value) -> PolicySet {
    PolicySet::from_json(&doc(semantics, policies), "").unwrap()
}

fn err(semantics: Option<&str>, policies: Value) -> String {
    match PolicySet::from_json(&doc(semantics, policies), "") {
        Ok(_) => panic!("accepted"),
        Err(e) => e.to_string(),
    }
}

/// The only outcome of one ticket opened at `opened` (priority "3", no
/// status history besides `statuses`), resolved at `resolved`, as of `as_of`.
fn outcome(set: &PolicySet, opened: Instant, statuses: &[(Instant, &str)], resolved: Option<Instant>, as_of: Instant) -> Outcome {
    let data = dataset(&[Spec { statuses, resolved, ..spec(opened) }]);
    let e = evaluate(&data, set, as_of);
    assert_eq!(e.outcomes.len(), 1);
    e.outcomes[0].clone()
}

/// Day unit, ServiceNow ("SLA duration and schedules",
/// c_SLATimingsAndSchedules): "a duration of one day, which is 24 hours,
/// and a schedule of 9 am to 5 pm … distribute the 24 hours across three
/// working days of 8 hours each". Zendesk's targets are minutes of business
/// hours, so its day is the same 1,440 minutes.
#[test]
fn day_unit_servicenow_and_zendesk_is_24_working_hours() {
    // Opened Mon 09:00, "1d" on 09:00–17:00: Mon 8 h + Tue 8 h + Wed 8 h = 24 h → due Wed 17:00.
    // Resolved Wed 16:00 → met, elapsed 23 h = 82,800 s.
    let policy = json!([{"name": "res", "metric": "resolution", "target": "1d", "calendar": "office"}]);
    for semantics in [Some("servicenow"), Some("zendesk"), None] {
        let o = outcome(&set(semantics, policy.clone()), mon(0, "09:00"), &[], Some(mon(2, "16:00")), mon(7, "00:00"));
        assert_eq!((o.state, o.target, o.due, o.elapsed), (State::Met, 86_400, Some(mon(2, "17:00")), 82_800), "{semantics:?}");
    }
    // Under JSM the same "1d" is one business day: Mon 09:00 → Tue 09:00, 8 h of working time,
    // due at the earliest instant with 8 h counted, Mon 17:00 → breached at Wed 16:00.
    let o = outcome(&set(Some("jsm"), policy), mon(0, "09:00"), &[], Some(mon(2, "16:00")), mon(7, "00:00"));
    assert_eq!((o.state, o.target, o.due), (State::Breached, 8 * H, Some(mon(0, "17:00"))));
}

/// Day unit, JSM ("How teams see SLAs": minutes, hours, days and weeks are
/// calculated with the calendar's working hours). The page's example: a
/// 16 h goal started Monday 11:00 on Mon 09–17, Tue 09–16, Thu 08–17.
#[test]
fn day_unit_jsm_is_a_business_day() {
    // The page's 16 h goal: Mon 11:00–17:00 = 6 h, Tue 09:00–16:00 = 7 h (13 h),
    // Wed not working, Thu 08:00 + 3 h → due Thu 11:00 (the same under every preset).
    let hours = json!([{"name": "res", "metric": "resolution", "target": "16h", "calendar": "jsm"}]);
    let o = outcome(&set(Some("jsm"), hours), mon(0, "11:00"), &[], None, mon(0, "12:00"));
    assert_eq!((o.target, o.due), (16 * H, Some(mon(3, "11:00"))));
    // "1d" under JSM: Tue 11:00, the same local time on the next working day;
    // Mon 11–17 = 6 h + Tue 09–11 = 2 h = 8 h = 28,800 s.
    let one = json!([{"name": "res", "metric": "resolution", "target": "1d", "calendar": "jsm"}]);
    let o = outcome(&set(Some("jsm"), one.clone()), mon(0, "11:00"), &[], None, mon(0, "12:00"));
    assert_eq!((o.target, o.due), (28_800, Some(mon(1, "11:00"))));
    // "2d": Thu 11:00 (Wednesday does not work) = 6 h + 7 h + 3 h = 16 h — the page's goal.
    let two = json!([{"name": "res", "metric": "resolution", "target": "2d", "calendar": "jsm"}]);
    let o = outcome(&set(Some("jsm"), two), mon(0, "11:00"), &[], None, mon(0, "12:00"));
    assert_eq!((o.target, o.due), (16 * H, Some(mon(3, "11:00"))));
    // Under ServiceNow "1d" is 24 working hours: 6 + 7 + 9 (Thu 08–17) = 22 h by Thu 17:00,
    // 2 h more from the next Monday 09:00 → Mon 9 March 11:00.
    let o = outcome(&set(Some("servicenow"), one), mon(0, "11:00"), &[], None, mon(0, "12:00"));
    assert_eq!((o.target, o.due), (24 * H, Some(mon(7, "11:00"))));
    // Hours stay hours and "bd" stays business days under every preset.
    let bd = json!([{"name": "res", "metric": "resolution", "target": "1bd", "calendar": "jsm"}]);
    let o = outcome(&set(Some("servicenow"), bd), mon(0, "11:00"), &[], None, mon(0, "12:00"));
    assert_eq!(o.due, Some(mon(1, "11:00")));
}

/// A version's target (docs/sla.md §3.7) reads its days as the document's
/// semantics says, like the policy's own target.
#[test]
fn day_unit_jsm_applies_to_versions_too() {
    // From Sunday 1 March the version's "1d" applies: under JSM a business day,
    // Mon 11:00 → Tue 11:00 = Mon 11–17 (6 h) + Tue 09–11 (2 h) = 28,800 s.
    let versioned = json!([{"name": "res", "metric": "resolution", "target": "16h", "calendar": "jsm",
        "versions": [{"validFrom": "2026-03-01", "target": "1d"}]}]);
    let o = outcome(&set(Some("jsm"), versioned.clone()), mon(0, "11:00"), &[], None, mon(0, "12:00"));
    assert_eq!((o.version, o.target, o.due), (1, 28_800, Some(mon(1, "11:00"))));
    // Without semantics the same version is 24 working hours (the Monday after, 11:00: see above).
    let o = outcome(&set(None, versioned), mon(0, "11:00"), &[], None, mon(0, "12:00"));
    assert_eq!((o.version, o.target, o.due), (1, 24 * H, Some(mon(7, "11:00"))));
    let combined = json!([{"name": "res", "metric": "resolution", "target": "16h",
        "versions": [{"validFrom": "2026-03-01", "target": "2d 4h"}]}]);
    assert_eq!(
        err(Some("jsm"), combined),
        "policies[0].versions[0].target: under \"semantics\": \"jsm\" a day is a business day: write \"2d\" alone (at most 36500 d) or hours"
    );
}

#[test]
fn jsm_days_combined_with_other_units_are_refused() {
    let p = |target: &str| json!([{"name": "res", "metric": "resolution", "target": target}]);
    assert_eq!(
        err(Some("jsm"), p("2d 4h")),
        "policies[0].target: under \"semantics\": \"jsm\" a day is a business day: write \"2d\" alone (at most 36500 d) or hours"
    );
    assert_eq!(err(Some("jsm"), p("36501d")), err(Some("jsm"), p("2d 4h")));
    // Without JSM semantics "2d 4h" is 52 working hours.
    assert_eq!(set(Some("servicenow"), p("2d 4h")).policies[0].target, sla_scorecard::sla::duration::Target::Days(0, 52 * H));
}

/// The ticket of the reopen tests: office calendar, 8 h resolution target;
/// opened Mon 09:00, Resolved Mon 12:00, reopened (Active) Tue 09:00,
/// Resolved Tue 15:00.
fn reopened(semantics: Option<&str>, extra: Value) -> Outcome {
    let mut p = json!({"name": "res", "metric": "resolution", "target": "8h", "calendar": "office"});
    if let (Some(p), Some(extra)) = (p.as_object_mut(), extra.as_object()) {
        p.extend(extra.clone());
    }
    let statuses = [(mon(0, "09:00"), "New"), (mon(0, "12:00"), "Resolved"), (mon(1, "09:00"), "Active"), (mon(1, "15:00"), "Resolved")];
    outcome(&set(semantics, json!([p])), mon(0, "09:00"), &statuses, Some(mon(1, "15:00")), mon(7, "00:00"))
}

/// Reopen. ServiceNow ("Service Level Agreement (SLA) processing",
/// c_SLAProcessing): a definition without an *active* task SLA attaches a
/// new one when its start condition matches and its stop condition does
/// not — a reopened incident gets a new task SLA counting from the reopen.
/// JSM ("How teams see SLAs", past cycles): a start condition detected
/// again after the stop starts a new cycle — the engine's nearest rule is
/// `restart` (the last cycle is the outcome). Zendesk ("Defining SLA
/// policies"): requester wait time is the time spent in New, Open and
/// On-hold, so the time after a reopen adds to the time before: `continue`.
#[test]
fn reopen_restarts_under_servicenow_and_jsm_and_continues_under_zendesk() {
    // continue: Mon 09–12 = 3 h; 5 h left from Tue 09:00 → due Tue 14:00;
    // resolved Tue 15:00 → breached, elapsed 3 h + 6 h = 9 h = 32,400 s, late 1 h.
    for semantics in [Some("zendesk"), None] {
        let o = reopened(semantics, json!({}));
        assert_eq!((o.state, o.elapsed, o.due, o.late), (State::Breached, 32_400, Some(mon(1, "14:00")), Some(H)), "{semantics:?}");
    }
    // restart: counts from Tue 09:00; Tue 09–15 = 6 h = 21,600 s ≤ 8 h → met, due Tue 17:00.
    for semantics in [Some("servicenow"), Some("jsm")] {
        let o = reopened(semantics, json!({}));
        assert_eq!((o.state, o.start, o.elapsed, o.due), (State::Met, mon(1, "09:00"), 21_600, Some(mon(1, "17:00"))), "{semantics:?}");
    }
    // The policy's own field wins over the preset.
    let o = reopened(Some("servicenow"), json!({"reopen": "continue"}));
    assert_eq!((o.state, o.elapsed), (State::Breached, 32_400));
    let o = reopened(Some("zendesk"), json!({"reopen": "restart"}));
    assert_eq!((o.state, o.elapsed), (State::Met, 21_600));
}

/// The late upgrade of docs/sla.md §3.5: P3 (16 h) opened Mon 09:00, raised
/// to P1 (4 h) on Tue 13:00, resolved Tue 15:30; `p1` adds fields to P1.
fn upgraded(semantics: Option<&str>, p1: Value) -> Outcome {
    let mut one = json!({"name": "P1", "when": {"priority": "1"}, "metric": "resolution", "target": "4h", "calendar": "office"});
    if let (Some(p), Some(extra)) = (one.as_object_mut(), p1.as_object()) {
        p.extend(extra.clone());
    }
    let three = json!({"name": "P3", "when": {"priority": "3"}, "metric": "resolution", "target": "16h", "calendar": "office"});
    let changes = [(mon(0, "09:00"), "3"), (mon(1, "13:00"), "1")];
    let data = dataset(&[Spec { priority: "1", priority_changes: &changes, resolved: Some(mon(1, "15:30")), ..spec(mon(0, "09:00")) }]);
    let e = evaluate(&data, &set(semantics, json!([one, three])), mon(7, "00:00"));
    assert_eq!(e.outcomes.len(), 1);
    e.outcomes[0].clone()
}

/// Priority change. ServiceNow ("SLA conditions", c_SLAConditions): with
/// "When to cancel: Start conditions are not met" (the default) the P3 task
/// SLA is cancelled when the priority changes, and the P1 definition
/// attaches at that update — its clock starts at the change (`restart`);
/// the page's example of "Retroactive start" with "Set start to: Created"
/// is `priorityChange: "retroactive"`. JSM ("Use priority to group SLA
/// goals": issues are checked against the goals top to bottom; a priority
/// change does not start a cycle, so the goal applies from the cycle's
/// start) and Zendesk ("Defining SLA policies": when the priority changes
/// the targets on the ticket are updated, counted from the metric's
/// activation): the new target from the original start (`retroactive`).
#[test]
fn priority_change_restarts_under_servicenow_and_retargets_under_jsm_and_zendesk() {
    // restart: P1 from Tue 13:00; 13:00–15:30 = 2 h 30 = 9,000 s ≤ 4 h → met, due Tue 17:00.
    let o = upgraded(Some("servicenow"), json!({}));
    assert_eq!((o.state, o.start, o.elapsed, o.due), (State::Met, mon(1, "13:00"), 9_000, Some(mon(1, "17:00"))));
    // retroactive: P1 from Mon 09:00 → due Mon 13:00; resolved Tue 15:30 → breached,
    // late = Mon 13:00 → Tue 15:30 = 26 h 30 = 95,400 s; elapsed Mon 8 h + Tue 09–15:30 6 h 30 = 14 h 30.
    for semantics in [Some("jsm"), Some("zendesk"), None] {
        let o = upgraded(semantics, json!({}));
        assert_eq!((o.state, o.start, o.elapsed, o.due, o.late), (State::Breached, mon(0, "09:00"), 52_200, Some(mon(0, "13:00")), Some(95_400)));
    }
    // ServiceNow's "Retroactive start" (Set start to: Created) written as the policy's own field.
    let o = upgraded(Some("servicenow"), json!({"priorityChange": "retroactive"}));
    assert_eq!((o.state, o.start, o.due), (State::Breached, mon(0, "09:00"), Some(mon(0, "13:00"))));
}

/// A clock ending exactly at its due instant. ServiceNow ("Use exact times
/// in SLA calculations", t_SLABreachCalculation): "a business percentage of
/// 99.951% is rounded up to 100%, which causes a breach" — 100 % is a
/// breach. The engine compares seconds, so 99.951 % stays met (the page's
/// remedy, time left, rather than its rounding).
#[test]
fn a_clock_at_exactly_its_target_is_breached_under_servicenow() {
    // 24x7, 4 h: opened 09:00, resolved 13:00 = due → 100 %: breached, 0 s late, under ServiceNow.
    let p = json!([{"name": "res", "metric": "resolution", "target": "4h"}]);
    let o = outcome(&set(Some("servicenow"), p.clone()), mon(0, "09:00"), &[], Some(mon(0, "13:00")), mon(1, "00:00"));
    assert_eq!((o.state, o.elapsed, o.due, o.breach, o.late), (State::Breached, 4 * H, Some(mon(0, "13:00")), Some(mon(0, "13:00")), Some(0)));
    // Met under the others and without semantics (docs/sla.md §3.2).
    for semantics in [Some("jsm"), Some("zendesk"), None] {
        let o = outcome(&set(semantics, p.clone()), mon(0, "09:00"), &[], Some(mon(0, "13:00")), mon(1, "00:00"));
        assert_eq!((o.state, o.breach, o.late), (State::Met, None, None), "{semantics:?}");
    }
    // One second earlier, 14,399 / 14,400 = 99.993 %: met under ServiceNow too.
    let o = outcome(&set(Some("servicenow"), p.clone()), mon(0, "09:00"), &[], Some(mon(0, "13:00") - 1), mon(1, "00:00"));
    assert_eq!(o.state, State::Met);
    // The page's 99.951 %: target 100,000 s, stopped after 99,951 s → met (not rounded to 100 %).
    let p100k = json!([{"name": "res", "metric": "resolution", "target": 100_000}]);
    let o = outcome(&set(Some("servicenow"), p100k), mon(0, "09:00"), &[], Some(mon(0, "09:00") + 99_951), mon(7, "00:00"));
    assert_eq!((o.state, o.elapsed), (State::Met, 99_951));
    // Open, evaluated exactly at the due instant: breached under ServiceNow, at risk otherwise
    // (4 h ≥ warning 0.75 × 4 h, not yet past due).
    let o = outcome(&set(Some("servicenow"), p.clone()), mon(0, "09:00"), &[], None, mon(0, "13:00"));
    assert_eq!((o.state, o.late), (State::Breached, Some(0)));
    let o = outcome(&set(None, p), mon(0, "09:00"), &[], None, mon(0, "13:00"));
    assert_eq!(o.state, State::AtRisk);
    // The policy's own `metAtDue` wins over the preset, both ways.
    let own = |v: bool| json!([{"name": "res", "metric": "resolution", "target": "4h", "metAtDue": v}]);
    let o = outcome(&set(Some("servicenow"), own(true)), mon(0, "09:00"), &[], Some(mon(0, "13:00")), mon(1, "00:00"));
    assert_eq!(o.state, State::Met);
    let o = outcome(&set(None, own(false)), mon(0, "09:00"), &[], Some(mon(0, "13:00")), mon(1, "00:00"));
    assert_eq!(o.state, State::Breached);
}

#[test]
fn semantics_errors_name_the_field_and_the_values() {
    let p = json!([{"name": "res", "metric": "resolution", "target": "4h"}]);
    assert_eq!(err(Some("sap"), p.clone()), "semantics: unknown variant `sap`, expected one of `servicenow`, `jsm`, `zendesk`");
    assert_eq!(err(Some("ServiceNow"), p.clone()), "semantics: unknown variant `ServiceNow`, expected one of `servicenow`, `jsm`, `zendesk`");
    let bad = json!([{"name": "res", "metric": "resolution", "target": "4h", "metAtDue": "no"}]);
    assert_eq!(err(None, bad), "policies[0].metAtDue: invalid type: string \"no\", expected a boolean");
}

/// The command line reads `semantics` from the policy file: a ticket
/// resolved exactly at its 4 h due instant (09:00 → 13:00 on 24x7) is
/// breached under ServiceNow, 0 s late, and met without semantics.
#[test]
fn command_line_applies_the_preset() {
    let dir = std::env::temp_dir().join(format!("sla-semantics-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let data = dir.join("d.csv");
    std::fs::write(&data, "id,opened,resolved\nA,2026-03-02T09:00:00Z,2026-03-02T13:00:00Z\n").unwrap();
    let mapping = dir.join("m.json");
    std::fs::write(&mapping, r#"{"id": "id", "opened": "opened", "resolved": "resolved"}"#).unwrap();
    let run = |semantics: &str| {
        let p = dir.join(format!("p-{semantics}.json"));
        let s = if semantics.is_empty() { String::new() } else { format!(r#""semantics": "{semantics}", "#) };
        std::fs::write(&p, format!(r#"{{{s}"policies": [{{"name": "P", "metric": "resolution", "target": "4h"}}]}}"#)).unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_sla-scorecard"))
            .args(["sla", "--policies", &p.to_string_lossy(), "--data", &data.to_string_lossy(), "--mapping", &mapping.to_string_lossy()])
            .args(["--as-of", "2026-03-03T00:00:00Z"])
            .output()
            .unwrap();
        (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (ok, stdout, stderr) = run("servicenow");
    assert!(ok, "{stderr}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!((&v["outcomes"][0]["state"], &v["outcomes"][0]["lateSeconds"]), (&json!("breached"), &json!(0)));
    let v: Value = serde_json::from_str(&run("").1).unwrap();
    assert_eq!(v["outcomes"][0]["state"], json!("met"));
    let (ok, _, stderr) = run("sap");
    assert!(!ok);
    assert!(stderr.contains("semantics: unknown variant `sap`, expected one of `servicenow`, `jsm`, `zendesk`"), "{stderr}");
}
