// The WebAssembly package against the Node package (the napi addon in bindings-node, when it is built): the
// same calls give the same results and the same errors — code, kind, path, message, message_en, TypeError or
// not — for every shared vector expressible as a call and for JS values no JSON vector can hold (Dates,
// undefined, NaN, BigInt, functions, binary data, throwing getters, revoked proxies, cycles, huge strings,
// lone surrogates, astral characters). Skipped, saying so, when the addon is not built.
import test from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { load, vectors, hasRaw, exampleForm, REPO } from './helpers.mjs'

const { tuiyi: wasm } = await load()

// The Node package: $TUIYI_NODE_PACKAGE (a directory or file), else this checkout's bindings-node.
// Skipped only when there is no addon at all; one that is there but does not load fails the test.
let node = null
let why = ''
const dir = path.join(REPO, 'bindings-node')
const chosen = process.env.TUIYI_NODE_PACKAGE
if (chosen || fs.readdirSync(dir).some((f) => f.endsWith('.node'))) {
  const loaded = await import(pathToFileURL(createRequire(import.meta.url).resolve(chosen || dir)).href)
  node = loaded.default && typeof loaded.default.validate === 'function' ? loaded.default : loaded
} else {
  why = 'bindings-node is not built (cd bindings-node && npm ci && npm run build)'
}
const skip = node ? false : why
if (skip) console.log(`faces.test.mjs skipped: ${why}`)

const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase())
const OPS = wasm.operations()

/** What a call gave, in comparable form. */
function outcome(f) {
  try {
    return { value: f() }
  } catch (e) {
    if (!(e instanceof Error)) return { thrown: String(e) }
    return {
      error: { code: e.code, kind: e.kind, path: e.path, message: e.message, message_en: e.message_en ?? e.messageEn },
      type_error: e instanceof TypeError,
      has_cause: e.cause !== undefined,
    }
  }
}

function same(label, call) {
  const w = outcome(() => call(wasm))
  const n = outcome(() => call(node))
  assert.deepStrictEqual(w, n, label)
}

function params(sig) {
  const inp = sig.input
  return inp.shape === 'whole' ? [{ key: inp.name }, ...inp.extra] : inp.params
}

test('every shared vector, as a call of the same function in both packages', { skip }, () => {
  let n = 0
  for (const c of vectors()) {
    if (!('input' in c) || hasRaw(c.input)) continue
    const sig = OPS.find((o) => o.name === c.op)
    if (!sig) continue
    const name = camel(c.op)
    const input = c.input ?? {}
    let args
    if (sig.input.shape === 'whole') args = [input]
    else if (input && typeof input === 'object' && !Array.isArray(input)) args = params(sig).map((p) => input[p.key])
    else continue
    same(`${c.file}: ${c.name}`, (t) => t[name](...args))
    n++
  }
  assert.ok(n > 250, `only ${n} vectors compared`)
})

