// The reference portal page: the whole 登记表 (附件2) rendered from its JSON Schema, checked in the browser
// by the tuiyi WebAssembly package as the person fills it in, posted to the server (which checks it again
// with the Node package) and answered with the applicant's plan. No framework, no network beyond the
// page's own server.
//
// Rendering (from `formSchema()`): a section per property of the root (its `title`), a field per property
// of a section: a closed list (`enum`, or `oneOf` of `const`s) is a <select>, a date (`format: date`) an
// <input type=date>, a year-month an <input type=month>, an integer or number an <input type=number>, an
// array of objects (家庭成员, 表彰, 奖励, 处分) a list of groups with add and remove buttons. An `if`/`then`
// whose `if` tests a value (`const`) makes the fields its `then` requires conditional: they are shown
// only while the `if` holds (入伍时注销户口 → the 户口登记 section; 投靠亲属落户 → 投靠人 fields). Hidden
// fields are not sent.
//
// Checking: on every change the form's JSON goes to `validate(form, today)`; each finding is shown in
// Chinese under the field its JSON Pointer names (or the nearest shown group), the field gets
// aria-invalid and aria-describedby, and the summary at the top links to it. Before the first submit only
// findings about what the person has filled in are shown; from the first submit on, all.
import { init, validate, normalize, plan, formSchema, schema } from '/pkg/index.js'
import { applicationOf } from './application.js'
import { ordered, EXTRA } from './layout.js'

const $ = (sel) => document.querySelector(sel)

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue
    if (k === 'text') e.textContent = v
    else if (k === 'class') e.className = v
    else e.setAttribute(k, v === true ? '' : String(v))
  }
  for (const c of children) if (c) e.append(c)
  return e
}

// ---------------------------------------------------------------------------------------------------------
// Today: ?today=YYYY-MM-DD (a fixed day, for tests and demonstrations), else the date in Asia/Shanghai.

function shanghaiToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
}

const asked = new URLSearchParams(location.search).get('today')
const TODAY = asked && /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : shanghaiToday()

// ---------------------------------------------------------------------------------------------------------
// The schema

function resolve(s, root) {
  let guard = 0
  while (s && s.$ref && guard++ < 16) {
    const name = s.$ref.split('/').pop()
    const { $ref, ...rest } = s
    s = { ...root.$defs[name], ...rest }
  }
  return s || {}
}

/** The options of a closed list: [value, label] pairs, or null. */
function choices(s) {
  if (Array.isArray(s.enum)) return s.enum.map((v) => [String(v), String(v)])
  const alts = s.oneOf || s.anyOf
  if (Array.isArray(alts) && alts.length && alts.every((a) => a && typeof a === 'object' && 'const' in a)) {
    return alts.map((a) => [String(a.const), String(a.title || a.const)])
  }
  return null
}

/** Does `v` satisfy `s`, for the keywords an `if` of these schemas uses (properties, required, const, enum)? */
function matches(s, v) {
  if (!s || typeof s !== 'object') return true
  if ('const' in s && v !== s.const) return false
  if (Array.isArray(s.enum) && !s.enum.includes(v)) return false
  const obj = v !== null && typeof v === 'object' && !Array.isArray(v)
  if (Array.isArray(s.required) && !(obj && s.required.every((k) => k in v))) return false
  if (s.properties && obj) {
    for (const [k, sub] of Object.entries(s.properties)) if (k in v && !matches(sub, v[k])) return false
  }
  return true
}

const testsAValue = (s) =>
  !!s && typeof s === 'object' && ('const' in s || Object.values(s.properties || {}).some(testsAValue))

/** The conditional fields of an object schema: key → the `if`s under which it is shown; and the values a `then` fixes. */
function conditionals(s) {
  const shownIf = new Map()
  const fixed = []
  for (const rule of s.allOf || []) {
    if (!rule || !rule.if || !rule.then || !testsAValue(rule.if)) continue
    for (const k of rule.then.required || []) {
      if (!shownIf.has(k)) shownIf.set(k, [])
      shownIf.get(k).push(rule.if)
    }
    // A `then` may name a key it requires as `true` (any value; ajv's strict mode asks for it): only an object
    // with a `const` fixes a value.
    for (const [k, p] of Object.entries(rule.then.properties || {})) {
      if (p && typeof p === 'object' && 'const' in p) fixed.push([rule.if, k, p.const])
    }
  }
  return { shownIf, fixed }
}

