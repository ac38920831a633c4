//! The fuzz entries: one function per target, each feeding bytes to the
//! engine's public entry points the way the JS API and the CLI do, and
//! checking the invariants that must hold on any input.
//!
//! Shared by the libFuzzer targets (`fuzz/fuzz_targets/*.rs`) and by the
//! native regression test (`tests/fuzz_corpus.rs`), which runs every file
//! of `fuzz/corpus/<target>/` through the same function, so a committed
//! crash input stays fixed without nightly. Nothing here may panic except
//! the invariant checks (`assert!`): a panic is a bug of the engine.
#![allow(dead_code)]

use serde_json::{json, Value};
use sla_scorecard::calendar::Calendar;
use sla_scorecard::ingest::inspect::{inspect_bytes, InspectOptions};
use sla_scorecard::ingest::model::Dataset;
use sla_scorecard::ingest::timestamp::{Epoch, TimestampReader};
use sla_scorecard::ingest::{load, load_into, Format, Input, LoadOptions, Loaded, Loader};
use sla_scorecard::report::partial::{from_partial, Partial};
use sla_scorecard::report::{self, ReportOptions};
use sla_scorecard::scorecard::{default_config, Config};
use sla_scorecard::sla::report::{self as sla_report, Attribution, Period};
use sla_scorecard::sla::{self, PolicySet};
use sla_scorecard::support::time::{self, format_instant, parse_instant, Instant, MAX_INSTANT, MIN_INSTANT};
use sla_scorecard::support::tz::TimeZone;
use std::sync::OnceLock;

/// A fuzz target: runs one input.
pub type Target = fn(&[u8]);

/// Every target, by name, for the regression test.
pub const TARGETS: [(&str, Target); 14] = [
    ("csv_servicenow_event_log", csv_servicenow_event_log),
    ("csv_servicenow_incidents", csv_servicenow_incidents),
    ("csv_jira", csv_jira),
    ("csv_mapping", csv_mapping),
    ("csv_chunks", csv_chunks),
    ("json_ingest", json_ingest),
    ("calendar", calendar),
    ("calendar_ics", calendar_ics),
    ("inspect", inspect),
    ("timestamp", timestamp),
    ("policy", policy),
    ("scorecard", scorecard),
    ("pipeline", pipeline),
    ("partial", partial),
];

/// Runs one input as every libFuzzer target does: with no time zone
/// remembered from the inputs before (`forget_zones`), on a copy of the
/// input, which like every allocation of a fuzz build starts on a 64-byte
/// boundary (see [`EveryBlockAligned`]). So an input reaches the same edges
/// whatever ran before it.
pub fn run(target: Target, data: &[u8]) {
    #[cfg(fuzzing)]
    sla_scorecard::support::tz::forget_zones();
    target(&data.to_vec());
}

/// The fuzz builds' allocator: the system's, with every block aligned to 64
/// bytes.
///
/// memchr, which serde_json (for the line and column of a syntax error)
/// and csv-core use, reads a slice in vector-sized blocks from its first
/// aligned address, so the branches it takes depend on where the bytes
/// start. libFuzzer passes an input, and the allocator places the engine's
/// strings, at addresses that depend on the inputs run before, so one input
/// reached different edges from one run to the next (found by comparing
/// the edges two loads covered; docs/reliability.md). With every block on
/// one alignment an input's coverage is its own. libFuzzer's own copy of
/// the input comes from C++'s allocator, hence the copy in [`run`].
#[cfg(fuzzing)]
struct EveryBlockAligned;

#[cfg(fuzzing)]
const BLOCK_ALIGN: usize = 64;

// SAFETY: each method passes to `System` a layout of the same size whose
// alignment is raised to `BLOCK_ALIGN` (a power of two, so the layout is
// valid whenever the caller's is), and frees a block with the layout it was
// allocated with.
#[cfg(fuzzing)]
unsafe impl std::alloc::GlobalAlloc for EveryBlockAligned {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        match layout.align_to(BLOCK_ALIGN) {
            Ok(aligned) => std::alloc::System.alloc(aligned),
            Err(_) => std::ptr::null_mut(),
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        if let Ok(aligned) = layout.align_to(BLOCK_ALIGN) {
            std::alloc::System.dealloc(ptr, aligned);
        }
    }
}