test('JS values no JSON vector can hold: the same errors in both packages', { skip }, () => {
  const form = exampleForm()
  const withName = (v) => ({ ...form, basic_info: { ...form.basic_info, name: v } })
  const getterThrows = { ...form }
  Object.defineProperty(getterThrows, 'basic_info', {
    enumerable: true,
    get() {
      throw new Error('boom')
    },
  })
  const { proxy, revoke } = Proxy.revocable({}, {})
  revoke()
  const cycle = { a: null }
  cycle.a = cycle
  let wide = [0]
  for (let i = 0; i < 4; i++) wide = Array(150).fill(wide)
  const values = [
    ['Date', new Date(0)],
    ['undefined', undefined],
    ['null', null],
    ['NaN', NaN],
    ['Infinity', -Infinity],
    ['BigInt', 10n],
    ['function', () => 1],
    ['symbol', Symbol('s')],
    ['Uint8Array', new Uint8Array(2)],
    ['Buffer', Buffer.from('x')],
    ['ArrayBuffer', new ArrayBuffer(2)],
    ['DataView', new DataView(new ArrayBuffer(2))],
    ['Promise', Promise.resolve(1)],
    ['Map', new Map([[1, 2]])],
    ['revoked proxy', proxy],
    ['cycle', cycle],
    ['shared wide array', wide],
    ['1 MB string', 'x'.repeat(1e6)],
    ['5 MB string', '山'.repeat(5e6)],
    ['lone surrogate', 'a\ud800b'],
    ['astral', '王𠀀😀'],
    ['1001 astral', '😀'.repeat(1001)],
    ['sparse array', [1, , 3]], // eslint-disable-line no-sparse-arrays
    ['class instance', new (class X { constructor() { this.a = 1 } })()],
    ['toJSON is not called', { toJSON: () => 'x', a: 1 }],
    ['-0 and 1e21', [-0, 1e21, 2 ** 53 + 2, 0.1 + 0.2]],
    ['a key with a lone surrogate', { ['k\udc00']: 1 }],
    ['a 1001-character key', { ['k'.repeat(1001)]: 1 }],
    ['65 levels', JSON.parse('['.repeat(65) + ']'.repeat(65))],
    ['201 items', Array(201).fill(0)],
    ['201 keys', Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, i]))],
    ['100,001 values', Array.from({ length: 200 }, () => Array(501).fill(0))],
    ['1000 astral characters', '😀'.repeat(1000)],
    ['a Proxy of an object', new Proxy({ a: 1 }, {})],
    ['a string object', new String('x')],
  ]
  for (const [label, v] of values) {
    same(`validate: name = ${label}`, (t) => t.validate(withName(v), '2024-10-08'))
    same(`validate(form = ${label})`, (t) => t.validate(v, '2024-10-08'))
    same(`validate(today = ${label})`, (t) => t.validate(form, v))
    same(`isWorkingDay(${label})`, (t) => t.isWorkingDay(v))
    same(`addWorkingDays(date, n = ${label})`, (t) => t.addWorkingDays('2024-09-30', v))
    same(`plan(${label})`, (t) => t.plan(v))
    same(`plan(application, today = ${label})`, (t) => t.plan({ applicant: {} }, v))
    same(`prereview(form, submitted = ${label})`, (t) => t.prereview(form, v, '2024-10-08'))
    same(`schema(${label})`, (t) => t.schema(v))
  }
  for (const [label, v] of values) {
    same(`run(validate, {form: ${label}})`, (t) => t.run('validate', { form: v, today: '2024-10-08' }))
    same(`run(plan, ${label})`, (t) => t.run('plan', v))
  }
  for (const text of ['{"date": "2024-10-12"}', '\ufeff{"date": "2024-10-12"}', '{"date": "2024-10-12"', '{"date": "\ud800"}', '\ud800', '{"date": "2024-10-12", "date": "2024-10-13"}']) {
    same(`runJson(${JSON.stringify(text)})`, (t) => t.runJson('is_working_day', text))
  }
  same('runJson with an object', (t) => t.runJson('is_working_day', { date: '2024-10-12' }))
  same('validateJson with an object', (t) => t.validateJson(form, '2024-10-08'))
  same('validateJson', (t) => t.validateJson(JSON.stringify(form), '2024-10-08'))
  same('a getter that throws', (t) => t.validate(getterThrows, '2024-10-08'))
  same('a form given as JSON text with a lone surrogate', (t) => t.validate('{"basic_info": {"name": "\ud800"}}', '2024-10-08'))
  same('a form given as JSON text, 5 MB', (t) => t.validate(JSON.stringify({ a: 'x'.repeat(5e6) }), '2024-10-08'))
  same('a missing argument', (t) => t.addWorkingDays('2024-09-30'))
  same('an extra argument', (t) => t.isWorkingDay('2024-10-12', 'x'))
  same('no arguments where none are taken', (t) => t.codes())
})

test('validateMany: the same reports, and the same rejections', { skip }, async () => {
  const form = exampleForm()
  const bad = { ...form, basic_info: { ...form.basic_info, id_number: '140105199803153010' } }
  // Rejections are compared by code, kind and path: the Node package's message for a form given as JSON text
  // names the form at /form while its path says /<index> (reported to its maintainers).
  const settle = async (t, forms, today) => {
    try {
      return { value: await t.validateMany(forms, today) }
    } catch (e) {
      return { error: { code: e.code, kind: e.kind, path: e.path }, type_error: e instanceof TypeError }
    }
  }
  for (const [label, forms, today] of [
    ['valid and invalid, objects and text', [form, bad, JSON.stringify(bad)], '2024-10-08'],
    ['none', [], '2024-10-08'],
    ['a bad today', [form], '2024-13-01'],
    ['a Date today', [form], new Date()],
    ['a form with a Date', [form, { a: new Date() }], '2024-10-08'],
    ['a form too long', [form, { basic_info: { name: 'x'.repeat(1001) } }], '2024-10-08'],
    ['a form text with a lone surrogate', ['{"a": "\ud800"}'], '2024-10-08'],
  ]) {
    assert.deepStrictEqual(await settle(wasm, forms, today), await settle(node, forms, today), label)
  }
})
