//! The policy document: named calendars, and the SLA policies that apply to
//! tickets (conditions, metric, target, calendar, pauses, warning, reopen and
//! priority-change rules, effective-dated versions, conditions on the
//! ticket's dimensions over time, a negotiated goal), and the vendor
//! semantics a document can take its defaults from. Reference with examples:
//! `docs/sla.md`.

use crate::calendar::Calendar;
use crate::sla::duration::{Target, JSM_DAYS};
use crate::support::error::{quote, Error};
use crate::support::json_reader::{checked, from_value, join, refuse_value, Number};
use crate::support::time::{check_range, read_iso, Instant};
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{Deserializer, Error as _, IgnoredAny, MapAccess, SeqAccess, Unexpected, Visitor};
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;

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
    /// The conditions on dimensions, each with its [`Role`]: those of
    /// `when` must all hold for the policy to apply (none: it applies to
    /// every ticket); the others gate its clock (§3.8) or give its due
    /// instant (`dueAt`, §3.9).
    pub conditions: Vec<Condition>,
    /// What the clock measures.
    pub metric: Metric,
    /// Target: working seconds of the calendar, or business days.
    pub target: Target,
    /// Index into [`PolicySet::calendars`].
    pub calendar: usize,
    /// Statuses during which the clock is paused.
    pub pause_statuses: Vec<String>,
    /// Fraction of the target (0 < w ≤ 1) from which an open clock is at risk.
    pub warning: f64,
    /// Warning thresholds (fractions in (0, 1], strictly increasing) whose
    /// crossing instants each outcome carries.
    pub warnings: Vec<f64>,
    /// What a reopened ticket does to the clock.
    pub reopen: ReopenRule,
    /// What a change of a dimension used by the conditions does.
    pub priority_change: ChangeRule,
    /// Effective-dated versions, in time order, not overlapping; where none
    /// is in force the fields above apply (docs/sla.md §3.7).
    pub versions: Vec<Version>,
    /// Which instant of a ticket selects the version in force.
    pub version_by: VersionBy,
    /// Whether a clock that reaches its target exactly at its stop (or at
    /// the evaluation instant while open) is met; if not, it is breached.
    pub met_at_due: bool,
}

/// What a condition does: the key of the policy that holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// `when`: the policy applies only while all hold.
    When,
    /// `runWhile`: the clock starts when all first hold and is paused while
    /// they do not (an OLA: while a group holds the ticket).
    Run,
    /// `pauseWhen`: the clock is paused while all hold.
    Pause,
    /// `startWhen`: the clock starts when all first hold.
    Start,
    /// `stopWhen`: the clock is stopped while all hold.
    Stop,
    /// `dueAt`: the dimension whose value, a date or instant, is the due
    /// instant (a negotiated goal; its test is unused).
    Due,
}

/// One effective-dated version of a policy: its target, calendar and pause
/// statuses from `from` (inclusive) until `to` (exclusive); the fields it
/// does not give are the policy's own.
#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    /// First instant in force (`validFrom`).
    pub from: Instant,
    /// First instant no longer in force (`validTo`); `None`: open-ended.
    pub to: Option<Instant>,
    /// The name reports show (`name`, else `from <validFrom>[ to <validTo>]`).
    pub label: String,
    /// Target in force.
    pub target: Target,
    /// Calendar in force (index into [`PolicySet::calendars`]).
    pub calendar: usize,
    /// Pause statuses in force.
    pub pause_statuses: Vec<String>,
}

/// Which instant of a ticket selects a policy's version (`versionBy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VersionBy {
    /// The ticket's opening instant (default).
    Opened,
    /// The instant the clock stopped; a clock still running (or never
    /// started) as of the evaluation instant: the evaluation instant.
    Stopped,
}

/// What a policy measures against in one version: the target, calendar and
/// pause statuses ([`Policy::definition`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Definition<'a> {
    /// Target in force.
    pub target: &'a Target,
    /// Calendar in force (index into [`PolicySet::calendars`]).
    pub calendar: usize,
    /// Pause statuses in force.
    pub pause_statuses: &'a [String],
}

/// The label reports give the fields of a policy with versions where none
/// of its versions is in force (version 0).
pub const BASE_VERSION: &str = "base";