#[cfg(fuzzing)]
#[global_allocator]
static ALLOCATOR: EveryBlockAligned = EveryBlockAligned;

/// Evaluation instant of loads that flag later instants.
const AS_OF: &str = "2017-02-04T19:00:00Z";

/// A few zones with DST, half-hour and odd offsets.
const ZONES: [&str; 6] = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Chatham"];

fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

fn options(doc: Value) -> LoadOptions {
    // The documents below are fixed and valid: a failure is a bug.
    LoadOptions::from_json(&doc, "").expect("fixed load options are valid")
}

/// The invariants of every load: rows are loaded or rejected, each
/// rejection is listed, and the summary serialises.
fn check_load(result: &Result<Loaded, sla_scorecard::Error>) {
    if let Ok(l) = result {
        let s = &l.summary;
        assert_eq!(s.loaded + s.rejected + s.skipped, s.rows_read, "loaded + rejected + skipped = rows read");
        assert_eq!(s.errors.len(), s.rejected, "one error per rejected row");
        assert_eq!(s.tickets, l.dataset.tickets.len());
        serde_json::to_string(s).expect("a summary serialises");
    }
}

/// Loads CSV text with a preset, strict and lenient, with and without
/// an evaluation instant.
fn csv_preset(data: &[u8], preset: &str) {
    let text = text(data);
    for doc in [json!({"preset": preset}), json!({"preset": preset, "mode": "lenient", "asOf": AS_OF, "timezone": "Europe/Berlin"})] {
        let result = load(Input::Csv(&text), &options(doc));
        check_load(&result);
    }
}

/// CSV with the `servicenow-event-log` preset.
pub fn csv_servicenow_event_log(data: &[u8]) {
    csv_preset(data, "servicenow-event-log");
}

/// CSV with the `servicenow-incidents` preset.
pub fn csv_servicenow_incidents(data: &[u8]) {
    csv_preset(data, "servicenow-incidents");
}

/// CSV with the `jira` preset.
pub fn csv_jira(data: &[u8]) {
    csv_preset(data, "jira");
}

/// The load options of the custom-mapping target, picked by the first byte.
fn mapping_options(selector: u8) -> Value {
    let lenient = if selector & 1 == 1 { "lenient" } else { "strict" };
    let delimiter = [",", ";", "\t", "|"][(selector as usize >> 1) % 4];
    let epoch = ["auto", "seconds", "milliseconds"][(selector as usize >> 3) % 3];
    let common = json!({
        "mode": lenient, "delimiter": delimiter, "epoch": epoch, "asOf": AS_OF,
        "timezone": ZONES[(selector as usize >> 5) % ZONES.len()],
        "timestampFormats": ["%d/%m/%Y %H:%M", "%m/%d/%y %I:%M %p"], "nullTokens": ["", "?", "NULL"],
        "maxRows": 500, "maxFieldBytes": 256,
    });
    let specific = match selector % 5 {
        0 => json!({"mapping": {"id": "id", "opened": "opened", "resolved": "resolved", "closed": "closed",
            "firstResponse": "first", "reopenCount": "reopens", "csat": "csat", "firstContactResolution": "fcr",
            "slaMet": "met", "title": "title", "kind": {"column": "kind", "values": {"I": "incident", "R": "request"}},
            "dimensions": {"priority": ["priority", "prio"], "service": "service"}}, "csatScale": [1, 10]}),
        1 => json!({"eventLog": true, "firstResponse": "assignment", "openingStatuses": ["New", "Open"],
            "mapping": {"id": "id", "opened": "opened", "status": "status", "updated": "updated", "sequence": "seq",
            "assignmentGroup": "group", "assignee": "assignee", "resolved": "resolved",
            "dimensions": {"priority": "priority", "service": "service"}}}),
        2 => json!({"record": "outages", "mapping": {"service": "service", "start": "start", "end": "end", "planned": "planned"}}),
        3 => json!({"record": "changes", "mapping": {"id": "id", "type": "type", "outcome": "outcome",
            "service": "service", "start": "start", "end": "end"}}),
        _ => json!({"eventLog": true, "mapping": {"id": ["id", "number"], "opened": "opened", "status": "status",
            "updated": "updated", "dimensions": {"priority": {"column": "priority", "values": {"1": "P1", "2": "P2"}}}}}),
    };
    let mut doc = common;
    for (k, v) in specific.as_object().into_iter().flatten() {
        doc[k] = v.clone();
    }
    doc
}

