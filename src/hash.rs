//! A fast, non-cryptographic hasher for the crate's own tables: interned
//! strings, duplicate-id detection and memos, hashed once per input value.
//!
//! The standard `HashMap` hashes with SipHash-1-3, which resists
//! hash-flooding by an adversary choosing keys but costs several times more
//! per short string than this multiply-fold hash. The keys here come from the user's own file, loaded in the
//! user's own page or process: a crafted file could at worst slow its own
//! load, so speed wins.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` hashed with [`FxHasher`].
pub type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Multiply-fold hasher over 8-byte words: each word is mixed in with a
/// 64 × 64 → 128-bit multiply whose halves are folded together (the step
/// of foldhash and of rustc-hash 2 for strings), so a difference in any
/// bit of a word reaches every bit of the hash.
#[derive(Debug, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

/// An odd multiplier (rustc-hash 2's).
const K: u64 = 0xf135_7aea_2e62_a9c5;

impl Default for FxHasher {
    fn default() -> Self {
        // Not zero, which the fold would keep for zero words.
        FxHasher { hash: 0x243f_6a88_85a3_08d3 }
    }
}

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        let product = u128::from(self.hash ^ word) * u128::from(K);
        self.hash = (product as u64) ^ ((product >> 64) as u64);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            // The length keeps "a" and "a\0" apart.
            self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// The hash of a string (as `HashMap<String, _>` keys hash it).
pub fn hash_str(s: &str) -> u64 {
    let mut h = FxHasher::default();
    std::hash::Hash::hash(s, &mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_strings_hash_equal_and_near_ones_apart() {
        assert_eq!(hash_str("INC0000001"), hash_str(&String::from("INC0000001")));
        // Sequential ids differ in a few bytes; their low 20 bits (a
        // table's bucket) still take nearly as many values as there are ids.
        let ids: Vec<u64> = (0..100_000).map(|i| hash_str(&format!("INC{i:07}")) & 0xf_ffff).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert!(sorted.len() > 90_000, "{}", sorted.len());
        assert_ne!(hash_str("a"), hash_str("a\0"));
        assert_ne!(hash_str(""), hash_str("\0"));
    }
}
