// The tuiyi-wasm package beyond the shared vectors: its surface follows the table, JS values JSON cannot
// carry are coded errors at their paths, limits answer like any JSON text, nothing a caller passes makes it
// throw anything but a coded error, the default today is Shanghai's, and a trap is survived.
import test from 'node:test'
import assert from 'node:assert/strict'
import { load, exampleForm, shanghaiToday } from './helpers.mjs'

const { tuiyi, internal } = await load()
const FORM = exampleForm()
const TODAY = '2024-10-08'

const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase())

/** The error `f` throws (failing when it returns). */
function thrown(f) {
  try {
    f()
  } catch (e) {
    return e
  }
  assert.fail('expected an error')
}

function coded(f, code, path) {
  const e = thrown(f)
  assert.ok(e instanceof Error, 'an Error')
  assert.equal(e.code, code, `code (${e.message})`)
  if (path !== undefined) assert.equal(e.path, path, 'path')
  assert.equal(typeof e.kind, 'string')
  assert.equal(typeof e.message_en, 'string')
  if (code === 'wrong_type') assert.ok(e instanceof TypeError, 'wrong_type is a TypeError')
  return e
}

const clone = (v) => JSON.parse(JSON.stringify(v))

test('one camelCase function per row of operations(), and nothing else but the package functions', () => {
  const ops = tuiyi.operations()
  const names = ops.map((o) => camel(o.name))
  for (const n of names) assert.equal(typeof tuiyi[n], 'function', n)
  const extra = ['init', 'initSync', 'ready', 'run', 'runJson', 'validateJson', 'validateMany', 'version']
  assert.deepEqual(Object.keys(tuiyi).sort(), [...names, ...extra].sort())
  // Positional parameters in the row's order.
  const plan = ops.find((o) => o.name === 'plan')
  assert.equal(plan.input.shape, 'whole')
  assert.equal(tuiyi.plan.length, 3) // application, today, calendar_mode
  assert.equal(tuiyi.prereview.length, 3)
})

test('results are JSON data: dates as strings, the same as run and runJson', () => {
  assert.equal(tuiyi.addWorkingDays('2024-09-30', 3), '2024-10-10')
  assert.deepEqual(tuiyi.periodEnd('2024-09-30', 1), tuiyi.run('period_end', { start: '2024-09-30', days: 1 }))
  const report = tuiyi.validate(FORM, TODAY)
  assert.deepEqual(report, tuiyi.runJson('validate', JSON.stringify({ form: FORM, today: TODAY })))
  assert.deepEqual(report, tuiyi.validate(JSON.stringify(FORM), TODAY), 'a form may be its JSON text')
  assert.equal(report.valid, true)
  const app = { ...JSON.parse(JSON.stringify(FORM_APP)) }
  const p = tuiyi.plan(app, '2025-09-24')
  assert.equal(typeof p.items[0].due.date, 'string')
  assert.match(p.items[0].due.date, /^\d{4}-\d{2}-\d{2}$/)
})

const FORM_APP = {
  applicant: {
    lawfully_discharged: true,
    category: '义务兵',
    resettlement: '自主就业',
    placement_code: '140215',
    holds_discharge_certificate: true,
    holds_introduction_letter: true,
  },
  situation: { hukou_cancelled_on_enlistment: false, military_id_issued: true, id_card: '换领' },
  dates: { discharge_date: '2025-09-05', acceptance_date: '2025-09-22' },
}

test('an optional argument may be left out, undefined or null; today of a plan goes into the application', () => {
  assert.deepEqual(tuiyi.validate(FORM, null), tuiyi.validate(FORM, undefined))
  const withToday = tuiyi.plan(FORM_APP, '2025-09-24')
  assert.deepEqual(withToday, tuiyi.run('plan', { ...FORM_APP, today: '2025-09-24' }))
  // The argument replaces the application's own today.
  assert.deepEqual(withToday, tuiyi.plan({ ...FORM_APP, today: '2030-01-01' }, '2025-09-24'))
  // Without today, no statuses: the default today is for forms only, as in every face.
  assert.deepEqual(tuiyi.plan(FORM_APP), tuiyi.run('plan', FORM_APP))
  assert.ok(tuiyi.plan(FORM_APP).items.every((i) => !('status' in i)))
})

