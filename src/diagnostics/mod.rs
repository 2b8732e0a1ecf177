//! Diagnostics: the one error type of the whole pipeline.
//!
//! Every stage reports problems as [`Diagnostic`] values (path relative to the
//! site root, 1-based line and column, message, optional hint) collected in a
//! [`Diagnostics`] list, so a run reports all of its errors at once, sorted by
//! file and position.

pub(crate) mod zh;

use std::fmt;

use crate::load::Language;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is: errors fail the run, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in the site, pointing at a place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub(crate) severity: Severity,
    /// Path relative to the site root, with `/` separators.
    pub(crate) path: String,
    /// 1-based line; 0 when the problem concerns the file as a whole.
    pub(crate) line: usize,
    /// 1-based column; 0 when unknown.
    pub(crate) column: usize,
    pub(crate) message: String,
    pub(crate) hint: Option<String>,
    /// In a spreadsheet: the sheet and the cell (`问题台账`, `C12`); `line`
    /// and `column` then hold the cell's row and column, for sorting.
    /// Boxed: most diagnostics have none, and a small `Diagnostic` keeps
    /// `Result<_, Diagnostic>` small.
    pub(crate) cell: Option<Box<(String, String)>>,
}

impl Diagnostic {
    /// An error about `path` (relative to the site root) at `line:column`.
    pub(crate) fn error(path: impl Into<String>, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line,
            column,
            message: message.into(),
            hint: None,
            cell: None,
        }
    }

    /// An error at `spot` of the data file `path`: a line and column, or a
    /// cell of a sheet.
    pub(crate) fn error_at(path: impl Into<String>, spot: crate::load::data::Spot, message: impl Into<String>) -> Self {
        Diagnostic {
            cell: spot.cell_label().map(Box::new),
            ..Diagnostic::error(path, spot.line, spot.column, message)
        }
    }

    /// A warning at `spot` of the data file `path`.
    pub(crate) fn warning_at(path: impl Into<String>, spot: crate::load::data::Spot, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error_at(path, spot, message)
        }
    }

    /// A warning about `path` at `line:column`.
    pub(crate) fn warning(path: impl Into<String>, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, line, column, message)
        }
    }

    /// Adds a hint shown as `= help: ...`.
    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Self {
        let hint = hint.into();
        self.hint = (!hint.is_empty()).then_some(hint);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The `path:line:column` location as printed after `-->`.
    pub(crate) fn location(&self) -> String {
        if let Some((sheet, cell)) = self.cell.as_deref() {
            return match sheet.is_empty() {
                true => format!("{}:{cell}", self.path),
                false => format!("{}:{sheet}!{cell}", self.path),
            };
        }
        match (self.line, self.column) {
            (0, _) => self.path.clone(),
            (line, 0) => format!("{}:{line}", self.path),
            (line, column) => format!("{}:{line}:{column}", self.path),
        }
    }

    fn sort_key(&self) -> (&str, &str, usize, usize, Severity, &str) {
        let sheet = self.cell.as_deref().map_or("", |(sheet, _)| sheet.as_str());
        (&self.path, sheet, self.line, self.column, self.severity, &self.message)
    }
}

/// `text` (an English message of the tool) in `language`.
pub fn in_language(text: &str, language: Language) -> String {
    match language {
        Language::ZhCn => zh::chinese(text),
        Language::En => text.to_string(),
    }
}

impl Diagnostic {
    /// The rustc-style text of the diagnostic in English, with ANSI
    /// colours if asked.
    pub fn render(&self, color: bool) -> String {
        self.render_in(color, Language::En)
    }

    /// The rustc-style text of the diagnostic with its message and hint in
    /// `language` (the layout and its keywords stay as rustc has them, for
    /// whatever reads the output).
    pub fn render_in(&self, color: bool, language: Language) -> String {
        let paint = |code: &str, text: &str| {
            if color {
                format!("\x1b[{code}m{text}\x1b[0m")
            } else {
                text.to_string()
            }
        };
        let label = match self.severity {
            Severity::Error => paint("1;31", "error"),
            Severity::Warning => paint("1;33", "warning"),
        };
        let mut text = format!(
            "{label}{} {}\n  {} {}",
            paint("1", ":"),
            paint("1", &in_language(&self.message, language)),
            paint("1;34", "-->"),
            self.location()
        );
        if let Some(hint) = &self.hint {
            text.push_str(&format!("\n   {} {}", paint("1;36", "= help:"), in_language(hint, language)));
        }
        text
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// All diagnostics of a run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub(crate) fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// The diagnostics sorted by path, line, column, severity and message,
    /// with exact duplicates removed.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut items = self.items.clone();
        items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        items.dedup();
        items
    }

    /// The diagnostics one by one (tests read them so).
    #[allow(dead_code)]
    pub(crate) fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Diagnostics { items: vec![diagnostic] }
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics {
            items: iter.into_iter().collect(),
        }
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// Renders `path` relative to `root` with `/` separators, for diagnostics.
pub(crate) fn display_path(root: &Path, path: &Path) -> String {
    let relative: PathBuf = path
        .strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf());
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The candidate closest to `word` by edit distance, if close enough to be a
/// plausible typo ("did you mean ...?").
pub(crate) fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1) + 1;
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(word, c), c))
        .filter(|(d, c)| *d <= limit && *d < c.chars().count())
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_rustc_style() {
        let d = Diagnostic::error("content/data/projects.yaml", 14, 15, "unknown industry `fod`").with_hint("did you mean `food`?");
        assert_eq!(
            d.to_string(),
            "error: unknown industry `fod`\n  --> content/data/projects.yaml:14:15\n   = help: did you mean `food`?"
        );
    }

    #[test]
    fn colours_only_when_asked() {
        let d = Diagnostic::warning("a.md", 1, 2, "m").with_hint("h");
        assert!(!d.render(false).contains('\x1b'));
        assert!(d.render(true).contains("\x1b[1;33mwarning\x1b[0m"));
        assert_eq!(d.render(false), "warning: m\n  --> a.md:1:2\n   = help: h");
    }

    #[test]
    fn sorts_by_path_then_line() {
        let mut all = Diagnostics::new();
        all.push(Diagnostic::error("b.md", 1, 1, "x"));
        all.push(Diagnostic::error("a.md", 9, 1, "y"));
        all.push(Diagnostic::warning("a.md", 2, 1, "z"));
        let order: Vec<_> = all.sorted().into_iter().map(|d| d.location()).collect();
        assert_eq!(order, ["a.md:2:1", "a.md:9:1", "b.md:1:1"]);
        assert_eq!(all.error_count(), 2);
        assert_eq!(all.warning_count(), 1);
    }

    #[test]
    fn suggests_close_words_only() {
        assert_eq!(did_you_mean("fod", ["food", "machinery"]), Some("food"));
        assert_eq!(did_you_mean("investmnt", ["investment", "industry"]), Some("investment"));
        assert_eq!(did_you_mean("zzz", ["food", "tourism"]), None);
    }
}
