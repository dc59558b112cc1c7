//! Checks of a loaded pack: numbering, counts, unique codes, references, conditions, provenance.

use std::collections::BTreeSet;

use super::load::FILES;
use super::{pack_error, Condition, DispatchRule, Event, Provenance, RulePack, When};
use crate::error::{Error, Result};

impl RulePack {
    pub(super) fn validate(&self) -> Result<()> {
        self.validate_core()?;
        self.validate_dispatch()
    }

    fn validate_core(&self) -> Result<()> {
        let (pf, itf, mf, cf) = (FILES[0], FILES[1], FILES[2], FILES[3]);
        nonempty(pf, "/id", &self.meta.id)?;
        // Departments: unique ids.
        let mut deps = BTreeSet::new();
        for (i, d) in self.meta.departments.iter().enumerate() {
            let p = format!("/departments/{i}/id");
            nonempty(pf, &p, &d.id)?;
            if !deps.insert(d.id.as_str()) {
                return Err(dup(pf, &p, &d.id));
            }
        }
        // Conflicts: unique ids, affects resolve.
        let mut cids = BTreeSet::new();
        for (i, c) in self.conflicts.iter().enumerate() {
            let p = format!("/{i}/id");
            nonempty(cf, &p, &c.id)?;
            if !cids.insert(c.id.as_str()) {
                return Err(dup(cf, &p, &c.id));
            }
            if c.readings.len() < 2 {
                return Err(pack_error(
                    &super::RULE_PACK_VALUE,
                    cf,
                    &format!("/{i}/readings"),
                    &[("detail", "a conflict needs at least two readings")],
                ));
            }
        }
        let conflict_refs = |file: &str, base: &str, list: &[String]| -> Result<()> {
            for (j, id) in list.iter().enumerate() {
                if !cids.contains(id.as_str()) {
                    return Err(reference(file, &format!("{base}/conflicts/{j}"), id));
                }
            }
            Ok(())
        };
        // Notices of the guide.
        for (i, n) in self.meta.notices.iter().enumerate() {
            nonempty(pf, &format!("/notices/{i}/text"), &n.text)?;
            provenance(pf, &format!("/notices/{i}/provenance"), &n.provenance)?;
            conflict_refs(pf, &format!("/notices/{i}"), &n.conflicts)?;
        }
        // Items.
        count(itf, self.meta.expects.items, self.items.len())?;
        let mut codes = BTreeSet::new();
        for (i, it) in self.items.iter().enumerate() {
            numbering(itf, &format!("/{i}/no"), i, it.no)?;
            if !codes.insert(it.code.as_str()) {
                return Err(dup(itf, &format!("/{i}/code"), &it.code));
            }
            nonempty(itf, &format!("/{i}/code"), &it.code)?;
            nonempty(itf, &format!("/{i}/name"), &it.name)?;
            if !deps.contains(it.lead.as_str()) {
                return Err(reference(itf, &format!("/{i}/lead"), &it.lead));
            }
            if it.deadline.count == 0 || it.deadline.count > 3650 {
                return Err(pack_error(
                    &super::RULE_PACK_VALUE,
                    itf,
                    &format!("/{i}/deadline/count"),
                    &[("detail", "count must be 1..=3650")],
                ));
            }
            provenance(itf, &format!("/{i}/provenance"), &it.provenance)?;
            provenance(
                itf,
                &format!("/{i}/deadline/provenance"),
                &it.deadline.provenance,
            )?;
            condition(itf, &format!("/{i}/applies"), &it.applies)?;
            conflict_refs(itf, &format!("/{i}"), &it.conflicts)?;
            conflict_refs(itf, &format!("/{i}/deadline"), &it.deadline.conflicts)?;
            let mut seen = BTreeSet::new();
            for (j, pr) in it.prerequisites.iter().enumerate() {
                let base = format!("/{i}/prerequisites/{j}");
                let resolves =
                    pr.item != it.no && self.items.iter().any(|other| other.no == pr.item);
                if !resolves {
                    return Err(reference(
                        itf,
                        &format!("{base}/item"),
                        &pr.item.to_string(),
                    ));
                }
                if !seen.insert(pr.item) {
                    return Err(dup(itf, &format!("{base}/item"), &pr.item.to_string()));
                }
                nonempty(itf, &format!("{base}/text"), &pr.text)?;
                provenance(itf, &format!("{base}/provenance"), &pr.provenance)?;
                conflict_refs(itf, &base, &pr.conflicts)?;
            }
        }
        self.prerequisites_acyclic()?;
        // Materials.
        count(mf, self.meta.expects.materials, self.materials.len())?;
        let mut mcodes = BTreeSet::new();
        for (i, m) in self.materials.iter().enumerate() {
            numbering(mf, &format!("/{i}/no"), i, m.no)?;
            nonempty(mf, &format!("/{i}/code"), &m.code)?;
            if !mcodes.insert(m.code.as_str()) {
                return Err(dup(mf, &format!("/{i}/code"), &m.code));
            }
            nonempty(mf, &format!("/{i}/name"), &m.name)?;
            condition(mf, &format!("/{i}/requirement"), &m.requirement)?;
            if let Some(at) = &m.issued_at {
                if self.item(at.item).is_none() {
                    return Err(reference(
                        mf,
                        &format!("/{i}/issued_at/item"),
                        &at.item.to_string(),
                    ));
                }
                nonempty(mf, &format!("/{i}/issued_at/text"), &at.text)?;
                provenance(mf, &format!("/{i}/issued_at/provenance"), &at.provenance)?;
            }
            for (j, n) in m.extra_notes.iter().enumerate() {
                if n.when == When::Always || n.when == When::SettlementMode {
                    return Err(pack_error(
                        &super::RULE_PACK_CONDITION,
                        mf,
                        &format!("/{i}/extra_notes/{j}/when"),
                        &[("detail", "an extra note needs a yes/no condition")],
                    ));
                }
            }
            conflict_refs(mf, &format!("/{i}"), &m.conflicts)?;
        }
        // Conflicts: what they affect resolves.
        for (i, c) in self.conflicts.iter().enumerate() {
            for (j, a) in c.affects.iter().enumerate() {
                let ok = match a.split_once(':') {
                    Some(("item", n)) => n.parse::<u8>().is_ok_and(|n| self.item(n).is_some()),
                    Some(("material", n)) => {
                        n.parse::<u8>().is_ok_and(|n| self.material(n).is_some())
                    }
                    _ => false,
                };
                if !ok {
                    return Err(reference(cf, &format!("/{i}/affects/{j}"), a));
                }
            }
        }
        // Late-report rule.
        let lr = &self.meta.late_report;
        match self.item(lr.item) {
            Some(it) if it.deadline.from == Event::ApprovedDischarge => {}
            Some(_) => {
                return Err(pack_error(
                    &super::RULE_PACK_VALUE,
                    pf,
                    "/late_report/item",
                    &[(
                        "detail",
                        "the late-report item must count from approved_discharge (条例第十三条)",
                    )],
                ))
            }
            None => return Err(reference(pf, "/late_report/item", &lr.item.to_string())),
        }
        for (j, f) in lr.forfeits.iter().enumerate() {
            let base = format!("/late_report/forfeits/{j}");
            if f.item == lr.item || self.item(f.item).is_none() {
                return Err(reference(pf, &format!("{base}/item"), &f.item.to_string()));
            }
            nonempty(pf, &format!("{base}/text"), &f.text)?;
            provenance(pf, &format!("{base}/provenance"), &f.provenance)?;
            conflict_refs(pf, &base, &f.conflicts)?;
        }
        Ok(())
    }
}

