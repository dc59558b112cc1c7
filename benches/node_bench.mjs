// Node benchmark of the `tuiyi` package. Run after building the addon:
//   cd bindings-node && npm ci && npm run build && cd .. && node benches/node_bench.mjs
// Compares, in one run and on the same inputs — many DISTINCT forms, not one form kept hot in the cache:
//   validate of a form object (the JS walker, and the N-API walk alone), of its JSON text, against ajv
//   compiled in strict mode from tuiyi's own formSchema() (the object, and JSON.parse + check);
//   addWorkingDays / isWorkingDay against chinese-days; validateMany throughput.
// Prints a Markdown table: per call, the best of ROUNDS passes over all the inputs (each pass's mean).
import { createRequire } from 'node:module'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import path from 'node:path'
import os from 'node:os'
import { example, distinctValidForms } from './node_forms.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const repo = path.resolve(here, '..')
const pkgDir = path.join(repo, 'bindings-node')
const require = createRequire(path.join(pkgDir, 'package.json'))
const tuiyi = require('./index.js')
const native = require('./native.js')
const Ajv2020 = require('ajv/dist/2020').default
const addFormats = require('ajv-formats').default
const chineseDays = require('chinese-days')

const TODAY = '2024-10-15'
const ROUNDS = Number(process.env.ROUNDS || 7)

// ---- inputs
const valid = distinctValidForms()
/** Every form of the shared vectors (tests/vectors/form): realistic, mostly invalid, all different. */
const vectorForms = []
for (const f of readdirSync(path.join(repo, 'tests', 'vectors', 'form'))) {
  for (const c of JSON.parse(readFileSync(path.join(repo, 'tests', 'vectors', 'form', f), 'utf8'))) {
    const form = c.input?.form
    if (c.op === 'validate' && form && typeof form === 'object' && !Array.isArray(form)) vectorForms.push(form)
  }
}
const validText = valid.map((f) => JSON.stringify(f))
/** The same forms as request bodies arrive: bytes (a Buffer each). */
const validBody = validText.map((t) => Buffer.from(t))
const vectorText = vectorForms.map((f) => JSON.stringify(f))

// ---- timing
/** Mean nanoseconds per item of `f` over `items`, the best of ROUNDS passes (after one warm-up pass). */
function perItem(items, f) {
  for (const x of items) f(x)
  let best = Infinity
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = process.hrtime.bigint()
    for (const x of items) f(x)
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / items.length)
  }
  return best
}
/** Interleave several measurements (a busy machine slows them alike); the best of each. */
function interleaved(cases) {
  const best = cases.map(() => Infinity)
  for (let r = 0; r < 3; r++) cases.forEach(([items, f], i) => (best[i] = Math.min(best[i], perItem(items, f))))
  return best
}

