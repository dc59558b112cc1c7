// Node benchmark of the tuiyi-wasm package (issue 17). Run after building it:
//   bash bindings-wasm/build.sh && node benches/wasm_bench.mjs
// Prints a Markdown table: the module's size (raw, gzip -9), init() (compile + instantiate from the bytes
// in memory), the first operation (the engine built), and per-call times (median of batches) of validate
// (object and JSON text), plan and addWorkingDays. The browser's instantiation time is measured by the
// portal's test in Chromium (examples/portal/test, test-output/portal/timing.json). Short by design.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { fileURLToPath } from 'node:url'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const pkg = path.join(repo, 'bindings-wasm', 'pkg')
const bytes = fs.readFileSync(path.join(pkg, 'tuiyi_wasm_bg.wasm'))
const tuiyi = await import(path.join(pkg, 'index.js'))

let t0 = performance.now()
await tuiyi.init(bytes)
const initMs = performance.now() - t0
t0 = performance.now()
tuiyi.isWorkingDay('2024-10-08')
const firstMs = performance.now() - t0

const form = JSON.parse(fs.readFileSync(path.join(repo, 'examples', 'form.json'), 'utf8'))
const formText = JSON.stringify(form)
const app = JSON.parse(fs.readFileSync(path.join(repo, 'examples', 'applicant.json'), 'utf8'))
const TODAY = '2024-10-08'

/** Median over batches of the time per call, in µs. */
function bench(f, perBatch = 200, batches = 15) {
  for (let i = 0; i < perBatch; i++) f()
  const per = []
  for (let b = 0; b < batches; b++) {
    const s = performance.now()
    for (let i = 0; i < perBatch; i++) f()
    per.push(((performance.now() - s) * 1000) / perBatch)
  }
  per.sort((a, b) => a - b)
  return per[Math.floor(per.length / 2)]
}

const rows = [
  ['`validate(form, today)` (object: walked to JSON text in JS, parsed and checked in wasm)', bench(() => tuiyi.validate(form, TODAY))],
  ['`validate(formText, today)` (the form as its JSON text)', bench(() => tuiyi.validate(formText, TODAY))],
  ['`plan(application)` (`examples/applicant.json`)', bench(() => tuiyi.plan(app))],
  ['`addWorkingDays(date, 3)`', bench(() => tuiyi.addWorkingDays('2024-09-30', 3), 2000)],
]

const gz = zlib.gzipSync(bytes, { level: 9 }).length
console.log(`Node ${process.version}, ${os.cpus()[0].model}, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`)
console.log('')
console.log('| what | value |')
console.log('|---|---:|')
console.log(`| \`tuiyi_wasm_bg.wasm\` | ${bytes.length.toLocaleString('en')} bytes, ${gz.toLocaleString('en')} gzipped (-9) |`)
console.log(`| \`init(bytes)\` (compile + instantiate) | ${initMs.toFixed(1)} ms |`)
console.log(`| first operation (engine built: rules, calendar) | ${firstMs.toFixed(1)} ms |`)
for (const [what, us] of rows) console.log(`| ${what} | ${us.toFixed(2)} µs |`)
