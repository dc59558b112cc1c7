//! Every allocation a document makes is given back. An object's entries keep their key and value in
//! `ManuallyDrop` (`tuiyi_core::doc`), freed by whoever holds them — an object, a builder, the parser's stack,
//! an entry removed or replaced — so a holder that forgot would leak, not crash. Here each way of making,
//! changing and dropping a document (with owned keys and text, nested containers, repeated keys, errors
//! half-way) is run again and again under an allocator that counts the bytes in use: after the first round
//! (which may fill the caches a thread keeps), a round must leave that count where it found it.

#![allow(unsafe_code)] // the counting allocator

use std::alloc::{GlobalAlloc, Layout, System};
use std::borrow::Cow;
use std::sync::atomic::{AtomicIsize, Ordering};

use tuiyi_core::doc::{Doc, Obj, ObjBuilder};

struct Counting;

static IN_USE: AtomicIsize = AtomicIsize::new(0);

// SAFETY: every call is passed on to the system allocator unchanged; only a counter is kept beside it.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        IN_USE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        IN_USE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        IN_USE.fetch_add(
            new_size as isize - layout.size() as isize,
            Ordering::Relaxed,
        );
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Runs `f` once, then five times more, and says how many bytes the five left in use.
fn leaked(f: &dyn Fn()) -> isize {
    f();
    let before = IN_USE.load(Ordering::SeqCst);
    for _ in 0..5 {
        f();
    }
    IN_USE.load(Ordering::SeqCst) - before
}

/// Texts with owned keys and values (escapes), containers at every level, repeated keys (the last kept),
/// and texts that fail half-way with entries of open objects on the parser's stack.
const TEXTS: &[&str] = &[
    r#"{"a":"x","b":1,"c":true,"d":null}"#,
    r#"{"k\u00e9y":"v\u00e1lue","o":{"p\n":"q\t","r":[1,"s\u00e9",{"t":"u"}]},"l":[[],{}]}"#,
    r#"{"a":"1","a":"2\n","b":{"c":"x"},"b":{"d\n":"y\n"},"a\n":"z"}"#,
    r#"{"a\n":{"b\n":["c\n",{"d\n":"e\n"}],"f":"g"},"h":"i\n","j":tru}"#,
    r#"{"a":{"b\n":{"c\n":"d\n","e":["f\n"]},"g":"#,
    r#"{"a\n":"\ud800"}"#,
    r#"[{"a\n":"b\n"},{"c":"d"},"e\n",[{"f\n":1}]]"#,
];

#[test]
fn documents_give_back_what_they_take() {
    // Parsed, and refused half-way.
    let n = leaked(&|| {
        for t in TEXTS {
            let d = tuiyi_core::parse::parse(t);
            drop(d);
        }
    });
    assert_eq!(n, 0, "parse");

    // Read by serde (the visitor builds objects with a builder), also refused half-way.
    let n = leaked(&|| {
        for t in TEXTS {
            let d: Result<Doc, _> = serde_json::from_str(t);
            drop(d);
        }
    });
    assert_eq!(n, 0, "serde");

    // A builder given up before its object is finished; finished with repeated owned keys.
    let n = leaked(&|| {
        let mut b = ObjBuilder::with_capacity(4);
        b.push(
            Cow::Owned("a".repeat(40)),
            Doc::String(Cow::Owned("b".repeat(40))),
        );
        b.push(
            Cow::Borrowed("c"),
            Doc::Array(vec![Doc::String(Cow::Owned("d".into()))]),
        );
        drop(b);
        let mut b = ObjBuilder::new();
        for i in 0..3 {
            b.push(
                Cow::Owned("k".into()),
                Doc::String(Cow::Owned(format!("v{i}"))),
            );
            let inner = Obj::from_entries([(Cow::Owned(format!("i{i}")), Doc::Null)]);
            b.push(Cow::Owned(format!("o{}", i % 2)), Doc::Object(inner));
        }
        let o = b.finish();
        assert_eq!(o.len(), 3);
        drop(o);
    });
    assert_eq!(n, 0, "builder");

    // Changed: a value replaced, entries removed, a copy rebuilt, entries moved out (and given up half-way).
    let n = leaked(&|| {
        let text = r#"{"a\n":"b\n","c":{"d\n":["e\n"]},"f":"g","h\n":{"i":"j\n"}}"#;
        let Ok(Doc::Object(mut o)) = tuiyi_core::parse::parse(text) else {
            panic!("parse");
        };
        o.insert(
            Cow::Owned("a\n".into()),
            Doc::String(Cow::Owned("new".into())),
        );
        o.insert(Cow::Owned("new\n".into()), Doc::Array(vec![Doc::Null]));
        let edits = vec![
            tuiyi_core::doc::Edit::Replace(Doc::String(Cow::Owned("r".into()))),
            tuiyi_core::doc::Edit::Remove,
        ];
        let copy = o.rebuilt(edits);
        assert_eq!(copy.len(), o.len() - 1);
        drop(copy);
        let mut parts = o.clone().into_entries();
        let first = parts.next();
        assert!(first.is_some());
        drop(parts);
        let all: Vec<_> = o.into_entries().collect();
        assert_eq!(all.len(), 5);
    });
    assert_eq!(n, 0, "changes");

    // A form validated from its text, where the canonical form removes a blank optional field with owned
    // text (an escaped space) and replaces values in place.
    let form = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/form.json"
    ))
    .expect("examples/form.json");
    let blanked = form
        .replacen(
            "\"emergency_contact_employer\": \"太原市小店区某某建材有限公司\"",
            "\"emergency_contact_employer\": \"\\u0020\"",
            1,
        )
        .replacen("\"gender\": \"男\"", "\"gender\": \"1\"", 1);
    assert_ne!(blanked, form);
    let n = leaked(&|| {
        for t in [&form, &blanked] {
            let d = tuiyi_core::parse::parse(t).expect("form parses");
            let r = tuiyi_core::form::validate_parsed(d, None);
            drop(r);
        }
    });
    assert_eq!(n, 0, "validate");
}
