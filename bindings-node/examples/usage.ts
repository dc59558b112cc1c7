// Uses every function of the `tuiyi` package; `tsc --strict --noEmit` on this file is part of `npm test`.
import {
  Engine,
  addWorkingDays,
  checkEligibility,
  codes,
  conflicts,
  dispatch,
  formSchema,
  guide,
  isWorkingDay,
  periodEnd,
  plan,
  prereview,
  requiredMaterials,
  schema,
  validate,
  validateMany,
  workingDaysBetween,
  type CodeInfo,
  type EngineOptions,
  type Finding,
  type PeriodEnd,
  type Report,
} from 'tuiyi'

/** The shape of a thrown tuiyi error. */
interface TuiyiError extends Error {
  code: string
  kind: 'bad_input' | 'calendar_coverage' | 'rule_pack' | 'internal'
  path: string
  messageEn: string
}

function isTuiyiError(e: unknown): e is TuiyiError {
  return e instanceof Error && typeof (e as Partial<TuiyiError>).code === 'string'
}

export async function main(form: Record<string, unknown>): Promise<void> {
  // Dates are 'YYYY-MM-DD' strings: never a JS Date (its day depends on the time zone).
  const due: string = addWorkingDays('2024-09-30', 3)
  const working: boolean = isWorkingDay(due)
  const count: number = workingDaysBetween('2024-09-30', due)
  const period: PeriodEnd = periodEnd('2024-09-01', 30)
  const extended: boolean = period.extended
  const end: string = period.end
  console.log(due, working, count, period.raw_end, end, extended)

  const eligibility = checkEligibility({ soldier_type: '义务兵' })
  const materials = requiredMaterials({ hukou_cancelled: true })
  const p = plan({ applicant: {}, dates: {} })
  console.log(eligibility, materials.length, p)

  const report: Report = validate(form, '2024-10-08')
  const fromText: Report = validate(JSON.stringify(form))
  const first: Finding | undefined = report.errors[0]
  if (first) console.log(first.code, first.path, first.severity, first.message, first.message_en, first.rule)
  console.log(report.valid, fromText.warnings.length)

  const reports: Report[] = await validateMany([form, JSON.stringify(form)], '2024-10-08')
  console.log(reports.length)

  console.log(dispatch(form), prereview(form, ['m01'], '2024-10-08'), prereview(form))
  const s: Record<string, any> = formSchema()
  console.log(s.$schema, schema('applicant'), guide().length, conflicts().length)
  const catalogue: CodeInfo[] = codes()
  console.log(catalogue.map((c) => `${c.code}: ${c.template_zh} / ${c.template_en}`))

  const options: EngineOptions = { rulesDir: undefined, calendarDir: '/etc/tuiyi/calendar' }
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
    (await defaults.validateMany([form]))[0]?.valid,
    defaults.dispatch(form),
    defaults.prereview(form, [], '2024-10-08'),
    defaults.formSchema(),
    defaults.schema('form'),
    defaults.guide(),
    defaults.conflicts(),
    defaults.codes()[0]?.code,
  )

  try {
    addWorkingDays('2024-9-30', 1)
  } catch (e) {
    if (e instanceof TypeError) console.log('wrong type')
    if (isTuiyiError(e)) console.log(e.code, e.kind, e.path, e.message, e.messageEn)
  }
}
