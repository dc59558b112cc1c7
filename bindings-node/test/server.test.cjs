'use strict'
// The HTTP example: started on an ephemeral loopback port, forms posted to it.
const test = require('node:test')
const assert = require('node:assert/strict')
const { createServer, MAX_BODY } = require('../examples/server.js')
const tuiyi = require('..')
const { exampleForm } = require('./helpers.cjs')

async function withServer(fn) {
  const server = createServer()
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  const base = `http://127.0.0.1:${server.address().port}`
  try {
    await fn(base)
  } finally {
    server.closeAllConnections?.()
    await new Promise((r) => server.close(r))
  }
}

test('POST /validate answers with the report', async () => {
  await withServer(async (base) => {
    const forms = [exampleForm() ?? { basic: { name: '张三' } }, {}, { a: 1 }]
    for (const form of forms) {
      const res = await fetch(`${base}/validate?today=2024-10-08`, { method: 'POST', body: JSON.stringify(form) })
      assert.equal(res.status, 200)
      assert.match(res.headers.get('content-type'), /application\/json/)
      assert.deepStrictEqual(await res.json(), tuiyi.validate(form, '2024-10-08'))
    }
  })
})

test('400 on bad JSON or an unreadable form, 413 on too large, 404/405 elsewhere', async () => {
  await withServer(async (base) => {
    let res = await fetch(`${base}/validate`, { method: 'POST', body: '{not json' })
    assert.equal(res.status, 400)
    const body = await res.json()
    assert.equal(body.error.code, 'json_syntax')
    assert.equal(typeof body.error.message, 'string')

    res = await fetch(`${base}/validate?today=2024-9-1`, { method: 'POST', body: '{}' })
    assert.equal(res.status, 400)
    assert.equal((await res.json()).error.path, '/today')

    res = await fetch(`${base}/validate`, { method: 'POST', body: 'x'.repeat(MAX_BODY + 1) })
    assert.equal(res.status, 413)
    assert.equal((await res.json()).error.code, 'body_too_large')

    res = await fetch(`${base}/validate`)
    assert.equal(res.status, 405)
    res = await fetch(`${base}/nope`, { method: 'POST', body: '{}' })
    assert.equal(res.status, 404)
  })
})

test('concurrent posts get their own reports', async () => {
  await withServer(async (base) => {
    const forms = Array.from({ length: 40 }, (_, i) => ({ i }))
    const got = await Promise.all(
      forms.map((f) => fetch(`${base}/validate?today=2024-10-08`, { method: 'POST', body: JSON.stringify(f) }).then((r) => r.json())),
    )
    got.forEach((r, i) => assert.deepStrictEqual(r, tuiyi.validate(forms[i], '2024-10-08')))
  })
})
