'use strict'
// No output of tuiyi shows a personal number: an ID number, a bank card or a phone number put anywhere in
// the example form — in every field, as a key, in an argument that fails — typed in any script of digits,
// spaced, dashed or with zero-width characters between the digits, or as a JS number, never appears with
// 7 of its digits in a row in a report, a pre-review or an error. `leaks` is tuiyi_core::mask::leaks in JS.
const test = require('node:test')
const assert = require('node:assert/strict')
const tuiyi = require('..')
const { TODAY, exampleForm } = require('./helpers.cjs')

const PII = ['110101199003071233', '6222021234567890123', '13912345678']

/** The zero of every block of ten decimal digits (Unicode Nd), as in tuiyi_core::mask. */
const DIGIT_ZEROS = [
  0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0, 0xf20,
  0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900,
  0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450,
  0x114d0, 0x11650, 0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0, 0x16b50, 0x1d7ce,
  0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
]

function digitValue(ch) {
  const u = ch.codePointAt(0)
  let zero = -1
  for (const z of DIGIT_ZEROS) if (z <= u) zero = z
  return zero >= 0 && u - zero < 10 ? u - zero : null
}

const SEPARATOR = /^[ \t\u00a0\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff\u00ad\u180e\-_\u2010-\u2015\u2212\u30fc\uff0d\u3001.,，、·・]$/u

/** A run written as a date: YYYY-MM(-DD) in ASCII digits. */
function isDateShape(t) {
  const parts = t.split(/[-/.年月]/)
  if (parts.length < 2 || parts.length > 3 || !/^[0-9]{4}$/.test(parts[0])) return false
  return parts.slice(1).every((p) => /^[0-9]{1,2}$/.test(p))
}

/** Does `out` show 7 or more digits of `secret` in a row (digits of any script, separators ignored)? */
function leaks(secret, out) {
  const chars = [...out]
  // Blank the runs written as dates (tuiyi prints dates as YYYY-MM-DD; they are not personal numbers).
  const kept = []
  for (let i = 0; i < chars.length; ) {
    if (digitValue(chars[i]) === null) {
      kept.push(chars[i++])
      continue
    }
    let j = i + 1
    for (;;) {
      let k = j
      while (k < chars.length && SEPARATOR.test(chars[k])) k++
      if (k < chars.length && digitValue(chars[k]) !== null) j = k + 1
      else break
    }
    const run = chars.slice(i, j)
    if (isDateShape(run.join(''))) kept.push('|')
    else kept.push(...run)
    i = j
  }
  let folded = ''
  for (const ch of kept) {
    const d = digitValue(ch)
    if (d !== null) folded += String(d)
    else if (!SEPARATOR.test(ch)) folded += '|'
  }
  for (let i = 0; i + 7 <= secret.length; i++) if (folded.includes(secret.slice(i, i + 7))) return true
  return false
}

function shapes(n) {
  const script = (zero) => [...n].map((c) => String.fromCodePoint(zero + Number(c))).join('')
  const groups = n.match(/.{1,4}/g)
  return [n, script(0xff10), groups.join(' '), groups.join('-'), [...n].join('\u200b'), script(0x660), Number(n)]
}

function* positions(v, at = []) {
  if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) yield* positions(x, [...at, k])
  else yield at
}

function put(form, at, value) {
  const f = structuredClone(form)
  let o = f
  for (const k of at.slice(0, -1)) o = o[k]
  o[at[at.length - 1]] = value
  return f
}

test('the leak check itself: it finds what it must, and ignores dates', () => {
  assert.ok(leaks('110101199003071233', 'id 110101199003071233'))
  assert.ok(leaks('110101199003071233', 'id １１０１０１１９９００３０７１２３３'))
  assert.ok(leaks('110101199003071233', 'x 1101 0119 9003'))
  assert.ok(!leaks('110101199003071233', '110*************33'))
  assert.ok(leaks('110101199003071233', 'as a number 110101199003071230'))
  assert.ok(!leaks('110101199003071233', 'born 1990-03-07'))
})

test('no output shows a personal number, however it is typed and wherever it is put', () => {
  const FORM = exampleForm()
  const all = [...positions(FORM)]
  let checked = 0
  for (const secret of PII) {
    for (const value of shapes(secret)) {
      for (const at of all.filter((_, i) => i % 3 === 0)) {
        const f = put(FORM, at, value)
        for (const out of [tuiyi.validate(f, TODAY), tuiyi.prereview(f, [], TODAY)]) {
          const text = JSON.stringify(out)
          assert.ok(!leaks(secret, text), `${secret} as ${JSON.stringify(value)} at /${at.join('/')}: ${text.slice(0, 300)}`)
        }
        checked++
      }
      // as an unknown key
      const f = structuredClone(FORM)
      f.basic_info[String(value)] = 1
      const text = JSON.stringify(tuiyi.validate(f, TODAY))
      assert.ok(!leaks(secret, text), text.slice(0, 300))
      // in errors, of every kind of argument
      for (const call of [() => tuiyi.addWorkingDays(value, 1), () => tuiyi.schema(String(value)), () => tuiyi.validate({ [String(value)]: 1n }, TODAY), () => tuiyi.run(String(value), {})]) {
        try {
          call()
          assert.fail('expected an error')
        } catch (e) {
          const shown = [e.message, e.message_en, e.path, String(e), e.stack].join('\n')
          assert.ok(!leaks(secret, shown), shown)
        }
      }
    }
  }
  assert.ok(checked > 300, `${checked} forms`)
})
