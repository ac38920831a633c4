//! The policy document: named calendars, and the SLA policies that apply to
//! tickets (conditions, metric, target, calendar, pauses, warning, reopen and
//! priority-change rules). Reference with examples: `docs/sla.md`.

use crate::calendar::Calendar;
use crate::error::{quote, Error};
use crate::json_reader::Node;
use crate::sla::duration;
use serde_json::Value;

/// Name of the built-in round-the-clock calendar.
pub const ALWAYS: &str = "24x7";

/// Default warning threshold: a clock is at risk from 75 % of its target.
pub const DEFAULT_WARNING: f64 = 0.75;

/// Statuses that stop a resolution clock unless the document says otherwise.
pub const DEFAULT_RESOLVED_STATUSES: [&str; 2] = ["Resolved", "Closed"];

/// A validated policy document.
#[derive(Clone)]
pub struct PolicySet {
    /// Calendars by name; index 0 is the built-in `24x7`.
    pub calendars: Vec<(String, Calendar)>,
    /// The policies, in document order.
    pub policies: Vec<Policy>,
    /// Statuses in which a ticket counts as resolved (stop the resolution
    /// clock; leaving them for another status is a reopen).
    pub resolved_statuses: Vec<String>,
}

/// One SLA policy.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// Unique name, shown in reports.
    pub name: String,
    /// All must hold for the policy to apply (none: applies to every ticket).
    pub conditions: Vec<Condition>,
    /// What the clock measures.
    pub metric: Metric,
    /// Target in working seconds of the calendar.
    pub target: i64,
    /// Index into [`PolicySet::calendars`].
    pub calendar: usize,
    /// Statuses during which the clock is paused.
    pub pause_statuses: Vec<String>,
    /// Fraction of the target (0 < w ≤ 1) from which an open clock is at risk.
    pub warning: f64,
    /// What a reopened ticket does to the clock.
    pub reopen: ReopenRule,
    /// What a change of a dimension used by the conditions does.
    pub priority_change: ChangeRule,
}

/// A test on one ticket dimension.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    /// Dimension name (`priority`, `service`, … or `kind`).
    pub dimension: String,
    /// The test.
    pub test: Test,
    /// JSON path of the condition, for warnings.
    pub path: String,
}

/// How a dimension value is tested. A ticket without a value passes `Not`
/// and fails `OneOf`.
#[derive(Debug, Clone, PartialEq)]
pub enum Test {
    /// The value is one of these (`"x"` and `{"equals": "x"}` are one-element lists).
    OneOf(Vec<String>),
    /// The value is none of these.
    Not(Vec<String>),
}

/// What a clock measures.
#[derive(Debug, Clone, PartialEq)]
pub enum Metric {
    /// Opened → first response (→ resolution when no response was recorded).
    Response,
    /// Opened → resolved.
    Resolution,
    /// First entry into a `start` status → entry into a `stop` status.
    Custom {
        /// Statuses whose first entry starts the clock.
        start: Vec<String>,
        /// Statuses whose entry stops it.
        stop: Vec<String>,
    },
}

/// The reopen rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReopenRule {
    /// The clock resumes where it stopped (the time spent resolved does not count).
    Continue,
    /// The clock starts again from zero at the reopen.
    Restart,
}

/// The rule for a change of the dimensions the conditions test (priority…).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeRule {
    /// The policy matching the values in force at the evaluation instant
    /// applies, timed from the clock's original start.
    Retroactive,
    /// That policy's clock starts when its conditions became true.
    Restart,
}

