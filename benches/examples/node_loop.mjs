// A loop for valgrind (benches/node_icount.sh): validate the 1,000 distinct forms of benches/node_forms.mjs,
// PASSES times, as their JSON text (`text`), as its UTF-8 bytes (`bytes`: a Buffer, as a request body
// arrives) or as objects (`object`), through the package (index.js).
//   node benches/examples/node_loop.mjs text|bytes|object PASSES
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import path from 'node:path'
import { distinctValidForms } from '../node_forms.mjs'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const require = createRequire(path.join(repo, 'bindings-node', 'package.json'))
const tuiyi = require('./index.js')
const valid = distinctValidForms()
const mode = ['object', 'bytes'].includes(process.argv[2]) ? process.argv[2] : 'text'
const inputs =
  mode === 'text' ? valid.map((f) => JSON.stringify(f)) : mode === 'bytes' ? valid.map((f) => Buffer.from(JSON.stringify(f))) : valid
const passes = Number(process.argv[3] || 1)
let ok = 0
for (let r = 0; r < passes; r++) for (const x of inputs) if (tuiyi.validate(x, '2024-10-15').valid) ok++
console.log(`${inputs.length} forms (${mode}), ${ok} valid`)
