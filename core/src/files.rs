//! Reading the files of a rule pack or calendar directory: regular files only, never more than a limit.
//!
//! A FIFO named `2027.json` would block forever, a symlink to `/dev/zero` would grow without end, a huge
//! `pack.json` would be read whole before any check: each is refused before reading, with the file named
//! (its path masked and shortened like any echoed value).

use std::io::Read;
use std::path::Path;

/// Largest file of a rule pack or calendar directory (bytes).
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Why a file could not be read, as a Chinese and an English reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileError {
    NotFound,
    /// A directory, FIFO, socket or device.
    NotRegular,
    /// Larger than the limit (its size, when known).
    TooLarge(u64),
    NotUtf8,
    PermissionDenied,
    Other,
}

impl FileError {
    pub fn reason(&self) -> (String, String) {
        match self {
            FileError::NotFound => ("文件不存在".into(), "no such file".into()),
            FileError::NotRegular => (
                "不是普通文件（目录、管道或设备）".into(),
                "not a regular file (a directory, pipe or device)".into(),
            ),
            FileError::TooLarge(n) => (
                format!("文件过大：{n} 字节，上限 {MAX_FILE_BYTES} 字节"),
                format!("file too large: {n} bytes, limit {MAX_FILE_BYTES}"),
            ),
            FileError::NotUtf8 => ("不是 UTF-8 编码".into(), "not UTF-8".into()),
            FileError::PermissionDenied => ("没有读取权限".into(), "permission denied".into()),
            FileError::Other => ("读取失败".into(), "read failed".into()),
        }
    }
}

fn io(e: &std::io::Error) -> FileError {
    match e.kind() {
        std::io::ErrorKind::NotFound => FileError::NotFound,
        std::io::ErrorKind::PermissionDenied => FileError::PermissionDenied,
        _ => FileError::Other,
    }
}

/// Read a regular file of at most `limit` bytes as UTF-8 text (a leading BOM kept; the parser skips it).
pub fn read_text(path: &Path, limit: u64) -> Result<String, FileError> {
    // Checked before opening: opening a FIFO would already block.
    let meta = std::fs::metadata(path).map_err(|e| io(&e))?;
    if !meta.is_file() {
        return Err(FileError::NotRegular);
    }
    if meta.len() > limit {
        return Err(FileError::TooLarge(meta.len()));
    }
    let f = std::fs::File::open(path).map_err(|e| io(&e))?;
    // The same file, now that it is open (it may have been replaced in between).
    match f.metadata() {
        Ok(m) if m.is_file() => {}
        Ok(_) => return Err(FileError::NotRegular),
        Err(e) => return Err(io(&e)),
    }
    let mut buf = Vec::new();
    f.take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(|e| io(&e))?;
    if buf.len() as u64 > limit {
        return Err(FileError::TooLarge(buf.len() as u64));
    }
    String::from_utf8(buf).map_err(|_| FileError::NotUtf8)
}

/// A path as shown in a message: masked and shortened.
pub fn shown(path: &Path) -> String {
    crate::mask::shorten(&path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_non_regular_and_large_files() {
        let dir = std::env::temp_dir().join(format!("tuiyi-files-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        assert_eq!(read_text(&dir, 10), Err(FileError::NotRegular));
        let f = dir.join("a.json");
        std::fs::write(&f, "0123456789x").unwrap();
        assert_eq!(read_text(&f, 10), Err(FileError::TooLarge(11)));
        assert_eq!(read_text(&f, 11).as_deref(), Ok("0123456789x"));
        assert_eq!(read_text(&dir.join("nope"), 10), Err(FileError::NotFound));
        #[cfg(unix)]
        {
            assert_eq!(
                read_text(Path::new("/dev/zero"), 10),
                Err(FileError::NotRegular)
            );
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
