// tuiyi-wasm, the runtime behind the package's functions (ops.js is generated from the core's table of
// operations; index.js is the public surface). Conversion only:
//
// - a JS argument is written as the JSON text the core's parser reads (`walk`), refusing what JSON cannot
//   carry (a Date, undefined, NaN…) with a coded error at its JSON Pointer, and cut where a limit is
//   certainly breached so that the parser reports that breach, at its path, as for any JSON text;
// - the answer comes back as JSON text (`o…` or `e…`); an error is thrown as an `Error` (a `TypeError`
//   for `wrong_type`) with `code`, `kind`, `path`, `message` (Chinese) and `message_en`;
// - a trap inside the module (a panic aborts on wasm32) is `internal_error`; the instance is replaced by a
//   fresh one from the same compiled module (`ready()` resolves when it is there).

import initGlue, * as firstGlue from './tuiyi_wasm.js'

const GLUE_URL = new URL('./tuiyi_wasm.js', import.meta.url)
const WASM_URL = new URL('./tuiyi_wasm_bg.wasm', import.meta.url)

// The core's input limits (tuiyi_core::limits, docs/limits.md).
const MAX_DEPTH = 64
const MAX_LIST_ITEMS = 200
const MAX_OBJECT_KEYS = 200
const MAX_STRING_CHARS = 1000
const MAX_VALUES = 100000
const MAX_JSON_BYTES = 4 * 1024 * 1024

let glue = null // the glue module whose instance answers
let compiled = null // the WebAssembly.Module, kept for a fresh instance after a trap
let starting = null // init() under way
let recovering = null // a fresh instance under way
let copies = 0
let table = null // operations(), parsed once
let byName = null

const isNode =
  typeof process === 'object' && process !== null && typeof process.versions === 'object' && process.versions !== null &&
  typeof process.versions.node === 'string'

// ---------------------------------------------------------------------------------------------------------
// Loading

async function nodeRead(url) {
  const fs = 'node:fs/promises' // (a variable: bundlers for the browser leave it alone)
  const { readFile } = await import(fs)
  return readFile(url)
}

async function compileFrom(source) {
  if (source === undefined || source === null) source = WASM_URL
  if (source instanceof WebAssembly.Module) return source
  if (typeof source === 'string') source = new URL(source, isNode ? 'file://' + process.cwd() + '/' : globalThis.location?.href)
  if (source instanceof URL) {
    if (source.protocol === 'file:') return WebAssembly.compile(await nodeRead(source))
    source = fetch(source)
  }
  source = await source
  if (typeof Response === 'function' && source instanceof Response) {
    if (!source.ok) throw new Error(`tuiyi-wasm: fetching ${source.url} failed: ${source.status} ${source.statusText}`)
    const type = source.headers.get('content-type') || ''
    if (typeof WebAssembly.compileStreaming === 'function' && type.split(';')[0].trim() === 'application/wasm') {
      return WebAssembly.compileStreaming(source)
    }
    return WebAssembly.compile(await source.arrayBuffer())
  }
  return WebAssembly.compile(source)
}

/** The table of operations, read from the module on first use (not at instantiation, which stays short). */
function loadTable() {
  if (byName) return
  table = Object.freeze(answer(guarded((g) => g.operations())))
  byName = new Map(table.map((s) => [s.name, s]))
}

const perf = typeof performance === 'object' && performance !== null && typeof performance.mark === 'function' ? performance : null

function mark(name) {
  if (perf) perf.mark(`tuiyi-wasm:${name}`)
}

function measure(name, from, to) {
  if (perf) perf.measure(name, `tuiyi-wasm:${from}`, `tuiyi-wasm:${to}`)
}

/**
 * Instantiate the WebAssembly module: `source` is its URL (default: `tuiyi_wasm_bg.wasm` next to this
 * file; in Node read from disk), a `Response`, its bytes or a compiled `WebAssembly.Module`. Call (and
 * await) once before any other function; later calls return at once.
 */
