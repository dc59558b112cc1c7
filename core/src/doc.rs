//! A JSON document that borrows its strings from the text it was parsed from (or from a
//! `serde_json::Value`): what the form validator walks.
//!
//! Parsing a 3 KB form into a `serde_json::Value` costs about twice as much as the validator itself
//! (every key and string copied into its own allocation, every object a B-tree). [`Doc`] keeps strings
//! borrowed where the text has no escapes and stores an object as one sorted vector, so `tuiyi batch` and
//! the bindings' text input validate without building a `Value` at all. The semantics are those of
//! `serde_json::Value`: keys sorted, a repeated key keeps its last value.

use std::borrow::Cow;
use std::fmt;
use std::mem::ManuallyDrop;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Number, Value};

/// A JSON value with borrowed strings. Variant names follow `serde_json::Value`.
#[derive(Debug, Clone, PartialEq)]
pub enum Doc<'a> {
    Null,
    Bool(bool),
    Number(Number),
    String(Cow<'a, str>),
    Array(Vec<Doc<'a>>),
    Object(Obj<'a>),
}

/// An object: keys unique (the last of a repeated key wins, as in `Value`). Each entry carries a 64-bit
/// tag of its key (length and first bytes), so a lookup scans integers and compares bytes only to confirm.
/// The order of entries is unspecified (parsed objects are sorted by tag, to find repeated keys; objects
/// borrowed from a `Value` keep its key order); equality ignores it.
#[derive(Debug, Clone, Default)]
pub struct Obj<'a>(Vec<Entry<'a>>);

/// An object's entries own memory only when a key or a value is owned text, or a value is a container;
/// most objects of a form own none (their text is borrowed from the input). So an entry's key and value are
/// kept in `ManuallyDrop` (an `Entry` has no drop of its own) and every holder of entries frees them
/// ([`free_entries`]): an entry that owns nothing is not dropped, only looked at. `tests/doc_frees.rs`
/// counts the allocations.
impl Drop for Obj<'_> {
    fn drop(&mut self) {
        free_entries(&mut self.0);
    }
}

/// Frees what the entries of `v` own and empties it, when one of them owns anything; otherwise leaves them,
/// which own nothing (most objects of a form: borrowed text and numbers), after a scan of two words an
/// entry. Freeing takes the entries off the end and drops leaves inline, calling the (recursive) drop of a
/// value only for a container: the compiler's drop called itself for every entry, saving and restoring six
/// registers, and iterating the vector by value measured more than `pop`.
#[inline]
fn free_entries(v: &mut Vec<Entry<'_>>) {
    if v.iter().any(Entry::owns) {
        while let Some(e) = v.pop() {
            e.free();
        }
    }
}

impl PartialEq for Obj<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}

/// An object's entry. Its key and value are not dropped with it: whoever holds entries frees them
/// ([`free_entries`], [`Entry::free`], [`Entry::clear`]).
#[derive(Debug, Clone, PartialEq)]
struct Entry<'a> {
    tag: u64,
    key: ManuallyDrop<Cow<'a, str>>,
    value: ManuallyDrop<Doc<'a>>,
}

impl<'a> Entry<'a> {
    /// An entry, its key tagged.
    #[inline]
    fn new(key: Cow<'a, str>, value: Doc<'a>) -> Entry<'a> {
        Entry {
            tag: tag(&key),
            key: ManuallyDrop::new(key),
            value: ManuallyDrop::new(value),
        }
    }

    /// Does the key or the value own memory?
    #[inline(always)]
    fn owns(&self) -> bool {
        matches!(*self.key, Cow::Owned(_))
            || matches!(
                *self.value,
                Doc::Object(_) | Doc::Array(_) | Doc::String(Cow::Owned(_))
            )
    }

    /// The key and the value, to be dropped by their new owner.
    #[inline]
    fn into_parts(self) -> (Cow<'a, str>, Doc<'a>) {
        (
            ManuallyDrop::into_inner(self.key),
            ManuallyDrop::into_inner(self.value),
        )
    }

    /// Drops the key and the value.
    #[inline]
    fn free(self) {
        let (key, value) = self.into_parts();
        drop(key);
        match value {
            Doc::Object(o) => drop(o),
            Doc::Array(a) => drop(a),
            Doc::String(s) => drop(s),
            Doc::Null | Doc::Bool(_) | Doc::Number(_) => {}
        }
    }

    /// Drops the key and the value, leaving an empty key and `null` in their place: for an entry the vector
    /// removes ([`Obj::retain_tagged_mut`]).
    fn clear(&mut self) {
        drop(std::mem::replace(&mut *self.key, Cow::Borrowed("")));
        drop(std::mem::replace(&mut *self.value, Doc::Null));
    }
}

