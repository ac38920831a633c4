//! Load options: what the input holds and how to read it, from a JSON
//! document (so every error carries its JSON path) or built in code.

use super::cells::NullTokens;
use super::mapping::Mapping;
use super::presets;
use super::timestamp::{Epoch, TimestampReader};
use crate::error::{quote, Error};
use crate::json_reader::Node;
use crate::time::{parse_instant, Instant};
use crate::tz::TimeZone;
use serde_json::Value;

/// The kind of record an input holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    /// Tickets (incidents, requests, problems…).
    Tickets,
    /// Service outages.
    Outages,
    /// Change records.
    Changes,
}

/// What to do with a row that cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Fail at the first bad row.
    Strict,
    /// Skip bad rows and list them in the summary.
    Lenient,
}

/// How an event log's first response is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FirstResponse {
    /// The first event in a status other than the opening statuses.
    LeaveOpening,
    /// The first event with an assignee (or, when no assignee column is
    /// mapped, an assignment group).
    FirstAssignment,
}

/// Everything a load needs besides the input.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// The kind of record.
    pub record: RecordKind,
    /// One row per update of a ticket, grouped by ticket id.
    pub event_log: bool,
    /// The preset the mapping came from, if any.
    pub preset: Option<String>,
    /// The column mapping.
    pub mapping: Mapping,
    /// How timestamps are read.
    pub timestamps: TimestampReader,
    /// Values meaning "no value".
    pub nulls: NullTokens,
    /// Strict or lenient.
    pub mode: Mode,
    /// The evaluation instant: later instants are flagged.
    pub as_of: Option<Instant>,
    /// CSV delimiter; detected from the header line when `None`.
    pub delimiter: Option<u8>,
    /// Ticket kind when no kind column is mapped.
    pub kind: String,
    /// Lowest and highest score of the CSAT scale.
    pub csat_scale: (f64, f64),
    /// How an event log's first response is found.
    pub first_response: FirstResponse,
    /// Statuses a ticket opens in; `None`: the status of its first event.
    pub opening_statuses: Option<Vec<String>>,
    /// Most input rows accepted (an error beyond).
    pub max_rows: usize,
    /// Longest field accepted, in bytes (a row error beyond).
    pub max_field_bytes: usize,
}

/// Default row limit.
pub const DEFAULT_MAX_ROWS: usize = 2_000_000;
/// Default field size limit: 1 MiB.
pub const DEFAULT_MAX_FIELD_BYTES: usize = 1 << 20;

const KEYS: [&str; 17] = [
    "preset",
    "record",
    "eventLog",
    "mapping",
    "timezone",
    "timestampFormats",
    "epoch",
    "nullTokens",
    "mode",
    "asOf",
    "delimiter",
    "kind",
    "csatScale",
    "firstResponse",
    "openingStatuses",
    "maxRows",
    "maxFieldBytes",
];

impl LoadOptions {
    /// Defaults for `record` with `mapping`: UTC, no formats, null tokens
    /// `""` and `"?"`, strict, delimiter detected, kind `incident`, CSAT
    /// 1–5, first response on leaving the opening status.
    pub fn new(record: RecordKind, mapping: Mapping) -> Self {
        LoadOptions {
            record,
            event_log: false,
            preset: None,
            mapping,
            // `TimestampReader::new` fails only on a bad format; with no
            // formats it cannot.
            timestamps: TimestampReader::new(TimeZone::utc(), &[], Epoch::Auto, "timestampFormats")
                .unwrap_or_else(|_| unreachable!("no formats cannot fail")),
            nulls: NullTokens::new(vec![String::new(), "?".to_string()]),
            mode: Mode::Strict,
            as_of: None,
            delimiter: None,
            kind: "incident".to_string(),
            csat_scale: (1.0, 5.0),
            first_response: FirstResponse::LeaveOpening,
            opening_statuses: None,
            max_rows: DEFAULT_MAX_ROWS,
            max_field_bytes: DEFAULT_MAX_FIELD_BYTES,
        }
    }

