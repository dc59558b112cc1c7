//! The 办事指南 rendered as Markdown from the pack (五(四)). (SCAFFOLD — owned by the rules work.)

use crate::Engine;

impl Engine {
    pub fn guide(&self) -> String {
        String::new()
    }
}
