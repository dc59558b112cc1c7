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

test('300,000 forms: the event loop keeps turning while they are read (every turn reads one chunk)', async () => {
  // Whether validateMany yields is counted, not timed: a chain of setImmediate callbacks runs once per turn of
  // the event loop, so it must keep running while the forms are read a chunk per turn. How long the forms take,
  // and the timer gaps, are measured in benches/node_bench.mjs (benches/RESULTS.md).
  const lots = Array.from({ length: 300000 }, () => FORM)
  let turns = 0
  let running = true
  const spin = () => {
    turns++
    if (running) setImmediate(spin)
  }
  setImmediate(spin)
  const reports = await tuiyi.validateMany(lots, TODAY)
  running = false
  assert.equal(reports.length, 300000)
  assert.ok(reports.every((r) => r.valid))
  // 300,000 forms are read in chunks of at most a few hundred: the loop turned at least hundreds of times.
  assert.ok(turns >= 300, `the event loop turned only ${turns} times while 300,000 forms were read`)
})
