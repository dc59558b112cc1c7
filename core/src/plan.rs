//! The "one thing" for one applicant (issue 2 §6): eligibility, which of the 9 items apply, the materials,
//! each item's departments and due date, the 第十七条 late-report flag, and, with `today`, each item's status.
//!
//! Status with `today` (decided here, documented in docs/rules.md), in this order:
//! `not_applicable` · `done` (listed in `completed_items`, or item 1 once a `report_date` is given) ·
//! `overdue` (today after the due date) · `due_soon` (0–3 working days left: `working_days_between(today, due)
//! ≤ 3`, the due day itself included) · `blocked` (an item it must follow — `after` — is not done) · `pending`
//! (more than 3 working days left) · `unknown` (no due date, or the calendar cannot count). A deadline that is
//! near or past outranks `blocked`: the warnings say what must be done first.
//!
//! Order (issue 13): each item of the pack lists its prerequisites (items.json `prerequisites`, each with its
//! clause: 预备役登记/兵役登记 before 报到, 八(八)1; 报到 before 落户 with the 落户介绍信, 条例第十四条; 落户 before
//! 身份证, 八(四)4). A plan item's `after` holds those that apply to this applicant; the plan's `order` lists the
//! applicable items in 八(三) order with each one moved after its prerequisites (the `items` array keeps the
//! 八(三) order, so `items[no - 1]` stays item `no`); every relation whose two items apply and are not done
//! gives a warning: `prerequisite_order`, or `prerequisite_due_later` when the item that comes first is due
//! later than the one that follows (item 9's 40 days against item 1's 30: it must in fact be done first).
//!
//! 第十七条 forfeiture: once the benefits are deemed waived (`late_report.flag`), the items of pack.json
//! `late_report.forfeits` (item 2, the 一次性经济补助金; conflict `abandonment_forfeits_subsidy`) no longer apply:
//! their reason says why, their due date is null (`item_forfeited`), their status is `forfeited`, and they
//! leave the `order`. The late-report judgement is therefore made before the items.
//!
//! Calendar coverage: `calendar_mode` of the application, default [`CalendarMode::Provisional`] — a date that
//! depends on a year after the last loaded notice (at most [`crate::calendar::PROVISIONAL_HORIZON`] years) is
//! computed from the statutory holidays without 调休, marked `provisional: true` (on the item's `due`, on
//! `late_report`), and the plan warns once per such year (`calendar_year_provisional`, at the first date field
//! that needed it). `refuse` gives the earlier behaviour: such due dates are null (`calendar_year_not_covered`).

use crate::calendar::Calendar;
use crate::calendar::CalendarMode;
use crate::code_info::{code, CodeInfo, Severity::Error as E, Severity::Warning as W};
use crate::date::Date;
use crate::error::{Error, ErrorKind, Result};
use crate::pack::RulePack;
use crate::report::Finding;
use crate::types::{Application, DepartmentRef, LateReport, Plan, PlanItem, Status};