/// Equal keys, given equal [`tag`]s (same length, same first seven bytes): compares the rest inline (keys
/// are short; a `memcmp` call per lookup was the validator's largest single cost), eight bytes at a time, the
/// last word read where the key ends (it may overlap bytes already compared, or the first seven).
#[inline]
pub(crate) fn same_tail(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let (Some(p), Some(q)) = (a.last_chunk::<8>(), b.last_chunk::<8>()) else {
        // Seven bytes or fewer: all in the tag.
        return true;
    };
    // Bytes 7.. up to the last word, eight at a time; then the last word.
    let (mut x, mut y) = (&a[7..], &b[7..]);
    while x.len() > 8 {
        let (Some((u, xs)), Some((v, ys))) =
            (x.split_first_chunk::<8>(), y.split_first_chunk::<8>())
        else {
            break;
        };
        if u != v {
            return false;
        }
        (x, y) = (xs, ys);
    }
    p == q
}

/// Length (high byte, saturated) and the first seven bytes: most keys of one object differ in it.
#[inline]
pub(crate) fn tag(key: &str) -> u64 {
    let k = key.as_bytes();
    let len = (k.len().min(255) as u64) << 56;
    // The first eight bytes read as one big-endian word (zero-padded when shorter), the eighth shifted out.
    // A shorter key (one in five of a form's, and most closed-list values) is read by two overlapping loads,
    // not copied into a zeroed word (a `memcpy` call each time).
    let word = match k.first_chunk::<8>() {
        Some(w) => u64::from_be_bytes(*w),
        None => crate::mask::partial_le(k, 0).swap_bytes(),
    };
    len | (word >> 8)
}

/// A tag spread over all 64 bits (a multiplicative hash): its top bits pick a slot of a [`TagIndex`] or a bit
/// of the repeated-key bitmap in [`Obj::order`].
#[inline]
fn spread(tag: u64) -> u64 {
    tag.wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// The bytes of `key` past its [`tag`] as two words: bytes 7..15 (zero-padded) and the last eight (both 0 for
/// a key of seven bytes or fewer, which its tag holds whole). Keys of equal tags and equal words are equal
/// when they are at most 23 bytes long: the tag holds the length and bytes 0..7, the words bytes 7..15 and
/// `len - 8..len`, which reaches back to byte 15 at that length.
#[inline]
fn rest_words(key: &str) -> (u64, u64) {
    let k = key.as_bytes();
    let Some(last) = k.last_chunk::<8>() else {
        return (0, 0);
    };
    let tail = u64::from_le_bytes(*last);
    let mid = match k.get(7..).and_then(|r| r.first_chunk::<8>()) {
        Some(w) => u64::from_le_bytes(*w),
        // 8 to 14 bytes: bytes 7.. are the last word's top `len - 7` bytes.
        None => tail >> (8 * (15 - k.len())),
    };
    (mid, tail)
}

/// The longest key that [`rest_words`] and the tag determine whole.
const WORDS_DETERMINE: usize = 23;

/// One slot of a [`TagIndex`]: a key's tag and [`rest_words`], and its index in the list + 1 (0 = empty).
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    tag: u64,
    mid: u64,
    tail: u64,
    index: u32,
}

/// A lookup table over a fixed list of keys (a schema object's fields, a closed list's values): open addressing
/// on [`spread`] tags, so a lookup is one multiply and, almost always, one probe, instead of a scan of the list.
/// Each slot holds the key's words too: a key of up to 23 bytes is told found or not by comparing three words
/// in one slot, without reading the list's strings.
#[derive(Debug, Clone)]
pub(crate) struct TagIndex {
    /// At least twice as many slots as keys (a power of two).
    slots: Vec<Slot>,
    shift: u32,
}

