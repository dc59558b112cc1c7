//! mimalloc as a process's global allocator ([`Mimalloc`]: the CLI, the Python wheel, the Node addon, the benches),
//! and its tuning for the CLI's `batch` ([`keep_freed_pages`]).

/// mimalloc returns freed pages to the OS after 10 ms by default; `batch` frees every form's tree right
/// after its report, so the workers kept re-faulting (and the kernel re-zeroing) the same pages, ~20 % of
/// the run. Keep them instead (no purging): the process only ever holds what the workers need at once plus
/// the read buffers (peak RSS 42 MB over 200,000 forms, 765 MB of input).
pub fn keep_freed_pages() {
    /// `mi_option_purge_delay` in mimalloc's `mi_option_e` (v2 and v3 alike; not exported by the -sys crate).
    const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: mi_option_set only stores an integer option; it is safe to call at any time, from any thread.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}

/// mimalloc as the global allocator, through its plain entry points where Rust asks for no more than the
/// 8-byte alignment every mimalloc block has (nearly every allocation: strings, vectors of the document's
/// entries). The `mimalloc` crate's `MiMalloc` calls the aligned entry points for every allocation, whose
/// alignment checks cost about twenty instructions each time.
pub struct Mimalloc;

/// The alignment every block mimalloc returns has (`MI_INTPTR_SIZE` on 64-bit targets; blocks are
/// multiples of it in pages aligned to it).
const PLAIN_ALIGN: usize = 8;

// SAFETY: each method hands the request to mimalloc: the plain entry points only when the requested
// alignment is at most 8, which every mimalloc block satisfies, else the aligned ones; `dealloc` frees
// with `mi_free`, which takes a block from either.
unsafe impl std::alloc::GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        if layout.align() <= PLAIN_ALIGN {
            libmimalloc_sys::mi_malloc(layout.size()).cast()
        } else {
            libmimalloc_sys::mi_malloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        if layout.align() <= PLAIN_ALIGN {
            libmimalloc_sys::mi_zalloc(layout.size()).cast()
        } else {
            libmimalloc_sys::mi_zalloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: std::alloc::Layout) {
        libmimalloc_sys::mi_free(ptr.cast());
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= PLAIN_ALIGN {
            libmimalloc_sys::mi_realloc(ptr.cast(), new_size).cast()
        } else {
            libmimalloc_sys::mi_realloc_aligned(ptr.cast(), new_size, layout.align()).cast()
        }
    }
}

#[cfg(test)]
mod tests {
    use std::alloc::{GlobalAlloc, Layout};

    use super::Mimalloc;

    /// Every alignment from 1 to 4,096 and sizes around the size classes: the block is aligned, holds what is
    /// written, keeps it when grown and shrunk, and is zeroed when asked.
    #[test]
    fn blocks_are_aligned_and_keep_their_bytes() {
        let a = Mimalloc;
        for shift in 0..=12 {
            let align = 1usize << shift;
            for size in [
                1, 3, 7, 8, 9, 15, 16, 17, 24, 31, 64, 100, 1000, 4096, 70_000,
            ] {
                let Ok(layout) = Layout::from_size_align(size, align) else {
                    continue;
                };
                // SAFETY: `layout` has a non-zero size; each block is used within its size and freed once,
                // with the layout it was last given.
                unsafe {
                    let z = a.alloc_zeroed(layout);
                    assert!(!z.is_null());
                    assert_eq!(z as usize % align, 0, "zeroed {size} at {align}");
                    assert!((0..size).all(|i| *z.add(i) == 0));
                    a.dealloc(z, layout);

                    let p = a.alloc(layout);
                    assert!(!p.is_null());
                    assert_eq!(p as usize % align, 0, "{size} at {align}");
                    for i in 0..size {
                        *p.add(i) = (i % 251) as u8;
                    }
                    let grown = size * 3 + 5;
                    let q = a.realloc(p, layout, grown);
                    assert!(!q.is_null());
                    assert_eq!(q as usize % align, 0, "grown {size} at {align}");
                    assert!((0..size).all(|i| *q.add(i) == (i % 251) as u8));
                    let grown_layout = Layout::from_size_align(grown, align).unwrap_or(layout);
                    let r = a.realloc(q, grown_layout, size.div_ceil(2));
                    assert!(!r.is_null());
                    assert_eq!(r as usize % align, 0, "shrunk {size} at {align}");
                    assert!((0..size.div_ceil(2)).all(|i| *r.add(i) == (i % 251) as u8));
                    a.dealloc(
                        r,
                        Layout::from_size_align(size.div_ceil(2), align).unwrap_or(layout),
                    );
                }
            }
        }
    }
}
