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
 * A JSON number written with a fraction or exponent whose value is integral (`96.0`, `1e2`): JSON text
 * distinguishes it from `96`, a JS number cannot. The vector parser keeps it as this marker.
 */
class IntegralFloat {
  constructor(text) {
    this.text = text
    this.value = Number(text)
  }
}

/** JSON.parse that keeps integral floats as IntegralFloat markers (strict JSON, as the vectors are). */
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
    return (m[2] || m[3]) && Number.isInteger(n) ? new IntegralFloat(m[0]) : n
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

/** Whether a parsed value holds an IntegralFloat marker. */
function hasIntegralFloat(v) {
  if (v instanceof IntegralFloat) return true
  if (v && typeof v === 'object') return Object.values(v).some(hasIntegralFloat)
  return false
}

/** JSON text of a parsed value, writing markers back as they were (`96.0`). */
function toJsonText(v) {
  if (v instanceof IntegralFloat) return v.text
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

/** The example form shipped by the form work (examples/form.json), or null while it has not landed. */
function exampleForm() {
  const p = path.join(REPO, 'examples', 'form.json')
  return fs.existsSync(p) ? JSON.parse(fs.readFileSync(p, 'utf8')) : null
}

module.exports = { PKG, REPO, listVectorFiles, loadVectors, exampleForm, hasIntegralFloat, toJsonText, parseKeepingFloats }