const rows = []
const fmt = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(0)} ns`)
const row = (name, ns, note = '') => rows.push([name, ns, note])

// ---- validate vs ajv
const ajv = new Ajv2020({ strict: true, allErrors: true })
addFormats(ajv)
const check = ajv.compile(tuiyi.formSchema())
const napi = new native.Engine()
const [vObj, vNapi, vText, aObj, aText, xObj, xNapi, xText, xAjv, xAjvText, hotObj, hotAjv, vBody, aBody] = interleaved([
  [valid, (f) => tuiyi.validate(f, TODAY)],
  [valid, (f) => JSON.parse(napi.call('validate', [f, TODAY]))],
  [validText, (t) => tuiyi.validate(t, TODAY)],
  [valid, (f) => check(f)],
  [validText, (t) => check(JSON.parse(t))],
  [vectorForms, (f) => tuiyi.validate(f, TODAY)],
  [vectorForms, (f) => JSON.parse(napi.call('validate', [f, TODAY]))],
  [vectorText, (t) => tuiyi.validate(t, TODAY)],
  [vectorForms, (f) => check(f)],
  [vectorText, (t) => check(JSON.parse(t))],
  [Array(1000).fill(example), (f) => tuiyi.validate(f, TODAY)],
  [Array(1000).fill(example), (f) => check(f)],
  [validBody, (b) => tuiyi.validate(b, TODAY)],
  [validBody, (b) => check(JSON.parse(b.toString('utf8')))],
])
const allValid = valid.every((f) => tuiyi.validate(f, TODAY).valid && check(f))
row(`tuiyi validate(object), ${valid.length} distinct valid forms`, vObj, `JS walker (pack.js) + one native call; all valid: ${allValid}`)
row('  same, through the N-API walk alone', vNapi, `${(vNapi / vObj).toFixed(2)}× the walker's time`)
row('tuiyi validate(JSON text), same forms', vText, 'text already in hand (an HTTP body)')
row('ajv compiled check(object), same forms (strict, + formats)', aObj, `tuiyi ${(vObj / aObj).toFixed(2)}× ajv; structure only`)
row('ajv JSON.parse + check, same forms', aText, `tuiyi(text) ${(vText / aText).toFixed(2)}× ajv`)
row('tuiyi validate(Buffer), same forms as request bodies', vBody, 'the bytes as received (UTF-8 checked in Rust)')
row("ajv JSON.parse(body.toString('utf8')) + check, same bodies", aBody, `tuiyi(Buffer) ${(vBody / aBody).toFixed(2)}× ajv`)
row(`tuiyi validate(object), ${vectorForms.length} vector forms (mostly invalid)`, xObj, 'every finding is a formatted Chinese and English message')
row('  same, through the N-API walk alone', xNapi, `${(xNapi / xObj).toFixed(2)}× the walker's time`)
row('tuiyi validate(JSON text), vector forms', xText, '')
row('ajv compiled check(object), vector forms', xAjv, `tuiyi ${(xObj / xAjv).toFixed(2)}× ajv`)
row('ajv JSON.parse + check, vector forms', xAjvText, '')
row('tuiyi validate(object), one form kept hot', hotObj, '')
row('ajv compiled check(object), one form kept hot', hotAjv, `tuiyi ${(hotObj / hotAjv).toFixed(2)}× ajv`)

// ---- calendar
const dates = Array.from({ length: 1000 }, (_, i) => {
  const d = new Date(Date.UTC(2024, 0, 1) + ((i * 7) % 1000) * 86400000)
  return d.toISOString().slice(0, 10)
})
const [tAdd, tCd, tIs, tCdIs] = interleaved([
  [dates, (d) => tuiyi.addWorkingDays(d, 3)],
  [dates, (d) => chineseDays.findWorkday(3, d)],
  [dates, (d) => tuiyi.isWorkingDay(d)],
  [dates, (d) => chineseDays.isWorkday(d)],
])
row('tuiyi addWorkingDays(d, 3), 1,000 dates 2024–2026', tAdd, 'target ≤ 1 µs')
row('chinese-days findWorkday(3, d)', tCd, `${(tCd / tAdd).toFixed(1)}× tuiyi; counts from the first working day on or after d (other convention)`)
row('tuiyi isWorkingDay(d)', tIs)
row('chinese-days isWorkday(d)', tCdIs)

// ---- validateMany throughput
async function many(list) {
  await tuiyi.validateMany(list.slice(0, 500), TODAY)
  let best = Infinity
  for (let r = 0; r < 3; r++) {
    const t0 = process.hrtime.bigint()
    await tuiyi.validateMany(list, TODAY)
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / list.length)
  }
  return best
}
const N = 20000
const objects = Array.from({ length: N }, (_, i) => valid[i % valid.length])
const texts = Array.from({ length: N }, (_, i) => validText[i % validText.length])
const tMany = await many(objects)
const tManyText = await many(texts)
row(`tuiyi validateMany(${N.toLocaleString('en')} objects)`, tMany, `${Math.round(1e9 / tMany).toLocaleString('en')} forms/s; ${(vObj / tMany).toFixed(2)}× a loop of validate`)
row(`tuiyi validateMany(${N.toLocaleString('en')} JSON texts)`, tManyText, `${Math.round(1e9 / tManyText).toLocaleString('en')} forms/s`)

// ---- output
const load = os.loadavg().map((x) => x.toFixed(2)).join(' ')
console.log(`### Node binding (node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}; ${new Date().toISOString()})`)
console.log(`load average at the end: ${load}; each row the best of 3 interleaved rounds of the best of ${ROUNDS} passes\n`)
console.log('| benchmark | per call | note |')
console.log('|---|---:|---|')
for (const [n, ns, note] of rows) console.log(`| ${n} | ${fmt(ns)} | ${note} |`)
