//! Partial reports (`report::partial`): any partition of the records into
//! data sets of their own (each interning its strings in its own order),
//! made into partials and merged in any order and tree shape, some after a
//! round trip through their JSON, gives the report of the whole data set
//! byte for byte, for every period length, grouping, zone and clock, with
//! and without SLA policies.

use proptest::prelude::*;
use serde_json::{json, Value};
use sla_scorecard::ingest::model::Dataset;
use sla_scorecard::ingest::{load_into, Input, LoadOptions};
use sla_scorecard::report::partial::{from_partial, Partial};
use sla_scorecard::report::{build, ReportOptions};
use sla_scorecard::scorecard::{Config, DEFAULT_SCORECARD};
use sla_scorecard::sla::PolicySet;
use sla_scorecard::support::time::format_instant;

/// 2016-03-01T00:00:00Z.
const BASE: i64 = 1_456_790_400;
const DAY: i64 = 86_400;
const PRIORITIES: [&str; 4] = ["1 - Critical", "2 - High", "3 - Moderate", "4 - Low"];
const SERVICES: [&str; 3] = ["web", "mail", "db"];

fn iso(offset: i64) -> String {
    format_instant(BASE + offset)
}

/// A ticket's fields as offsets from BASE and choices; the id is added by position.
type TicketSpec = (i64, Option<i64>, Option<i64>, Option<usize>, Option<usize>, Option<u8>, Option<bool>, u8, Option<bool>);

fn ticket() -> impl Strategy<Value = TicketSpec> {
    (
        0..110 * DAY,
        // resolved: mostly after opening, sometimes before (a data error)
        prop::option::of(-2 * DAY..40 * DAY),
        prop::option::of(0..3 * DAY),
        prop::option::of(0..PRIORITIES.len()),
        prop::option::of(0..SERVICES.len()),
        prop::option::of(0u8..=10),
        prop::option::of(any::<bool>()),
        0u8..3,
        prop::option::of(any::<bool>()),
    )
}

fn ticket_json(i: usize, t: &TicketSpec) -> Value {
    let (opened, resolved, response, priority, service, csat, fcr, reopen, sla) = *t;
    json!({
        "id": format!("T{i}"),
        "opened": iso(opened),
        "resolved": resolved.map(|d| iso(opened + d)),
        "response": response.map(|d| iso(opened + d)),
        "priority": priority.map(|p| PRIORITIES[p]),
        "service": service.map(|s| SERVICES[s]),
        "csat": csat,
        "fcr": fcr,
        "reopened": reopen,
        "sla": sla,
    })
}

/// Service, start offset, optional length, planned.
type OutageSpec = (usize, i64, Option<i64>, bool);

fn outage_json(o: &OutageSpec) -> Value {
    let (service, start, length, planned) = *o;
    json!({"service": SERVICES[service], "start": iso(start), "end": length.map(|l| iso(start + l)), "planned": planned})
}

/// Type, outcome, service, start offset, optional end offset from start.
type ChangeSpec = (usize, Option<bool>, Option<usize>, i64, Option<i64>);

fn change_json(i: usize, c: &ChangeSpec) -> Value {
    let (kind, outcome, service, start, end) = *c;
    let kind = ["standard", "normal", "emergency"][kind];
    json!({
        "id": format!("C{i}"),
        "type": kind,
        "outcome": outcome.map(|ok| if ok { "successful" } else { "failed" }),
        "service": service.map(|s| SERVICES[s]),
        "start": iso(start),
        "end": end.map(|e| iso(start + e)),
    })
}

fn options(record: &str) -> LoadOptions {
    let value = match record {
        "tickets" => json!({"mapping": {"id": "id", "opened": "opened", "resolved": "resolved", "firstResponse": "response",
            "csat": "csat", "firstContactResolution": "fcr", "reopenCount": "reopened", "slaMet": "sla",
            "dimensions": {"priority": "priority", "service": "service"}}, "csatScale": [0, 10]}),
        "outages" => json!({"record": "outages", "mapping": {"service": "service", "start": "start", "end": "end", "planned": "planned"}}),
        _ => json!({"record": "changes", "mapping": {"id": "id", "type": "type", "outcome": "outcome", "service": "service", "start": "start", "end": "end"}}),
    };
    LoadOptions::from_json(&value, "").expect("valid load options")
}

