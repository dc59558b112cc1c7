'use strict'
// The package as a user sees it: CommonJS and ESM entry points, the TypeScript check, time zones.
const test = require('node:test')
const assert = require('node:assert/strict')
const { execFileSync, spawnSync } = require('node:child_process')
const path = require('node:path')
const fs = require('node:fs')
const { PKG } = require('./helpers.cjs')

function node(args, env = {}) {
  const r = spawnSync(process.execPath, args, { cwd: PKG, env: { ...process.env, ...env }, encoding: 'utf8' })
  assert.equal(r.status, 0, `node ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`)
  return r.stdout
}

const NAMES = [
  'Engine', 'isWorkingDay', 'addWorkingDays', 'workingDaysBetween', 'periodEnd', 'checkEligibility',
  'requiredMaterials', 'plan', 'validate', 'validateMany', 'dispatch', 'prereview', 'formSchema', 'schema',
  'guide', 'conflicts', 'codes',
]

test('CommonJS: require("tuiyi")', () => {
  const out = node(['-e', `const t = require('tuiyi'); console.log(JSON.stringify(${JSON.stringify(NAMES)}.map((n) => typeof t[n])))`])
  assert.deepStrictEqual(JSON.parse(out), NAMES.map(() => 'function'))
})

test('ESM: import from "tuiyi" (named and default), same functions as CommonJS', () => {
  const src = `
    import tuiyi, * as ns from 'tuiyi'
    import { createRequire } from 'node:module'
    const cjs = createRequire(import.meta.url)('tuiyi')
    const names = ${JSON.stringify(NAMES)}
    console.log(JSON.stringify(names.map((n) => typeof ns[n] === 'function' && ns[n] === cjs[n] && tuiyi[n] === cjs[n])))
  `
  const out = node(['--input-type=module', '-e', src])
  assert.deepStrictEqual(JSON.parse(out), NAMES.map(() => true))
})

test('package.json: exports, main, types; index.d.ts declares every function', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(PKG, 'package.json'), 'utf8'))
  assert.equal(pkg.name, 'tuiyi')
  assert.equal(pkg.main, 'index.js')
  assert.equal(pkg.types, 'index.d.ts')
  assert.deepStrictEqual(pkg.exports['.'], { types: './index.d.ts', import: './index.mjs', require: './index.js' })
  const dts = fs.readFileSync(path.join(PKG, 'index.d.ts'), 'utf8')
  for (const n of NAMES.slice(1)) assert.match(dts, new RegExp(`export declare function ${n}\\(`), n)
  assert.match(dts, /export declare class Engine/)
})

test('TypeScript: tsc --strict --noEmit on examples/usage.ts (every function)', () => {
  const tsc = path.join(PKG, 'node_modules', 'typescript', 'bin', 'tsc')
  const r = spawnSync(process.execPath, [tsc, '--strict', '--noEmit', '-p', path.join('examples', 'tsconfig.json')], { cwd: PKG, encoding: 'utf8' })
  assert.equal(r.status, 0, r.stdout + r.stderr)
  const usage = fs.readFileSync(path.join(PKG, 'examples', 'usage.ts'), 'utf8')
  for (const n of NAMES) assert.match(usage, new RegExp(`\\b${n}\\b`), `usage.ts uses ${n}`)
})

// Dates never shift with the process's time zone: strings are calendar days; a JS Date is refused.
const TZ_SCRIPT = `
  const t = require('tuiyi')
  const out = {}
  const safe = (f) => { try { return f() } catch (e) { return { code: e.code, path: e.path, type: e.constructor.name } } }
  out.add = safe(() => t.addWorkingDays('2024-09-30', 3))
  out.add2 = safe(() => t.addWorkingDays('2024-12-31', 1))
  out.is = ['2024-09-29', '2024-10-01', '2024-10-12', '2025-01-01'].map((d) => safe(() => t.isWorkingDay(d)))
  out.between = safe(() => t.workingDaysBetween('2024-09-30', '2024-10-31'))
  out.period = safe(() => t.periodEnd('2024-09-01', 30))
  out.date = safe(() => t.isWorkingDay(new Date(2024, 9, 1)))
  out.dateUtc = safe(() => t.addWorkingDays(new Date('2024-10-01'), 1))
  out.validate = safe(() => t.validate({ a: 1 }, '2024-10-08'))
  out.offset = new Date(2024, 0, 1).getTimezoneOffset()
  console.log(JSON.stringify(out))
`

test('time zones: the same answers under TZ=America/New_York, Asia/Shanghai and UTC', () => {
  const runs = ['America/New_York', 'Asia/Shanghai', 'UTC'].map((TZ) => JSON.parse(node(['-e', TZ_SCRIPT], { TZ })))
  assert.equal(runs[0].offset, 300, 'New York really is UTC-5 in the child')
  assert.equal(runs[1].offset, -480, 'Shanghai really is UTC+8 in the child')
  for (const r of runs) {
    delete r.offset
    assert.deepStrictEqual(r.date, { code: 'wrong_type', path: '/date', type: 'TypeError' })
    assert.deepStrictEqual(r.dateUtc, { code: 'wrong_type', path: '/date', type: 'TypeError' })
  }
  assert.deepStrictEqual(runs[0], runs[2])
  assert.deepStrictEqual(runs[1], runs[2])
  if (typeof runs[2].add === 'string') {
    // the calendar has landed: the known answers, in every zone
    assert.equal(runs[2].add, '2024-10-10')
    assert.deepStrictEqual(runs[2].is, [true, false, true, false])
  }
})