    /// Reads options from JSON; `path` prefixes the paths in errors. Keys:
    /// `preset`, `record` (`tickets`|`outages`|`changes`), `eventLog`,
    /// `mapping`, `timezone`, `timestampFormats`, `epoch`
    /// (`auto`|`seconds`|`milliseconds`), `nullTokens`, `mode`
    /// (`strict`|`lenient`), `asOf`, `delimiter`, `kind`, `csatScale`
    /// (`[min, max]`), `firstResponse` (`status`|`assignment`),
    /// `openingStatuses`, `maxRows`, `maxFieldBytes`.
    pub fn from_json(value: &Value, path: &str) -> Result<Self, Error> {
        let root = Node::root(value, path);
        if value.is_null() {
            return Err(root.error("load options are required (at least a preset or a mapping)"));
        }
        root.deny_unknown(&KEYS)?;
        let preset = match root.get("preset") {
            Some(n) => Some(presets::get(n.str()?).ok_or_else(|| {
                n.error(format!("{} is not a preset; expected one of: {}", quote(n.str().unwrap_or("")), presets::NAMES.join(", ")))
            })?),
            None => None,
        };
        let record = match root.opt_choice("record", &["tickets", "outages", "changes"])? {
            Some(1) => RecordKind::Outages,
            Some(2) => RecordKind::Changes,
            _ => RecordKind::Tickets,
        };
        if preset.is_some() && record != RecordKind::Tickets {
            return Err(Error::invalid(join(path, "record"), "the presets load tickets; give a mapping for outages and changes"));
        }
        let mut mapping = preset.as_ref().map(|p| p.mapping.clone()).unwrap_or_default();
        match root.get("mapping") {
            Some(m) => mapping.apply_json(&m)?,
            None if preset.is_none() => return Err(root.error("needs a \"preset\" or a \"mapping\"")),
            None => {}
        }
        let mut o = LoadOptions::new(record, mapping);
        if let Some(p) = &preset {
            o.preset = Some(p.name.to_string());
            o.event_log = p.event_log;
            o.nulls = NullTokens::new(p.null_tokens.clone());
            o.opening_statuses = p.opening_statuses.clone();
        }
        if let Some(n) = root.get("eventLog") {
            o.event_log = n.bool()?;
            if o.event_log && record != RecordKind::Tickets {
                return Err(n.error("only tickets load from event logs"));
            }
        }
        let zone = match root.get("timezone") {
            Some(n) => TimeZone::named(n.str()?, n.path())?,
            None => TimeZone::utc(),
        };
        let (formats, formats_path) = match root.get("timestampFormats") {
            Some(n) => (n.strings()?, n.path().to_string()),
            None => (preset.as_ref().map(|p| p.formats.clone()).unwrap_or_default(), "timestampFormats".to_string()),
        };
        let epoch = match root.opt_choice("epoch", &["auto", "seconds", "milliseconds"])? {
            Some(1) => Epoch::Seconds,
            Some(2) => Epoch::Milliseconds,
            _ => Epoch::Auto,
        };
        o.timestamps = TimestampReader::new(zone, &formats, epoch, &formats_path)?;
        if let Some(n) = root.get("nullTokens") {
            o.nulls = NullTokens::new(n.strings()?);
        }
        if let Some(i) = root.opt_choice("mode", &["strict", "lenient"])? {
            o.mode = if i == 1 { Mode::Lenient } else { Mode::Strict };
        }
        if let Some(n) = root.get("asOf") {
            o.as_of = Some(parse_instant(n.str()?).map_err(|m| n.error(m))?);
        }
        if let Some(n) = root.get("delimiter") {
            o.delimiter = Some(match n.str()? {
                "," => b',',
                ";" => b';',
                "\t" | "tab" => b'\t',
                "|" => b'|',
                other => return Err(n.error(format!("{} is not a delimiter; expected \",\", \";\", \"\\t\" (or \"tab\") or \"|\"", quote(other)))),
            });
        }
        if let Some(kind) = root.opt_str("kind")? {
            o.kind = kind.to_string();
        }
        if let Some(n) = root.get("csatScale") {
            let items = n.items()?;
            if items.len() != 2 {
                return Err(n.error("expected [lowest, highest], e.g. [1, 5]"));
            }
            let (lo, hi) = (items[0].f64()?, items[1].f64()?);
            if lo >= hi {
                return Err(n.error(["the lowest score ", &lo.to_string(), " must be below the highest ", &hi.to_string()].concat()));
            }
            o.csat_scale = (lo, hi);
        }
        if let Some(i) = root.opt_choice("firstResponse", &["status", "assignment"])? {
            o.first_response = if i == 1 { FirstResponse::FirstAssignment } else { FirstResponse::LeaveOpening };
        }
        if let Some(n) = root.get("openingStatuses") {
            o.opening_statuses = Some(n.strings()?);
        }
        if let Some(n) = root.get("maxRows") {
            o.max_rows = positive(&n)?;
        }
        if let Some(n) = root.get("maxFieldBytes") {
            o.max_field_bytes = positive(&n)?;
        }
        Ok(o)
    }
}