/// CSV with a custom mapping: the first byte picks the record kind, form,
/// mode, delimiter, epoch unit and zone; the rest is the CSV text.
pub fn csv_mapping(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else { return };
    let text = text(rest);
    let result = load(Input::Csv(&text), &options(mapping_options(selector)));
    check_load(&result);
}

/// Everything a load produced, as comparable text: the records, the
/// interned strings, the dimension names and the summary; or the error.
fn fingerprint(result: &Result<Loaded, sla_scorecard::Error>) -> String {
    match result {
        Ok(l) => {
            let strings: Vec<&str> = (0..l.dataset.strings.len() as u32).map(|s| l.dataset.strings.get(s)).collect();
            let summary = serde_json::to_string(&l.summary).expect("a summary serialises");
            format!(
                "tickets {:?}\noutages {:?}\nchanges {:?}\nstrings {:?}\ndimensions {:?}\nsummary {summary}",
                l.dataset.tickets, l.dataset.outages, l.dataset.changes, strings, l.dataset.dimension_names
            )
        }
        Err(e) => format!("error {e}"),
    }
}

/// Bytes pushed in pieces, as `Dataset.fromBytes` and `Dataset.fromStream`
/// give them: the first byte picks the load options (as `csv_mapping`;
/// its top bit also lets the loader detect JSON), the second the number
/// of cuts, then two bytes per cut (offsets into the rest), then the input.
/// Any chunking gives the records, summary and error of the input pushed
/// at once.
pub fn csv_chunks(data: &[u8]) {
    let [selector, cuts, rest @ ..] = data else { return };
    let cut_bytes = (*cuts as usize % 16) * 2;
    if rest.len() < cut_bytes {
        return;
    }
    let (cut_bytes, input) = rest.split_at(cut_bytes);
    let mut cuts: Vec<usize> = cut_bytes.chunks(2).map(|c| u16::from_le_bytes([c[0], c[1]]) as usize % (input.len() + 1)).collect();
    cuts.sort_unstable();
    let format = if selector & 0x80 == 0 { Format::Csv } else { Format::Detect };
    let opts = options(mapping_options(*selector));
    let whole = {
        let mut loader = Loader::new(opts.clone(), format, input.len());
        loader.push(input).and_then(|()| loader.finish())
    };
    check_load(&whole);
    let mut loader = Loader::new(opts, format, 0);
    let mut from = 0;
    let mut pushed = Ok(());
    for &cut in cuts.iter().chain(std::iter::once(&input.len())) {
        pushed = loader.push(&input[from..cut]);
        if pushed.is_err() {
            break;
        }
        from = cut;
    }
    let pieces = pushed.and_then(|()| loader.finish());
    assert_eq!(fingerprint(&pieces), fingerprint(&whole), "chunks {cuts:?} load as the whole input does");
}

/// JSON ingest. A document `{"options": …, "rows": […]}` is loaded as it
/// says (options read from JSON like the JS API does); any other document
/// is loaded as rows with a custom mapping and each preset.
pub fn json_ingest(data: &[u8]) {
    let Ok(doc) = serde_json::from_slice::<Value>(data) else { return };
    if let (Some(opts), Some(rows)) = (doc.get("options"), doc.get("rows")) {
        if let Ok(opts) = LoadOptions::from_json(opts, "options") {
            let result = load(Input::Json(rows), &opts);
            check_load(&result);
            // A second load into the same data set, as `addObjects` does.
            if let Ok(mut l) = result {
                let before = l.dataset.tickets.len();
                match load_into(&mut l.dataset, Input::Json(rows), &opts) {
                    Ok(s) => assert_eq!(l.dataset.tickets.len(), before + s.tickets),
                    Err(_) => assert_eq!(l.dataset.tickets.len(), before, "a failed load leaves the data set as it was"),
                }
            }
        }
        return;
    }
    for selector in [0u8, 1, 3] {
        check_load(&load(Input::Json(&doc), &options(mapping_options(selector))));
    }
    for preset in ["servicenow-event-log", "servicenow-incidents", "jira"] {
        check_load(&load(Input::Json(&doc), &options(json!({"preset": preset, "mode": "lenient"}))));
    }
}

