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
use crate::error::{Error, RowError};

/// An opened CSV text: its header and its records to come.
pub struct CsvInput<'a> {
    reader: csv::Reader<&'a [u8]>,
    /// The header's column names.
    pub columns: Vec<String>,
}

impl<'a> CsvInput<'a> {
    /// Reads the header of `text`. A text without any line has no columns.
    pub fn open(text: &'a str, delimiter: Option<u8>) -> Result<CsvInput<'a>, Error> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let delimiter = delimiter.unwrap_or_else(|| detect_delimiter(text));
        let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(true).from_reader(text.as_bytes());
        let columns = match reader.headers() {
            Ok(h) => h.iter().map(str::to_string).collect(),
            Err(e) => return Err(Error::invalid("input", format!("the CSV header cannot be read: {}", csv_error(&e)))),
        };
        Ok(CsvInput { reader, columns })
    }

    /// Calls `each` with every record's cells, picked by `slots` (source
    /// column indices), or with the reason the record cannot be read (wrong
    /// number of fields, a field over the size limit). Stops at the first
    /// error `each` returns, or with an error past `limits.max_rows`.
    pub fn for_each(
        mut self,
        slots: &[usize],
        limits: &Limits,
        mut each: impl FnMut(usize, Result<&[Cell<'_>], RowError>) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let width = self.columns.len();
        let mut record = csv::StringRecord::new();
        let mut row = 0usize;
        loop {
            match self.reader.read_record(&mut record) {
                Ok(false) => return Ok(()),
                Ok(true) => {}
                Err(e) => {
                    row += 1;
                    limits.check_rows(row)?;
                    each(row, Err(RowError { row, column: String::new(), value: String::new(), reason: format!("cannot be read as CSV: {}", csv_error(&e)) }))?;
                    continue;
                }
            }
            row += 1;
            limits.check_rows(row)?;
            if record.len() != width {
                let reason = format!("has {} fields but the header has {width} columns", record.len());
                each(row, Err(RowError { row, column: String::new(), value: String::new(), reason }))?;
                continue;
            }
            if let Some((i, field)) = record.iter().enumerate().find(|(_, f)| f.len() > limits.max_field_bytes) {
                let reason = format!("is {} bytes long, over the limit of {} bytes (maxFieldBytes)", field.len(), limits.max_field_bytes);
                let value: String = field.chars().take(80).collect();
                each(row, Err(RowError { row, column: self.columns[i].clone(), value, reason }))?;
                continue;
            }
            let cells: Vec<Cell<'_>> = slots.iter().map(|&i| record.get(i).map_or(Cell::Missing, Cell::Text)).collect();
            each(row, Ok(&cells))?;
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
pub fn detect_delimiter(text: &str) -> u8 {
    const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];
    let mut counts = [0usize; 4];
    let mut quoted = false;
    for b in text.bytes() {
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
        assert_eq!(detect_delimiter("a;b;c\n1,2;3;4"), b';');
        assert_eq!(detect_delimiter("\"a,b,c\";d;e\n"), b';');
        assert_eq!(detect_delimiter("a\tb\tc\r\n"), b'\t');
        assert_eq!(detect_delimiter("a,b;c"), b',');
        assert_eq!(detect_delimiter("single"), b',');
    }
}
