// From a registration form (附件2) to the application tuiyi plans (`tuiyi schema application`): one
// function, shared by the page (which shows the plan the WebAssembly package computes) and the server
// (which computes it again with the Node package). It reads the form's canonical form — `normalize(form)
// .form`: codes and short names as canonical values, the 数据推送 fields filled in (安置类型 read as 原籍落户
// when neither it nor a sponsor is given). The form says most of what a plan needs; what it does not say
// comes from the page's short "办理计划补充信息" fieldset (`extra`), and the rest is decided here:
//
// applicant
//   lawfully_discharged          the form has a 退役时间 (service_info.discharge_date); validation has
//                                already refused one in the future
//   category                     service_info.soldier_category (义务兵 / 士官 / 军士)
//   resettlement                 basic_info.person_category when it names a mode (安排工作, 逐月领取退役金,
//                                退休, 供养), else 自主就业 — the service is for 自主就业退役士兵
//   placement_code               basic_info.resettlement_place
//   holds_discharge_certificate  service_info.discharge_certificate_type names 退出现役证书 and a number is given
//   holds_introduction_letter    extra (default 是)
// situation
//   hukou_cancelled_on_enlistment  service_info.hukou_cancelled = 是
//   settlement_mode              hukou_registration.settlement_type (原籍落户 is the plan's 原户恢复)
//   military_id_issued, id_card, flexible_employment_medical   extra
// dates
//   discharge_date               service_info.discharge_date
//   return_home_date, report_date  extra (optional)
//   acceptance_date              today: the day the portal accepts the application
//   platform_data_date           today: on acceptance the portal pushes the form to the provincial platform
//                                (五(一) 数据推送); the military data date (items 5, 6) is not known yet
// today                          the page's today (Asia/Shanghai, or ?today= for a fixed day)

const MODES = ['安排工作', '逐月领取退役金', '退休', '供养']

const SETTLEMENT = { 原籍落户: '原户恢复' }

const text = (v) => (typeof v === 'string' ? v.trim() : '')

/** The application of `form` (the canonical form of a form that validated), with the page's `extra` answers and `today`. */
export function applicationOf(form, extra = {}, today) {
  const basic = form.basic_info || {}
  const service = form.service_info || {}
  const hukou = form.hukou_registration || {}
  const x = (section, key, dflt) => (extra[section] && extra[section][key] !== undefined ? extra[section][key] : dflt)

  const category = text(basic.person_category)
  const cancelled = service.hukou_cancelled === '是'
  const situation = {
    hukou_cancelled_on_enlistment: cancelled,
    military_id_issued: x('situation', 'military_id_issued', false),
    id_card: x('situation', 'id_card', '无需办理'),
    flexible_employment_medical: x('situation', 'flexible_employment_medical', false),
  }
  if (cancelled && text(hukou.settlement_type)) {
    situation.settlement_mode = SETTLEMENT[hukou.settlement_type] || hukou.settlement_type
  }
  const dates = {}
  if (text(service.discharge_date)) dates.discharge_date = service.discharge_date
  for (const k of ['return_home_date', 'report_date']) {
    const d = x('dates', k, '')
    if (text(d)) dates[k] = d
  }
  if (today) {
    dates.acceptance_date = today
    dates.platform_data_date = today
  }
  const application = {
    applicant: {
      lawfully_discharged: Boolean(text(service.discharge_date)),
      category: service.soldier_category || '义务兵',
      resettlement: MODES.find((m) => category.includes(m)) || '自主就业',
      placement_code: text(basic.resettlement_place),
      holds_discharge_certificate:
        text(service.discharge_certificate_type).includes('退出现役证书') && Boolean(text(service.discharge_certificate_number)),
      holds_introduction_letter: x('applicant', 'holds_introduction_letter', true),
    },
    situation,
    dates,
  }
  if (today) application.today = today
  return application
}
