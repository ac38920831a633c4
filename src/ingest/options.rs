//! Load options: what the input holds and how to read it, from a JSON
//! document (so every error carries its JSON path) or built in code.

use super::cells::NullTokens;
use super::mapping::{Mapping, MappingPatch};
use super::presets::{self, Preset};
use super::timestamp::{Epoch, TimestampReader};
use crate::support::error::{quote, Error};
use crate::support::json_reader::{checked, from_value, join, parse_opt_str, Number};
use crate::support::time::{format_instant, parse_instant, Instant};
use crate::support::tz::TimeZone;
use serde::de::Deserializer;
use serde::Deserialize;
use serde_json::Value;

/// The kind of record an input holds (`"tickets"`, `"outages"`, `"changes"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RecordKind {
    /// Tickets (incidents, requests, problems…).
    Tickets,
    /// Service outages.
    Outages,
    /// Change records.
    Changes,
}

/// What to do with a row that cannot be read (`"strict"`, `"lenient"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Fail at the first bad row.
    Strict,
    /// Skip bad rows and list them in the summary.
    Lenient,
}

/// How an event log's first response is found (`"status"`, `"assignment"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum FirstResponse {
    /// The first event in a status other than the opening statuses.
    #[serde(rename = "status")]
    LeaveOpening,
    /// The first event with an assignee (or, when no assignee column is
    /// mapped, an assignment group).
    #[serde(rename = "assignment")]
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
    /// Most input bytes read (an error beyond); `None`: no limit for CSV,
    /// which is read as it comes, and [`DEFAULT_MAX_JSON_BYTES`] for a JSON
    /// array, which is held whole until read.
    pub max_input_bytes: Option<u64>,
    /// Most distinct values of one dimension (an error beyond).
    pub max_distinct_values: usize,
    /// Tickets opened before this instant are skipped (`openedFrom`).
    pub opened_from: Option<Instant>,
    /// Tickets opened at or after this instant are skipped (`openedBefore`).
    pub opened_before: Option<Instant>,
}

/// Default row limit.
pub const DEFAULT_MAX_ROWS: usize = 2_000_000;
/// Default field size limit: 1 MiB.
pub const DEFAULT_MAX_FIELD_BYTES: usize = 1 << 20;
/// Default size limit of a JSON array (held whole, with its parsed tree,
/// until read) when `maxInputBytes` is not set: 128 MiB.
pub const DEFAULT_MAX_JSON_BYTES: u64 = 128 << 20;
/// Default limit of distinct values per dimension.
pub const DEFAULT_MAX_DISTINCT_VALUES: usize = 100_000;

/// Load options as written; unknown keys are refused.
/// [`LoadOptions::from_document`] applies them on top of the defaults and
/// the preset's.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase", expecting = "load options {\"preset\": …, \"mapping\": {…}, …}")]
pub struct LoadDocument {
    #[serde(default, deserialize_with = "preset")]
    preset: Option<Preset>,
    record: Option<RecordKind>,
    event_log: Option<bool>,
    mapping: Option<MappingPatch>,
    #[serde(default, deserialize_with = "zone")]
    timezone: Option<TimeZone>,
    timestamp_formats: Option<Vec<String>>,
    epoch: Option<EpochName>,
    null_tokens: Option<Vec<String>>,
    mode: Option<Mode>,
    #[serde(default, deserialize_with = "instant")]
    as_of: Option<Instant>,
    #[serde(default, deserialize_with = "delimiter")]
    delimiter: Option<u8>,
    kind: Option<String>,
    #[serde(default, deserialize_with = "csat_scale")]
    csat_scale: Option<(f64, f64)>,
    first_response: Option<FirstResponse>,
    opening_statuses: Option<Vec<String>>,
    #[serde(default, deserialize_with = "positive")]
    max_rows: Option<u64>,
    #[serde(default, deserialize_with = "positive")]
    max_field_bytes: Option<u64>,
    #[serde(default, deserialize_with = "positive")]
    max_input_bytes: Option<u64>,
    #[serde(default, deserialize_with = "positive")]
    max_distinct_values: Option<u64>,
    #[serde(default, deserialize_with = "instant")]
    opened_from: Option<Instant>,
    #[serde(default, deserialize_with = "instant")]
    opened_before: Option<Instant>,
}