// ---------------------------------------------------------------------------------------------------------
// The rendered form: nodes by JSON Pointer

const nodes = new Map() // pointer → node (field, object or array)
let formRoot = null
let extraRoot = null
const touched = new Set()
let submitted = false

const idOf = (prefix, pointer) => prefix + pointer.replace(/\//g, '-')

function fieldNode(prefix, pointer, key, s, required, root) {
  const id = idOf(prefix, pointer)
  const list = choices(s)
  const type = s.type
  let control
  let kind
  if (type === 'boolean') {
    kind = 'boolean'
    control = el('select', { id }, el('option', { value: '', text: '请选择' }), el('option', { value: 'true', text: '是' }), el('option', { value: 'false', text: '否' }))
  } else if (list) {
    kind = 'select'
    control = el('select', { id }, el('option', { value: '', text: '请选择' }), ...list.map(([v, l]) => el('option', { value: v, text: l })))
  } else if (type === 'integer' || type === 'number') {
    kind = type
    control = el('input', { id, type: 'number', step: type === 'integer' ? '1' : 'any', inputmode: type === 'integer' ? 'numeric' : 'decimal' })
  } else if (s.format === 'date') {
    kind = 'date'
    control = el('input', { id, type: 'date' })
  } else if (typeof s.pattern === 'string' && s.pattern.startsWith('^[0-9]{4}-(0[1-9]|1[0-2])$')) {
    kind = 'month'
    control = el('input', { id, type: 'month' })
  } else {
    kind = 'text'
    control = el('input', { id, type: 'text', autocomplete: 'off' })
  }
  control.dataset.pointer = pointer
  const title = s.title || key
  const hintId = s.description && s.description !== title ? `${id}-hint` : null
  const star = el('span', { class: 'required', 'aria-hidden': 'true', text: ' *' })
  const label = el('label', { for: id, text: title }, star)
  const hint = hintId ? el('p', { class: 'hint', id: hintId, text: s.description.split('\n')[0] }) : null
  const msg = el('p', { class: 'finding', id: `${id}-msg`, hidden: true })
  const wrap = el('div', { class: `field field-${kind}` }, label, control, hint, msg)
  const node = { type: 'field', pointer, key, kind, control, wrap, msg, hintId, star, title, required }
  setRequired(node, required)
  nodes.set(pointer, node)
  return node
}

function setRequired(node, on) {
  node.required = on
  node.star.hidden = !on
  if (on) node.control.setAttribute('aria-required', 'true')
  else node.control.removeAttribute('aria-required')
}

function objectNode(prefix, pointer, key, s, root, at, heading) {
  const id = idOf(prefix, pointer || '-root')
  const title = s.title || key
  const required = new Set(s.required || [])
  const { shownIf, fixed } = conditionals(s)
  const children = new Map()
  const box = heading ? el('fieldset', { class: 'group', id }) : el('div', { class: 'root', id })
  const msg = el('p', { class: 'finding group-finding', id: `${id}-msg`, hidden: true })
  if (heading) box.append(el('legend', { text: title }))
  box.append(msg)
  const node = { type: 'object', pointer, key, schema: s, box, msg, children, shownIf, fixed, required, title, id }
  nodes.set(pointer, node)
  for (const k of ordered(at, Object.keys(s.properties || {}))) {
    const child = build(prefix, `${pointer}/${k}`, k, s.properties[k], root, k, required.has(k))
    children.set(k, child)
    box.append(child.type === 'field' ? child.wrap : child.box)
  }
  return node
}

function arrayNode(prefix, pointer, key, s, root) {
  const id = idOf(prefix, pointer)
  const itemSchema = resolve(s.items || {}, root)
  // The item's own name: its title, else a short description (家庭成员, 奖励), else the list's title.
  const short = typeof itemSchema.description === 'string' && itemSchema.description.length <= 8 ? itemSchema.description : null
  const itemTitle = itemSchema.title || short || s.title || key
  const list = el('div', { class: 'items' })
  const msg = el('p', { class: 'finding group-finding', id: `${id}-msg`, hidden: true })
  const add = el('button', { type: 'button', class: 'add', text: `添加${itemTitle}` })
  const box = el('fieldset', { class: 'group array', id }, el('legend', { text: s.title || key }), msg, list, add)
  const node = { type: 'array', pointer, key, prefix, itemSchema, itemTitle, root, list, box, msg, items: [], title: s.title || key, id }
  nodes.set(pointer, node)
  add.addEventListener('click', () =>
    safely(() => {
      const item = addItem(node)
      touched.add(item.pointer)
      const first = item.box.querySelector('input, select')
      if (first) first.focus()
      refresh()
    }),
  )
  return node
}

function addItem(node, value) {
  const i = node.items.length
  const item = objectNode(node.prefix, `${node.pointer}/${i}`, String(i), { ...node.itemSchema, title: `${node.itemTitle} ${i + 1}` }, node.root, node.key, true)
  const remove = el('button', { type: 'button', class: 'remove', text: '删除', 'aria-label': `删除${node.itemTitle} ${i + 1}` })
  remove.addEventListener('click', () => safely(() => removeItem(node, i)))
  item.box.append(remove)
  node.items.push(item)
  node.list.append(item.box)
  if (value !== undefined) setValue(item, value)
  return item
}

function removeItem(node, i) {
  const values = node.items.map((it) => collect(it, true))
  values.splice(i, 1)
  for (const it of node.items) forget(it)
  node.items = []
  node.list.textContent = ''
  for (const v of values) addItem(node, v ?? {})
  touched.add(node.pointer)
  const focus = node.items[Math.min(i, node.items.length - 1)]
  ;(focus ? focus.box.querySelector('input, select') : node.box.querySelector('button.add')).focus()
  refresh()
}

function forget(node) {
  nodes.delete(node.pointer)
  if (node.type === 'object') for (const c of node.children.values()) forget(c)
  if (node.type === 'array') for (const c of node.items) forget(c)
}

function build(prefix, pointer, key, raw, root, at, required) {
  // (A property given as a $ref keeps its own title: `resolve` lays the property's keywords over the def's.)
  const s = resolve(raw, root)
  if (s.type === 'object' || s.properties) return objectNode(prefix, pointer, key, s, root, key, true)
  if (s.type === 'array' && resolve(s.items || {}, root).type === 'object') return arrayNode(prefix, pointer, key, s, root)
  return fieldNode(prefix, pointer, key, s, required, root)
}

// ---------------------------------------------------------------------------------------------------------
// Values

const shown = (node) => !(node.type === 'field' ? node.wrap : node.box).hidden

/** The JSON of a node: fields left empty and hidden fields are left out (`all`: hidden ones too). */
function collect(node, all = false) {
  if (node.type === 'field') {
    const v = node.control.value
    if (v === '') return undefined
    if (node.kind === 'boolean') return v === 'true'
    if (node.kind === 'integer' || node.kind === 'number') return Number(v)
    return v
  }
  if (node.type === 'array') {
    const items = node.items.map((it) => collect(it, all) ?? {})
    return items.length ? items : undefined
  }
  const out = {}
  for (const [k, c] of node.children) {
    if (!all && !shown(c)) continue
    const v = collect(c, all)
    if (v !== undefined) out[k] = v
  }
  return Object.keys(out).length || node.pointer === '' ? out : undefined
}

function setValue(node, v) {
  if (node.type === 'field') {
    node.control.value = v === undefined || v === null ? '' : String(v)
    return
  }
  if (node.type === 'array') {
    for (const x of Array.isArray(v) ? v : []) addItem(node, x)
    return
  }
  for (const [k, c] of node.children) setValue(c, v && typeof v === 'object' ? v[k] : undefined)
}

/** Show the conditional fields whose `if` holds, hide the others; fill a value a `then` fixes. */
function applyConditions(node, value) {
  if (node.type === 'array') {
    node.items.forEach((it, i) => applyConditions(it, value ? value[i] : undefined))
    return
  }
  if (node.type !== 'object') return
  const v = value || {}
  for (const [k, c] of node.children) {
    const ifs = node.shownIf.get(k)
    const visible = !ifs || ifs.some((s) => matches(s, v))
    const box = c.type === 'field' ? c.wrap : c.box
    box.hidden = !visible
    if (c.type === 'field') setRequired(c, visible && (node.required.has(k) || !!ifs))
  }
  for (const [cond, k, val] of node.fixed) {
    const c = node.children.get(k)
    if (c && c.type === 'field' && matches(cond, v) && c.control.value === '') c.control.value = String(val)
  }
  for (const [k, c] of node.children) applyConditions(c, v[k])
}

// ---------------------------------------------------------------------------------------------------------
// Findings

function clearFindings() {
  for (const n of nodes.values()) {
    n.msg.hidden = true
    n.msg.textContent = ''
    n.msg.classList.remove('error', 'warning')
    if (n.type === 'field') {
      n.control.removeAttribute('aria-invalid')
      if (n.hintId) n.control.setAttribute('aria-describedby', n.hintId)
      else n.control.removeAttribute('aria-describedby')
    }
  }
}

/** Whether the node at `pointer` and every group around it are shown. */
function shownDeep(pointer) {
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const n = nodes.get(p)
    if (n && !shown(n)) return false
    if (p === '') return true
  }
}

