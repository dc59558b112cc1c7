'use strict'
// Every shared vector in tests/vectors/**.json through the addon's own functions (not a generic `run`):
// each op is mapped to its camelCase function with positional arguments; outputs are compared for exact
// JSON equality, errors key by key (kind, code, path).
const test = require('node:test')
const assert = require('node:assert/strict')
const tuiyi = require('..')
const { loadVectors, hasIntegralFloat, toJsonText } = require('./helpers.cjs')

const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v)

// op → [argument names taken from the input object, call]. `whole` ops take the input itself.
const OPS = {
  is_working_day: [['date'], (i) => tuiyi.isWorkingDay(i.date)],
  add_working_days: [['date', 'n'], (i) => tuiyi.addWorkingDays(i.date, i.n)],
  working_days_between: [['a', 'b'], (i) => tuiyi.workingDaysBetween(i.a, i.b)],
  period_end: [['start', 'days'], (i) => tuiyi.periodEnd(i.start, i.days)],
  check_eligibility: [null, (i) => tuiyi.checkEligibility(i)],
  required_materials: [null, (i) => tuiyi.requiredMaterials(i)],
  plan: [null, (i) => tuiyi.plan(i)],
  validate: [['form', 'today'], (i) => tuiyi.validate(hasIntegralFloat(i.form) ? toJsonText(i.form) : i.form, i.today)],
  dispatch: [['form'], (i) => tuiyi.dispatch(i.form)],
  prereview: [['form', 'submitted', 'today'], (i) => tuiyi.prereview(i.form, i.submitted, i.today)],
  form_schema: [[], () => tuiyi.formSchema()],
  schema: [['name'], (i) => tuiyi.schema(i.name)],
  guide: [[], () => tuiyi.guide()],
  conflicts: [[], () => tuiyi.conflicts()],
  codes: [[], () => tuiyi.codes()],
}

/** Why a case cannot be expressed through positional arguments (or null when it can). */
function inexpressible(c) {
  // A number written `96.0` in JSON cannot be a JS number distinct from 96: such a form goes to validate
  // as JSON text (which tuiyi accepts); other ops cannot carry it.
  if (hasIntegralFloat(c.input) && !(c.op === 'validate' && hasIntegralFloat(c.input.form) && !hasIntegralFloat({ ...c.input, form: null }))) {
    return 'input has a number like 96.0 that a JS number cannot tell from 96'
  }
  const m = OPS[c.op]
  if (!m) return `op ${c.op} has no function (unknown operations cannot be called by name)`
  const [args] = m
  if (args === null) return null
  if (c.input === null || c.input === undefined) return null
  if (!isObj(c.input)) return 'input is not an object'
  const extra = Object.keys(c.input).filter((k) => !args.includes(k))
  if (extra.length) return `input has keys no argument carries: ${extra.join(', ')}`
  return null
}

const cases = loadVectors()
let run = 0
let skipped = 0

for (const c of cases) {
  const why = inexpressible(c)
  test(`${c.file}: ${c.name}`, { skip: why || false }, () => {
    const call = OPS[c.op][1]
    if (c.error) {
      let thrown
      try {
        call(c.input ?? {})
      } catch (e) {
        thrown = e
      }
      assert.ok(thrown, `expected an error ${JSON.stringify(c.error)}`)
      assert.ok(thrown instanceof Error)
      for (const k of Object.keys(c.error)) assert.equal(thrown[k], c.error[k], `error.${k}`)
      if (thrown.code === 'wrong_type') assert.ok(thrown instanceof TypeError, 'wrong_type is a TypeError')
      assert.equal(typeof thrown.messageEn, 'string')
    } else {
      assert.ok('expected' in c, 'a case has exactly one of expected / error')
      assert.deepStrictEqual(call(c.input ?? {}), JSON.parse(toJsonText(c.expected)))
    }
  })
  if (why) skipped++
  else run++
}

test('vector coverage: most vectors are expressible through the functions', () => {
  assert.ok(cases.length > 0, 'no vectors found')
  assert.ok(run >= skipped, `ran ${run}, skipped ${skipped}`)
})
