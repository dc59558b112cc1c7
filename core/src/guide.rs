//! The 办事指南 rendered as Markdown from the pack (五(四)): one page that tells an applicant everything.

use std::fmt::Write;

use crate::pack::RulePack;
use crate::pack::{DeadlineKind, When};

fn cond_text(when: When) -> &'static str {
    match when {
        When::Always => "所有申请人",
        When::HukouCancelled => "入伍时注销户口的",
        When::SettlementMode => "按落户方式",
        When::MilitaryIdIssued => "服役期间办理军人身份证件的",
        When::IdCardNeeded => "需要申领或换(补)领居民身份证的",
        When::IdCardHeld => "持有居民身份证的（未遗失）",
        When::FlexibleEmploymentMedical => "以灵活就业人员身份参加医保的",
    }
}

/// `## 特别提示`: every notice of the pack, with the conflicts whose decision it explains.
fn special_notices(p: &RulePack, s: &mut String) {
    if p.meta.notices.is_empty() {
        return;
    }
    let _ = writeln!(s, "## 特别提示\n");
    for (i, n) in p.meta.notices.iter().enumerate() {
        let mut source = n.provenance.clause.clone();
        if let Some(law) = &n.provenance.law {
            source.push('，');
            source.push_str(law);
        }
        let see: Vec<String> = n.conflicts.iter().map(|c| format!("`{c}`")).collect();
        if !see.is_empty() {
            source.push_str("；见冲突 ");
            source.push_str(&see.join("、"));
        }
        let _ = writeln!(s, "{}. {}（{}）", i + 1, n.text, source);
    }
    s.push('\n');
}

/// `## 办理顺序`: which item must be done before which, and why (items.json `prerequisites`).
fn order(p: &RulePack, s: &mut String) {
    let mut lines = Vec::new();
    for it in &p.items {
        for pr in &it.prerequisites {
            let Some(before) = p.item(pr.item) else {
                continue;
            };
            let mut source = pr.provenance.clause.clone();
            if let Some(law) = &pr.provenance.law {
                source.push('，');
                source.push_str(law);
            }
            let cond = if it.applies.when == When::Always && before.applies.when == When::Always {
                String::new()
            } else {
                "（两项都须办理时）".to_string()
            };
            lines.push(format!(
                "- 先办事项{}“{}”，再办事项{}“{}”{}：{}（{}）",
                before.no, before.name, it.no, it.name, cond, pr.text, source
            ));
        }
    }
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(s, "## 办理顺序\n");
    for l in lines {
        let _ = writeln!(s, "{l}");
    }
    s.push('\n');
}

/// The service guide as one Markdown page.
pub fn guide(p: &RulePack) -> String {
    let m = &p.meta;
    let mut s = String::with_capacity(16 * 1024);
    let _ = writeln!(s, "# {}办事指南\n", m.title);
    let _ = writeln!(
        s,
        "依据：{}《{}》（{}）。本指南由 tuiyi 从规则包 `{}` 生成，每条规则注明出处。\n",
        m.document, m.document_title, m.date, m.id
    );
    let _ = writeln!(
        s,
        "## 服务对象\n\n{}（{}）\n",
        m.service_object.text, m.service_object.provenance.clause
    );
    let _ = writeln!(
        s,
        "## 受理条件\n\n{}（{}）\n",
        m.acceptance_conditions.text, m.acceptance_conditions.provenance.clause
    );
    let _ = writeln!(s, "## 服务事项（{}项）\n", p.items.len());
    let _ = writeln!(
        s,
        "| 序号 | 事项 | 负责部门 | 联办部门 | 实施层级 | 办理形式 | 适用 | 办结时限 |"
    );
    let _ = writeln!(s, "|---|---|---|---|---|---|---|---|");
    for it in &p.items {
        let dep = p
            .department(&it.lead)
            .map(|d| d.name.as_str())
            .unwrap_or("");
        let applies = if it.applies.when == When::Always {
            "所有申请人".to_string()
        } else {
            format!(
                "{}（{}）",
                it.applies.reason_true, it.applies.provenance.clause
            )
        };
        let unit = match it.deadline.kind {
            DeadlineKind::CalendarDays => "日",
            DeadlineKind::WorkingDays => "个工作日",
        };
        let see: String = it
            .deadline
            .conflicts
            .iter()
            .map(|c| format!("；见冲突 `{c}`"))
            .collect();
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} | 自{}起 {} {}（{}{}） |",
            it.no,
            it.name,
            dep,
            it.joint_department,
            it.level,
            it.mode,
            applies,
            it.deadline.from.zh(),
            it.deadline.count,
            unit,
            it.deadline.provenance.clause,
            see
        );
    }
    let _ = writeln!(
        s,
        "\n时限计算：自然日期间起算日不计入，期间最后一日是法定休假日（含周末）的，以休假日结束的次日为最后一日（民法典第二百零一条、第二百零三条）；调休上班的周六、周日是工作日。工作日时限为受理（或收到数据）之日后的第 n 个工作日。\n"
    );
    let lr = &m.late_report;
    let _ = writeln!(
        s,
        "**逾期报到**：{}（{}）。报到期限按《退役士兵安置条例》第十三条自被批准退出现役之日起计算，不按返乡之日（见冲突 report_deadline_start）。\n",
        lr.provenance.quote,
        lr.provenance.law.as_deref().unwrap_or(&lr.provenance.clause)
    );
    special_notices(p, &mut s);
    order(p, &mut s);
    let _ = writeln!(s, "## 设定依据\n");
    for it in &p.items {
        let _ = writeln!(s, "{}. **{}**", it.no, it.name);
        for b in &it.legal_basis {
            let _ = writeln!(
                s,
                "   - {}{}：“{}”（{}）",
                b.law, b.article, b.quote, b.clause
            );
        }
    }
    let _ = writeln!(s, "\n## 申请材料（{}项）\n", p.materials.len());
    let _ = writeln!(
        s,
        "| 序号 | 材料 | 来源渠道 | 形式 | 份数 | 何时提交 | 备注 |"
    );
    let _ = writeln!(s, "|---|---|---|---|---|---|---|");
    for mt in &p.materials {
        let r = &mt.requirement;
        let when = match r.when {
            When::Always => "必须提交".to_string(),
            When::SettlementMode => {
                format!("选择“{}”时", r.mode.map(|x| x.as_str()).unwrap_or(""))
            }
            w => format!("{}提交", cond_text(w)),
        };
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {}（{}） | {} |",
            mt.no,
            mt.name,
            mt.source_channel,
            mt.material_form,
            mt.paper_copies,
            when,
            r.provenance.clause,
            mt.note
        );
    }
    let _ = writeln!(
        s,
        "\n受理标准：真实有效。涉及户口登记和身份证件核发的材料，还须符合公安部门的具体要求（八(六)）。\n"
    );
    let _ = writeln!(
        s,
        "## 申请途径\n\n{}（{}）\n",
        m.channels.text, m.channels.provenance.clause
    );
    let _ = writeln!(s, "## 办理流程\n");
    for (i, st) in m.process.iter().enumerate() {
        let _ = writeln!(
            s,
            "{}. **{}**：{}（{}）",
            i + 1,
            st.step,
            st.text,
            st.provenance.clause
        );
    }
    let _ = writeln!(
        s,
        "\n## 收费标准\n\n{}（{}）\n",
        m.fees.text, m.fees.provenance.clause
    );
    let _ = writeln!(
        s,
        "## 方案中的不一致及本指南的处理（{}处）\n",
        p.conflicts.len()
    );
    for c in &p.conflicts {
        let _ = writeln!(s, "- **{}**（`{}`）：{}。", c.title, c.id, c.followed);
    }
    let _ = writeln!(s, "\n## 办理部门\n");
    for d in &m.departments {
        let _ = writeln!(s, "- {}（省级：{}）", d.name, d.provincial);
    }
    s
}

