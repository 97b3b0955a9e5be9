//! The memory bound of an import, measured: a counting allocator records the peak heap while
//! `parse` reads each crafted file (tests/common/crafted.rs), and the peak must stay under
//! `limits::MEMORY_BOUND_BYTES`. Each file must also be refused in Vietnamese with the expected
//! words, or read within the output limits. One test in its own binary, so no other test
//! allocates while it measures.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Peak heap above what was live before, while `f` runs.
fn peak_of(f: impl FnOnce()) -> usize {
    let before = NOW.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    f();
    PEAK.load(Ordering::Relaxed) - before
}

fn check(name: &str, refusal: Option<&str>, parsed: &bankfile::Parsed) {
    use bankfile::limits::{MAX_OPTIONS_KEPT, MAX_PROBLEMS, MAX_QUESTIONS};
    let all: Vec<&str> = parsed.problems.iter().map(|p| p.message.as_str()).collect();
    assert!(!all.is_empty() || !parsed.questions.is_empty(), "{name}: no answer at all");
    if let Some(words) = refusal {
        assert!(all.iter().any(|m| m.contains(words)), "{name}: expected “{words}” in {all:?}");
    }
    assert!(parsed.problems.len() <= MAX_PROBLEMS + 1, "{name}: {} problems", parsed.problems.len());
    assert!(parsed.questions.len() + parsed.rejected.len() <= MAX_QUESTIONS, "{name}");
    for q in parsed.questions.iter().chain(&parsed.rejected) {
        assert!(q.options.len() <= MAX_OPTIONS_KEPT, "{name}: {} options kept", q.options.len());
    }
}

#[test]
fn every_crafted_import_is_refused_or_bounded_and_stays_under_the_memory_bound() {
    let bound = bankfile::limits::MEMORY_BOUND_BYTES;
    let mut worst = (0, "");
    for c in common::crafted::all() {
        let started = std::time::Instant::now();
        let mut parsed = None;
        let peak = peak_of(|| parsed = Some(bankfile::parse(&c.bytes, Some(c.name)))) + c.bytes.len();
        check(c.name, c.refusal, &parsed.unwrap());
        let took = started.elapsed();
        eprintln!(
            "{:>8.1} MiB {took:>10.2?}  {} ({} KiB)",
            peak as f64 / 1048576.0,
            c.name,
            c.bytes.len() / 1024
        );
        assert!(peak < bound, "{}: peak {} MiB over the bound", c.name, peak / 1048576);
        worst = worst.max((peak, c.name));
    }
    let sheet = common::crafted::whole_sheet();
    let peak = peak_of(|| drop(std::hint::black_box(bankfile::read_sheet(&sheet))));
    assert!(peak < 1024 * 1024, "the A1 + XFD1048576 sheet costs {peak} bytes, not 512 GiB");
    eprintln!("worst: {} at {:.1} MiB (bound {} MiB)", worst.1, worst.0 as f64 / 1048576.0, bound / 1048576);
}
