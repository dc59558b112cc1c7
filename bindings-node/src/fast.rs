//! Fast paths through V8's own JSON code, with exactly the semantics of the property-by-property walk in
//! [`crate::convert`]:
//!
//! - **in**: a small JS function (compiled once per JS thread) walks the value first and only when it is
//!   plain JSON data — plain objects and arrays (prototype `Object.prototype`, `null` or `Array.prototype`,
//!   no `toJSON`, no holes), finite numbers, well-formed strings, booleans, null, depth ≤ 66 and within the
//!   byte budget — returns `JSON.stringify(value)`, which Rust parses. Anything else (or a throwing getter /
//!   Proxy trap) returns `undefined` and the caller falls back to the N-API walk, which produces the
//!   precise, coded error. Reading a value through N-API costs a few hundred ns per property; V8's
//!   `JSON.stringify` + serde_json is several times faster.
//! - **out**: serde_json writes the output text and V8's `JSON.parse` builds the objects (with proper
//!   hidden classes), instead of one `napi_set_property` per key.

use std::cell::RefCell;
use std::ptr;

use napi::sys;

const HELPER: &str = r#"(function () {
  'use strict'
  const noop = () => {}
  const all = Promise.all.bind(Promise)
  const strict = STRICT
  return {
    strict,
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
})()"#;

const STRICT: &str = r#"(function () {
  'use strict'
  const stringify = JSON.stringify
  const isArray = Array.isArray
  const getProto = Object.getPrototypeOf
  const keys = Object.keys
  const OP = Object.prototype
  const AP = Array.prototype
  const MAX_DEPTH = 66
  const MAX_BYTES = 4 * 1024 * 1024
  return function tuiyiStrictStringify(root) {
    let budget = MAX_BYTES
    function ok(v, d) {
      switch (typeof v) {
        case 'string':
          budget -= v.length + 2
          return budget >= 0 && v.isWellFormed()
        case 'number':
          budget -= 8
          return v - v === 0
        case 'boolean':
          budget -= 5
          return true
        case 'object': {
          if (v === null) {
            budget -= 4
            return true
          }
          if (d >= MAX_DEPTH || v.toJSON !== undefined) return false
          if (isArray(v)) {
            if (getProto(v) !== AP) return false
            const n = v.length
            budget -= 2 + n
            if (budget < 0) return false
            for (let i = 0; i < n; i++) {
              if (!(i in v) || !ok(v[i], d + 1)) return false
            }
            return true
          }
          const p = getProto(v)
          if (p !== OP && p !== null) return false
          const ks = keys(v)
          budget -= 2
          for (let i = 0; i < ks.length; i++) {
            const k = ks[i]
            budget -= k.length + 4
            if (!k.isWellFormed() || !ok(v[k], d + 1)) return false
          }
          return budget >= 0
        }
        default:
          return false
      }
    }
    return ok(root, 0) ? stringify(root) : undefined
  }
})()"#;

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
    let src = crate::convert::create_string(env, &HELPER.replace("STRICT", STRICT)).ok()?;
    let mut helper = ptr::null_mut();
    if !ok(sys::napi_run_script(env, src, &mut helper)) {
        clear_exception(env);
        return None;
    }
    let mut global = ptr::null_mut();
    let mut json = ptr::null_mut();
    let mut parse = ptr::null_mut();
    if !ok(sys::napi_get_global(env, &mut global))
        || !ok(sys::napi_get_named_property(
            env,
            global,
            c"JSON".as_ptr().cast(),
            &mut json,
        ))
        || !ok(sys::napi_get_named_property(
            env,
            json,
            c"parse".as_ptr().cast(),
            &mut parse,
        ))
    {
        clear_exception(env);
        return None;
    }
    Some(Cache {
        env,
        helper: make_ref(env, helper)?,
        json: make_ref(env, json)?,
        parse: make_ref(env, parse)?,
    })
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
    let mut f = ptr::null_mut();
    if !ok(sys::napi_get_named_property(
        env,
        helper,
        name.as_ptr().cast(),
        &mut f,
    )) {
        clear_exception(env);
        return None;
    }
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

/// `JSON.stringify(v)` when `v` is plain JSON data (see the module doc), else `None`.
pub unsafe fn strict_stringify(env: sys::napi_env, v: sys::napi_value) -> Option<String> {
    let out = call_helper(env, c"strict", v)?;
    let mut t = 0;
    if !ok(sys::napi_typeof(env, out, &mut t)) || t != sys::ValueType::napi_string {
        return None;
    }
    crate::convert::read_string(env, out)
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
