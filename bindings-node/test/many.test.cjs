'use strict'
// validateMany: the same reports as validate, in order; errors by the first form that cannot be checked;
// and the event loop keeps running while hundreds of thousands of forms are checked (issue 14.5).
const test = require('node:test')
const assert = require('node:assert/strict')
const tuiyi = require('..')
const { TODAY, exampleForm, assertTuiyiError } = require('./helpers.cjs')

const FORM = exampleForm()

function variants(n) {
  const out = []
  for (let i = 0; i < n; i++) {
    const f = exampleForm()
    if (i % 3 === 1) f.basic_info.phone = '123'
    if (i % 7 === 2) delete f.service_info
    f.basic_info.name = `王${i % 10}`
    out.push(i % 5 === 0 ? JSON.stringify(f) : f)
  }
  return out
}

async function rejection(p) {
  try {
    await p
  } catch (e) {
    return e
  }
  assert.fail('expected a rejection')
}

test('the reports of validate, in input order, for objects and JSON texts alike', async () => {
  const forms = variants(700)
  const serial = forms.map((f) => tuiyi.validate(f, TODAY))
  const p = tuiyi.validateMany(forms, TODAY)
  assert.ok(p instanceof Promise)
  assert.deepStrictEqual(await p, serial)
  assert.deepStrictEqual(await new tuiyi.Engine().validateMany(forms.slice(0, 50), TODAY), serial.slice(0, 50))
  const all = await Promise.all(Array.from({ length: 20 }, (_, i) => tuiyi.validateMany(forms.slice(i, i + 40), TODAY)))
  all.forEach((r, i) => assert.deepStrictEqual(r, serial.slice(i, i + 40)))
  assert.deepStrictEqual(await tuiyi.validateMany([], TODAY), [])
  assert.deepStrictEqual(await tuiyi.validateMany([5, 'null', [1]], TODAY), [5, 'null', [1]].map((f) => tuiyi.validate(f, TODAY)))
})

test('errors reject: a bad today at /today (even for no forms), a form at /<index>, the first one wins', async () => {
  assertTuiyiError(await rejection(tuiyi.validateMany([], '2025-13-01')), { code: 'date_no_such_day', path: '/today' })
  assertTuiyiError(await rejection(tuiyi.validateMany([FORM], new Date())), { code: 'wrong_type', path: '/today', type: TypeError })
  assertTuiyiError(await rejection(tuiyi.validateMany(FORM, TODAY)), { code: 'wrong_type', path: '', type: TypeError })
  assertTuiyiError(await rejection(tuiyi.validateMany('[]', TODAY)), { code: 'wrong_type', path: '', type: TypeError })
  assertTuiyiError(await rejection(tuiyi.validateMany([{}, { x: undefined }], TODAY)), { code: 'wrong_type', path: '/1/x', type: TypeError })
  assertTuiyiError(await rejection(tuiyi.validateMany([FORM, '{"a":1}', '{oops'], TODAY)), { code: 'json_syntax', path: '/2' })
  const long = { basic_info: { name: '张'.repeat(1001) } }
  assertTuiyiError(await rejection(tuiyi.validateMany([...variants(40), long], TODAY)), { code: 'input_string_too_long', path: '/40/basic_info/name' })
  const deep = JSON.stringify({ x: JSON.parse('['.repeat(70) + ']'.repeat(70)) })
  assert.match((await rejection(tuiyi.validateMany([{}, deep], TODAY))).path, /^\/1\/x/)
  // the lowest index wins, whichever side found it: a JSON text checked on the pool, an object read here
  assertTuiyiError(await rejection(tuiyi.validateMany(['{oops', { x: undefined }], TODAY)), { code: 'json_syntax', path: '/0' })
  assertTuiyiError(await rejection(tuiyi.validateMany([{ x: undefined }, '{oops'], TODAY)), { code: 'wrong_type', path: '/0/x', type: TypeError })
  const many = variants(1000)
  many[900] = '{oops'
  many[950] = { x: 1n }
  assertTuiyiError(await rejection(tuiyi.validateMany(many, TODAY)), { code: 'json_syntax', path: '/900' })
  const boom = new Error('boom')
  const e = await rejection(tuiyi.validateMany([FORM, { get a() { throw boom } }], TODAY))
  assertTuiyiError(e, { code: 'invalid_input', path: '/1/a' })
  assert.equal(e.cause, boom)
})