impl Policy {
    /// The version in force at `t`: 0 for the policy's own fields, `i` for
    /// `versions[i - 1]`.
    pub fn version_at(&self, t: Instant) -> u32 {
        self.versions.iter().position(|v| v.from <= t && v.to.map_or(true, |to| t < to)).map_or(0, |i| i as u32 + 1)
    }

    /// The definition of version `v` (see [`Policy::version_at`]; the
    /// policy's own fields when `v` is 0 or not a version).
    pub fn definition(&self, v: u32) -> Definition<'_> {
        match (v as usize).checked_sub(1).and_then(|i| self.versions.get(i)) {
            Some(x) => Definition { target: &x.target, calendar: x.calendar, pause_statuses: &x.pause_statuses },
            None => Definition { target: &self.target, calendar: self.calendar, pause_statuses: &self.pause_statuses },
        }
    }

    /// The label of version `v` in reports; `None` when the policy has no versions.
    pub fn version_label(&self, v: u32) -> Option<&str> {
        if self.versions.is_empty() {
            return None;
        }
        Some((v as usize).checked_sub(1).and_then(|i| self.versions.get(i)).map_or(BASE_VERSION, |x| x.label.as_str()))
    }
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
    /// What it does.
    pub role: Role,
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

/// The reopen rule (`"continue"` or `"restart"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReopenRule {
    /// The clock resumes where it stopped (the time spent resolved does not count).
    Continue,
    /// The clock starts again from zero at the reopen.
    Restart,
}

/// The rule for a change of the dimensions the conditions test (priority…):
/// `"retroactive"`, `"restart"` or `"carry-percent"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeRule {
    /// The policy matching the values in force at the evaluation instant
    /// applies, timed from the clock's original start.
    Retroactive,
    /// That policy's clock starts when its conditions became true.
    Restart,
    /// As `Restart`, with the share of the previous policy's target used
    /// by then carried over to the new target (docs/sla.md §3.5).
    #[serde(rename = "carry-percent")]
    CarryPercent,
}

/// The product whose defaults a document takes (`"semantics"`,
/// docs/sla.md §1 "Vendor semantics"); a policy's own field always wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Semantics {
    /// ServiceNow: `d` = 24 working hours, reopen and priority change
    /// restart the clock, a clock at 100 % of its target is breached.
    ServiceNow,
    /// Jira Service Management: `d` = a business day, reopen restarts (a
    /// new cycle), a priority change re-targets from the start.
    Jsm,
    /// Zendesk: `d` = 24 working hours, reopen continues, a priority change
    /// re-targets from the start.
    Zendesk,
}

/// A policy document as written (reference: `docs/sla.md`); unknown keys
/// are refused. [`PolicySet::from_document`] validates it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase", expecting = "a policy document {\"calendars\": {…}, \"policies\": […]}")]
pub struct PolicyDocument {
    semantics: Option<Semantics>,
    calendars: Option<Calendars>,
    resolved_statuses: Option<Statuses>,
    policies: Vec<PolicySpec>,
}

/// One policy as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase", expecting = "a policy {\"name\": …, \"metric\": …, \"target\": …}")]
struct PolicySpec {
    #[serde(deserialize_with = "name")]
    name: String,
    when: Option<BTreeMap<String, Test>>,
    metric: Metric,
    target: Target,
    calendar: Option<String>,
    pause_statuses: Option<Statuses>,
    #[serde(default, deserialize_with = "warning")]
    warning: Option<f64>,
    warnings: Option<Vec<Number>>,
    reopen: Option<ReopenRule>,
    priority_change: Option<ChangeRule>,
    #[serde(default)]
    versions: Vec<VersionSpec>,
    version_by: Option<VersionBy>,
    met_at_due: Option<bool>,
    #[serde(default)]
    run_while: Option<BTreeMap<String, Test>>,
    #[serde(default)]
    pause_when: Option<BTreeMap<String, Test>>,
    #[serde(default)]
    start_when: Option<BTreeMap<String, Test>>,
    #[serde(default)]
    stop_when: Option<BTreeMap<String, Test>>,
    #[serde(default)]
    due_at: Option<String>,
}

/// One version of a policy as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase", expecting = "a version {\"validFrom\": …, \"target\": …}")]
struct VersionSpec {
    valid_from: String,
    valid_to: Option<String>,
    name: Option<String>,
    target: Option<Target>,
    calendar: Option<String>,
    pause_statuses: Option<Statuses>,
}