/// Maps any i64 into the supported instant range.
fn instant_of(n: i64) -> Instant {
    MIN_INSTANT + n.rem_euclid(MAX_INSTANT - MIN_INSTANT)
}

fn i64_at(ops: &[u8], i: usize) -> i64 {
    let mut b = [0u8; 8];
    for (k, slot) in b.iter_mut().enumerate() {
        *slot = ops.get(i + k).copied().unwrap_or(0);
    }
    i64::from_le_bytes(b)
}

/// Inspection of CSV bytes: the first byte picks the sample size (1 to
/// 121 rows) and the delimiter (detected, `,`, `;` or tab); the rest is the
/// file. The sample's rows and malformed rows stay within the sample size,
/// the inspection serialises, and the proposed options are either a
/// document the loader reads, with which loading the whole text leniently
/// keeps the invariants of every load, or refused with the check saying why.
pub fn inspect(data: &[u8]) {
    let Some((&selector, bytes)) = data.split_first() else { return };
    let want = 1 + u64::from(selector & 0x0f) * 8;
    let delimiter = [None, Some(b','), Some(b';'), Some(b'\t')][usize::from(selector >> 4 & 3)];
    let Ok(found) = inspect_bytes(bytes, &InspectOptions { sample_rows: Some(want), delimiter }) else { return };
    assert!(found.rows_sampled + found.malformed_rows <= want as usize, "sampled {} + {} rows of {want}", found.rows_sampled, found.malformed_rows);
    serde_json::to_string(&found).expect("the inspection serialises");
    let mut doc = found.options;
    doc.insert("mode".to_string(), json!("lenient"));
    match LoadOptions::from_json(&Value::Object(doc), "") {
        Ok(options) => {
            if let Ok(text) = std::str::from_utf8(bytes) {
                check_load(&load(Input::Csv(text), &options));
            }
        }
        // A file with no column to map proposes no mapping: the check says so.
        Err(e) => assert!(found.check.error.is_some(), "the proposed options are refused ({e}) and the check does not say so"),
    }
}

/// Calendar specs and operations: the text up to the first NUL byte is the
/// spec (JSON, or `"24x7"`), each following 17 bytes one operation (an op
/// code, whose top bit asks for long spans, and two numbers). Checks that durations lie in `[0, end - start]`,
/// that `add` lands where `duration` says, that `nextOpen` is open and that
/// `isOpen(t)` agrees with `duration(t, t + 1)`.
pub fn calendar(data: &[u8]) {
    let split = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let Ok(spec) = serde_json::from_slice::<Value>(&data[..split]) else { return };
    let Ok(cal) = Calendar::from_json(&spec, "") else { return };
    let ops = data.get(split + 1..).unwrap_or(&[]);
    if ops.is_empty() {
        // Without operations: a few fixed probes around a DST change.
        check_calendar(&cal, &encode_ops(&[(0, 1_711_846_800, 1_712_000_000), (1, 1_711_846_800, 30_000), (2, 1_711_850_400, 0), (3, 1_711_850_400, 0)]));
    } else {
        check_calendar(&cal, ops);
    }
}

/// Operations as [`check_calendar`] reads them: (op code, instant, operand).
fn encode_ops(ops: &[(u8, i64, i64)]) -> Vec<u8> {
    let mut bytes = Vec::new();
    for &(op, a, b) in ops {
        bytes.push(op);
        bytes.extend_from_slice(&(a - MIN_INSTANT).to_le_bytes());
        bytes.extend_from_slice(&b.to_le_bytes());
    }
    bytes
}