impl RulePack {
    /// The prerequisites of the items form no cycle (an item cannot, through others, come before itself).
    fn prerequisites_acyclic(&self) -> Result<()> {
        // Depth-first search; `path` is the chain being followed, `done` the items known to lead nowhere back.
        fn visit(
            pack: &RulePack,
            no: u8,
            path: &mut Vec<u8>,
            done: &mut BTreeSet<u8>,
        ) -> std::result::Result<(), Vec<u8>> {
            if done.contains(&no) {
                return Ok(());
            }
            if let Some(k) = path.iter().position(|n| *n == no) {
                let mut cycle = path[k..].to_vec();
                cycle.push(no);
                return Err(cycle);
            }
            path.push(no);
            if let Some(it) = pack.item(no) {
                for pr in &it.prerequisites {
                    visit(pack, pr.item, path, done)?;
                }
            }
            path.pop();
            done.insert(no);
            Ok(())
        }
        let mut done = BTreeSet::new();
        for (i, it) in self.items.iter().enumerate() {
            if let Err(cycle) = visit(self, it.no, &mut Vec::new(), &mut done) {
                let shown: Vec<String> = cycle.iter().map(u8::to_string).collect();
                return Err(pack_error(
                    &super::RULE_PACK_VALUE,
                    FILES[1],
                    &format!("/{i}/prerequisites"),
                    &[(
                        "detail",
                        &format!(
                            "先后顺序成环：事项 {} / the prerequisites form a cycle",
                            shown.join(" → ")
                        ),
                    )],
                ));
            }
        }
        Ok(())
    }
}

