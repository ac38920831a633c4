//! CSV input, split into records by `csv-core`: a header row, then one
//! record per row. Handles a UTF-8 byte order mark, CRLF or LF line ends,
//! quoted fields holding delimiters, quotes (`""`) and line breaks, and a
//! delimiter given or detected (`,` `;` tab `|`, whichever occurs most
//! often outside quotes in the header line; `,` on a tie or when none
//! occurs).
//!
//! The bytes arrive in chunks of any size ([`CsvReader::push`]), split
//! anywhere: inside a quoted field, a multi-byte character, a CRLF pair or
//! the byte order mark. `csv-core` keeps its parse state between chunks and
//! the record being read stays in the reader's buffer until its end is
//! found, so every chunking of a text gives the same records; a whole text
//! is one chunk.
//!
//! Row numbers count records after the header from 1 (a quoted line break
//! does not start a new row); blank lines are skipped. A field that is not
//! valid UTF-8 is a row error naming its row and column.

use super::cells::Cell;
use super::limits::Limits;
use crate::support::error::{Error, RowError};

/// CSV text given piece by piece.
pub trait TextSource {
    /// Copies the next bytes of the text into `buf` (as many as are ready
    /// and fit) and says how many; 0 only at the end of the text.
    fn read_text(&mut self, buf: &mut [u8]) -> usize;
}

impl TextSource for &[u8] {
    fn read_text(&mut self, buf: &mut [u8]) -> usize {
        let n = buf.len().min(self.len());
        buf[..n].copy_from_slice(&self[..n]);
        *self = &self[n..];
        n
    }
}

