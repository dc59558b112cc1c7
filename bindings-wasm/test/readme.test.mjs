// The ```js block of README.md's `wasm` section runs against the built package, and every `// → value` it
// shows is checked (so the README cannot rot).
import test from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { REPO, PKG } from './helpers.mjs'

test('the README’s WebAssembly example runs and says what it shows', async () => {
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8')
  const start = readme.indexOf('<!-- section:wasm ')
  const end = readme.indexOf('<!-- /section:wasm -->', start)
  assert.ok(start >= 0 && end > start, 'README.md has a wasm section')
  const block = /```js\n([\s\S]*?)```/.exec(readme.slice(start, end))
  assert.ok(block, 'the wasm section has a ```js block')
  // Continuation lines (starting with `.`) belong to the line above.
  const source = block[1].replace("'./pkg/index.js'", JSON.stringify(pathToFileURL(path.join(PKG, 'index.js')).href))
  const joined = []
  for (const line of source.split('\n')) {
    if (/^\s+\./.test(line) && joined.length) joined[joined.length - 1] = joined[joined.length - 1].replace(/\s*\/\/.*$/, '') + line.trim()
    else joined.push(line)
  }
  const lines = []
  let checks = 0
  for (const line of joined) {
    const m = /^(.*?)\s*\/\/ → (.*?)(?: \(.*\))?$/.exec(line)
    if (!m) {
      lines.push(line)
      continue
    }
    lines.push(`assert.deepStrictEqual(${m[1]}, ${m[2]})`)
    checks++
  }
  assert.ok(checks >= 3, `only ${checks} checked results`)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuiyi-readme-'))
  const file = path.join(dir, 'example.mjs')
  fs.writeFileSync(file, `import assert from 'node:assert/strict'\n${lines.join('\n')}\n`)
  try {
    await import(pathToFileURL(file).href)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
