//! The load options an inspection proposes: the preset that fits the
//! header (tried from [`presets::NAMES`], so a preset added there is
//! detected with no change here), else a column mapping with a role per
//! column guessed from its name and values; the delimiter, the time zone
//! question for naive timestamps, the timestamp formats, extra null tokens
//! and `eventLog` when ids repeat. Every guess carries its reason.

use super::profile::{ColumnProfile, ValueType};
use super::{check, Guess, Sample, SampleCheck};
use crate::ingest::hashing::HashMap;
use crate::ingest::mapping::{find, Field};
use crate::ingest::{presets, LoadOptions};
use serde_json::{json, Map, Value};

/// Accepted value types of a role, as bits.
const TIME: u8 = 1;
const NUMBER: u8 = 2;
const YES_NO: u8 = 4;
const TEXT: u8 = 8;

/// Where a role's column goes in the options document.
#[derive(Clone, Copy)]
enum Target {
    /// A mapping field.
    Field(Field),
    /// A ticket dimension of this name.
    Dimension(&'static str),
    /// Nowhere (the role does not apply to this kind of input).
    Skip,
}

/// A role a column can take: where it goes in a list and in an event log,
/// the name fragments that suggest it (lower case, letters and digits
/// only; earlier ones weigh more; fragments under four letters must match
/// the whole name), and the value types it takes.
struct Role(Target, Target, &'static [&'static str], u8);

/// The roles after the id, in the order they pick their columns.
const ROLES: [Role; 17] = [
    Role(
        Target::Field(Field::Opened),
        Target::Field(Field::Opened),
        &["opened", "openedat", "created", "createdat", "createdon", "creationdate", "opendate", "submitted", "reported"],
        TIME,
    ),
    Role(
        Target::Skip,
        Target::Field(Field::Updated),
        &["updated", "updatedat", "sysupdatedat", "timestamp", "timetimestamp", "eventtime", "modified", "changed", "time", "date"],
        TIME,
    ),
    Role(Target::Dimension("status"), Target::Field(Field::Status), &["status", "state", "incidentstate", "activity", "conceptname"], TEXT | NUMBER),
    Role(
        Target::Field(Field::Resolved),
        Target::Field(Field::Resolved),
        &["resolved", "resolvedat", "resolveddate", "resolutiondate", "solved", "solvedat"],
        TIME,
    ),
    Role(Target::Field(Field::Closed), Target::Field(Field::Closed), &["closed", "closedat", "closeddate", "closedon", "closetime"], TIME),
    Role(Target::Field(Field::FirstResponse), Target::Field(Field::FirstResponse), &["firstresponse", "firstresponseat", "firstreply", "responded"], TIME),
    Role(Target::Dimension("assignment_group"), Target::Field(Field::AssignmentGroup), &["assignmentgroup", "group", "team", "queue", "supportgroup"], TEXT),
    Role(
        Target::Dimension("assignee"),
        Target::Field(Field::Assignee),
        &["assignee", "assignedto", "owner", "agent", "orgresource", "resource", "technician"],
        TEXT,
    ),
    Role(Target::Skip, Target::Field(Field::Sequence), &["sysmodcount", "sequence", "seq"], NUMBER),
    Role(Target::Field(Field::ReopenCount), Target::Field(Field::ReopenCount), &["reopencount", "reopens", "timesreopened"], NUMBER),
    Role(Target::Field(Field::SlaMet), Target::Field(Field::SlaMet), &["madesla", "slamet", "withinsla", "sla"], YES_NO),
    Role(
        Target::Field(Field::Csat),
        Target::Field(Field::Csat),
        &["satisfactionrating", "satisfaction", "csat", "satisfactionscore", "rating", "score"],
        NUMBER,
    ),
    Role(Target::Field(Field::FirstContactResolution), Target::Field(Field::FirstContactResolution), &["firstcontactresolution", "fcr"], YES_NO),
    Role(Target::Field(Field::Kind), Target::Field(Field::Kind), &["issuetype", "tickettype", "incidenttype", "kind"], TEXT),
    Role(Target::Field(Field::Title), Target::Field(Field::Title), &["summary", "title", "subject", "shortdescription"], TEXT),
    Role(Target::Dimension("priority"), Target::Dimension("priority"), &["priority", "prio"], TEXT | NUMBER),
    Role(Target::Dimension("service"), Target::Dimension("service"), &["service", "businessservice", "cmdbci"], TEXT),
];

/// Name fragments of the id column.
const ID_NAMES: &[&str] = &[
    "issuekey",
    "ticketid",
    "ticketnumber",
    "incidentid",
    "caseid",
    "caseconceptname",
    "requestid",
    "number",
    "id",
    "key",
    "ticket",
    "case",
    "incident",
    "reference",
];