pub const UNKNOWN_ITEM_NO: CodeInfo = code(
    "unknown_item_no",
    "plan",
    E,
    "字段 {path}：事项序号 {no} 不存在（应为 1–{max}）",
    "{path}: there is no item {no} (1–{max})",
    "八(三)",
);
pub const DUE_DATE_NOT_COMPUTED: CodeInfo = code(
    "due_date_not_computed",
    "plan",
    W,
    "事项{no}“{name}”的到期日无法计算：{detail}",
    "item {no} ({name}): due date not computed: {detail}",
    "八(九)",
);
pub const DATE_BEFORE_DISCHARGE: CodeInfo = code(
    "date_before_discharge",
    "plan",
    W,
    "{path}（{date}）早于被批准退出现役之日（{discharge}），请核对",
    "{path} ({date}) is before the discharge date ({discharge}); please check",
    "八(九)",
);
pub const APPROVED_DISCHARGE_DATE_ASSUMED: CodeInfo = code(
    "approved_discharge_date_assumed",
    "plan",
    W,
    "未给出被批准退出现役之日（{path}），报到期限（事项1）和逾期报到按退出现役之日 {date} 计算。被批准退出现役之日不会晚于退出现役之日；若更早，实际报到期限也更早，请核对并填写",
    "{path} not given: the report deadline (item 1) and the late-report check count from the discharge date {date}. The approval is never later than the discharge; if it was earlier, so is the real deadline: check it and give it",
    "《退役士兵安置条例》第十三条；冲突 discharge_dates",
);
pub const DISCHARGE_DATE_ASSUMED: CodeInfo = code(
    "discharge_date_assumed",
    "plan",
    W,
    "未给出退出现役之日（{path}），兵役登记期限（事项9）按被批准退出现役之日 {date} 计算。退出现役之日不早于被批准之日，按此计算的期限不会晚于兵役法规定的期限",
    "{path} not given: the military-service registration deadline (item 9) counts from the approval date {date}; the discharge is never before its approval, so this deadline is never later than the statutory one",
    "《中华人民共和国兵役法》第十七条；八(九)9；冲突 discharge_dates",
);
pub const PREREQUISITE_ORDER: CodeInfo = code(
    "prerequisite_order",
    "plan",
    W,
    "事项{no}“{name}”须在事项{before}“{before_name}”办结之后办理：{text}（{clause}）",
    "item {no} ({name}) can only be done once item {before} ({before_name}) is done ({clause})",
    "八(八)1；八(四)3；八(四)4",
);
pub const PREREQUISITE_DUE_LATER: CodeInfo = code(
    "prerequisite_due_later",
    "plan",
    W,
    "事项{before}“{before_name}”的到期日是 {before_due}，但须在其后办理的事项{no}“{name}”{due} 到期：事项{before}实际须在 {due} 之前办结。{text}（{clause}）",
    "item {before} ({before_name}) is due {before_due}, but item {no} ({name}), which can only follow it, is due {due}: item {before} must in fact be done before {due} ({clause})",
    "八(八)1；八(四)3；八(四)4",
);
pub const STATUS_NOT_COMPUTED: CodeInfo = code(
    "status_not_computed",
    "plan",
    W,
    "事项{no}“{name}”的状态无法计算：{detail}",
    "item {no} ({name}): status not computed: {detail}",
    "八(九)",
);
pub const REPORT_OVERDUE_ABANDON_RISK: CodeInfo = code(
    "report_overdue_abandon_risk",
    "plan",
    W,
    "今天（{today}）已超过报到期限（{deadline}）届满后 30 日（{grace_end}）仍未报到：无正当理由的，视为放弃安置待遇",
    "today ({today}) is past the report deadline ({deadline}) plus 30 days ({grace_end}) with no report: without a legitimate reason the resettlement benefits are deemed waived",
    "《退役士兵安置条例》第十七条",
);
pub const LATE_REPORT_NO_DEADLINE: CodeInfo = code(
    "late_report_no_deadline",
    "plan",
    W,
    "未给出被批准退出现役之日，无法判断是否逾期报到",
    "no discharge date: cannot tell whether the report is late",
    "《退役士兵安置条例》第十三条、第十七条",
);
pub const LATE_REPORT_NOT_REPORTED: CodeInfo = code(
    "late_report_not_reported",
    "plan",
    W,
    "尚未报到（未给出报到之日）：报到期限 {deadline}，逾期超过 30 天（{grace_end} 之后）且无正当理由的，视为放弃安置待遇",
    "not reported yet: deadline {deadline}; reporting after {grace_end} without a legitimate reason waives the benefits",
    "《退役士兵安置条例》第十三条、第十七条",
);
pub const LATE_REPORT_ON_TIME: CodeInfo = code(
    "late_report_on_time",
    "plan",
    W,
    "已按时报到（{report_date}，期限 {deadline}）",
    "reported in time ({report_date}, deadline {deadline})",
    "《退役士兵安置条例》第十三条",
);
pub const LATE_REPORT_WITHIN_GRACE: CodeInfo = code(
    "late_report_within_grace",
    "plan",
    W,
    "逾期 {days} 天报到（{report_date}，期限 {deadline}），未超过 30 天，不视为放弃安置待遇",
    "reported {days} days late ({report_date}, deadline {deadline}), within 30 days: benefits not waived",
    "《退役士兵安置条例》第十七条",
);
pub const LATE_REPORT_LEGITIMATE: CodeInfo = code(
    "late_report_legitimate",
    "plan",
    W,
    "逾期 {days} 天报到（{report_date}，期限 {deadline}），超过 30 天，但有正当理由，不视为放弃安置待遇",
    "reported {days} days late ({report_date}, deadline {deadline}), more than 30 days, with a legitimate reason: benefits not waived",
    "《退役士兵安置条例》第十七条",
);
pub const LATE_REPORT_ABANDONED: CodeInfo = code(
    "late_report_abandoned",
    "plan",
    E,
    "逾期 {days} 天报到（{report_date}，期限 {deadline}，宽限至 {grace_end}），无正当理由超过 30 天：视为放弃安置待遇",
    "reported {days} days late ({report_date}, deadline {deadline}, grace until {grace_end}) without a legitimate reason: resettlement benefits deemed waived",
    "《退役士兵安置条例》第十七条",
);
pub const LATE_REPORT_NOT_COMPUTED: CodeInfo = code(
    "late_report_not_computed",
    "plan",
    W,
    "无法判断是否逾期报到：{detail}",
    "cannot tell whether the report is late: {detail}",
    "《退役士兵安置条例》第十七条",
);

