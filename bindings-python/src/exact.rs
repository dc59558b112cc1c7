//! Reading a value made only of the exact built-in JSON types — `dict` with `str` keys, `list`, `tuple`,
//! `str`, `int`, `float`, `bool`, `None` — without taking a reference to each of its values.
//!
//! [`crate::convert::Reader`] reads any value through pyo3: each dict entry costs a size check, two
//! references taken and given back, a type check per candidate type, and a reference to each string held
//! in an arena (`Keep`) so that the text the document borrows outlives anything Python code might do
//! meanwhile. Here the same value is read with borrowed references (`PyDict_Next`, `PyList_GetItem`), exact
//! types by pointer, an ASCII string's text borrowed from the object without holding it and any other string
//! encoded into the call's byte arena (`crate::utf8`; under the stable ABI, CPython's UTF-8 of it, borrowed).
//!
//! Why borrowing is sound: the strings are reachable from the arguments of the call, which the caller holds
//! for the whole call; they could only be freed by Python code changing a container that holds them. No
//! Python code runs from the start of the read to the end of the call's use of the document:
//! - the GIL is held throughout (the operation runs on this thread without releasing it);
//! - this reader calls only C API functions that run no Python code on exact built-in types, and it
//!   allocates no Python object on its way (an exception set by a failing call is cleared at once and the read
//!   abandoned: [`read`] answers `None`);
//! - [`read`] answers `None` for anything else (a subclass, a `Mapping`, a `datetime.date`, a key that is no
//!   `str`, a lone surrogate, an `int` beyond 64 bits, a value over the input's budget), and the caller then
//!   reads every argument of the call again through `Reader` (nothing read here is kept), so a value whose
//!   reading may run Python code is never read while one read here is borrowed.
//!
//! The documents are the same as `Reader`'s, and so are the budget's charges (`tests/test_exact.py`
//! compares the two readers' reports).

use std::borrow::Cow;
use std::ptr::addr_of_mut;

use pyo3::ffi;
use pyo3::prelude::*;
use serde_json::Number;
use tuiyi_core::doc::Doc;
use tuiyi_core::limits::MAX_STRING_CHARS;
use tuiyi_host::{Budget, DocSink, Sink};

use crate::utf8::Bytes;

/// `obj` (at nesting `depth` of the input) as a document, its strings borrowed from the objects; `None`
/// when it holds anything but the exact built-in JSON types or goes over `budget` (see the module
/// documentation: read it with `Reader` then). `budget` is charged as `Reader` charges it.
pub(crate) fn read<'a>(
    obj: &'a Bound<'_, PyAny>,
    depth: usize,
    budget: &mut Budget,
    bytes: &'a Bytes,
) -> Option<Doc<'a>> {
    let mut b = budget.clone();
    // SAFETY: `obj` is a live object (the reference borrowed for 'a); see the module documentation for why
    // the strings reachable from it outlive 'a.
    let doc = unsafe { node(&mut DocSink, obj.as_ptr(), depth, &mut b, bytes) }?;
    *budget = b;
    Some(doc)
}

/// [`read`] into any sink: `validate_many`'s tape, which copies each string as it is written, so a string
/// is borrowed only while it is written. `None` as for [`read`]; what the sink was given by then is the
/// caller's to take back (`Tape::truncate`).
pub(crate) fn read_with<'a, S: Sink<'a>>(
    sink: &mut S,
    obj: &'a Bound<'_, PyAny>,
    depth: usize,
    budget: &mut Budget,
    bytes: &'a Bytes,
) -> Option<S::Node> {
    let mut b = budget.clone();
    // SAFETY: as in `read`.
    let node = unsafe { node(sink, obj.as_ptr(), depth, &mut b, bytes) }?;
    *budget = b;
    Some(node)
}

/// The exact type of `o` is `t`.
///
/// SAFETY: `o` must point to a live object.
#[inline(always)]
unsafe fn is(o: *mut ffi::PyObject, t: *mut ffi::PyTypeObject) -> bool {
    std::ptr::eq(unsafe { ffi::Py_TYPE(o) }, t)
}

