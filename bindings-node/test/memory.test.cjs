'use strict'
// Engines are freed (issue 14.4: RSS went 47 → 586 MB over 2 M `new Engine()`; 76 KB per engine with
// `{rulesDir}` stayed after gc()). The causes: every `new Engine()` wrapped a native object, and Node runs
// native finalizers only on a turn of the event loop after the GC that found them dead (a synchronous loop
// keeps every one alive), while V8, told nothing of the ~70 KB a directory engine holds, saw no reason to
// collect. Now `new Engine()` shares one native engine (nothing native per call), and an engine loaded
// from directories tells V8 what it holds (napi_adjust_external_memory) and gives it back when finalized.
//
// Run in a child `node --expose-gc`; `_externalMemory()` is V8's count of the memory native objects hold:
// back to where it started means every directory engine's Rust side was dropped.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const { PKG, REPO } = require('./helpers.cjs')

const SCRIPT = `
const t = require(${JSON.stringify(PKG)})
const n = require(${JSON.stringify(path.join(PKG, 'native.js'))})
const tick = () => new Promise((r) => setImmediate(r))
const settle = async () => { for (let i = 0; i < 3; i++) { gc(); await tick() } }
const rss = () => process.memoryUsage().rss
const dir = process.argv[1]
;(async () => {
  // warm up: allocator arenas, code, the shared engine
  for (let i = 0; i < 200; i++) new t.Engine({ rules_dir: dir }).conflicts()
  for (let i = 0; i < 2000; i++) new t.Engine()
  await settle()
  const out = { rss0: rss(), ext0: n._externalMemory() }
  for (let i = 0; i < 200000; i++) {
    const e = new t.Engine()
    if (i % 10000 === 0) e.isWorkingDay('2024-10-01')
  }
  await settle()
  out.rssPlain = rss()
  out.extPlain = n._externalMemory()
  // directory engines as a long-running server makes them: a batch, then other work (a GC, a turn)
  for (let b = 0; b < 20; b++) {
    for (let i = 0; i < 100; i++) new t.Engine({ rules_dir: dir }).addWorkingDays('2024-09-30', 3)
    out.extOne = out.extOne ?? (n._externalMemory() - out.ext0) / 100
    gc()
    await tick()
  }
  await settle()
  out.rssDir = rss()
  out.extDir = n._externalMemory()
  // all at once, in a loop that never yields: nothing can be finalized until it does
  for (let i = 0; i < 2000; i++) new t.Engine({ rules_dir: dir })
  gc()
  out.extHeld = n._externalMemory()
  await settle()
  out.extAfter = n._externalMemory()
  console.log(JSON.stringify(out))
})()
`

test('200,000 plain engines and 2,000 from a directory: everything native is freed, RSS stays bounded', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuiyi-rules-'))
  fs.cpSync(path.join(REPO, 'rules', 'shanxi'), dir, { recursive: true })
  try {
    const r = spawnSync(process.execPath, ['--expose-gc', '-e', SCRIPT, dir], { encoding: 'utf8' })
    assert.equal(r.status, 0, r.stderr)
    const m = JSON.parse(r.stdout)
    const MB = 1024 * 1024
    t.diagnostic(
      `RSS ${(m.rss0 / MB).toFixed(1)} MB → ${(m.rssPlain / MB).toFixed(1)} MB after 200,000 new Engine() → ` +
        `${(m.rssDir / MB).toFixed(1)} MB after 2,000 from a directory; ${(m.extOne / 1024).toFixed(0)} KB told V8 per directory engine, ` +
        `${((m.extHeld - m.ext0) / MB).toFixed(0)} MB held by 2,000 before the loop yields, ${m.extAfter - m.ext0} bytes after`,
    )
    // `new Engine()` makes nothing native: no finalizer to wait for. 200,000 native wrappers of the old
    // design held ~54 MB (270 bytes each, measured in issue 14.4); what remains is V8's own heap growth.
    assert.equal(m.extPlain, m.ext0)
    assert.ok(m.rssPlain - m.rss0 < 24 * MB, `200,000 plain engines: RSS +${((m.rssPlain - m.rss0) / MB).toFixed(1)} MB`)
    // A directory engine holds about as much as its files (2 × their size is told to V8: ~120 KB here).
    assert.ok(m.extOne > 50 * 1024 && m.extOne < 1024 * 1024, `${m.extOne} bytes per engine`)
    // Every directory engine dropped: V8's count is back where it started...
    assert.equal(m.extDir, m.ext0)
    assert.equal(m.extAfter, m.ext0)
    // ... and so is the process, within what 100 live engines and the allocator's retained pages take:
    // 2,000 leaked engines would be ~146 MB (73 KB each, issue 14.4); the bound is a third of that.
    assert.ok(m.rssDir - m.rss0 < 48 * MB, `2,000 directory engines: RSS +${((m.rssDir - m.rss0) / MB).toFixed(1)} MB`)
    // Why a synchronous loop held them all: finalizers wait for the loop to turn.
    assert.ok(m.extHeld - m.ext0 > 100 * m.extOne, 'a loop that never yields keeps its engines until it does')
  } finally {
    fs.rmSync(dir, { recursive: true })
  }
})
