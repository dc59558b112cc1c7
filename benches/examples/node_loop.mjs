// A loop for valgrind (benches/node_icount.sh): validate the 1,000 distinct forms of benches/node_bench.mjs,
// PASSES times, as their JSON text (`text`) or as objects (`object`), through the package (index.js).
//   node benches/examples/node_loop.mjs text|object PASSES
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const require = createRequire(path.join(repo, 'bindings-node', 'package.json'))
const tuiyi = require('./index.js')
const example = JSON.parse(readFileSync(path.join(repo, 'examples', 'form.json'), 'utf8'))
// The same 1,000 forms as benches/node_bench.mjs.
const valid = Array.from({ length: 1000 }, (_, i) => {
  const f = structuredClone(example)
  f.basic_info.name = ['王晓军', '李明', '张伟', '刘洋', '陈静'][i % 5]
  f.basic_info.current_address = `山西省太原市小店区龙城大街${i + 1}号${(i % 9) + 1}单元${100 + (i % 30)}室`
  f.basic_info.phone = `139${String(10000000 + i * 7919).slice(-8)}`
  f.family_members[i % 2].phone = `138${String(20000000 + i * 104729).slice(-8)}`
  f.employment.family_annual_income = 30000 + i * 37.5
  f.education.major = ['机电一体化技术', '计算机应用技术', '会计', '护理'][i % 4]
  if (i % 3 === 0) f.family_members = f.family_members.slice(0, 1)
  return f
})
const mode = process.argv[2] === 'object' ? 'object' : 'text'
const inputs = mode === 'text' ? valid.map((f) => JSON.stringify(f)) : valid
const passes = Number(process.argv[3] || 1)
let ok = 0
for (let r = 0; r < passes; r++) for (const x of inputs) if (tuiyi.validate(x, '2024-10-15').valid) ok++
console.log(`${inputs.length} forms (${mode}), ${ok} valid`)