fn positive(node: &Node<'_>) -> Result<usize, Error> {
    let x = node.f64()?;
    if x >= 1.0 && x.fract() == 0.0 && x <= 1e15 {
        Ok(x as usize)
    } else {
        Err(node.number_error("expected a whole number of at least 1, found ", x, ""))
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn preset_defaults_and_overrides() {
        let o = LoadOptions::from_json(&json!({"preset": "servicenow-event-log", "mode": "lenient", "asOf": "2016-06-01T00:00:00Z"}), "")
            .unwrap();
        assert!(o.event_log);
        assert_eq!(o.mode, Mode::Lenient);
        assert_eq!(o.as_of, Some(1_464_739_200)); // 16953 days * 86400
        assert_eq!(o.opening_statuses, Some(vec!["New".to_string()]));
    }

    #[test]
    fn errors_carry_paths() {
        let e = LoadOptions::from_json(&json!({"preset": "zendesk"}), "options").unwrap_err();
        assert!(e.to_string().starts_with("options.preset: \"zendesk\" is not a preset; expected one of: servicenow-event-log"), "{e}");
        let e = LoadOptions::from_json(&json!({"preset": "jira", "timezone": "Mars/Base"}), "").unwrap_err();
        assert_eq!(e.to_string(), "timezone: \"Mars/Base\" is not an IANA time zone");
        let e = LoadOptions::from_json(&json!({"preset": "jira", "delimiter": ":"}), "").unwrap_err();
        assert!(e.to_string().starts_with("delimiter: \":\" is not a delimiter"), "{e}");
        // `%d` alone was a valid (never matching) chrono format; the crate's
        // own reader refuses a format without a year, a month and a day.
        let e = LoadOptions::from_json(&json!({"mapping": {"id": "a"}, "timestampFormats": ["%d", "%Q"]}), "").unwrap_err();
        assert!(e.to_string().starts_with("timestampFormats[0]: \"%d\" is not a timestamp format"), "{e}");
        let e = LoadOptions::from_json(&json!({"mapping": {"id": "a"}, "timestampFormats": ["%d.%m.%Y", "%Q"]}), "").unwrap_err();
        assert!(e.to_string().starts_with("timestampFormats[1]: \"%Q\" is not a timestamp format"), "{e}");
        let e = LoadOptions::from_json(&json!({"preset": "jira", "mappings": {}}), "").unwrap_err();
        assert!(e.to_string().starts_with("mappings: unknown field"), "{e}");
        let e = LoadOptions::from_json(&json!({"timezone": "UTC"}), "").unwrap_err();
        assert_eq!(e.to_string(), "needs a \"preset\" or a \"mapping\"");
        let e = LoadOptions::from_json(&json!({"preset": "jira", "maxRows": 0}), "").unwrap_err();
        assert!(e.to_string().starts_with("maxRows: expected a whole number of at least 1"), "{e}");
        let e = LoadOptions::from_json(&json!({"preset": "jira", "asOf": "tomorrow"}), "").unwrap_err();
        assert!(e.to_string().starts_with("asOf: \"tomorrow\" is not an ISO 8601 instant"), "{e}");
    }
}