test('a missing required argument is the core’s missing_field; extra arguments are ignored', () => {
  coded(() => tuiyi.addWorkingDays('2024-09-30'), 'missing_field', '/n')
  coded(() => tuiyi.isWorkingDay(), 'missing_field', '/date')
  assert.equal(tuiyi.isWorkingDay('2024-10-12', 'refuse', 'extra'), true)
  assert.equal(tuiyi.isWorkingDay('2024-10-12', undefined, 'extra'), true)
})

test('a JS Date is refused with wrong_type wherever it is', () => {
  const e = coded(() => tuiyi.isWorkingDay(new Date()), 'wrong_type', '/date')
  assert.match(e.message_en, /a date string 'YYYY-MM-DD' \(a JS Date is not accepted/)
  assert.match(e.message, /不接受 JS Date/)
  coded(() => tuiyi.validate(FORM, new Date()), 'wrong_type', '/today')
  coded(() => tuiyi.plan(FORM_APP, new Date()), 'wrong_type', '/today')
  coded(() => tuiyi.plan([], new Date()), 'wrong_type', '/today')
  const f = clone(FORM)
  f.basic_info.birth_date = new Date(Date.UTC(1998, 2, 15))
  coded(() => tuiyi.validate(f, TODAY), 'wrong_type', '/form/basic_info/birth_date')
  coded(() => tuiyi.run('validate', { form: f, today: TODAY }), 'wrong_type', '/form/basic_info/birth_date')
})

test('values JSON cannot carry are wrong_type at their JSON Pointer', () => {
  const at = (value) => {
    const f = clone(FORM)
    f.family_members[1].name = value
    return () => tuiyi.validate(f, TODAY)
  }
  for (const [v, got] of [
    [undefined, 'undefined'],
    [NaN, 'NaN or infinity'],
    [Infinity, 'NaN or infinity'],
    [-Infinity, 'NaN or infinity'],
    [10n, 'a BigInt'],
    [() => 1, 'a function'],
    [Symbol('s'), 'a symbol'],
    [new Uint8Array(2), 'a typed array'],
    [new ArrayBuffer(2), 'an ArrayBuffer'],
    [new DataView(new ArrayBuffer(2)), 'a DataView'],
    [Promise.resolve(1), 'a Promise'],
  ]) {
    const e = coded(at(v), 'wrong_type', '/form/family_members/1/name')
    assert.ok(e.message_en.includes(got), `${got}: ${e.message_en}`)
  }
  // A hole in an array reads as undefined.
  const f = clone(FORM)
  f.family_members = [f.family_members[0], , f.family_members[1]] // eslint-disable-line no-sparse-arrays
  coded(() => tuiyi.validate(f, TODAY), 'wrong_type', '/form/family_members/1')
  // Keys are escaped (RFC 6901) and personal numbers in them masked, like every path.
  coded(() => tuiyi.checkEligibility({ 'a/b': { '110101199003071233': NaN } }), 'wrong_type', '/a~1b/110*************33')
})

test('a getter or Proxy that throws is invalid_input at its path, with the exception as cause', () => {
  const boom = new Error('boom 110101199003071233')
  const f = clone(FORM)
  Object.defineProperty(f.basic_info, 'name', {
    enumerable: true,
    get() {
      throw boom
    },
  })
  const e = coded(() => tuiyi.validate(f, TODAY), 'invalid_input', '/form/basic_info/name')
  assert.equal(e.cause, boom)
  assert.match(e.message_en, /reading this property threw an exception \(error\.cause\)/)
  assert.ok(!e.message.includes('110101199003071233'), 'masked')
  const { proxy, revoke } = Proxy.revocable({}, {})
  revoke()
  coded(() => tuiyi.validate({ basic_info: proxy }, TODAY), 'invalid_input', '/form/basic_info')
  coded(() => tuiyi.plan(proxy, '2025-09-24'), 'invalid_input', '')
  coded(() => tuiyi.run('validate', proxy), 'invalid_input', '')
  coded(() => tuiyi.validate(proxy), 'invalid_input', '/form')
  const hostile = new Proxy(
    {},
    {
      ownKeys() {
        throw new Error('no keys')
      },
    },
  )
  coded(() => tuiyi.validate(hostile, TODAY), 'invalid_input', '/form')
})

test('limits: the codes and paths of the core’s input limits, checked as every face reads host values', () => {
  // A cycle is too deep, at the 65th level.
  const a = { x: null }
  a.x = a
  const deep = coded(() => tuiyi.validate(a, TODAY), 'input_too_deep')
  assert.equal(deep.path, '/form' + '/x'.repeat(63))
  // A value shared many times cannot blow up: the walk stops at the 100,001st value.
  let wide = [0]
  for (let i = 0; i < 4; i++) wide = Array(150).fill(wide)
  const t0 = performance.now()
  coded(() => tuiyi.validate({ x: wide }, TODAY), 'input_too_many_values')
  assert.ok(performance.now() - t0 < 2000, 'stops early')
  // Long lists and wide objects, at their paths.
  const f = clone(FORM)
  f.family_members = Array(100000).fill(FORM.family_members[0])
  coded(() => tuiyi.validate(f, TODAY), 'input_list_too_long', '/form/family_members')
  const g = clone(FORM)
  for (let i = 0; i < 5000; i++) g.basic_info[`k${i}`] = i
  coded(() => tuiyi.validate(g, TODAY), 'input_too_many_keys', '/form/basic_info')
})

test('a pasted 1 MB string is a coded error at its field, whatever else is in the form', () => {
  for (const size of [1001, 1e6, 5e6]) {
    const f = clone(FORM)
    f.basic_info.current_address = '山'.repeat(size)
    coded(() => tuiyi.validate(f, TODAY), 'input_string_too_long', '/form/basic_info/current_address')
    coded(() => tuiyi.run('validate', { form: f, today: TODAY }), 'input_string_too_long', '/form/basic_info/current_address')
  }
  // The same answer as the JSON text gives.
  const f = clone(FORM)
  f.basic_info.name = 'x'.repeat(1e6)
  coded(() => tuiyi.runJson('validate', JSON.stringify({ form: f, today: TODAY })), 'input_string_too_long', '/form/basic_info/name')
  // A 1 MB string with a lone surrogate: a JS string's length is checked before its text (as every face
  // reads host strings); a JSON text is read in order, so there the surrogate comes first.
  f.basic_info.name = 'x'.repeat(1e6) + '\ud800'
  coded(() => tuiyi.validate(f, TODAY), 'input_string_too_long', '/form/basic_info/name')
  coded(() => tuiyi.runJson('validate', JSON.stringify({ form: f, today: TODAY })), 'input_lone_surrogate', '/form/basic_info/name')
  // A form text or a JSON text past 4 MiB.
  const huge = JSON.stringify({ basic_info: { name: 'x'.repeat(5e6) } })
  coded(() => tuiyi.validate(huge, TODAY), 'input_too_large', '')
  coded(() => tuiyi.runJson('validate', huge), 'input_too_large', '')
})

test('characters outside the BMP are characters: counted once, kept, never a lone surrogate', () => {
  const f = clone(FORM)
  // 600 astral characters are 1200 UTF-16 units but 600 characters: within the 1000-character limit.
  f.basic_info.current_address = '𠀀'.repeat(300) + '😀'.repeat(300)
  const r = tuiyi.validate(f, TODAY)
  assert.deepEqual(r, tuiyi.runJson('validate', JSON.stringify({ form: f, today: TODAY })))
  f.basic_info.name = '王𠀀😀'
  const r2 = tuiyi.validate(f, TODAY)
  assert.equal(typeof r2.valid, 'boolean')
  // 1001 of them are too long.
  f.basic_info.current_address = '😀'.repeat(1001)
  coded(() => tuiyi.validate(f, TODAY), 'input_string_too_long', '/form/basic_info/current_address')
})

test('lone surrogates: in a value or key at its path; in a JSON text at the text’s place', () => {
  coded(() => tuiyi.validate({ basic_info: { name: 'x\ud800y' } }, TODAY), 'input_lone_surrogate', '/form/basic_info/name')
  coded(() => tuiyi.validate({ basic_info: { ['a\udc00']: 1 } }, TODAY), 'input_lone_surrogate', '/form/basic_info')
  // In a JSON text, a raw lone surrogate is reported where it stands: in a string at that string's path.
  coded(() => tuiyi.validate('{"basic_info": {"name": "x\ud800"}}', TODAY), 'input_lone_surrogate', '/form/basic_info/name')
  coded(() => tuiyi.runJson('validate', '{"form": {"basic_info": {"name": "x\ud800"}}}'), 'input_lone_surrogate', '/form/basic_info/name')
  // Outside a string it is not JSON.
  coded(() => tuiyi.validate('a\ud800', TODAY), 'json_syntax', '/form')
  coded(() => tuiyi.runJson('validate', '\udc00{}'), 'json_syntax', '')
  coded(() => tuiyi.runJson('validate', '{"form": {"basic_info": {"name": "x\\ud800"}}}'), 'input_lone_surrogate', '/form/basic_info/name')
})

test('runJson takes text only; run takes any op name', () => {
  coded(() => tuiyi.runJson('validate', { form: {} }), 'wrong_type', '')
  coded(() => tuiyi.run('no_such_op', {}), 'unknown_operation', '')
  coded(() => tuiyi.runJson('is_working_day', '{"date": '), 'json_syntax', '')
  assert.equal(tuiyi.runJson('is_working_day', '\ufeff{"date": "2024-10-12"}'), true)
})

test('the default today is the date in Asia/Shanghai, from JavaScript’s clock', () => {
  for (let attempt = 0; ; attempt++) {
    const before = shanghaiToday()
    const f = clone(FORM)
    f.service_info.discharge_date = before
    const implicit = tuiyi.validate(f)
    const explicit = tuiyi.validate(f, before)
    if (before !== shanghaiToday() && attempt < 2) continue // midnight in Shanghai: try again
    assert.deepEqual(implicit, explicit)
    // The day after is in the future.
    const next = new Date(Date.parse(`${before}T00:00:00Z`) + 86400000).toISOString().slice(0, 10)
    f.service_info.discharge_date = next
    assert.ok(tuiyi.validate(f).errors.some((e) => e.code === 'form_discharge_in_future'))
    break
  }
})

test('validateMany: a promise of the reports in order, errors at /<index>, a bad today first', async () => {
  const bad = clone(FORM)
  bad.basic_info.id_number = '140105199803153010'
  const many = Array.from({ length: 150 }, (_, i) => (i % 3 === 0 ? FORM : i % 3 === 1 ? JSON.stringify(bad) : bad))
  const out = await tuiyi.validateMany(many, TODAY)
  assert.deepEqual(out, many.map((f) => tuiyi.validate(f, TODAY)))
  assert.deepEqual(await tuiyi.validateMany([], TODAY), [])
  const rejected = async (p, code, path) => {
    let e
    try {
      await p
    } catch (x) {
      e = x
    }
    assert.ok(e instanceof Error, 'rejected with an Error')
    assert.equal(e.code, code)
    if (path !== undefined) assert.equal(e.path, path)
  }
  await rejected(tuiyi.validateMany([], '2025-13-01'), 'date_no_such_day', '/today')
  await rejected(tuiyi.validateMany([FORM, { basic_info: { name: 'x'.repeat(1001) } }], TODAY), 'input_string_too_long', '/1/basic_info/name')
  await rejected(tuiyi.validateMany([FORM, { a: new Date() }], TODAY), 'wrong_type', '/1/a')
  await assert.rejects(tuiyi.validateMany(FORM, TODAY), TypeError)
  await rejected(tuiyi.validateMany(['{"a": "\ud800"}'], TODAY), 'input_lone_surrogate', '/0/a')
  const { proxy, revoke } = Proxy.revocable({}, {})
  revoke()
  await rejected(tuiyi.validateMany([FORM, proxy], TODAY), 'invalid_input', '/1')
})

test('validateJson takes the form as its JSON text', () => {
  assert.deepEqual(tuiyi.validateJson(JSON.stringify(FORM), TODAY), tuiyi.validate(FORM, TODAY))
  assert.throws(() => tuiyi.validateJson(FORM, TODAY), TypeError)
})

test('a trap inside the module is internal_error, and the package recovers', async () => {
  const e = coded(() => internal.panicForTests(), 'internal_error', '')
  assert.equal(e.kind, 'internal')
  // Until the fresh instance is there, calls say so (never a crash).
  try {
    tuiyi.isWorkingDay('2024-10-12')
  } catch (err) {
    assert.equal(err.code, 'internal_error')
  }
  await tuiyi.ready()
  assert.equal(tuiyi.isWorkingDay('2024-10-12'), true)
  assert.deepEqual(tuiyi.validate(FORM, TODAY), { valid: true, errors: [], warnings: [] })
})

test('fuzz: random JS values never throw anything but a coded error', () => {
  let seed = 12345
  const rnd = (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed % n
  }
  const leaf = () =>
    [
      () => '王'.repeat(rnd(5)),
      () => String.fromCharCode(0xd800 + rnd(0x800)),
      () => String.fromCodePoint(0x10000 + rnd(0x1000)),
      () => rnd(100) - 50,
      () => rnd(2) === 0,
      () => null,
      () => undefined,
      () => NaN,
      () => new Date(0),
      () => '2024-10-0' + rnd(10),
      () => revoked,
      () => throwing,
    ][rnd(12)]()
  const value = (d) => {
    if (d > 3 || rnd(3) === 0) return leaf()
    if (rnd(2)) return Array.from({ length: rnd(4) }, () => value(d + 1))
    const o = {}
    for (let i = 0; i < rnd(4); i++) o[['name', 'date', 'basic_info', 'x', '\ud800', '𠀀'][rnd(6)]] = value(d + 1)
    return o
  }
  const { proxy: revoked, revoke } = Proxy.revocable([], {})
  revoke()
  const throwing = {
    get name() {
      throw new RangeError('no')
    },
  }
  Object.defineProperty(throwing, 'name', { enumerable: true })
  const fns = Object.keys(tuiyi).filter((k) => !['init', 'initSync', 'ready', 'version', 'validateMany'].includes(k))
  for (let i = 0; i < 2000; i++) {
    const fn = fns[rnd(fns.length)]
    const args = Array.from({ length: rnd(4) }, () => value(0))
    try {
      if (fn === 'run' || fn === 'runJson') tuiyi[fn](['validate', 'plan', 'nope'][rnd(3)], fn === 'runJson' ? JSON.stringify(args[0]) ?? '' : args[0])
      else tuiyi[fn](...args)
    } catch (e) {
      if (fn === 'validateJson' && e instanceof TypeError && e.code === undefined) continue
      assert.ok(e instanceof Error && typeof e.code === 'string' && e.code !== 'internal_error', `${fn}: ${e && e.stack}`)
    }
  }
})