impl PolicySet {
    /// Reads and validates a policy document; errors carry the JSON path
    /// below `path` (`policies[2].target`).
    pub fn from_json(doc: &Value, path: &str) -> Result<PolicySet, Error> {
        let root = Node::root(doc, path);
        root.deny_unknown(&["calendars", "resolvedStatuses", "policies"])?;
        let mut calendars = vec![(ALWAYS.to_string(), Calendar::always())];
        if let Some(cals) = root.get("calendars") {
            for (name, spec) in cals.entries()? {
                if name == ALWAYS {
                    return Err(spec.error("\"24x7\" is built in and cannot be redefined"));
                }
                calendars.push((name.to_string(), Calendar::from_json(spec.value(), spec.path())?));
            }
        }
        let resolved_statuses = match root.get("resolvedStatuses") {
            Some(node) => strings(&node)?,
            None => DEFAULT_RESOLVED_STATUSES.iter().map(|s| s.to_string()).collect(),
        };
        let list = root.required("policies")?;
        let items = list.items()?;
        if items.is_empty() {
            return Err(list.error("expected at least one policy"));
        }
        let mut policies: Vec<Policy> = Vec::with_capacity(items.len());
        for item in &items {
            let policy = read_policy(item, &calendars)?;
            if policies.iter().any(|p| p.name == policy.name) {
                return Err(Error::invalid(format!("{}.name", item.path()), format!("{} is used by an earlier policy; names must be unique", quote(&policy.name))));
            }
            policies.push(policy);
        }
        Ok(PolicySet { calendars, policies, resolved_statuses })
    }

    /// The calendar of a policy.
    pub fn calendar_of(&self, policy: &Policy) -> &Calendar {
        // `policy.calendar` was checked against this list when read.
        &self.calendars[policy.calendar.min(self.calendars.len() - 1)].1
    }
}

fn read_policy(node: &Node, calendars: &[(String, Calendar)]) -> Result<Policy, Error> {
    node.deny_unknown(&["name", "when", "metric", "target", "calendar", "pauseStatuses", "warning", "reopen", "priorityChange"])?;
    let name_node = node.required("name")?;
    let name = name_node.str()?.trim().to_string();
    if name.is_empty() {
        return Err(name_node.error("a policy name must not be empty"));
    }
    let mut conditions = Vec::new();
    if let Some(when) = node.get("when") {
        for (dimension, test) in when.entries()? {
            conditions.push(Condition { dimension: dimension.to_string(), test: read_test(&test)?, path: test.path().to_string() });
        }
    }
    let metric = read_metric(&node.required("metric")?)?;
    let target = duration::read(&node.required("target")?)?;
    let calendar = match node.get("calendar") {
        None => 0,
        Some(c) => {
            let wanted = c.str()?;
            let i = calendars.iter().position(|(n, _)| n == wanted).ok_or_else(|| {
                let names: Vec<&str> = calendars.iter().map(|(n, _)| n.as_str()).collect();
                c.error(format!("{} is not a defined calendar; defined: {}", quote(wanted), names.join(", ")))
            })?;
            if calendars[i].1.is_never_open() {
                return Err(c.error(format!("calendar {} has no working window, so no clock on it could ever run", quote(wanted))));
            }
            i
        }
    };
    let pause_statuses = match node.get("pauseStatuses") {
        Some(p) => strings(&p)?,
        None => Vec::new(),
    };
    let warning = match node.get("warning") {
        None => DEFAULT_WARNING,
        Some(w) => {
            let x = w.f64()?;
            if !(x > 0.0 && x <= 1.0) {
                return Err(w.number_error("", x, " is not a fraction of the target in (0, 1] (e.g. 0.75 for 75 %)"));
            }
            x
        }
    };
    let reopen = match node.opt_choice("reopen", &["continue", "restart"])? {
        Some(1) => ReopenRule::Restart,
        _ => ReopenRule::Continue,
    };
    let priority_change = match node.opt_choice("priorityChange", &["retroactive", "restart"])? {
        Some(1) => ChangeRule::Restart,
        _ => ChangeRule::Retroactive,
    };
    Ok(Policy { name, conditions, metric, target, calendar, pause_statuses, warning, reopen, priority_change })
}

