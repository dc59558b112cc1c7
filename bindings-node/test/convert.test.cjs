'use strict'
// The two input paths (the JS walker's tape for plain data, and the N-API walk) give the same JSON and the
// same errors; plain data round-trips exactly as JSON.parse(JSON.stringify(v)), and takes the fast path.
const test = require('node:test')
const assert = require('node:assert/strict')
const tuiyi = require('..')
const { exampleForm } = require('./helpers.cjs')

const conv = (v, fast) => tuiyi._debugConvert(v, fast)
function outcome(f) {
  try {
    return { ok: f() }
  } catch (e) {
    return { err: [e.constructor.name, e.code, e.kind, e.path, e.message] }
  }
}
const both = (v) => [outcome(() => conv(v, true)), outcome(() => conv(v, false))]

// a small deterministic PRNG for generated values
function rng(seed) {
  let s = seed >>> 0
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32)
}
function gen(r, d = 0) {
  const k = Math.floor(r() * (d > 4 ? 6 : 8))
  switch (k) {
    case 0: return null
    case 1: return r() < 0.5
    case 2: return [0, -0, 1, -1, 3, 2 ** 31, 2 ** 53, 2 ** 53 + 2, 2 ** 63, 2 ** 64, -(2 ** 63), 1e21, 0.1, 1234.56, 5e-324, 1.7976931348623157e308, r() * 1e6][Math.floor(r() * 17)]
    case 3: return ['', '张三', '１２３', 'a"b\\c\n', '\u0000', '😀', 'x'.repeat(50), 'é'][Math.floor(r() * 8)]
    case 4: case 5: return r() * 1000
    case 6: return Array.from({ length: Math.floor(r() * 4) }, () => gen(r, d + 1))
    default: {
      const o = {}
      for (let i = Math.floor(r() * 5); i > 0; i--) o[['a', 'b/c', 'd~e', '10', '2', '姓名', 'x y'][Math.floor(r() * 7)] + i] = gen(r, d + 1)
      return o
    }
  }
}

test('plain data: both paths equal JSON.parse(JSON.stringify(v))', () => {
  const r = rng(42)
  const values = [exampleForm(), {}, [], { a: [1, { b: null }] }, Object.create(null)].filter(Boolean)
  for (let i = 0; i < 2000; i++) values.push(gen(r))
  for (const v of values) {
    if (v === null || typeof v !== 'object') continue
    assert.equal(tuiyi._debugPacks(v), true, JSON.stringify(v))
    const [f, n] = both(v)
    assert.deepStrictEqual(f, n, JSON.stringify(v))
    assert.deepStrictEqual(f.ok, JSON.parse(JSON.stringify(v)))
  }
})

test('lone surrogates: U+FFFD on both paths, as V8 writes them', () => {
  const lone = { a: 'x\ud800y', b: ['\udc00', '\udbff\udbff\ude00'], ['k\ud800']: '\ud83d' }
  assert.equal(tuiyi._debugPacks(lone), true)
  const [f, n] = both(lone)
  assert.deepStrictEqual(f, n)
  assert.deepStrictEqual(f.ok, { a: 'x\ufffdy', b: ['\ufffd', '\ufffd\udbff\ude00'], 'k\ufffd': '\ufffd' })
})

test('a getter that calls tuiyi while its object is walked: the inner call takes the walk, both are right', () => {
  let inner
  const packs = []
  const v = {
    a: 1,
    get b() {
      packs.push(tuiyi._debugPacks({ x: 1 }))
      inner = conv({ x: ['y', 2] })
      return 'b'
    },
    c: ['z'],
  }
  const [f, n] = both(v) // the fast path first: its getter call finds the walker busy; then the N-API walk
  assert.deepStrictEqual(packs, [false, true])
  assert.deepStrictEqual(f, n)
  assert.deepStrictEqual(f.ok, { a: 1, b: 'b', c: ['z'] })
  assert.deepStrictEqual(inner, { x: ['y', 2] })
  packs.length = 0
  assert.equal(tuiyi._debugPacks(v), true)
  assert.deepStrictEqual(packs, [false])
})

test('in a process with a polluted Object.prototype, the walk reads objects', () => {
  const form = exampleForm()
  const before = tuiyi.validate(form, '2024-10-08')
  Object.prototype.polluted = 'x' // eslint-disable-line no-extend-native
  try {
    assert.equal(tuiyi._debugPacks({ a: 1 }), false)
    assert.deepStrictEqual(conv({ a: 1 }), { a: 1 })
    assert.deepStrictEqual(tuiyi.validate(form, '2024-10-08'), before)
  } finally {
    delete Object.prototype.polluted
  }
  assert.equal(tuiyi._debugPacks({ a: 1 }), true)
})

test('non-plain values: the fast path defers, errors are identical', () => {
  const cyc = { a: {} }
  cyc.a.b = cyc
  class K { constructor() { this.x = 1 } }
  const withToJSON = { toJSON() { return 'x' } }
  const hidden = {}
  Object.defineProperty(hidden, 'toJSON', { value: () => 1, enumerable: false })
  let deep = {}
  for (let i = 0; i < 70; i++) deep = { d: deep }
  let deep65 = []
  for (let i = 0; i < 65; i++) deep65 = [deep65]
  const getterThrows = { get g() { throw new Error('boom') } }
  const proxy = new Proxy({ a: 1 }, { ownKeys() { throw new Error('no') } })
  const plainProxy = new Proxy({ a: 1, b: [2] }, {})
  const cases = [
    { u: undefined }, [1, undefined], [1, , 2], { f() {} }, { s: Symbol('q') }, { b: 1n }, { n: NaN }, { n: Infinity }, // eslint-disable-line no-sparse-arrays
    { d: new Date(0) }, { t: new Uint8Array(2) }, { m: new Map([[1, 2]]) }, { k: new K() }, withToJSON, hidden,
    { lone: '\ud800' }, { ['\udc00']: 1 }, cyc, deep, deep65, getterThrows, proxy, plainProxy,
    { big: 'x'.repeat(5 * 1024 * 1024) }, { s: new String('abc') }, Object.assign([1, 2], { extra: 3 }),
    // within the byte limit counted in UTF-16 units, beyond it in UTF-8 bytes (what the limit counts)
    { cjk: '王'.repeat(1.5 * 2 ** 20) }, { ['键'.repeat(1.5 * 2 ** 20)]: 1 },
  ]
  cases.forEach((v, i) => {
    // plain data after all (lone surrogates, a transparent Proxy, 65 levels, a non-enumerable toJSON — read
    // by neither path —, an array with an extra non-index property): the fast path reads it; everything
    // else is left to the walk
    const plain = v === plainProxy || v === deep65 || v === hidden || (Array.isArray(v) && v.extra === 3) || i === 14 || i === 15
    assert.equal(tuiyi._debugPacks(v), plain, `case ${i}`)
    const [f, n] = both(v)
    assert.deepStrictEqual(f, n, `case ${i}`)
  })
})