/// The text of the exact `str` `o`, charged as `Reader` charges a key or a string value.
///
/// SAFETY: `o` must point to a live `str`, and stay alive and unchanged for 'a.
#[inline(always)]
unsafe fn text<'a>(
    o: *mut ffi::PyObject,
    budget: &mut Budget,
    key: bool,
    bytes: &'a Bytes,
) -> Option<&'a str> {
    let chars = unsafe { crate::utf8::chars(o) }?;
    let charge = |budget: &mut Budget, bytes: usize| {
        if key {
            budget.key(chars, bytes)
        } else {
            budget.string(chars, bytes)
        }
    };
    if chars > MAX_STRING_CHARS {
        // As `Reader`: refused before the string is encoded.
        charge(budget, chars).ok()?;
    }
    // SAFETY: as this function's.
    if let Some(t) = unsafe { crate::utf8::in_arena(o, chars, bytes) } {
        charge(budget, t.len()).ok()?;
        return Some(t);
    }
    let mut size: ffi::Py_ssize_t = 0;
    let p = unsafe { ffi::PyUnicode_AsUTF8AndSize(o, &mut size) };
    if p.is_null() {
        // A lone surrogate: `Reader` reports it.
        unsafe { ffi::PyErr_Clear() };
        return None;
    }
    let len = usize::try_from(size).ok()?;
    // SAFETY: CPython keeps the UTF-8 of a str (`len` bytes at `p`, valid UTF-8) inside the object until it
    // is freed, which the caller guarantees does not happen within 'a.
    let t =
        unsafe { std::str::from_utf8_unchecked(std::slice::from_raw_parts(p.cast::<u8>(), len)) };
    charge(budget, t.len()).ok()?;
    Some(t)
}

/// The exact `str` `o` as a string value (read by [`node`], and in its loop over a dict's values).
///
/// SAFETY: as [`text`]'s.
#[inline(always)]
unsafe fn string<'a, S: Sink<'a>>(
    sink: &mut S,
    o: *mut ffi::PyObject,
    budget: &mut Budget,
    bytes: &'a Bytes,
) -> Option<S::Node> {
    Some(sink.string(Cow::Borrowed(unsafe { text(o, budget, false, bytes) }?)))
}

/// SAFETY: `o` must point to a live object, and every object reachable from it stay alive and unchanged for
/// 'a.
unsafe fn node<'a, S: Sink<'a>>(
    sink: &mut S,
    o: *mut ffi::PyObject,
    depth: usize,
    budget: &mut Budget,
    bytes: &'a Bytes,
) -> Option<S::Node> {
    unsafe {
        if is(o, addr_of_mut!(ffi::PyUnicode_Type)) {
            return string(sink, o, budget, bytes);
        }
        if is(o, addr_of_mut!(ffi::PyDict_Type)) {
            let len = usize::try_from(ffi::PyDict_Size(o)).ok()?;
            budget.object(depth, len).ok()?;
            let mut obj = sink.begin_obj(len);
            let (mut pos, mut k, mut v) = (0, std::ptr::null_mut(), std::ptr::null_mut());
            while ffi::PyDict_Next(o, &mut pos, &mut k, &mut v) != 0 {
                if !is(k, addr_of_mut!(ffi::PyUnicode_Type)) {
                    return None;
                }
                sink.obj_key(&mut obj, Cow::Borrowed(text(k, budget, true, bytes)?));
                // A string (most of a form's values) is read here, as `node` reads it, without a call of the
                // recursive `node` (its entry and exit were about 30 instructions a value).
                let value = if is(v, addr_of_mut!(ffi::PyUnicode_Type)) {
                    string(sink, v, budget, bytes)?
                } else {
                    node(sink, v, depth + 1, budget, bytes)?
                };
                sink.obj_value(&mut obj, value);
            }
            // An exact dict's exact `str` keys are distinct, and so is their UTF-8.
            return Some(sink.end_unique_obj(obj));
        }
        if std::ptr::eq(o, ffi::Py_None()) {
            budget.value(4).ok()?;
            return Some(sink.null());
        }
        if is(o, addr_of_mut!(ffi::PyBool_Type)) {
            budget.value(5).ok()?;
            return Some(sink.boolean(std::ptr::eq(o, ffi::Py_True())));
        }
        if is(o, addr_of_mut!(ffi::PyLong_Type)) {
            budget.value(20).ok()?;
            let v = ffi::PyLong_AsLongLong(o);
            if v == -1 && !ffi::PyErr_Occurred().is_null() {
                // Beyond 64 bits (read as `Reader` reads it).
                ffi::PyErr_Clear();
                return None;
            }
            return Some(sink.number(v.into()));
        }
        let list = is(o, addr_of_mut!(ffi::PyList_Type));
        if list || is(o, addr_of_mut!(ffi::PyTuple_Type)) {
            let n = if list {
                ffi::PyList_Size(o)
            } else {
                ffi::PyTuple_Size(o)
            };
            let len = usize::try_from(n).ok()?;
            budget.array(depth, len).ok()?;
            let mut arr = sink.begin_arr(len);
            for i in 0..n {
                let item = if list {
                    ffi::PyList_GetItem(o, i)
                } else {
                    ffi::PyTuple_GetItem(o, i)
                };
                if item.is_null() {
                    ffi::PyErr_Clear();
                    return None;
                }
                let v = node(sink, item, depth + 1, budget, bytes)?;
                sink.arr_item(&mut arr, v);
            }
            return Some(sink.end_arr(arr));
        }
        if is(o, addr_of_mut!(ffi::PyFloat_Type)) {
            budget.value(24).ok()?;
            return Number::from_f64(ffi::PyFloat_AsDouble(o)).map(|n| sink.number(n));
        }
        None
    }
}