/// Most distinct values of a column proposed as a dimension by its values alone.
const DIMENSION_VALUES: usize = 50;
/// Most dimensions proposed by values alone.
const DIMENSIONS: usize = 12;

/// The options document and the guesses behind it; sets the profiles'
/// `variesPerId`.
/// With it, the sample loaded with the options (a preset with which rows
/// are refused gives way to a mapping).
pub fn propose(columns: &mut [ColumnProfile], sample: &Sample, delimiter: u8) -> (Map<String, Value>, Vec<Guess>, SampleCheck) {
    let mut guesses = Vec::new();
    let mut options = Map::new();
    let shown = if delimiter == b'\t' { "tab".to_string() } else { format!("\"{}\"", delimiter as char) };
    options.insert("delimiter".to_string(), Value::String((delimiter as char).to_string()));
    guesses.push(guess("delimiter", json!((delimiter as char).to_string()), format!("{shown} separates the most fields of the header line"), false));
    let extra_nulls = extra_null_tokens(columns);
    if let Some((name, mut preset, mut own)) = fitting_preset(columns, sample, &options, &extra_nulls) {
        let result = check(sample, &preset);
        // A preset that refuses a few rows (at most one in five) still
        // fits: exports carry the odd broken row, and lenient mode loads
        // the others.
        if result.error.is_none() && result.rejected * 5 <= sample.rows.len() {
            if result.rejected > 0 {
                let first = result.errors.first().map(|e| format!(" (first: row {}, {}: {})", e.row, e.column, e.reason)).unwrap_or_default();
                let reason =
                    format!("{} of {} sampled rows are refused{first}; lenient mode loads the others and lists them", result.rejected, sample.rows.len());
                own.push(guess("mode", json!("lenient"), reason, true));
                preset = guesses_applied(preset, &own[own.len() - 1..]);
            }
            guesses.extend(own);
            return (preset, guesses, result);
        }
        let why = result.error.unwrap_or_else(|| format!("{} of {} sampled rows are refused", result.rejected, sample.rows.len()));
        guesses.push(guess("preset", Value::Null, format!("preset \"{name}\" fits the header but not the values: {why}"), false));
    }
    propose_mapping(columns, sample, &extra_nulls, &mut guesses);
    let options = guesses_applied(options, &guesses);
    let result = check(sample, &options);
    (options, guesses, result)
}

fn guess(option: &str, value: Value, reason: String, question: bool) -> Guess {
    Guess { option: option.to_string(), value, reason, question }
}

/// A name in lower case, letters and digits only (`Issue key` →
/// `issuekey`). ASCII letters are lowered; other non-ASCII characters are
/// kept as they are (Unicode case tables would add 10 KB gzip to the wasm
/// package).
fn normalised(name: &str) -> String {
    name.chars().filter(|c| c.is_ascii_alphanumeric() || !c.is_ascii()).map(|c| c.to_ascii_lowercase()).collect()
}

/// How well `name` suggests a role with `fragments`: 0 for not at all.
fn name_score(name: &str, fragments: &[&str]) -> usize {
    let n = normalised(name);
    let mut best = 0;
    for (i, f) in fragments.iter().enumerate() {
        let score = if n == *f {
            2000 - i
        } else if f.len() >= 4 && n.contains(f) {
            1000 - i
        } else {
            0
        };
        best = best.max(score);
    }
    best
}

/// Whether column `c` can be named in a mapping: not a repeat of an
/// earlier name (a mapping finds the first).
fn nameable(columns: &[ColumnProfile], c: usize) -> bool {
    !columns[..c].iter().any(|p| p.name == columns[c].name)
}

fn type_bit(t: ValueType) -> u8 {
    match t {
        ValueType::Timestamp => TIME,
        ValueType::Number => NUMBER,
        ValueType::YesNo => YES_NO,
        ValueType::Text => TEXT,
        ValueType::Empty => 0,
    }
}

/// Null tokens seen beyond the default `""` and `"?"`.
fn extra_null_tokens(columns: &[ColumnProfile]) -> Vec<String> {
    let mut extra: Vec<String> = Vec::new();
    for c in columns {
        for n in &c.nulls {
            if !["", "?"].contains(&n.value.as_str()) && !extra.contains(&n.value) {
                extra.push(n.value.clone());
            }
        }
    }
    extra
}

