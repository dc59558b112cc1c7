// A minimal endpoint a portal posts a registration form to (Node's own http module, no framework), as an ES
// module; examples/server.cjs is the same as a CommonJS module.
//
//   node examples/server.mjs             # listens on $PORT (default 8080)
//   curl -s -X POST --data @../examples/form.json 'http://127.0.0.1:8080/validate?today=2024-10-08'
//
// POST /validate   body: the form as JSON   →  200 with the report {valid, errors, warnings}
//                  (an invalid form is still 200: `valid` says so; each finding has code, path, message…)
//   400  the body is not JSON / not a form tuiyi can read: {error: {code, kind, path, message, message_en}}
//   413  the body is larger than MAX_BODY bytes
//   404 / 405  other paths / methods
import http from 'node:http'
import { fileURLToPath } from 'node:url'
import { validateJson } from 'tuiyi'

export const MAX_BODY = 256 * 1024 // a complete form is ~3 KB

function send(res, status, body) {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  })
  res.end(text)
}

const errorBody = (e) => ({ error: { code: e.code, kind: e.kind, path: e.path, message: e.message, message_en: e.message_en } })

async function body(req) {
  const chunks = []
  let size = 0
  for await (const c of req) {
    size += c.length
    if (size > MAX_BODY) return null
    chunks.push(c)
  }
  return Buffer.concat(chunks)
}

async function handle(req, res) {
  const url = new URL(req.url, 'http://localhost')
  if (url.pathname !== '/validate') return send(res, 404, { error: { code: 'not_found' } })
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST')
    return send(res, 405, { error: { code: 'method_not_allowed' } })
  }
  const tooLarge = () => {
    res.setHeader('connection', 'close')
    send(res, 413, { error: { code: 'body_too_large', limit: MAX_BODY } })
    req.resume()
  }
  if (Number(req.headers['content-length']) > MAX_BODY) return tooLarge()
  let bytes
  try {
    bytes = await body(req)
  } catch {
    return // the client went away
  }
  if (bytes === null) return tooLarge()
  try {
    // The body's bytes go straight to tuiyi: checked to be UTF-8 (a GBK body is a 400 json_not_utf8, where
    // `toString('utf8')` would have turned its Chinese into U+FFFD silently), then parsed in Rust within its
    // size and depth limits.
    send(res, 200, validateJson(bytes, url.searchParams.get('today') ?? undefined))
  } catch (e) {
    if (e && typeof e.code === 'string' && e.kind !== 'internal') return send(res, 400, errorBody(e))
    send(res, 500, e && e.code ? errorBody(e) : { error: { code: 'internal_error' } })
  }
}

export function createServer() {
  return http.createServer((req, res) => {
    handle(req, res)
  })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT || 8080)
  createServer().listen(port, '127.0.0.1', () => console.log(`tuiyi: POST http://127.0.0.1:${port}/validate`))
}
