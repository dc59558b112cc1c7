'use strict'
// The HTTP examples, CommonJS (examples/server.cjs) and ES module (examples/server.mjs): each started on an
// ephemeral loopback port, forms posted to it.
const test = require('node:test')
const assert = require('node:assert/strict')
const tuiyi = require('..')
const { exampleForm } = require('./helpers.cjs')

const TODAY = '2024-10-08'
const SERVERS = {
  'examples/server.cjs': async () => require('../examples/server.cjs'),
  'examples/server.mjs': async () => import('../examples/server.mjs'),
}

async function withServer(load, fn) {
  const { createServer, MAX_BODY } = await load()
  const server = createServer()
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  try {
    await fn(`http://127.0.0.1:${server.address().port}`, MAX_BODY)
  } finally {
    server.closeAllConnections?.()
    await new Promise((r) => server.close(r))
  }
}

for (const [name, load] of Object.entries(SERVERS)) {
  test(`${name}: POST /validate answers with the report`, async () => {
    await withServer(load, async (base) => {
      for (const form of [exampleForm(), {}, { basic_info: { phone: '123' } }]) {
        const res = await fetch(`${base}/validate?today=${TODAY}`, { method: 'POST', body: JSON.stringify(form) })
        assert.equal(res.status, 200)
        assert.match(res.headers.get('content-type'), /application\/json/)
        assert.deepStrictEqual(await res.json(), tuiyi.validate(form, TODAY))
      }
    })
  })

  test(`${name}: 400 on bad JSON or a bad today, 413 when too large, 404/405 elsewhere`, async () => {
    await withServer(load, async (base, MAX_BODY) => {
      let res = await fetch(`${base}/validate`, { method: 'POST', body: '{not json' })
      assert.equal(res.status, 400)
      const body = await res.json()
      assert.equal(body.error.code, 'json_syntax')
      assert.equal(body.error.path, '/form')
      assert.equal(typeof body.error.message, 'string')
      assert.equal(typeof body.error.message_en, 'string')
      // A GBK body (张三: D5 C5 C8 FD) is refused, not read with its Chinese replaced by U+FFFD.
      const gbk = Buffer.concat([Buffer.from('{"basic_info": {"name": "'), Buffer.from('d5c5c8fd', 'hex'), Buffer.from('"}}')])
      res = await fetch(`${base}/validate?today=${TODAY}`, { method: 'POST', body: gbk })
      assert.equal(res.status, 400)
      const notUtf8 = (await res.json()).error
      assert.equal(notUtf8.code, 'json_not_utf8')
      assert.equal(notUtf8.path, '/form')
      assert.match(notUtf8.message, /第 25 字节之后无效/)
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

  test(`${name}: concurrent posts get their own reports`, async () => {
    await withServer(load, async (base) => {
      const forms = Array.from({ length: 40 }, (_, i) => ({ basic_info: { name: `王${i}` } }))
      const got = await Promise.all(
        forms.map((f) => fetch(`${base}/validate?today=${TODAY}`, { method: 'POST', body: JSON.stringify(f) }).then((r) => r.json())),
      )
      got.forEach((r, i) => assert.deepStrictEqual(r, tuiyi.validate(forms[i], TODAY)))
    })
  })
}
