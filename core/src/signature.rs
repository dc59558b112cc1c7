//! The signature of every operation: its parameters (kind, JSON key, required or not), what it returns,
//! the codes it raises and the command-line words that reach it — the part of the table of operations
//! ([`crate::ops`]) that every face derives its functions, arguments and names from.

use serde::Serialize;

/// What a parameter is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A date, `"YYYY-MM-DD"`.
    Date,
    /// A count of days, a non-negative integer.
    Count,
    /// The registration form (附件2): an object, or its JSON text.
    Form,
    /// An applicant (`tuiyi schema applicant`).
    Applicant,
    /// An applicant's situation (`tuiyi schema situation`).
    Situation,
    /// An application (`tuiyi schema application`).
    Application,
    /// A list of 附件3 material numbers.
    Materials,
    /// A name (a string; a positional argument on the command line).
    Name,
    /// How the calendar treats a year with no loaded notice: `"refuse"` or `"provisional"`.
    Mode,
    /// A text document (e.g. a State Council notice as published): a string, read from a FILE by the CLI.
    Text,
    /// A short free text (a string; an option on the command line).
    Str,
}

impl Kind {
    /// Is the value a JSON document of its own (read from a FILE by the CLI)?
    pub fn is_document(self) -> bool {
        matches!(
            self,
            Kind::Form | Kind::Applicant | Kind::Situation | Kind::Application | Kind::Materials
        )
    }

    /// Is the value read from a FILE by the CLI (a JSON document, or a text)?
    pub fn is_file(self) -> bool {
        self.is_document() || self == Kind::Text
    }
}

/// One parameter of an operation.
#[derive(Debug, Clone, Copy, Serialize, schemars::JsonSchema)]
pub struct Param {
    /// The key in the operation's JSON input, and the parameter's name in every face.
    pub key: &'static str,
    pub kind: Kind,
    pub required: bool,
    /// 中文说明.
    pub title: &'static str,
}

pub(crate) const fn req(key: &'static str, kind: Kind, title: &'static str) -> Param {
    Param {
        key,
        kind,
        required: true,
        title,
    }
}

pub(crate) const fn opt(key: &'static str, kind: Kind, title: &'static str) -> Param {
    Param {
        key,
        kind,
        required: false,
        title,
    }
}

/// How an operation's JSON input is shaped.
#[derive(Debug, Clone, Copy, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", tag = "shape")]
pub enum Input {
    /// An object with one key per parameter: `{"date": …, "n": …}`.
    Fields { params: &'static [Param] },
    /// The input is one document of `kind` (named `name` in the faces' signatures); `extra` parameters
    /// are keys of that document that the faces also take as optional arguments (e.g. `today` of a plan).
    Whole {
        name: &'static str,
        kind: Kind,
        extra: &'static [Param],
    },
}

/// What an operation returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", tag = "type", content = "schema")]
pub enum Returns {
    Bool,
    Date,
    Int,
    /// `{"raw_end", "end", "extended"}`, and `"provisional": true` when the answer read a provisional year.
    Period,
    /// Markdown text.
    Text,
    /// A JSON Schema (draft 2020-12).
    Schema,
    /// A JSON document described by `tuiyi schema <name>`.
    Json(&'static str),
}

/// What an operation is, without its function: what `tuiyi operations` prints and every face reads.
#[derive(Debug, Clone, Copy, Serialize, schemars::JsonSchema)]
pub struct Signature {
    /// The operation's name (snake_case): `api::run`'s `op`, the Python function, the vectors' `op`.
    pub name: &'static str,
    /// The command-line words (`["workday", "add"]`), or `None` when the CLI reaches it otherwise.
    pub cli: Option<&'static [&'static str]>,
    /// 中文说明, one line.
    pub title: &'static str,
    /// English summary, one line.
    pub summary: &'static str,
    pub input: Input,
    pub returns: Returns,
    /// A boolean in the output (JSON Pointer) that is `false` for a negative answer (the CLI exits 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<&'static str>,
    /// Codes of errors the operation itself raises (besides the input codes every operation can raise).
    pub codes: &'static [&'static str],
}

impl Signature {
    /// The keys of the parameters that may hold a long text of their own: the form as its JSON text, a
    /// notice (`calendar_import`). Their strings are bounded by the input's size, not the string limit.
    pub fn text_params(&self) -> Vec<&'static str> {
        match self.input {
            Input::Fields { params } => params
                .iter()
                .filter(|p| matches!(p.kind, Kind::Form | Kind::Text))
                .map(|p| p.key)
                .collect(),
            Input::Whole { .. } => Vec::new(),
        }
    }

    /// The parameters in the order the faces take them positionally (for a whole-document input: the
    /// document, then its extra parameters).
    pub fn params(&self) -> Vec<Param> {
        match self.input {
            Input::Fields { params } => params.to_vec(),
            Input::Whole { name, kind, extra } => {
                let mut v = vec![Param {
                    key: name,
                    kind,
                    required: true,
                    title: "",
                }];
                v.extend_from_slice(extra);
                v
            }
        }
    }
}