/// The codes of this module, in catalogue order.
pub const CODES: &[CodeInfo] = &[
    UNKNOWN_ITEM_NO,
    DUE_DATE_NOT_COMPUTED,
    DATE_BEFORE_DISCHARGE,
    APPROVED_DISCHARGE_DATE_ASSUMED,
    DISCHARGE_DATE_ASSUMED,
    PREREQUISITE_ORDER,
    PREREQUISITE_DUE_LATER,
    STATUS_NOT_COMPUTED,
    REPORT_OVERDUE_ABANDON_RISK,
    LATE_REPORT_NO_DEADLINE,
    LATE_REPORT_NOT_REPORTED,
    LATE_REPORT_ON_TIME,
    LATE_REPORT_WITHIN_GRACE,
    LATE_REPORT_LEGITIMATE,
    LATE_REPORT_ABANDONED,
    LATE_REPORT_NOT_COMPUTED,
];

/// A bad-input error from this module's table.
pub(crate) fn plan_error(info: &CodeInfo, path: &str, args: &[(&str, &str)]) -> Error {
    let mut all: Vec<(&str, &str)> = vec![("path", path)];
    all.extend_from_slice(args);
    Error::bad_input_code(info, path, &all)
}

fn prefixed(mut f: Finding, prefix: &str) -> Finding {
    f.path = format!("{prefix}{}", f.path);
    f
}