test('no unhandled rejection, whatever fails where', async () => {
  const unhandled = []
  const on = (r) => unhandled.push(r)
  process.on('unhandledRejection', on)
  try {
    const bad = Array.from({ length: 3000 }, (_, i) => (i === 2999 ? { x: undefined } : '{oops'))
    assert.equal((await rejection(tuiyi.validateMany(bad, TODAY))).path, '/0')
    await new Promise((r) => setTimeout(r, 200))
    assert.deepStrictEqual(unhandled, [])
  } finally {
    process.off('unhandledRejection', on)
  }
})

/** The longest gap between ticks of a 5 ms timer over `ms` milliseconds of doing nothing: what the machine
 * (other processes, the scheduler) costs this process's event loop by itself. */
async function idleGap(ms) {
  const gaps = []
  let last = performance.now()
  const timer = setInterval(() => {
    const now = performance.now()
    gaps.push(now - last)
    last = now
  }, 5)
  await new Promise((r) => setTimeout(r, ms))
  clearInterval(timer)
  return Math.max(...gaps)
}

async function timed(forms) {
  const gaps = []
  let last = performance.now()
  const timer = setInterval(() => {
    const now = performance.now()
    gaps.push(now - last)
    last = now
  }, 5)
  const t0 = performance.now()
  const reports = await tuiyi.validateMany(forms, TODAY)
  const ms = performance.now() - t0
  clearInterval(timer)
  gaps.push(performance.now() - last)
  gaps.sort((a, b) => a - b)
  return { ms, reports, maxGap: gaps[gaps.length - 1], p99: gaps[Math.floor(gaps.length * 0.99)], ticks: gaps.length }
}

test('300,000 forms: timers keep firing (no gap over 100 ms) and the time is linear in the number of forms', async (t) => {
  const few = Array.from({ length: 30000 }, () => FORM)
  const lots = Array.from({ length: 300000 }, () => FORM)
  await timed(few.slice(0, 2000))
  const small = Math.min((await timed(few)).ms, (await timed(few)).ms)
  const idle = await idleGap(1000)
  const big = await timed(lots)
  assert.equal(big.reports.length, 300000)
  assert.ok(big.reports.every((r) => r.valid))
  t.diagnostic(
    `30,000 forms ${small.toFixed(0)} ms; 300,000 forms ${big.ms.toFixed(0)} ms (${(big.ms / small).toFixed(1)}×); ` +
      `${big.ticks} ticks of a 5 ms timer, gaps: 99th percentile ${big.p99.toFixed(1)} ms, longest ${big.maxGap.toFixed(1)} ms ` +
      `(idle: ${idle.toFixed(1)} ms)`,
  )
  // A turn of the loop reads 128 forms (about a millisecond on a quiet machine): the timer fires every few
  // milliseconds throughout. On a busy machine the scheduler (and a GC) adds its own waits: the longest gap
  // may exceed 100 ms by what the idle timer shows, twice, plus a garbage collection or two.
  assert.ok(big.p99 <= 100, `99 % of the timer's gaps under ${big.p99.toFixed(0)} ms`)
  assert.ok(big.maxGap <= 100 + 2 * idle + 60, `the event loop was blocked for ${big.maxGap.toFixed(0)} ms (idle gap ${idle.toFixed(0)} ms)`)
  // Linear: 10× the forms in about 10× the time (a quadratic step would make it 100×).
  assert.ok(big.ms / small < 20, `300,000 forms took ${(big.ms / small).toFixed(1)}× as long as 30,000`)
})
