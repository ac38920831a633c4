//! CSV input through the `csv` crate: a header row, then one record per
//! row. Handles a UTF-8 byte order mark, CRLF or LF line ends, quoted fields
//! holding delimiters, quotes (`""`) and line breaks, and a delimiter
//! given or detected (`,` `;` tab `|`, whichever occurs most often outside
//! quotes in the header line; `,` on a tie or when none occurs).
//!
//! Row numbers count records after the header from 1 (a quoted line break
//! does not start a new row); blank lines are skipped.

use super::cells::Cell;
use super::Limits;
use crate::support::error::{Error, RowError};
use std::io;

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

/// The text for the csv reader: the part read ahead, then the rest.
struct Text<'a> {
    head: Vec<u8>,
    /// Bytes of `head` already given out.
    given: usize,
    rest: &'a mut dyn TextSource,
}

impl io::Read for Text<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.given < self.head.len() {
            let n = buf.len().min(self.head.len() - self.given);
            buf[..n].copy_from_slice(&self.head[self.given..self.given + n]);
            self.given += n;
            return Ok(n);
        }
        Ok(self.rest.read_text(buf))
    }
}

/// An opened CSV text: its header and its records to come.
pub struct CsvInput<'a> {
    reader: csv::Reader<Text<'a>>,
    /// The header's column names.
    pub columns: Vec<String>,
    /// About how many bytes the whole text has (for pre-sizing).
    len_hint: usize,
}

/// Rows read before the first estimate of the row count.
const SAMPLE_ROWS: usize = 256;

impl<'a> CsvInput<'a> {
    /// Reads the header of the text `source` gives, `len_hint` bytes or
    /// about. Only the first line is read ahead (for the byte order mark
    /// and the delimiter), so the text need never be whole in memory. A
    /// text without any line has no columns.
    pub fn open(source: &'a mut dyn TextSource, len_hint: usize, delimiter: Option<u8>) -> Result<CsvInput<'a>, Error> {
        let head = first_line(source);
        let given = if head.starts_with("\u{feff}".as_bytes()) { 3 } else { 0 };
        let delimiter = delimiter.unwrap_or_else(|| detect_delimiter(&head[given..]));
        let text = Text { head, given, rest: source };
        let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(true).from_reader(text);
        let columns = match reader.headers() {
            Ok(h) => h.iter().map(str::to_string).collect(),
            Err(e) => return Err(Error::invalid("input", format!("the CSV header cannot be read: {}", csv_error(&e)))),
        };
        Ok(CsvInput { reader, columns, len_hint })
    }

    /// Calls `each` with every record's number, the expected number of
    /// rows still to come after it (an estimate from the bytes read so far)
    /// and its cells, picked by `slots` (source column indices), or the
    /// reason the record cannot be read (wrong number of fields, a field
    /// over the size limit). Stops at the first error `each` returns, or
    /// with an error past `limits.max_rows`.
    pub fn for_each(
        mut self,
        slots: &[usize],
        limits: &Limits,
        mut each: impl FnMut(usize, usize, Result<&[Cell<'_>], RowError>) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let width = self.columns.len();
        let header_bytes = self.reader.position().byte();
        let mut record = csv::StringRecord::new();
        let mut spare: Vec<Cell<'static>> = Vec::with_capacity(slots.len());
        let mut row = 0usize;
        // Rows expected in all; 0 until the first estimate.
        let mut expected = 0;
        loop {
            let read = self.reader.read_record(&mut record);
            if let Ok(false) = read {
                return Ok(());
            }
            row += 1;
            limits.check_rows(row)?;
            if row >= SAMPLE_ROWS && row >= expected {
                expected = estimate_rows(row, self.reader.position().byte() - header_bytes, self.len_hint.saturating_sub(header_bytes as usize));
            }
            let ahead = expected.saturating_sub(row);
            if let Err(e) = read {
                each(row, ahead, Err(RowError { row, column: String::new(), value: String::new(), reason: format!("cannot be read as CSV: {}", csv_error(&e)) }))?;
                continue;
            }
            if record.len() != width {
                let reason = format!("has {} fields but the header has {width} columns", record.len());
                each(row, ahead, Err(RowError { row, column: String::new(), value: String::new(), reason }))?;
                continue;
            }
            // No field is longer than all of them together.
            let oversized = match record.as_slice().len() > limits.max_field_bytes {
                true => record.iter().enumerate().find(|(_, f)| f.len() > limits.max_field_bytes),
                false => None,
            };
            if let Some((i, field)) = oversized {
                let reason = format!("is {} bytes long, over the limit of {} bytes (maxFieldBytes)", field.len(), limits.max_field_bytes);
                let value: String = field.chars().take(80).collect();
                each(row, ahead, Err(RowError { row, column: self.columns[i].clone(), value, reason }))?;
                continue;
            }
            let mut cells = recycle(spare);
            cells.extend(slots.iter().map(|&i| record.get(i).map_or(Cell::Missing, Cell::Text)));
            each(row, ahead, Ok(&cells))?;
            spare = recycle(cells);
        }
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
    let rows_in_total = (total as f64 / per_row * 1.02) as usize + 64;
    rows_in_total.max(rows + rows / 8 + 1)
}

/// Reads from `source` up to the end of the first line (outside quotes)
/// or of the text, whichever comes first; maybe a little more.
fn first_line(source: &mut dyn TextSource) -> Vec<u8> {
    let mut head = Vec::new();
    let mut chunk = [0u8; 4096];
    let mut quoted = false;
    loop {
        let n = source.read_text(&mut chunk);
        if n == 0 {
            return head;
        }
        head.extend_from_slice(&chunk[..n]);
        for &b in &chunk[..n] {
            match b {
                b'"' => quoted = !quoted,
                b'\n' | b'\r' if !quoted => return head,
                _ => {}
            }
        }
    }
}

/// What went wrong in the csv reader. The input is a `&str` read from
/// memory by a flexible reader, so only invalid UTF-8 inside a field (which
/// a `&str` cannot hold) is conceivable; csv's own `Display` is not used
/// because it links the message code of every error kind, serde's included
/// (docs/size.md).
fn csv_error(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { err, .. } => format!("invalid UTF-8 in field {}", err.field() + 1),
        _ => "unreadable record".to_string(),
    }
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
