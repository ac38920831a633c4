//! Records found by id without a second copy of the ids: an open-addressing
//! table of record indices, whose ids stay in the records themselves (a
//! `HashMap<String, usize>` next to the records would hold every id twice,
//! about 60 bytes per record).

use std::hash::BuildHasher;

/// Indices of records by id. Slots hold (record index + 1, 32 bits of the
/// id's hash); 0 marks an empty slot. Ids are hashed with a seed of this
/// index's own (see the note on `foldhash` in Cargo.toml).
#[derive(Debug, Default)]
pub struct IdIndex {
    slots: Vec<(u32, u32)>,
    len: usize,
    hasher: super::hashing::Seed,
}

impl IdIndex {
    /// The hash of an id, as this index keeps it.
    pub fn hash(&self, id: &str) -> u32 {
        self.hasher.hash_one(id) as u32
    }

    /// The index of the record with id `id` (hashed to `hash`), given the id
    /// of each indexed record by `id_of`.
    pub fn get<'r>(&self, id: &str, hash: u32, id_of: impl Fn(usize) -> &'r str) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            let (slot, h) = self.slots[i];
            if slot == 0 {
                return None;
            }
            let index = slot as usize - 1;
            if h == hash && id_of(index) == id {
                return Some(index);
            }
            i = (i + 1) & mask;
        }
    }

    /// Adds the record at `index` whose id hashes to `hash` (not present yet).
    pub fn insert(&mut self, hash: u32, index: usize) {
        if (self.len + 1) * 8 > self.slots.len() * 7 {
            self.grow();
        }
        self.place(index as u32 + 1, hash);
        self.len += 1;
    }

    /// Makes room for `additional` more records without regrowing on the
    /// way; when that room cannot be had, the index grows as records come.
    pub fn reserve(&mut self, additional: usize) {
        let wanted = self.len.checked_add(additional).and_then(|n| n.checked_mul(8)).and_then(|n| (n / 7 + 1).checked_next_power_of_two());
        let Some(wanted) = wanted.filter(|&n| n > self.slots.len()) else { return };
        let mut slots = Vec::new();
        if slots.try_reserve_exact(wanted).is_ok() {
            slots.resize(wanted, (0, 0));
            self.rehash_into(slots);
        }
    }

    fn place(&mut self, slot: u32, hash: u32) {
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        while self.slots[i].0 != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = (slot, hash);
    }

    fn grow(&mut self) {
        self.regrow((self.slots.len() * 2).max(64));
    }

    /// Rehashes into `size` slots (a power of two).
    fn regrow(&mut self, size: usize) {
        self.rehash_into(vec![(0, 0); size]);
    }

    /// Moves every record into `slots`, empty and larger than the slots now.
    fn rehash_into(&mut self, slots: Vec<(u32, u32)>) {
        let old = std::mem::replace(&mut self.slots, slots);
        for (slot, hash) in old {
            if slot != 0 {
                self.place(slot, hash);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_was_inserted_and_nothing_else() {
        let ids: Vec<String> = (0..5000).map(|i| format!("INC{i:07}")).collect();
        let mut index = IdIndex::default();
        assert_eq!(index.get("INC0000000", index.hash("INC0000000"), |i| ids[i].as_str()), None);
        for (i, id) in ids.iter().enumerate() {
            let h = index.hash(id);
            assert_eq!(index.get(id, h, |i| ids[i].as_str()), None);
            index.insert(h, i);
            // Reserving on the way keeps what is there (and then 7,000
            // records need 7,000 * 8 / 7 + 1 = 8,001 slots, so 8,192).
            if i == 2500 {
                index.reserve(4_499);
                assert_eq!(index.slots.len(), 8_192);
                assert_eq!(index.get("INC0000007", index.hash("INC0000007"), |i| ids[i].as_str()), Some(7));
            }
        }
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(index.get(id, index.hash(id), |i| ids[i].as_str()), Some(i));
        }
        assert_eq!(index.get("INC9999999", index.hash("INC9999999"), |i| ids[i].as_str()), None);
    }
}