/// Whether the values of column `id` repeat in the sample, and sets each
/// profile's `variesPerId` when they do.
fn mark_per_id(columns: &mut [ColumnProfile], sample: &Sample, id: usize) -> bool {
    let mut first: HashMap<&str, usize> = HashMap::default();
    let mut repeated = false;
    let mut varies = vec![false; columns.len()];
    for (r, row) in sample.rows.iter().enumerate() {
        let key = row[id].trim();
        match first.get(key) {
            None => {
                first.insert(key, r);
            }
            Some(&f) => {
                repeated = true;
                for (c, v) in varies.iter_mut().enumerate() {
                    *v |= sample.rows[f][c].trim() != row[c].trim();
                }
            }
        }
    }
    for (p, v) in columns.iter_mut().zip(varies) {
        p.varies_per_id = repeated.then_some(v);
    }
    repeated
}

/// The preset whose columns are in the header (most of them; then the one
/// whose event log setting matches repeated ids): its options and guesses.
fn fitting_preset(
    columns: &mut [ColumnProfile],
    sample: &Sample,
    base: &Map<String, Value>,
    extra_nulls: &[String],
) -> Option<(&'static str, Map<String, Value>, Vec<Guess>)> {
    let mut best: Option<((usize, bool), &str, usize)> = None;
    for name in presets::NAMES {
        let Some((present, _, id, event_log, _)) = preset_fit(columns, sample, name) else { continue };
        let score = (present, mark_per_id(columns, sample, id) == event_log);
        if best.map_or(true, |(s, _, _)| score > s) {
            best = Some((score, name, id));
        }
    }
    let (_, name, id) = best?;
    let (present, total, _, event_log, naive) = preset_fit(columns, sample, name)?;
    let repeats = mark_per_id(columns, sample, id);
    let mut own = vec![guess("preset", json!(name), format!("{present} of the preset's {total} columns are in the header"), false)];
    if repeats != event_log {
        let why =
            if repeats { "ids repeat but the preset reads one row per ticket" } else { "ids do not repeat in the sample, yet the preset reads an event log" };
        own.push(guess("eventLog", json!(event_log), format!("as the preset says ({why})"), false));
    }
    let nulls = LoadOptions::from_json(&json!({ "preset": name }), "").map(|o| null_list(&o)).unwrap_or_default();
    add_common(&mut own, naive, extra_nulls, &nulls);
    Some((name, guesses_applied(base.clone(), &own), own))
}

/// How preset `name` fits the header: its columns present and in all, the
/// id column, whether it reads an event log and whether a timestamp it
/// maps is naive; `None` when a column it requires is missing.
fn preset_fit(columns: &[ColumnProfile], sample: &Sample, name: &str) -> Option<(usize, usize, usize, bool, bool)> {
    let options = LoadOptions::from_json(&json!({ "preset": name }), "").ok()?;
    let resolved = super::super::resolve(&options, &sample.columns).ok()?;
    let sources = options.mapping.fields.iter().map(|(_, s)| s).chain(options.mapping.dimensions.iter().map(|(_, s)| s));
    let (mut present, mut total) = (0, 0);
    for s in sources {
        total += 1;
        present += usize::from(find(&sample.columns, &s.columns).is_some());
    }
    let id = resolved.slot(Field::Id).map(|s| resolved.columns[s])?;
    let times = [Field::Opened, Field::Updated, Field::Resolved, Field::Closed, Field::FirstResponse];
    let naive = times.iter().filter_map(|&f| resolved.slot(f)).any(|s| columns[resolved.columns[s]].naive);
    Some((present, total, id, options.event_log, naive))
}

/// The time zone question and extra null tokens, for any proposal.
fn add_common(guesses: &mut Vec<Guess>, naive: bool, extra_nulls: &[String], nulls: &[String]) {
    if naive {
        guesses.push(guess(
            "timezone",
            json!("UTC"),
            "timestamps carry no offset: they are wall-clock times in a zone the file does not say; UTC unless you choose the zone they were written in"
                .to_string(),
            true,
        ));
    }
    let missing: Vec<&String> = extra_nulls.iter().filter(|t| !nulls.contains(t)).collect();
    if !missing.is_empty() {
        let mut tokens: Vec<String> = nulls.to_vec();
        tokens.extend(missing.iter().map(|t| t.to_string()));
        let list: Vec<String> = missing.iter().map(|t| format!("\"{t}\"")).collect();
        guesses.push(guess("nullTokens", json!(tokens), format!("{} seen where values are missing", list.join(", ")), false));
    }
}

/// The tokens of [`NULL_TOKENS`](super::profile::NULL_TOKENS) that `options` read as no value.
fn null_list(options: &LoadOptions) -> Vec<String> {
    super::profile::NULL_TOKENS.iter().filter(|t| options.nulls.is_null(t)).map(|t| t.to_string()).collect()
}

