// Node benchmark of the `tuiyi` addon (issue 5). Run after building the addon:
//   cd bindings-node && npm ci && npm run build && cd .. && node benches/node_bench.mjs
// Compares, on the same forms and in one run:
//   validate (object input, JSON-text input) vs the ajv validator compiled from tuiyi's own formSchema();
//   addWorkingDays vs chinese-days' findWorkday; validateMany throughput.
// Prints a Markdown table (median of batches, ns per call). Short by design (~10 s).
import { createRequire } from 'node:module'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import path from 'node:path'
import os from 'node:os'

const here = path.dirname(fileURLToPath(import.meta.url))
const repo = path.resolve(here, '..')
const pkgDir = path.join(repo, 'bindings-node')
const require = createRequire(path.join(pkgDir, 'package.json'))
const tuiyi = require('./index.js')
const Ajv2020 = require('ajv/dist/2020').default
const addFormats = require('ajv-formats').default
const chineseDays = require('chinese-days')

const TODAY = '2026-06-30'
const notes = []

// ---- the form: examples/form.json when the form work has shipped it, else a ~3 KB stand-in
let form
const formPath = path.join(repo, 'examples', 'form.json')
if (existsSync(formPath)) {
  form = JSON.parse(readFileSync(formPath, 'utf8'))
} else {
  notes.push('examples/form.json not found: a synthetic ~3 KB object stands in (numbers are not representative)')
  const f = { basic: {}, service: {}, family: [] }
  for (let i = 0; i < 40; i++) f.basic[`field_${i}`] = `值${i}-abcdefghij`
  for (let i = 0; i < 15; i++) f.service[`item_${i}`] = i % 3 ? `2020-0${1 + (i % 9)}-15` : i
  for (let i = 0; i < 8; i++) f.family.push({ name: '张三', relation: '父亲', id_number: '110101195001011234', phone: '13800138000', work: '某某单位某某部门' })
  form = JSON.parse(JSON.stringify(f)) // fast-mode objects, as a parsed request body would be
}
const formText = JSON.stringify(form)

// ---- timing: median over batches of the mean time per call
function bench(fn, { batches = 15, minBatchMs = 30 } = {}) {
  let n = 1
  for (;;) {
    const t0 = process.hrtime.bigint()
    for (let i = 0; i < n; i++) fn()
    const ms = Number(process.hrtime.bigint() - t0) / 1e6
    if (ms >= minBatchMs) break
    n *= 2
  }
  const per = []
  for (let b = 0; b < batches; b++) {
    const t0 = process.hrtime.bigint()
    for (let i = 0; i < n; i++) fn()
    per.push(Number(process.hrtime.bigint() - t0) / n)
  }
  per.sort((a, b) => a - b)
  return per[Math.floor(per.length / 2)]
}

