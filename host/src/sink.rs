//! Where a face's walker writes a host value: a core [`Doc`] ([`DocSink`]) for a call on this thread, or a
//! flat [`Tape`] read on another thread (`validate_many`). Strings may be borrowed from the host (`'a`)
//! where the host guarantees they live as long as the call.

use std::borrow::Cow;

use serde_json::Number;
use tuiyi_core::doc::{Doc, ObjBuilder};

use crate::tape::{Open, Tape};

/// A writer of one JSON value, in document order.
pub trait Sink<'a> {
    type Node;
    type Arr;
    type Obj;
    fn null(&mut self) -> Self::Node;
    fn boolean(&mut self, b: bool) -> Self::Node;
    fn number(&mut self, n: Number) -> Self::Node;
    fn string(&mut self, s: Cow<'a, str>) -> Self::Node;
    fn begin_arr(&mut self, len: usize) -> Self::Arr;
    fn arr_item(&mut self, a: &mut Self::Arr, v: Self::Node);
    fn end_arr(&mut self, a: Self::Arr) -> Self::Node;
    fn begin_obj(&mut self, len: usize) -> Self::Obj;
    /// The key of the entry whose value is written next.
    fn obj_key(&mut self, o: &mut Self::Obj, k: Cow<'a, str>);
    fn obj_value(&mut self, o: &mut Self::Obj, v: Self::Node);
    fn end_obj(&mut self, o: Self::Obj) -> Self::Node;
    /// [`Sink::end_obj`] of an object whose keys the host guarantees are distinct, as text: an exact Python
    /// `dict` with exact `str` keys (two different `str`s have different UTF-8; one with a surrogate has
    /// none and is not written). The sink may skip its search for repeated keys.
    fn end_unique_obj(&mut self, o: Self::Obj) -> Self::Node {
        self.end_obj(o)
    }
}

/// Builds the core's [`Doc`] (objects as vectors; repeated keys: the last wins).
pub struct DocSink;

impl<'a> Sink<'a> for DocSink {
    type Node = Doc<'a>;
    type Arr = Vec<Doc<'a>>;
    type Obj = (ObjBuilder<'a>, Cow<'a, str>);
    fn null(&mut self) -> Doc<'a> {
        Doc::Null
    }
    fn boolean(&mut self, b: bool) -> Doc<'a> {
        Doc::Bool(b)
    }
    fn number(&mut self, n: Number) -> Doc<'a> {
        Doc::Number(n)
    }
    fn string(&mut self, s: Cow<'a, str>) -> Doc<'a> {
        Doc::String(s)
    }
    fn begin_arr(&mut self, len: usize) -> Self::Arr {
        Vec::with_capacity(len)
    }
    fn arr_item(&mut self, a: &mut Self::Arr, v: Doc<'a>) {
        a.push(v);
    }
    fn end_arr(&mut self, a: Self::Arr) -> Doc<'a> {
        Doc::Array(a)
    }
    fn begin_obj(&mut self, len: usize) -> Self::Obj {
        (ObjBuilder::with_capacity(len), Cow::Borrowed(""))
    }
    fn obj_key(&mut self, o: &mut Self::Obj, k: Cow<'a, str>) {
        o.1 = k;
    }
    fn obj_value(&mut self, o: &mut Self::Obj, v: Doc<'a>) {
        let k = std::mem::replace(&mut o.1, Cow::Borrowed(""));
        o.0.push(k, v);
    }
    fn end_obj(&mut self, o: Self::Obj) -> Doc<'a> {
        Doc::Object(o.0.finish())
    }
    fn end_unique_obj(&mut self, o: Self::Obj) -> Doc<'a> {
        Doc::Object(o.0.finish_unique())
    }
}

/// A [`Tape`] is written in document order: a container's items are already on it when it ends.
pub struct TapeSink<'t> {
    pub tape: &'t mut Tape,
}

impl<'a> Sink<'a> for TapeSink<'_> {
    type Node = ();
    /// The open container, and its item count so far.
    type Arr = (Open, usize);
    type Obj = (Open, usize);
    fn null(&mut self) {
        self.tape.null();
    }
    fn boolean(&mut self, b: bool) {
        self.tape.boolean(b);
    }
    fn number(&mut self, n: Number) {
        self.tape.number(n);
    }
    fn string(&mut self, s: Cow<'a, str>) {
        self.tape.string(&s);
    }
    fn begin_arr(&mut self, _len: usize) -> (Open, usize) {
        (self.tape.begin_array(), 0)
    }
    fn arr_item(&mut self, a: &mut (Open, usize), _v: ()) {
        a.1 += 1;
    }
    fn end_arr(&mut self, a: (Open, usize)) {
        self.tape.end(a.0, a.1);
    }
    fn begin_obj(&mut self, _len: usize) -> (Open, usize) {
        (self.tape.begin_object(), 0)
    }
    fn obj_key(&mut self, _o: &mut (Open, usize), k: Cow<'a, str>) {
        self.tape.string(&k);
    }
    fn obj_value(&mut self, o: &mut (Open, usize), _v: ()) {
        o.1 += 1;
    }
    fn end_obj(&mut self, o: (Open, usize)) {
        self.tape.end(o.0, o.1);
    }
}
