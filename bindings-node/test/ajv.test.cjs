'use strict'
// Every schema tuiyi publishes compiles under Ajv2020 in strict mode (+ ajv-formats), and a differential test:
// ajv compiled (strict) from tuiyi's own formSchema() against
// tuiyi.validate, over the example form(s) and variants generated from the schema: fields dropped, wrong
// JSON types, values outside an enum, strings that break a pattern, unknown fields, and every value of
// every enum (which switches the schema's if/then conditional requirements on and off).
//
// Wherever the schema can express a rule they must agree on valid/invalid:
//  - ajv invalid, tuiyi valid → always a failure (the schema promises a rule tuiyi does not enforce);
//  - ajv valid, tuiyi invalid → allowed only when every tuiyi error is a check JSON Schema cannot express
//    (check digits, region prefixes, ID ↔ birth date/sex, date order, money in words, sums, Luhn…): the
//    variant is then counted as "tuiyi stricter" and excluded. Any structural code (missing/wrong type/
//    unknown field/unknown enum value/format) in such a report is a failure.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const Ajv2020 = require('ajv/dist/2020').default
const addFormats = require('ajv-formats').default
const tuiyi = require('..')
const { REPO, exampleForm } = require('./helpers.cjs')

const TODAY = '2026-06-30'
const schema = tuiyi.formSchema()

/** The names `schema(name)` accepts: tuiyi_core::schemas::NAMES (read from the source, the one list). */
function schemaNames() {
  const src = fs.readFileSync(path.join(REPO, 'core', 'src', 'schemas.rs'), 'utf8')
  const list = /pub const NAMES: &\[&str\] = &\[([^\]]*)\]/.exec(src)[1]
  return [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1])
}

function strictAjv() {
  const ajv = new Ajv2020({ strict: true, allErrors: true })
  addFormats(ajv)
  return ajv
}

test('every schema tuiyi publishes compiles with Ajv2020 in strict mode', () => {
  const names = schemaNames()
  assert.ok(names.length >= 16 && names.includes('form') && names.includes('operations'))
  // every schema an operation names as its result is among them
  for (const op of tuiyi.operations()) if (op.returns.schema) assert.ok(names.includes(op.returns.schema), op.returns.schema)
  for (const name of names) {
    const s = tuiyi.schema(name)
    assert.equal(s.$schema, 'https://json-schema.org/draft/2020-12/schema', name)
    assert.doesNotThrow(() => strictAjv().compile(s), name)
  }
  assert.deepStrictEqual(tuiyi.schema('form'), schema)
})

/** Valid example forms: examples/form.json and any tests/forms/valid*.json. */
function exampleForms() {
  const out = [['examples/form.json', exampleForm()]]
  const d = path.join(REPO, 'tests', 'forms')
  if (fs.existsSync(d)) {
    for (const f of fs.readdirSync(d).sort()) {
      if (/^valid.*\.json$/.test(f)) out.push([`tests/forms/${f}`, JSON.parse(fs.readFileSync(path.join(d, f), 'utf8'))])
    }
  }
  return out
}

const STRUCTURAL = /(^|_)(missing|required|wrong_type|type|unknown|enum|format|pattern|not_allowed|too_long|too_many)(_|$)/