impl TagIndex {
    /// The index of `keys`, in list order.
    pub(crate) fn new<'k>(keys: impl IntoIterator<Item = &'k str>) -> TagIndex {
        let keys: Vec<&str> = keys.into_iter().collect();
        let n = (keys.len() * 2).next_power_of_two().max(2);
        let bits = n.trailing_zeros();
        let mut t = TagIndex {
            slots: vec![Slot::default(); n],
            shift: 64 - bits,
        };
        for (i, k) in keys.iter().enumerate() {
            // Lists are far below u32::MAX entries (the longest is a code table of a few hundred); one past it
            // would not be indexed, and so found by no lookup.
            let Ok(index) = u32::try_from(i + 1) else {
                break;
            };
            let tag = tag(k);
            let (mid, tail) = rest_words(k);
            let mut s = t.slot(tag);
            while t.slots[s].index != 0 {
                s = (s + 1) & (n - 1);
            }
            t.slots[s] = Slot {
                tag,
                mid,
                tail,
                index,
            };
        }
        t
    }

    #[inline]
    fn slot(&self, tag: u64) -> usize {
        (spread(tag) >> self.shift) as usize
    }

    /// The index of `key` (its `tag` already computed). A key longer than 23 bytes whose tag and words match
    /// is confirmed by `same(index)` (the caller compares the whole key). Inlined where it is called (the walk
    /// looks up every key and closed-list value: a call's saved registers were a third of a lookup); a key
    /// longer than 23 bytes, rare, takes a call.
    #[inline(always)]
    pub(crate) fn find(&self, tag: u64, key: &str, same: impl Fn(usize) -> bool) -> Option<usize> {
        if key.len() > WORDS_DETERMINE {
            return self.find_long(tag, key, same);
        }
        let (mid, tail) = rest_words(key);
        let mask = self.slots.len() - 1;
        let mut s = self.slot(tag);
        loop {
            let slot = self.slots.get(s)?;
            if slot.index == 0 {
                return None;
            }
            if slot.tag == tag && slot.mid == mid && slot.tail == tail {
                return Some(slot.index as usize - 1);
            }
            s = (s + 1) & mask;
        }
    }

    /// [`TagIndex::find`] of a key longer than 23 bytes: a match of its tag and words is confirmed by `same`.
    /// The probe loop is `find`'s with that one condition more; written twice because one loop for both, with
    /// the confirmation as a closure, measured 303 more instructions per valid form (`bash benches/icount.sh`).
    #[inline(never)]
    fn find_long(&self, tag: u64, key: &str, same: impl Fn(usize) -> bool) -> Option<usize> {
        let (mid, tail) = rest_words(key);
        let mask = self.slots.len() - 1;
        let mut s = self.slot(tag);
        loop {
            let slot = self.slots.get(s)?;
            if slot.index == 0 {
                return None;
            }
            let i = slot.index as usize - 1;
            if slot.tag == tag && slot.mid == mid && slot.tail == tail && same(i) {
                return Some(i);
            }
            s = (s + 1) & mask;
        }
    }
}

/// An object being read, entry by entry, when its size is known first (the faces' readers of host objects;
/// the parser uses an [`EntryStack`]): each key tagged as it comes, no second vector.
#[derive(Debug, Default)]
pub struct ObjBuilder<'a>(Vec<Entry<'a>>);

impl<'a> ObjBuilder<'a> {
    pub fn new() -> ObjBuilder<'a> {
        ObjBuilder(Vec::new())
    }

    /// Room for `n` entries (the caller has checked `n` against the limits).
    pub fn with_capacity(n: usize) -> ObjBuilder<'a> {
        ObjBuilder(Vec::with_capacity(n))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn push(&mut self, key: Cow<'a, str>, value: Doc<'a>) {
        self.0.push(Entry::new(key, value));
    }

    /// The object (a repeated key keeps its last value).
    pub fn finish(mut self) -> Obj<'a> {
        let mut v = std::mem::take(&mut self.0);
        Obj::order(&mut v);
        Obj(v)
    }

    /// The object, without the search for repeated keys: for a host whose objects cannot repeat a key (an
    /// exact Python `dict` of exact `str` keys). Debug builds check that none is repeated.
    pub fn finish_unique(mut self) -> Obj<'a> {
        debug_assert!(
            {
                let mut v = Obj(self.0.clone());
                let n = v.len();
                Obj::order(&mut v.0);
                v.len() == n
            },
            "a key repeated in an object said to have distinct keys"
        );
        Obj(std::mem::take(&mut self.0))
    }
}

/// A builder given up before its object was finished (a host value refused half-way) frees its entries.
impl Drop for ObjBuilder<'_> {
    fn drop(&mut self) {
        free_entries(&mut self.0);
    }
}

/// The entries of the objects a parser has open, innermost last, on one vector: an object's entries are
/// pushed as they are read and moved into an allocation of exactly their number when it closes. A parsed
/// object holds no spare room (a text of 50,000 one-key objects held 512 bytes for each, 64 here), and no
/// object's vector is grown and copied while it is read.
#[derive(Debug)]
pub(crate) struct EntryStack<'a>(Vec<Entry<'a>>);

/// Entries of this many (or fewer) fit the stack a thread keeps between parses ([`EntryStack::new`]).
const KEPT_ENTRIES: usize = 1024;

thread_local! {
    /// The last parse's stack, empty, kept for the next parse on this thread.
    static SPARE: std::cell::Cell<Vec<Entry<'static>>> = const { std::cell::Cell::new(Vec::new()) };
}