export function init(source) {
  if (glue) return Promise.resolve()
  if (!starting) {
    starting = (async () => {
      // User Timing marks (visible in a browser's performance panel; the portal test reads them).
      mark('start')
      compiled = await compileFrom(source)
      mark('compiled')
      await initGlue({ module_or_path: compiled })
      mark('instantiated')
      glue = firstGlue
      measure('tuiyi-wasm:compile', 'start', 'compiled')
      measure('tuiyi-wasm:instantiate', 'compiled', 'instantiated')
      measure('tuiyi-wasm:init', 'start', 'instantiated')
    })()
    starting.catch(() => {
      starting = null
    })
  }
  return starting
}

/** `init` without waiting: `source` is the module's bytes or a `WebAssembly.Module` (in Node it may be omitted). */
export function initSync(source) {
  if (glue) return
  if (source === undefined && isNode && typeof process.getBuiltinModule === 'function') {
    source = process.getBuiltinModule('node:fs').readFileSync(WASM_URL)
  }
  if (source === undefined) throw new TypeError('tuiyi-wasm: initSync needs the module (its bytes or a WebAssembly.Module)')
  compiled = source instanceof WebAssembly.Module ? source : new WebAssembly.Module(source)
  firstGlue.initSync({ module: compiled })
  glue = firstGlue
}

/** A promise that resolves when the package can answer (after `init`, or after a recovery from a trap). */
export function ready() {
  if (glue) return Promise.resolve()
  if (recovering) return recovering
  if (starting) return starting
  return Promise.reject(new Error('tuiyi-wasm: call init() first'))
}

function wasm() {
  if (glue) return glue
  if (recovering) throw internalError('the WebAssembly instance is being replaced after an internal error; await ready()')
  throw new Error('tuiyi-wasm: await init() before calling tuiyi (the WebAssembly module is not instantiated yet)')
}

/** The instance trapped (a panic aborts on wasm32) or its stack overflowed: replace it. */
function lost() {
  glue = null
  const n = ++copies
  recovering = (async () => {
    const fresh = await import(`${GLUE_URL.href}?instance=${n}`)
    await fresh.default({ module_or_path: compiled })
    glue = fresh
  })()
  recovering.then(
    () => {
      recovering = null
    },
    () => {
      recovering = null
    },
  )
}

/** Call an export of the module; anything thrown from inside it is `internal_error`. */
function guarded(f) {
  const g = wasm()
  try {
    return f(g)
  } catch (e) {
    lost()
    throw internalError(`WebAssembly: ${e && e.message ? e.message : String(e)}`)
  }
}

// ---------------------------------------------------------------------------------------------------------
// Errors

function internalError(what) {
  return toError({
    kind: 'internal',
    code: 'internal_error',
    path: '',
    message: `tuiyi 内部错误，请报告此问题：${what}`,
    message_en: `internal error in tuiyi, please report it: ${what}`,
  })
}

function toError(v, cause) {
  const e = v.code === 'wrong_type' ? new TypeError(v.message) : new Error(v.message, cause === undefined ? undefined : { cause })
  e.code = v.code
  e.kind = v.kind
  e.path = v.path
  e.message_en = v.message_en
  return e
}

/** The value of an answer `o<JSON>`, or the error of `e<JSON>` thrown. */
function answer(s) {
  const v = JSON.parse(s.slice(1))
  if (s.charCodeAt(0) === 111 /* o */) return v
  throw toError(v)
}

