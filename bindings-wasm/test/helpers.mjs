// Shared helpers of the tuiyi-wasm tests: the package (built by build.sh into ../pkg), the shared vectors
// read with their numbers as written, and paths.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const HERE = path.dirname(fileURLToPath(import.meta.url))
export const PKG = path.resolve(HERE, '..', 'pkg')
export const REPO = path.resolve(HERE, '..', '..')

/** The built package (index.js) and its runtime (internal.js, for the test-only exports), initialised. */
export async function load() {
  if (!fs.existsSync(path.join(PKG, 'index.js'))) throw new Error('bindings-wasm/pkg is missing: run bindings-wasm/build.sh')
  const tuiyi = await import(path.join(PKG, 'index.js'))
  const internal = await import(path.join(PKG, 'internal.js'))
  await tuiyi.init()
  return { tuiyi, internal }
}

/**
 * A JSON number whose text a JS number does not give back (`96.0`, `1e2`, an integer beyond 2^53): JSON
 * text tells it apart, a JS number cannot. Kept as written by `parse`, written back by `toJson`.
 */
export class RawNumber {
  constructor(text) {
    this.text = text
  }
}

/** JSON.parse that keeps RawNumbers (strict JSON, as the vectors are). */
export function parse(text) {
  let i = 0
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++
  }
  const str = () => {
    const start = i
    i++
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1
    i++
    return JSON.parse(text.slice(start, i))
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
    return JSON.stringify(n) === m[0] ? n : new RawNumber(m[0])
  }
  return value()
}

/** Whether a parsed value holds a RawNumber. */
export function hasRaw(v) {
  if (v instanceof RawNumber) return true
  if (v && typeof v === 'object') return Object.values(v).some(hasRaw)
  return false
}

/** JSON text of a parsed value, RawNumbers as written. */
export function toJson(v) {
  if (v instanceof RawNumber) return v.text
  if (Array.isArray(v)) return `[${v.map(toJson).join(',')}]`
  if (v && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${toJson(x)}`).join(',')}}`
  return JSON.stringify(v)
}

function files(dir) {
  const out = []
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) out.push(...files(p))
    else if (e.name.endsWith('.json')) out.push(p)
  }
  return out
}

/** Every case of tests/vectors/**.json, with its file. */
export function vectors() {
  const cases = []
  for (const f of files(path.join(REPO, 'tests', 'vectors'))) {
    const rel = path.relative(REPO, f)
    for (const c of parse(fs.readFileSync(f, 'utf8'))) cases.push({ ...c, file: rel })
  }
  return cases
}

/** The example form (examples/form.json). */
export function exampleForm() {
  return JSON.parse(fs.readFileSync(path.join(REPO, 'examples', 'form.json'), 'utf8'))
}

/** Today in Asia/Shanghai, computed in JS ('YYYY-MM-DD'). */
export function shanghaiToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
}