fn nonempty(file: &str, p: &str, v: &str) -> Result<()> {
    if v.trim().is_empty() {
        return Err(pack_error(
            &super::RULE_PACK_VALUE,
            file,
            p,
            &[("detail", "must not be empty")],
        ));
    }
    Ok(())
}

fn dup(file: &str, p: &str, v: &str) -> Error {
    pack_error(&super::RULE_PACK_DUPLICATE, file, p, &[("value", v)])
}

impl RulePack {
    fn validate_dispatch(&self) -> Result<()> {
        let f = FILES[4];
        let mut seen = BTreeSet::new();
        for (i, r) in self.dispatch.iter().enumerate() {
            let base = format!("/departments/{i}");
            if self.department(&r.department).is_none() {
                return Err(reference(f, &format!("{base}/department"), &r.department));
            }
            if !seen.insert(r.department.as_str()) {
                return Err(pack_error(
                    &super::RULE_PACK_DUPLICATE,
                    f,
                    &format!("{base}/department"),
                    &[("value", &r.department)],
                ));
            }
            for (j, no) in r.items.iter().enumerate() {
                if self.item(*no).is_none() {
                    return Err(reference(f, &format!("{base}/items/{j}"), &no.to_string()));
                }
            }
            for (j, no) in r.materials.iter().enumerate() {
                if self.material(*no).is_none() {
                    return Err(reference(
                        f,
                        &format!("{base}/materials/{j}"),
                        &no.to_string(),
                    ));
                }
            }
            for (j, ptr) in r.fields.iter().enumerate() {
                if !ptr.starts_with('/') || ptr.ends_with('/') {
                    return Err(pack_error(
                        &super::RULE_PACK_VALUE,
                        f,
                        &format!("{base}/fields/{j}"),
                        &[("value", ptr), ("detail", "JSON Pointer")],
                    ));
                }
            }
        }
        Ok(())
    }

    /// The dispatch rule of one department.
    pub fn dispatch_rule(&self, department: &str) -> Option<&DispatchRule> {
        self.dispatch.iter().find(|r| r.department == department)
    }
}

fn reference(file: &str, p: &str, v: &str) -> Error {
    pack_error(&super::RULE_PACK_REFERENCE, file, p, &[("value", v)])
}

fn count(file: &str, expected: usize, got: usize) -> Result<()> {
    if expected != got || got == 0 {
        return Err(pack_error(
            &super::RULE_PACK_COUNT,
            file,
            "",
            &[
                ("expected", &expected.to_string()),
                ("got", &got.to_string()),
            ],
        ));
    }
    Ok(())
}

fn numbering(file: &str, p: &str, index: usize, no: u8) -> Result<()> {
    if usize::from(no) != index + 1 {
        return Err(pack_error(
            &super::RULE_PACK_NUMBERING,
            file,
            p,
            &[
                ("expected", &(index + 1).to_string()),
                ("got", &no.to_string()),
            ],
        ));
    }
    Ok(())
}

fn provenance(file: &str, p: &str, pr: &Provenance) -> Result<()> {
    nonempty(file, &format!("{p}/clause"), &pr.clause)?;
    nonempty(file, &format!("{p}/quote"), &pr.quote)
}

fn condition(file: &str, p: &str, c: &Condition) -> Result<()> {
    provenance(file, &format!("{p}/provenance"), &c.provenance)?;
    let bad = |detail: &str| {
        Err(pack_error(
            &super::RULE_PACK_CONDITION,
            file,
            p,
            &[("detail", detail)],
        ))
    };
    match (c.when, c.mode.is_some()) {
        (When::SettlementMode, false) => return bad("when: settlement_mode needs a mode"),
        (w, true) if w != When::SettlementMode => {
            return bad("mode is only allowed with when: settlement_mode")
        }
        _ => {}
    }
    if c.when != When::Always && c.reason_false.is_none() {
        return bad("reason_false is required unless when: always");
    }
    Ok(())
}