/// Build the plan for one application.
pub fn plan(pack: &RulePack, cal: &Calendar, a: &Application) -> Result<Plan> {
    crate::materials::check_situation(&a.situation).map_err(|e| e.at("/situation"))?;
    let max = pack.items.len();
    for (i, &no) in a.completed_items.iter().enumerate() {
        if pack.item(no).is_none() {
            return Err(plan_error(
                &UNKNOWN_ITEM_NO,
                &format!("/completed_items/{i}"),
                &[("no", &no.to_string()), ("max", &max.to_string())],
            ));
        }
    }
    let mut warnings = Vec::new();
    let eligibility = {
        let mut e = crate::eligibility::check_eligibility(&a.applicant);
        e.failures = e
            .failures
            .into_iter()
            .map(|f| prefixed(f, "/applicant"))
            .collect();
        e
    };
    // The two discharge dates (conflict `discharge_dates`): when only one is given, the other is assumed
    // the same day, and the plan says which.
    let d = &a.dates;
    match (d.approved_discharge_date, d.discharge_date) {
        (None, Some(dis)) => warnings.push(Finding::new(
            &APPROVED_DISCHARGE_DATE_ASSUMED,
            "/dates/approved_discharge_date",
            &[
                ("path", "/dates/approved_discharge_date"),
                ("date", &dis.to_string()),
            ],
        )),
        (Some(app), None) => warnings.push(Finding::new(
            &DISCHARGE_DATE_ASSUMED,
            "/dates/discharge_date",
            &[
                ("path", "/dates/discharge_date"),
                ("date", &app.to_string()),
            ],
        )),
        (Some(app), Some(dis)) if dis < app => warnings.push(Finding::new(
            &DATE_BEFORE_DISCHARGE,
            "/dates/discharge_date",
            &[
                ("path", "/dates/discharge_date"),
                ("date", &dis.to_string()),
                ("discharge", &app.to_string()),
            ],
        )),
        _ => {}
    }
    // Dates before the (approved) discharge date.
    if let Some(dis) = d.of(crate::pack::Event::ApprovedDischarge) {
        let others = [
            ("return_home_date", a.dates.return_home_date),
            ("report_date", a.dates.report_date),
            ("acceptance_date", a.dates.acceptance_date),
            ("military_data_date", a.dates.military_data_date),
            ("platform_data_date", a.dates.platform_data_date),
        ];
        for (field, d) in others {
            if let Some(d) = d {
                if d < dis {
                    let path = format!("/dates/{field}");
                    warnings.push(Finding::new(
                        &DATE_BEFORE_DISCHARGE,
                        path.clone(),
                        &[
                            ("path", &path),
                            ("date", &d.to_string()),
                            ("discharge", &dis.to_string()),
                        ],
                    ));
                }
            }
        }
    }
    let report_item = pack.meta.late_report.item;
    let mode = a.calendar_mode.unwrap_or(CalendarMode::Provisional);
    // Provisional years used, each with the first input field that needed it (for the warning).
    let mut provisional: Vec<(i32, String)> = Vec::new();
    let mut note = |years: &[i32], path: &str| {
        for y in years {
            if !provisional.iter().any(|(p, _)| p == y) {
                provisional.push((*y, path.to_string()));
            }
        }
    };
    // 第十七条 first: a report so late that the resettlement benefits are deemed waived forfeits the items of
    // pack.json late_report.forfeits (conflict abandonment_forfeits_subsidy), which the plan shows as such.
    let report_rule = &pack
        .item(report_item)
        .ok_or_else(|| Error::internal("the late-report item is not in the pack"))?
        .deadline;
    let report_start = a.dates.source(report_rule.from);
    let (report_due, _) =
        crate::deadlines::due_date_with(cal, report_rule, report_start.map(|(_, d)| d), mode)?;
    let mut late_warnings = Vec::new();
    let (mut late_report, grace_years) =
        late_report(pack, cal, a, report_due.date, mode, &mut late_warnings)?;
    late_report.provisional |= report_due.provisional;
    let forfeits: Vec<&crate::pack::Forfeit> = if late_report.flag {
        pack.meta.late_report.forfeits.iter().collect()
    } else {
        Vec::new()
    };
    let forfeited = |no: u8| forfeits.iter().find(|f| f.item == no).copied();
    // Which items apply and which are done: the prerequisites of an item need both for the others.
    let applies_to = |no: u8| {
        forfeited(no).is_none()
            && pack.item(no).is_some_and(|i| {
                crate::materials::holds(i.applies.when, i.applies.mode, &a.situation)
            })
    };
    let is_done = |no: u8| {
        a.completed_items.contains(&no) || (no == report_item && a.dates.report_date.is_some())
    };
    let mut items = Vec::with_capacity(pack.items.len());
    for it in &pack.items {
        let (holds, reason) = crate::materials::evaluate(&it.applies, &a.situation);
        let lost = forfeited(it.no).filter(|_| holds);
        let applies = holds && lost.is_none();
        let reason = match lost {
            Some(f) => format!("视为放弃：{}（{}）", f.text, f.provenance.clause),
            None => reason.to_string(),
        };
        // The prerequisites that apply to this applicant too (the others do not hold anything up).
        let after: Vec<u8> = if applies {
            it.prerequisites
                .iter()
                .map(|p| p.item)
                .filter(|n| applies_to(*n))
                .collect()
        } else {
            Vec::new()
        };
        let blocked = after.iter().any(|n| !is_done(*n));
        // The input field the start date was read from (for the two discharge dates, maybe the other one).
        let start = a.dates.source(it.deadline.from);
        let field = start.map_or(it.deadline.from.field(), |(f, _)| f);
        let due = if applies {
            let (due, years) =
                crate::deadlines::due_date_with(cal, &it.deadline, start.map(|(_, d)| d), mode)?;
            note(&years, &format!("/dates/{field}"));
            due
        } else if lost.is_some() {
            crate::deadlines::forfeited_due(&it.deadline)
        } else {
            crate::deadlines::not_applicable_due(&it.deadline)
        };
        if let Some(r) = &due.reason_if_null {
            if ![
                "start_event_missing",
                "item_not_applicable",
                "item_forfeited",
            ]
            .contains(&r.code.as_str())
            {
                warnings.push(Finding::new(
                    &DUE_DATE_NOT_COMPUTED,
                    format!("/dates/{field}"),
                    &[
                        ("no", &it.no.to_string()),
                        ("name", &it.name),
                        ("detail", &r.message),
                    ],
                ));
            }
        }
        let dep = pack.department(&it.lead);
        let status = match a.today {
            None => None,
            Some(today) => {
                Some(if lost.is_some() {
                    Status::Forfeited
                } else if !applies {
                    Status::NotApplicable
                } else if is_done(it.no) {
                    Status::Done
                } else {
                    // Without a nearer deadline, an item waiting for another is `blocked`.
                    let waiting = |otherwise: Status| {
                        if blocked {
                            Status::Blocked
                        } else {
                            otherwise
                        }
                    };
                    match due.date {
                        Some(d) if today > d => Status::Overdue,
                        None => waiting(Status::Unknown),
                        Some(d) => match cal.working_days_between_with(today.0, d.0, mode) {
                            Ok(n) => {
                                note(&n.provisional_years, "/today");
                                if n.value <= 3 {
                                    Status::DueSoon
                                } else {
                                    waiting(Status::Pending)
                                }
                            }
                            Err(e) if e.kind == ErrorKind::CalendarCoverage => {
                                warnings.push(Finding::new(
                                    &STATUS_NOT_COMPUTED,
                                    "/today",
                                    &[
                                        ("no", &it.no.to_string()),
                                        ("name", &it.name),
                                        ("detail", &e.message),
                                    ],
                                ));
                                waiting(Status::Unknown)
                            }
                            Err(e) => return Err(e),
                        },
                    }
                })
            }
        };
        items.push(PlanItem {
            no: it.no,
            code: it.code.clone(),
            name: it.name.clone(),
            applies,
            reason_if_not: (!applies).then(|| reason.clone()),
            reason,
            applies_rule: lost
                .map_or(&it.applies.provenance, |f| &f.provenance)
                .clone(),
            department: DepartmentRef {
                id: it.lead.clone(),
                name: dep.map(|d| d.name.clone()).unwrap_or_default(),
                joint: it.joint_department.clone(),
            },
            level: it.level.clone(),
            mode: it.mode.clone(),
            due,
            after,
            status,
        });
    }
    prerequisite_warnings(pack, &items, &is_done, &mut warnings);
    let order = order(&items);
    warnings.extend(late_warnings);
    let report_field = report_start.map_or(report_rule.from.field(), |(f, _)| f);
    note(&grace_years, &format!("/dates/{report_field}"));
    provisional.sort();
    for (year, path) in &provisional {
        warnings.push(cal.provisional_warning(*year, path));
    }
    let materials = crate::materials::materials_unchecked(pack, &a.situation);
    Ok(Plan {
        eligibility,
        items,
        order,
        materials,
        late_report,
        warnings,
        today: a.today,
    })
}