fn read_test(node: &Node) -> Result<Test, Error> {
    match node.value() {
        Value::String(_) => Ok(Test::OneOf(vec![node.str()?.to_string()])),
        Value::Array(_) => Ok(Test::OneOf(strings(node)?)),
        Value::Object(map) => {
            if map.len() != 1 {
                return Err(node.error("expected exactly one of: equals, oneOf, not"));
            }
            node.deny_unknown(&["equals", "oneOf", "not"])?;
            if let Some(v) = node.get("equals") {
                Ok(Test::OneOf(vec![v.str()?.to_string()]))
            } else if let Some(v) = node.get("oneOf") {
                Ok(Test::OneOf(strings(&v)?))
            } else if let Some(v) = node.get("not") {
                match v.value() {
                    Value::String(s) => Ok(Test::Not(vec![s.clone()])),
                    _ => Ok(Test::Not(strings(&v)?)),
                }
            } else {
                Err(node.error("expected exactly one of: equals, oneOf, not (with a value, not null)"))
            }
        }
        other => Err(node.error(format!(
            "expected a value, a list of values, or {{\"equals\"|\"oneOf\"|\"not\": …}}, found {}",
            crate::json_reader::describe(other)
        ))),
    }
}

fn read_metric(node: &Node) -> Result<Metric, Error> {
    match node.value() {
        Value::Object(_) => {
            node.deny_unknown(&["start", "stop"])?;
            let start = strings(&node.required("start")?)?;
            let stop = strings(&node.required("stop")?)?;
            if let Some(both) = start.iter().find(|s| stop.contains(s)) {
                return Err(node.error(format!("{} is both a start and a stop status", quote(both))));
            }
            Ok(Metric::Custom { start, stop })
        }
        _ => match node.choice(&["response", "resolution"]) {
            Ok(0) => Ok(Metric::Response),
            Ok(_) => Ok(Metric::Resolution),
            Err(_) => Err(node.error(format!(
                "expected \"response\", \"resolution\" or {{\"start\": [statuses], \"stop\": [statuses]}}, found {}",
                crate::json_reader::describe(node.value())
            ))),
        },
    }
}

