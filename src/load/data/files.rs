//! The files of `content/data/`: which data file is in which form (YAML,
//! a workbook or CSV — one form per name), their bytes, their stamps for
//! `serve`, and warnings about what else lies in the folder.

use std::path::Path;

use super::DATA_DIR;
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::load::source::read_text;

/// The data files, by name without extension, in the order `parse` takes
/// them.
pub(crate) const NAMES: [&str; 10] = [
    "industries",
    "units",
    "enterprises",
    "projects",
    "problems",
    "output",
    "charts",
    "tallies",
    "visits",
    "plans",
];

/// How many data files there are.
pub(crate) const COUNT: usize = NAMES.len();

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
    /// twice, or unreadable. What needs it is not told it is absent.
    Unread,
}

/// The forms a data file may take, by extension.
const FORMS: [&str; 4] = ["yaml", "yml", "xlsx", "csv"];

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
        let name = forms.first()?;
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

/// A warning about a file of the data folder that is no data file, or
/// `None` for a data file and for what editors leave behind.
fn stranger(name: &str) -> Option<Diagnostic> {
    // Hidden files, and the lock file Excel and WPS keep while a workbook
    // is open (`~$problems.xlsx`).
    if name.starts_with('.') || name.starts_with("~$") {
        return None;
    }
    let (base, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    let ext = ext.to_lowercase();
    if NAMES.contains(&base) && FORMS.contains(&ext.as_str()) {
        return None;
    }
    let shown = format!("{DATA_DIR}/{name}");
    let known: Vec<String> = NAMES.iter().map(|n| format!("{n}.yaml")).collect();
    let hint = match ext.as_str() {
        "xls" | "et" => format!("`.{ext}` is an old or WPS workbook format: save it as `{base}.xlsx` (Excel or WPS: 另存为 .xlsx)"),
        "docx" | "doc" | "wps" | "pdf" | "txt" | "md" => {
            "only data files are read here; keep documents elsewhere (briefings go in content/briefings/)".to_string()
        }
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
        let word = stranger("三季度汇报.docx").expect("a warning");
        assert!(word.hint.as_deref().unwrap_or_default().contains("documents"), "{word:?}");
        let old = stranger("problems.xls").expect("a warning");
        assert!(old.hint.as_deref().unwrap_or_default().contains("problems.xlsx"), "{old:?}");
        let typo = stranger("problem.xlsx").expect("a warning");
        assert_eq!(typo.hint.as_deref(), Some("did you mean `problems.xlsx`?"));
    }
}