/// `epoch`: `"auto"`, `"seconds"` or `"milliseconds"`.
#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum EpochName {
    Auto,
    Seconds,
    Milliseconds,
}

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
            timestamps: TimestampReader::new(TimeZone::utc(), &[], Epoch::Auto, "timestampFormats").unwrap_or_else(|_| unreachable!("no formats cannot fail")),
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
            max_input_bytes: None,
            max_distinct_values: DEFAULT_MAX_DISTINCT_VALUES,
            opened_from: None,
            opened_before: None,
        }
    }

    /// Reads options from JSON; `path` prefixes the paths in errors. Keys:
    /// `preset`, `record` (`tickets`|`outages`|`changes`), `eventLog`,
    /// `mapping`, `timezone`, `timestampFormats`, `epoch`
    /// (`auto`|`seconds`|`milliseconds`), `nullTokens`, `mode`
    /// (`strict`|`lenient`), `asOf`, `delimiter`, `kind`, `csatScale`
    /// (`[min, max]`), `firstResponse` (`status`|`assignment`),
    /// `openingStatuses`, `maxRows`, `maxFieldBytes`, `maxInputBytes`,
    /// `maxDistinctValues`, `openedFrom`, `openedBefore`.
    pub fn from_json(value: &Value, path: &str) -> Result<Self, Error> {
        LoadOptions::from_document(from_value(value, path)?, path)
    }

    /// Applies load options read at `path` (`None`: none were given, an
    /// error) on top of the defaults and the preset's.
    pub fn from_document(doc: Option<LoadDocument>, path: &str) -> Result<Self, Error> {
        let Some(doc) = doc else {
            return Err(Error::invalid(path, "load options are required (at least a preset or a mapping)"));
        };
        let preset = doc.preset;
        let record = doc.record.unwrap_or(RecordKind::Tickets);
        if preset.is_some() && record != RecordKind::Tickets {
            return Err(Error::invalid(join(path, "record"), "the presets load tickets; give a mapping for outages and changes"));
        }
        let mut mapping = preset.as_ref().map(|p| p.mapping.clone()).unwrap_or_default();
        match doc.mapping {
            Some(patch) => mapping.apply(patch),
            None if preset.is_none() => return Err(Error::invalid(path, "needs a \"preset\" or a \"mapping\"")),
            None => {}
        }
        let mut o = LoadOptions::new(record, mapping);
        if let Some(p) = &preset {
            o.preset = Some(p.name.to_string());
            o.event_log = p.event_log;
            o.nulls = NullTokens::new(p.null_tokens.clone());
            o.opening_statuses = p.opening_statuses.clone();
        }
        if let Some(event_log) = doc.event_log {
            o.event_log = event_log;
            if event_log && record != RecordKind::Tickets {
                return Err(Error::invalid(join(path, "eventLog"), "only tickets load from event logs"));
            }
        }
        let zone = doc.timezone.unwrap_or_else(TimeZone::utc);
        let (formats, formats_path) = match doc.timestamp_formats {
            Some(formats) => (formats, join(path, "timestampFormats")),
            None => (preset.as_ref().map(|p| p.formats.clone()).unwrap_or_default(), "timestampFormats".to_string()),
        };
        let epoch = match doc.epoch {
            Some(EpochName::Seconds) => Epoch::Seconds,
            Some(EpochName::Milliseconds) => Epoch::Milliseconds,
            Some(EpochName::Auto) | None => Epoch::Auto,
        };
        o.timestamps = TimestampReader::new(zone, &formats, epoch, &formats_path)?;
        if let Some(tokens) = doc.null_tokens {
            o.nulls = NullTokens::new(tokens);
        }
        o.mode = doc.mode.unwrap_or(o.mode);
        o.as_of = doc.as_of;
        o.delimiter = doc.delimiter;
        o.kind = doc.kind.unwrap_or(o.kind);
        o.csat_scale = doc.csat_scale.unwrap_or(o.csat_scale);
        o.first_response = doc.first_response.unwrap_or(o.first_response);
        o.opening_statuses = doc.opening_statuses.or(o.opening_statuses);
        // Saturating on 32-bit targets: no input there has 2^32 rows or bytes.
        let size = |n: Option<u64>, default: usize| n.map_or(default, |n| usize::try_from(n).unwrap_or(usize::MAX));
        o.max_rows = size(doc.max_rows, o.max_rows);
        o.max_field_bytes = size(doc.max_field_bytes, o.max_field_bytes);
        o.max_input_bytes = doc.max_input_bytes;
        o.max_distinct_values = size(doc.max_distinct_values, o.max_distinct_values);
        if (doc.opened_from.is_some() || doc.opened_before.is_some()) && record != RecordKind::Tickets {
            let key = if doc.opened_from.is_some() { "openedFrom" } else { "openedBefore" };
            return Err(Error::invalid(join(path, key), "applies to tickets; outages and changes load whole"));
        }
        if let (Some(from), Some(before)) = (doc.opened_from, doc.opened_before) {
            if before <= from {
                let (from, before) = (format_instant(from), format_instant(before));
                return Err(Error::invalid(join(path, "openedBefore"), format!("{before} is not after openedFrom {from}: the window is empty")));
            }
        }
        o.opened_from = doc.opened_from;
        o.opened_before = doc.opened_before;
        Ok(o)
    }

    /// Whether a ticket opened at `opened` lies outside the window of
    /// `openedFrom` (included) and `openedBefore` (excluded), so that its
    /// rows are skipped.
    pub fn outside_window(&self, opened: Instant) -> bool {
        self.opened_from.is_some_and(|from| opened < from) || self.opened_before.is_some_and(|before| opened >= before)
    }
}