/** The shown node a finding's JSON Pointer names, or its nearest shown ancestor (null: the whole form). */
function placeOf(pointer) {
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const n = nodes.get(p)
    if (n && shownDeep(p)) return n
    if (p === '') return null
  }
}

function coveredByTouch(path) {
  for (const t of touched) if (path === t || path.startsWith(`${t}/`)) return true
  return false
}

/** A thrown tuiyi error as a finding at its place in the form. */
function errorFinding(e) {
  const path = typeof e.path === 'string' && e.path.startsWith('/form') ? e.path.slice(5) : ''
  return { code: e.code || 'error', path, severity: 'error', message: e.message, message_en: e.message_en }
}

let shownFindings = []

function showFindings(report, all) {
  clearFindings()
  const findings = [...report.errors, ...report.warnings].filter((f) => all || coveredByTouch(f.path))
  shownFindings = []
  for (const f of findings) {
    const node = placeOf(f.path)
    const target = node && node.pointer !== '' ? node : null
    if (target) {
      const line = el('span', { class: `finding-line ${f.severity}`, text: f.message })
      if (target.msg.textContent) target.msg.append(el('br'))
      target.msg.append(line)
      target.msg.hidden = false
      target.msg.classList.add(f.severity)
      if (target.type === 'field') {
        if (f.severity === 'error') target.control.setAttribute('aria-invalid', 'true')
        target.control.setAttribute('aria-describedby', [target.hintId, target.msg.id].filter(Boolean).join(' '))
      }
    }
    shownFindings.push({ f, target })
  }
  renderSummary(report, all)
}