impl<'a> EntryStack<'a> {
    /// The stack the last parse on this thread left (empty), or room for 64 entries (4 KB): two or three of
    /// a form's objects open at once. Reusing it saves an allocation per parse, and more: when a form's
    /// findings make many allocations, mimalloc gave the stack's page back between two forms, and
    /// allocating it afresh cost 1,700 instructions a form.
    pub(crate) fn new() -> EntryStack<'a> {
        // `try_with`: during the thread's teardown the spare is gone; a parse then allocates its own.
        let kept = SPARE.try_with(std::cell::Cell::take).unwrap_or_default();
        if kept.capacity() == 0 {
            return EntryStack(Vec::with_capacity(64));
        }
        // An empty `Vec<Entry<'static>>` is a `Vec<Entry<'a>>` (entries are covariant in their lifetime).
        EntryStack(kept)
    }

    /// Where the entries of an object opened now begin.
    #[inline]
    pub(crate) fn mark(&self) -> usize {
        self.0.len()
    }

    /// How many entries the object opened at `mark` has.
    #[inline]
    pub(crate) fn count(&self, mark: usize) -> usize {
        self.0.len() - mark
    }

    #[inline]
    pub(crate) fn push(&mut self, key: Cow<'a, str>, value: Doc<'a>) {
        // Room made first: the entry is then written straight into the vector, not built on the stack and
        // copied (64 bytes) after the test for room (valid form 52,236 -> 51,772 instructions).
        self.0.reserve(1);
        self.0.push(Entry::new(key, value));
    }

    /// The object opened at `mark`, its entries taken off the stack (a repeated key keeps its last value).
    pub(crate) fn finish(&mut self, mark: usize) -> Obj<'a> {
        // `split_off` allocates exactly the entries it moves, and moves them with one copy.
        let mut v = self.0.split_off(mark);
        Obj::order(&mut v);
        Obj(v)
    }
}

/// The stack goes back to the thread for its next parse when it is not too large ([`KEPT_ENTRIES`]), its
/// entries dropped. Its element type is given back its `'static` lifetime by collecting it into itself:
/// nothing is kept (`filter_map` to none), and the standard library collects in place, into the same
/// allocation (`tests::a_parse_keeps_its_stack_for_the_next`).
impl Drop for EntryStack<'_> {
    fn drop(&mut self) {
        // Entries of objects left open by a failed parse.
        free_entries(&mut self.0);
        let v = std::mem::take(&mut self.0);
        if v.capacity() > KEPT_ENTRIES {
            return;
        }
        // `filter` would keep the type, and its lifetime: `filter_map` to none makes a new one.
        #[allow(clippy::unnecessary_filter_map)]
        let spare: Vec<Entry<'static>> = v.into_iter().filter_map(|_| None).collect();
        // Dropped with the stack instead when the thread is being torn down.
        let _ = SPARE.try_with(|s| s.set(spare));
    }
}

/// What becomes of one entry of an object in [`Obj::rebuilt`].
#[derive(Debug, Clone, PartialEq)]
pub enum Edit<'a> {
    Keep,
    Replace(Doc<'a>),
    Remove,
}

impl<'a> Obj<'a> {
    /// A copy with every entry kept, replaced or removed as `edits` says, one edit per entry in the order of
    /// [`Obj::iter`] (missing edits keep their entries). Keys are not copied unless they were owned.
    pub fn rebuilt(&self, edits: Vec<Edit<'a>>) -> Obj<'a> {
        let mut edits = edits.into_iter();
        let mut v = Vec::with_capacity(self.0.len());
        for e in &self.0 {
            match edits.next().unwrap_or(Edit::Keep) {
                Edit::Keep => v.push(e.clone()),
                Edit::Replace(value) => v.push(Entry {
                    tag: e.tag,
                    key: e.key.clone(),
                    value: ManuallyDrop::new(value),
                }),
                Edit::Remove => {}
            }
        }
        Obj(v)
    }

    /// Add an entry, or replace the value of the entry with this key.
    pub fn insert(&mut self, key: Cow<'a, str>, value: Doc<'a>) {
        let t = tag(&key);
        match self
            .0
            .iter_mut()
            .find(|e| e.tag == t && same_tail(&e.key, &key))
        {
            // Assigned through the `ManuallyDrop`: the old value is dropped.
            Some(e) => *e.value = value,
            None => self.0.push(Entry {
                tag: t,
                key: ManuallyDrop::new(key),
                value: ManuallyDrop::new(value),
            }),
        }
    }

    /// Build from entries in document order.
    pub fn from_entries(entries: impl IntoIterator<Item = (Cow<'a, str>, Doc<'a>)>) -> Obj<'a> {
        let mut o = Obj(entries
            .into_iter()
            .map(|(key, value)| Entry::new(key, value))
            .collect());
        Obj::order(&mut o.0);
        o
    }

    /// Drop repeated keys (the last one stays). Small objects (all of a form's) are checked pairwise on
    /// their tags, which costs less than sorting them; larger ones (any size a hostile text may hold) are
    /// sorted, so this stays O(n log n).
    fn order(v: &mut Vec<Entry<'a>>) {
        if v.len() <= 32 {
            // A 64-bit map of hashed tags (one register): an entry whose bit is still clear repeats no earlier
            // key; only one whose bit is set is compared with the entries before it.
            let mut seen = 0u64;
            let mut repeated = false;
            for i in 0..v.len() {
                let bit = 1u64 << (spread(v[i].tag) >> 58);
                if seen & bit != 0
                    && v[..i]
                        .iter()
                        .any(|e| e.tag == v[i].tag && same_tail(&e.key, &v[i].key))
                {
                    repeated = true;
                    break;
                }
                seen |= bit;
            }
            if !repeated {
                return;
            }
        }
        // Stable: among equal keys the last in the document stays last, and is the one kept.
        v.sort_by(|a, b| (a.tag, a.key.as_bytes()).cmp(&(b.tag, b.key.as_bytes())));
        let mut w = 0;
        for r in 0..v.len() {
            if w > 0 && v[w - 1].tag == v[r].tag && v[w - 1].key == v[r].key {
                v.swap(w - 1, r);
            } else {
                v.swap(w, r);
                w += 1;
            }
        }
        for e in v.drain(w..) {
            e.free();
        }
    }

