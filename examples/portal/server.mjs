// The portal's server (Node's own http module, no framework): serves the page (examples/portal/) and the
// WebAssembly package (bindings-wasm/pkg/ at /pkg/), and checks a submitted form again with the `tuiyi`
// Node package (the napi addon) — the browser's answer is a convenience, the server's is the one that
// counts.
//
//   node examples/portal/server.mjs            # http://127.0.0.1:8080/ ($PORT, $HOST)
//
// GET  /                 the page; /app.js, /application.js, /layout.js, /style.css, /icon.svg
// GET  /pkg/…            the tuiyi-wasm package (index.js, internal.js, ops.js, tuiyi_wasm.js, tuiyi_wasm_bg.wasm)
// POST /api/submit       body {form, extra, today} → 200 {report} (the same report the page computed),
//                        and when the form is valid also {application, plan}
//                        400 {error: {code, kind, path, message, message_en}}: the form cannot be checked
//                        413 the body is over MAX_BODY; 404 / 405 other paths and methods
import http from 'node:http'
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { applicationOf } from './application.js'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const ROOT = path.resolve(HERE, '..', '..')
/** The Node package: $TUIYI_NODE_PACKAGE (a directory or file), else this checkout's bindings-node (built by its test.sh). */
const entry = createRequire(import.meta.url).resolve(process.env.TUIYI_NODE_PACKAGE || path.join(ROOT, 'bindings-node'))
const loaded = await import(pathToFileURL(entry).href)
const tuiyi = loaded.default && typeof loaded.default.validate === 'function' ? loaded.default : loaded

/** A form is a few KB; a pasted megabyte must still reach tuiyi, which answers it with a coded error. */
export const MAX_BODY = 8 * 1024 * 1024

const PAGE = new Map([
  ['/', 'index.html'],
  ['/index.html', 'index.html'],
  ['/app.js', 'app.js'],
  ['/application.js', 'application.js'],
  ['/layout.js', 'layout.js'],
  ['/style.css', 'style.css'],
  ['/icon.svg', 'icon.svg'],
])
const PKG_DIR = path.join(ROOT, 'bindings-wasm', 'pkg')
const PKG = new Set(['index.js', 'internal.js', 'ops.js', 'tuiyi_wasm.js', 'tuiyi_wasm_bg.wasm', 'index.d.ts', 'package.json'])
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
}
// The page needs nothing but its own origin; compiling WebAssembly is allowed, nothing else is.
const CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

function send(res, status, body, headers = {}) {
  const text = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body)
  res.writeHead(status, {
    'content-type': typeof body === 'object' && !Buffer.isBuffer(body) ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'x-content-type-options': 'nosniff',
    ...headers,
  })
  res.end(text)
}

function serveFile(res, file, method) {
  fs.readFile(file, (err, data) => {
    if (err) return send(res, 404, { error: { code: 'not_found' } })
    const headers = {
      'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
      'content-length': data.length,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    }
    if (file.endsWith('.html')) headers['content-security-policy'] = CSP
    res.writeHead(200, headers)
    res.end(method === 'HEAD' ? undefined : data)
  })
}

/** A tuiyi error as the JSON the page reads (the same fields in every face). */
export function errorBody(e) {
  return { error: { code: e.code, kind: e.kind, path: e.path, message: e.message, message_en: e.message_en ?? e.messageEn } }
}

/** The answer to a submitted {form, extra, today}: [status, body]. */
export function answer(body) {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return [400, { error: { code: 'bad_request', kind: 'bad_input', path: '', message: '请求应为 JSON 对象 {form, extra, today}', message_en: 'the body must be a JSON object {form, extra, today}' } }]
  }
  const today = typeof body.today === 'string' ? body.today : undefined
  try {
    const report = tuiyi.validate(body.form, today)
    if (!report.valid) return [200, { report }]
    const extra = body.extra !== null && typeof body.extra === 'object' ? body.extra : {}
    // The plan reads the form's canonical form (codes as words, pushed fields filled in).
    const application = applicationOf(tuiyi.normalize(body.form, today).form, extra, today)
    return [200, { report, application, plan: tuiyi.plan(application) }]
  } catch (e) {
    if (e && typeof e.code === 'string' && e.kind !== 'internal') return [400, errorBody(e)]
    return [500, e && e.code ? errorBody(e) : { error: { code: 'internal_error', kind: 'internal', path: '', message: '服务器内部错误', message_en: 'internal server error' } }]
  }
}

function submit(req, res) {
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
    let body
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    } catch {
      return send(res, 400, { error: { code: 'json_syntax', kind: 'bad_input', path: '', message: '请求不是合法的 JSON', message_en: 'the body is not valid JSON' } })
    }
    const [status, out] = answer(body)
    send(res, status, out)
  })
  req.on('error', () => {
    done = true
  })
}

function handle(req, res) {
  const url = new URL(req.url, 'http://localhost')
  if (url.pathname === '/api/submit') {
    if (req.method !== 'POST') return send(res, 405, { error: { code: 'method_not_allowed' } }, { allow: 'POST' })
    return submit(req, res)
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: { code: 'method_not_allowed' } }, { allow: 'GET, HEAD' })
  if (PAGE.has(url.pathname)) return serveFile(res, path.join(HERE, PAGE.get(url.pathname)), req.method)
  if (url.pathname.startsWith('/pkg/')) {
    const name = url.pathname.slice('/pkg/'.length)
    if (PKG.has(name)) return serveFile(res, path.join(PKG_DIR, name), req.method)
  }
  send(res, 404, { error: { code: 'not_found' } })
}

export function createServer() {
  return http.createServer(handle)
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT || 8080)
  const host = process.env.HOST || '127.0.0.1'
  createServer().listen(port, host, () => console.log(`tuiyi portal: http://${host}:${port}/`))
}