function renderSummary(report, all) {
  const box = $('#summary')
  box.textContent = ''
  const errors = shownFindings.filter((x) => x.f.severity === 'error')
  const warnings = shownFindings.filter((x) => x.f.severity !== 'error')
  if (!shownFindings.length) {
    box.hidden = !(all && report.valid)
    if (all && report.valid) box.append(el('p', { class: 'ok', text: '登记表填写完整，未发现问题。' }))
    return
  }
  box.hidden = false
  const heading = el('h2', { id: 'summary-heading', tabindex: '-1', text: errors.length ? `请修改以下 ${errors.length} 处问题` : '请留意以下提示' })
  const list = el('ul')
  for (const { f, target } of [...errors, ...warnings]) {
    const where = target ? labelOf(target) : '登记表'
    const text = `${where}：${f.message}`
    const item = target
      ? el('a', { href: `#${target.type === 'field' ? target.control.id : target.id}`, text })
      : el('span', { text })
    if (target) {
      item.addEventListener('click', (ev) => {
        ev.preventDefault()
        const c = target.type === 'field' ? target.control : target.box.querySelector('input, select, button') || target.box
        c.focus()
        c.scrollIntoView({ block: 'center' })
      })
    }
    list.append(el('li', { class: f.severity }, item))
  }
  box.append(heading, list)
  if (warnings.length && errors.length) box.append(el('p', { class: 'note', text: `其中 ${warnings.length} 条为提示，不影响提交。` }))
}

