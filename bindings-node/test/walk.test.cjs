'use strict'
// The two ways a JS value is read: the JS walker (pack.js: plain data flattened in V8, read natively in one
// call) and the N-API walk (property by property; everything the walker declines). Whether a value took
// one or the other never changes the answer — the same JSON, the same errors at the same paths. That the
// walker keeps paying for itself (issue 15.5) is checked by a benchmark, benches/node_walker_check.cjs, which
// the test command runs after this suite (a unit test never times anything).
const test = require('node:test')
const assert = require('node:assert/strict')
const tuiyi = require('..')
const native = require('../native.js')
const { pack, out } = require('../pack.js')
const { TODAY, exampleForm, distinctForms } = require('./helpers.cjs')

function outcome(f) {
  try {
    return { ok: f() }
  } catch (e) {
    return { err: [e.constructor.name, e.code, e.kind, e.path, e.message] }
  }
}
const viaNapi = (v) => outcome(() => native._echo(v))
const viaWalker = (v) => (pack(v) ? outcome(() => native._echo(out.toks, out.text)) : null)

// A small deterministic PRNG for generated values.
function rng(seed) {
  let s = seed >>> 0
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32
}
const NUMBERS = [0, -0, 1, -1, 3, 2 ** 31, 2 ** 53, 2 ** 53 + 2, 2 ** 63, 2 ** 64, -(2 ** 63), 1e21, 0.1, 1234.56, 5e-324, 1.7976931348623157e308]
const STRINGS = ['', '张三', '１２３', 'a"b\\c\n', '\u0000', '😀', 'x'.repeat(50), 'é', '110101199003071233']
const KEYS = ['a', 'b/c', 'd~e', '10', '2', '姓名', 'x y', '__proto__']
function gen(r, d = 0) {
  const pick = (a) => a[Math.floor(r() * a.length)]
  switch (Math.floor(r() * (d > 4 ? 5 : 7))) {
    case 0: return null
    case 1: return r() < 0.5
    case 2: return r() < 0.8 ? pick(NUMBERS) : r() * 1e6
    case 3: case 4: return pick(STRINGS)
    case 5: return Array.from({ length: Math.floor(r() * 4) }, () => gen(r, d + 1))
    default: {
      const o = {}
      for (let i = Math.floor(r() * 5); i > 0; i--) Object.defineProperty(o, pick(KEYS) + i, { value: gen(r, d + 1), enumerable: true })
      return o
    }
  }
}

test('plain data: both ways give the same JSON, that of JSON.parse(JSON.stringify(v))', () => {
  const r = rng(42)
  const values = [exampleForm(), {}, [], { a: [1, { b: null }] }, Object.create(null), JSON.parse('{"__proto__": {"x": 1}}')]
  for (let i = 0; i < 3000; i++) values.push(gen(r))
  for (const v of values) {
    const w = viaWalker(v)
    assert.ok(w !== null, `the walker reads plain data: ${JSON.stringify(v)}`)
    assert.deepStrictEqual(w, viaNapi(v), JSON.stringify(v))
    assert.deepStrictEqual(w.ok, JSON.parse(JSON.stringify(v)))
  }
})

test('limits and lone surrogates: the same error at the same path both ways', () => {
  let deep65 = []
  for (let i = 0; i < 65; i++) deep65 = [deep65]
  const wide = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, i]))
  const values = [
    { a: 'x\ud800y' },
    { b: ['\udc00', '\udbff\udbff\ude00'] },
    { ['k\ud800']: 1 },
    { s: 'x'.repeat(1001) },
    { s: '王'.repeat(1001) },
    { s: '😀'.repeat(999) }, // 999 characters, 1998 code units: within the limit
    { s: '😀'.repeat(1000) + 'x' }, // 1001 characters in 2001 units: declined (surely too long), refused by the walk
    { ['键'.repeat(1001)]: 1 },
    deep65,
    [wide, wide, wide],
    { x: Array.from({ length: 200 }, () => Array(200).fill(0).map(() => [0, 0, 0])) }, // > 100,000 values: declined
  ]
  const declined = [values[6], values[10]]
  for (const v of values) {
    const w = viaWalker(v)
    if (w === null) assert.ok(declined.includes(v))
    else assert.deepStrictEqual(w, viaNapi(v))
  }
  assert.equal(viaNapi(values[6]).err[1], 'input_string_too_long')
  assert.equal(viaNapi(values[10]).err[1], 'input_too_many_values')
  assert.equal(viaWalker({ s: '😀'.repeat(999) }).ok.s.length, 1998)
  assert.equal(viaWalker({ a: 'x\ud800' }).err[1], 'input_lone_surrogate')
  assert.equal(viaWalker({ s: 'x'.repeat(1001) }).err[3], '/s')
})

test('anything but plain data is left to the N-API walk, which gives the precise error', () => {
  const cyc = { a: {} }
  cyc.a.b = cyc
  class K { constructor() { this.x = 1 } }
  let deep = {}
  for (let i = 0; i < 70; i++) deep = { d: deep }
  const values = [
    { u: undefined }, [1, undefined], [1, , 2], { f() {} }, { s: Symbol('q') }, { b: 1n }, { n: NaN }, { n: Infinity }, // eslint-disable-line no-sparse-arrays
    { d: new Date(0) }, { t: new Uint8Array(2) }, { m: new Map([[1, 2]]) }, { k: new K() }, cyc, deep,
    { g: Object.defineProperty({}, 'x', { enumerable: true, get() { throw new Error('boom') } }) },
    { p: new Proxy({ a: 1 }, {}) }, { big: 'x'.repeat(5000) }, { list: Array(201).fill(1) },
  ]
  for (const v of values) {
    assert.equal(pack(v), false, JSON.stringify(Object.keys(v)))
    const n = viaNapi(v)
    assert.ok(n.err || n.ok, 'the N-API walk answers')
  }
  // class instances and Proxies are read by their own enumerable keys
  assert.deepStrictEqual(viaNapi({ k: new K(), p: new Proxy({ a: 1 }, {}) }).ok, { k: { x: 1 }, p: { a: 1 } })
})

test('a getter that calls tuiyi while its object is walked: the inner call takes the N-API walk', () => {
  let inner
  const v = {
    a: 1,
    get b() {
      inner = [pack({ x: 1 }), native._echo({ x: ['y', 2] })]
      return 'b'
    },
  }
  assert.equal(pack(v), true)
  assert.deepStrictEqual(inner, [false, { x: ['y', 2] }])
})

// ---------------------------------------------------------------------------------------------------------
// Does the walker pay for itself?

test('the JS walker and the N-API walk give the same reports over 300 distinct forms', () => {
  // Which of the two is faster: benches/node_walker_check.cjs (run by scripts/test.sh) and benches/node_bench.mjs.
  const fs = distinctForms(300)
  const engine = new native.Engine()
  assert.deepStrictEqual(
    fs.map((f) => tuiyi.validate(f, TODAY)),
    // The addon gives the report as JSON text (index.js parses it).
    fs.map((f) => JSON.parse(engine.call('validate', [f, TODAY]))),
  )
})
