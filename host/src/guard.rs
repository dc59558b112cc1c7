//! A panic inside tuiyi is a bug; it must never reach the host as a crash, an abort or text on its stderr.
//! [`quietly`] runs a closure with panics caught and the panic message suppressed (only on this thread,
//! only while the closure runs: the host's own panic hook keeps working for everything else), and turns a
//! panic into `internal_error` (its message scrubbed of personal numbers like every message).

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

use tuiyi_core::Error;

thread_local! {
    static QUIET: Cell<u32> = const { Cell::new(0) };
}

static HOOK: Once = Once::new();

/// Install (once) a panic hook that stays silent on threads inside [`quietly`] and defers to the hook that
/// was there before everywhere else.
fn install() {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if QUIET.with(Cell::get) == 0 {
                previous(info);
            }
        }));
    });
}

/// The internal error for a caught panic.
pub fn panic_error(payload: &(dyn std::any::Any + Send)) -> Error {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_string());
    Error::internal(format!("panic: {}", tuiyi_core::mask::value(&what)))
}

/// Run `f`; a panic becomes `Err(internal_error)`, and prints nothing.
pub fn quietly<R>(f: impl FnOnce() -> R) -> Result<R, Error> {
    install();
    QUIET.with(|q| q.set(q.get() + 1));
    let r = catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(q.get().saturating_sub(1)));
    r.map_err(|p| panic_error(p.as_ref()))
}

/// [`quietly`] for a closure that returns a core result.
pub fn guard<T>(f: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    quietly(f).and_then(|r| r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_an_internal_error_with_a_masked_message() {
        let e = guard::<()>(|| panic!("boom 110101199003071233")).unwrap_err();
        assert_eq!(e.code, "internal_error");
        assert!(!e.message.contains("110101199003071233"), "{}", e.message);
        assert_eq!(guard(|| Ok(3)), Ok(3));
    }
}
