//! Column values as interned symbols, remembered per column: exports repeat
//! a few values (priorities, statuses, groups) on every row, so each
//! distinct text is trimmed, checked against the null tokens, renamed and
//! interned once, and afterwards found with one hash lookup.

use super::row::RowReader;
use crate::ingest::hashing::HashMap;
use crate::ingest::model::{Strings, Sym};

/// Most distinct texts remembered per column; further ones are read the
/// long way (a column of free text would otherwise be copied whole).
const CAPACITY: usize = 1 << 12;

/// The symbols of the texts met so far, per slot ([`NONE`] for no value;
/// the map type of [`Strings`], so no second copy of its code).
#[derive(Debug, Default)]
pub struct SlotSymbols {
    memo: Vec<HashMap<String, Sym>>,
}

/// A text without value, in the memo.
const NONE: Sym = Sym::MAX;

impl SlotSymbols {
    /// The symbol of the value at `slot` of `r` (`None`: no value), interned
    /// in `strings` when new. The value must have been checked
    /// ([`RowReader::check_text`]).
    pub fn get(&mut self, r: &RowReader<'_, '_>, slot: usize, strings: &mut Strings) -> Option<Sym> {
        self.lookup(r, slot, strings).0
    }

    /// [`get`](Self::get), and whether the text may be new in this slot
    /// (`false`: met before, so its symbol was seen before).
    pub fn lookup(&mut self, r: &RowReader<'_, '_>, slot: usize, strings: &mut Strings) -> (Option<Sym>, bool) {
        let read = |strings: &mut Strings| r.slot_text(slot).ok().flatten().map(|v| strings.intern(&v));
        let Some(raw) = r.raw_text(slot) else { return (read(strings), true) };
        if self.memo.len() <= slot {
            self.memo.resize_with(slot + 1, HashMap::default);
        }
        let memo = &mut self.memo[slot];
        if let Some(&sym) = memo.get(raw) {
            return ((sym != NONE).then_some(sym), false);
        }
        let sym = read(strings);
        // A data set never holds 2^32 - 1 strings, so NONE is no symbol.
        if memo.len() < CAPACITY {
            memo.insert(raw.to_string(), sym.unwrap_or(NONE));
        }
        (sym, true)
    }
}
