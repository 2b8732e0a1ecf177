//! Reading text files of the site: UTF-8 check, BOM and CRLF handling, and
//! the walk over content folders that never follows links out of the site.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, display_path};

/// A text file of the site, read and normalised.
#[derive(Debug, Clone)]
pub(crate) struct TextFile {
    /// Path relative to the site root with `/` separators.
    pub(crate) path: String,
    /// Contents with any UTF-8 BOM removed and CRLF turned into LF.
    pub(crate) text: String,
}

/// Reads `path` as UTF-8 text; a BOM and CRLF line endings are accepted.
pub(crate) fn read_text(root: &Path, path: &Path) -> Result<TextFile, Diagnostic> {
    let shown = display_path(root, path);
    let bytes = std::fs::read(path).map_err(|error| Diagnostic::error(&shown, 0, 0, format!("cannot read the file: {error}")))?;
    decode(&shown, bytes).map(|text| TextFile { path: shown, text })
}

/// Decodes file bytes as UTF-8, naming the first bad line if it is not.
pub fn decode(shown: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(text) => {
            let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
            Ok(if text.contains('\r') {
                text.replace("\r\n", "\n").replace('\r', "\n")
            } else {
                text
            })
        }
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let bytes = error.as_bytes();
            let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(Diagnostic::error(shown, line, 0, "the file is not UTF-8 text")
                .with_hint("save it with UTF-8 encoding (it may have been saved as GBK); in Notepad: 另存为 → 编码 → UTF-8"))
        }
    }
}

/// The first part of `path` below `root` that is a symbolic link, if any.
pub(crate) fn linked_part(root: &Path, path: &Path) -> Option<PathBuf> {
    let relative = path.strip_prefix(root).ok()?;
    let mut at = root.to_path_buf();
    for component in relative.components() {
        at.push(component);
        if std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink()) {
            return Some(at);
        }
    }
    None
}

/// The error for a folder of the site that is a symbolic link: its files
/// would come from outside the site.
pub(crate) fn linked_folder(root: &Path, link: &Path) -> Diagnostic {
    Diagnostic::error(
        display_path(root, link),
        0,
        0,
        "this folder is a symbolic link; briefing does not follow links out of the site",
    )
    .with_hint("replace the link by a real folder holding a copy of the files")
}

/// A symbolic link skipped, as a warning.
pub(crate) fn skipped_link(root: &Path, link: &Path) -> Diagnostic {
    Diagnostic::warning(display_path(root, link), 0, 0, "symbolic link skipped")
        .with_hint("links are not followed, so that nothing outside the site is published; copy the file instead")
}

/// Files under `dir` whose name ends with one of `extensions` (all files when
/// empty), sorted by path. Links are not followed: a linked file is
/// reported and skipped, a linked `dir` (or a linked folder on the way to
/// it) is an error, so nothing outside the site can be read through one.
/// A file whose name starts with `.` is hidden and skipped, with a warning
/// when it has one of `extensions` (`..md` is surely a mistake).
pub(crate) fn walk_files(root: &Path, dir: &Path, extensions: &[&str]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    if let Some(link) = linked_part(root, dir) {
        problems.push(linked_folder(root, &link));
        return (files, problems);
    }
    if !dir.is_dir() {
        return (files, problems);
    }
    // Hidden folders (`.git`, editors' caches) are not entered.
    let walk = WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !(e.file_type().is_dir() && e.file_name().to_string_lossy().starts_with('.')));
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let shown = error
                    .path()
                    .map(|p| display_path(root, p))
                    .unwrap_or_else(|| display_path(root, dir));
                problems.push(Diagnostic::error(shown, 0, 0, format!("cannot read: {error}")));
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy();
        let wanted = extensions.is_empty() || extensions.iter().any(|ext| name.ends_with(ext));
        if name.starts_with('.') && entry.depth() > 0 {
            if wanted && entry.file_type().is_file() && !extensions.is_empty() {
                problems.push(
                    Diagnostic::warning(
                        display_path(root, entry.path()),
                        0,
                        0,
                        "hidden file skipped: its name starts with `.`",
                    )
                    .with_hint("rename it without the leading `.` if it should be published"),
                );
            }
            continue;
        }
        if entry.path_is_symlink() {
            problems.push(skipped_link(root, entry.path()));
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        if wanted {
            files.push(entry.into_path());
        }
    }
    (files, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_bom_and_crlf() {
        let text = decode("a.md", b"\xef\xbb\xbf---\r\ntitle: x\r\n---\r\n".to_vec()).unwrap();
        assert_eq!(text, "---\ntitle: x\n---\n");
    }

    #[test]
    fn names_the_line_of_gbk_text() {
        // "简报" in GBK on line 2
        let error = decode("a.md", b"---\ntitle: \xbc\xf2\xb1\xa8\n".to_vec()).unwrap_err();
        assert_eq!(error.line, 2);
        assert!(error.message.contains("not UTF-8"));
        assert!(error.hint.unwrap().contains("UTF-8"));
    }
}
