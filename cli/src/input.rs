//! Reading a FILE argument (or `-` for stdin): bytes → UTF-8 → JSON, each failure a coded error.

use std::io::Read;

use serde_json::Value;
use tuiyi_core::Error;

use crate::codes::{error, FILE_UNREADABLE, INPUT_NOT_UTF8};

pub fn io_reason(e: &std::io::Error) -> (&'static str, &'static str) {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => ("文件不存在", "no such file"),
        K::PermissionDenied => ("没有读取权限", "permission denied"),
        K::IsADirectory => ("这是一个目录", "is a directory"),
        K::InvalidData => ("数据无效", "invalid data"),
        _ => ("读取失败", "read failed"),
    }
}

/// The name of a FILE argument as shown in messages (masked and cut like any user value).
pub fn shown(file: &str) -> String {
    if file == "-" {
        "(stdin)".to_string()
    } else {
        tuiyi_core::mask::shorten(file)
    }
}

/// Read all bytes of FILE (`-` = stdin); with a `limit`, refuse more than `limit` bytes without reading
/// them all (a huge or endless stdin cannot exhaust memory).
pub fn read_bytes(file: &str, limit: Option<usize>) -> Result<Vec<u8>, Error> {
    let unreadable = |e: std::io::Error| {
        let (zh, en) = io_reason(&e);
        error(
            &FILE_UNREADABLE,
            "",
            &[("file", &shown(file)), ("reason", zh), ("reason_en", en)],
        )
    };
    let mut buf = Vec::new();
    if file == "-" {
        let stdin = std::io::stdin().lock();
        match limit {
            Some(l) => stdin.take(l as u64 + 1).read_to_end(&mut buf),
            None => {
                let mut stdin = stdin;
                stdin.read_to_end(&mut buf)
            }
        }
        .map_err(unreadable)?;
    } else {
        let f = std::fs::File::open(file).map_err(unreadable)?;
        if let (Some(l), Ok(m)) = (limit, f.metadata()) {
            if m.is_file() && m.len() > l as u64 {
                return Err(too_large(&m.len().to_string(), l));
            }
        }
        match limit {
            Some(l) => f.take(l as u64 + 1).read_to_end(&mut buf),
            None => {
                let mut f = f;
                f.read_to_end(&mut buf)
            }
        }
        .map_err(unreadable)?;
    }
    if let Some(l) = limit {
        if buf.len() > l {
            return Err(too_large(&format!(">{l}"), l));
        }
    }
    Ok(buf)
}

fn too_large(size: &str, _limit: usize) -> Error {
    tuiyi_core::limits::too_large_text(size)
}

/// Bytes → text: UTF-8 only (a leading BOM is dropped); the error names the first bad byte.
pub fn utf8<'a>(bytes: &'a [u8], file: &str, line: Option<usize>) -> Result<&'a str, Error> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // The core's check (SIMD first, std only to locate an error), as every face makes it.
    tuiyi_core::parse::utf8(bytes).map_err(|valid| {
        let offset = valid.to_string();
        let place = match line {
            Some(l) => format!("{}:{l}", shown(file)),
            None => shown(file),
        };
        error(
            &INPUT_NOT_UTF8,
            "",
            &[("file", &place), ("offset", &offset)],
        )
    })
}

/// Read FILE as one JSON document (size and depth limits of the core apply).
pub fn read_json(file: &str) -> Result<Value, Error> {
    let bytes = read_bytes(file, Some(tuiyi_core::limits::MAX_JSON_BYTES))?;
    let text = utf8(&bytes, file, None)?;
    tuiyi_core::parse::parse(text).map(|d| d.to_value())
}

/// Read FILE as UTF-8 text (a leading BOM dropped), within the core's input size limit.
pub fn read_text(file: &str) -> Result<String, Error> {
    let bytes = read_bytes(file, Some(tuiyi_core::limits::MAX_JSON_BYTES))?;
    utf8(&bytes, file, None).map(str::to_string)
}