fn preset<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Preset>, D::Error> {
    parse_opt_str(d, |name| presets::get(name).ok_or_else(|| format!("{} is not a preset; expected one of: {}", quote(name), presets::NAMES.join(", "))))
}

fn zone<'de, D: Deserializer<'de>>(d: D) -> Result<Option<TimeZone>, D::Error> {
    parse_opt_str(d, |name| TimeZone::named(name, ""))
}

fn instant<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Instant>, D::Error> {
    parse_opt_str(d, parse_instant)
}

/// A delimiter: `,`, `;`, tab (`\t` or `tab`) or `|`.
pub(super) fn delimiter<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u8>, D::Error> {
    parse_opt_str(d, |text| match text {
        "," => Ok(b','),
        ";" => Ok(b';'),
        "\t" | "tab" => Ok(b'\t'),
        "|" => Ok(b'|'),
        other => Err(format!("{} is not a delimiter; expected \",\", \";\", \"\\t\" (or \"tab\") or \"|\"", quote(other))),
    })
}

/// `[lowest, highest]`.
fn csat_scale<'de, D: Deserializer<'de>>(d: D) -> Result<Option<(f64, f64)>, D::Error> {
    checked(d, |scale: Option<Vec<Number>>| match scale.as_deref() {
        None => Ok(None),
        Some(&[Number(lo), Number(hi)]) if lo < hi => Ok(Some((lo, hi))),
        Some(&[Number(lo), Number(hi)]) => Err(["the lowest score ", &lo.to_string(), " must be below the highest ", &hi.to_string()].concat()),
        Some(_) => Err("expected [lowest, highest], e.g. [1, 5]".to_string()),
    })
}

/// A whole number of at least 1.
pub(super) fn positive<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    checked(d, |n: Option<Number>| match n {
        Some(Number(x)) if !(x >= 1.0 && x.fract() == 0.0 && x <= 1e15) => Err(["expected a whole number of at least 1, found ", &x.to_string()].concat()),
        n => Ok(n.map(|n| n.0 as u64)),
    })
}

// Test code only (compiled under `cfg(test)`): its unwrap()/expect() calls
// run on inputs written in the tests, never on user input.
#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn preset_defaults_and_overrides() {
        let o = LoadOptions::from_json(&json!({"preset": "servicenow-event-log", "mode": "lenient", "asOf": "2016-06-01T00:00:00Z"}), "").unwrap();
        assert!(o.event_log);
        assert_eq!(o.mode, Mode::Lenient);
        assert_eq!(o.as_of, Some(1_464_739_200)); // 16953 days * 86400
        assert_eq!(o.opening_statuses, Some(vec!["New".to_string()]));
    }

    #[test]
    fn errors_carry_paths() {
        let e = LoadOptions::from_json(&json!({"preset": "topdesk"}), "options").unwrap_err();
        assert!(e.to_string().starts_with("options.preset: \"topdesk\" is not a preset; expected one of: servicenow-event-log"), "{e}");
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
        assert!(e.to_string().starts_with("mappings: unknown field `mappings`, expected one of `preset`, `record`"), "{e}");
        let e = LoadOptions::from_json(&Value::Null, "options").unwrap_err();
        assert_eq!(e.to_string(), "options: load options are required (at least a preset or a mapping)");
        let e = LoadOptions::from_json(&json!({"preset": "jira", "record": "outages"}), "").unwrap_err();
        assert_eq!(e.to_string(), "record: the presets load tickets; give a mapping for outages and changes");
        let e = LoadOptions::from_json(&json!({"preset": "jira", "csatScale": [5, 1]}), "").unwrap_err();
        assert_eq!(e.to_string(), "csatScale: the lowest score 5 must be below the highest 1");
        let e = LoadOptions::from_json(&json!({"preset": "jira", "csatScale": [1]}), "").unwrap_err();
        assert_eq!(e.to_string(), "csatScale: expected [lowest, highest], e.g. [1, 5]");
        let e = LoadOptions::from_json(&json!({"mapping": {"id": "a"}, "record": "changes", "eventLog": true}), "").unwrap_err();
        assert_eq!(e.to_string(), "eventLog: only tickets load from event logs");
        let e = LoadOptions::from_json(&json!({"preset": "jira", "mode": "loose"}), "").unwrap_err();
        assert_eq!(e.to_string(), "mode: unknown variant `loose`, expected `strict` or `lenient`");
        let e = LoadOptions::from_json(&json!({"timezone": "UTC"}), "").unwrap_err();
        assert_eq!(e.to_string(), "needs a \"preset\" or a \"mapping\"");
        let e = LoadOptions::from_json(&json!({"preset": "jira", "maxRows": 0}), "").unwrap_err();
        assert!(e.to_string().starts_with("maxRows: expected a whole number of at least 1"), "{e}");
        let e = LoadOptions::from_json(&json!({"preset": "jira", "asOf": "tomorrow"}), "").unwrap_err();
        assert!(e.to_string().starts_with("asOf: \"tomorrow\" is not an ISO 8601 instant"), "{e}");
    }
}