#[cfg(test)]
mod tests {
    use crate::pack::RulePack;

    /// The part of the guide under `## title`, up to the next `## ` heading.
    fn section<'a>(guide: &'a str, title: &str) -> &'a str {
        let head = format!("## {title}\n");
        let start = guide
            .find(&head)
            .map(|i| i + head.len())
            .unwrap_or(guide.len());
        let rest = &guide[start..];
        &rest[..rest.find("\n## ").unwrap_or(rest.len())]
    }

    /// Does a recorded decision promise that the guide explains it: "办事指南“特别提示”中说明…", "…中注明…",
    /// "指南中注明…" (not "办事指南正文", which names 八 of the seed)?
    fn promises_the_guide(c: &crate::pack::Conflict) -> bool {
        [&c.followed, &c.why].iter().any(|t| {
            ["“特别提示”中", "指南中注明", "指南中说明"]
                .iter()
                .any(|m| t.contains(m))
        })
    }

    #[test]
    fn every_notice_and_every_promised_explanation_is_printed() {
        let p = RulePack::embedded().unwrap();
        let g = super::guide(&p);
        let notices = section(&g, "特别提示");
        assert!(!notices.trim().is_empty(), "no 特别提示 section:\n{g}");
        for n in &p.meta.notices {
            assert!(notices.contains(&n.text), "notice not printed: {}", n.text);
        }
        let promised: Vec<_> = p
            .conflicts
            .iter()
            .filter(|c| promises_the_guide(c))
            .collect();
        assert!(
            promised.len() >= 5,
            "the five decisions of issue 13 at least"
        );
        for id in [
            "reserve_registration_form_not_listed",
            "subsidy_deadline_is_application",
            "material_6_form",
            "material_13_conscript_voucher",
            "military_registration_before_report",
        ] {
            assert!(promised.iter().any(|c| c.id == id), "{id}");
        }
        for c in promised {
            let n = p
                .meta
                .notices
                .iter()
                .find(|n| n.conflicts.contains(&c.id))
                .unwrap_or_else(|| {
                    panic!(
                        "conflict {} promises the guide explains it; no notice does",
                        c.id
                    )
                });
            let line = notices
                .lines()
                .find(|l| l.contains(&n.text))
                .unwrap_or_default();
            assert!(
                line.contains(&format!("`{}`", c.id)),
                "{}: its notice is printed without the conflict: {line}",
                c.id
            );
        }
    }

    #[test]
    fn the_guide_prints_the_order_and_the_right_start_events() {
        let g = super::guide(&RulePack::embedded().unwrap());
        let order = section(&g, "办理顺序");
        assert!(
            order.contains("先办事项9“退役军人预备役登记”，再办事项1“退役报到”")
                && order.contains("先办事项1“退役报到”，再办事项3")
                && order.contains("先办事项3"),
            "{order}"
        );
        // 八(九)9 counts item 9 from 退出现役之日, 条例第十三条 item 1 from 被批准退出现役之日.
        let row = |no: &str| {
            g.lines()
                .find(|l| l.starts_with(&format!("| {no} |")))
                .unwrap_or_default()
                .to_string()
        };
        assert!(row("9").contains("自退出现役之日起 40 日"), "{}", row("9"));
        assert!(
            row("1").contains("自被批准退出现役之日起 30 日"),
            "{}",
            row("1")
        );
    }
}
