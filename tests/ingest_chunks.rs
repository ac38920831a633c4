//! Bytes pushed in chunks (`ingest::Loader`, what `Dataset.fromBytes`,
//! `DatasetLoader` and `Dataset.fromStream` use): any chunking of a CSV
//! text gives the data set, summary and errors of the whole text loaded at
//! once, with chunk boundaries inside quoted fields, multi-byte
//! characters, CRLF pairs and the byte order mark; invalid UTF-8 is a row
//! error naming row and column; a JSON array is recognised by its `[`.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::at;
use proptest::prelude::*;
use serde_json::{json, Value};
use sla_scorecard::ingest::{load, Format, Input, LoadOptions, Loaded, Loader};
use sla_scorecard::Error;

fn options(doc: Value) -> LoadOptions {
    LoadOptions::from_json(&doc, "").unwrap()
}

fn flat(mode: &str) -> LoadOptions {
    options(json!({"mapping": {"id": "id", "opened": "opened", "title": "title", "dimensions": {"priority": "priority"}}, "mode": mode}))
}

/// Id, opened and title: for texts without the other columns.
fn plain(mode: &str) -> LoadOptions {
    options(json!({"mapping": {"id": "id", "opened": "opened", "title": "title"}, "mode": mode}))
}

fn events(mode: &str) -> LoadOptions {
    options(json!({
        "eventLog": true,
        "mapping": {"id": "id", "opened": "opened", "status": "status", "updated": "updated", "title": "title"},
        "mode": mode
    }))
}

/// Everything a load produced, as comparable text: the records, the
/// interned strings, the dimension names and the summary; or the error.
fn fingerprint(result: Result<Loaded, Error>) -> String {
    match result {
        Ok(l) => {
            let strings: Vec<&str> = (0..l.dataset.strings.len() as u32).map(|s| l.dataset.strings.get(s)).collect();
            format!(
                "tickets {:?}\noutages {:?}\nchanges {:?}\nstrings {:?}\ndimensions {:?}\nsummary {}",
                l.dataset.tickets,
                l.dataset.outages,
                l.dataset.changes,
                strings,
                l.dataset.dimension_names,
                serde_json::to_string(&l.summary).unwrap()
            )
        }
        Err(e) => format!("error {e}"),
    }
}

/// Loads `bytes` pushed in the pieces that `cuts` (offsets) make.
fn chunked(bytes: &[u8], cuts: &[usize], options: LoadOptions, format: Format) -> Result<Loaded, Error> {
    let mut cuts: Vec<usize> = cuts.iter().map(|&c| c.min(bytes.len())).collect();
    cuts.sort_unstable();
    let mut loader = Loader::new(options, format, 0);
    let mut from = 0;
    for &cut in cuts.iter().chain(std::iter::once(&bytes.len())) {
        loader.push(&bytes[from..cut])?;
        from = cut;
    }
    loader.finish()
}

/// A title: text with quotes, delimiters, line breaks and multi-byte
/// characters (2, 3 and 4 bytes in UTF-8).
fn title() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(vec!["a", "b", " ", ",", ";", "\"", "\r\n", "\n", "\r", "é", "漢", "😀", "x"]), 0..6)
        .prop_map(|parts| parts.concat())
}

