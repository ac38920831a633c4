//! The data model: tickets, outages and changes, as validated by `ingest`
//! and read by every later stage.
//!
//! Strings that repeat across tickets (statuses, dimension values, groups)
//! are interned once per [`Dataset`] as [`Sym`]s, so a million tickets cost
//! a few integers each rather than a few heap strings, and comparing a
//! status with a policy's pause statuses is an integer comparison.

use crate::ingest::hashing::HashMap;
use crate::support::time::Instant;

/// An interned string of a [`Dataset`]; resolve it with [`Strings::get`].
pub type Sym = u32;

/// The interning table of a data set.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    list: Vec<String>,
    index: HashMap<String, Sym>,
}

impl Strings {
    /// The symbol of `s`, adding it when new.
    pub fn intern(&mut self, s: &str) -> Sym {
        if let Some(&sym) = self.index.get(s) {
            return sym;
        }
        let sym = self.list.len() as Sym;
        self.list.push(s.to_string());
        self.index.insert(s.to_string(), sym);
        sym
    }

    /// The symbol of `s` if it occurs in the data set.
    #[inline]
    pub fn lookup(&self, s: &str) -> Option<Sym> {
        self.index.get(s).copied()
    }

    /// The text of a symbol (empty for a symbol of another table).
    pub fn get(&self, sym: Sym) -> &str {
        self.list.get(sym as usize).map(String::as_str).unwrap_or("")
    }

    /// How many distinct strings are interned.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether no string is interned.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

/// Everything loaded: tickets, outages, changes, and their shared strings.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    /// Interned strings used by the records below.
    pub strings: Strings,
    /// Names of the ticket dimensions, in column order of
    /// [`Ticket::dimensions`] (`priority`, `service`, `category`, …).
    pub dimension_names: Vec<String>,
    /// Tickets, in input order.
    pub tickets: Vec<Ticket>,
    /// Service outages, in input order.
    pub outages: Vec<Outage>,
    /// Change records, in input order.
    pub changes: Vec<Change>,
}

impl Dataset {
    /// The index of a dimension in [`Ticket::dimensions`].
    pub fn dimension_index(&self, name: &str) -> Option<usize> {
        self.dimension_names.iter().position(|d| d == name)
    }

    /// The index of `name`, adding the dimension (empty on every existing
    /// ticket) when new.
    pub fn dimension_index_or_add(&mut self, name: &str) -> usize {
        match self.dimension_index(name) {
            Some(i) => i,
            None => {
                self.dimension_names.push(name.to_string());
                for t in &mut self.tickets {
                    t.dimensions.push_none();
                }
                self.dimension_names.len() - 1
            }
        }
    }

    /// The final value of dimension `dim` on `ticket`, as text.
    pub fn dimension_value(&self, ticket: &Ticket, dim: usize) -> Option<&str> {
        ticket.dimensions.get(dim).map(|s| self.strings.get(s))
    }
}

/// A ticket (incident, request, problem…) with its history.
///
/// Kept compact (144 bytes natively, 96 in wasm32, against 256 and 176
/// with the histories, instants and score held as plain `Vec`s and `Option`s;
/// dimension values take 4 bytes each on the heap): a million tickets are held in
/// the browser at once, and every byte per ticket is a megabyte of wasm
/// memory to fault in (docs/benchmarks.md, "A compact ticket").
#[derive(Debug, Clone, PartialEq)]
pub struct Ticket {
    /// The source system's identifier (`INC0000045`).
    pub id: String,
    /// Kind of ticket (`incident`, `request`, `problem`…).
    pub kind: Sym,
    /// Short description; free text written by anyone, never trusted.
    pub title: String,
    /// Final value of each dimension, indexed like
    /// [`Dataset::dimension_names`]; none when the source had no value.
    pub dimensions: DimensionValues,
    /// The status, assignment and dimension changes, when the source
    /// carries any (an event log); `None` for a flat export. Read it
    /// through [`Ticket::statuses`], [`Ticket::assignments`] and
    /// [`Ticket::dimension_changes`].
    pub history: Option<Box<History>>,
    /// When the ticket was opened.
    pub opened: Instant,
    /// First response (acknowledgement), if any.
    pub first_response: MaybeInstant,
    /// Resolution, if resolved (the last one when reopened).
    pub resolved: MaybeInstant,
    /// Closure, if closed.
    pub closed: MaybeInstant,
    /// How many times the ticket was reopened.
    pub reopen_count: u32,
    /// Customer satisfaction, if surveyed (boxed: most tickets have none).
    pub csat: Option<Box<Csat>>,
    /// Whether the ticket was resolved at first contact, if known.
    pub first_contact_resolution: Option<bool>,
    /// The source system's own SLA verdict (`made_sla`), if it has one.
    pub source_sla_met: Option<bool>,
    /// 1-based number of the input record the ticket came from (its first
    /// row for event logs).
    pub source_row: usize,
}

