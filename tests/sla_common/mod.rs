//! Shared helpers of the SLA integration tests: a small data set builder
//! and the "office" calendar (Monday–Friday 09:00–17:00 UTC).
#![allow(dead_code)]

use serde_json::{json, Value};
use sla_scorecard::ingest::model::{Dataset, DimensionChange, DimensionValues, History, MaybeInstant, StatusChange, Ticket};
use sla_scorecard::sla::PolicySet;
use sla_scorecard::support::time::{parse_instant, Instant};

pub const H: i64 = 3600;

pub fn t(s: &str) -> Instant {
    parse_instant(s).unwrap()
}

/// Monday 2026-03-02 at `hm`, plus `days`.
pub fn mon(days: i64, hm: &str) -> Instant {
    t(&format!("2026-03-02T{hm}:00Z")) + days * 86_400
}

pub fn office() -> Value {
    let day = json!([["09:00", "17:00"]]);
    json!({"timezone": "UTC", "week": {"mon": day, "tue": day, "wed": day, "thu": day, "fri": day}})
}

pub fn policies(list: Value) -> PolicySet {
    PolicySet::from_json(&json!({"calendars": {"office": office()}, "policies": list}), "").unwrap()
}

pub struct Spec<'a> {
    pub priority: &'a str,
    pub opened: Instant,
    pub first_response: Option<Instant>,
    pub resolved: Option<Instant>,
    pub statuses: &'a [(Instant, &'a str)],
    pub priority_changes: &'a [(Instant, &'a str)],
}

pub fn spec(opened: Instant) -> Spec<'static> {
    Spec { priority: "3", opened, first_response: None, resolved: None, statuses: &[], priority_changes: &[] }
}

pub fn dataset(specs: &[Spec]) -> Dataset {
    let mut d = Dataset { dimension_names: vec!["priority".into()], ..Default::default() };
    for (i, s) in specs.iter().enumerate() {
        let kind = d.strings.intern("incident");
        let pr = d.strings.intern(s.priority);
        let statuses = s.statuses.iter().map(|&(at, st)| StatusChange { at, status: d.strings.intern(st) }).collect();
        let dimension_changes = s.priority_changes.iter().map(|&(at, v)| DimensionChange { at, dimension: 0, value: Some(d.strings.intern(v)) }).collect();
        d.tickets.push(Ticket {
            id: format!("INC{i}"),
            kind,
            title: String::new(),
            dimensions: {
                let mut d = DimensionValues::new(1);
                d.set(0, Some(pr));
                d
            },
            history: Some(Box::new(History { statuses, assignments: vec![], dimension_changes })),
            opened: s.opened,
            first_response: MaybeInstant::new(s.first_response),
            resolved: MaybeInstant::new(s.resolved),
            closed: MaybeInstant::NONE,
            reopen_count: 0,
            csat: None,
            first_contact_resolution: None,
            source_sla_met: None,
            source_row: i + 1,
        });
    }
    d
}

/// A hash of a JSON value that does not depend on key order or on how a
/// number was written (`100` and `100.0` hash alike): FNV-1a 64 of a
/// canonical text. Used to compare whole reports between the native build
/// and the browser.
pub fn canonical_hash(v: &Value) -> u64 {
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
    let mut text = String::new();
    write(v, &mut text);
    text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
}

/// The event log of the dimension-condition tests (`tests/sla_conditions.rs`,
/// `tests/wasm_sla.rs`). Ticket A: opened Mon 09:00 with Service Desk; Network from 10:00, On
/// Hold 12:00–13:00; Database from 14:00; Network again Tue 10:00;
/// resolved Tue 11:30. Ticket B (Service Desk): waiting on the customer
/// Mon 11:00–15:00, resolved Tue 11:00.
pub const CONDITION_EVENTS: &str = "id,state,updated,opened,group,waiting,agreed
A,New,2026-03-02T09:00:00Z,2026-03-02T09:00:00Z,Service Desk,,
A,Active,2026-03-02T10:00:00Z,2026-03-02T09:00:00Z,Network,,
A,On Hold,2026-03-02T12:00:00Z,2026-03-02T09:00:00Z,Network,,
A,Active,2026-03-02T13:00:00Z,2026-03-02T09:00:00Z,Network,,
A,Active,2026-03-02T14:00:00Z,2026-03-02T09:00:00Z,Database,,
A,Active,2026-03-03T10:00:00Z,2026-03-02T09:00:00Z,Network,,
A,Resolved,2026-03-03T11:30:00Z,2026-03-02T09:00:00Z,Network,,
B,Active,2026-03-02T09:00:00Z,2026-03-02T09:00:00Z,Service Desk,,
B,Active,2026-03-02T11:00:00Z,2026-03-02T09:00:00Z,Service Desk,customer,
B,Active,2026-03-02T15:00:00Z,2026-03-02T09:00:00Z,Service Desk,agent,
B,Resolved,2026-03-03T11:00:00Z,2026-03-02T09:00:00Z,Service Desk,agent,
";
