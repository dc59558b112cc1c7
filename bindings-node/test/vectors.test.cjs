'use strict'
// Every shared vector in tests/vectors/**.json, through the package (see tests/README.md for the format).
//
// The calls are derived from the core's table of operations (`operations()`), not from a list of our own:
// each case runs
//  - through `run(op, input)` (the JSON facade, the input as JS data),
//  - through `runJson(op, text)` (the input as JSON text),
//  - through the camelCase function with the input's keys as positional arguments (or the whole input as
//    the one argument), when the input can be written as such a call,
// and every way must give the expected JSON (or the expected error's kind, code and path). A case with
// `input_text` holds its input as JSON text (for inputs a JSON file cannot hold, e.g. a lone surrogate):
// it runs through `runJson`, and through `run` on JSON.parse of it (JSON.parse refuses a byte-order mark:
// the object path starts after it). A case with `form_bytes_hex` gives a form's JSON text as bytes: validate,
// validateJson, run and validateMany each read it as a Buffer and as a plain Uint8Array. A number no JS number holds as written (`96.0`, distinct from 96 in
// JSON; an integer beyond 2^53) runs through `runJson` only, or, inside a form, with the form as its text.
const test = require('node:test')
const assert = require('node:assert/strict')
const tuiyi = require('..')
const { loadVectors, hasRawNumber, toJsonText } = require('./helpers.cjs')

const OPS = Object.fromEntries(tuiyi.operations().map((s) => [s.name, s]))
const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase())
const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v)

/** The parameters of an operation in positional order (as the core's `Signature::params`). */
function params(op) {
  const inp = OPS[op].input
  if (inp.shape === 'whole') return [{ key: inp.name, required: true }, ...inp.extra]
  return inp.params
}

/** The generated function called with this input, or null when the input is not such a call. */
function asCall(op, input) {
  if (!(op in OPS)) return null
  const fn = tuiyi[camel(op)]
  if (OPS[op].input.shape === 'whole') return hasRawNumber(input) ? null : () => fn(input)
  const given = input ?? {}
  if (!isObj(given)) return null
  const ps = params(op)
  if (Object.keys(given).some((k) => !ps.some((p) => p.key === k))) return null
  if (ps.some((p) => p.required && !(p.key in given))) return null
  const args = ps.map((p) => (p.key === 'form' && hasRawNumber(given.form) ? toJsonText(given.form) : given[p.key]))
  if (hasRawNumber(args)) return null
  return () => fn(...args)
}

function check(c, call, how) {
  if ('expected' in c) {
    assert.deepStrictEqual(call(), JSON.parse(toJsonText(c.expected)), `${c.name} via ${how}`)
    return
  }
  let thrown
  try {
    call()
  } catch (e) {
    thrown = e
  }
  assert.ok(thrown instanceof Error, `${c.name} via ${how}: expected the error ${JSON.stringify(c.error)}`)
  for (const [k, v] of Object.entries(c.error)) assert.equal(thrown[k], v, `${c.name} via ${how}: error.${k}`)
  assert.equal(thrown instanceof TypeError, thrown.code === 'wrong_type', `${c.name} via ${how}: TypeError ⇔ wrong_type`)
  assert.equal(typeof thrown.message_en, 'string')
}

const CASES = loadVectors()
let asCalls = 0

for (const c of CASES) {
  test(`${c.file}: ${c.name}`, async () => {
    if ('form_bytes_hex' in c) {
      // The form's JSON text as bytes (a request body as received): a Buffer and a plain Uint8Array.
      const buf = Buffer.from(c.form_bytes_hex, 'hex')
      const today = c.input.today
      for (const form of [buf, new Uint8Array(buf)]) {
        const kind = form.constructor.name
        check(c, () => tuiyi.validate(form, today), `validate(${kind})`)
        check(c, () => tuiyi.validateJson(form, today), `validateJson(${kind})`)
        check(c, () => tuiyi.run(c.op, { form, today }), `run(${kind})`)
      }
      if ('expected' in c) {
        assert.deepStrictEqual(await tuiyi.validateMany([buf, buf], today), [c.expected, c.expected], c.name)
      } else {
        await assert.rejects(tuiyi.validateMany([{}, buf], today), (e) => {
          assert.equal(e.code, c.error.code, c.name)
          assert.equal(e.path, '/1' + c.error.path.slice(5), c.name)
          return true
        })
      }
      return
    }
    if ('input_text' in c) {
      check(c, () => tuiyi.runJson(c.op, c.input_text), 'runJson')
      check(c, () => tuiyi.run(c.op, JSON.parse(c.input_text.replace(/^\uFEFF/, ''))), 'run(JSON.parse)')
      return
    }
    const input = c.input
    check(c, () => tuiyi.runJson(c.op, input === undefined ? 'null' : toJsonText(input)), 'runJson')
    if (!hasRawNumber(input)) check(c, () => tuiyi.run(c.op, input), 'run')
    const call = asCall(c.op, input)
    if (call !== null) check(c, call, `${camel(c.op)}(…)`)
  })
  if ('input' in c && asCall(c.op, c.input) !== null) asCalls++
}

test('every operation has a vector', () => {
  const ops = new Set(CASES.map((c) => c.op))
  assert.deepStrictEqual(Object.keys(OPS).filter((o) => !ops.has(o)), [])
})

test('most vectors run as calls of the generated functions', () => {
  assert.ok(CASES.length > 300, `only ${CASES.length} vectors found`)
  assert.ok(asCalls > 0.8 * CASES.length, `only ${asCalls} of ${CASES.length} cases are expressible as calls`)
})
