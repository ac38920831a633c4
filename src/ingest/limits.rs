//! The size limits of a load (`maxRows`, `maxFieldBytes`, `maxInputBytes`,
//! `maxDistinctValues`) and their errors, each naming the limit, the value
//! reached, where, and the option that raises it. Every check runs before
//! the memory it guards is taken: a row before it is built, input bytes
//! before they are buffered, a distinct value before it is kept.

use super::model::{Dataset, Sym};
use super::options::{LoadOptions, DEFAULT_MAX_JSON_BYTES};
use super::row::RowReader;
use crate::support::error::{quote, Error};

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
    pub fn check_rows(&self, row: usize) -> Result<(), Error> {
        if row > self.max_rows {
            Err(Error::invalid("maxRows", format!("the input reached row {row}, over the limit of {} rows; raise maxRows to load more", self.max_rows)))
        } else {
            Ok(())
        }
    }

    /// Fails when a JSON array of `items` items has more than `maxRows`,
    /// before any of it is read.
    pub fn check_items(&self, items: usize) -> Result<(), Error> {
        if items > self.max_rows {
            Err(Error::invalid("maxRows", format!("the array has {items} items, over the limit of {} rows; raise maxRows to load it", self.max_rows)))
        } else {
            Ok(())
        }
    }

    /// Fails when `reached` input bytes (`rows` rows read so far) are over
    /// `maxInputBytes`, or, for input held whole until read (`held`: a JSON
    /// array), over [`DEFAULT_MAX_JSON_BYTES`] unless `maxInputBytes` is set.
    pub fn check_bytes(&self, reached: u64, rows: usize, held: bool) -> Result<(), Error> {
        let (max, what) = match (self.max_input_bytes, held) {
            (Some(max), _) => (max, ""),
            (None, true) => (DEFAULT_MAX_JSON_BYTES, " for JSON, which is held whole until read"),
            (None, false) => return Ok(()),
        };
        if reached <= max {
            return Ok(());
        }
        let after = if rows > 0 { format!(" after row {rows}") } else { String::new() };
        Err(Error::invalid("maxInputBytes", format!("the input reached {reached} bytes{after}, over the limit of {max} bytes{what}; raise maxInputBytes to load more")))
    }

    /// The longest first line of a CSV text kept while it is incomplete
    /// (the header: its delimiter is detected on the whole line).
    pub fn max_header_bytes(&self) -> usize {
        self.max_field_bytes.max(super::options::DEFAULT_MAX_FIELD_BYTES)
    }

    /// The error of a first line longer than [`max_header_bytes`](Self::max_header_bytes).
    pub fn header_error(&self, reached: usize) -> Error {
        let max = self.max_header_bytes();
        Error::invalid("maxFieldBytes", format!("the CSV header line reached {reached} bytes without ending, over the limit of {max} bytes; raise maxFieldBytes to load it"))
    }

    /// The reason of a row error for a field of `len` bytes.
    pub fn field_reason(&self, len: u64) -> String {
        format!("is {len} bytes long, over the limit of {} bytes; raise maxFieldBytes to load it", self.max_field_bytes)
    }
}

/// The distinct values of each mapped dimension of a load, counted against
/// `maxDistinctValues` as they are first met.
pub struct DistinctValues {
    max: usize,
    /// The values of each mapped dimension (in mapping order), with those
    /// of the data set's records before the load.
    seen: Vec<foldhash::HashSet<Sym>>,
}

impl DistinctValues {
    /// Counts for the mapped dimensions `dims` (data set index, slot),
    /// starting from the values the tickets of `dataset` already have.
    pub fn new(options: &LoadOptions, dataset: &Dataset, dims: &[(usize, usize)]) -> Self {
        let seen = dims
            .iter()
            .map(|&(dim, _)| {
                let mut set = foldhash::HashSet::default();
                for t in &dataset.tickets {
                    set.extend(t.dimensions.get(dim).copied().flatten());
                    set.extend(t.dimension_changes.iter().filter(|c| c.dimension == dim).filter_map(|c| c.value));
                }
                set
            })
            .collect();
        DistinctValues { max: options.max_distinct_values, seen }
    }

    /// Notes `value`, the value of mapped dimension `k` (named `name`) at
    /// `slot` of `r`; fails when it is one more than `maxDistinctValues`.
    pub fn note(&mut self, k: usize, value: Option<Sym>, name: &str, r: &RowReader<'_, '_>, slot: usize) -> Result<(), Error> {
        let (Some(sym), Some(set)) = (value, self.seen.get_mut(k)) else { return Ok(()) };
        if set.len() < self.max || set.contains(&sym) {
            set.insert(sym);
            return Ok(());
        }
        let reason = format!(
            "is distinct value {} of dimension {}, over the limit of {}; raise maxDistinctValues to load more",
            self.max + 1,
            quote(name),
            self.max
        );
        Err(Error::invalid("maxDistinctValues", r.error(slot, reason).to_string()))
    }
}
