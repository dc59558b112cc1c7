'use strict'
// Shared helpers for the node:test suites.
const fs = require('node:fs')
const path = require('node:path')

const PKG = path.resolve(__dirname, '..')
const REPO = path.resolve(PKG, '..')

function listVectorFiles(dir = path.join(REPO, 'tests', 'vectors')) {
  const out = []
  if (!fs.existsSync(dir)) return out
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) out.push(...listVectorFiles(p))
    else if (e.name.endsWith('.json')) out.push(p)
  }
  return out
}

/**
 * A JSON number no JS number holds as written: one with a fraction or exponent whose value is integral
 * (`96.0`, `1e2`: JSON text distinguishes it from `96`, a JS number cannot), or an integer beyond 2^53
 * (a JS number rounds it). The vector parser keeps it as this marker, with its text.
 */
class RawNumber {
  constructor(text) {
    this.text = text
    this.value = Number(text)
  }
}

/** JSON.parse that keeps such numbers as RawNumber markers (strict JSON, as the vectors are). */
function parseKeepingFloats(text) {
  let i = 0
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++
  }
  const value = () => {
    ws()
    const c = text[i]
    if (c === '{') {
      i++
      const o = {}
      ws()
      if (text[i] === '}') return i++, o
      for (;;) {
        ws()
        const k = str()
        ws()
        i++ // :
        o[k] = value()
        ws()
        if (text[i++] === '}') return o
      }
    }
    if (c === '[') {
      i++
      const a = []
      ws()
      if (text[i] === ']') return i++, a
      for (;;) {
        a.push(value())
        ws()
        if (text[i++] === ']') return a
      }
    }
    if (c === '"') return str()
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?|^true|^false|^null/.exec(text.slice(i, i + 400))
    if (!m) throw new SyntaxError(`bad JSON at ${i}`)
    i += m[0].length
    if (m[0] === 'true') return true
    if (m[0] === 'false') return false
    if (m[0] === 'null') return null
    const n = Number(m[0])
    if ((m[2] || m[3]) && Number.isInteger(n)) return new RawNumber(m[0])
    return !m[2] && !m[3] && !Number.isSafeInteger(n) ? new RawNumber(m[0]) : n
  }
  const str = () => {
    const start = i
    i++
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1
    i++
    return JSON.parse(text.slice(start, i))
  }
  const v = value()
  return v
}

/** Whether a parsed value holds a RawNumber marker. */
function hasRawNumber(v) {
  if (v instanceof RawNumber) return true
  if (v && typeof v === 'object') return Object.values(v).some(hasRawNumber)
  return false
}

/** JSON text of a parsed value, writing markers back as they were (`96.0`, `18014398509481985`). */
function toJsonText(v) {
  if (v instanceof RawNumber) return v.text
  if (Array.isArray(v)) return `[${v.map(toJsonText).join(',')}]`
  if (v && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${toJsonText(x)}`).join(',')}}`
  return JSON.stringify(v)
}

function loadVectors() {
  const cases = []
  for (const f of listVectorFiles()) {
    const rel = path.relative(REPO, f)
    for (const c of parseKeepingFloats(fs.readFileSync(f, 'utf8'))) cases.push({ ...c, file: rel })
  }
  return cases
}

/** The complete, valid example form (examples/form.json), a fresh copy each time. */
function exampleForm() {
  return JSON.parse(fs.readFileSync(path.join(REPO, 'examples', 'form.json'), 'utf8'))
}

/** A "today" every date-dependent test passes, so that no test depends on the day it runs. */
const TODAY = '2025-06-01'

/** What `f` threw (fails the test when it returns). */
function thrown(f) {
  try {
    f()
  } catch (e) {
    return e
  }
  throw new Error('expected a throw')
}

/** `e` is a tuiyi error with these properties (`type`: the class it must be an instance of). */
function assertTuiyiError(e, { code, kind = 'bad_input', path, type = Error }) {
  const assert = require('node:assert/strict')
  assert.ok(e instanceof type, `expected a ${type.name}, got ${e && e.constructor && e.constructor.name}: ${e}`)
  assert.equal(e.code, code, `code of ${e.message_en}`)
  assert.equal(e.kind, kind)
  if (path !== undefined) assert.equal(e.path, path)
  assert.equal(e instanceof TypeError, code === 'wrong_type', 'a TypeError exactly when the code is wrong_type')
  assert.ok(typeof e.message === 'string' && e.message.length > 0)
  assert.ok(typeof e.message_en === 'string' && e.message_en.length > 0)
  assert.equal(e.messageEn, undefined, 'one naming rule: message_en, snake_case')
}

/** `n` distinct realistic valid forms: the example form with its name, address, a phone and the income varied. */
function distinctForms(n) {
  const base = JSON.stringify(exampleForm())
  return Array.from({ length: n }, (_, i) => {
    const f = JSON.parse(base)
    f.basic_info.name = `王${'晓军明'.slice(0, 1 + (i % 3))}`
    f.basic_info.current_address += `${i}号`
    f.family_members[i % 2].phone = `1391234${String(5678 + i).padStart(4, '0')}`
    if (i % 4 === 0) f.employment.family_annual_income = 1000 + i
    return f
  })
}

module.exports = {
  distinctForms,
  PKG,
  REPO,
  TODAY,
  listVectorFiles,
  loadVectors,
  exampleForm,
  hasRawNumber,
  toJsonText,
  parseKeepingFloats,
  thrown,
  assertTuiyiError,
}