/** Follow $ref (and single-branch allOf) to the schema describing a value. */
function resolve(s) {
  for (let i = 0; s && i < 20; i++) {
    if (typeof s.$ref === 'string' && s.$ref.startsWith('#/')) {
      s = s.$ref.slice(2).split('/').reduce((o, k) => (o ? o[k.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), schema)
    } else if (Array.isArray(s.allOf) && s.allOf.length === 1 && !s.properties) {
      s = s.allOf[0]
    } else break
  }
  return s || {}
}

function propSchema(objSchema, key) {
  const s = resolve(objSchema)
  if (s.properties && s.properties[key]) return resolve(s.properties[key])
  for (const branch of [...(s.allOf || []), ...(s.anyOf || []), ...(s.oneOf || [])]) {
    const r = resolve(branch)
    if (r.properties && r.properties[key]) return resolve(r.properties[key])
  }
  return {}
}

function enumOf(s) {
  if (Array.isArray(s.enum)) return s.enum
  const alts = s.oneOf || s.anyOf
  if (Array.isArray(alts)) {
    const vals = alts.map(resolve).filter((a) => 'const' in a).map((a) => a.const)
    if (vals.length && vals.length === alts.length) return vals
  }
  return null
}

function wrongTypeOf(v) {
  if (typeof v === 'string') return 12345
  if (typeof v === 'number') return 'x'
  if (typeof v === 'boolean') return 'true'
  if (Array.isArray(v)) return {}
  if (v && typeof v === 'object') return []
  return 1
}

function setAt(root, ptr, fn) {
  const copy = structuredClone(root)
  let o = copy
  for (let i = 0; i < ptr.length - 1; i++) o = o[ptr[i]]
  fn(o, ptr[ptr.length - 1])
  return copy
}

/** Generate [label, form] variants of a valid form. */
function* variants(base) {
  const stack = [[[], base, schema]]
  while (stack.length) {
    const [ptr, value, s] = stack.pop()
    const rs = resolve(s)
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      yield [`/${ptr.join('/')}: unknown field`, setAt({ r: base }, ['r', ...ptr, '__unknown_field__'], (o, k) => (o[k] = 'x')).r]
      for (const [k, v] of Object.entries(value)) {
        const p = [...ptr, k]
        const ps = propSchema(rs, k)
        yield [`/${p.join('/')}: dropped`, setAt({ r: base }, ['r', ...p], (o, kk) => delete o[kk]).r]
        yield [`/${p.join('/')}: wrong type`, setAt({ r: base }, ['r', ...p], (o, kk) => (o[kk] = wrongTypeOf(o[kk]))).r]
        const en = enumOf(ps)
        if (en) {
          yield [`/${p.join('/')}: not in enum`, setAt({ r: base }, ['r', ...p], (o, kk) => (o[kk] = '__不存在__')).r]
          for (const e of en) if (e !== v) yield [`/${p.join('/')} = ${JSON.stringify(e)}`, setAt({ r: base }, ['r', ...p], (o, kk) => (o[kk] = e)).r]
        } else if (typeof v === 'string' && typeof ps.pattern === 'string') {
          yield [`/${p.join('/')}: breaks pattern`, setAt({ r: base }, ['r', ...p], (o, kk) => (o[kk] = '!')).r]
        }
        if (v && typeof v === 'object') stack.push([p, v, ps])
      }
    } else if (Array.isArray(value)) {
      const items = resolve(rs.items || {})
      yield [`/${ptr.join('/')}: emptied`, setAt({ r: base }, ['r', ...ptr], (o, k) => (o[k] = [])).r]
      value.forEach((v, i) => {
        if (v && typeof v === 'object') stack.push([[...ptr, String(i)], v, items])
      })
    }
  }
}

test('differential: ajv (2020-12, strict, + formats) from formSchema() vs validate', (t) => {
  const check = strictAjv().compile(schema)
  const forms = exampleForms()
  let agreed = 0
  const stricter = new Map()
  const failures = []
  for (const [name, base] of forms) {
    const a0 = check(base)
    const r0 = tuiyi.validate(base, TODAY)
    assert.ok(a0, `${name}: ajv rejects the example: ${JSON.stringify(check.errors?.slice(0, 3))}`)
    assert.ok(r0.valid, `${name}: tuiyi rejects the example: ${JSON.stringify(r0.errors.slice(0, 3).map((e) => [e.code, e.path]))}`)
    for (const [label, v] of variants(base)) {
      const a = check(v)
      const r = tuiyi.validate(v, TODAY)
      if (a === r.valid) {
        agreed++
        continue
      }
      const codes = [...new Set(r.errors.map((e) => e.code))]
      if (a && !r.valid && codes.every((c) => !STRUCTURAL.test(c))) {
        for (const c of codes) stricter.set(c, (stricter.get(c) || 0) + 1)
        continue
      }
      failures.push(`${name} ${label}: ajv ${a ? 'valid' : 'invalid ' + JSON.stringify(check.errors?.slice(0, 2).map((e) => [e.instancePath, e.message]))}, tuiyi ${r.valid ? 'valid' : 'invalid ' + JSON.stringify(r.errors.slice(0, 3).map((e) => [e.code, e.path]))}`)
    }
  }
  t.diagnostic(`agreed on ${agreed} variants; tuiyi stricter (excluded) by code: ${JSON.stringify(Object.fromEntries(stricter))}`)
  assert.ok(agreed > 0)
  assert.deepStrictEqual(failures, [])
})
