'use strict'
// The package as a user gets it: installed from the tarball `npm pack` makes (a copy, no symlink), then used
// from CommonJS, from an ES module and from TypeScript; the same answers under every time zone.
const test = require('node:test')
const assert = require('node:assert/strict')
const { execFileSync, spawnSync } = require('node:child_process')
const path = require('node:path')
const fs = require('node:fs')
const os = require('node:os')
const { PKG } = require('./helpers.cjs')

const tuiyi = require('..')
const NAMES = Object.keys(tuiyi).sort()
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm'

function node(args, { cwd = PKG, env = {} } = {}) {
  const r = spawnSync(process.execPath, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8' })
  assert.equal(r.status, 0, `node ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`)
  return r.stdout
}

/** A project with the package installed from its tarball (built once for the whole file). */
const installed = (() => {
  let dir = null
  return () => {
    if (dir) return dir
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuiyi-install-'))
    process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }))
    const quiet = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' }
    const packed = JSON.parse(execFileSync(NPM, ['pack', '--json', '--pack-destination', dir], { cwd: PKG, env: quiet, encoding: 'utf8' }))
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true }))
    execFileSync(NPM, ['install', '--no-save', '--offline', `./${packed[0].filename}`], { cwd: dir, env: quiet, stdio: 'pipe' })
    return dir
  }
})()

const CJS = `const t = require('tuiyi')
console.log(JSON.stringify({ names: Object.keys(t).sort(), due: t.addWorkingDays('2024-09-30', 3), valid: t.validate({}, '2025-06-01').valid }))`
const ESM = `import tuiyi, * as ns from 'tuiyi'
import { createRequire } from 'node:module'
const cjs = createRequire(import.meta.url)('tuiyi')
const names = Object.keys(cjs).sort()
console.log(JSON.stringify({ names, same: names.every((n) => ns[n] === cjs[n] && tuiyi[n] === cjs[n]), due: ns.addWorkingDays('2024-09-30', 3) }))`

test('the tarball holds the package and nothing else; installed, it is a copy, not a link', () => {
  const dir = installed()
  const at = path.join(dir, 'node_modules', 'tuiyi')
  assert.ok(!fs.lstatSync(at).isSymbolicLink())
  const files = fs.readdirSync(at).sort()
  assert.deepStrictEqual(files, ['README.md', 'index.d.ts', 'index.js', 'index.mjs', 'native.js', 'pack.js', 'package.json', 'tuiyi.linux-x64-gnu.node', 'types.d.ts'].sort())
})

test('CommonJS and ES module consumers of the installed package see the same functions', () => {
  const dir = installed()
  const cjs = JSON.parse(node(['-e', CJS], { cwd: dir }))
  assert.deepStrictEqual(cjs.names, NAMES)
  assert.equal(cjs.due, '2024-10-10')
  assert.equal(cjs.valid, false)
  const esm = JSON.parse(node(['--input-type=module', '-e', ESM], { cwd: dir }))
  assert.deepStrictEqual(esm.names, NAMES)
  assert.equal(esm.same, true)
  assert.equal(esm.due, '2024-10-10')
  // and from this checkout, by the package's own name
  assert.deepStrictEqual(JSON.parse(node(['-e', CJS])).names, NAMES)
  assert.equal(JSON.parse(node(['--input-type=module', '-e', ESM])).same, true)
})

test('TypeScript: examples/usage.ts compiles with tsc --strict against the installed package', () => {
  const dir = installed()
  fs.copyFileSync(path.join(PKG, 'examples', 'usage.ts'), path.join(dir, 'usage.ts'))
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', types: ['node'], typeRoots: [path.join(PKG, 'node_modules', '@types')] },
      files: ['usage.ts'],
    }),
  )
  const tsc = path.join(PKG, 'node_modules', 'typescript', 'bin', 'tsc')
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: dir, encoding: 'utf8' })
  assert.equal(r.status, 0, r.stdout + r.stderr)
  const usage = fs.readFileSync(path.join(PKG, 'examples', 'usage.ts'), 'utf8')
  for (const n of NAMES) assert.match(usage, new RegExp(`\\b${n}\\b`), `usage.ts uses ${n}`)
  assert.match(usage, /interface PortalForm/, 'a form declared as an interface')
})

test('package.json: exports, files, engines; index.d.ts declares every export', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(PKG, 'package.json'), 'utf8'))
  assert.equal(pkg.name, 'tuiyi')
  assert.deepStrictEqual(pkg.exports['.'], { types: './index.d.ts', import: './index.mjs', require: './index.js' })
  assert.equal(pkg.engines.node, '^20.17.0 || ^22.13.0 || >=23.5.0')
  const dts = fs.readFileSync(path.join(PKG, 'index.d.ts'), 'utf8')
  for (const n of NAMES.filter((n) => n !== 'Engine')) assert.match(dts, new RegExp(`export declare function ${n}\\(`), n)
  assert.match(dts, /export declare class Engine/)
})

// Dates never shift with the process's time zone: strings are calendar days; a JS Date is refused.
const TZ_SCRIPT = `
  const t = require('tuiyi')
  const safe = (f) => { try { return f() } catch (e) { return { code: e.code, path: e.path, type: e.constructor.name } } }
  console.log(JSON.stringify({
    add: safe(() => t.addWorkingDays('2024-09-30', 3)),
    add2: safe(() => t.addWorkingDays('2024-12-31', 1)),
    is: ['2024-09-29', '2024-10-01', '2024-10-12', '2025-01-01'].map((d) => safe(() => t.isWorkingDay(d))),
    between: safe(() => t.workingDaysBetween('2024-09-30', '2024-10-31')),
    period: safe(() => t.periodEnd('2024-09-01', 30)),
    date: safe(() => t.isWorkingDay(new Date(2024, 9, 1))),
    dateUtc: safe(() => t.addWorkingDays(new Date('2024-10-01'), 1)),
    validate: safe(() => t.validate({ service_info: { discharge_date: '2024-09-01' } }, '2024-10-08')),
    offset: new Date(2024, 0, 1).getTimezoneOffset(),
  }))
`

test('time zones: the same answers under TZ=America/New_York, Asia/Shanghai and UTC', () => {
  const runs = ['America/New_York', 'Asia/Shanghai', 'UTC'].map((TZ) => JSON.parse(node(['-e', TZ_SCRIPT], { env: { TZ } })))
  assert.equal(runs[0].offset, 300, 'New York really is UTC-5 in the child')
  assert.equal(runs[1].offset, -480, 'Shanghai really is UTC+8 in the child')
  for (const r of runs) {
    delete r.offset
    assert.deepStrictEqual(r.date, { code: 'wrong_type', path: '/date', type: 'TypeError' })
    assert.deepStrictEqual(r.dateUtc, { code: 'wrong_type', path: '/date', type: 'TypeError' })
  }
  assert.deepStrictEqual(runs[0], runs[2])
  assert.deepStrictEqual(runs[1], runs[2])
  assert.equal(runs[2].add, '2024-10-10')
  assert.deepStrictEqual(runs[2].is, [true, false, true, false])
})
