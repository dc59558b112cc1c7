'use strict'
// Shared helpers for the node:test suites.
const fs = require('node:fs')
const path = require('node:path')

const PKG = path.resolve(__dirname, '..')
const REPO = path.resolve(PKG, '..')

function listVectorFiles(dir = path.join(REPO, 'tests', 'vectors')) {
  const out = []
  if (!fs.existsSync(dir)) return out
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) out.push(...listVectorFiles(p))
    else if (e.name.endsWith('.json')) out.push(p)
  }
  return out
}

function loadVectors() {
  const cases = []
  for (const f of listVectorFiles()) {
    const rel = path.relative(REPO, f)
    for (const c of JSON.parse(fs.readFileSync(f, 'utf8'))) cases.push({ ...c, file: rel })
  }
  return cases
}

/** The example form shipped by the form work (examples/form.json), or null while it has not landed. */
function exampleForm() {
  const p = path.join(REPO, 'examples', 'form.json')
  return fs.existsSync(p) ? JSON.parse(fs.readFileSync(p, 'utf8')) : null
}

module.exports = { PKG, REPO, listVectorFiles, loadVectors, exampleForm }
