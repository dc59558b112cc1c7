'use strict'
// The package's surface: functions built from the table, errors, JS values JSON cannot carry, hostile values,
// limits checked before copying, JSON-text input, engines, panics, worker threads.
const test = require('node:test')
const assert = require('node:assert/strict')
const path = require('node:path')
const fs = require('node:fs')
const os = require('node:os')
const { spawnSync } = require('node:child_process')
const tuiyi = require('..')
const native = require('../native.js')
const { PKG, REPO, TODAY, exampleForm, thrown, assertTuiyiError } = require('./helpers.cjs')

const FORM = exampleForm()
const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase())

test('every operation of the table is a function and an Engine method, and nothing else is exported', () => {
  const ops = tuiyi.operations().map((s) => camel(s.name))
  assert.ok(ops.includes('addWorkingDays') && ops.includes('validate') && ops.includes('prereview'))
  const e = new tuiyi.Engine()
  for (const name of ops) {
    assert.equal(typeof tuiyi[name], 'function', name)
    assert.equal(tuiyi[name].name, name)
    assert.equal(typeof e[name], 'function', `Engine.${name}`)
  }
  assert.deepStrictEqual(Object.keys(tuiyi).sort(), [...ops, 'Engine', 'run', 'runJson', 'validateJson', 'validateMany'].sort())
  assert.deepStrictEqual(tuiyi.operations(), native.operations())
})

test('errors carry kind, code, path, message (Chinese) and message_en; TypeError exactly for wrong_type', () => {
  const e = thrown(() => tuiyi.isWorkingDay('2024-9-30'))
  assertTuiyiError(e, { code: 'date_format', path: '/date' })
  assert.match(e.message, /日期/)
  assertTuiyiError(thrown(() => tuiyi.isWorkingDay('2025-02-29')), { code: 'date_no_such_day', path: '/date' })
  assertTuiyiError(thrown(() => tuiyi.isWorkingDay('２０２４－０９－３０')), { code: 'date_full_width', path: '/date' })
  assertTuiyiError(thrown(() => tuiyi.addWorkingDays('2024-09-30', -1)), { code: 'invalid_value', path: '/n' })
  assertTuiyiError(thrown(() => tuiyi.schema('no_such_schema')), { code: 'unknown_schema', path: '/name' })
  assertTuiyiError(thrown(() => tuiyi.isWorkingDay('2099-01-05')), { code: 'calendar_year_not_covered', kind: 'calendar_coverage', path: '/date' })
  assertTuiyiError(thrown(() => tuiyi.run('no_such_op', {})), { code: 'unknown_operation', path: '' })
  assert.ok(e.stack.includes('isWorkingDay'), 'the stack shows the function called')
})

test('wrong argument types are TypeErrors with code wrong_type at their path', () => {
  const cases = [
    [() => tuiyi.isWorkingDay(20240930), '/date'],
    [() => tuiyi.isWorkingDay(null), '/date'],
    [() => tuiyi.isWorkingDay({}), '/date'],
    [() => tuiyi.addWorkingDays('2024-09-30', '3'), '/n'],
    [() => tuiyi.addWorkingDays('2024-09-30', 1.5), '/n'],
    [() => tuiyi.addWorkingDays('2024-09-30', 3n), '/n'],
    [() => tuiyi.addWorkingDays('2024-09-30', NaN), '/n'],
    [() => tuiyi.workingDaysBetween('2024-09-30', 5), '/b'],
    [() => tuiyi.periodEnd('2024-09-30', Infinity), '/days'],
    [() => tuiyi.periodEnd(Symbol('x'), 30), '/start'],
    [() => tuiyi.validate({ a: 1 }, 20240930), '/today'],
    [() => tuiyi.schema(42), '/name'],
    [() => tuiyi.checkEligibility(() => 1), ''],
    [() => tuiyi.checkEligibility(null), ''],
    [() => tuiyi.runJson('validate', 42), ''],
  ]
  for (const [f, p] of cases) assertTuiyiError(thrown(f), { code: 'wrong_type', path: p, type: TypeError })
})