/// One warning per prerequisite relation that matters for this applicant: both items apply and neither is
/// done. When the prerequisite's own due date is later than the due date of the item that must follow it,
/// the warning says by when it must really be done (八(八)1: 兵役登记 within the 30-day report period).
fn prerequisite_warnings(
    pack: &RulePack,
    items: &[PlanItem],
    is_done: &dyn Fn(u8) -> bool,
    warnings: &mut Vec<Finding>,
) {
    for item in items {
        if is_done(item.no) {
            continue;
        }
        let Some(rule) = pack.item(item.no) else {
            continue;
        };
        for pr in rule
            .prerequisites
            .iter()
            .filter(|p| item.after.contains(&p.item))
        {
            if is_done(pr.item) {
                continue;
            }
            let Some(before) = items.iter().find(|i| i.no == pr.item) else {
                continue;
            };
            let clause = match &pr.provenance.law {
                Some(law) => format!("{}，{law}", pr.provenance.clause),
                None => pr.provenance.clause.clone(),
            };
            let (no, bno) = (item.no.to_string(), before.no.to_string());
            let mut args: Vec<(&str, &str)> = vec![
                ("no", &no),
                ("name", &item.name),
                ("before", &bno),
                ("before_name", &before.name),
                ("text", &pr.text),
                ("clause", &clause),
            ];
            match (before.due.date, item.due.date) {
                (Some(bd), Some(d)) if bd > d => {
                    let (bds, ds) = (bd.to_string(), d.to_string());
                    args.extend([("before_due", bds.as_str()), ("due", ds.as_str())]);
                    warnings.push(Finding::new(
                        &PREREQUISITE_DUE_LATER,
                        "/completed_items",
                        &args,
                    ));
                }
                _ => warnings.push(Finding::new(&PREREQUISITE_ORDER, "/completed_items", &args)),
            }
        }
    }
}