/** "基本信息 · 身份证号", "家庭成员 1 · 姓名": the field and the group around it. */
function labelOf(node) {
  const parts = []
  for (let p = node.pointer; p; p = p.slice(0, p.lastIndexOf('/'))) {
    const n = nodes.get(p)
    if (n && n.type !== 'array') parts.unshift(n.title)
    else if (n && n.pointer === node.pointer) parts.unshift(n.title)
  }
  return parts.slice(-2).join(' · ')
}

// ---------------------------------------------------------------------------------------------------------
// Checking, submitting, the plan

function currentForm() {
  applyConditions(formRoot, collect(formRoot, true))
  applyConditions(formRoot, collect(formRoot, true))
  return collect(formRoot)
}

function extraAnswers() {
  return collect(extraRoot) || {}
}

/** The report of the form now, from the WebAssembly package (a thrown error is a finding at its path). */
function check(form) {
  try {
    return validate(form, TODAY)
  } catch (e) {
    return { valid: false, errors: [errorFinding(e)], warnings: [] }
  }
}

function refresh() {
  const report = check(currentForm())
  showFindings(report, submitted)
  return report
}

/** Run `f`; anything it throws becomes a message in the summary (nothing typed may throw uncaught). */
function safely(f) {
  try {
    return f()
  } catch (e) {
    showProblem(`页面出错：${e && e.message ? e.message : String(e)}`)
  }
}

function showProblem(text) {
  const box = $('#summary')
  box.hidden = false
  box.textContent = ''
  box.append(el('h2', { id: 'summary-heading', tabindex: '-1', text: '出现问题' }), el('p', { text }))
}

const STATUS = { done: '已办结', pending: '待办理', due_soon: '即将到期', overdue: '已逾期', not_applicable: '无需办理', unknown: '—' }

function dueText(due) {
  if (!due) return '—'
  if (!due.date) return `—（${due.reason_if_null ? due.reason_if_null.message : '无法计算'}）`
  let t = due.date
  if (due.extended) t += '（遇休息日顺延）'
  if (due.provisional) t += '（暂定）'
  return t
}

function renderPlan(p) {
  const box = $('#plan')
  box.textContent = ''
  const heading = el('h2', { id: 'plan-heading', tabindex: '-1', text: '办理计划' })
  const eligible = p.eligibility.eligible
    ? el('p', { class: 'ok', text: `符合申请条件。今天：${p.today || TODAY}` })
    : el('p', { class: 'error', text: `不符合申请条件：${p.eligibility.failures.map((f) => f.message).join('；')}` })
  const table = el('table', { class: 'plan' })
  table.append(el('caption', { text: '9 个服务事项、办理部门与办理期限' }))
  const head = el('tr')
  for (const h of ['序号', '事项', '办理部门', '办理期限（到期日）', '状态']) head.append(el('th', { scope: 'col', text: h }))
  table.append(el('thead', {}, head))
  const body = el('tbody')
  for (const item of p.items) {
    const row = el('tr', { class: item.applies ? 'applies' : 'not-applies', 'data-item': item.no })
    row.append(
      el('td', { text: String(item.no) }),
      el('th', { scope: 'row', text: item.name }),
      el('td', { class: 'department', text: item.applies ? `${item.department.name}（${item.level}）` : '—' }),
      el('td', { class: 'due', text: item.applies ? dueText(item.due) : '—' }),
      el('td', { class: 'status', text: item.applies ? STATUS[item.status] || '—' : `无需办理：${item.reason}` }),
    )
    body.append(row)
  }
  table.append(body)
  const materials = el('ul', { class: 'materials' })
  for (const m of p.materials.filter((m) => m.required)) materials.append(el('li', { text: `${m.no}. ${m.name}` }))
  box.append(heading, eligible, table, el('h3', { text: '需提交的材料' }), materials)
  if (p.warnings.length) {
    const w = el('ul', { class: 'warnings' })
    for (const x of p.warnings) w.append(el('li', { text: x.message }))
    box.append(el('h3', { text: '提示' }), w)
  }
  box.hidden = false
  heading.focus()
}