/// Where the records of a CSV text go.
pub trait CsvSink {
    /// Takes the header's column names and gives the slots to pick from
    /// each record (source column indices), or why the columns do not fit.
    fn header(&mut self, columns: &[String]) -> Result<Vec<usize>, Error>;
    /// Takes a record's number, the expected number of rows still to come
    /// after it (an estimate, 0 when unknown) and its cells picked by the
    /// slots, or the reason the record cannot be read (wrong number of
    /// fields, a field over the size limit, invalid UTF-8). An error stops
    /// the load.
    fn row(&mut self, row: usize, ahead: usize, cells: Result<&[Cell<'_>], RowError>) -> Result<(), Error>;
}

/// The UTF-8 byte order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Rows read before the first estimate of the row count.
const SAMPLE_ROWS: usize = 256;

/// Bytes kept of a field over the size limit, for the row error's value
/// (80 characters of up to 4 bytes).
const OVERSIZED_PREFIX: usize = 320;

/// An incremental CSV reader: bytes in through [`push`](Self::push),
/// records out to a [`CsvSink`].
pub struct CsvReader {
    /// The delimiter asked for; detected from the first line when `None`.
    delimiter: Option<u8>,
    limits: Limits,
    /// About how many bytes the whole text has (0: unknown), for the row
    /// estimate that pre-sizes the data set.
    len_hint: usize,
    /// The bytes of the first line while it is incomplete (the byte order
    /// mark and the delimiter are decided on the whole line); `None` once
    /// the parser runs.
    head: Option<Vec<u8>>,
    /// Whether the end of `head` is inside quotes.
    quoted: bool,
    parser: csv_core::Reader,
    /// The record being read: its field bytes and field ends.
    out: Vec<u8>,
    out_len: usize,
    ends: Vec<usize>,
    ends_len: usize,
    /// Bytes given to the parser (after any byte order mark).
    parsed: u64,
    /// The header's column names, once read.
    columns: Option<Vec<String>>,
    /// The slots the sink asked for.
    slots: Vec<usize>,
    /// Bytes parsed when the header ended.
    header_bytes: u64,
    /// Records read after the header.
    row: usize,
    /// Rows expected in all; 0 until the first estimate.
    expected: usize,
    /// Whether the parser has reported the end of the text.
    ended: bool,
    /// Bytes of the record being read dropped from `out` (csv-core's field
    /// ends count them): beyond the prefix of a field over the size limit,
    /// or of fields beyond the header's columns.
    shift: usize,
    /// The first field of the record being read found over the size limit
    /// while reading it, and the bytes dropped from it.
    oversized: Option<(usize, u64)>,
    /// Fields of the record being read beyond the header's columns, dropped.
    extra_fields: usize,
    /// The allocation of the cells of a record, reused for the next.
    spare: Vec<Cell<'static>>,
}

impl CsvReader {
    /// A reader for a text of about `len_hint` bytes (0: unknown) with the
    /// given `delimiter` (detected when `None`) and `limits`.
    pub fn new(delimiter: Option<u8>, limits: Limits, len_hint: usize) -> CsvReader {
        CsvReader {
            delimiter,
            limits,
            len_hint,
            head: Some(Vec::new()),
            quoted: false,
            parser: csv_core::Reader::new(),
            out: vec![0; 4096],
            out_len: 0,
            ends: vec![0; 64],
            ends_len: 0,
            parsed: 0,
            columns: None,
            slots: Vec::new(),
            header_bytes: 0,
            row: 0,
            expected: 0,
            ended: false,
            shift: 0,
            oversized: None,
            extra_fields: 0,
            spare: Vec::new(),
        }
    }

    /// The delimiter: the one asked for, or the one detected once the
    /// first line is read (`None` before).
    pub fn delimiter(&self) -> Option<u8> {
        self.delimiter
    }

    /// Reads the next `bytes` of the text, giving `sink` every record they
    /// complete. Stops at the first error the sink returns, or with an
    /// error past `limits.max_rows`.
    pub fn push(&mut self, bytes: &[u8], sink: &mut dyn CsvSink) -> Result<(), Error> {
        // No bytes is not the end of the text (csv-core takes an empty
        // input as the end).
        if bytes.is_empty() {
            return Ok(());
        }
        match self.head.take() {
            None => self.parse(bytes, sink),
            Some(mut head) => match first_line_end(bytes, &mut self.quoted) {
                // The first line is still incomplete: keep its bytes.
                None => {
                    let reached = head.len() + bytes.len();
                    if reached > self.limits.max_header_bytes() {
                        return Err(self.limits.header_error(reached));
                    }
                    head.extend_from_slice(bytes);
                    self.head = Some(head);
                    Ok(())
                }
                Some(_) if head.is_empty() => self.start(bytes, sink),
                Some(_) => {
                    head.extend_from_slice(bytes);
                    self.start(&head, sink)
                }
            },
        }
    }

    /// Reads what remains at the end of the text (a last record without a
    /// line end, or a text without any line end at all).
    pub fn finish(&mut self, sink: &mut dyn CsvSink) -> Result<(), Error> {
        if let Some(head) = self.head.take() {
            self.start(&head, sink)?;
        }
        self.parse(&[], sink)
    }

    /// Starts parsing with `text`, the first line whole (or the whole
    /// text): skips a byte order mark and picks the delimiter.
    fn start(&mut self, text: &[u8], sink: &mut dyn CsvSink) -> Result<(), Error> {
        let text = text.strip_prefix(BOM).unwrap_or(text);
        let delimiter = *self.delimiter.get_or_insert_with(|| detect_delimiter(text));
        // csv-core's defaults are the csv crate's: `"` quotes, `""` escapes,
        // CR, LF or CRLF end a record, no comments.
        self.parser = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
        self.parse(text, sink)
    }

    /// Gives `input` to the parser (an empty `input`: the end of the text).
    fn parse(&mut self, mut input: &[u8], sink: &mut dyn CsvSink) -> Result<(), Error> {
        let at_end = input.is_empty();
        loop {
            // csv-core takes an empty input as the end of the text: out of
            // bytes before the end, wait for more.
            if self.ended || (input.is_empty() && !at_end) {
                return Ok(());
            }
            let (result, read, written, ends) = self.parser.read_record(input, &mut self.out[self.out_len..], &mut self.ends[self.ends_len..]);
            input = &input[read..];
            self.parsed += read as u64;
            self.out_len += written;
            for end in &mut self.ends[self.ends_len..self.ends_len + ends] {
                *end -= self.shift;
            }
            self.ends_len += ends;
            match result {
                // Out of bytes (checked above), or at the end, where csv-core
                // goes on to complete the record or end.
                csv_core::ReadRecordResult::InputEmpty => {}
                csv_core::ReadRecordResult::OutputFull => {
                    if !self.drop_extra_fields() && !self.drop_oversized() {
                        let len = self.out.len();
                        self.out.resize(len * 2, 0);
                    }
                }
                csv_core::ReadRecordResult::OutputEndsFull => {
                    if !self.drop_extra_fields() {
                        let len = self.ends.len();
                        self.ends.resize(len * 2, 0);
                    }
                }
                csv_core::ReadRecordResult::Record => {
                    let result = self.record(sink);
                    self.out_len = 0;
                    self.ends_len = 0;
                    self.shift = 0;
                    self.oversized = None;
                    self.extra_fields = 0;
                    result?;
                }
                csv_core::ReadRecordResult::End => {
                    self.ended = true;
                    return Ok(());
                }
            }
        }
    }

    /// Makes room in the full buffer of a data record with more fields
    /// than the header has columns, which is a row error anyway: drops the
    /// extra fields read so far. False when there are none.
    #[cold]
    #[inline(never)]
    fn drop_extra_fields(&mut self) -> bool {
        let Some(columns) = self.columns.as_ref().map(Vec::len) else { return false };
        if columns == 0 || self.ends_len < columns || (self.ends_len == columns && self.out_len == self.ends[columns - 1]) {
            return false;
        }
        let keep = self.ends[columns - 1];
        self.extra_fields += self.ends_len - columns;
        self.shift += self.out_len - keep;
        self.out_len = keep;
        self.ends_len = columns;
        true
    }

    /// Makes room in the full buffer when the field being read is over the
    /// size limit, which is a row error anyway: keeps a prefix of it for
    /// the error and drops the rest, so that a field of any length takes
    /// no more memory than that. False when the field is within the limit.
    #[cold]
    #[inline(never)]
    fn drop_oversized(&mut self) -> bool {
        if self.columns.is_none() {
            return false;
        }
        let field = self.ends_len;
        let start = if field == 0 { 0 } else { self.ends[field - 1] };
        let len = self.out_len - start;
        if len <= self.limits.max_field_bytes || len <= OVERSIZED_PREFIX {
            return false;
        }
        let dropped = len - OVERSIZED_PREFIX;
        self.out_len = start + OVERSIZED_PREFIX;
        self.shift += dropped;
        match &mut self.oversized {
            None => self.oversized = Some((field, dropped as u64)),
            Some((first, bytes)) if *first == field => *bytes += dropped as u64,
            Some(_) => {}
        }
        true
    }

    /// Hands the record in the buffer to `sink`.
    fn record(&mut self, sink: &mut dyn CsvSink) -> Result<(), Error> {
        let bytes = &self.out[..self.out_len];
        let ends = &self.ends[..self.ends_len];
        let field = |i: usize| &bytes[if i == 0 { 0 } else { ends[i - 1] }..ends[i]];
        let Some(columns) = &self.columns else {
            let mut columns = Vec::with_capacity(ends.len());
            for i in 0..ends.len() {
                match std::str::from_utf8(field(i)) {
                    Ok(name) => columns.push(name.to_string()),
                    Err(e) => {
                        let reason = format!("column {} is not valid UTF-8 (byte {} of its name)", i + 1, e.valid_up_to() + 1);
                        return Err(Error::invalid("input", format!("the CSV header cannot be read: {reason}")));
                    }
                }
            }
            self.header_bytes = self.parsed;
            self.slots = sink.header(&columns)?;
            self.columns = Some(columns);
            return Ok(());
        };
        self.row += 1;
        let row = self.row;
        self.limits.check_rows(row)?;
        if self.len_hint > 0 && row >= SAMPLE_ROWS && row >= self.expected {
            let total = self.len_hint.saturating_sub(self.header_bytes as usize);
            self.expected = estimate_rows(row, self.parsed - self.header_bytes, total);
        }
        let ahead = self.expected.saturating_sub(row);
        let error = |column: &str, value: String, reason: String| RowError { row, column: column.to_string(), value, reason };
        // A field over the size limit: the first one dropped while reading,
        // else the first one longer (none is longer than all together).
        let oversized = self.oversized.or_else(|| {
            let max = self.limits.max_field_bytes;
            (bytes.len() > max).then(|| (0..ends.len()).find(|&i| field(i).len() > max).map(|i| (i, 0))).flatten()
        });
        if let Some((i, dropped)) = oversized {
            let kept = field(i);
            let reason = self.limits.field_reason(kept.len() as u64 + dropped);
            let value: String = String::from_utf8_lossy(kept).chars().take(80).collect();
            let column = columns.get(i).map_or("", String::as_str);
            return sink.row(row, ahead, Err(error(column, value, reason)));
        }
        // The record is checked as UTF-8 once; a field is then text unless
        // a field end splits a character (two invalid halves side by side
        // make valid UTF-8 together). Otherwise the bad field is found.
        let whole = std::str::from_utf8(bytes).ok();
        let split = ends.iter().any(|&e| bytes.get(e).is_some_and(|&b| (0x80..0xC0).contains(&b)));
        let start = |i: usize| if i == 0 { 0 } else { ends[i - 1] };
        if whole.is_none() || split {
            let bad = (0..ends.len()).find_map(|i| std::str::from_utf8(field(i)).err().map(|e| (i, e.valid_up_to())));
            let (i, valid) = bad.unwrap_or((0, 0));
            let column = columns.get(i).map_or("", String::as_str);
            let value: String = String::from_utf8_lossy(field(i)).chars().take(80).collect();
            let reason = format!("is not valid UTF-8 (byte {} of the field)", valid + 1);
            return sink.row(row, ahead, Err(error(column, value, reason)));
        }
        if ends.len() + self.extra_fields != columns.len() {
            let reason = format!("has {} fields but the header has {} columns", ends.len() + self.extra_fields, columns.len());
            return sink.row(row, ahead, Err(error("", String::new(), reason)));
        }
        // Every field is text here (checked above).
        let text = |i: usize| whole.and_then(|w| w.get(start(i)..*ends.get(i)?));
        let mut cells = recycle(std::mem::take(&mut self.spare));
        cells.extend(self.slots.iter().map(|&i| text(i).map_or(Cell::Missing, Cell::Text)));
        let result = sink.row(row, ahead, Ok(&cells));
        self.spare = recycle(cells);
        result
    }
}

/// The allocation of `cells`, emptied, for cells borrowing another record.
fn recycle<'x>(mut cells: Vec<Cell<'_>>) -> Vec<Cell<'x>> {
    cells.clear();
    // Collecting a vector's own emptied iterator reuses its allocation.
    cells.into_iter().map(|_| Cell::Missing).collect()
}