impl PolicySet {
    /// Reads and validates a policy document; errors carry the JSON path
    /// below `path` (`policies[2].target`).
    pub fn from_json(doc: &Value, path: &str) -> Result<PolicySet, Error> {
        PolicySet::from_document(from_value(doc, path)?, path)
    }

    /// Validates a policy document read at `path`: calendar names, unique
    /// policy names, at least one policy.
    pub fn from_document(doc: PolicyDocument, path: &str) -> Result<PolicySet, Error> {
        let mut calendars = vec![(ALWAYS.to_string(), Calendar::always())];
        calendars.extend(doc.calendars.map(|c| c.0).unwrap_or_default());
        let resolved_statuses = match doc.resolved_statuses {
            Some(list) => list.0,
            None => DEFAULT_RESOLVED_STATUSES.iter().map(|s| s.to_string()).collect(),
        };
        let list_path = join(path, "policies");
        if doc.policies.is_empty() {
            return Err(Error::invalid(list_path, "expected at least one policy"));
        }
        let mut policies: Vec<Policy> = Vec::with_capacity(doc.policies.len());
        for (i, spec) in doc.policies.into_iter().enumerate() {
            let at = format!("{list_path}[{i}]");
            let policy = policy(spec, &at, &calendars, doc.semantics)?;
            if policies.iter().any(|p| p.name == policy.name) {
                return Err(Error::invalid(join(&at, "name"), format!("{} is used by an earlier policy; names must be unique", quote(&policy.name))));
            }
            policies.push(policy);
        }
        Ok(PolicySet { calendars, policies, resolved_statuses })
    }

    /// The calendar of version `version` of a policy (see [`Policy::version_at`]).
    pub fn calendar_of(&self, policy: &Policy, version: u32) -> &Calendar {
        self.calendar_at(policy.definition(version).calendar)
    }

    /// Calendar `index` of [`PolicySet::calendars`] (as a policy or a
    /// version names it: checked against this list when read).
    pub fn calendar_at(&self, index: usize) -> &Calendar {
        &self.calendars[index.min(self.calendars.len() - 1)].1
    }
}

/// The index of calendar `wanted` in `calendars` (`at`: the JSON path of
/// the name), refused when undefined or never open.
fn calendar_index(wanted: &str, at: String, calendars: &[(String, Calendar)]) -> Result<usize, Error> {
    let error = |message: String| Error::invalid(at.clone(), message);
    let i = calendars.iter().position(|(n, _)| n == wanted).ok_or_else(|| {
        let names: Vec<&str> = calendars.iter().map(|(n, _)| n.as_str()).collect();
        error(format!("{} is not a defined calendar; defined: {}", quote(wanted), names.join(", ")))
    })?;
    if calendars[i].1.is_never_open() {
        return Err(error(format!("calendar {} has no working window, so no clock on it could ever run", quote(wanted))));
    }
    Ok(i)
}

/// `target` with the day unit of `semantics` (`at`: its JSON path): under
/// `jsm` a day is a business day ([`Target::business_days`]).
fn day_unit(target: Target, semantics: Option<Semantics>, at: String) -> Result<Target, Error> {
    match semantics {
        Some(Semantics::Jsm) => target.business_days().ok_or_else(|| Error::invalid(at, JSM_DAYS)),
        _ => Ok(target),
    }
}

