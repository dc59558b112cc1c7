'use strict'
// A minimal endpoint a portal posts a registration form to (Node's own http module, no framework), as a
// CommonJS module; examples/server.mjs is the same as an ES module.
//
//   node examples/server.cjs             # listens on $PORT (default 8080)
//   curl -s -X POST --data @../examples/form.json 'http://127.0.0.1:8080/validate?today=2024-10-08'
//
// POST /validate   body: the form as JSON   →  200 with the report {valid, errors, warnings}
//                  (an invalid form is still 200: `valid` says so; each finding has code, path, message…)
//   400  the body is not JSON / not a form tuiyi can read: {error: {code, kind, path, message, message_en}}
//   413  the body is larger than MAX_BODY bytes
//   404 / 405  other paths / methods
const http = require('node:http')
const tuiyi = require('tuiyi')

const MAX_BODY = 256 * 1024 // a complete form is ~3 KB

function send(res, status, body) {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  })
  res.end(text)
}

function errorBody(e) {
  return { error: { code: e.code, kind: e.kind, path: e.path, message: e.message, message_en: e.message_en } }
}

function handle(req, res) {
  const url = new URL(req.url, 'http://localhost')
  if (url.pathname !== '/validate') return send(res, 404, { error: { code: 'not_found' } })
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST')
    return send(res, 405, { error: { code: 'method_not_allowed' } })
  }
  const declared = Number(req.headers['content-length'])
  if (declared > MAX_BODY) {
    res.setHeader('connection', 'close')
    send(res, 413, { error: { code: 'body_too_large', limit: MAX_BODY } })
    return req.resume()
  }
  const chunks = []
  let size = 0
  let done = false
  req.on('data', (c) => {
    if (done) return
    size += c.length
    if (size > MAX_BODY) {
      done = true
      res.setHeader('connection', 'close')
      send(res, 413, { error: { code: 'body_too_large', limit: MAX_BODY } })
      req.resume()
      return
    }
    chunks.push(c)
  })
  req.on('end', () => {
    if (done) return
    done = true
    const body = Buffer.concat(chunks)
    const today = url.searchParams.get('today') ?? undefined
    try {
      // The body's bytes go straight to tuiyi: checked to be UTF-8 (a GBK body is a 400 json_not_utf8, where
      // `toString('utf8')` would have turned its Chinese into U+FFFD silently), then parsed in Rust within its
      // size and depth limits.
      send(res, 200, tuiyi.validateJson(body, today))
    } catch (e) {
      if (e && typeof e.code === 'string' && e.kind !== 'internal') return send(res, 400, errorBody(e))
      send(res, 500, e && e.code ? errorBody(e) : { error: { code: 'internal_error' } })
    }
  })
  req.on('error', () => {
    done = true
  })
}

function createServer() {
  return http.createServer(handle)
}

module.exports = { createServer, MAX_BODY }

if (require.main === module) {
  const port = Number(process.env.PORT || 8080)
  createServer().listen(port, '127.0.0.1', () => console.log(`tuiyi: POST http://127.0.0.1:${port}/validate`))
}