/// Guesses a mapping: the id, then event log or list, then each role,
/// then dimensions by their values.
fn propose_mapping(columns: &mut [ColumnProfile], sample: &Sample, extra_nulls: &[String], guesses: &mut Vec<Guess>) {
    let mut taken = vec![false; columns.len()];
    let usable =
        |columns: &[ColumnProfile], taken: &[bool], c: usize, types: u8| !taken[c] && nameable(columns, c) && type_bit(columns[c].value_type) & types != 0;
    // The id: by name, else the first column with a value in every row.
    let by_name = best(columns, &taken, ID_NAMES, TEXT | NUMBER, &usable);
    let id = by_name.map(|c| (c, format!("the name \"{}\" suggests the ticket id", columns[c].name))).or_else(|| {
        (0..columns.len())
            .find(|&c| usable(columns, &taken, c, TEXT | NUMBER) && columns[c].filled == sample.rows.len())
            .map(|c| (c, "no column is named like an id: the first column with a value in every sampled row".to_string()))
    });
    let mut event_log = false;
    let mut mapped_times = Vec::new();
    match id {
        Some((c, why)) => {
            taken[c] = true;
            guesses.push(guess("mapping.id", json!(columns[c].name), why, false));
            let repeats = mark_per_id(columns, sample, c);
            // An event log needs a column that changes per id for its update instant and its status.
            let varying = |columns: &[ColumnProfile], types: u8| {
                (0..columns.len()).any(|k| k != c && columns[k].varies_per_id == Some(true) && type_bit(columns[k].value_type) & types != 0)
            };
            event_log = repeats && varying(columns, TIME) && varying(columns, TEXT | NUMBER);
            let reason = match (repeats, event_log) {
                (true, true) => "values repeat per id: event log (one row per update of a ticket)",
                (true, false) => "ids repeat, but no timestamp and status change within an id: a list (repeated ids are separate rows)",
                _ => "every id appears once in the sample: one row per ticket",
            };
            guesses.push(guess("eventLog", json!(event_log), reason.to_string(), repeats && !event_log));
        }
        None => guesses.push(guess("mapping.id", Value::Null, "no column has a value in every sampled row: choose the id column".to_string(), true)),
    }
    for Role(flat, log, names, types) in &ROLES {
        let target = if event_log { *log } else { *flat };
        let (option, field) = match target {
            Target::Skip => continue,
            Target::Field(f) => (format!("mapping.{}", f.name()), Some(f)),
            Target::Dimension(d) => (format!("mapping.dimensions.{d}"), None),
        };
        // In an event log, the update instant and the status change per id.
        let per_id = |c: usize| !(event_log && matches!(field, Some(Field::Updated | Field::Status))) || columns[c].varies_per_id == Some(true);
        let found = best(columns, &taken, names, *types, &|p: &[ColumnProfile], t: &[bool], c: usize, ty: u8| usable(p, t, c, ty) && per_id(c));
        let found = found.map(|c| (c, format!("the name \"{}\" suggests it ({})", columns[c].name, columns[c].reason))).or_else(|| {
            let fallback = match field {
                Some(Field::Opened) => (0..columns.len()).find(|&c| usable(columns, &taken, c, TIME) && !(event_log && columns[c].varies_per_id == Some(true))),
                Some(Field::Updated | Field::Status) => {
                    (0..columns.len()).find(|&c| usable(columns, &taken, c, *types) && columns[c].varies_per_id == Some(true))
                }
                _ => None,
            }?;
            let why = if field == Some(Field::Opened) {
                "the first timestamp column that does not change within an id"
            } else {
                "the first column of its type whose values change within an id"
            };
            Some((fallback, format!("no column is named like it: {why}")))
        });
        match found {
            Some((c, why)) => {
                taken[c] = true;
                if columns[c].value_type == ValueType::Timestamp {
                    mapped_times.push(c);
                }
                guesses.push(guess(&option, json!(columns[c].name), why, false));
                if event_log && field == Some(Field::Status) {
                    guesses.push(opening_status(sample, c));
                }
            }
            None if matches!(field, Some(Field::Opened | Field::Updated | Field::Status)) => {
                guesses.push(guess(&option, Value::Null, "no column fits: choose it (it is required)".to_string(), true));
            }
            None => {}
        }
    }
    // Other repeating values (text or yes/no) become dimensions.
    let mut added = 0;
    for c in 0..columns.len() {
        let p = &columns[c];
        let fits = usable(columns, &taken, c, TEXT | YES_NO) && (2..=DIMENSION_VALUES).contains(&p.distinct) && p.distinct < p.filled;
        if fits && added < DIMENSIONS {
            let name = dimension_name(&p.name, c);
            if guesses.iter().any(|g| g.option == format!("mapping.dimensions.{name}")) {
                continue;
            }
            taken[c] = true;
            added += 1;
            let why = format!("{} distinct values, repeating: a dimension", p.distinct);
            guesses.push(guess(&format!("mapping.dimensions.{name}"), json!(p.name), why, false));
        }
    }
    // The formats of the mapped timestamps, in column order.
    let mut formats: Vec<String> = Vec::new();
    for &c in &mapped_times {
        if let Some(f) = &columns[c].format {
            if !formats.contains(f) {
                formats.push(f.clone());
            }
        }
    }
    if !formats.is_empty() {
        guesses.push(guess("timestampFormats", json!(formats), "the formats the mapped timestamp columns read with".to_string(), false));
    }
    // CSAT scores above 5: a wider scale.
    if let Some(g) = guesses.iter().find(|g| g.option == "mapping.csat") {
        let c = columns.iter().position(|p| Some(p.name.as_str()) == g.value.as_str());
        let highest = c.map_or(0.0, |c| sample.rows.iter().filter_map(|r| super::super::cells::decimal(r[c].trim())).fold(0.0, f64::max));
        if highest > 5.0 {
            let scale = if highest <= 10.0 { [0, 10] } else { [0, 100] };
            guesses.push(guess("csatScale", json!(scale), format!("scores up to {highest}"), true));
        }
    }
    let naive = mapped_times.iter().any(|&c| columns[c].naive);
    add_common(guesses, naive, extra_nulls, &["".to_string(), "?".to_string()]);
}