    /// Inlined: the checks look fields up by literal keys, whose tags are then computed at compile time.
    #[inline(always)]
    pub fn get(&self, key: &str) -> Option<&Doc<'a>> {
        // A scan of integer tags (objects here have at most ~30 keys) beats a binary search of `memcmp`s.
        let t = tag(key);
        self.0
            .iter()
            .find(|e| e.tag == t && same_tail(&e.key, key))
            .map(|e| &*e.value)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Entries, in no particular order (see [`Obj`]).
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&str, &Doc<'a>)> + ExactSizeIterator {
        self.0.iter().map(|e| (e.key.as_ref(), &*e.value))
    }

    /// The entries, moved out (in the order of [`Obj::iter`]).
    pub fn into_entries(mut self) -> impl Iterator<Item = (Cow<'a, str>, Doc<'a>)> {
        IntoEntries(std::mem::take(&mut self.0).into_iter())
    }

    /// [`Obj::iter`] with each key's [`tag`] (already computed): for lookups in another tagged table.
    pub(crate) fn iter_tagged(&self) -> impl Iterator<Item = (u64, &str, &Doc<'a>)> {
        self.0.iter().map(|e| (e.tag, e.key.as_ref(), &*e.value))
    }

    /// Keep the entries for which `f` (given each key's [`tag`], the key and its value, to change in place)
    /// answers true; the others are removed.
    pub(crate) fn retain_tagged_mut(&mut self, mut f: impl FnMut(u64, &str, &mut Doc<'a>) -> bool) {
        self.0.retain_mut(|e| {
            let keep = f(e.tag, &e.key, &mut e.value);
            if !keep {
                e.clear();
            }
            keep
        });
    }

    /// The entry at index `i`: its key's [`tag`], the key and its value.
    #[inline]
    pub(crate) fn entry(&self, i: usize) -> Option<(u64, &str, &Doc<'a>)> {
        self.0.get(i).map(|e| (e.tag, e.key.as_ref(), &*e.value))
    }

    /// The entry at index `i`: its key's [`tag`], the key and its value, to change in place.
    #[inline]
    pub(crate) fn entry_mut(&mut self, i: usize) -> Option<(u64, &str, &mut Doc<'a>)> {
        let Entry { tag, key, value } = self.0.get_mut(i)?;
        Some((*tag, key.as_ref(), &mut **value))
    }

    /// Remove the entries at the indices `at` (in increasing order).
    pub(crate) fn remove_entries(&mut self, at: &[usize]) {
        let (mut i, mut next) = (0, at.iter().peekable());
        self.retain_tagged_mut(|_, _, _| {
            let remove = next.next_if_eq(&&i).is_some();
            i += 1;
            !remove
        });
    }

    pub fn values(&self) -> impl Iterator<Item = &Doc<'a>> {
        self.0.iter().map(|e| &*e.value)
    }
}

/// [`Obj::into_entries`]: what it does not give out is freed with it.
struct IntoEntries<'a>(std::vec::IntoIter<Entry<'a>>);

impl<'a> Iterator for IntoEntries<'a> {
    type Item = (Cow<'a, str>, Doc<'a>);
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(Entry::into_parts)
    }
}

impl Drop for IntoEntries<'_> {
    fn drop(&mut self) {
        for e in self.0.by_ref() {
            e.free();
        }
    }
}

