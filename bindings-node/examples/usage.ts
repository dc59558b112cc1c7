// Uses every function of the `tuiyi` package; `tsc --strict --noEmit` on this file is part of `npm test`.
// Written as a consumer writes it: the form declared as the consumer's own `interface` (not tuiyi's type),
// the applicant as an object literal, the report typed by tuiyi.
import {
  Engine,
  addWorkingDays,
  calendarImport,
  checkEligibility,
  codes,
  conflicts,
  dispatch,
  formSchema,
  guide,
  isWorkingDay,
  normalize,
  operations,
  periodEnd,
  plan,
  prereview,
  requiredMaterials,
  run,
  runJson,
  schema,
  validate,
  validateJson,
  validateMany,
  workingDaysBetween,
  type CodeInfo,
  type EngineOptions,
  type Finding,
  type PeriodEnd,
  type Report,
  type Signature,
  type TuiyiError,
} from 'tuiyi'

/** The portal's own type of what it collected (an interface: no index signature). */
interface PortalBasicInfo {
  name: string
  id_number: string
  birth_date: string
  phone: string
}
interface PortalForm {
  basic_info: PortalBasicInfo
  family_members: Array<{ name: string; relation: string; id_number?: string }>
  service_info?: { enlistment_date: string; discharge_date: string; years_of_service: number }
}

function isTuiyiError(e: unknown): e is TuiyiError {
  return e instanceof Error && typeof (e as Partial<TuiyiError>).code === 'string'
}

export async function main(form: PortalForm, untyped: Record<string, unknown>): Promise<void> {
  // Dates are 'YYYY-MM-DD' strings: never a JS Date (its day depends on the time zone).
  const due: string = addWorkingDays('2024-09-30', 3)
  const working: boolean = isWorkingDay(due)
  const count: number = workingDaysBetween('2024-09-30', due)
  const period: PeriodEnd = periodEnd('2024-09-01', 30)
  console.log(due, working, count, period.raw_end, period.end, period.extended)

  const eligibility = checkEligibility({ category: '义务兵', lawfully_discharged: true })
  const materials = requiredMaterials({ hukou_cancelled_on_enlistment: true })
  const p = plan({ applicant: { category: '士官' } }, '2025-10-01')
  console.log(eligibility.eligible, materials.length, p.eligibility.eligible)

  const report: Report = validate(form, '2024-10-08')
  const fromText: Report = validate(JSON.stringify(form))
  const fromJson: Report = validateJson(JSON.stringify(form), null)
  const fromUntyped: Report = validate(untyped)
  const fromParsed: Report = validate(JSON.parse('{}'))
  // A request body as received: its bytes (a Buffer is a Uint8Array), UTF-8 checked by tuiyi.
  const fromBody: Report = validateJson(new TextEncoder().encode(JSON.stringify(form)), '2024-10-08')
  console.log(fromBody.valid === report.valid)
  const first: Finding | undefined = report.errors[0]
  if (first) console.log(first.code, first.path, first.severity, first.message, first.message_en, first.rule)
  // The canonical form (codes and short names as the standard words, pushed fields filled in) and its report.
  const canonical = normalize(form, '2024-10-08')
  console.log(canonical.form, canonical.report.valid)
  // An operator turning the text of next year's State Council notice into a calendar file.
  const noticeText: string = '一、元旦：1月1日（周五）放假1天。'
  try {
    const year = calendarImport(noticeText, '国办发明电〔2026〕1号', '2026-11-10', 2027, null)
    console.log(year.year, year.notice)
  } catch (e) {
    if (isTuiyiError(e)) console.log(e.code, e.path)
  }
  console.log(report.valid, fromText.warnings.length, fromJson.valid, fromUntyped.valid, fromParsed.valid)

  const reports: Report[] = await validateMany([form, JSON.stringify(form)], '2024-10-08')
  console.log(reports.length)

  console.log(dispatch(form), prereview(form, [1, 2], '2024-10-08'), prereview(form))
  const s: Record<string, unknown> = formSchema()
  console.log(s.$schema, schema('applicant'), schema(), guide().length, conflicts().length)
  const catalogue: CodeInfo[] = codes()
  console.log(catalogue.map((c) => `${c.code}: ${c.template_zh} / ${c.template_en}`))
  const table: Signature[] = operations()
  console.log(table.map((o) => o.name), run('is_working_day', { date: due }), runJson('codes', 'null'))

  const options: EngineOptions = { rules_dir: undefined, calendar_dir: '/etc/tuiyi/calendar' }
  const engine = new Engine(options)
  const defaults = new Engine()
  console.log(
    engine.addWorkingDays('2027-01-04', 1),
    defaults.isWorkingDay('2024-10-01'),
    defaults.workingDaysBetween('2024-10-01', '2024-10-31'),
    defaults.periodEnd('2024-10-01', 15).end,
    defaults.checkEligibility({}),
    defaults.requiredMaterials({}),
    defaults.plan({}),
    defaults.validate(form).valid,
    defaults.validateJson('{}').valid,
    (await defaults.validateMany([form]))[0]?.valid,
    defaults.dispatch(form),
    defaults.prereview(form, [], '2024-10-08'),
    defaults.formSchema(),
    defaults.schema('form'),
    defaults.guide(),
    defaults.conflicts(),
    defaults.codes()[0]?.code,
    defaults.operations().length,
    defaults.call('add_working_days', ['2024-09-30', 3]),
    defaults.run('guide'),
    defaults.runJson('guide', 'null'),
  )

  try {
    addWorkingDays('2024-9-30', 1)
  } catch (e) {
    if (e instanceof TypeError) console.log('wrong type')
    if (isTuiyiError(e)) console.log(e.code, e.kind, e.path, e.message, e.message_en, e.cause)
  }
}