test('a JS Date is refused, saying to pass YYYY-MM-DD, wherever it is', () => {
  for (const f of [
    () => tuiyi.isWorkingDay(new Date(2024, 9, 1)),
    () => tuiyi.addWorkingDays(new Date(), 3),
    () => tuiyi.validate({ a: 1 }, new Date()),
    () => tuiyi.validate({ basic_info: { birth_date: new Date() } }, TODAY),
  ]) {
    const e = thrown(f)
    assertTuiyiError(e, { code: 'wrong_type', type: TypeError })
    assert.match(e.message_en, /YYYY-MM-DD/)
    assert.match(e.message, /YYYY-MM-DD/)
  }
  assert.equal(thrown(() => tuiyi.validate({ basic_info: { birth_date: new Date() } })).path, '/form/basic_info/birth_date')
})

test('a missing required argument is missing_field at its path; undefined and null leave an optional one out', () => {
  assertTuiyiError(thrown(() => tuiyi.addWorkingDays('2024-09-30')), { code: 'missing_field', path: '/n' })
  assertTuiyiError(thrown(() => tuiyi.isWorkingDay()), { code: 'missing_field', path: '/date' })
  assertTuiyiError(thrown(() => tuiyi.validate()), { code: 'missing_field', path: '/form' })
  assertTuiyiError(thrown(() => tuiyi.checkEligibility()), { code: 'wrong_type', path: '', type: TypeError })
  assert.deepStrictEqual(tuiyi.prereview(FORM, undefined, TODAY), tuiyi.prereview(FORM, null, TODAY))
  assert.deepStrictEqual(tuiyi.schema(), tuiyi.schema(null))
  assert.deepStrictEqual(tuiyi.schema(), tuiyi.formSchema())
})

test('values JSON cannot carry are TypeErrors at their JSON Pointer', () => {
  const cases = [
    [{ x: undefined }, '/form/x'],
    [{ x: [1, undefined] }, '/form/x/1'],
    [{ x: [1, , 3] }, '/form/x/1'], // eslint-disable-line no-sparse-arrays
    [{ a: { b: 2n } }, '/form/a/b'],
    [{ f() {} }, '/form/f'],
    [{ s: Symbol('s') }, '/form/s'],
    [{ n: NaN }, '/form/n'],
    [{ n: -Infinity }, '/form/n'],
    [{ u: new Uint8Array(3) }, '/form/u'],
    [{ b: Buffer.from('x') }, '/form/b'],
    [{ b: new ArrayBuffer(4) }, '/form/b'],
    [{ p: Promise.resolve(1) }, '/form/p'],
    [{ 'a/b': { '~': undefined } }, '/form/a~1b/~0'],
  ]
  for (const [form, p] of cases) {
    let r
    try { r = tuiyi.validate(form, TODAY) } catch (e) { assertTuiyiError(e, { code: "wrong_type", path: p, type: TypeError }); continue }
    assert.fail(`no error for ${p}: ${JSON.stringify(r)}`)
  }
  // Symbol keys are not JSON's: skipped, as JSON.stringify skips them.
  assert.deepStrictEqual(tuiyi.validate({ ...FORM, [Symbol('x')]: 1 }, TODAY), tuiyi.validate(FORM, TODAY))
})

test('a form that is not an object is a report, not an error', () => {
  for (const f of [5, 'null', [], [1, 2], null]) {
    const r = tuiyi.validate(f, TODAY)
    assert.equal(r.valid, false)
    assert.equal(r.errors[0].code, 'form_wrong_type')
  }
})

test('lone surrogates are input_lone_surrogate at their path, as objects, as JSON text and as keys', () => {
  assertTuiyiError(thrown(() => tuiyi.validate({ basic_info: { name: 'x\ud800y' } }, TODAY)), { code: 'input_lone_surrogate', path: '/form/basic_info/name' })
  assertTuiyiError(thrown(() => tuiyi.validate({ basic_info: { ['k\udc00']: 1 } }, TODAY)), { code: 'input_lone_surrogate', path: '/form/basic_info' })
  // a raw lone surrogate inside a form's JSON text (not escaped): still found at its path
  assertTuiyiError(thrown(() => tuiyi.validate('{"basic_info": {"name": "\ud800"}}', TODAY)), { code: 'input_lone_surrogate', path: '/form/basic_info/name' })
  assertTuiyiError(thrown(() => tuiyi.runJson('is_working_day', '{"date": "\udfff"}')), { code: 'input_lone_surrogate', path: '/date' })
  // a well-formed pair is text
  assert.equal(tuiyi.validate({ basic_info: { name: '😀' } }, TODAY).valid, false)
})

