// tuiyi-wasm · 山西省军人退役“一件事”规则引擎 in WebAssembly: the same operations as the `tuiyi` Node and
// Python packages, with the rules and the calendar embedded, for browsers and Node.
//
//   import { init, validate, plan } from './pkg/index.js'
//   await init()                       // fetch + instantiate tuiyi_wasm_bg.wasm (in Node: read from disk)
//   validate(form, '2024-10-08')       // → { valid, errors, warnings }
//
// Arguments and results are JSON data (dates as 'YYYY-MM-DD' strings; a form as an object or its JSON
// text); errors are thrown as Error (TypeError for wrong_type) with code, kind, path, message, message_en.
export { init, initSync, ready, run, runJson, validateJson, validateMany, version } from './internal.js'
export * from './ops.js'