/// The versions of a policy whose own fields are `base` (`at`: the JSON
/// path of the list): dates read in the zone of `zone_calendar`, each
/// version starting at or after the end of the one before.
fn versions(
    specs: Vec<VersionSpec>,
    at: &str,
    base: Definition,
    zone_calendar: &Calendar,
    calendars: &[(String, Calendar)],
    semantics: Option<Semantics>,
) -> Result<Vec<Version>, Error> {
    let mut out: Vec<Version> = Vec::with_capacity(specs.len());
    for (i, spec) in specs.into_iter().enumerate() {
        let here = format!("{at}[{i}]");
        let from = local_instant(&spec.valid_from, zone_calendar, false).map_err(|m| Error::invalid(join(&here, "validFrom"), m))?;
        let to = match &spec.valid_to {
            None => None,
            Some(text) => {
                let to = local_instant(text, zone_calendar, false).map_err(|m| Error::invalid(join(&here, "validTo"), m))?;
                if to <= from {
                    return Err(Error::invalid(join(&here, "validTo"), format!("{} is not after validFrom {}", quote(text), quote(&spec.valid_from))));
                }
                Some(to)
            }
        };
        // In force until the end of time, a version without validTo ends
        // the list; an earlier start is out of order or overlapping.
        if out.last().is_some_and(|before| before.to.map_or(true, |end| from < end)) {
            return Err(Error::invalid(
                join(&here, "validFrom"),
                format!("{} is before the end of {at}[{}]: versions must be in time order and must not overlap", quote(&spec.valid_from), i - 1),
            ));
        }
        let calendar = match spec.calendar {
            None => base.calendar,
            Some(name) => calendar_index(&name, join(&here, "calendar"), calendars)?,
        };
        let label = match spec.name.map(|n| n.trim().to_string()).filter(|n| !n.is_empty()) {
            Some(name) => name,
            None => match &spec.valid_to {
                None => format!("from {}", spec.valid_from.trim()),
                Some(to) => format!("from {} to {}", spec.valid_from.trim(), to.trim()),
            },
        };
        // Reports tell versions apart by label.
        if label == BASE_VERSION || out.iter().any(|v| v.label == label) {
            return Err(Error::invalid(
                join(&here, "name"),
                format!("{} names another version of this policy; labels must be unique (\"base\" names the policy's own fields)", quote(&label)),
            ));
        }
        out.push(Version {
            from,
            to,
            label,
            target: match spec.target {
                Some(target) => day_unit(target, semantics, join(&here, "target"))?,
                None => *base.target,
            },
            calendar,
            pause_statuses: spec.pause_statuses.map_or_else(|| base.pause_statuses.to_vec(), |p| p.0),
        });
    }
    Ok(out)
}

/// A `validFrom` / `validTo` (or, with `day_end`, a `dueAt` value): an
/// instant with an offset as written, or a date or date and time without
/// one, read on the wall clock of `calendar`'s zone (UTC for `24x7`); a date
/// alone is its midnight, or with `day_end` the next day's (the end of it).
pub fn local_instant(text: &str, calendar: &Calendar, day_end: bool) -> Result<Instant, String> {
    let text = text.trim();
    let (mut local, offset) =
        read_iso(text).ok_or_else(|| format!("{} is not a date or an instant (expected e.g. \"2026-07-01\" or \"2026-07-01T00:00:00+02:00\")", quote(text)))?;
    if day_end && !text.contains(['T', 't', ' ']) {
        local += 86_400;
    }
    let t = match (offset, calendar.time_zone()) {
        (Some(o), _) => local - o,
        (None, Some(zone)) => zone.local_to_utc(local),
        (None, None) => local,
    };
    check_range(t).map_err(|m| format!("{}: {m}", quote(text)))
}

/// A policy with its calendar looked up (`at`: its JSON path) and the
/// defaults of the document's `semantics` filled in.
fn policy(spec: PolicySpec, at: &str, calendars: &[(String, Calendar)], semantics: Option<Semantics>) -> Result<Policy, Error> {
    let calendar = match spec.calendar {
        None => 0,
        Some(wanted) => calendar_index(&wanted, join(at, "calendar"), calendars)?,
    };
    let mut warnings: Vec<f64> = Vec::new();
    for (i, Number(w)) in spec.warnings.unwrap_or_default().into_iter().enumerate() {
        let error = |message: String| Error::invalid(format!("{}[{i}]", join(at, "warnings")), message);
        fraction(w).map_err(error)?;
        if let Some(&before) = warnings.last().filter(|&&b| w <= b) {
            return Err(error(format!("{w} is not above the threshold before it ({before}); thresholds must increase strictly")));
        }
        warnings.push(w);
    }
    let (reopen, priority_change, met_at_due) = match semantics {
        Some(Semantics::ServiceNow) => (ReopenRule::Restart, ChangeRule::Restart, false),
        Some(Semantics::Jsm) => (ReopenRule::Restart, ChangeRule::Retroactive, true),
        Some(Semantics::Zendesk) | None => (ReopenRule::Continue, ChangeRule::Retroactive, true),
    };
    let target = day_unit(spec.target, semantics, join(at, "target"))?;
    let pause_statuses = spec.pause_statuses.map(|p| p.0).unwrap_or_default();
    let base = Definition { target: &target, calendar, pause_statuses: &pause_statuses };
    let versions = versions(spec.versions, &join(at, "versions"), base, &calendars[calendar].1, calendars, semantics)?;
    let mut conditions = Vec::new();
    let roles = [
        ("when", Role::When, spec.when),
        ("runWhile", Role::Run, spec.run_while),
        ("pauseWhen", Role::Pause, spec.pause_when),
        ("startWhen", Role::Start, spec.start_when),
        ("stopWhen", Role::Stop, spec.stop_when),
    ];
    for (key, role, map) in roles {
        let at = join(at, key);
        conditions.extend(map.unwrap_or_default().into_iter().map(|(dimension, test)| Condition { path: join(&at, &dimension), dimension, test, role }));
    }
    if let Some(dimension) = spec.due_at {
        conditions.push(Condition { path: join(at, "dueAt"), dimension, test: Test::OneOf(Vec::new()), role: Role::Due });
    }
    Ok(Policy {
        name: spec.name,
        conditions,
        metric: spec.metric,
        target,
        calendar,
        pause_statuses,
        warning: spec.warning.unwrap_or(DEFAULT_WARNING),
        warnings,
        reopen: spec.reopen.unwrap_or(reopen),
        priority_change: spec.priority_change.unwrap_or(priority_change),
        met_at_due: spec.met_at_due.unwrap_or(met_at_due),
        versions,
        version_by: spec.version_by.unwrap_or(VersionBy::Opened),
    })
}