/// iCalendar text (`holidaysIcs`): the reader returns holidays or an error
/// naming a line; holidays it read make a working-week calendar in Berlin
/// on which durations over ten years from 2020, additions of a year's
/// working time and the probes of [`calendar`] keep their invariants.
pub fn calendar_ics(data: &[u8]) {
    let text = text(data);
    match sla_scorecard::calendar::ics::read(&text) {
        Err(message) => assert!(message.contains("line"), "an iCalendar error names its line: {message}"),
        Ok(_) => {
            let spec = json!({
                "timezone": "Europe/Berlin",
                "week": { "mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]], "wed": [["09:00", "17:00"]], "thu": [["09:00", "17:00"]], "fri": [["09:00", "13:00"]] },
                "holidaysIcs": text,
            });
            let cal = Calendar::from_json(&spec, "").expect("holidays the reader took make a calendar");
            // 2020-01-01T00:00:00Z; 2024-12-24T08:00:00Z, 2024-03-31T00:59:59Z (DST).
            let (y2020, christmas, dst) = (1_577_836_800, 1_735_027_200, 1_711_846_799);
            check_calendar(
                &cal,
                &encode_ops(&[
                    (0x80, y2020, 10 * 365 * 86_400),
                    (0x81, y2020, 2000 * 3600),
                    (1, christmas, 40 * 3600),
                    (0, dst, 14 * 86_400),
                    (2, christmas, 0),
                    (3, christmas, 0),
                ]),
            );
        }
    }
}

/// Runs up to 16 operations (17 bytes each: op code, instant, operand) on
/// `cal` and checks the invariants of each.
fn check_calendar(cal: &Calendar, ops: &[u8]) {
    for i in (0..ops.len()).step_by(17).take(16) {
        let a = instant_of(i64_at(ops, i + 1));
        let raw_b = i64_at(ops, i + 9);
        // Spans of at most ten years (durations) and five (`add`) when the
        // op code's top bit is set, else of at most 62 and 31 days: long
        // spans cost a hundred times more, and most of what can go wrong
        // (DST, holidays, windows across midnight) fits in a month.
        let (duration_span, add_span) = if ops[i] & 0x80 != 0 { (10 * 366, 5 * 366) } else { (62, 31) };
        match ops[i] % 5 {
            0 => {
                let b = (a + raw_b.rem_euclid(duration_span * 86_400)).min(MAX_INSTANT - 1);
                let d = cal.duration(a, b);
                assert!(d >= 0 && d <= b - a, "duration {d} outside [0, {}]", b - a);
                assert_eq!(cal.duration(b, a), 0, "duration of a reversed interval");
                let total: i64 = cal.working_intervals(a, b).iter().map(|(s, e)| e - s).sum();
                assert_eq!(total, d, "working intervals sum to the duration");
            }
            1 => {
                let seconds = raw_b.rem_euclid(add_span * 86_400);
                if let Ok(t) = cal.add(a, seconds) {
                    assert!(t >= a, "add goes forward");
                    assert_eq!(cal.duration(a, t), seconds, "duration(start, add(start, s)) = s");
                    if seconds > 0 {
                        assert!(cal.duration(a, t - 1) < seconds, "add returns the earliest instant");
                    }
                }
            }
            2 => {
                let open = cal.is_open(a);
                if a + 1 < MAX_INSTANT {
                    assert_eq!(open, cal.duration(a, a + 1) == 1, "isOpen agrees with duration");
                }
            }
            3 => {
                if let Ok(t) = cal.next_open(a) {
                    assert!(t >= a && cal.is_open(t), "nextOpen is open and not before t");
                }
            }
            _ => {
                let _ = cal.add(a, raw_b);
            }
        }
    }
}

/// Timestamps: ISO instants round-trip through `format_instant`; the ingest
/// reader reads any text under configured formats (first line, if it holds
/// a `%`) and zones; epoch numbers and SLA durations parse without panic.
pub fn timestamp(data: &[u8]) {
    let text = text(data);
    let (formats, value) = match text.split_once('\n') {
        Some((first, rest)) if first.contains('%') => (first.split('|').map(str::to_string).collect::<Vec<_>>(), rest),
        _ => (Vec::new(), text.as_str()),
    };
    if let Ok(t) = parse_instant(value) {
        assert_eq!(parse_instant(&format_instant(t)), Ok(t), "format_instant round-trips");
    }
    let zone = TimeZone::named(ZONES[data.len() % ZONES.len()], "timezone").expect("a known zone");
    for epoch in [Epoch::Auto, Epoch::Seconds, Epoch::Milliseconds] {
        if let Ok(reader) = TimestampReader::new(zone.clone(), &formats, epoch, "timestampFormats") {
            if let Ok(t) = reader.read_text(value) {
                assert!(time::check_range(t).is_ok(), "read instants are in range");
            }
            if let Ok(n) = value.trim().parse::<f64>() {
                if let Ok(t) = reader.read_number(n) {
                    assert!(time::check_range(t).is_ok(), "read instants are in range");
                }
            }
        }
    }
    if let Ok(ms) = value.trim().parse::<f64>() {
        let _ = time::from_epoch_millis(ms);
    }
    if let Ok((s, _)) = sla::duration::parse(value) {
        assert_eq!(sla::duration::parse(&sla::duration::format(s)).map(|p| p.0), Ok(s), "durations round-trip");
    }
}

/// The small event log the config targets evaluate on: the first 60 rows
/// of the sample (9 tickets).
fn fixture() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| {
        let text = include_str!("fixture.csv");
        load(Input::Csv(text), &options(json!({"preset": "servicenow-event-log"}))).expect("the fixture loads").dataset
    })
}