test('numbers: an integral JS number beyond 2^53 goes in as the exact integer of that double', () => {
  const f = exampleForm()
  f.service_info.years_of_service = 2 ** 54 + 4 // 18014398509481988
  const r = tuiyi.validate(f, TODAY)
  const mismatch = r.errors.find((e) => e.code === 'form_service_years_mismatch')
  assert.ok(mismatch, JSON.stringify(r.errors))
  assert.match(mismatch.message, /180\*+88/)
  assert.ok(r.errors.some((e) => e.code === 'form_out_of_range' && /2\^53/.test(e.message_en)))
  f.service_info.years_of_service = 8.0
  assert.equal(tuiyi.validate(f, TODAY).valid, true, '8.0 is 8 in JS')
})

test('cycles, deep nesting and shared subtrees end in a coded error, quickly', () => {
  const cyc = { a: {} }
  cyc.a.back = cyc
  assertTuiyiError(thrown(() => tuiyi.validate(cyc, TODAY)), { code: 'input_too_deep' })
  const arr = []
  arr.push(arr)
  assertTuiyiError(thrown(() => tuiyi.checkEligibility({ x: arr })), { code: 'input_too_deep' })
  let deep = {}
  for (let i = 0; i < 100000; i++) deep = { d: deep }
  assertTuiyiError(thrown(() => tuiyi.validate(deep, TODAY)), { code: 'input_too_deep' })
  // a DAG that doubles at every level: 2^60 values if expanded
  let dag = { leaf: 'x'.repeat(100) }
  for (let i = 0; i < 60; i++) dag = { l: dag, r: dag }
  const t0 = Date.now()
  const e = thrown(() => tuiyi.validate(dag, TODAY))
  assert.ok(['input_too_many_values', 'input_too_large'].includes(e.code), e.code)
  assert.ok(Date.now() - t0 < 5000)
})

test('limits are checked before copying: a 500 MB string, and 20 references to a 100 MB one', () => {
  // 'x'.repeat builds a rope: nothing is flat until someone reads the characters. Reading them would flatten
  // (and copy) hundreds of megabytes; asking the length does not.
  const huge = 'x'.repeat(500 * 1024 * 1024)
  const big = '王'.repeat(100 * 1024 * 1024)
  const rss0 = process.memoryUsage().rss
  const t0 = Date.now()
  assertTuiyiError(thrown(() => tuiyi.validate({ basic_info: { name: huge } }, TODAY)), { code: 'input_string_too_long', path: '/form/basic_info/name' })
  assertTuiyiError(thrown(() => tuiyi.validate(huge, TODAY)), { code: 'input_too_large', path: '' })
  assertTuiyiError(thrown(() => tuiyi.runJson('validate', huge)), { code: 'input_too_large', path: '' })
  assertTuiyiError(thrown(() => tuiyi.validate({ many: Array(20).fill(big) }, TODAY)), { code: 'input_string_too_long', path: '/form/many/0' })
  assertTuiyiError(thrown(() => tuiyi.run('validate', { form: { many: Array(20).fill(big) } })), { code: 'input_string_too_long', path: '/form/many/0' })
  const grew = process.memoryUsage().rss - rss0
  assert.ok(grew < 64 * 1024 * 1024, `RSS grew by ${(grew / 1048576).toFixed(0)} MB`)
  assert.ok(Date.now() - t0 < 2000, `${Date.now() - t0} ms`)
})