/// The data set of the records whose part is `part` (every record when `part` is None).
fn dataset(tickets: &[Value], outages: &[Value], changes: &[Value], parts: &[usize], part: Option<usize>) -> Dataset {
    let mut ds = Dataset::default();
    let mut n = 0;
    for (record, rows) in [("tickets", tickets), ("outages", outages), ("changes", changes)] {
        let mine: Vec<Value> =
            rows.iter().enumerate().filter(|&(i, _)| part.map_or(true, |p| parts[(n + i) % parts.len()] == p)).map(|(_, r)| r.clone()).collect();
        n += rows.len();
        load_into(&mut ds, Input::Json(&Value::Array(mine)), &options(record)).expect("the records load");
    }
    ds
}

fn config(zone: &str, business: bool) -> (Value, Config) {
    let mut c: Value = serde_json::from_str(DEFAULT_SCORECARD).expect("the default scorecard");
    c["timezone"] = json!(zone);
    if business {
        c["calendar"] =
            json!({"timezone": zone, "week": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]], "fri": [["09:00", "12:00"], ["13:00", "17:00"]]}});
        c["perspectives"][0]["kpis"][2]["clock"] = json!("business");
        c["perspectives"][0]["kpis"][3]["clock"] = json!("business");
    }
    let parsed = Config::from_json(&c, "").expect("a valid configuration");
    (c, parsed)
}

/// Merges `parts` in the order `order` gives, as a left fold or pairwise.
fn merge_all(mut parts: Vec<Partial>, pairwise: bool) -> Partial {
    if pairwise {
        while parts.len() > 1 {
            let mut next = Vec::new();
            let mut it = parts.into_iter();
            while let Some(mut a) = it.next() {
                if let Some(b) = it.next() {
                    a.merge(b).expect("equal keys");
                }
                next.push(a);
            }
            parts = next;
        }
        parts.pop().expect("one part at least")
    } else {
        let mut it = parts.into_iter();
        let mut acc = it.next().expect("one part at least");
        for p in it {
            acc.merge(p).expect("equal keys");
        }
        acc
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn any_partition_merged_in_any_order_gives_the_whole_report(
        tickets in prop::collection::vec(ticket(), 0..40),
        outages in prop::collection::vec((0..SERVICES.len(), 0..100 * DAY, prop::option::of(0..2 * DAY), any::<bool>()), 0..6),
        changes in prop::collection::vec((0usize..3, prop::option::of(any::<bool>()), prop::option::of(0..SERVICES.len()), 0..100 * DAY, prop::option::of(-DAY..3 * DAY)), 0..6),
        k in 1usize..6,
        assignment in prop::collection::vec(0usize..6, 1..60),
        order_seed in any::<u64>(),
        pairwise in any::<bool>(),
        round_trip in any::<bool>(),
        period in prop::sample::select(vec!["day", "week", "month", "quarter", "all"]),
        group_by in prop::sample::select(vec![None, Some("priority"), Some("service")]),
        zone in prop::sample::select(vec!["UTC", "Europe/Berlin"]),
        business in any::<bool>(),
        with_policies in any::<bool>(),
    ) {
        let tickets: Vec<Value> = tickets.iter().enumerate().map(|(i, t)| ticket_json(i, t)).collect();
        let outages: Vec<Value> = outages.iter().map(outage_json).collect();
        let changes: Vec<Value> = changes.iter().enumerate().map(|(i, c)| change_json(i, c)).collect();
        let parts: Vec<usize> = assignment.iter().map(|a| a % k).collect();
        let (config_json, config) = config(zone, business);
        let calendar = config_json.get("calendar");
        let doc: Value = serde_json::from_str(include_str!("../benches/policies.json")).expect("the policy document");
        let set = PolicySet::from_json(&doc, "").expect("valid policies");
        let policies = with_policies.then_some((&set, &doc));
        // 100 days after BASE: some tickets open after it and count nowhere.
        let options = ReportOptions::from_json(&json!({"asOf": iso(100 * DAY), "period": period, "groupBy": group_by}), "").expect("options");

        let whole = dataset(&tickets, &outages, &changes, &parts, None);
        let expected = build(&whole, &config, &options, policies.map(|(s, _)| s)).map(|r| serde_json::to_string(&r).expect("serialises"));

        let mut partials = Vec::new();
        for p in 0..k {
            let ds = dataset(&tickets, &outages, &changes, &parts, Some(p));
            let partial = Partial::from_dataset(&ds, &config, calendar, &options, policies).expect("a partial");
            partials.push(if round_trip { Partial::from_json(&partial.to_json()).expect("reads back") } else { partial });
        }
        // A permutation from the seed (Fisher–Yates with a 64-bit LCG).
        let mut s = order_seed;
        for i in (1..partials.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            partials.swap(i, (s >> 33) as usize % (i + 1));
        }
        let merged = merge_all(partials, pairwise);
        let got = from_partial(&merged, &config, calendar, &options).map(|r| serde_json::to_string(&r).expect("serialises"));
        match (expected, got) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
            (a, b) => prop_assert_eq!(a.map_err(|e| e.to_string()), b.map_err(|e| e.to_string())),
        }
    }
}

