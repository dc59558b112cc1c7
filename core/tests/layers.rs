//! No import cycle between the crate's top-level modules: each module may use only modules below it, so
//! the house reads from the bottom (`mask`, `code_info`, `error`, `doc`…) to the top (`ops`, `api`,
//! `catalogue`). Test code (`#[cfg(test)]`) and comments are not counted.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Items the crate root re-exports, and the module each comes from.
const REEXPORTS: &[(&str, &str)] = &[
    ("Engine", "engine"),
    ("Error", "error"),
    ("ErrorKind", "error"),
    ("Result", "error"),
    ("Calendar", "calendar"),
    ("PeriodEnd", "calendar"),
    ("CodeInfo", "code_info"),
    ("Severity", "code_info"),
    ("Date", "date"),
    ("RulePack", "pack"),
];

fn strip(src: &str) -> String {
    let code = src.split("#[cfg(test)]").next().unwrap_or("");
    code.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn words_after<'a>(src: &'a str, prefix: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = src;
    while let Some(i) = rest.find(prefix) {
        rest = &rest[i + prefix.len()..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        out.push(&rest[..end]);
    }
    out
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut modules = BTreeSet::new();
    for e in std::fs::read_dir(&root).expect("src").flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name == "lib.rs" {
            continue;
        }
        modules.insert(name.trim_end_matches(".rs").to_string());
    }
    let mut deps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let rel = p.strip_prefix(&root).expect("rel");
            let first = rel.components().next().expect("component");
            let module = first
                .as_os_str()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_string();
            if module == "lib" {
                continue;
            }
            let src = strip(&std::fs::read_to_string(&p).expect("read"));
            let entry = deps.entry(module.clone()).or_default();
            for w in words_after(&src, "crate::") {
                let target = REEXPORTS
                    .iter()
                    .find(|(item, _)| *item == w)
                    .map(|(_, m)| *m)
                    .unwrap_or(w);
                if modules.contains(target) && target != module {
                    entry.insert(target.to_string());
                }
            }
            // `use crate::{a, b::C}`
            for group in src.split("crate::{").skip(1) {
                let inner = group.split('}').next().unwrap_or("");
                for item in inner.split(|c: char| c == ',' || c.is_whitespace()) {
                    let head = item.split("::").next().unwrap_or("");
                    let target = REEXPORTS
                        .iter()
                        .find(|(i, _)| *i == head)
                        .map(|(_, m)| *m)
                        .unwrap_or(head);
                    if modules.contains(target) && target != module {
                        entry.insert(target.to_string());
                    }
                }
            }
        }
    }
    deps
}

#[test]
fn top_level_modules_form_no_cycle() {
    let deps = graph();
    assert!(deps.len() > 20, "{} modules", deps.len());
    // Depth-first search for a back edge.
    fn visit(
        m: &str,
        deps: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match state.get(m) {
            Some(2) => return None,
            Some(1) => {
                let i = path.iter().position(|x| x == m).unwrap_or(0);
                let mut cycle = path[i..].to_vec();
                cycle.push(m.to_string());
                return Some(cycle);
            }
            _ => {}
        }
        state.insert(m.to_string(), 1);
        path.push(m.to_string());
        for d in deps.get(m).into_iter().flatten() {
            if let Some(c) = visit(d, deps, state, path) {
                return Some(c);
            }
        }
        path.pop();
        state.insert(m.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for m in deps.keys() {
        let mut path = Vec::new();
        if let Some(cycle) = visit(m, &deps, &mut state, &mut path) {
            panic!("import cycle: {}", cycle.join(" → "));
        }
    }
}