test('a getter or Proxy trap that throws is invalid_input at its path, the exception as cause', () => {
  const boom = new Error('boom 110101199003071233')
  const e = thrown(() => tuiyi.validate({ basic_info: { get name() { throw boom } } }, TODAY))
  assertTuiyiError(e, { code: 'invalid_input', path: '/form/basic_info/name' })
  assert.equal(e.cause, boom)
  assert.ok(!e.message.includes('110101199003071233') && !e.message_en.includes('110101199003071233'))
  const e2 = thrown(() => tuiyi.validate({ get x() { throw 42 } }, TODAY))
  assertTuiyiError(e2, { code: 'invalid_input', path: '/form/x' })
  assert.equal(e2.cause, 42)
  const e3 = thrown(() => tuiyi.validate({ p: new Proxy({}, { ownKeys() { throw new RangeError('no keys') } }) }, TODAY))
  assertTuiyiError(e3, { code: 'invalid_input', path: '/form/p' })
  assert.ok(e3.cause instanceof RangeError)
  const e4 = thrown(() => tuiyi.addWorkingDays({ get toString() { throw boom } }, 1))
  assertTuiyiError(e4, { code: 'invalid_input', path: '/date/toString' })
  // exceptions that are hostile themselves: a cyclic cause chain, a throwing toString, undefined
  const cyclic = new Error('cyclic')
  cyclic.cause = cyclic
  assert.equal(thrown(() => tuiyi.validate({ get x() { throw cyclic } }, TODAY)).cause, cyclic)
  const nasty = { toString() { throw new Error('no') }, get message() { throw new Error('no') } }
  assert.equal(thrown(() => tuiyi.validate({ get x() { throw nasty } }, TODAY)).cause, nasty)
  const u = thrown(() => tuiyi.validate({ get x() { throw undefined } }, TODAY))
  assertTuiyiError(u, { code: 'invalid_input', path: '/form/x' })
  assert.ok('cause' in u && u.cause === undefined)
  // in an argument of a constructor, of run, and of validateMany's forms
  assert.equal(thrown(() => new tuiyi.Engine({ get rules_dir() { throw boom } })).cause, boom)
  assert.equal(thrown(() => tuiyi.run('validate', { form: { get a() { throw boom } } })).path, '/form/a')
  // the process still works afterwards
  assert.equal(tuiyi.validate(FORM, TODAY).valid, true)
})

test('a getter that calls tuiyi while its object is read gets its own answer', () => {
  let inner
  const form = exampleForm()
  Object.defineProperty(form.basic_info, 'nickname_probe', {
    enumerable: true,
    get() {
      inner = tuiyi.addWorkingDays('2024-09-30', 3)
      return 'x'
    },
  })
  const r = tuiyi.validate(form, TODAY)
  assert.equal(inner, '2024-10-10')
  assert.ok(r.errors.some((e) => e.code === 'form_unknown_field' && e.path === '/basic_info/nickname_probe'), JSON.stringify(r.errors))
})

test('Object.prototype polluted before or during the read: nothing inherited is ever read (issue 14.8)', () => {
  const before = tuiyi.validate(FORM, TODAY)
  Object.prototype.polluted = 'x' // eslint-disable-line no-extend-native
  try {
    assert.deepStrictEqual(tuiyi.validate(FORM, TODAY), before)
    assert.deepStrictEqual(native._echo({ a: {} }), { a: {} })
  } finally {
    delete Object.prototype.polluted
  }
  // polluted by a getter in the middle of the walk: later objects must not show the key
  const form = exampleForm()
  Object.defineProperty(form, 'awards', {
    enumerable: true,
    get() {
      Object.prototype.basic_info = { name: 'injected' } // eslint-disable-line no-extend-native
      Object.prototype.injected = 1 // eslint-disable-line no-extend-native
      return FORM.awards
    },
  })
  try {
    const r = tuiyi.validate(form, TODAY)
    assert.ok(!JSON.stringify(r).includes('injected'), JSON.stringify(r))
    assert.deepStrictEqual(r, before)
  } finally {
    delete Object.prototype.basic_info
    delete Object.prototype.injected
  }
})

test('a form as its JSON text gives the same report; validateJson; run; runJson (a BOM is accepted)', () => {
  for (const f of [{}, { a: 1 }, { basic_info: { name: '张三' } }, FORM]) {
    const text = JSON.stringify(f)
    const r = tuiyi.validate(f, TODAY)
    assert.deepStrictEqual(tuiyi.validate(text, TODAY), r)
    assert.deepStrictEqual(tuiyi.validateJson(text, TODAY), r)
    assert.deepStrictEqual(tuiyi.run('validate', { form: f, today: TODAY }), r)
    assert.deepStrictEqual(tuiyi.run('validate', { form: text, today: TODAY }), r)
    assert.deepStrictEqual(tuiyi.runJson('validate', JSON.stringify({ form: f, today: TODAY })), r)
    assert.deepStrictEqual(tuiyi.runJson('validate', '\ufeff' + JSON.stringify({ form: text, today: TODAY })), r)
  }
  assertTuiyiError(thrown(() => tuiyi.validate('{bad json', TODAY)), { code: 'json_syntax', path: '/form' })
  assert.throws(() => tuiyi.validateJson({}), TypeError)
  const r = tuiyi.validate(FORM, TODAY)
  assert.deepStrictEqual(Object.keys(r).sort(), ['errors', 'valid', 'warnings'])
  const bad = tuiyi.validate({ basic_info: { phone: '123' } }, TODAY)
  for (const f of [...bad.errors, ...bad.warnings]) {
    for (const k of ['code', 'path', 'severity', 'message', 'message_en', 'rule']) assert.equal(typeof f[k], 'string', k)
  }
})

