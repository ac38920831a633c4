//! The load limits on hostile input: a gigabyte of input, ten million tiny
//! rows, a million distinct values of one dimension, a header line that
//! never ends, a row of a million fields. The inputs are generated as they
//! are read (through the streaming APIs: `load_csv_into` with a
//! `TextSource`, `Loader::push`), never held whole; each test checks the
//! limit's error text, that the memory the load took stayed bounded (a
//! counting allocator), that the data set is as it was, and that a normal
//! load into it works afterwards.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::json;
use sla_scorecard::ingest::model::Dataset;
use sla_scorecard::ingest::{load_csv_into, load_into, Format, Input, LoadOptions, Loader, TextSource};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// The system allocator, counting the bytes allocated now and at most.
struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// One test at a time, so that the peak is the test's own.
static SERIAL: Mutex<()> = Mutex::new(());

/// Runs `f` and gives its result and the most memory it held at once
/// beyond what was allocated before.
fn measured<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = CURRENT.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let result = f();
    let peak = PEAK.load(Ordering::Relaxed) - before;
    eprintln!("peak memory of the load: {peak} bytes");
    (result, peak)
}

const MIB: usize = 1 << 20;
const GIB: u64 = 1 << 30;

/// A text made as it is read: `head`, then `body(i)` for `i` in `0..count`
/// (or `unit` repeated to `count` bytes), then `tail`.
struct Generated {
    head: Vec<u8>,
    body: Body,
    count: u64,
    tail: Vec<u8>,
    /// Units of the body produced so far.
    done: u64,
    /// Bytes ready to be read, and how many of them were.
    ready: Vec<u8>,
    read: usize,
    tail_sent: bool,
}

enum Body {
    /// Bytes repeated (`count` counts bytes).
    Repeat(u8),
    /// One row per unit (`count` counts rows).
    Rows(fn(u64) -> String),
}

impl Generated {
    fn new(head: &str, body: Body, count: u64, tail: &str) -> Self {
        Generated { head: head.into(), body, count, tail: tail.into(), done: 0, ready: Vec::new(), read: 0, tail_sent: false }
    }

    /// Refills `ready`; false at the end.
    fn refill(&mut self) -> bool {
        self.ready.clear();
        self.read = 0;
        if !self.head.is_empty() {
            self.ready = std::mem::take(&mut self.head);
            return true;
        }
        if self.done < self.count {
            match self.body {
                Body::Repeat(b) => {
                    let n = (self.count - self.done).min(1 << 16);
                    self.ready.resize(n as usize, b);
                    self.done += n;
                }
                Body::Rows(row) => {
                    while self.done < self.count && self.ready.len() < 1 << 16 {
                        self.ready.extend_from_slice(row(self.done).as_bytes());
                        self.done += 1;
                    }
                }
            }
            return true;
        }
        if !self.tail_sent {
            self.tail_sent = true;
            self.ready = std::mem::take(&mut self.tail);
            return !self.ready.is_empty();
        }
        false
    }
}

impl TextSource for Generated {
    fn read_text(&mut self, buf: &mut [u8]) -> usize {
        while self.read == self.ready.len() {
            if !self.refill() {
                return 0;
            }
        }
        let n = buf.len().min(self.ready.len() - self.read);
        buf[..n].copy_from_slice(&self.ready[self.read..self.read + n]);
        self.read += n;
        n
    }
}

fn options(value: serde_json::Value) -> LoadOptions {
    LoadOptions::from_json(&value, "").unwrap()
}

/// A data set with three tickets (services a, b, a) to load into.
fn three_tickets() -> Dataset {
    let o = options(json!({"mapping": {"id": "id", "opened": "opened", "dimensions": {"service": "svc"}}}));
    let mut ds = Dataset::default();
    let text = "id,opened,svc\nT1,2026-03-02T09:00:00Z,a\nT2,2026-03-02T10:00:00Z,b\nT3,2026-03-02T11:00:00Z,a\n";
    load_into(&mut ds, Input::Csv(text), &o).unwrap();
    ds
}

/// Ticket ids and service values of `ds`.
fn tickets(ds: &Dataset) -> Vec<(String, String)> {
    let dim = ds.dimension_index("service");
    ds.tickets.iter().map(|t| (t.id.clone(), dim.and_then(|d| ds.dimension_value(t, d)).unwrap_or("").to_string())).collect()
}