/// SLA report options read the way the JS API's `evaluateSla` reads them.
fn sla_options(value: &Value) -> Option<sla_report::ReportOptions> {
    let mut o = sla_report::ReportOptions::default();
    let Some(map) = value.as_object() else { return Some(o) };
    if let Some(p) = map.get("period") {
        o.period = Period::parse(p.as_str()?, "options.period").ok()?;
    }
    if let Some(b) = map.get("by") {
        o.by = Attribution::parse(b.as_str()?, "options.by").ok()?;
    }
    if let Some(d) = map.get("dimension") {
        o.dimension = Some(d.as_str()?.to_string());
    }
    if let Some(z) = map.get("zone") {
        o.zone = Some(TimeZone::named(z.as_str()?, "options.zone").ok()?);
    }
    Some(o)
}

/// Policy documents: `[doc, asOf, options]` or a bare document. A valid
/// one is evaluated on the fixture, reported and exported as CSV.
pub fn policy(data: &[u8]) {
    let Ok(value) = serde_json::from_slice::<Value>(data) else { return };
    let (doc, as_of, opts) = match &value {
        Value::Array(items) => (items.first().cloned().unwrap_or(Value::Null), items.get(1).cloned(), items.get(2).cloned()),
        _ => (value.clone(), None, None),
    };
    let Ok(set) = PolicySet::from_json(&doc, "") else { return };
    let as_of = match as_of.as_ref().and_then(Value::as_str) {
        Some(s) => match parse_instant(s) {
            Ok(t) => t,
            Err(_) => return,
        },
        None => parse_instant(AS_OF).expect("a valid instant"),
    };
    let Some(opts) = sla_options(&opts.unwrap_or(Value::Null)) else { return };
    let data = fixture();
    let evaluation = sla::evaluate(data, &set, as_of);
    if let Ok(r) = sla_report::build(data, &set, &evaluation, &opts) {
        serde_json::to_string(&r).expect("the SLA report serialises");
        for csv in [sla_report::compliance_csv(&r.compliance), sla_report::breaches_csv(&r.breaches), sla_report::outcomes_csv(&r.outcomes)] {
            check_csv(&csv);
        }
    }
    let _ = report::build(data, &default_config().expect("the default scorecard is valid"), &ReportOptions::default(), Some(&set));
}

/// No exported cell starts with a character a spreadsheet runs as a formula.
fn check_csv(text: &str) {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    for record in reader.records() {
        let record = record.expect("exported CSV parses back");
        for cell in record.iter() {
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "formula-like cell {cell:?}");
        }
    }
}

/// Scorecard configurations and report options: `[config, options]` or a
/// bare config, built into a report on the fixture.
pub fn scorecard(data: &[u8]) {
    let Ok(value) = serde_json::from_slice::<Value>(data) else { return };
    let (config, opts) = match &value {
        Value::Array(items) => (items.first().cloned().unwrap_or(Value::Null), items.get(1).cloned().unwrap_or(Value::Null)),
        _ => (value.clone(), Value::Null),
    };
    let Ok(config) = Config::from_json(&config, "") else { return };
    let Ok(opts) = ReportOptions::from_json(&opts, "options") else { return };
    if let Ok(r) = report::build(fixture(), &config, &opts, None) {
        serde_json::to_string(&r).expect("the report serialises");
    }
}