/// Two outages of one service that overlap, in two parts: availability takes
/// their union, so adding the parts' figures would be wrong.
#[test]
fn overlapping_outages_in_two_parts_count_once() {
    // Day periods, asOf 2016-03-02T00:00Z. Outages 10:00–11:00 and 10:30–12:00
    // on 1 March: union 10:00–12:00, DT = 7,200 s; AST = 86,400 s.
    // availability = 100 · (86,400 − 7,200) / 86,400 = 91.66666666666666 (Python: 100*79200/86400)
    // MTRS = 7,200 s / 2 outages = 1.0 h; MTBF = 79,200 s / 2 = 39,600 s = 11.0 h.
    // Added up per part it would be DT = 3,600 + 5,400 = 9,000 s: 89.58333333333334.
    let day_one = |h: i64, m: i64| iso(h * 3600 + m * 60);
    let outage = |s: String, e: String| json!([{"service": "web", "start": s, "end": e, "planned": false}]);
    let mut a = Dataset::default();
    let mut b = Dataset::default();
    load_into(&mut a, Input::Json(&outage(day_one(10, 0), day_one(11, 0))), &options("outages")).expect("loads");
    load_into(&mut b, Input::Json(&outage(day_one(10, 30), day_one(12, 0))), &options("outages")).expect("loads");
    let (_, config) = config("UTC", false);
    let opts = ReportOptions::from_json(&json!({"asOf": iso(DAY), "period": "day"}), "").expect("options");
    let mut merged = Partial::from_dataset(&a, &config, None, &opts, None).expect("a partial");
    merged.merge(Partial::from_dataset(&b, &config, None, &opts, None).expect("a partial")).expect("equal keys");
    let report = serde_json::to_value(from_partial(&merged, &config, None, &opts).expect("a report")).expect("serialises");
    let value = |kpi: &str| report["kpis"].as_array().and_then(|k| k.iter().find(|s| s["kpi"] == kpi)).map(|s| s["all"][0]["value"].clone());
    assert_eq!(value("availability"), Some(json!(91.66666666666666)));
    assert_eq!(value("mtrs"), Some(json!(1.0)));
    assert_eq!(value("mtbf"), Some(json!(11.0)));
}

/// Partials computed for different evaluation instants, zones or policies
/// do not merge; the error names the field.
#[test]
fn partials_of_different_keys_do_not_merge() {
    let ds = Dataset::default();
    let (_, berlin) = config("Europe/Berlin", false);
    let (_, config) = config("UTC", false);
    let opts = |as_of: &str| ReportOptions::from_json(&json!({"asOf": as_of}), "").expect("options");
    let a = || Partial::from_dataset(&ds, &config, None, &opts("2016-04-01T00:00:00Z"), None).expect("a partial");
    let later = Partial::from_dataset(&ds, &config, None, &opts("2016-05-01T00:00:00Z"), None).expect("a partial");
    let e = a().merge(later).expect_err("different asOf").to_string();
    assert!(e.starts_with("key.asOf: 2016-05-01T00:00:00Z differs from 2016-04-01T00:00:00Z"), "{e}");
    let zoned = Partial::from_dataset(&ds, &berlin, None, &opts("2016-04-01T00:00:00Z"), None).expect("a partial");
    let e = a().merge(zoned).expect_err("different zone").to_string();
    assert!(e.starts_with("key.timezone: \"Europe/Berlin\" differs from \"UTC\""), "{e}");
    let e = Partial::from_json(r#"{"format": "sla-scorecard-partial", "version": 2}"#).expect_err("unknown version").to_string();
    assert!(e.starts_with("version: 2 is not a version this engine reads"), "{e}");
    // An instant no engine writes (year 2200 and later) is refused, naming its path.
    let mut json: serde_json::Value = serde_json::from_str(&a().to_json()).expect("JSON");
    json["earliest"] = json!(i64::MAX);
    let e = Partial::from_json(&json.to_string()).expect_err("an instant out of range").to_string();
    assert!(e.starts_with("earliest: 9223372036854775807 is outside the instants"), "{e}");
}
