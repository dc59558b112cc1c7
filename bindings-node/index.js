'use strict'
// tuiyi · 山西省军人退役“一件事”规则引擎 (Node.js binding).
//
// Conversion only: every function takes and returns plain JS data shaped exactly like the CLI's JSON, and
// calls the Rust core through the native addon (native.js loads it). The functions are the rows of the
// core's table of operations (`operations()`), built here in one place: a camelCase function over a
// shared default engine and an `Engine` method for each row, positional arguments in the row's order.
//
// - Arguments: JSON data; dates as 'YYYY-MM-DD' strings (a JS Date is refused: its calendar day depends
//   on the time zone); a form as an object or its JSON text.
// - Results: JSON data; dates are 'YYYY-MM-DD' strings.
// - Errors: Error objects (TypeError for code 'wrong_type') with kind, code, path (JSON Pointer into the
//   operation's input), message (Chinese) and message_en; a getter or Proxy trap that threw while an
//   argument was read is the error's `cause`.

const binding = require('./native.js')
const { pack, out } = require('./pack.js')

/** Forms read per turn of the event loop in validateMany (a turn stays around a millisecond). */
const CHUNK = 128
/** Chunks being checked at once before validateMany waits for the oldest (bounds the memory held). */
const IN_FLIGHT = 16

const NATIVE = Symbol('tuiyi.native')

/** The error a native call threw: a getter's exception becomes the tuiyi error it caused (as `cause`). */
function adopt(e) {
  const t = binding._adopt(e)
  return t === null || t === undefined ? e : t
}

const isObject = (v) => typeof v === 'object' && v !== null

/** Whether an argument is an object or array (read by the JS walker when it is plain data). */
function hasObject(args) {
  for (let i = 0; i < args.length; i++) if (isObject(args[i])) return true
  return false
}

/**
 * The native addon gives a scalar result (a boolean, a date, a number, a text) as it is and any other as its
 * JSON text, parsed here: `JSON.parse` called from JS costs a call about a microsecond less than the addon
 * looking it up and calling it through N-API (benches/RESULTS.md, thirtieth session). Which operations come as
 * text, the addon says (its own rule).
 */
const AS_TEXT = new Set(binding._textOps())
/** The result of operation `op` as the addon gave it, parsed when it came as JSON text. */
const parsed = (op, r) => (AS_TEXT.has(op) ? JSON.parse(r) : r)

function invoke(native, op, args) {
  let r
  try {
    if (hasObject(args) && pack(args)) r = native.call(op, out.toks, out.text)
    else r = native.call(op, args)
  } catch (e) {
    throw adopt(e)
  }
  return parsed(op, r)
}

let shared = null
/** The native engine over the embedded rules, one per thread, shared by every `new Engine()`. */
function defaultNative() {
  if (shared === null) shared = new binding.Engine()
  return shared
}

const turn = () => new Promise((resolve) => setImmediate(resolve))
const noop = () => {}

async function inChunks(native, forms, today) {
  let batch
  try {
    batch = native._batch(forms, today)
  } catch (e) {
    throw adopt(e)
  }
  const n = forms.length
  const pending = []
  const parts = []
  let readError
  for (let start = 0; start < n && readError === undefined; start += CHUNK) {
    // Let timers and I/O run between chunks: reading a chunk is the only work done on this thread.
    if (start > 0) await turn()
    try {
      const end = Math.min(n, start + CHUNK)
      for (let i = start; i < end; ) {
        // Plain data through the walker, one form a call; a run of JSON texts (or anything else) in one call.
        if (isObject(forms[i]) && pack(forms[i])) {
          batch.read(out.toks, i, i + 1, out.text)
          i++
          continue
        }
        let j = i + 1
        while (j < end && !isObject(forms[j])) j++
        batch.read(forms, i, j)
        i = j
      }
    } catch (e) {
      readError = adopt(e)
    }
    const p = batch.flush()
    p.catch(noop) // awaited below, in order; marked handled if an earlier one rejects first
    pending.push(p)
    while (pending.length > IN_FLIGHT) parts.push(JSON.parse(await pending.shift()))
  }
  // In input order: the first form that cannot be checked is the one reported.
  for (const p of pending) parts.push(JSON.parse(await p))
  if (readError !== undefined) throw readError
  return parts.flat()
}

/**
 * A rule pack and a calendar: `new Engine({ rules_dir, calendar_dir })` loads either from a directory
 * (e.g. a calendar with the year the State Council's notice just announced), keeping the embedded one for
 * the other. Every operation of `operations()` is a method.
 */
class Engine {
  constructor(options) {
    if (options === undefined || options === null) {
      this[NATIVE] = defaultNative()
      return
    }
    try {
      this[NATIVE] = new binding.Engine(options)
    } catch (e) {
      throw adopt(e)
    }
  }

  /** Run operation `op` with positional arguments in the order of its parameters. */
  call(op, args) {
    if (!Array.isArray(args)) throw new TypeError('Engine.call(op, args): args must be an array')
    return invoke(this[NATIVE], op, args)
  }

  /** The JSON facade: operation `op` on its whole input as one value (what the CLI reads). */
  run(op, input) {
    let r
    try {
      const native = this[NATIVE]
      if (isObject(input) && pack(input)) r = native.run(op, out.toks, out.text)
      else r = native.run(op, input)
    } catch (e) {
      throw adopt(e)
    }
    return parsed(op, r)
  }

  /** `run` with the input as JSON text. */
  runJson(op, text) {
    let r
    try {
      r = this[NATIVE].runJson(op, text)
    } catch (e) {
      throw adopt(e)
    }
    return JSON.parse(r)
  }

  /** `validate` with the form as its JSON text: a string, or its UTF-8 bytes (a Buffer as a request body arrives). */
  validateJson(text, today) {
    // `ArrayBuffer.isView` first: `instanceof` on a revoked Proxy throws.
    if (typeof text !== 'string' && !(ArrayBuffer.isView(text) && text instanceof Uint8Array)) {
      throw new TypeError(`validateJson(text): text must be a string or a Uint8Array, not ${typeof text}`)
    }
    return invoke(this[NATIVE], 'validate', [text, today])
  }

  /**
   * `validate` for many forms: read a chunk at a time on this thread, yielding to the event loop between
   * chunks, and checked on a pool of threads; the reports in input order. Rejects with the error of the
   * first form that cannot be checked (its path under `/<index>`), or of a bad `today` (at `/today`).
   */
  validateMany(forms, today) {
    return inChunks(this[NATIVE], forms, today)
  }
}

const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase())
const OPERATIONS = binding.operations()

for (const sig of OPERATIONS) {
  const name = camel(sig.name)
  const op = sig.name
  // Named functions (stack traces show `validate`, not an anonymous arrow).
  const method = {
    [name](...args) {
      return invoke(this[NATIVE], op, args)
    },
  }[name]
  Object.defineProperty(Engine.prototype, name, { value: method, writable: true, configurable: true })
  module.exports[name] = {
    [name](...args) {
      return invoke(defaultNative(), op, args)
    },
  }[name]
}

module.exports.Engine = Engine
module.exports.run = function run(op, input) {
  return Engine.prototype.run.call({ [NATIVE]: defaultNative() }, op, input)
}
module.exports.runJson = function runJson(op, text) {
  return Engine.prototype.runJson.call({ [NATIVE]: defaultNative() }, op, text)
}
module.exports.validateJson = function validateJson(text, today) {
  return Engine.prototype.validateJson.call({ [NATIVE]: defaultNative() }, text, today)
}
module.exports.validateMany = function validateMany(forms, today) {
  return inChunks(defaultNative(), forms, today)
}
