//! Fast paths through V8's own code, with exactly the semantics of the property-by-property walk in
//! [`crate::convert`]:
//!
//! - **in**: a small JS function (compiled once per JS thread, `PACK`) walks the value and, only when it is
//!   plain JSON data — plain objects and arrays (prototype `Object.prototype`, `null` or `Array.prototype`,
//!   no holes), finite numbers, strings, booleans, null, within the N-API walk's depth and byte limits
//!   — writes it as a list of numeric tokens (a `Float64Array`) and one string holding every key and string
//!   value back to back. Rust copies the tokens and that string's UTF-16 code units ([`Packed`]) and decodes
//!   them into a core [`Tape`] (lone surrogates become U+FFFD, as in every N-API string read), on a worker
//!   thread for `validateMany`; the validator reads the tape as a `Doc` without copying a string. Anything
//!   else (a throwing getter or Proxy trap included, a process whose `Object.prototype` has an enumerable
//!   property, or a getter that calls tuiyi while its object is walked) makes the walker return `undefined`:
//!   the caller then falls back to the N-API walk, which gives the precise, coded error.
//!   Reading a value through N-API costs a few hundred ns per property; the JS walker a few ns.
//! - **out**: serde_json writes the output text and V8's `JSON.parse` builds the objects (with proper
//!   hidden classes), instead of one `napi_set_property` per key.

use std::cell::RefCell;
use std::ptr;

use napi::sys;
use tuiyi_core::input::{MAX_DEPTH, MAX_JSON_BYTES};
use tuiyi_core::tape::Tape;

const HELPER: &str = r#"(function () {
  'use strict'
  const noop = () => {}
  const all = Promise.all.bind(Promise)
  const self = {
    toks: null,
    // mark a chunk's promise handled at once (if the call later throws, nobody awaits it)
    handled(p) {
      p.then(undefined, noop)
      return p
    },
    // one promise for the chunks, flattened in input order
    combine(ps) {
      return all(ps).then((parts) => (parts.length === 1 ? parts[0] : parts.flat()))
    },
  }
  self.pack = __PACK__(self)
  return self
})()"#;

const PACK: &str = r#"(function (self) {
  'use strict'
  const isArray = Array.isArray
  const getProto = Object.getPrototypeOf
  const OP = Object.prototype
  const AP = Array.prototype
  // The N-API walk's depth limit (tuiyi_core::input::MAX_DEPTH, + 2 for the input's own levels).
  const MAX_DEPTH = __MAX_DEPTH__
  // The N-API walk's byte budget (tuiyi_core::input::MAX_JSON_BYTES), charged as it charges: strings and
  // keys by their UTF-8 length, here bounded by 3 bytes per UTF-16 unit, so that the walker never accepts
  // what the walk refuses (a larger value near the limit is left to the walk, which decides exactly).
  const MAX_BYTES = __MAX_BYTES__
  // Tokens (see fast.rs): a string is its length in UTF-16 units (its text appended to `text`); null -1,
  // true -2, false -3, number -4 then the value, array -5 then its length, object -6 then its key count
  // (each key a string token followed by the value). toks[0] is the token count.
  let toks = new Float64Array(1024)
  self.toks = toks
  let n = 1
  let text = ''
  let budget = 0
  function put(x) {
    if (n === toks.length) {
      const t = new Float64Array(n * 2)
      t.set(toks)
      toks = t
      self.toks = t
    }
    toks[n++] = x
  }
  // `typeof v === '…'` tests compile to type checks; a `switch (typeof v)` calls the Typeof builtin.
  function pack(v, d) {
    if (typeof v === 'string') {
      budget -= 3 * v.length + 2
      put(v.length)
      text += v
      return true
    }
    if (typeof v === 'object') {
      if (v === null) {
        budget -= 4
        put(-1)
        return true
      }
      // (no toJSON check: like the N-API walk, the walker reads own enumerable keys and never calls toJSON;
      // an own enumerable toJSON is a function value, which is refused)
      if (d >= MAX_DEPTH) return false
      if (isArray(v)) {
        if (getProto(v) !== AP) return false
        const len = v.length
        budget -= 2 + len
        if (budget < 0) return false
        put(-5)
        put(len)
        // a hole reads as undefined, which is refused
        for (let i = 0; i < len; i++) if (!pack(v[i], d + 1)) return false
        return true
      }
      const p = getProto(v)
      if (p !== OP && p !== null) return false
      budget -= 2
      put(-6)
      const at = n
      put(0)
      let count = 0
      // own enumerable string keys in Object.keys order (Object.prototype is checked to have none)
      for (const k in v) {
        count++
        budget -= 3 * k.length + 4
        put(k.length)
        text += k
        if (!pack(v[k], d + 1)) return false
      }
      toks[at] = count
      return budget >= 0
    }
    if (typeof v === 'number') {
      budget -= 8
      if (v - v !== 0) return false
      put(-4)
      put(v)
      return true
    }
    if (typeof v === 'boolean') {
      budget -= 5
      put(v ? -2 : -3)
      return true
    }
    return false
  }
  let busy = false
  return function tuiyiPack(root) {
    // A getter that calls tuiyi while its object is being walked: the inner call goes to the N-API walk,
    // so the outer walk's state stays its own.
    if (busy) return undefined
    // An enumerable property on Object.prototype would show up in for-in: leave such a process to the walk.
    for (const _ in OP) return undefined
    n = 1
    text = ''
    budget = MAX_BYTES
    let ok = false
    busy = true
    try {
      ok = pack(root, 0) && budget >= 0
    } finally {
      busy = false
      if (!ok) text = ''
    }
    if (!ok) return undefined
    toks[0] = n
    const t = text
    text = ''
    return t
  }
})"#;

