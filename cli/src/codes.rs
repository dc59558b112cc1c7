//! The codes of the command-line face itself: reading FILE arguments, the command line, writing output.
//! `tuiyi codes` lists them after the core's catalogue.

use tuiyi_core::code_info::{code, CodeInfo, Severity::Error as E};
use tuiyi_core::Error;

pub const FILE_UNREADABLE: CodeInfo = code(
    "file_unreadable",
    "cli",
    E,
    "无法读取文件“{file}”：{reason}",
    "cannot read file \"{file}\": {reason_en}",
    "",
);
pub const INPUT_NOT_UTF8: CodeInfo = code(
    "input_not_utf8",
    "cli",
    E,
    "“{file}”不是 UTF-8 编码（第 {offset} 字节之后无效），请另存为 UTF-8",
    "\"{file}\" is not UTF-8 (invalid after byte {offset}); save it as UTF-8",
    "",
);
pub const ARGUMENT_INVALID: CodeInfo = code(
    "argument_invalid",
    "cli",
    E,
    "命令行参数无效：{detail}",
    "invalid command-line argument: {detail}",
    "",
);
pub const OUTPUT_UNWRITABLE: CodeInfo = code(
    "output_unwritable",
    "cli",
    E,
    "无法写出结果：{reason}",
    "cannot write the output: {reason_en}",
    "",
);

/// The CLI's codes.
pub const CODES: &[CodeInfo] = &[
    FILE_UNREADABLE,
    INPUT_NOT_UTF8,
    ARGUMENT_INVALID,
    OUTPUT_UNWRITABLE,
];

/// A `bad_input` error of the CLI.
pub fn error(info: &CodeInfo, path: &str, args: &[(&str, &str)]) -> Error {
    Error::bad_input_code(info, path, args)
}
