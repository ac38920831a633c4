//! The committed fuzz corpus (`fuzz/corpus/<target>/`) as regression cases:
//! every file goes through the same entry as its libFuzzer target
//! (`fuzz/entries.rs`), so a fixed crash stays fixed without nightly.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../fuzz/entries.rs"]
mod entries;

use std::path::Path;

#[test]
fn every_corpus_file_runs_clean_through_its_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    let mut total = 0;
    for (name, entry) in entries::TARGETS {
        let dir = root.join(name);
        let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).map(|f| f.unwrap().path()).collect();
        files.sort();
        assert!(!files.is_empty(), "the corpus of {name} is empty");
        for file in &files {
            let data = std::fs::read(file).unwrap();
            let outcome = std::panic::catch_unwind(|| entry(&data));
            assert!(outcome.is_ok(), "{name}: {} panicked", file.display());
        }
        total += files.len();
    }
    // Every target has a corpus; the whole corpus stays small.
    assert!(total <= 600, "{total} corpus files; keep the committed corpus to a few hundred");
}