/// A normal load into `ds` works: one more ticket.
fn normal_load_works(ds: &mut Dataset) {
    let before = ds.tickets.len();
    let o = options(json!({"mapping": {"id": "id", "opened": "opened", "dimensions": {"service": "svc"}}}));
    let s = load_into(ds, Input::Csv("id,opened,svc\nN1,2026-03-03T09:00:00Z,c\n"), &o).unwrap();
    assert_eq!((s.loaded, ds.tickets.len()), (1, before + 1));
}

#[test]
fn a_gigabyte_field_is_refused_without_being_held() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut ds = three_tickets();
    let before = tickets(&ds);
    // Row 1's title is one quoted field of 1 GiB; row 2 is normal.
    let mut text = Generated::new("id,opened,title\nX1,2026-03-02T12:00:00Z,\"", Body::Repeat(b'x'), GIB, "\"\nX2,2026-03-02T13:00:00Z,ok\n");
    let o = options(json!({"mapping": {"id": "id", "opened": "opened", "title": "title"}, "mode": "lenient"}));
    let (summary, peak) = measured(|| load_csv_into(&mut ds, &mut text, 0, &o).unwrap());
    // The field's bytes: 2^30 = 1,073,741,824; the default limit 2^20 = 1,048,576.
    assert_eq!((summary.rows_read, summary.loaded, summary.rejected), (2, 1, 1));
    let e = &summary.errors[0];
    assert_eq!((e.row, e.column.as_str(), e.value.as_str()), (1, "title", "x".repeat(80).as_str()));
    assert_eq!(e.reason, "is 1073741824 bytes long, over the limit of 1048576 bytes; raise maxFieldBytes to load it");
    assert!(peak < 16 * MIB, "the load held {peak} bytes at once");
    assert_eq!(ds.tickets.len(), before.len() + 1);

    // Strict: the same row error fails the load and leaves the data set as it was.
    let mut text = Generated::new("id,opened,title\nX1,2026-03-02T12:00:00Z,\"", Body::Repeat(b'y'), 3 * MIB as u64, "\"\n");
    let o = options(json!({"mapping": {"id": "id", "opened": "opened", "title": "title"}}));
    let e = load_csv_into(&mut ds, &mut text, 0, &o).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("row 1, column \"title\": \"{}\" is 3145728 bytes long, over the limit of 1048576 bytes; raise maxFieldBytes to load it", "y".repeat(80))
    );
    assert_eq!(ds.tickets.len(), before.len() + 1);
    normal_load_works(&mut ds);
}

#[test]
fn a_gigabyte_stream_stops_at_max_input_bytes() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    // CSV: no limit unless set. With 64 MiB set, 1 GiB (one field, after
    // a header) is refused at the first chunk past it: chunks of 65,536
    // bytes, the 1,024th ends at exactly 2^26 = 67,108,864, the 1,025th
    // reaches 67,174,400.
    let mut text = Generated::new("id,opened\nX1,\"", Body::Repeat(b'x'), GIB, "\"\n");
    let o = options(json!({"mapping": {"id": "id", "opened": "opened"}, "maxInputBytes": 67_108_864}));
    let (result, peak) = measured(|| {
        let mut loader = Loader::new(o.clone(), Format::Detect, 0);
        push_all(&mut loader, &mut text)
    });
    let e = result.unwrap_err();
    assert_eq!(e.to_string(), "maxInputBytes: the input reached 67174400 bytes, over the limit of 67108864 bytes; raise maxInputBytes to load it");
    assert!(peak < 8 * MIB, "the load held {peak} bytes at once");

    // JSON is held whole until read: 128 MiB by default. An array of
    // 1 GiB of white space stops at the chunk past 2^27 = 134,217,728
    // bytes: 2,049 × 65,536 = 134,283,264.
    let mut text = Generated::new("[", Body::Repeat(b' '), GIB, "]");
    let o = options(json!({"mapping": {"id": "id", "opened": "opened"}}));
    let mut loader = Loader::new(o.clone(), Format::Detect, 0);
    let (result, peak) = measured(|| push_all(&mut loader, &mut text));
    let e = result.unwrap_err();
    assert_eq!(
        e.to_string(),
        "maxInputBytes: the input reached 134283264 bytes, over the limit of 134217728 bytes for JSON, which is held whole until read; raise maxInputBytes to load it"
    );
    // 128 MiB held, and 64 MiB more while the buffer last doubled.
    assert!(peak < 256 * MIB, "the load held {peak} bytes at once");
    // The loader refuses to go on; a new load works.
    assert_eq!(loader.push(b"]").unwrap_err().to_string(), "input: the load has already failed; start a new one");
    let mut loader = Loader::new(o, Format::Detect, 0);
    loader.push(b"[{\"id\": \"A\", \"opened\": 0}]").unwrap();
    assert_eq!(loader.finish().unwrap().dataset.tickets.len(), 1);
}