thread_local! {
    /// The sample policies and the default scorecard, read once (the
    /// scorecard shares its calendars through `Rc`, hence per thread).
    static PIPELINE_SETTINGS: (PolicySet, Config) = {
        let doc: Value = serde_json::from_str(include_str!("../policies/servicenow-sample.json")).expect("the sample policies parse");
        let set = PolicySet::from_json(&doc, "").expect("the sample policies are valid");
        (set, default_config().expect("the default scorecard is valid"))
    };
}

/// A whole run: CSV text (first byte picks the load options: the event-log
/// preset or a custom mapping) → load → SLA evaluation with the sample
/// policies → scorecard report, grouped and not → SLA report and exports.
pub fn pipeline(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else { return };
    let text = text(rest);
    let opts = if selector & 1 == 0 { options(json!({"preset": "servicenow-event-log", "mode": "lenient"})) } else { options(mapping_options(selector)) };
    let result = load(Input::Csv(&text), &opts);
    check_load(&result);
    let Ok(loaded) = result else { return };
    PIPELINE_SETTINGS.with(|(set, config)| evaluate_loaded(&loaded, set, config));
}

/// The pipeline's stages after the load: reports grouped and not, SLA
/// evaluation, SLA report and breach export.
fn evaluate_loaded(loaded: &Loaded, set: &PolicySet, config: &Config) {
    let grouped = ReportOptions { group_by: Some("priority".into()), ..Default::default() };
    for (opts, serialise) in [(ReportOptions::default(), false), (grouped, true)] {
        if let Ok(r) = report::build(&loaded.dataset, config, &opts, Some(set)) {
            // Only the grouped report is serialised (the other's cells are
            // of the same types): writing a report spanning a century of
            // months took a third of the target's time.
            if serialise {
                serde_json::to_writer(std::io::sink(), &r).expect("the report serialises");
            }
        }
    }
    if let Ok(as_of) = parse_instant(AS_OF) {
        let evaluation = sla::evaluate(&loaded.dataset, set, as_of);
        let opts = sla_report::ReportOptions { dimension: Some("priority".into()), ..Default::default() };
        if let Ok(r) = sla_report::build(&loaded.dataset, set, &evaluation, &opts) {
            serde_json::to_writer(std::io::sink(), &r).expect("the SLA report serialises");
            check_csv(&sla_report::breaches_csv(&r.breaches));
        }
    }
}

/// Partial reports as JSON text (what `Partials.fromBytes` and the
/// DataFusion functions read), reported with the default scorecard set to
/// the partial's period, zone and calendar. A partial that reads writes
/// back to an equal partial; merged with itself, it reports exactly when
/// it reports alone.
pub fn partial(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(p) = Partial::from_json(text) else { return };
    assert_eq!(Partial::from_json(&p.to_json()).as_ref(), Ok(&p), "a partial that reads writes back equal");
    let Ok(mut doc) = serde_json::from_str::<Value>(sla_scorecard::scorecard::DEFAULT_SCORECARD) else { return };
    doc["period"] = json!(p.key.granularity);
    doc["timezone"] = json!(p.key.timezone);
    match &p.key.calendar {
        Some(calendar) => doc["calendar"] = calendar.clone(),
        None => drop(doc.as_object_mut().map(|o| o.remove("calendar"))),
    }
    let Ok(config) = Config::from_json(&doc, "") else { return };
    let opts = ReportOptions { group_by: p.key.group_by.clone(), ..Default::default() };
    let alone = from_partial(&p, &config, doc.get("calendar"), &opts);
    if let Ok(r) = &alone {
        serde_json::to_writer(std::io::sink(), r).expect("the report serialises");
    }
    let mut twice = p.clone();
    if twice.merge(p).is_ok() {
        let merged = from_partial(&twice, &config, doc.get("calendar"), &opts);
        assert_eq!(alone.is_ok(), merged.is_ok(), "a partial merged with itself reports when it reports alone");
    }
}
