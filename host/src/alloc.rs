//! Tuning of mimalloc for a process that uses it as its global allocator (the CLI's `batch`).

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
