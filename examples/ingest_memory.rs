//! Memory of a loaded data set: `size_of::<Ticket>()`, the heap the load
//! leaves (bytes per ticket) and its peak, counted by a wrapping allocator
//! (native, so 64-bit pointers; WASM's are half as wide):
//! `cargo run --release --example ingest_memory [tickets]` (default 1,000,000,
//! generated flat CSV with the `servicenow-incidents` preset).

use sla_scorecard::ingest::model::Ticket;
use sla_scorecard::ingest::{load, Input, LoadOptions};
use sla_scorecard::support::generate::{tickets_csv, Form, Spec};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// The system allocator, counting live and peak bytes.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(bytes: usize) {
    let live = LIVE.fetch_add(bytes, Relaxed) + bytes;
    PEAK.fetch_max(live, Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // A growing realloc may move, holding both blocks for a moment; a
        // shrinking one stays in place (glibc and dlmalloc alike).
        if new_size <= layout.size() {
            LIVE.fetch_sub(layout.size() - new_size, Relaxed);
        } else {
            grew(new_size);
            LIVE.fetch_sub(layout.size(), Relaxed);
        }
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1_000_000);
    let text = tickets_csv(&Spec::new(n, 1), Form::Flat);
    let options = LoadOptions::from_json(&serde_json::json!({"preset": "servicenow-incidents"}), "").expect("preset");
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    let loaded = load(Input::Csv(&text), &options).expect("load");
    let kept = LIVE.load(Relaxed) - before;
    let peak = PEAK.load(Relaxed) - before;
    let tickets = loaded.dataset.tickets.len();
    println!("size_of::<Ticket>() = {} bytes", std::mem::size_of::<Ticket>());
    println!("{tickets} tickets from {} MB of CSV text", text.len() >> 20);
    println!("heap kept by the data set: {} MB, {} bytes per ticket", kept >> 20, kept / tickets.max(1));
    println!("peak heap during the load (beyond the text): {} MB, {} bytes per ticket", peak >> 20, peak / tickets.max(1));
}