impl Ticket {
    /// Status changes, oldest first; the first entry is the opening status.
    /// Empty when the source has no history (the SLA engine then works from
    /// the timestamps alone).
    pub fn statuses(&self) -> &[StatusChange] {
        self.history.as_deref().map_or(&[], |h| &h.statuses)
    }

    /// Assignment group changes, oldest first.
    pub fn assignments(&self) -> &[Assignment] {
        self.history.as_deref().map_or(&[], |h| &h.assignments)
    }

    /// Earlier values of dimensions that changed during the ticket's life,
    /// oldest first: each entry gives the value in force *from* `at`.
    /// Empty when the source carries no history.
    pub fn dimension_changes(&self) -> &[DimensionChange] {
        self.history.as_deref().map_or(&[], |h| &h.dimension_changes)
    }

    /// The history to change, created empty when the ticket had none (for
    /// tickets built by hand, as the tests do).
    pub fn history_mut(&mut self) -> &mut History {
        self.history.get_or_insert_with(Box::default)
    }
}

/// The final value of each dimension of a ticket, indexed like
/// [`Dataset::dimension_names`], in 4 bytes a value (`Option<Sym>` takes 8):
/// `Sym::MAX` stands for no value, a symbol no data set reaches (it would
/// need four billion distinct strings).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DimensionValues(Vec<Sym>);

impl DimensionValues {
    const NONE: Sym = Sym::MAX;

    /// `width` dimensions, none with a value.
    pub fn new(width: usize) -> Self {
        DimensionValues(vec![Self::NONE; width])
    }

    /// The value of dimension `dim`, if it has one.
    pub fn get(&self, dim: usize) -> Option<Sym> {
        self.0.get(dim).copied().filter(|&s| s != Self::NONE)
    }

    /// Sets the value of dimension `dim` (`dim` below the width).
    pub fn set(&mut self, dim: usize, value: Option<Sym>) {
        if let Some(v) = self.0.get_mut(dim) {
            *v = value.unwrap_or(Self::NONE);
        }
    }

    /// Adds a dimension, without a value.
    pub fn push_none(&mut self) {
        self.0.push(Self::NONE);
    }

    /// Keeps the first `width` dimensions.
    pub fn truncate(&mut self, width: usize) {
        self.0.truncate(width);
    }
}

/// What changed during a ticket's life (see [`Ticket::history`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    /// Status changes, oldest first; the first entry is the opening status.
    pub statuses: Vec<StatusChange>,
    /// Assignment group changes, oldest first.
    pub assignments: Vec<Assignment>,
    /// Dimension changes, oldest first (see [`Ticket::dimension_changes`]).
    pub dimension_changes: Vec<DimensionChange>,
}

/// An optional instant in 8 bytes (`Option<Instant>` takes 16): every
/// instant the loaders accept is within the supported range, so
/// `Instant::MIN` can stand for none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MaybeInstant(Instant);

impl MaybeInstant {
    /// No instant.
    pub const NONE: MaybeInstant = MaybeInstant(Instant::MIN);

    /// Wraps an optional instant (`Some(Instant::MIN)` reads back as none;
    /// no loader produces it).
    pub fn new(t: Option<Instant>) -> Self {
        MaybeInstant(t.unwrap_or(Instant::MIN))
    }