/// Pushes all of `text` into `loader` in chunks of 64 KiB.
fn push_all(loader: &mut Loader, text: &mut Generated) -> Result<(), sla_scorecard::Error> {
    let mut chunk = vec![0u8; 1 << 16];
    loop {
        let mut n = 0;
        while n < chunk.len() {
            let m = text.read_text(&mut chunk[n..]);
            if m == 0 {
                break;
            }
            n += m;
        }
        if n == 0 {
            return Ok(());
        }
        loader.push(&chunk[..n])?;
    }
}

#[test]
fn a_header_line_that_never_ends_is_refused_at_its_limit() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut ds = three_tickets();
    let before = tickets(&ds);
    // `load_csv_into` reads 65,536 bytes at a time: 16 of them make the
    // 1 MiB limit exactly, the 17th reaches 1,114,112.
    let mut text = Generated::new("", Body::Repeat(b'h'), GIB, "");
    let o = options(json!({"mapping": {"id": "id", "opened": "opened"}}));
    let (e, peak) = measured(|| load_csv_into(&mut ds, &mut text, 0, &o).unwrap_err());
    assert_eq!(
        e.to_string(),
        "maxFieldBytes: the CSV header line reached 1114112 bytes without ending, over the limit of 1048576 bytes; raise maxFieldBytes to load it"
    );
    assert!(peak < 8 * MIB, "the load held {peak} bytes at once");
    assert_eq!(tickets(&ds), before);
    normal_load_works(&mut ds);
}

#[test]
fn ten_million_tiny_rows_stop_at_max_rows() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    // Outages of 4 bytes a row ("s,0\n": service s, start at epoch 0).
    let o = options(json!({"record": "outages", "mapping": {"service": "service", "start": "start"}, "mode": "lenient"}));
    let mut ds = three_tickets();
    load_into(&mut ds, Input::Csv("service,start\nmail,2026-03-02T09:00:00Z\n"), &o).unwrap();
    let mut text = Generated::new("service,start\n", Body::Rows(|_| "s,0\n".to_string()), 10_000_000, "");
    let e = load_csv_into(&mut ds, &mut text, 0, &o).unwrap_err();
    // The default limit is 2,000,000 rows: row 2,000,001 is refused.
    assert_eq!(e.to_string(), "maxRows: the input reached row 2000001, over the limit of 2000000 rows; raise maxRows to load it");
    // Reading stopped there: rows are made 16,384 (65,536 bytes) at a
    // time, and row 2,000,001 is in the 123rd batch (122 × 16,384 =
    // 1,998,848), so 123 × 16,384 = 2,015,232 of the 10,000,000 were made.
    assert_eq!(text.done, 2_015_232);
    assert_eq!((ds.outages.len(), ds.tickets.len()), (1, 3));
    let s = load_into(&mut ds, Input::Csv("service,start\nweb,2026-03-03T09:00:00Z\n"), &o).unwrap();
    assert_eq!((s.outages, ds.outages.len()), (1, 2));
    normal_load_works(&mut ds);
}

#[test]
fn a_million_distinct_values_stop_at_max_distinct_values() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut ds = three_tickets();
    let before = tickets(&ds);
    // Row i (from 1) has service "v{i}": the default limit of 100,000
    // values in a load is reached at row 100,000, and row 100,001 brings
    // the 100,001st.
    let mut text = Generated::new("id,opened,svc\n", Body::Rows(|i| format!("D{:07},0,v{}\n", i + 1, i + 1)), 1_000_000, "");
    let o = options(json!({"mapping": {"id": "id", "opened": "opened", "dimensions": {"service": "svc"}}, "mode": "lenient"}));
    let e = load_csv_into(&mut ds, &mut text, 0, &o).unwrap_err();
    assert_eq!(
        e.to_string(),
        "row 100001, column \"svc\": \"v100001\" is distinct value 100001 of dimension \"service\", over the limit of 100000; raise maxDistinctValues to load it"
    );
    assert_eq!(tickets(&ds), before);
    normal_load_works(&mut ds);

    // Event logs count every event's value, those a ticket had before
    // included: d and a are 2, e is the third.
    let o = options(json!({"mapping": {"id": "id", "opened": "opened", "status": "status", "updated": "updated", "dimensions": {"service": "svc"}},
        "eventLog": true, "maxDistinctValues": 2}));
    let log = "id,opened,status,updated,svc\nE1,0,New,0,d\nE1,0,Done,60,a\nE2,0,New,0,e\n";
    let e = load_into(&mut ds, Input::Csv(log), &o).unwrap_err();
    assert_eq!(
        e.to_string(),
        "row 3, column \"svc\": \"e\" is distinct value 3 of dimension \"service\", over the limit of 2; raise maxDistinctValues to load it"
    );
    assert_eq!(ds.tickets.len(), before.len() + 1);
    let s = load_into(&mut ds, Input::Csv(&log[..log.len() - 13]), &o).unwrap();
    assert_eq!((s.loaded, s.tickets), (2, 1));
}

