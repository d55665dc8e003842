//! A global allocator that counts allocations and tracks the peak of live heap bytes.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicIsize, AtomicUsize, Ordering::Relaxed};

/// Install with `#[global_allocator] static A: Counting = Counting;`.
pub struct Counting;

// Signed: a block freed by a counted thread may have come from an ignored one.
static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);
static COUNT: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);
/// Off while timing: updating the shared counters from several threads costs more than the
/// allocation itself and would inflate the times measured.
static ON: AtomicBool = AtomicBool::new(true);

thread_local! {
    static IGNORED: Cell<bool> = const { Cell::new(false) };
}

/// Stops counting the allocations of the calling thread (e.g. a benchmark's server).
pub fn ignore_this_thread() {
    IGNORED.with(|i| i.set(true));
}

/// Turns counting on or off for all threads; the figures keep what was counted while on.
pub fn set_counting(on: bool) {
    ON.store(on, Relaxed);
}

fn counted() -> bool {
    ON.load(Relaxed) && !IGNORED.try_with(Cell::get).unwrap_or(false)
}

fn grew(size: usize) {
    if !counted() {
        return;
    }
    let live = LIVE.fetch_add(size as isize, Relaxed) + size as isize;
    PEAK.fetch_max(live, Relaxed);
    COUNT.fetch_add(1, Relaxed);
    BYTES.fetch_add(size, Relaxed);
}

// SAFETY: every call is forwarded unchanged to the system allocator; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        System.alloc(layout)
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        System.alloc_zeroed(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if counted() {
            LIVE.fetch_sub(layout.size() as isize, Relaxed);
        }
        System.dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if counted() {
            LIVE.fetch_sub(layout.size() as isize, Relaxed);
        }
        grew(new_size);
        System.realloc(ptr, layout, new_size)
    }
}

/// What the allocator has seen since the last [`reset`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    /// Allocations (a `realloc` counts as one).
    pub count: usize,
    /// Bytes requested by those allocations.
    pub bytes: usize,
    /// The most heap bytes live at once.
    pub peak: usize,
    /// Heap bytes live now.
    pub live: usize,
}

/// Starts counting afresh; the peak restarts from what is live now.
pub fn reset() {
    COUNT.store(0, Relaxed);
    BYTES.store(0, Relaxed);
    PEAK.store(LIVE.load(Relaxed), Relaxed);
}

/// Restarts only the peak, from what is live now; returns the peak it had reached.
pub fn take_peak() -> usize {
    let live = LIVE.load(Relaxed);
    PEAK.swap(live, Relaxed).max(0) as usize
}

pub fn stats() -> Stats {
    Stats {
        count: COUNT.load(Relaxed),
        bytes: BYTES.load(Relaxed),
        peak: PEAK.load(Relaxed).max(0) as usize,
        live: LIVE.load(Relaxed).max(0) as usize,
    }
}

/// The process's peak resident set (`VmHWM`) in bytes, from `/proc/self/status`.
pub fn peak_rss() -> Option<usize> {
    status_kib("VmHWM:").map(|k| k * 1024)
}

/// The process's resident set now (`VmRSS`) in bytes.
pub fn rss() -> Option<usize> {
    status_kib("VmRSS:").map(|k| k * 1024)
}

fn status_kib(key: &str) -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line[key.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

/// CPU time (user and system, all threads) the process has used, from `/proc/self/stat`; its
/// resolution is one clock tick (10 ms), so divide a long run's figure by its iterations.
pub fn cpu_time() -> Option<std::time::Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(std::time::Duration::from_millis(ticks * 10))
}