    /// The instant, if any.
    pub fn get(self) -> Option<Instant> {
        (self.0 != Instant::MIN).then_some(self.0)
    }
}

impl From<Option<Instant>> for MaybeInstant {
    fn from(t: Option<Instant>) -> Self {
        MaybeInstant::new(t)
    }
}

/// A status in force from an instant on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusChange {
    /// When the ticket entered the status.
    pub at: Instant,
    /// The status (`New`, `Active`, `Awaiting User Info`, `Resolved`…).
    pub status: Sym,
}

/// An assignment group in force from an instant on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assignment {
    /// When the ticket was assigned to the group.
    pub at: Instant,
    /// The assignment group.
    pub group: Sym,
}

/// A dimension value in force from an instant on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DimensionChange {
    /// When the value took effect.
    pub at: Instant,
    /// Index into [`Dataset::dimension_names`].
    pub dimension: usize,
    /// The value from `at` on (`None`: no value).
    pub value: Option<Sym>,
}

/// A satisfaction score on its survey's scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Csat {
    /// The score given.
    pub score: f64,
    /// The lowest score of the scale (1 on a 1–5 scale).
    pub scale_min: f64,
    /// The highest score of the scale (5 on a 1–5 scale).
    pub scale_max: f64,
}

impl Csat {
    /// The score mapped linearly onto 0..=1 (0 = worst, 1 = best).
    pub fn normalised(&self) -> f64 {
        if self.scale_max > self.scale_min {
            ((self.score - self.scale_min) / (self.scale_max - self.scale_min)).clamp(0.0, 1.0)
        } else {
            0.0
        }
    }
}

/// An outage of a service.
#[derive(Debug, Clone, PartialEq)]
pub struct Outage {
    /// The service that was down.
    pub service: Sym,
    /// Start of the outage.
    pub start: Instant,
    /// End of the outage; `None` while ongoing.
    pub end: Option<Instant>,
    /// Planned maintenance (excluded from availability).
    pub planned: bool,
    /// 1-based input record number.
    pub source_row: usize,
}

/// The type of a change record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeType {
    /// Pre-approved, low-risk change.
    Standard,
    /// Change assessed and authorised through the normal process.
    Normal,
    /// Change implemented urgently, outside the normal process.
    Emergency,
}

/// How a change ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeOutcome {
    /// Implemented as intended.
    Successful,
    /// Implemented but failed.
    Failed,
    /// Reverted.
    BackedOut,
}

/// A change record.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The source system's identifier.
    pub id: String,
    /// Standard, normal or emergency.
    pub change_type: ChangeType,
    /// Outcome; `None` while not yet implemented.
    pub outcome: Option<ChangeOutcome>,
    /// The service changed, if known.
    pub service: Option<Sym>,
    /// Start of implementation.
    pub start: Instant,
    /// End of implementation, if ended.
    pub end: Option<Instant>,
    /// 1-based input record number.
    pub source_row: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::time::MIN_INSTANT;

    #[test]
    fn a_ticket_is_compact() {
        // id, title and dimension values (24 each: 72), history and CSAT (one
        // pointer each: 8 + 8), opened and the three optional instants (8
        // each: 32), source row (8), kind and reopen count (4 + 4), two
        // optional flags (1 + 1): 138, aligned to 8.
        #[cfg(target_pointer_width = "64")]
        assert_eq!(std::mem::size_of::<Ticket>(), 144);
        let t = MaybeInstant::new(Some(MIN_INSTANT));
        assert_eq!((t.get(), MaybeInstant::new(None).get(), MaybeInstant::NONE.get()), (Some(MIN_INSTANT), None, None));
        let mut d = DimensionValues::new(2);
        d.set(1, Some(7));
        d.push_none();
        assert_eq!((d.get(0), d.get(1), d.get(2), d.get(3)), (None, Some(7), None, None));
        d.set(1, None);
        assert_eq!(d.get(1), None);
    }
}
