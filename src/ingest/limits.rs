//! The size limits of a load (`maxRows`, `maxFieldBytes`, `maxInputBytes`,
//! `maxDistinctValues`) and their errors, each naming the limit, the value
//! reached, where, and the option that raises it. Every check runs before
//! the memory it guards is taken: a row before it is built, input bytes
//! before they are buffered, a distinct value before it is kept.

use super::model::Sym;
use super::options::{LoadOptions, DEFAULT_MAX_JSON_BYTES};
use super::row::RowReader;
use crate::support::error::{quote, Error, RowError};

/// Size limits of an input.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Most rows read.
    pub max_rows: usize,
    /// Longest field, in bytes.
    pub max_field_bytes: usize,
    /// Most input bytes (`None`: CSV unbounded, JSON [`DEFAULT_MAX_JSON_BYTES`]).
    pub max_input_bytes: Option<u64>,
}

impl Limits {
    /// The limits `options` set.
    pub fn of(options: &LoadOptions) -> Limits {
        Limits { max_rows: options.max_rows, max_field_bytes: options.max_field_bytes, max_input_bytes: options.max_input_bytes }
    }

    /// Fails when input row `row` is over `maxRows`.
    #[inline]
    pub fn check_rows(&self, row: usize) -> Result<(), Error> {
        match row > self.max_rows {
            true => Err(Error::invalid("maxRows", over("maxRows", "the input reached row ", row as u64, "", self.max_rows as u64, " rows"))),
            false => Ok(()),
        }
    }

    /// Fails when a JSON array of `items` items has more than `maxRows`,
    /// before any of it is read.
    #[inline]
    pub fn check_items(&self, items: usize) -> Result<(), Error> {
        match items > self.max_rows {
            true => Err(Error::invalid("maxRows", over("maxRows", "the array has ", items as u64, " items", self.max_rows as u64, " rows"))),
            false => Ok(()),
        }
    }

    /// Fails when `reached` input bytes are over `maxInputBytes`, or, for
    /// input held whole until read (`held`: a JSON array), over
    /// [`DEFAULT_MAX_JSON_BYTES`] unless `maxInputBytes` is set.
    #[inline(never)]
    pub fn check_bytes(&self, reached: u64, held: bool) -> Result<(), Error> {
        let (max, unit) = match (self.max_input_bytes, held) {
            (Some(max), _) => (max, " bytes"),
            (None, true) => (DEFAULT_MAX_JSON_BYTES, " bytes for JSON, which is held whole until read"),
            (None, false) => return Ok(()),
        };
        match reached > max {
            true => Err(Error::invalid("maxInputBytes", over("maxInputBytes", "the input reached ", reached, " bytes", max, unit))),
            false => Ok(()),
        }
    }

    /// The longest first line of a CSV text kept while it is incomplete
    /// (the header: its delimiter is detected on the whole line).
    pub fn max_header_bytes(&self) -> usize {
        self.max_field_bytes.max(super::options::DEFAULT_MAX_FIELD_BYTES)
    }

    /// The error of a first line longer than [`max_header_bytes`](Self::max_header_bytes).
    pub fn header_error(&self, reached: usize) -> Error {
        let max = self.max_header_bytes() as u64;
        Error::invalid("maxFieldBytes", over("maxFieldBytes", "the CSV header line reached ", reached as u64, " bytes without ending", max, " bytes"))
    }

    /// The reason of a row error for a field of `len` bytes.
    pub fn field_reason(&self, len: u64) -> String {
        over("maxFieldBytes", "is ", len, " bytes long", self.max_field_bytes as u64, " bytes")
    }
}

/// The message of limit `limit` reached: `{what}{reached}{detail}, over the
/// limit of {max}{unit}; raise {limit} to load it` (one formatting for all).
#[cold]
#[inline(never)]
fn over(limit: &str, what: &str, reached: u64, detail: &str, max: u64, unit: &str) -> String {
    format!("{what}{reached}{detail}, over the limit of {max}{unit}; raise {limit} to load it")
}

/// The distinct values of each mapped dimension in one load, counted
/// against `maxDistinctValues` as they are first met. Symbols are dense
/// (`0..n` for the `n` strings of a data set), so the sets are bits: bit
/// `sym * dims + k` says that dimension `k` has met symbol `sym`.
pub struct DistinctValues {
    max: usize,
    dims: usize,
    bits: Vec<u8>,
    /// Values met, per mapped dimension (in mapping order).
    counts: Vec<usize>,
    /// Whether the last row error fails the load (a value over the limit).
    pub over: bool,
}

impl DistinctValues {
    /// Counts for `dims` mapped dimensions.
    pub fn new(options: &LoadOptions, dims: usize) -> Self {
        DistinctValues { max: options.max_distinct_values, dims, bits: Vec::new(), counts: vec![0; dims], over: false }
    }

    /// Notes `value`, the value of mapped dimension `k` (named `name`) at
    /// `slot` of `r`. One more than `maxDistinctValues` is a row error that
    /// fails the load ([`over`](Self::over) is set).
    pub fn note(&mut self, k: usize, value: Option<Sym>, name: &str, r: &RowReader<'_, '_>, slot: usize) -> Result<(), RowError> {
        let Some(sym) = value else { return Ok(()) };
        let bit = sym as usize * self.dims + k;
        if self.bits.len() <= bit / 8 {
            self.bits.resize(bit / 8 + 1, 0);
        }
        let (byte, mask) = (&mut self.bits[bit / 8], 1 << (bit % 8));
        if *byte & mask != 0 {
            return Ok(());
        }
        if self.counts[k] < self.max {
            *byte |= mask;
            self.counts[k] += 1;
            return Ok(());
        }
        self.over = true;
        let detail = [" of dimension ", &quote(name)].concat();
        Err(r.error(slot, over("maxDistinctValues", "is distinct value ", self.max as u64 + 1, &detail, self.max as u64, "")))
    }
}