async function submit() {
  submitted = true
  const form = currentForm()
  const local = check(form)
  showFindings(local, true)
  const status = $('#status')
  status.textContent = '正在提交…'
  let answer
  try {
    const res = await fetch('/api/submit', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ form, extra: extraAnswers(), today: TODAY }),
    })
    answer = await res.json()
  } catch (e) {
    status.textContent = ''
    showProblem(`提交失败：${e && e.message ? e.message : String(e)}`)
    return
  }
  status.textContent = ''
  const server = answer.report || (answer.error ? { valid: false, errors: [errorFinding(answer.error)], warnings: [] } : null)
  if (!server) {
    showProblem('服务器的答复无法识别')
    return
  }
  document.documentElement.dataset.reportsEqual = String(JSON.stringify(server) === JSON.stringify(local))
  showFindings(server, true)
  if (server.valid && answer.plan) {
    // The same plan, computed here by the WebAssembly package from the same application.
    let mine = null
    try {
      mine = plan(applicationOf(normalize(form, TODAY).form, extraAnswers(), TODAY))
    } catch {
      mine = null
    }
    document.documentElement.dataset.plansEqual = String(JSON.stringify(mine) === JSON.stringify(answer.plan))
    renderPlan(answer.plan)
  } else {
    $('#plan').hidden = true
    const h = $('#summary-heading')
    if (h) h.focus()
  }
}

// ---------------------------------------------------------------------------------------------------------
// Start

async function main() {
  const t0 = performance.now()
  await init()
  const ms = performance.now() - t0
  document.documentElement.dataset.wasmInitMs = ms.toFixed(2)
  console.info(`tuiyi-wasm: instantiated in ${ms.toFixed(1)} ms`)

  const schemaOfForm = formSchema()
  $('#form-title').textContent = schemaOfForm.title || '登记表'
  $('#today').textContent = TODAY
  formRoot = objectNode('f', '', '', schemaOfForm, schemaOfForm, '', false)
  $('#form-fields').append(formRoot.box)

  const app = schema('application')
  const extraSchema = { type: 'object', properties: {} }
  for (const ptr of EXTRA) {
    const [section, key] = ptr.slice(1).split('/')
    const sec = resolve(app.properties[section], app)
    const p = sec.properties && sec.properties[key]
    if (!p) continue
    extraSchema.properties[section] ||= { type: 'object', title: sec.title || section, properties: {} }
    const prop = resolve(p, app)
    // Optional dates are `anyOf: [Date, null]`: the date alone.
    const alts = prop.anyOf ? prop.anyOf.map((a) => resolve(a, app)).filter((a) => a.type !== 'null') : null
    extraSchema.properties[section].properties[key] = { ...(alts && alts.length === 1 ? alts[0] : prop), title: prop.title, description: prop.description }
  }
  extraRoot = objectNode('x', '', '', extraSchema, app, '', false)
  $('#extra-fields').append(extraRoot.box)
  setValue(extraRoot, { applicant: { holds_introduction_letter: true }, situation: { military_id_issued: false, id_card: '无需办理', flexible_employment_medical: false } })

  const onChange = (ev) =>
    safely(() => {
      const c = ev.target
      if (!(c instanceof HTMLInputElement || c instanceof HTMLSelectElement) || !c.dataset.pointer) return
      if (c.closest('#extra-fields')) return
      touched.add(c.dataset.pointer)
      refresh()
    })
  $('#form-fields').addEventListener('change', onChange)
  $('#tuiyi-form').addEventListener('submit', (ev) => {
    ev.preventDefault()
    submit().catch((e) => showProblem(`提交失败：${e && e.message ? e.message : String(e)}`))
  })
  applyConditions(formRoot, collect(formRoot, true))
  // The engine (rules, calendar, the divisions table) is built on the first check: build it now, before the
  // person's first change, so that every check after is a millisecond.
  check({ basic_info: { id_number: '110101199003071233' } })
  document.documentElement.dataset.ready = 'true'
}

main().catch((e) => showProblem(`无法加载校验组件：${e && e.message ? e.message : String(e)}`))
