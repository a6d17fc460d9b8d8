//! A counting allocator: per thread, the bytes allocated in total and the
//! peak of bytes held, so the harness can hold a case's memory to a linear
//! bound of its input without a clock or the process's RSS.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

pub struct Counting;

thread_local! {
    static HELD: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
    static TOTAL: Cell<usize> = const { Cell::new(0) };
}

fn on_alloc(size: usize) {
    // `try_with`: the thread's counters may be gone while it exits.
    let _ = HELD.try_with(|h| {
        let now = h.get() + size as isize;
        h.set(now);
        let _ = PEAK.try_with(|p| p.set(p.get().max(now)));
    });
    let _ = TOTAL.try_with(|t| t.set(t.get() + size));
}

fn on_dealloc(size: usize) {
    let _ = HELD.try_with(|h| h.set(h.get() - size as isize));
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        on_alloc(layout.size());
        // SAFETY: the caller's contract is passed on unchanged.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        on_alloc(layout.size());
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        on_dealloc(layout.size());
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        on_dealloc(layout.size());
        on_alloc(new_size);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// Memory used by what ran on this thread since [`Meter::start`].
pub struct Meter {
    held: isize,
    total: usize,
}

impl Meter {
    pub fn start() -> Meter {
        let held = HELD.with(Cell::get);
        PEAK.with(|p| p.set(held));
        Meter {
            held,
            total: TOTAL.with(Cell::get),
        }
    }

    /// The most bytes held at once above what was held at the start.
    pub fn peak(&self) -> usize {
        (PEAK.with(Cell::get) - self.held).max(0) as usize
    }

    /// All bytes allocated since the start (a measure of work: copying
    /// that grows with the square of the input shows here).
    pub fn total(&self) -> usize {
        TOTAL.with(Cell::get) - self.total
    }
}