/// A CSV field: quoted when it must be (or when asked).
fn field(text: &str, force_quotes: bool) -> String {
    if force_quotes || text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// One generated row: id, opened (sometimes unreadable), title, priority,
/// status, updated; sometimes a field short.
fn row() -> impl Strategy<Value = (u8, u8, String, bool, bool, u8)> {
    (0u8..5, 0u8..10, title(), any::<bool>(), any::<bool>(), 0u8..12)
}

/// A CSV text from `rows`, with or without a byte order mark, CRLF or LF
/// line ends and a final line end.
fn csv_text(rows: &[(u8, u8, String, bool, bool, u8)], bom: bool, crlf: bool, final_end: bool) -> Vec<u8> {
    let end = if crlf { "\r\n" } else { "\n" };
    let mut text = String::new();
    if bom {
        text.push('\u{feff}');
    }
    text.push_str("id,opened,title,priority,status,updated");
    for (id, hour, title, quote, short, minute) in rows {
        text.push_str(end);
        let opened = if *hour == 9 { "soon".to_string() } else { format!("2026-03-02T{:02}:00:00Z", 8 + hour) };
        let status = if minute % 3 == 0 { "New" } else { "In Progress" };
        let updated = format!("2026-03-02T20:{:02}:00Z", minute);
        let mut fields = vec![format!("T{id}"), opened, field(title, *quote), field("P1 – high", *quote), status.to_string(), updated];
        if *short {
            fields.pop();
        }
        text.push_str(&fields.join(","));
    }
    if final_end {
        text.push_str(end);
    }
    text.into_bytes()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Any chunking of a CSV text, flat list or event log, strict or
    /// lenient, gives what the whole text gives.
    #[test]
    fn any_chunking_gives_the_whole_text_result(
        rows in prop::collection::vec(row(), 0..8),
        bom in any::<bool>(),
        crlf in any::<bool>(),
        final_end in any::<bool>(),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..12),
        kind in 0u8..4,
    ) {
        let bytes = csv_text(&rows, bom, crlf, final_end);
        let cuts: Vec<usize> = cuts.iter().map(|i| i.index(bytes.len() + 1)).collect();
        let opts = match kind { 0 => flat("lenient"), 1 => flat("strict"), 2 => events("lenient"), _ => events("strict") };
        let text = std::str::from_utf8(&bytes).unwrap();
        let whole = fingerprint(load(Input::Csv(text), &opts));
        prop_assert_eq!(&fingerprint(chunked(&bytes, &cuts, opts.clone(), Format::Csv)), &whole);
        prop_assert_eq!(&fingerprint(chunked(&bytes, &cuts, opts, Format::Detect)), &whole);
    }

    /// Byte by byte, too (every boundary at once).
    #[test]
    fn byte_by_byte_gives_the_whole_text_result(rows in prop::collection::vec(row(), 0..5), bom in any::<bool>(), crlf in any::<bool>()) {
        let bytes = csv_text(&rows, bom, crlf, true);
        let opts = flat("lenient");
        let whole = fingerprint(load(Input::Csv(std::str::from_utf8(&bytes).unwrap()), &opts));
        let cuts: Vec<usize> = (1..bytes.len()).collect();
        prop_assert_eq!(fingerprint(chunked(&bytes, &cuts, opts, Format::Detect)), whole);
    }
}

#[test]
fn bom_crlf_and_characters_split_everywhere_read_as_written() {
    let text = "\u{feff}id,opened,title\r\nA,2026-03-02T09:00:00Z,\"caffè, \"\"latte\"\"\r\n😀\"\r\nB,2026-03-02T10:00:00Z,漢字\r\n";
    let bytes = text.as_bytes();
    // Every single cut, and every pair of cuts.
    for a in 0..=bytes.len() {
        for b in (a..=bytes.len()).step_by(7) {
            let l = chunked(bytes, &[a, b], plain("strict"), Format::Detect).unwrap();
            assert_eq!(l.summary.rows_read, 2, "cuts {a}, {b}");
            assert_eq!(l.dataset.tickets[0].id, "A", "the BOM is not part of the first column name (cuts {a}, {b})");
            assert_eq!(l.dataset.tickets[0].title, "caffè, \"latte\"\r\n😀");
            assert_eq!(l.dataset.tickets[1].title, "漢字");
            assert_eq!(l.dataset.tickets[1].opened, at("2026-03-02T10:00:00Z"));
        }
    }
}

