//! The profile of one column of an inspected sample: the type its values
//! have (and a timestamp's format), the null tokens seen, the distinct
//! values and the most frequent ones.

use super::super::cells::{decimal, trim};
use super::super::timestamp::read_format;
use crate::ingest::hashing::HashMap;
use crate::support::time::read_iso;
use chrono::format::Item;
use serde::Serialize;

/// Values counted as "no value" when seen (compared after trimming).
pub const NULL_TOKENS: [&str; 7] = ["", "?", "NULL", "null", "N/A", "n/a", "-"];

/// Formats tried after the presets' own, when a column's values are not
/// ISO 8601: day before month first, so that only values with a day
/// above 12 (`25/03/2026`) pick the month-first formats.
pub const COMMON_FORMATS: [&str; 11] = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %I:%M %p",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d-%m-%Y %H:%M",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%d.%m.%Y",
];

/// Most frequent values listed per column.
const TOP: usize = 5;
/// Longest value shown in a profile, in characters.
const SHOWN_CHARS: usize = 100;

/// What a column's values are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ValueType {
    /// Instants: ISO 8601, epoch numbers or one strftime format.
    Timestamp,
    /// Plain decimal numbers.
    Number,
    /// `true`/`false`, `yes`/`no`, `y`/`n`.
    YesNo,
    /// Anything else.
    Text,
    /// No value in any sampled row.
    Empty,
}

/// A value and how many sampled rows hold it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValueCount {
    /// The value (trimmed; cut at 100 characters).
    pub value: String,
    /// Rows holding it.
    pub count: usize,
}

/// One column of the sample.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ColumnProfile {
    /// Position in the header, from 0.
    pub index: usize,
    /// The header's name, as it is (any text).
    pub name: String,
    /// What the values are.
    #[serde(rename = "type")]
    pub value_type: ValueType,
    /// The strftime format the timestamps need (`None`: ISO 8601 or epoch
    /// numbers, read without a format; or not timestamps).
    pub format: Option<String>,
    /// Whether some timestamp carries no offset (wall-clock time in a zone
    /// the data does not say).
    pub naive: bool,
    /// Why the type was chosen.
    pub reason: String,
    /// Sampled rows with a value (not a null token).
    pub filled: usize,
    /// Null tokens seen, with their counts.
    pub nulls: Vec<ValueCount>,
    /// Distinct values in the sample.
    pub distinct: usize,
    /// The most frequent values, most frequent first.
    pub top: Vec<ValueCount>,
    /// Whether the values differ between rows of one id (set once the id
    /// column is known and its ids repeat; `None` otherwise).
    pub varies_per_id: Option<bool>,
}

/// Profiles column `index` called `name` from its sampled `values`,
/// trying the compiled timestamp `formats` in order.
pub fn profile(index: usize, name: &str, values: &[&str], formats: &[(String, Vec<Item<'static>>)]) -> ColumnProfile {
    let mut nulls: Vec<ValueCount> = Vec::new();
    let mut counts: HashMap<&str, usize> = HashMap::default();
    let mut filled = Vec::with_capacity(values.len());
    for v in values {
        let t = trim(v);
        if let Some(token) = NULL_TOKENS.iter().find(|&&n| n == t) {
            match nulls.iter_mut().find(|c| c.value == *token) {
                Some(c) => c.count += 1,
                None => nulls.push(ValueCount { value: token.to_string(), count: 1 }),
            }
            continue;
        }
        *counts.entry(t).or_default() += 1;
        filled.push(t);
    }
    // The most frequent values (ties: the smaller text first), picked
    // rather than sorted: a sort of these pairs would be a new instance of
    // the sort code in the wasm package.
    let mut rest: Vec<(&str, usize)> = counts.iter().map(|(v, n)| (*v, *n)).collect();
    let mut top = Vec::with_capacity(TOP);
    while top.len() < TOP {
        let Some(best) =
            (0..rest.len()).reduce(|a, b| if (rest[b].1, std::cmp::Reverse(rest[b].0)) > (rest[a].1, std::cmp::Reverse(rest[a].0)) { b } else { a })
        else {
            break;
        };
        top.push(rest.swap_remove(best));
    }
    let (value_type, format, naive, reason) = detect(&filled, formats);
    ColumnProfile {
        index,
        name: name.to_string(),
        value_type,
        format,
        naive,
        reason,
        filled: filled.len(),
        nulls,
        distinct: counts.len(),
        top: top.iter().map(|(v, n)| ValueCount { value: v.chars().take(SHOWN_CHARS).collect(), count: *n }).collect(),
        varies_per_id: None,
    }
}

/// The type of `values` (none of them a null token): its format, whether
/// it is naive, and why.
fn detect(values: &[&str], formats: &[(String, Vec<Item<'static>>)]) -> (ValueType, Option<String>, bool, String) {
    let n = values.len();
    if n == 0 {
        return (ValueType::Empty, None, false, "no value in the sampled rows".to_string());
    }
    let words = ["true", "false", "yes", "no", "y", "n"];
    if values.iter().all(|v| words.iter().any(|w| v.eq_ignore_ascii_case(w))) {
        return (ValueType::YesNo, None, false, format!("all {n} values are yes/no words"));
    }
    if values.iter().all(|v| decimal(v).is_some()) {
        return (ValueType::Number, None, false, format!("all {n} values are numbers"));
    }
    // A value read without a format: ISO 8601 (offset, if any) or an epoch number.
    let plain = |v: &str| read_iso(v).map(|(_, offset)| offset.is_none()).or_else(|| decimal(v).map(|_| false));
    if let Some(naive) = all_read(values, plain) {
        let how = if naive { "some without an offset" } else { "all with an offset" };
        return (ValueType::Timestamp, None, naive, format!("all {n} values are ISO 8601 timestamps ({how})"));
    }
    for (format, items) in formats {
        let read = |v: &str| read_format(v, items).map(|(_, offset)| offset.is_none()).or_else(|| plain(v));
        if let Some(naive) = all_read(values, read) {
            return (ValueType::Timestamp, Some(format.clone()), naive, format!("all {n} values read with the format \"{format}\""));
        }
    }
    (ValueType::Text, None, false, format!("{n} values, not all numbers, yes/no words or timestamps"))
}

/// Whether `read` reads every value (`Some(naive)`: whether any reading
/// was naive), or `None`.
fn all_read(values: &[&str], read: impl Fn(&str) -> Option<bool>) -> Option<bool> {
    let mut naive = false;
    for v in values {
        naive |= read(v)?;
    }
    Some(naive)
}