test('Engine: options in snake_case; directories; bad options are coded errors', () => {
  const e = new tuiyi.Engine()
  assert.ok(e instanceof tuiyi.Engine)
  assert.deepStrictEqual(e.validate(FORM, TODAY), tuiyi.validate(FORM, TODAY))
  assert.deepStrictEqual(new tuiyi.Engine({}).conflicts(), tuiyi.conflicts())
  assert.deepStrictEqual(new tuiyi.Engine(null).formSchema(), tuiyi.formSchema())
  assertTuiyiError(thrown(() => new tuiyi.Engine({ rulesDir: '/x' })), { code: 'unknown_field', path: '/rulesDir' })
  assertTuiyiError(thrown(() => new tuiyi.Engine({ rules_dir: 5 })), { code: 'wrong_type', path: '/rules_dir', type: TypeError })
  assertTuiyiError(thrown(() => new tuiyi.Engine({ calendar_dir: '/nonexistent/110101199003071233' })), { code: thrown(() => new tuiyi.Engine({ calendar_dir: '/nonexistent/110101199003071233' })).code, kind: 'rule_pack' })
  assert.ok(!thrown(() => new tuiyi.Engine({ rules_dir: '/nonexistent/110101199003071233' })).message.includes('110101199003071233'))
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuiyi-rules-'))
  fs.cpSync(path.join(REPO, 'rules', 'shanxi'), dir, { recursive: true })
  const fromDir = new tuiyi.Engine({ rules_dir: dir })
  assert.deepStrictEqual(fromDir.validate(FORM, TODAY), tuiyi.validate(FORM, TODAY))
  assert.deepStrictEqual(fromDir.conflicts(), tuiyi.conflicts())
  assert.equal(fromDir.addWorkingDays('2024-09-30', 3), '2024-10-10')
  fs.rmSync(dir, { recursive: true })
  assert.deepStrictEqual(e.call('add_working_days', ['2024-09-30', 3]), '2024-10-10')
  assert.throws(() => e.call('add_working_days', '2024-09-30'), TypeError)
})

test('misuse never crashes: a wrong `this`, calls from worker threads', async () => {
  assert.throws(() => tuiyi.Engine.prototype.validate.call({}, {}), TypeError)
  assert.throws(() => native.Engine.prototype.call.call({}, 'validate', [{}]))
  const { Worker } = require('node:worker_threads')
  const src = `
    const t = require(${JSON.stringify(PKG)})
    const { parentPort } = require('node:worker_threads')
    t.validateMany([{ a: 1 }, '{}'], '${TODAY}').then((r) => {
      let code
      try { t.isWorkingDay(new Date()) } catch (e) { code = e.code }
      parentPort.postMessage({ one: t.validate({ b: [1, 2] }, '${TODAY}'), many: r, code })
    })`
  const run = () =>
    new Promise((resolve, reject) => {
      const w = new Worker(src, { eval: true })
      w.once('message', (m) => w.terminate().then(() => resolve(m)))
      w.once('error', reject)
    })
  for (const m of await Promise.all([run(), run(), run()])) {
    assert.deepStrictEqual(m.one, tuiyi.validate({ b: [1, 2] }, TODAY))
    assert.equal(m.many.length, 2)
    assert.equal(m.code, 'wrong_type')
  }
  assert.deepStrictEqual(tuiyi.validate({ c: 1 }, TODAY), tuiyi.validate('{"c":1}', TODAY))
})

test('a panic is internal_error, thrown, and prints nothing', () => {
  const e = thrown(() => native._panicForTests())
  assertTuiyiError(e, { code: 'internal_error', kind: 'internal' })
  assert.ok(!e.message.includes('110101199003071233'))
  const r = spawnSync(process.execPath, ['-e', `
    const n = require(${JSON.stringify(path.join(PKG, 'native.js'))})
    try { n._panicForTests() } catch (e) { process.stdout.write(e.code) }
    process.stdout.write(' ' + require(${JSON.stringify(PKG)}).addWorkingDays('2024-09-30', 3))`], { encoding: 'utf8' })
  assert.equal(r.status, 0)
  assert.equal(r.stdout, 'internal_error 2024-10-10')
  assert.equal(r.stderr, '', 'nothing on stderr')
})