/// The applicable items in 八(三) order, each preceded by its prerequisites (depth first; the pack has no
/// cycle).
fn order(items: &[PlanItem]) -> Vec<u8> {
    fn place(no: u8, items: &[PlanItem], out: &mut Vec<u8>) {
        if out.contains(&no) {
            return;
        }
        if let Some(it) = items.iter().find(|i| i.no == no && i.applies) {
            for p in &it.after {
                place(*p, items, out);
            }
            out.push(no);
        }
    }
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        place(it.no, items, &mut out);
    }
    out
}

/// The 第十七条 judgement, and the provisional years its grace period used.
fn late_report(
    pack: &RulePack,
    cal: &Calendar,
    a: &Application,
    deadline: Option<Date>,
    mode: CalendarMode,
    warnings: &mut Vec<Finding>,
) -> Result<(LateReport, Vec<i32>)> {
    let rule = &pack.meta.late_report;
    let legit = a.report_delay_reason_legitimate;
    let mut lr = LateReport {
        flag: false,
        code: String::new(),
        deadline,
        grace_end: None,
        provisional: false,
        days_late: None,
        report_date: a.dates.report_date,
        legitimate_reason: legit,
        reason: String::new(),
        reason_en: String::new(),
        rule: rule.provenance.clone(),
    };
    let set = |lr: &mut LateReport, i: &CodeInfo, args: &[(&str, &str)]| {
        let (zh, en) = crate::code_info::messages(i, args);
        lr.code = i.code.to_string();
        lr.reason = zh;
        lr.reason_en = en;
    };
    let Some(deadline) = deadline else {
        if a.dates.of(crate::pack::Event::ApprovedDischarge).is_some() {
            // The deadline itself could not be computed (calendar); the item carries the reason.
            set(
                &mut lr,
                &LATE_REPORT_NOT_COMPUTED,
                &[("detail", "报到期限无法计算")],
            );
        } else {
            set(&mut lr, &LATE_REPORT_NO_DEADLINE, &[]);
        }
        return Ok((lr, Vec::new()));
    };
    let mut years = Vec::new();
    let grace = match cal.period_end_with(deadline.0, rule.grace_days, mode) {
        Ok(p) => {
            lr.provisional = p.is_provisional();
            years = p.provisional_years;
            p.value.end
        }
        Err(e) if e.kind == ErrorKind::CalendarCoverage => {
            if let Some(r) = a.dates.report_date {
                lr.days_late = Some((r.0 - deadline.0).num_days().max(0));
            }
            set(
                &mut lr,
                &LATE_REPORT_NOT_COMPUTED,
                &[("detail", &e.message)],
            );
            return Ok((lr, years));
        }
        Err(e) => return Err(e),
    };
    lr.grace_end = Some(grace);
    let (ds, gs) = (deadline.to_string(), grace.to_string());
    match a.dates.report_date {
        None => {
            set(
                &mut lr,
                &LATE_REPORT_NOT_REPORTED,
                &[("deadline", &ds), ("grace_end", &gs)],
            );
            if let Some(today) = a.today {
                if today > grace && !legit {
                    warnings.push(Finding::new(
                        &REPORT_OVERDUE_ABANDON_RISK,
                        "/dates/report_date",
                        &[
                            ("today", &today.to_string()),
                            ("deadline", &ds),
                            ("grace_end", &gs),
                        ],
                    ));
                }
            }
        }
        Some(r) => {
            let days = (r.0 - deadline.0).num_days().max(0);
            lr.days_late = Some(days);
            let (rs, dys) = (r.to_string(), days.to_string());
            let args: [(&str, &str); 4] = [
                ("report_date", &rs),
                ("deadline", &ds),
                ("grace_end", &gs),
                ("days", &dys),
            ];
            if r <= deadline {
                set(&mut lr, &LATE_REPORT_ON_TIME, &args);
            } else if r <= grace {
                set(&mut lr, &LATE_REPORT_WITHIN_GRACE, &args);
            } else if legit {
                set(&mut lr, &LATE_REPORT_LEGITIMATE, &args);
            } else {
                lr.flag = true;
                set(&mut lr, &LATE_REPORT_ABANDONED, &args);
            }
        }
    }
    Ok((lr, years))
}
#[cfg(test)]
mod tests {
    use crate::types::{Applicant, Application, Situation};
    use crate::Engine;

    #[test]
    fn shipped_examples_parse_and_materials_follow_the_rules() {
        let app: Application =
            serde_json::from_str(include_str!("../../examples/applicant.json")).unwrap();
        let sit: Situation =
            serde_json::from_str(include_str!("../../examples/situation.json")).unwrap();
        let _: Applicant =
            serde_json::from_str(include_str!("../../examples/eligibility.json")).unwrap();
        assert_eq!(app.situation, sit);
        let e = Engine::embedded().unwrap();
        let req: Vec<u8> = e
            .required_materials(&sit)
            .unwrap()
            .iter()
            .filter(|m| m.required)
            .map(|m| m.no)
            .collect();
        // 投靠亲属落户, hukou cancelled, military ID issued: 1–6, 8, 10–14.
        assert_eq!(req, [1, 2, 3, 4, 5, 6, 8, 10, 11, 12, 13, 14]);
    }
}