struct Cache {
    env: sys::napi_env,
    helper: sys::napi_ref,
    json: sys::napi_ref,
    parse: sys::napi_ref,
}

thread_local! {
    static CACHE: RefCell<Option<Cache>> = const { RefCell::new(None) };
}

fn ok(s: sys::napi_status) -> bool {
    s == sys::Status::napi_ok
}

unsafe fn clear_exception(env: sys::napi_env) {
    let mut pending = false;
    if ok(sys::napi_is_exception_pending(env, &mut pending)) && pending {
        let mut e = ptr::null_mut();
        let _ = sys::napi_get_and_clear_last_exception(env, &mut e);
    }
}

unsafe fn make_ref(env: sys::napi_env, v: sys::napi_value) -> Option<sys::napi_ref> {
    let mut r = ptr::null_mut();
    ok(sys::napi_create_reference(env, v, 1, &mut r)).then_some(r)
}

unsafe fn deref(env: sys::napi_env, r: sys::napi_ref) -> Option<sys::napi_value> {
    let mut v = ptr::null_mut();
    (ok(sys::napi_get_reference_value(env, r, &mut v)) && !v.is_null()).then_some(v)
}

unsafe fn build(env: sys::napi_env) -> Option<Cache> {
    let src = crate::convert::create_string(
        env,
        &HELPER
            .replace("__PACK__", PACK)
            .replace("__MAX_DEPTH__", &(MAX_DEPTH + 2).to_string())
            .replace("__MAX_BYTES__", &MAX_JSON_BYTES.to_string()),
    )
    .ok()?;
    let mut helper = ptr::null_mut();
    if !ok(sys::napi_run_script(env, src, &mut helper)) {
        clear_exception(env);
        return None;
    }
    let mut global = ptr::null_mut();
    if !ok(sys::napi_get_global(env, &mut global)) {
        return None;
    }
    let json = named(env, global, c"JSON")?;
    let parse = named(env, json, c"parse")?;
    Some(Cache {
        env,
        helper: make_ref(env, helper)?,
        json: make_ref(env, json)?,
        parse: make_ref(env, parse)?,
    })
}

/// `obj[name]`, or `None` (any exception cleared) if reading it fails.
unsafe fn named(
    env: sys::napi_env,
    obj: sys::napi_value,
    name: &std::ffi::CStr,
) -> Option<sys::napi_value> {
    let mut out = ptr::null_mut();
    if !ok(sys::napi_get_named_property(
        env,
        obj,
        name.as_ptr().cast(),
        &mut out,
    )) {
        clear_exception(env);
        return None;
    }
    Some(out)
}

/// (helper object, JSON, JSON.parse) for this env, built on first use.
unsafe fn with_cache(
    env: sys::napi_env,
) -> Option<(sys::napi_value, sys::napi_value, sys::napi_value)> {
    CACHE.with(|c| {
        let mut c = c.try_borrow_mut().ok()?;
        if c.as_ref().map(|x| x.env) != Some(env) {
            // A new env on this thread (e.g. a worker): the old references belong to a dead env; drop them
            // without touching it.
            *c = build(env);
        }
        let x = c.as_ref()?;
        Some((
            deref(env, x.helper)?,
            deref(env, x.json)?,
            deref(env, x.parse)?,
        ))
    })
}

/// Call `helper[name](arg)`.
unsafe fn call_helper(
    env: sys::napi_env,
    name: &std::ffi::CStr,
    arg: sys::napi_value,
) -> Option<sys::napi_value> {
    let (helper, _, _) = with_cache(env)?;
    let f = named(env, helper, name)?;
    let mut out = ptr::null_mut();
    let args = [arg];
    if !ok(sys::napi_call_function(
        env,
        helper,
        f,
        1,
        args.as_ptr(),
        &mut out,
    )) {
        clear_exception(env);
        return None;
    }
    Some(out)
}