/// A policy name: trimmed, not empty.
fn name<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    checked(d, |name: String| match name.trim() {
        "" => Err("a policy name must not be empty"),
        trimmed => Ok(trimmed.to_string()),
    })
}

/// The warning fraction, in (0, 1].
fn warning<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    checked(d, |w: Option<Number>| w.map(|n| fraction(n.0)).transpose())
}

/// `x` if it is a fraction of the target in (0, 1].
fn fraction(x: f64) -> Result<f64, String> {
    if x > 0.0 && x <= 1.0 {
        Ok(x)
    } else {
        Err(format!("{x} is not a fraction of the target in (0, 1] (e.g. 0.75 for 75 %)"))
    }
}

/// The named calendars of a document, sorted by name (`24x7` may not be
/// redefined).
struct Calendars(Vec<(String, Calendar)>);

impl<'de> Deserialize<'de> for Calendars {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Calendars, D::Error> {
        struct Named;
        impl<'de> Visitor<'de> for Named {
            type Value = Calendars;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of calendars by name")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Calendars, A::Error> {
                let mut named = BTreeMap::new();
                while let Some(name) = map.next_key::<String>()? {
                    if name == ALWAYS {
                        return Err(refuse_value(&mut map, "\"24x7\" is built in and cannot be redefined"));
                    }
                    named.insert(name, map.next_value::<Calendar>()?);
                }
                Ok(Calendars(named.into_iter().collect()))
            }
        }
        d.deserialize_map(Named)
    }
}

/// A non-empty list of non-empty strings (statuses, values).
struct Statuses(Vec<String>);

/// A string that is not empty.
struct NonEmpty(String);

impl<'de> Deserialize<'de> for NonEmpty {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<NonEmpty, D::Error> {
        checked(d, |s: String| if s.is_empty() { Err("expected a non-empty string") } else { Ok(NonEmpty(s)) })
    }
}

impl<'de> Deserialize<'de> for Statuses {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Statuses, D::Error> {
        checked(
            d,
            |list: Vec<NonEmpty>| {
                if list.is_empty() {
                    Err("expected at least one value")
                } else {
                    Ok(Statuses(list.into_iter().map(|s| s.0).collect()))
                }
            },
        )
    }
}

/// One value (`"1"`) or a list of values (`["1", "2"]`).
struct Values(Vec<String>);

/// The visitor of [`Values`], whose answers [`Test`] wraps.
struct ValuesVisitor;

impl<'de> Visitor<'de> for ValuesVisitor {
    type Value = Vec<String>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value or a list of values")
    }
    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Vec<String>, E> {
        Ok(vec![s.to_string()])
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Vec<String>, A::Error> {
        Statuses::deserialize(SeqAccessDeserializer::new(seq)).map(|s| s.0)
    }
}

impl<'de> Deserialize<'de> for Values {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Values, D::Error> {
        d.deserialize_any(ValuesVisitor).map(Values)
    }
}