impl<'a> Doc<'a> {
    /// Borrow a `serde_json::Value` (strings are not copied). Containers nested deeper than the input
    /// limit are cut (read as empty arrays): the limit check then reports the first of them, and a
    /// hostile value built by a caller cannot exhaust the stack here.
    pub fn from_value(v: &'a Value) -> Doc<'a> {
        Doc::from_value_at(v, 1)
    }

    fn from_value_at(v: &'a Value, depth: usize) -> Doc<'a> {
        if depth > crate::limits::MAX_DEPTH + 1 && (v.is_array() || v.is_object()) {
            return Doc::Array(Vec::new());
        }
        match v {
            Value::Null => Doc::Null,
            Value::Bool(b) => Doc::Bool(*b),
            Value::Number(n) => Doc::Number(n.clone()),
            Value::String(s) => Doc::String(Cow::Borrowed(s)),
            Value::Array(a) => {
                Doc::Array(a.iter().map(|x| Doc::from_value_at(x, depth + 1)).collect())
            }
            // A `Map` has unique keys: taken in its order, nothing to sort.
            Value::Object(m) => Doc::Object(Obj(m
                .iter()
                .map(|(k, v)| {
                    Entry::new(Cow::Borrowed(k.as_str()), Doc::from_value_at(v, depth + 1))
                })
                .collect())),
        }
    }

    /// An owned `serde_json::Value` with the same content.
    pub fn to_value(&self) -> Value {
        match self {
            Doc::Null => Value::Null,
            Doc::Bool(b) => Value::Bool(*b),
            Doc::Number(n) => Value::Number(n.clone()),
            Doc::String(s) => Value::String(s.to_string()),
            Doc::Array(a) => Value::Array(a.iter().map(Doc::to_value).collect()),
            Doc::Object(o) => Value::Object(
                o.iter()
                    .map(|(k, v)| (k.to_string(), v.to_value()))
                    .collect(),
            ),
        }
    }

    pub fn get(&self, key: &str) -> Option<&Doc<'a>> {
        self.as_object().and_then(|o| o.get(key))
    }

    pub fn as_object(&self) -> Option<&Obj<'a>> {
        match self {
            Doc::Object(o) => Some(o),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Doc<'a>]> {
        match self {
            Doc::Array(a) => Some(a),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Doc::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Doc::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Doc::Number(n) => n.as_f64(),
            _ => None,
        }
    }

    pub fn is_string(&self) -> bool {
        matches!(self, Doc::String(_))
    }

    pub fn is_number(&self) -> bool {
        matches!(self, Doc::Number(_))
    }
}

struct DocVisitor;

impl<'de> Visitor<'de> for DocVisitor {
    type Value = Doc<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E>(self) -> Result<Doc<'de>, E> {
        Ok(Doc::Null)
    }
    fn visit_none<E>(self) -> Result<Doc<'de>, E> {
        Ok(Doc::Null)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Doc<'de>, E> {
        Ok(Doc::Bool(b))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Doc<'de>, E> {
        Ok(Doc::Number(n.into()))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Doc<'de>, E> {
        Ok(Doc::Number(n.into()))
    }
    fn visit_f64<E>(self, n: f64) -> Result<Doc<'de>, E> {
        // serde_json never yields a non-finite float from text; `Value` maps one to null likewise.
        Ok(Number::from_f64(n).map_or(Doc::Null, Doc::Number))
    }
    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Doc<'de>, E> {
        Ok(Doc::String(Cow::Borrowed(s)))
    }
    fn visit_str<E>(self, s: &str) -> Result<Doc<'de>, E> {
        Ok(Doc::String(Cow::Owned(s.to_owned())))
    }
    fn visit_string<E>(self, s: String) -> Result<Doc<'de>, E> {
        Ok(Doc::String(Cow::Owned(s)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Doc<'de>, A::Error> {
        let mut v = Vec::with_capacity(seq.size_hint().unwrap_or(0).clamp(4, 64));
        while let Some(x) = seq.next_element()? {
            v.push(x);
        }
        Ok(Doc::Array(v))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Doc<'de>, A::Error> {
        // The widest sections of the form have ~30 fields: one allocation for most objects.
        let mut b = ObjBuilder::with_capacity(map.size_hint().unwrap_or(0).clamp(32, 64));
        while let Some(Key(key)) = map.next_key()? {
            let value = map.next_value()?;
            b.push(key, value);
        }
        Ok(Doc::Object(b.finish()))
    }
}

impl<'de> Deserialize<'de> for Doc<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(DocVisitor)
    }
}

struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s.to_owned())))
            }
            fn visit_string<E>(self, s: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s)))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

/// Check a document that was not parsed from text (a `serde_json::Value` borrowed as a [`Doc`], or one a
/// face built) against every limit, as if it sat at `at`/`depth` of a larger input. Depth first; object
/// entries in the order the document holds them.
pub fn check_limits(doc: &Doc, depth: usize, at: &str) -> Result<(), crate::Error> {
    let mut values = 0usize;
    walk(doc, depth, &mut values).map_err(|(code, rev)| {
        let mut path = String::from(at);
        for seg in rev.iter().rev() {
            path.push('/');
            path.push_str(seg);
        }
        crate::limits::breach(code, &path)
    })
}

