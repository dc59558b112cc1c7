//! An operation's JSON input, assembled from the arguments a face received, by the table of operations.
//!
//! A face maps its positional and keyword arguments to the parameters of the operation's
//! [`Signature`] (in [`Signature::params`] order), reads each host value into a [`Doc`] at the place
//! [`site`] gives (so limits and error paths are those of the whole input), and [`assemble`]s the input
//! that `tuiyi_core::api::run_doc_owned` takes (given away: a form in it is made canonical in place).

use std::borrow::Cow;

use tuiyi_core::doc::{Doc, Obj};
use tuiyi_core::ops::{self, Input, Op};
use tuiyi_core::Error;

/// The operation named `name` (an unknown name is the core's `unknown_operation`).
pub fn op(name: &str) -> Result<&'static Op, Error> {
    ops::find(name).ok_or_else(|| tuiyi_core::api::run_doc_unknown(name))
}

/// Where the value of parameter `key` sits in the operation's input: its JSON Pointer and nesting depth.
pub fn site(op: &Op, key: &str) -> (String, usize) {
    match op.input {
        Input::Whole { name, .. } if name == key => (String::new(), 1),
        _ => (["/", key].concat(), 2),
    }
}

/// The input of `op` from its arguments' values (`key`, value), absent ones left out: an object of the
/// parameters, or, for a whole-document input, the document with its extra parameters set in it.
pub fn assemble<'a>(op: &Op, mut values: Vec<(&'static str, Doc<'a>)>) -> Doc<'a> {
    match op.input {
        Input::Fields { .. } => Doc::Object(Obj::from_entries(
            values.into_iter().map(|(k, v)| (Cow::Borrowed(k), v)),
        )),
        Input::Whole { name, .. } => {
            let Some(i) = values.iter().position(|(k, _)| *k == name) else {
                return Doc::Null;
            };
            let (_, doc) = values.swap_remove(i);
            if values.is_empty() {
                return doc;
            }
            match doc {
                Doc::Object(o) => {
                    // The extras replace the document's own keys of the same name.
                    let mut entries: Vec<(Cow<'a, str>, Doc<'a>)> = o
                        .iter()
                        .filter(|(k, _)| !values.iter().any(|(x, _)| x == k))
                        .map(|(k, v)| (Cow::Owned(k.to_string()), v.clone()))
                        .collect();
                    entries.extend(values.into_iter().map(|(k, v)| (Cow::Borrowed(k), v)));
                    Doc::Object(Obj::from_entries(entries))
                }
                other => other,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_and_whole_documents() {
        let add = op("add_working_days").expect("op");
        let doc = assemble(
            add,
            vec![
                ("date", Doc::String("2024-09-30".into())),
                ("n", Doc::Number(3.into())),
            ],
        );
        let engine = tuiyi_core::Engine::embedded().expect("engine");
        let out = tuiyi_core::api::run_doc(&engine, "add_working_days", &doc).expect("run");
        assert_eq!(out.to_value(), serde_json::json!("2024-10-10"));
        assert_eq!(site(add, "n"), ("/n".to_string(), 2));
        let plan = op("plan").expect("op");
        assert_eq!(site(plan, "application"), (String::new(), 1));
        assert_eq!(site(plan, "today"), ("/today".to_string(), 2));
        let app: serde_json::Value =
            serde_json::from_str(include_str!("../../examples/applicant.json")).expect("example");
        let doc = assemble(
            plan,
            vec![
                ("application", Doc::from_value(&app)),
                ("today", Doc::String("2024-10-08".into())),
            ],
        );
        assert_eq!(doc.get("today").and_then(Doc::as_str), Some("2024-10-08"));
        assert!(op("nope").is_err());
    }
}