/** A host value JSON cannot carry, at `prefix` + `segs`: thrown as the core's coded error. */
class HostFail {
  constructor(what, hint, detail, segs, cause) {
    this.what = what
    this.hint = hint
    this.detail = detail
    this.segs = segs.slice()
    this.cause = cause
  }
  error(prefix) {
    const segs = JSON.stringify(this.segs.map((s) => (typeof s === 'string' ? wellFormed(s) : s)))
    const s = guarded((g) => g.host_error(this.what, this.hint, prefix, segs, wellFormed(this.detail)))
    try {
      return answer(s)
    } catch (e) {
      if (this.cause !== undefined) e.cause = this.cause
      return e
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Writing a JS value as the JSON text the core reads

const hasWellFormed = typeof ''.isWellFormed === 'function'
const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])[\udc00-\udfff]/

function isWellFormed(s) {
  return hasWellFormed ? s.isWellFormed() : !LONE.test(s)
}

const LONE_ALL = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/**
 * A JSON text with each lone surrogate written as its escape (`\ud800`): inside a string the core reports
 * input_lone_surrogate at that string's path, elsewhere json_syntax where it stands — as the Node package,
 * which reads the text's UTF-16, reports them.
 */
function escapeLone(text) {
  return isWellFormed(text) ? text : text.replace(LONE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16)}`)
}

function wellFormed(s) {
  s = String(s)
  if (isWellFormed(s)) return s
  return typeof s.toWellFormed === 'function' ? s.toWellFormed() : s.replace(/[\ud800-\udfff]/g, '\ufffd')
}

const dateTime = Object.getOwnPropertyDescriptor(Date.prototype, 'getTime')?.value
const bufferLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength')?.get
const sharedLength = typeof SharedArrayBuffer === 'function'
  ? Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, 'byteLength')?.get
  : undefined

function brand(f, v) {
  if (!f) return false
  try {
    f.call(v)
    return true
  } catch {
    return false
  }
}

const toStringTag = Object.prototype.toString

/**
 * What a non-array object JSON cannot carry is, checked before its keys: a `Date` (`'Date'`), a typed array or
 * Buffer; else null. Checked by brand where the tag suggests it (another realm's Date is one too, an object
 * merely tagged "Date" is not); no exception is thrown for an ordinary object.
 */
function unsupported(v) {
  if (v instanceof Date) return 'Date'
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return 'a typed array or Buffer'
  if (toStringTag.call(v) === '[object Date]' && brand(dateTime, v)) return 'Date'
  return null
}

/** What an object without own enumerable keys cannot be read as {} for: binary data, a promise; or null. */
function bare(v) {
  try {
    if (v instanceof DataView) return 'a DataView'
    if (v instanceof ArrayBuffer || brand(bufferLength, v)) return 'an ArrayBuffer'
    if (brand(sharedLength, v)) return 'a SharedArrayBuffer'
    if (v instanceof Promise || toStringTag.call(v) === '[object Promise]') return 'a Promise'
  } catch {
    // a revoked Proxy: nothing of these
  }
  return null
}

/**
 * How an object is read: `'array'`, `'object'` (by its own enumerable string keys), or what JSON cannot carry
 * (see `unsupported`). Never throws: a revoked Proxy is an object whose keys cannot be listed, as the Node
 * package reads it.
 */
function shapeOf(v) {
  try {
    if (Array.isArray(v)) return 'array'
    return unsupported(v) || 'object'
  } catch {
    return 'object'
  }
}

/** The wrong_type failure for what `unsupported` found. */
function refuse(w, what) {
  return what === 'Date' ? w.fail('wrong_type', 'date', 'Date') : w.fail('wrong_type', '', what)
}

/**
 * The JSON text of the input being written, and the budget it is read within: the same checks, in the same
 * order, with the same codes and paths as tuiyi-host's `Budget` (which the Node and Python packages read their
 * host values with): values, estimated bytes, nesting, list lengths, object keys, string lengths (checked before
 * a string is looked at further), lone surrogates. What the budget refuses never reaches the core; what it
 * accepts, the core's parser accepts too.
 */
class Writer {
  constructor() {
    this.parts = []
    this.muted = 0 // > 0: read (and charged) but not written (a document's key an extra parameter replaces)
    this.values = MAX_VALUES
    this.bytes = MAX_JSON_BYTES
    this.segs = []
  }
  push(s) {
    if (this.muted === 0) this.parts.push(s)
  }
  /** One value of about `n` bytes of JSON text (Budget::value). */
  value(n) {
    if (this.values === 0) throw this.limit('input_too_many_values')
    this.values--
    this.spend(n)
  }
  spend(n) {
    if (n > this.bytes) throw new HostFail('too_large', '', '', [])
    this.bytes -= n
  }
  limit(code) {
    return new HostFail('limit', '', code, this.segs)
  }
  fail(what, hint, detail, cause) {
    return new HostFail(what, hint, detail, this.segs, cause)
  }
  text() {
    return this.parts.join('')
  }
}

/** A getter, Proxy trap or other JS code that threw while `what` was read: invalid_input, the exception as `cause`. */
function unreadable(w, e, what) {
  return w.fail('unreadable', '', `${what} threw an exception (error.cause)`, e)
}

const ASCII = /^[\x00-\x7f]*$/

function utf8Length(s) {
  if (ASCII.test(s)) return s.length
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4
      i++
    } else n += 3
  }
  return n
}

function codePoints(s) {
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++
    n++
  }
  return n
}

/**
 * Charge a string (a value) or an object key (Budget::string / Budget::key): a length certainly over the limit
 * is refused before anything else, then a lone surrogate, then the length in characters.
 */
function charge(w, s, isKey) {
  const units = s.length
  const over = (chars, bytes) => {
    if (chars > MAX_STRING_CHARS) throw w.limit('input_string_too_long')
    if (isKey) w.spend(bytes + 4)
    else w.value(bytes + 2)
  }
  if (units >> 1 > MAX_STRING_CHARS) over(units, units)
  if (!isWellFormed(s)) throw w.fail('lone_surrogate', '', '')
  over(units <= MAX_STRING_CHARS ? units : codePoints(s), utf8Length(s))
}

/** A form given as its JSON text: its size alone is charged (lone surrogates are the core's to place). */
function chargeText(w, s) {
  if (s.length > MAX_JSON_BYTES) w.value(s.length + 2)
  const text = escapeLone(s)
  w.value(utf8Length(text) + 2)
  return text
}

// The wasm-bindgen glue needs TextDecoder too: every environment the package runs in has it.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * A form given as its JSON text in bytes (a Uint8Array, e.g. a fetched body's bytes): its text, its size
 * charged before it is decoded (a byte-order mark stays: the core skips it). Bytes that are not UTF-8 fail as
 * json_not_utf8, the offset of the first bad byte found by the core (the check the Node and Python packages
 * make).
 */
function bytesText(w, bytes) {
  if (bytes.length > MAX_JSON_BYTES) w.value(bytes.length + 2)
  try {
    return utf8.decode(bytes)
  } catch {
    throw w.fail('not_utf8', '', String(guarded((g) => g.utf8_valid_up_to(bytes))))
  }
}

/** Bytes: a Uint8Array (`ArrayBuffer.isView` first: `instanceof` on a revoked Proxy throws). */
const isBytes = (x) => ArrayBuffer.isView(x) && x instanceof Uint8Array

/** A form's JSON text: a string, or its bytes. */
const isFormText = (x) => typeof x === 'string' || isBytes(x)

/** The bytes a number is charged (integral within 64 bits, or not). */
function numberBytes(x) {
  const integral = Number.isInteger(x) && x >= -9223372036854775808 && x < 18446744073709551616
  return integral ? 20 : 24
}

/** Write `v`, which sits at nesting `depth` of the input (the input itself is 1). `text`: a form's JSON text. */
function walk(w, v, depth, text = false) {
  if (text && isBytes(v)) v = bytesText(w, v)
  switch (typeof v) {
    case 'string':
      if (text) {
        w.push(JSON.stringify(chargeText(w, v)))
        return
      }
      charge(w, v, false)
      w.push(JSON.stringify(v))
      return
    case 'number':
      if (!Number.isFinite(v)) throw w.fail('wrong_type', 'finite', 'NaN or infinity')
      w.value(numberBytes(v))
      w.push(JSON.stringify(v))
      return
    case 'boolean':
      w.value(5)
      w.push(v ? 'true' : 'false')
      return
    case 'undefined':
      throw w.fail('wrong_type', 'absent', 'undefined')
    case 'function':
      throw w.fail('wrong_type', '', 'a function')
    case 'symbol':
      throw w.fail('wrong_type', '', 'a symbol')
    case 'bigint':
      throw w.fail('wrong_type', 'number', 'a BigInt')
    default:
      break
  }
  if (v === null) {
    w.value(4)
    w.push('null')
    return
  }
  const shape = shapeOf(v)
  if (shape === 'array') writeArray(w, v, depth)
  else if (shape === 'object') writeObject(w, v, depth)
  else throw refuse(w, shape)
}

function writeArray(w, v, depth) {
  let n
  try {
    n = v.length
  } catch (e) {
    throw unreadable(w, e, 'an array')
  }
  // Budget::array
  w.value(2)
  if (depth > MAX_DEPTH) throw w.limit('input_too_deep')
  if (n > MAX_LIST_ITEMS) throw w.limit('input_list_too_long')
  w.spend(n)
  w.push('[')
  for (let i = 0; i < n; i++) {
    if (i) w.push(',')
    let item
    try {
      item = v[i]
    } catch (e) {
      throw unreadable(w, e, 'reading this element')
    }
    w.segs.push(i)
    walk(w, item, depth + 1)
    w.segs.pop()
  }
  w.push(']')
}

/**
 * Write an object by its own enumerable string keys (as JSON.stringify reads it). Keys in `skip` are read and
 * charged but not written, and `extra` ([key, value] pairs) are read after them and written in their place:
 * the extra parameters of a whole-document operation, which replace the document's own keys. `textKeys`: keys
 * whose string value is a form's JSON text (`run`).
 */
function writeObject(w, v, depth, skip = null, extra = null, textKeys = null) {
  let keys
  try {
    keys = Object.keys(v)
  } catch (e) {
    throw unreadable(w, e, 'listing the keys')
  }
  if (keys.length === 0) {
    // Binary data and promises have no keys of their own: refused rather than read as {}.
    const what = bare(v)
    if (what) throw refuse(w, what)
  }
  // Budget::object
  w.value(2)
  if (depth > MAX_DEPTH) throw w.limit('input_too_deep')
  if (keys.length > MAX_OBJECT_KEYS) throw w.limit('input_too_many_keys')
  w.push('{')
  let first = true
  for (const k of keys) {
    const muted = skip !== null && skip.includes(k)
    if (muted) w.muted++
    else if (!first) w.push(',')
    charge(w, k, true)
    w.push(JSON.stringify(k))
    w.push(':')
    let x
    w.segs.push(k)
    try {
      x = v[k]
    } catch (e) {
      throw unreadable(w, e, 'reading this property')
    }
    walk(w, x, depth + 1, textKeys !== null && depth === 1 && isFormText(x) && textKeys.includes(k))
    w.segs.pop()
    if (muted) w.muted--
    else first = false
  }
  w.push('}')
  if (extra) {
    // The extras are separate values of the input (at /key, depth 2), read after the document.
    const tail = []
    for (const [k, x] of extra) {
      const mark = w.parts.length
      w.segs.push(k)
      walk(w, x, 2)
      w.segs.pop()
      tail.push(`${JSON.stringify(k)}:${w.parts.splice(mark).join('')}`)
    }
    const close = w.parts.pop() // '}'
    if (tail.length) w.push(`${first ? '' : ','}${tail.join(',')}`)
    w.push(close)
  }
}

/** Run `write(w)` and give the JSON text; a HostFail becomes its error (paths under `prefix`). */
function written(write, prefix = '') {
  const w = new Writer()
  try {
    write(w)
  } catch (e) {
    if (e instanceof HostFail) throw e.error(prefix)
    throw e
  }
  return w.text()
}

// ---------------------------------------------------------------------------------------------------------
// Operations

function params(sig) {
  const inp = sig.input
  if (inp.shape === 'whole') return [{ key: inp.name, kind: inp.kind, required: true, title: '' }, ...inp.extra]
  return inp.params
}

function textKeys(sig) {
  return sig && sig.input.shape === 'fields' ? sig.input.params.filter((p) => p.kind === 'form').map((p) => p.key) : []
}

const given = (x) => x !== undefined && x !== null

/** The JSON text of `op`'s input from positional arguments (in the row's parameter order), read as the Node package reads them. */
function inputOf(sig, args) {
  const ps = params(sig)
  return written((w) => {
    if (sig.input.shape === 'whole') {
      const doc = args[0]
      const extras = []
      for (let i = 1; i < ps.length; i++) if (given(args[i])) extras.push([ps[i].key, args[i]])
      if (extras.length && doc !== null && typeof doc === 'object' && shapeOf(doc) === 'object') {
        // The extras (at /today…) replace the document's own keys of the same name.
        writeObject(w, doc, 1, extras.map(([k]) => k), extras)
        return
      }
      if (doc === undefined) w.push('null')
      else walk(w, doc, 1)
      // A document that is not an object has no place for them; they are read all the same.
      w.muted++
      for (const [k, x] of extras) {
        w.segs.push(k)
        walk(w, x, 2)
        w.segs.pop()
      }
      w.muted--
      return
    }
    // The input is one object of the parameters, a value as the JSON parser counts it.
    w.value(2)
    w.push('{')
    let n = 0
    for (let i = 0; i < ps.length; i++) {
      const p = ps[i]
      const x = args[i]
      if (x === undefined || (x === null && !p.required)) continue
      if (n++) w.push(',')
      w.push(JSON.stringify(p.key))
      w.push(':')
      w.segs.push(p.key)
      walk(w, x, 2, p.kind === 'form' && isFormText(x))
      w.segs.pop()
    }
    w.push('}')
  })
}

function sigOf(name) {
  loadTable()
  const sig = byName.get(name)
  if (!sig) throw new Error(`tuiyi-wasm: no operation ${name} in this module`)
  return sig
}

function runText(op, text) {
  return answer(guarded((g) => g.call(op, text)))
}

/** Call operation `name` with positional arguments (what each generated function does). */
export function invoke(name, args) {
  return runText(name, inputOf(sigOf(name), args))
}

/** The core's JSON facade: any operation by name, its input as one JSON-shaped value. */
export function run(op, input) {
  wasm()
  if (typeof op !== 'string') throw new TypeError('tuiyi-wasm: run(op, input): op must be a string')
  loadTable()
  const keys = textKeys(byName.get(op))
  const text = written((w) => {
    if (input === undefined) w.push('null')
    else if (keys.length && input !== null && typeof input === 'object' && shapeOf(input) === 'object') {
      // A form given as its JSON text at its key.
      writeObject(w, input, 1, null, null, keys)
    } else walk(w, input, 1)
  })
  return runText(op, text)
}

/** `run` with the input as JSON text (parsed by the core, within its limits). */
export function runJson(op, text) {
  wasm()
  if (typeof op !== 'string') throw new TypeError('tuiyi-wasm: runJson(op, text): op must be a string')
  if (typeof text !== 'string') throw new HostFail('wrong_type', 'text', 'not a string', []).error('')
  if (text.length > MAX_JSON_BYTES) throw new HostFail('too_large', '', String(utf8Length(text)), []).error('')
  return runText(op, escapeLone(text), false)
}

/** The package's version (the crate's). */
export function version() {
  return guarded((g) => g.version())
}

/** `validate` with the form as its JSON text, a string or its UTF-8 bytes (as the Node package's `validateJson`). */
export function validateJson(text, today) {
  if (!isFormText(text)) throw new TypeError(`validateJson(text): text must be a string or a Uint8Array, not ${typeof text}`)
  return invoke('validate', [text, today])
}

/** Forms checked between two yields to the event loop in validateMany. */
const CHUNK = 64

const yieldToLoop = () =>
  typeof globalThis.scheduler === 'object' && globalThis.scheduler && typeof globalThis.scheduler.yield === 'function'
    ? globalThis.scheduler.yield()
    : new Promise((resolve) => setTimeout(resolve, 0))

/**
 * `validate` for many forms (each an object or its JSON text): a promise of the reports in input order, as
 * the Node package's. WebAssembly here has one thread: the forms are checked on this one, a chunk per turn
 * of the event loop (a page stays responsive). A bad `today` rejects at `/today` before any form is read;
 * a form that cannot be checked at all rejects with the first such form's error, at `/<index>/…`.
 */
export async function validateMany(forms, today) {
  wasm()
  if (forms === null || typeof forms !== 'object' || typeof forms[Symbol.iterator] !== 'function') {
    throw new TypeError('validateMany(forms, today): forms must be an array (or other iterable) of forms')
  }
  let day = ''
  if (given(today)) {
    invoke('validate', [null, today]) // the error at /today, if any
    day = today
  }
  const out = []
  let i = 0
  for (const form of forms) {
    if (i > 0 && i % CHUNK === 0) await yieldToLoop()
    const at = `/${i}`
    const asText = (w) => w.push(chargeText(w, typeof form === 'string' ? form : bytesText(w, form)))
    const text = isFormText(form) ? written(asText, at) : written((w) => walk(w, form, 2), at)
    out.push(answer(guarded((g) => g.validate_at(text, day, at))))
    i++
  }
  return out
}

/** For tests: a panic inside the module (a trap); the package answers internal_error and recovers. */
export function panicForTests() {
  return answer(guarded((g) => g.panic_for_tests()))
}
