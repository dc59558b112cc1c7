//! [`Engine`]: a rule pack plus a calendar. `Send + Sync`, cheap to clone (two `Arc`s), so every binding can
//! share one across threads without conversion code of its own.
//!
//! The domain operations are added to `Engine` by their own modules (`impl Engine` blocks in
//! `calendar`, `eligibility`, `materials`, `plan`, `form`, `dispatch`, `prereview`, `guide`, `schema`).

use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::calendar::Calendar;
use crate::error::Result;
use crate::rules::RulePack;

#[derive(Clone)]
pub struct Engine {
    pack: Arc<RulePack>,
    calendar: Arc<Calendar>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("pack", &self.pack.id())
            .field("calendar_years", &self.calendar.years())
            .finish()
    }
}

static EMBEDDED: OnceLock<std::result::Result<Engine, crate::Error>> = OnceLock::new();

impl Engine {
    /// The engine over the rule pack and calendar embedded in the binary (built once, then shared).
    pub fn embedded() -> Result<Engine> {
        EMBEDDED
            .get_or_init(|| {
                Ok(Engine {
                    pack: Arc::new(RulePack::embedded()?),
                    calendar: Arc::new(Calendar::embedded()?),
                })
            })
            .clone()
    }

    /// An engine over a rule pack and/or a calendar loaded from directories; `None` keeps the embedded one.
    pub fn load(rules_dir: Option<&Path>, calendar_dir: Option<&Path>) -> Result<Engine> {
        let pack = match rules_dir {
            Some(d) => Arc::new(RulePack::from_dir(d)?),
            None => Engine::embedded()?.pack,
        };
        let calendar = match calendar_dir {
            Some(d) => Arc::new(Calendar::from_dir(d)?),
            None => Engine::embedded()?.calendar,
        };
        Ok(Engine { pack, calendar })
    }

    /// Assemble an engine from parts already loaded.
    pub fn from_parts(pack: RulePack, calendar: Calendar) -> Engine {
        Engine {
            pack: Arc::new(pack),
            calendar: Arc::new(calendar),
        }
    }

    pub fn pack(&self) -> &RulePack {
        &self.pack
    }

    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }
}

#[cfg(test)]
mod tests {
    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn engine_is_send_sync() {
        assert_send_sync::<super::Engine>();
        assert_send_sync::<crate::Error>();
    }
}