#[test]
fn invalid_utf8_is_a_row_error_naming_row_and_column() {
    let mut bytes = b"id,opened,title\nA,2026-03-02T09:00:00Z,ok\nB,2026-03-02T10:00:00Z,caf".to_vec();
    bytes.extend_from_slice(&[0xC3, 0x28]); // a lead byte followed by "("
    bytes.extend_from_slice(b"e\nC,2026-03-02T11:00:00Z,fine\n");
    match chunked(&bytes, &[], plain("strict"), Format::Detect) {
        Err(Error::Row(e)) => {
            assert_eq!((e.row, e.column.as_str()), (2, "title"));
            assert_eq!(e.value, "caf\u{fffd}(e");
            assert_eq!(e.reason, "is not valid UTF-8 (byte 4 of the field)");
        }
        other => panic!("expected a row error, got {other:?}"),
    }
    let l = chunked(&bytes, &[67], plain("lenient"), Format::Detect).unwrap();
    assert_eq!((l.summary.rows_read, l.summary.loaded, l.summary.rejected), (3, 2, 1));
    let ids: Vec<&str> = l.dataset.tickets.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["A", "C"]);
    assert_eq!(l.summary.errors[0].column, "title");
}

#[test]
fn two_invalid_halves_side_by_side_are_still_invalid() {
    // 0xC3 ends one field and 0xA9 starts the next: together "é", apart invalid.
    let mut bytes = b"id,opened,title,note\nA,2026-03-02T09:00:00Z,x".to_vec();
    bytes.extend_from_slice(&[0xC3, b',', 0xA9]);
    bytes.push(b'\n');
    match chunked(&bytes, &[], plain("strict"), Format::Csv) {
        Err(Error::Row(e)) => assert_eq!((e.row, e.column.as_str()), (1, "title")),
        other => panic!("expected a row error, got {other:?}"),
    }
}

#[test]
fn invalid_utf8_in_the_header_names_the_column() {
    let bytes = b"id,opened,t\xFFitle\nA,2026-03-02T09:00:00Z,x\n";
    let e = chunked(bytes, &[5], plain("strict"), Format::Detect).unwrap_err();
    assert_eq!(e.to_string(), "input: the CSV header cannot be read: column 3 is not valid UTF-8 (byte 2 of its name)");
}

#[test]
fn limits_apply_to_chunked_input() {
    let text = "id,opened,title\nA,2026-03-02T09:00:00Z,short\nB,2026-03-02T10:00:00Z,a title over twenty bytes\nC,2026-03-02T11:00:00Z,x\n";
    let o = options(json!({"mapping": {"id": "id", "opened": "opened", "title": "title"}, "mode": "lenient", "maxFieldBytes": 20}));
    let l = chunked(text.as_bytes(), &[20, 50, 51], o, Format::Detect).unwrap();
    assert_eq!((l.summary.rows_read, l.summary.loaded, l.summary.rejected), (3, 2, 1));
    assert_eq!((l.summary.errors[0].row, l.summary.errors[0].column.as_str()), (2, "title"));
    let o = options(json!({"mapping": {"id": "id", "opened": "opened"}, "maxRows": 2}));
    let e = chunked(text.as_bytes(), &[30], o, Format::Detect).unwrap_err();
    assert!(e.to_string().starts_with("maxRows: the input reached row 3, over the limit of 2 rows"), "{e}");
}

#[test]
fn a_json_array_is_recognised_by_its_bracket() {
    let text = "\u{feff}  \n[{\"id\": \"A\", \"opened\": \"2026-03-02T09:00:00Z\", \"title\": \"é\"}, {\"id\": \"B\", \"opened\": 1772445600}]";
    let o = options(json!({"mapping": {"id": "id", "opened": "opened", "title": "title"}}));
    for cut in 0..text.len() {
        let l = chunked(text.as_bytes(), &[cut], o.clone(), Format::Detect).unwrap();
        assert_eq!(l.summary.rows_read, 2);
        assert_eq!(l.dataset.tickets[0].title, "é");
        // 1772445600 s = 2026-03-02T10:00:00Z.
        assert_eq!(l.dataset.tickets[1].opened, at("2026-03-02T10:00:00Z"));
    }
    let e = chunked(b"[{\"id\": \"A\",", &[], o, Format::Detect).unwrap_err();
    assert!(e.to_string().starts_with("input: is not valid JSON"), "{e}");
}