/// A condition: `"x"`, `["x", "y"]`, `{"equals": "x"}`, `{"oneOf": […]}`
/// or `{"not": "x" | […]}`.
impl<'de> Deserialize<'de> for Test {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Test, D::Error> {
        struct Condition;
        impl<'de> Visitor<'de> for Condition {
            type Value = Test;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value, a list of values, or {\"equals\"|\"oneOf\"|\"not\": …}")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Test, E> {
                ValuesVisitor.visit_str(s).map(Test::OneOf)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Test, A::Error> {
                ValuesVisitor.visit_seq(seq).map(Test::OneOf)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Test, A::Error> {
                const FORMS: &[&str] = &["equals", "oneOf", "not"];
                let one = || A::Error::custom("expected exactly one of: equals, oneOf, not");
                let key: String = map.next_key()?.ok_or_else(one)?;
                let test = match key.as_str() {
                    "equals" => Test::OneOf(vec![map.next_value()?]),
                    "oneOf" => Test::OneOf(map.next_value::<Statuses>()?.0),
                    "not" => Test::Not(map.next_value::<Values>()?.0),
                    _ => return Err(refuse_value(&mut map, A::Error::unknown_field(&key, FORMS))),
                };
                match map.next_key::<IgnoredAny>()? {
                    Some(_) => Err(one()),
                    None => Ok(test),
                }
            }
        }
        d.deserialize_any(Condition)
    }
}

/// `"response"`, `"resolution"` or `{"start": [statuses], "stop": [statuses]}`.
impl<'de> Deserialize<'de> for Metric {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Metric, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Custom {
            start: Statuses,
            stop: Statuses,
        }
        struct Kind;
        impl<'de> Visitor<'de> for Kind {
            type Value = Metric;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("\"response\", \"resolution\" or {\"start\": [statuses], \"stop\": [statuses]}")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Metric, E> {
                match s {
                    "response" => Ok(Metric::Response),
                    "resolution" => Ok(Metric::Resolution),
                    _ => Err(E::invalid_value(Unexpected::Str(s), &self)),
                }
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Metric, A::Error> {
                let Custom { start, stop } = Custom::deserialize(MapAccessDeserializer::new(map))?;
                if let Some(both) = start.0.iter().find(|s| stop.0.contains(s)) {
                    return Err(A::Error::custom(format!("{} is both a start and a stop status", quote(both))));
                }
                Ok(Metric::Custom { start: start.0, stop: stop.0 })
            }
        }
        d.deserialize_any(Kind)
    }
}

// Test code only (compiled under `cfg(test)`): its unwrap()/expect() calls
// run on inputs written in the tests, never on user input.
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
        assert_eq!(p.target, Target::Seconds(14_400)); // 4 × 3600
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
        assert_eq!(err(json!({"policy": []})), "policy: unknown field `policy`, expected one of `semantics`, `calendars`, `resolvedStatuses`, `policies`");
        assert_eq!(
            err(base(json!({"name": "b", "metric": "response", "target": "4 hours"}))),
            "policies[1].target: \"4 hours\" is not a duration (expected e.g. \"4h\", \"2d 4h\", \"30m\", \"1h30m\" or a number of seconds)"
        );
        assert_eq!(err(base(json!({"name": "b", "metric": "response"}))), "policies[1].target: is required but missing");
        assert_eq!(
            err(base(json!({"name": "b", "metric": "reply", "target": "1h"}))),
            "policies[1].metric: invalid value: string \"reply\", expected \"response\", \"resolution\" or {\"start\": [statuses], \"stop\": [statuses]}"
        );
        assert_eq!(err(base(json!({"name": "b", "metric": {"start": ["A"]}, "target": "1h"}))), "policies[1].metric.stop: is required but missing");
        assert_eq!(
            err(base(json!({"name": "b", "metric": "response", "target": "1h", "calendar": "office"}))),
            "policies[1].calendar: \"office\" is not a defined calendar; defined: 24x7"
        );
        assert_eq!(
            err(base(json!({"name": "b", "metric": "response", "target": "1h", "when": {"priority": {"oneOf": ["1", 2]}}}))),
            "policies[1].when.priority.oneOf[1]: invalid type: integer `2`, expected a string"
        );
        assert_eq!(
            err(base(json!({"name": "b", "metric": "response", "target": "1h", "when": {"priority": {"is": "1"}}}))),
            "policies[1].when.priority.is: unknown field `is`, expected one of `equals`, `oneOf`, `not`"
        );
        assert_eq!(
            err(base(json!({"name": "b", "metric": "response", "target": "1h", "warning": 75}))),
            "policies[1].warning: 75 is not a fraction of the target in (0, 1] (e.g. 0.75 for 75 %)"
        );
        assert_eq!(
            err(base(json!({"name": "b", "metric": "response", "target": "1h", "reopen": "reset"}))),
            "policies[1].reopen: unknown variant `reset`, expected `continue` or `restart`"
        );
        assert_eq!(
            err(base(json!({"name": "b", "metric": "response", "target": "1h", "pauseStatus": ["x"]}))),
            "policies[1].pauseStatus: unknown field `pauseStatus`, expected one of `name`, `when`, `metric`, `target`, `calendar`, `pauseStatuses`, `warning`, `warnings`, `reopen`, `priorityChange`, `versions`, `versionBy`, `metAtDue`, `runWhile`, `pauseWhen`, `startWhen`, `stopWhen`, `dueAt`"
        );
        assert_eq!(
            err(base(json!({"name": "ok", "metric": "response", "target": "1h"}))),
            "policies[1].name: \"ok\" is used by an earlier policy; names must be unique"
        );
        assert_eq!(
            err(
                json!({"calendars": {"closed": {"timezone": "UTC", "week": {}}}, "policies": [{"name": "a", "metric": "response", "target": 1, "calendar": "closed"}]})
            ),
            "policies[0].calendar: calendar \"closed\" has no working window, so no clock on it could ever run"
        );
        assert_eq!(
            err(json!({"calendars": {"24x7": {}}, "policies": [{"name": "a", "metric": "response", "target": 1}]})),
            "calendars.24x7: \"24x7\" is built in and cannot be redefined"
        );
        assert_eq!(
            err(
                json!({"calendars": {"office": {"timezone": "UTC", "week": {}, "holiday": []}}, "policies": [{"name": "a", "metric": "response", "target": 1}]})
            ),
            "calendars.office.holiday: unknown field `holiday`, expected one of `timezone`, `week`, `holidays`, `workdays`, `holidaysIcs`"
        );
        assert_eq!(err(base(json!({"name": " ", "metric": "response", "target": "1h"}))), "policies[1].name: a policy name must not be empty");
        assert_eq!(
            err(base(json!({"name": "b", "metric": {"start": ["A"], "stop": ["B", "A"]}, "target": "1h"}))),
            "policies[1].metric: \"A\" is both a start and a stop status"
        );
        assert_eq!(
            err(base(json!({"name": "b", "metric": "response", "target": "1h", "when": {"p": {"equals": "1", "not": "2"}}}))),
            "policies[1].when.p: expected exactly one of: equals, oneOf, not"
        );
        assert_eq!(
            err(base(json!({"name": "b", "metric": "response", "target": "1h", "pauseStatuses": [""]}))),
            "policies[1].pauseStatuses[0]: expected a non-empty string"
        );
        assert_eq!(
            err(base(json!({"name": "b", "metric": "response", "target": "1h", "pauseStatuses": []}))),
            "policies[1].pauseStatuses: expected at least one value"
        );
        assert_eq!(
            err(json!({"calendars": {"my office": {"timezone": "UTC", "week": {"mon": [["9:00", "17:00"]]}}}, "policies": []})),
            "calendars[\"my office\"].week.mon[0]: \"9:00\" is not a time of day"
        );
    }

    #[test]
    fn conditions_keep_their_paths_and_calendars_their_names() {
        let doc = json!({
            "calendars": {"b": "24x7", "a": {"timezone": "UTC", "week": {"mon": [["09:00", "17:00"]]}}},
            "policies": [{"name": "p", "when": {"service": ["S"], "priority": {"not": ["3", "4"]}}, "metric": "response", "target": 60, "calendar": "b"}]
        });
        let set = PolicySet::from_json(&doc, "doc").unwrap();
        // the built-in 24x7 first, then the document's calendars by name
        assert_eq!(set.calendars.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(), vec!["24x7", "a", "b"]);
        assert_eq!(set.policies[0].calendar, 2);
        let conditions: Vec<(&str, &str)> = set.policies[0].conditions.iter().map(|c| (c.dimension.as_str(), c.path.as_str())).collect();
        assert_eq!(conditions, vec![("priority", "doc.policies[0].when.priority"), ("service", "doc.policies[0].when.service")]);
        assert_eq!(set.policies[0].conditions[0].test, Test::Not(vec!["3".into(), "4".into()]));
    }
}
