//! The hasher of the ingest's hash tables: foldhash's seeded
//! `fast::RandomState` (see the note on `foldhash` in Cargo.toml), with a
//! fixed seed in fuzz builds.
//!
//! A random seed changes how a table probes (which keys share a slot or a
//! tag, how often a key is compared) from one run to the next, and from one
//! table to the next within a run. libFuzzer counts those paths as
//! coverage: with random seeds the same corpus of the
//! `csv_servicenow_event_log` target loaded at 2836 to 2839 edges in four
//! runs, and coverage came and went while fuzzing. A fuzz build
//! (`cfg(fuzzing)`, which cargo-fuzz sets) hashes with foldhash's fixed
//! seed, so that an input reaches the same edges on every run
//! (docs/reliability.md, "Deterministic hashing in fuzz builds").

/// How the ingest's hash tables seed their hasher.
#[cfg(not(fuzzing))]
pub type Seed = foldhash::fast::RandomState;

/// How the ingest's hash tables seed their hasher: a fixed seed, in fuzz
/// builds.
#[cfg(fuzzing)]
pub type Seed = foldhash::fast::FixedState;

/// A hash map of the ingest, hashed with [`Seed`].
pub type HashMap<K, V> = std::collections::HashMap<K, V, Seed>;

/// A hash set of the ingest, hashed with [`Seed`].
pub type HashSet<T> = std::collections::HashSet<T, Seed>;