/// Names of the status a ticket opens in.
const OPENING_NAMES: &[&str] = &["new", "open", "opened", "logged", "registered", "submitted", "created"];

/// The opening status of an event log whose status is column `c`: the
/// first value (in row order) named like an opening state.
fn opening_status(sample: &Sample, c: usize) -> Guess {
    let found = sample.rows.iter().map(|r| r[c].trim()).find(|v| OPENING_NAMES.contains(&normalised(v).as_str()));
    match found {
        Some(v) => guess("openingStatuses", json!([v]), format!("\"{v}\" names the state a ticket opens in (first response: leaving it)"), false),
        None => guess(
            "openingStatuses",
            Value::Null,
            "no status is named like an opening state: each ticket's first status counts as its opening one".to_string(),
            true,
        ),
    }
}

/// Whether a column (profiles, columns taken, its index) can take a role
/// of these value types.
type Usable<'a> = dyn Fn(&[ColumnProfile], &[bool], usize, u8) -> bool + 'a;

/// The best column for a role by name (0 score: none).
fn best(columns: &[ColumnProfile], taken: &[bool], names: &[&str], types: u8, usable: &Usable<'_>) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for c in 0..columns.len() {
        let score = name_score(&columns[c].name, names);
        if score > 0 && usable(columns, taken, c, types) && best.map_or(true, |(s, _)| score > s) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

/// A dimension's name from its column's: ASCII letters in lower case,
/// other letters kept (as [`normalised`]), runs of other
/// characters as `_`, at most 40 characters; `column_N` when nothing is left.
fn dimension_name(column: &str, index: usize) -> String {
    let mut name = String::new();
    for ch in column.chars().map(|c| c.to_ascii_lowercase()) {
        if ch.is_ascii_alphanumeric() || !ch.is_ascii() {
            name.push(ch);
        } else if !name.is_empty() && !name.ends_with('_') {
            name.push('_');
        }
        if name.chars().count() >= 40 {
            break;
        }
    }
    let name = name.trim_end_matches('_').to_string();
    if name.is_empty() {
        format!("column_{}", index + 1)
    } else {
        name
    }
}

/// `doc` with the value of every guess written at its path.
fn guesses_applied(mut doc: Map<String, Value>, guesses: &[Guess]) -> Map<String, Value> {
    for g in guesses {
        if g.value.is_null() {
            continue;
        }
        let mut at = &mut doc;
        let mut parts = g.option.split('.').peekable();
        while let Some(part) = parts.next() {
            if parts.peek().is_none() {
                at.insert(part.to_string(), g.value.clone());
                break;
            }
            let next = at.entry(part.to_string()).or_insert_with(|| Value::Object(Map::new()));
            match next {
                Value::Object(map) => at = map,
                _ => break,
            }
        }
    }
    doc
}