/// A non-empty array of non-empty strings.
fn strings(node: &Node) -> Result<Vec<String>, Error> {
    let items = node.items()?;
    if items.is_empty() {
        return Err(node.error("expected at least one value"));
    }
    items
        .iter()
        .map(|i| {
            let s = i.str()?;
            if s.is_empty() {
                Err(i.error("expected a non-empty string"))
            } else {
                Ok(s.to_string())
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn err(doc: Value) -> String {
        match PolicySet::from_json(&doc, "") {
            Ok(_) => panic!("accepted {doc}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn reads_a_full_document_with_defaults() {
        let doc = json!({
            "calendars": {"office": {"timezone": "UTC", "week": {"mon": [["09:00", "17:00"]]}}},
            "policies": [
                {"name": "P1 resolution", "when": {"priority": "1", "service": ["A", "B"], "category": {"not": "x"}},
                 "metric": "resolution", "target": "4h", "calendar": "office", "pauseStatuses": ["On Hold"],
                 "warning": 0.5, "reopen": "restart", "priorityChange": "restart"},
                {"name": "custom", "metric": {"start": ["Active"], "stop": ["Done"]}, "target": 60}
            ]
        });
        let set = PolicySet::from_json(&doc, "").unwrap();
        assert_eq!(set.calendars.len(), 2);
        assert_eq!(set.resolved_statuses, vec!["Resolved", "Closed"]);
        let p = &set.policies[0];
        assert_eq!(p.target, 14_400); // 4 × 3600
        assert_eq!(p.calendar, 1);
        let test = |d: &str| p.conditions.iter().find(|c| c.dimension == d).map(|c| c.test.clone());
        assert_eq!(test("priority"), Some(Test::OneOf(vec!["1".into()])));
        assert_eq!(test("service"), Some(Test::OneOf(vec!["A".into(), "B".into()])));
        assert_eq!(test("category"), Some(Test::Not(vec!["x".into()])));
        assert_eq!((p.reopen, p.priority_change, p.warning), (ReopenRule::Restart, ChangeRule::Restart, 0.5));
        let q = &set.policies[1];
        assert_eq!((q.calendar, q.warning, q.reopen, q.priority_change), (0, 0.75, ReopenRule::Continue, ChangeRule::Retroactive));
        assert_eq!(q.metric, Metric::Custom { start: vec!["Active".into()], stop: vec!["Done".into()] });
    }

    #[test]
    fn errors_name_the_exact_path() {
        let base = |p: Value| json!({"policies": [{"name": "ok", "metric": "response", "target": "1h"}, p]});
        assert_eq!(err(json!({})), "policies: is required but missing");
        assert_eq!(err(json!({"policies": []})), "policies: expected at least one policy");
        assert_eq!(err(json!({"policy": []})), "policy: unknown field; expected one of: calendars, resolvedStatuses, policies");
        assert_eq!(
            err(base(json!({"name": "b", "metric": "response", "target": "4 hours"}))),
            "policies[1].target: \"4 hours\" is not a duration (expected e.g. \"4h\", \"2d 4h\", \"30m\", \"1h30m\" or a number of seconds)"
        );
        assert_eq!(err(base(json!({"name": "b", "metric": "response"}))), "policies[1].target: is required but missing");
        assert_eq!(
            err(base(json!({"name": "b", "metric": "reply", "target": "1h"}))),
            "policies[1].metric: expected \"response\", \"resolution\" or {\"start\": [statuses], \"stop\": [statuses]}, found the string \"reply\""
        );
        assert_eq!(
            err(base(json!({"name": "b", "metric": {"start": ["A"]}, "target": "1h"}))),
            "policies[1].metric.stop: is required but missing"
        );
        assert_eq!(
            err(base(json!({"name": "b", "metric": "response", "target": "1h", "calendar": "office"}))),
            "policies[1].calendar: \"office\" is not a defined calendar; defined: 24x7"
        );
        assert_eq!(
            err(base(json!({"name": "b", "metric": "response", "target": "1h", "when": {"priority": {"oneOf": ["1", 2]}}}))),
            "policies[1].when.priority.oneOf[1]: expected a string, found the number 2"
        );
        assert_eq!(
            err(base(json!({"name": "b", "metric": "response", "target": "1h", "when": {"priority": {"is": "1"}}}))),
            "policies[1].when.priority.is: unknown field; expected one of: equals, oneOf, not"
        );
        assert_eq!(
            err(base(json!({"name": "b", "metric": "response", "target": "1h", "warning": 75}))),
            "policies[1].warning: 75 is not a fraction of the target in (0, 1] (e.g. 0.75 for 75 %)"
        );
        assert_eq!(
            err(base(json!({"name": "b", "metric": "response", "target": "1h", "reopen": "reset"}))),
            "policies[1].reopen: \"reset\" is not one of: continue, restart"
        );
        assert_eq!(
            err(base(json!({"name": "b", "metric": "response", "target": "1h", "pauseStatus": ["x"]}))),
            "policies[1].pauseStatus: unknown field; expected one of: name, when, metric, target, calendar, pauseStatuses, warning, reopen, priorityChange"
        );
        assert_eq!(
            err(base(json!({"name": "ok", "metric": "response", "target": "1h"}))),
            "policies[1].name: \"ok\" is used by an earlier policy; names must be unique"
        );
        assert_eq!(
            err(json!({"calendars": {"closed": {"timezone": "UTC", "week": {}}}, "policies": [{"name": "a", "metric": "response", "target": 1, "calendar": "closed"}]})),
            "policies[0].calendar: calendar \"closed\" has no working window, so no clock on it could ever run"
        );
        assert_eq!(
            err(json!({"calendars": {"24x7": {}}, "policies": [{"name": "a", "metric": "response", "target": 1}]})),
            "calendars.24x7: \"24x7\" is built in and cannot be redefined"
        );
        assert_eq!(
            err(json!({"calendars": {"office": {"timezone": "UTC", "week": {}, "holiday": []}}, "policies": [{"name": "a", "metric": "response", "target": 1}]})),
            "calendars.office.holiday: unknown field; expected one of: timezone, week, holidays"
        );
    }
}