const rows = []
const ROUNDS = 3 // each row is the minimum over rounds of the median over batches (robust to a shared, busy machine)
const fmt = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(0)} ns`)
function row(name, ns, note = '') {
  rows.push([name, ns, note])
}
/** Measure several functions in interleaved rounds; returns the best median of each. */
function benchAll(fns) {
  const best = fns.map(() => Infinity)
  for (let r = 0; r < ROUNDS; r++) fns.forEach((f, i) => (best[i] = Math.min(best[i], bench(f))))
  return best
}

// ---- validate vs ajv
let schema = null
try {
  schema = tuiyi.formSchema()
} catch (e) {
  notes.push(`formSchema() failed: ${e.code}`)
}
const report = tuiyi.validate(form, TODAY)
let check = null
if (schema && typeof schema === 'object' && Object.keys(schema).length) {
  const ajv = new Ajv2020({ allErrors: true, strict: false })
  addFormats(ajv)
  check = ajv.compile(schema)
}
const fns = [
  () => tuiyi.validate(form, TODAY),
  () => tuiyi.validate(formText, TODAY),
  () => tuiyi.validate(JSON.stringify(form), TODAY),
]
if (check) fns.push(() => check(form), () => check(JSON.parse(formText)))
const [tObj, tText, tStringify, tAjv = null, tAjvText = null] = benchAll(fns)
row('tuiyi validate(object)', tObj, `valid=${report.valid}, ${report.errors.length} errors, ${report.warnings.length} warnings`)
row('tuiyi validate(JSON text)', tText, 'text already in hand (e.g. an HTTP body)')
row('tuiyi validate(JSON.stringify(object))', tStringify, 'stringify in JS, parse in Rust')
if (check) {
  row('ajv compiled check(object)', tAjv, `valid=${check(form)}; structure only`)
  row('ajv JSON.parse + check', tAjvText, 'text in hand')
} else {
  notes.push('formSchema() is empty (form work not landed): the ajv rows are missing')
}

// ---- addWorkingDays vs chinese-days
let calendarOk = true
try {
  tuiyi.addWorkingDays('2024-09-30', 3)
} catch (e) {
  calendarOk = false
  notes.push(`addWorkingDays failed (${e.code}): the calendar has not landed; the row times the error path`)
}
const dates = ['2024-09-30', '2024-02-08', '2025-01-26', '2025-04-30', '2026-09-30', '2024-12-31']
let di = 0
const [tAdd, tCd, tIs, tCdIs] = benchAll([
  () => {
    try {
      tuiyi.addWorkingDays(dates[di++ % dates.length], 3)
    } catch {}
  },
  () => chineseDays.findWorkday(3, dates[di++ % dates.length]),
  () => {
    try {
      tuiyi.isWorkingDay(dates[di++ % dates.length])
    } catch {}
  },
  () => chineseDays.isWorkday(dates[di++ % dates.length]),
])
row(`tuiyi addWorkingDays(d, 3)${calendarOk ? '' : ' (error path)'}`, tAdd)
row('chinese-days findWorkday(3, d)', tCd, 'counts from the first working day on or after d (other convention)')
row('tuiyi isWorkingDay(d)', tIs)
row('chinese-days isWorkday(d)', tCdIs)

// ---- validateMany throughput
const N = 5000
const many = Array.from({ length: N }, () => form)
const manyText = Array.from({ length: N }, () => formText)
async function throughput(list) {
  await tuiyi.validateMany(list.slice(0, 100), TODAY)
  let best = Infinity
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = process.hrtime.bigint()
    await tuiyi.validateMany(list, TODAY)
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / list.length)
  }
  return best
}
const tMany = await throughput(many)
const tManyText = await throughput(manyText)
row(`tuiyi validateMany(${N} objects)`, tMany, `${Math.round(1e9 / tMany).toLocaleString('en')} forms/s`)
row(`tuiyi validateMany(${N} JSON texts)`, tManyText, `${Math.round(1e9 / tManyText).toLocaleString('en')} forms/s (parsing off the main thread)`)

// ---- output
console.log(`### Node binding (node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''})`)
console.log(`load average at the end: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}; best of ${ROUNDS} rounds`)
console.log(`form: ${formText.length} bytes of JSON${existsSync(formPath) ? ' (examples/form.json)' : ' (synthetic)'}\n`)
console.log('| benchmark | median per call | note |')
console.log('|---|---:|---|')
for (const [n, ns, note] of rows) console.log(`| ${n} | ${fmt(ns)} | ${note} |`)
console.log('')
const faster = tText < tObj ? 'JSON text' : 'object'
console.log(`- object vs JSON-text input: ${faster} input is faster (${fmt(Math.min(tObj, tText))} vs ${fmt(Math.max(tObj, tText))}).`)
if (tAjv) console.log(`- validate / ajv: object ${(tObj / tAjv).toFixed(2)}×, JSON text ${(tText / tAjv).toFixed(2)}× (target ≤ 1.5×).`)
console.log(`- addWorkingDays: ${fmt(tAdd)} (target ≤ 1 µs); chinese-days findWorkday is ${(tCd / tAdd).toFixed(1)}× slower.`)
for (const n of notes) console.log(`- note: ${n}`)
