'use strict'
// Issue 15.5: the Node package's JS walker (pack.js) must keep paying for itself. A benchmark, not a unit test:
// `scripts/test.sh` runs it after the Node suite, and it exits 1 when `validate(object)` through the walker is no
// longer clearly faster than through the N-API walk alone — then the walker (and its code) should go.
//   node benches/node_walker_check.cjs [MIN_RATIO]     (default 1.15; measured 1.8× on this VM)
// 300 distinct realistic forms, interleaved rounds (both ways suffer the same machine noise), best of 7 each.
const tuiyi = require('../bindings-node')
const native = require('../bindings-node/native.js')
const { TODAY, distinctForms } = require('../bindings-node/test/helpers.cjs')

const MIN = Number(process.argv[2] || 1.15)
const forms = distinctForms(300)
const engine = new native.Engine()
const walker = (f) => tuiyi.validate(f, TODAY)
// The addon gives the report as JSON text, which index.js parses: parsed here too.
const napi = (f) => JSON.parse(engine.call('validate', [f, TODAY]))

function perCall(fn) {
  const t0 = process.hrtime.bigint()
  for (const f of forms) fn(f)
  return Number(process.hrtime.bigint() - t0) / forms.length
}
for (let i = 0; i < 3; i++) {
  perCall(walker)
  perCall(napi)
}
let w = Infinity
let n = Infinity
for (let i = 0; i < 7; i++) {
  w = Math.min(w, perCall(walker))
  n = Math.min(n, perCall(napi))
}
const ratio = n / w
console.log(
  `validate(object), 300 distinct forms: JS walker ${(w / 1000).toFixed(1)} µs, N-API walk ${(n / 1000).toFixed(1)} µs ` +
    `(${ratio.toFixed(2)}×; the walker must be at least ${MIN}× as fast)`,
)
if (ratio < MIN) {
  console.error('the JS walker no longer pays for itself: remove bindings-node/pack.js and its native decoding (issue 15.5)')
  process.exit(1)
}
