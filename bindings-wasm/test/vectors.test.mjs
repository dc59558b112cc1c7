// Every shared vector in tests/vectors/**.json through the WebAssembly package under Node (format:
// tests/README.md). The calls come from the core's table (`operations()`), not from a list of our own: each
// case runs
//
// - through `run(op, input)` (the JSON facade, input as JS data),
// - through `runJson(op, text)` (the input as JSON text),
// - through the generated camelCase function with the input's keys as positional arguments (or the whole
//   input as the one argument), when the input can be written as such a call,
//
// and every way must give the expected JSON, or throw the expected error (kind, code, path; a `wrong_type`
// is a TypeError). A case with `input_text` runs through `runJson`, and through `run` on JSON.parse of it.
// A case with `form_bytes_hex` gives the form's JSON text as a Uint8Array (validate, validateJson, run,
// validateMany).
// A number a JS number cannot hold as written (`96.0`, an integer beyond 2^53) reaches the core as JSON
// text only: through `runJson`, or as the form's own JSON text.
import test from 'node:test'
import assert from 'node:assert/strict'
import { load, vectors, hasRaw, toJson } from './helpers.mjs'

const { tuiyi } = await load()
const OPS = new Map(tuiyi.operations().map((s) => [s.name, s]))
const CASES = vectors()

const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase())

function params(op) {
  const inp = OPS.get(op).input
  if (inp.shape === 'whole') return [{ key: inp.name, required: true }, ...inp.extra]
  return inp.params
}

const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v)

/** The generated function called with this input, or null when the input is not such a call. */
function asCall(op, input) {
  if (!OPS.has(op)) return null
  const fn = tuiyi[camel(op)]
  assert.equal(typeof fn, 'function', `the package exports ${camel(op)}`)
  if (OPS.get(op).input.shape === 'whole') return () => fn(input)
  const given = input === undefined || input === null ? {} : input
  if (!isObj(given)) return null
  const ps = params(op)
  const keys = new Set(ps.map((p) => p.key))
  if (Object.keys(given).some((k) => !keys.has(k))) return null
  if (ps.some((p) => p.required && !(p.key in given))) return null
  return () => fn(...ps.map((p) => given[p.key]))
}

function check(c, call, how) {
  if ('expected' in c) {
    let got
    try {
      got = call()
    } catch (e) {
      assert.fail(`${how}: threw ${e.code} at ${JSON.stringify(e.path)}: ${e.message}`)
    }
    assert.deepStrictEqual(got, JSON.parse(toJson(c.expected)), how)
    return
  }
  let thrown
  try {
    call()
  } catch (e) {
    thrown = e
  }
  assert.ok(thrown, `${how}: expected the error ${JSON.stringify(c.error)}`)
  assert.ok(thrown instanceof Error, `${how}: an Error`)
  for (const [k, v] of Object.entries(c.error)) assert.equal(thrown[k], v, `${how}: error.${k}`)
  if (thrown.code === 'wrong_type') assert.ok(thrown instanceof TypeError, `${how}: wrong_type is a TypeError`)
  assert.equal(typeof thrown.message_en, 'string', `${how}: message_en`)
  assert.ok(thrown.message.length > 0, `${how}: message`)
}

let asCalls = 0
for (const c of CASES) {
  test(`${c.file}: ${c.name}`, async () => {
    const { op } = c
    if ('form_bytes_hex' in c) {
      // The form's JSON text as bytes (a fetched body's bytes): validate, validateJson, run, validateMany.
      const bytes = Uint8Array.from(c.form_bytes_hex.match(/../g) ?? [], (h) => parseInt(h, 16))
      const today = c.input.today
      check(c, () => tuiyi.validate(bytes, today), 'validate(Uint8Array)')
      check(c, () => tuiyi.validateJson(bytes, today), 'validateJson(Uint8Array)')
      check(c, () => tuiyi.run(op, { form: bytes, today }), 'run({form: Uint8Array})')
      if ('expected' in c) {
        assert.deepStrictEqual(await tuiyi.validateMany([bytes, bytes], today), [c.expected, c.expected], c.name)
      } else {
        await assert.rejects(tuiyi.validateMany([{}, bytes], today), (e) => {
          assert.equal(e.code, c.error.code, c.name)
          assert.equal(e.path, '/1' + c.error.path.slice(5), c.name)
          return true
        })
      }
      return
    }
    if ('input_text' in c) {
      const text = c.input_text
      check(c, () => tuiyi.runJson(op, text), 'runJson')
      // JSON.parse, like json.loads, refuses a byte-order mark: the object path starts after it.
      const parsed = JSON.parse(text.replace(/^\ufeff/, ''))
      check(c, () => tuiyi.run(op, parsed), 'run(JSON.parse)')
      return
    }
    const input = c.input
    check(c, () => tuiyi.runJson(op, toJson(input === undefined ? null : input)), 'runJson')
    if (!hasRaw(input)) {
      check(c, () => tuiyi.run(op, input), 'run')
      const call = asCall(op, input)
      if (call) check(c, call, `${camel(op)}(…)`)
      return
    }
    // Only the form holds such numbers: the form goes as its own JSON text.
    if (op === 'validate' && isObj(input) && !hasRaw({ ...input, form: null })) {
      const withText = { ...input, form: toJson(input.form) }
      check(c, () => tuiyi.run(op, withText), 'run(form as JSON text)')
      check(c, () => tuiyi.validate(withText.form, input.today), 'validate(form as JSON text)')
    }
  })
}

for (const c of CASES) if ('input' in c && !hasRaw(c.input) && asCall(c.op, c.input)) asCalls++

test('every operation has a shared vector', () => {
  const used = new Set(CASES.map((c) => c.op))
  const missing = [...OPS.keys()].filter((op) => !used.has(op))
  assert.deepEqual(missing, [], 'operations without a shared vector')
})

test('most vectors run as calls of the generated functions', () => {
  assert.ok(CASES.length > 300, `only ${CASES.length} vectors found`)
  assert.ok(asCalls > 0.8 * CASES.length, `only ${asCalls} of ${CASES.length} cases are expressible as calls`)
})