type Breach = (&'static crate::code_info::CodeInfo, Vec<String>);

fn walk(v: &Doc, depth: usize, values: &mut usize) -> Result<(), Breach> {
    *values += 1;
    if *values > crate::limits::MAX_VALUES {
        return Err((&crate::limits::TOO_MANY_VALUES, Vec::new()));
    }
    match v {
        Doc::String(s)
            if s.len() > crate::limits::MAX_STRING_CHARS
                && s.chars().count() > crate::limits::MAX_STRING_CHARS =>
        {
            Err((&crate::limits::STRING_TOO_LONG, Vec::new()))
        }
        Doc::Array(_) | Doc::Object(_) if depth > crate::limits::MAX_DEPTH => {
            Err((&crate::limits::TOO_DEEP, Vec::new()))
        }
        Doc::Array(a) if a.len() > crate::limits::MAX_LIST_ITEMS => {
            Err((&crate::limits::LIST_TOO_LONG, Vec::new()))
        }
        Doc::Object(o) if o.len() > crate::limits::MAX_OBJECT_KEYS => {
            Err((&crate::limits::TOO_MANY_KEYS, Vec::new()))
        }
        Doc::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                walk(x, depth + 1, values).map_err(|(c, mut r)| {
                    r.push(i.to_string());
                    (c, r)
                })?;
            }
            Ok(())
        }
        Doc::Object(o) => {
            for (k, x) in o.iter() {
                walk(x, depth + 1, values).map_err(|(c, mut r)| {
                    r.push(crate::error::pointer_key(k));
                    (c, r)
                })?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    /// A parse while the thread is torn down (from another thread-local's destructor, run after the kept
    /// stack's) allocates its own stack and does not panic (a panic there would abort the process).
    #[test]
    fn a_parse_during_a_thread_s_teardown_works() {
        struct ParseOnDrop;
        impl Drop for ParseOnDrop {
            fn drop(&mut self) {
                assert!(crate::parse::parse(r#"{"a": {"b": 1}}"#).is_ok());
            }
        }
        thread_local! {
            static LATE: ParseOnDrop = const { ParseOnDrop };
        }
        let t = std::thread::spawn(|| {
            // Registered before the kept stack: destroyed after it.
            LATE.with(|_| {});
            assert!(crate::parse::parse(r#"{"a": {"b": 1}}"#).is_ok());
        });
        assert!(t.join().is_ok());
    }

    /// A parse leaves its stack of entries, empty and in the same allocation, to the next parse on its
    /// thread; a stack grown past `KEPT_ENTRIES` is not kept.
    #[test]
    fn a_parse_keeps_its_stack_for_the_next() {
        let text = String::from(r#"{"a": 1, "b": {"c": "d"}}"#);
        let (at, room) = {
            let mut s = EntryStack::new();
            s.push(Cow::Borrowed(&text[2..3]), Doc::Null);
            (s.0.as_ptr() as usize, s.0.capacity())
        };
        let s = EntryStack::new();
        assert_eq!(
            (s.0.as_ptr() as usize, s.0.capacity(), s.0.len()),
            (at, room, 0)
        );
        drop(s);
        assert!(crate::parse::parse(&text).is_ok());
        let s = EntryStack::new();
        assert_eq!((s.0.as_ptr() as usize, s.0.capacity()), (at, room));
        let mut big = s;
        big.0.reserve(2 * KEPT_ENTRIES);
        drop(big);
        assert_eq!(EntryStack::new().0.capacity(), 64);
    }

    /// `finish_unique` builds what `finish` builds when no key repeats (every size: the search differs
    /// below and above 32 entries); a repeated key trips its check in a debug build.
    #[test]
    fn finish_unique_is_finish_without_repeats() {
        for n in [0usize, 1, 5, 32, 33, 80] {
            let build = || {
                let mut b = super::ObjBuilder::new();
                for i in 0..n {
                    b.push(format!("key_{i}").into(), super::Doc::Bool(i % 2 == 0));
                }
                b
            };
            assert_eq!(build().finish_unique(), build().finish());
        }
        if cfg!(debug_assertions) {
            let repeated = std::panic::catch_unwind(|| {
                let mut b = super::ObjBuilder::new();
                b.push("a".into(), super::Doc::Null);
                b.push("a".into(), super::Doc::Null);
                b.finish_unique()
            });
            assert!(repeated.is_err());
        }
    }

    #[test]
    fn same_tail_compares_every_byte() {
        let key = "household_registration_place_and_more";
        for n in 0..key.len() {
            let a = &key[..n];
            assert!(same_tail(a, a));
            for i in 0..n {
                let mut b = a.as_bytes().to_vec();
                b[i] ^= 1;
                let b = String::from_utf8(b).unwrap_or_default();
                // Equal tags are the caller's check (a byte among the first seven may or may not be
                // compared again); every byte beyond them is this function's.
                if i >= 7 {
                    assert!(!same_tail(a, &b), "{a} vs {b}");
                }
                if tag(a) == tag(&b) {
                    assert_eq!(same_tail(a, &b), a == b, "{a} vs {b}");
                }
            }
            assert!(!same_tail(a, &key[..n + 1]));
        }
    }

    use super::*;

    #[test]
    fn same_content_as_value() {
        let texts = [
            r#"{"b":1,"a":[true,null,"x\"y",-2,1.5e3],"c":{"z":{},"y":[]},"中":"文"}"#,
            r#"{"k":1,"k":2,"a":0,"k":3}"#,
            r#"[1, 18446744073709551615, -9223372036854775808, 0.1]"#,
            r#""\u00e9\ud83d\ude00""#,
        ];
        for t in texts {
            let v: Value = serde_json::from_str(t).expect("value");
            let d: Doc = serde_json::from_str(t).expect("doc");
            assert_eq!(d.to_value(), v, "{t}");
            assert_eq!(Doc::from_value(&v), d, "{t}");
        }
    }

    #[test]
    fn repeated_key_keeps_the_last() {
        let d: Doc = serde_json::from_str(r#"{"k":1,"a":0,"k":3}"#).expect("doc");
        assert_eq!(d.get("k").and_then(Doc::as_u64), Some(3));
        assert_eq!(d.as_object().map(Obj::len), Some(2));
        // Same tag (length and first seven bytes), different keys: both kept.
        let d: Doc = serde_json::from_str(r#"{"employer_name":1,"employer_type":2}"#).expect("doc");
        assert_eq!(d.get("employer_type").and_then(Doc::as_u64), Some(2));
        assert_eq!(d.get("employer_name").and_then(Doc::as_u64), Some(1));
        // Large objects take the sorting path.
        let mut text: String = (0..40).map(|i| format!("\"k{i}\":{i},")).collect();
        text = format!("{{{text}\"k7\":99}}");
        let v: Value = serde_json::from_str(&text).expect("value");
        let d: Doc = serde_json::from_str(&text).expect("doc");
        assert_eq!(d.get("k7").and_then(Doc::as_u64), Some(99));
        assert_eq!(d.as_object().map(Obj::len), Some(40));
        assert_eq!(d.to_value(), v);
    }

    #[test]
    fn lookup_long_and_short_objects() {
        let keys: Vec<String> = (0..30).map(|i| format!("key_{i:02}")).collect();
        for n in [0, 1, 5, 8, 9, 30] {
            let text = format!(
                "{{{}}}",
                keys[..n]
                    .iter()
                    .rev()
                    .enumerate()
                    .map(|(i, k)| format!("\"{k}\":{i}"))
                    .collect::<Vec<_>>()
                    .join(",")
            );
            let d: Doc = serde_json::from_str(&text).expect("doc");
            for (i, k) in keys[..n].iter().rev().enumerate() {
                assert_eq!(d.get(k).and_then(Doc::as_u64), Some(i as u64), "{n} {k}");
            }
            assert!(d.get("key_99").is_none());
            assert!(d.get("").is_none());
        }
    }

    /// The word-at-a-time tag is the byte-by-byte definition (length, then the first seven bytes).
    #[test]
    fn tag_is_length_and_first_seven_bytes() {
        let by_bytes = |k: &str| {
            let b = k.as_bytes();
            let mut t = (b.len().min(255) as u64) << 56;
            for (i, &x) in b.iter().take(7).enumerate() {
                t |= u64::from(x) << (48 - 8 * i);
            }
            t
        };
        let long = "x".repeat(300);
        for k in [
            "",
            "a",
            "name",
            "abcdefg",
            "abcdefgh",
            "公民身份号码",
            "employer_type",
            &long,
        ] {
            for n in 0..=k.len() {
                if let Some(p) = k.get(..n) {
                    assert_eq!(tag(p), by_bytes(p), "{p:?}");
                }
            }
        }
    }

    proptest::proptest! {
        /// Two keys of at most 23 bytes with equal tags and equal [`rest_words`] are equal; and a [`TagIndex`]
        /// finds exactly the keys of its list, at their index, confirming long ones with `same`.
        #[test]
        fn words_and_tag_determine_short_keys(
            a in proptest::collection::vec(proptest::sample::select(vec![b'a', b'b', b'_', 0xe4, 0xb8, 0x80]), 0..30),
            b in proptest::collection::vec(proptest::sample::select(vec![b'a', b'b', b'_', 0xe4, 0xb8, 0x80]), 0..30),
        ) {
            let a = String::from_utf8_lossy(&a).into_owned();
            let b = String::from_utf8_lossy(&b).into_owned();
            if a.len() <= WORDS_DETERMINE && tag(&a) == tag(&b) && rest_words(&a) == rest_words(&b) {
                proptest::prop_assert_eq!(&a, &b);
            }
            let list = [a.as_str(), "employer_name", "employer_type"];
            let index = TagIndex::new(list);
            let found = index.find(tag(&b), &b, |j| list[j] == b);
            proptest::prop_assert_eq!(found, list.iter().position(|k| *k == b));
        }
    }

    /// Every key of a list is found at its index, keys sharing a tag included, and nothing else is.
    #[test]
    fn tag_index_finds_every_key_and_no_other() {
        for n in [0usize, 1, 2, 3, 7, 30, 64, 300] {
            let mut keys: Vec<String> = (0..n).map(|i| format!("key_{i:03}")).collect();
            // Same length and first seven bytes: equal tags, told apart by the tail.
            keys.push("employer_name".into());
            keys.push("employer_type".into());
            let index = TagIndex::new(keys.iter().map(String::as_str));
            for (i, k) in keys.iter().enumerate() {
                let found = index.find(tag(k), k, |j| keys[j] == *k);
                assert_eq!(found, Some(i), "{n} {k}");
            }
            for k in ["", "key_999", "employer_kind", "zzz"] {
                assert_eq!(index.find(tag(k), k, |j| keys[j] == *k), None);
            }
        }
    }
}
