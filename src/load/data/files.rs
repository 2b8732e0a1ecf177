//! The files of `content/data/`: which data file is in which form (YAML,
//! a workbook or CSV — one form per name), their bytes, their stamps for
//! `serve`, and warnings about what else lies in the folder.

use std::path::Path;

use super::DATA_DIR;
use super::kinds::{COUNT, NAMES};
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::load::source::read_text;

/// A data file as found: its path as diagnostics name it, and its content.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    pub(crate) path: String,
    pub(crate) source: Source,
}

/// The content of a data file, by form.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Source {
    Yaml(String),
    Xlsx(Vec<u8>),
    Csv(Vec<u8>),
    /// A file that is there but cannot be read (reported already): kept
    /// in a form briefing does not read (`problems.xls`), kept twice, or
    /// unreadable. What needs it is not told it is absent.
    Unread,
}

/// The forms a data file may take, by extension.
const FORMS: [&str; 4] = ["yaml", "yml", "xlsx", "csv"];

/// Office formats a register is often saved in that briefing does not
/// read: a file in one of them is an error that says how to convert it.
const OFFICE: [&str; 6] = ["xls", "et", "ods", "docx", "doc", "wps"];

/// A file name's stem and its extension in lower case.
fn split_name(name: &str) -> (&str, String) {
    let (base, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    (base, ext.to_lowercase())
}

/// Names of files in the data folder, sorted (empty when there is none).
fn listing(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Finds and reads every data file under `root`, reporting a name kept in
/// two forms, unreadable files, links and strangers in the folder.
pub(crate) fn find(root: &Path, problems: &mut Vec<Diagnostic>) -> [Option<Found>; COUNT] {
    let folder = root.join(DATA_DIR);
    let names = listing(&folder);
    for name in &names {
        if let Some(problem) = stranger(name) {
            problems.push(problem);
        }
    }
    NAMES.map(|base| {
        let forms: Vec<&String> = names
            .iter()
            .filter(|n| FORMS.iter().any(|ext| **n == format!("{base}.{ext}")))
            .collect();
        if forms.len() > 1 {
            let listed: Vec<&str> = forms.iter().map(|n| n.as_str()).collect();
            problems.push(
                Diagnostic::error(
                    format!("{DATA_DIR}/{}", forms[1]),
                    0,
                    0,
                    format!("`{base}` is kept twice: {}", listed.join(" and ")),
                )
                .with_hint("keep one form of each data file: delete or rename the other"),
            );
            return unread(forms[1]);
        }
        let Some(name) = forms.first() else {
            // `problems.xls` is reported as a stranger; the register is
            // there, only unread.
            let office = names.iter().find(|n| {
                let (stem, ext) = split_name(n);
                stem == base && OFFICE.contains(&ext.as_str())
            });
            return office.and_then(|n| unread(n));
        };
        let path = folder.join(name);
        let shown = format!("{DATA_DIR}/{name}");
        let meta = std::fs::symlink_metadata(&path).ok()?;
        if meta.file_type().is_symlink() {
            problems.push(crate::load::source::skipped_link(root, &path));
            return None;
        }
        let source = if name.ends_with(".xlsx") || name.ends_with(".csv") {
            match std::fs::read(&path) {
                Ok(bytes) if name.ends_with(".xlsx") => Source::Xlsx(bytes),
                Ok(bytes) => Source::Csv(bytes),
                Err(error) => {
                    problems.push(Diagnostic::error(&shown, 0, 0, format!("cannot read the file: {error}")));
                    return unread(name);
                }
            }
        } else {
            match read_text(root, &path) {
                Ok(file) => Source::Yaml(file.text),
                Err(problem) => {
                    problems.push(problem);
                    return unread(name);
                }
            }
        };
        Some(Found { path: shown, source })
    })
}

/// A data file `name` found in the data folder but not read (reported).
fn unread(name: &str) -> Option<Found> {
    Some(Found {
        path: format!("{DATA_DIR}/{name}"),
        source: Source::Unread,
    })
}

/// The data file a workbook or document `base` is meant to be, as it
/// should be saved: `problems.xlsx`, or the nearest name.
fn meant(base: &str) -> Option<String> {
    NAMES
        .contains(&base)
        .then_some(base)
        .or_else(|| did_you_mean(base, NAMES))
        .map(|name| format!("{name}.xlsx"))
}

/// The error about a file kept in an office format briefing does not read
/// (`.xls`, `.et`, `.ods`, a Word or WPS document), with the way to save it
/// as a workbook that it reads.
fn office_file(shown: String, base: &str, ext: &str) -> Diagnostic {
    const SAVE_AS: &str = "文件 → 另存为 → Excel 工作簿(*.xlsx)";
    let document = matches!(ext, "docx" | "doc" | "wps");
    let message = if document {
        format!("a Word or WPS document (`.{ext}`) cannot be read as data")
    } else {
        format!("a workbook in the `.{ext}` format cannot be read")
    };
    let hint = match (meant(base), document) {
        (Some(target), false) => format!("open it in Excel or WPS and save it as `{target}`: {SAVE_AS}"),
        (Some(target), true) => format!(
            "copy its table into Excel or WPS 表格 and save it as `{target}` ({SAVE_AS}); other documents belong outside content/data/"
        ),
        (None, false) => format!(
            "open it in Excel or WPS and save it as .xlsx named after its data file ({SAVE_AS}); the data files are: {}",
            NAMES.join(", ")
        ),
        (None, true) => format!(
            "keep documents outside content/data/; a register kept as a Word table is copied into Excel or WPS 表格 and saved as .xlsx named after its data file ({SAVE_AS}); the data files are: {}",
            NAMES.join(", ")
        ),
    };
    Diagnostic::error(shown, 0, 0, message).with_hint(hint)
}

/// A problem with a file of the data folder that is no data file (an
/// error for an office file briefing cannot read, else a warning), or
/// `None` for a data file and for what editors leave behind.
fn stranger(name: &str) -> Option<Diagnostic> {
    // Hidden files, and the lock file Excel and WPS keep while a workbook
    // is open (`~$problems.xlsx`).
    if name.starts_with('.') || name.starts_with("~$") {
        return None;
    }
    let (base, ext) = split_name(name);
    if NAMES.contains(&base) && FORMS.contains(&ext.as_str()) {
        return None;
    }
    let shown = format!("{DATA_DIR}/{name}");
    if OFFICE.contains(&ext.as_str()) {
        return Some(office_file(shown, base, &ext));
    }
    let known: Vec<String> = NAMES.iter().map(|n| format!("{n}.yaml")).collect();
    let hint = match ext.as_str() {
        "pdf" | "txt" | "md" => "only data files are read here; keep documents elsewhere (briefings go in content/briefings/)".to_string(),
        _ => match did_you_mean(base, NAMES) {
            Some(close) => format!(
                "did you mean `{close}.{}`?",
                if FORMS.contains(&ext.as_str()) { ext.as_str() } else { "yaml" }
            ),
            None => format!("the data files are: {}", known.join(", ")),
        },
    };
    Some(Diagnostic::warning(shown, 0, 0, "not a data file: it is not read").with_hint(hint))
}

/// Size and modification time of a file.
pub(crate) type FileStamp = (u64, Option<std::time::SystemTime>);

/// Stamps of everything in the data folder, to tell whether any changed.
pub(crate) fn stamps(root: &Path) -> Vec<(String, Option<FileStamp>)> {
    let folder = root.join(DATA_DIR);
    listing(&folder)
        .into_iter()
        .map(|name| {
            let stamp = std::fs::metadata(folder.join(&name)).ok().map(|m| (m.len(), m.modified().ok()));
            (name, stamp)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strangers_are_named_and_editors_litter_is_not() {
        for quiet in [
            "problems.xlsx",
            "units.csv",
            "output.yaml",
            "charts.yml",
            ".DS_Store",
            "~$problems.xlsx",
            "tallies.yaml",
        ] {
            assert!(stranger(quiet).is_none(), "{quiet}");
        }
        let notes = stranger("说明.pdf").expect("a warning");
        assert!(
            !notes.is_error() && notes.hint.as_deref().unwrap_or_default().contains("documents"),
            "{notes:?}"
        );
        let typo = stranger("problem.xlsx").expect("a warning");
        assert_eq!(typo.hint.as_deref(), Some("did you mean `problems.xlsx`?"));
    }

    #[test]
    fn office_files_are_errors_that_say_how_to_convert_them() {
        for (name, target) in [
            ("problems.xls", "problems.xlsx"),
            ("visits.ET", "visits.xlsx"),
            ("units.ods", "units.xlsx"),
            ("problem.docx", "problems.xlsx"),
            ("enterprises.wps", "enterprises.xlsx"),
            ("projects.doc", "projects.xlsx"),
        ] {
            let found = stranger(name).expect("an error");
            assert!(found.is_error(), "{found:?}");
            assert_eq!(found.path, format!("content/data/{name}"));
            let hint = found.hint.as_deref().unwrap_or_default();
            assert!(
                hint.contains("另存为 → Excel 工作簿(*.xlsx)") && hint.contains(target),
                "{name}: {hint}"
            );
        }
        let report = stranger("三季度汇报.docx").expect("an error");
        assert!(report.hint.as_deref().unwrap_or_default().contains("problems, "), "{report:?}");
    }
}
