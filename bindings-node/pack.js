'use strict'
// The JS walker: flattens plain JSON data into numeric tokens and one string, which the native addon reads
// in a single call (N-API charges a few hundred nanoseconds per property read; this walk runs in V8's JIT).
// It only ever says "yes, plain data, here it is" or "no": anything else — undefined, a function, a symbol,
// a BigInt, NaN, a Date, a typed array, a class instance, a Proxy, a hole, a string or container too large
// to be within tuiyi's limits, nesting too deep, a getter that throws — makes it answer false, and the
// caller hands the value to the native N-API walk, which reads it again and gives the precise, coded
// error. The limits and lone surrogates are checked on the native side exactly as the N-API walk checks
// them (same budget, same order, same paths): whether a value took this path never changes the answer.
//
// Tokens (Float64Array, after their count in toks[0]): a string is its length in UTF-16 units (its text
// appended to `text`); null -1,
// true -2, false -3, a number -4 then its value, an array -5 then its length, an object -6 then its key
// count followed by each key (a string token) and its value. Keys are Object.keys: own, enumerable,
// never inherited (whatever Object.prototype holds).

const { isProxy } = require('node:util').types

const getProto = Object.getPrototypeOf
const keysOf = Object.keys
const isArray = Array.isArray
const OP = Object.prototype
const AP = Array.prototype

// Beyond these the value is certainly refused (tuiyi_core::limits): the N-API walk says how, without this
// walk copying anything first.
const MAX_DEPTH = 66 // MAX_DEPTH (64) + the levels above a value in the input
const MAX_UNITS = 2000 // a string of more UTF-16 units has more than MAX_STRING_CHARS (1000) characters
const MAX_ITEMS = 200 // MAX_LIST_ITEMS and MAX_OBJECT_KEYS
const MAX_TEXT = 4 * 1024 * 1024 // MAX_JSON_BYTES: at least a byte per unit
const MAX_TOKENS = 3 * 100000 // MAX_VALUES values of at most two tokens each, and their keys

const out = { toks: new Float64Array(4096), n: 1, text: '' }
let busy = false

function put(x) {
  if (out.n === out.toks.length) {
    const t = new Float64Array(out.n * 2)
    t.set(out.toks)
    out.toks = t
  }
  out.toks[out.n++] = x
}

function str(s) {
  const len = s.length
  if (len > MAX_UNITS || out.text.length + len > MAX_TEXT) return false
  put(len)
  out.text += s
  return true
}

// `typeof v === '…'` tests compile to type checks (a switch on typeof calls a builtin).
function walk(v, d) {
  if (typeof v === 'string') return str(v)
  if (typeof v === 'number') {
    if (v - v !== 0) return false
    put(-4)
    put(v)
    return out.n < MAX_TOKENS
  }
  if (typeof v === 'boolean') {
    put(v ? -2 : -3)
    return true
  }
  if (typeof v !== 'object') return false
  if (v === null) {
    put(-1)
    return true
  }
  if (d >= MAX_DEPTH || isProxy(v)) return false
  if (isArray(v)) {
    const len = v.length
    if (getProto(v) !== AP || len > MAX_ITEMS) return false
    put(-5)
    put(len)
    // A hole reads as undefined, which is refused.
    for (let i = 0; i < len; i++) if (!walk(v[i], d + 1)) return false
    return true
  }
  const p = getProto(v)
  if (p !== OP && p !== null) return false
  const keys = keysOf(v)
  const len = keys.length
  if (len > MAX_ITEMS) return false
  put(-6)
  put(len)
  for (let i = 0; i < len; i++) {
    const k = keys[i]
    if (!str(k) || !walk(v[k], d + 1)) return false
  }
  return out.n < MAX_TOKENS
}

/**
 * Flatten `v` into `out`; false when the N-API walk must read it. A getter that calls tuiyi while its object is walked sends that inner call to the N-API
 * walk (this walk's state stays its own); a getter that throws sends the outer one there too (so the
 * getter runs again, and its error is reported with the exception as `cause`).
 */
function pack(v) {
  if (busy) return false
  busy = true
  out.n = 1
  out.text = ''
  try {
    const ok = walk(v, 0)
    out.toks[0] = out.n - 1
    return ok
  } catch {
    return false
  } finally {
    busy = false
  }
}

module.exports = { pack, out }