#[test]
fn a_row_of_a_million_fields_is_a_row_error() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut ds = three_tickets();
    // "W1,0" and 1,000,000 delimiters: 1,000,002 fields.
    let mut text = Generated::new("id,opened\nW1,0", Body::Repeat(b','), 1_000_000, "\nW2,0\n");
    let o = options(json!({"mapping": {"id": "id", "opened": "opened"}, "mode": "lenient"}));
    let (s, peak) = measured(|| load_csv_into(&mut ds, &mut text, 0, &o).unwrap());
    assert_eq!((s.rows_read, s.loaded, s.rejected), (2, 1, 1));
    assert_eq!(s.errors[0].to_string(), "row 1: has 1000002 fields but the header has 2 columns");
    // The field ends of a million fields would take 8 MB (usize each).
    assert!(peak < 2 * MIB, "the load held {peak} bytes at once");
}

#[test]
fn a_json_array_over_max_rows_is_refused_before_it_is_read() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut ds = three_tickets();
    let before = tickets(&ds);
    let rows = serde_json::Value::Array(vec![json!({"id": "J", "opened": 0}); 11]);
    let o = options(json!({"mapping": {"id": "id", "opened": "opened"}, "maxRows": 10}));
    let e = load_into(&mut ds, Input::Json(&rows), &o).unwrap_err();
    assert_eq!(e.to_string(), "maxRows: the array has 11 items, over the limit of 10 rows; raise maxRows to load it");
    assert_eq!(tickets(&ds), before);
    normal_load_works(&mut ds);
}

/// Row `i` of a generated event log: ticket `i / 5`, opened at
/// 2020-01-01T00:00:00Z plus that many minutes, its five events ten
/// minutes apart (New, Active, Active, Resolved, Closed).
fn event_row(i: u64) -> String {
    let (ticket, k) = (i / 5, i % 5);
    let opened = 1_577_836_800 + ticket as i64 * 60;
    let iso = |t: i64| chrono::DateTime::from_timestamp(t, 0).map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string()).unwrap_or_default();
    let status = ["New", "Active", "Active", "Resolved", "Closed"][k as usize];
    format!("T{ticket},{},{status},{}\n", iso(opened), iso(opened + k as i64 * 600))
}

#[test]
fn a_window_keeps_memory_to_the_tickets_kept() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    // 3,000,000 rows (~150 MB) of 600,000 tickets; the window keeps the
    // tickets opened from minute 100,000 (2020-03-10T10:40:00Z) to minute
    // 101,000 (2020-03-11T03:20:00Z), excluded: tickets 100,000–100,999,
    // 1,000 tickets of 5 rows.
    let o = options(json!({
        "eventLog": true, "mapping": {"id": "id", "opened": "opened", "status": "status", "updated": "updated"},
        "openedFrom": "2020-03-10T10:40:00Z", "openedBefore": "2020-03-11T03:20:00Z", "maxRows": 5_000_000,
    }));
    let mut text = Generated::new("id,opened,status,updated\n", Body::Rows(event_row), 3_000_000, "");
    let mut ds = Dataset::default();
    let (summary, peak) = measured(|| load_csv_into(&mut ds, &mut text, 0, &o).unwrap());
    assert_eq!((summary.rows_read, summary.loaded, summary.skipped, summary.rejected), (3_000_000, 5_000, 2_995_000, 0));
    assert_eq!(
        (summary.tickets, ds.tickets.first().map(|t| t.id.as_str()), ds.tickets.last().map(|t| t.id.as_str())),
        (1_000, Some("T100000"), Some("T100999"))
    );
    // The 5,000 events kept and the 1,000 tickets take well under a
    // megabyte; the reader's chunk and the tickets' status lists a few
    // more. Without the window the 3,000,000 events alone would hold
    // ~150 MB.
    assert!(peak < 8 * MIB, "peak {peak} bytes");
}
