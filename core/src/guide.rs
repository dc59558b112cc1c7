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
        When::FlexibleEmploymentMedical => "以灵活就业人员身份参加医保的",
    }
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