/// The expected number of rows of a text of `total` bytes (after the
/// header) when `rows` rows took `read` bytes: the same bytes per row on,
/// with 2 % and 64 rows to spare; when that was too few, at least an
/// eighth more than `rows` (so that a poor estimate costs few regrowths).
fn estimate_rows(rows: usize, read: u64, total: usize) -> usize {
    let per_row = (read as f64 / rows as f64).max(1.0);
    let rows_in_total = ((total as f64 / per_row * 1.02) as usize).saturating_add(64);
    rows_in_total.max(rows + rows / 8 + 1)
}

/// Where the first line end outside quotes falls in `bytes`, continuing
/// the quoting state `quoted` of the bytes before.
fn first_line_end(bytes: &[u8], quoted: &mut bool) -> Option<usize> {
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'"' => *quoted = !*quoted,
            b'\n' | b'\r' if !*quoted => return Some(i),
            _ => {}
        }
    }
    None
}

/// The delimiter occurring most often outside quotes in the first line.
pub fn detect_delimiter(text: &[u8]) -> u8 {
    const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];
    let mut counts = [0usize; 4];
    let mut quoted = false;
    for &b in text {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = CANDIDATES.iter().position(|&c| c == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let mut best = 0;
    for i in 1..CANDIDATES.len() {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    CANDIDATES[best]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_delimiters_outside_quotes() {
        assert_eq!(detect_delimiter(b"a;b;c\n1,2;3;4"), b';');
        assert_eq!(detect_delimiter(b"\"a,b,c\";d;e\n"), b';');
        assert_eq!(detect_delimiter(b"a\tb\tc\r\n"), b'\t');
        assert_eq!(detect_delimiter(b"a,b;c"), b',');
        assert_eq!(detect_delimiter(b"single"), b',');
    }
}
