'use strict'
// One Node package's times per call, for comparing two builds side by side (issue 18, thirtieth session): run it
// alternately on two package directories (e.g. this checkout's bindings-node and a copy holding another build's
// addon and index.js), nothing else running, and compare the medians.
//   node benches/node_ab.cjs PACKAGE_DIR
// validate(object) and validateJson(text) over the 200 generated valid forms as sent, validate(object) over the
// 195 generated defective forms and plan(applicant), in 21 interleaved rounds; then two scalar calls
// (isWorkingDay, addWorkingDays) over the days of 2025, 15 rounds: medians, in µs (ns for the scalar calls).
const fs = require('node:fs')
const path = require('node:path')

const repo = path.resolve(__dirname, '..')
const tuiyi = require(path.resolve(process.argv[2] || path.join(repo, 'bindings-node')))
const lines = (f) => fs.readFileSync(path.join(repo, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
const forms = lines('tests/forms/generated/valid.jsonl').map((r) => r.form)
const texts = forms.map((f) => JSON.stringify(f))
const defective = lines('tests/forms/generated/defects.jsonl').map((r) => r.form)
const applicant = JSON.parse(fs.readFileSync(path.join(repo, 'examples', 'applicant.json'), 'utf8'))
const days = Array.from({ length: 365 }, (_, i) => new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10))
const TODAY = '2026-01-01'

/** Nanoseconds per call of `fn` over `n` calls. */
function perCall(n, fn) {
  const t0 = process.hrtime.bigint()
  for (let i = 0; i < n; i++) fn(i)
  return Number(process.hrtime.bigint() - t0) / n
}
const median = (a) => a.sort((x, y) => x - y)[a.length >> 1]

// Two phases, as first measured: the form rows interleaved round by round, then the scalar calls.
const phases = [
  {
    rounds: 21,
    rows: {
      'validate(object) µs': [forms.length, (i) => tuiyi.validate(forms[i], TODAY), 1e3],
      'validateJson(text) µs': [texts.length, (i) => tuiyi.validateJson(texts[i], TODAY), 1e3],
      'validate(object), defective µs': [defective.length, (i) => tuiyi.validate(defective[i], TODAY), 1e3],
      'plan(applicant) µs': [50, () => tuiyi.plan(applicant), 1e3],
    },
  },
  {
    rounds: 15,
    rows: {
      'isWorkingDay ns': [20000, (i) => tuiyi.isWorkingDay(days[i % 365]), 1],
      'addWorkingDays ns': [20000, (i) => tuiyi.addWorkingDays(days[i % 365], 10), 1],
    },
  },
]
const out = []
for (const { rounds, rows } of phases) {
  const times = Object.fromEntries(Object.keys(rows).map((k) => [k, []]))
  for (let r = 0; r < rounds; r++) for (const [k, [n, fn]] of Object.entries(rows)) times[k].push(perCall(n, fn))
  for (const [k, [, , unit]] of Object.entries(rows)) {
    out.push(`${k} ${(median(times[k]) / unit).toFixed(unit === 1 ? 0 : 2)}`)
  }
}
console.log(out.join('  '))