/// Whether the helpers can be used in this env.
pub unsafe fn available(env: sys::napi_env) -> bool {
    with_cache(env).is_some()
}

/// Mark a promise handled (returns it).
pub unsafe fn handled(env: sys::napi_env, p: sys::napi_value) -> Option<sys::napi_value> {
    call_helper(env, c"handled", p)
}

/// `Promise.all(promises)` flattened one level (chunks of results → results).
pub unsafe fn combine(env: sys::napi_env, promises: &[sys::napi_value]) -> Option<sys::napi_value> {
    let mut arr = ptr::null_mut();
    if !ok(sys::napi_create_array_with_length(
        env,
        promises.len(),
        &mut arr,
    )) {
        return None;
    }
    for (i, p) in promises.iter().enumerate() {
        if !ok(sys::napi_set_element(env, arr, i as u32, *p)) {
            return None;
        }
    }
    call_helper(env, c"combine", arr)
}

/// What the JS walker wrote for one value: its tokens (see `PACK`) and the UTF-16 code units of its keys and
/// strings, copied out of V8 so that they can be decoded on any thread.
pub struct Packed {
    toks: Vec<f64>,
    units: Vec<u16>,
}

impl Packed {
    /// Decode into a tape. `None` only when tokens and text do not fit together, which the walker never
    /// writes.
    pub fn tape(&self) -> Option<Tape> {
        tape_from(&self.toks, &self.units)
    }
}

/// `v` as the JS walker writes it when it is plain JSON data (see the module doc), else `None`.
pub unsafe fn pack(env: sys::napi_env, v: sys::napi_value) -> Option<Packed> {
    let (helper, _, _) = with_cache(env)?;
    let text = call_helper(env, c"pack", v)?;
    if crate::convert::type_of(env, text) != sys::ValueType::napi_string {
        return None;
    }
    let toks = named(env, helper, c"toks")?;
    let mut kind = 0;
    let mut len = 0usize;
    let mut data = ptr::null_mut();
    let mut buffer = ptr::null_mut();
    let mut offset = 0usize;
    if !ok(sys::napi_get_typedarray_info(
        env,
        toks,
        &mut kind,
        &mut len,
        &mut data,
        &mut buffer,
        &mut offset,
    )) || kind != sys::TypedarrayType::float64_array
        || data.is_null()
        || (data as usize) % std::mem::align_of::<f64>() != 0
    {
        return None;
    }
    // SAFETY: a live Float64Array of `len` elements at `data` (checked aligned); no JS runs while the
    // slice is used.
    let all = std::slice::from_raw_parts(data as *const f64, len);
    // toks[0]: how many slots the walker used (itself included).
    let used = *all.first()?;
    if !(1.0..=len as f64).contains(&used) {
        return None;
    }
    let toks = all.get(1..used as usize)?.to_vec();
    let mut units = Vec::new();
    crate::convert::read_utf16_into(env, text, &mut units)?;
    Some(Packed { toks, units })
}

/// Decode the JS walker's tokens and text into a tape (`None` if they do not fit together).
fn tape_from(toks: &[f64], text: &[u16]) -> Option<Tape> {
    let mut tape = Tape::with_capacity(toks.len(), text.len() * 3);
    let mut pos = 0usize;
    let mut it = toks.iter();
    while let Some(&t) = it.next() {
        if t >= 0.0 {
            let end = pos.checked_add(t as usize)?;
            tape.string_utf16(text.get(pos..end)?);
            pos = end;
            continue;
        }
        match t as i64 {
            -1 => tape.null(),
            -2 => tape.boolean(true),
            -3 => tape.boolean(false),
            -4 => tape.number(crate::convert::number(*it.next()?)?),
            -5 | -6 => {
                let len = *it.next()?;
                let open = if t == -5.0 {
                    tape.begin_array()
                } else {
                    tape.begin_object()
                };
                tape.end(open, len as usize);
            }
            _ => return None,
        }
    }
    (pos == text.len()).then_some(tape)
}

/// `JSON.parse(text)` (text produced by serde_json), or `None` if that is unavailable.
pub unsafe fn json_parse(env: sys::napi_env, text: &str) -> Option<sys::napi_value> {
    let (_, json, parse) = with_cache(env)?;
    let s = crate::convert::create_string(env, text).ok()?;
    let mut out = ptr::null_mut();
    let args = [s];
    if !ok(sys::napi_call_function(
        env,
        json,
        parse,
        1,
        args.as_ptr(),
        &mut out,
    )) {
        clear_exception(env);
        return None;
    }
    Some(out)
}
