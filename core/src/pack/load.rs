//! Loading a rule pack: the embedded Shanxi pack, or the five files of a directory.

use std::path::Path;

use schemars::JsonSchema;

use super::{pack_error, Conflict, Department, DispatchFile, Item, Material, RulePack};
use crate::error::Result;

/// The file names of a pack directory.
pub const FILES: [&str; 5] = [
    "pack.json",
    "items.json",
    "materials.json",
    "conflicts.json",
    "dispatch.json",
];

pub(super) const EMBEDDED: [&str; 5] = [
    include_str!("../../../rules/shanxi/pack.json"),
    include_str!("../../../rules/shanxi/items.json"),
    include_str!("../../../rules/shanxi/materials.json"),
    include_str!("../../../rules/shanxi/conflicts.json"),
    include_str!("../../../rules/shanxi/dispatch.json"),
];

fn parse<T: serde::de::DeserializeOwned + JsonSchema + 'static>(
    file: &str,
    text: &str,
) -> Result<T> {
    let doc = crate::parse::parse(text).map_err(|e| {
        pack_error(
            &super::RULE_PACK_JSON,
            file,
            &e.path,
            &[("detail", &e.message), ("detail_en", &e.message_en)],
        )
    })?;
    crate::strict::read::<T>(&doc).map_err(|e| {
        pack_error(
            &super::RULE_PACK_JSON,
            file,
            &e.path,
            &[("detail", &e.message), ("detail_en", &e.message_en)],
        )
    })
}

impl RulePack {
    /// The Shanxi pack embedded in the binary.
    pub fn embedded() -> Result<RulePack> {
        let [p, i, m, c, d] = EMBEDDED;
        RulePack::from_sources(p, i, m, c, d)
    }

    /// Load `pack.json`, `items.json`, `materials.json` and `conflicts.json` from `dir`.
    pub fn from_dir(dir: &Path) -> Result<RulePack> {
        let mut texts = Vec::with_capacity(5);
        for f in FILES {
            let p = dir.join(f);
            let t = crate::files::read_text(&p, crate::files::MAX_FILE_BYTES).map_err(|e| {
                let (zh, en) = e.reason();
                pack_error(
                    &super::RULE_PACK_IO,
                    &crate::files::shown(&p),
                    "",
                    &[("detail", &zh), ("detail_en", &en)],
                )
            })?;
            texts.push(t);
        }
        RulePack::from_sources(&texts[0], &texts[1], &texts[2], &texts[3], &texts[4])
    }

    /// Load from the five file texts (tests, fuzzing, embedding elsewhere).
    pub fn from_sources(
        pack: &str,
        items: &str,
        materials: &str,
        conflicts: &str,
        dispatch: &str,
    ) -> Result<RulePack> {
        let dispatch: DispatchFile = parse(FILES[4], dispatch)?;
        let mut rp = RulePack {
            dispatch: dispatch.departments,
            meta: parse(FILES[0], pack)?,
            items: parse(FILES[1], items)?,
            materials: parse(FILES[2], materials)?,
            conflicts: parse(FILES[3], conflicts)?,
        };
        rp.validate()?;
        for it in &mut rp.items {
            it.applies.render();
        }
        for m in &mut rp.materials {
            m.requirement.render();
        }
        Ok(rp)
    }

    pub fn id(&self) -> &str {
        &self.meta.id
    }

    pub fn conflicts(&self) -> &[Conflict] {
        &self.conflicts
    }

    pub fn item(&self, no: u8) -> Option<&Item> {
        self.items.iter().find(|i| i.no == no)
    }

    pub fn material(&self, no: u8) -> Option<&Material> {
        self.materials.iter().find(|m| m.no == no)
    }

    pub fn department(&self, id: &str) -> Option<&Department> {
        self.meta.departments.iter().find(|d| d.id == id)
    }

    pub fn conflict(&self, id: &str) -> Option<&Conflict> {
        self.conflicts.iter().find(|c| c.id == id)
    }
}