#[test]
fn empty_and_blank_inputs_load_nothing() {
    for bytes in [&b""[..], b"\xEF\xBB\xBF", b"\n\n", b"\r\n\r\n"] {
        let l = chunked(bytes, &[1], flat("strict"), Format::Detect).unwrap();
        assert_eq!((l.summary.rows_read, l.dataset.tickets.len()), (0, 0), "{bytes:?}");
    }
}

#[test]
fn a_failed_load_refuses_more_bytes() {
    let mut loader = Loader::new(plain("strict"), Format::Csv, 0);
    loader.push(b"id,opened,title\nA,never,x\n").unwrap_err();
    assert!(loader.push(b"B,2026-03-02T09:00:00Z,y\n").is_err());
    assert!(loader.finish().is_err());
}

#[test]
fn progress_counts_bytes_and_rows() {
    let mut loader = Loader::new(plain("strict"), Format::Detect, 0);
    loader.push(b"id,opened,title\nA,2026-03-02T09:00:00Z,x\nB,2026").unwrap();
    assert_eq!((loader.bytes(), loader.rows()), (47, 1));
    loader.push(b"-03-02T10:00:00Z,y\n").unwrap();
    assert_eq!((loader.bytes(), loader.rows()), (66, 2));
    assert_eq!(loader.finish().unwrap().summary.loaded, 2);
}

/// `bytes` loaded in 4 KB chunks by a loader told the input is `hint`
/// bytes long (what a page passes as `totalBytes`).
fn hinted(bytes: &[u8], hint: usize, options: LoadOptions) -> Result<Loaded, Error> {
    let mut loader = Loader::new(options, Format::Detect, hint);
    for chunk in bytes.chunks(4096) {
        loader.push(chunk)?;
    }
    loader.finish()
}

#[test]
fn any_length_hint_gives_the_same_data_set() {
    // 3,000 tickets (past the rows sampled before the first estimate),
    // their ids out of order from the middle on (so the id index is in use
    // when the room is made), and the same as an event log of two rows each.
    let mut flat_text = String::from("id,opened,title,priority\n");
    let mut log_text = String::from("id,opened,status,updated,title\n");
    for i in 0..3000u32 {
        let id = if i < 1500 { i } else { 10_000 - i };
        flat_text += &format!("T{id:05},2026-03-02T09:{:02}:00Z,ticket {i},P{}\n", i % 60, i % 4);
        log_text += &format!("T{id:05},2026-03-02T09:00:00Z,New,2026-03-02T09:00:00Z,ticket {i}\n");
        log_text += &format!("T{id:05},2026-03-02T09:00:00Z,Resolved,2026-03-02T10:{:02}:00Z,ticket {i}\n", i % 60);
    }
    // Rows loaded: 3,000 tickets, and their 6,000 events.
    for (text, options, loaded) in [(flat_text, flat("strict"), 3000), (log_text, events("strict"), 6000)] {
        let bytes = text.as_bytes();
        let unhinted = fingerprint(hinted(bytes, 0, options.clone()));
        assert!(unhinted.contains(&format!("\"loaded\":{loaded},")), "{}", &unhinted[unhinted.len().saturating_sub(300)..]);
        // Too small, right, too large, and lengths no memory can hold: the
        // room made differs, the data set and summary never do (and no
        // reservation panics or aborts).
        for hint in [1, bytes.len() / 3, bytes.len(), bytes.len() * 1000, usize::MAX / 64, usize::MAX - 1, usize::MAX] {
            assert_eq!(fingerprint(hinted(bytes, hint, options.clone())), unhinted, "hint {hint}");
        }
    }
}
