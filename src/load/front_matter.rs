//! Front matter: splitting a Markdown file into its YAML header and body,
//! and the typed headers of briefings and standalone pages.

use serde::Deserialize;

use crate::calendar::{Date, Period};
use crate::diagnostics::Diagnostic;
use crate::yaml::{self, YamlSource};

/// A Markdown file cut into front matter and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub(crate) front: &'a str,
    /// 1-based line of the file on which `front` begins.
    pub(crate) front_line: usize,
    pub(crate) body: &'a str,
    /// 1-based line of the file on which `body` begins.
    pub(crate) body_line: usize,
}

/// Why a file could not be split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitError {
    Empty,
    Missing,
    /// The opening `---` has no closing line.
    Unterminated,
}

impl SplitError {
    /// A diagnostic about `path` for this failure.
    pub(crate) fn diagnostic(self, path: &str) -> Diagnostic {
        match self {
            SplitError::Empty => Diagnostic::error(path, 1, 1, "the file is empty")
                .with_hint("a briefing starts with front matter between `---` lines (title and date), then Markdown"),
            SplitError::Missing => Diagnostic::error(path, 1, 1, "missing front matter")
                .with_hint("start the file with a line `---`, then `title:` and `date:` lines, then another `---`"),
            SplitError::Unterminated => Diagnostic::error(path, 1, 1, "front matter is not closed")
                .with_hint("end the front matter with a line containing only `---`"),
        }
    }
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Splits `text` (BOM already removed, `\n` line endings) at its `---` fences.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    if text.trim().is_empty() {
        return Err(SplitError::Empty);
    }
    let first_end = text.find('\n').unwrap_or(text.len());
    if !is_fence(&text[..first_end]) {
        return Err(SplitError::Missing);
    }
    let front_start = (first_end + 1).min(text.len());
    let mut offset = front_start;
    let mut line_number = 2;
    while offset < text.len() {
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        if is_fence(&text[offset..end]) {
            let body_start = (end + 1).min(text.len());
            return Ok(Split {
                front: &text[front_start..offset],
                front_line: 2,
                body: &text[body_start..],
                body_line: line_number + 1,
            });
        }
        offset = end + 1;
        line_number += 1;
    }
    Err(SplitError::Unterminated)
}

/// What a briefing is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Kind {
    #[default]
    Bulletin,
    Speech,
    Notice,
    /// 通报: a notice that praises or criticises named units.
    Circular,
    Report,
}

impl Kind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Kind::Bulletin => "bulletin",
            Kind::Speech => "speech",
            Kind::Notice => "notice",
            Kind::Circular => "circular",
            Kind::Report => "report",
        }
    }
}

/// The 报送/抄送 block printed at the foot of a bulletin.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Distribution {
    #[serde(default)]
    pub(crate) to: Vec<String>,
    #[serde(default)]
    pub(crate) cc: Vec<String>,
    /// How many copies were printed (共印60份).
    #[serde(default)]
    pub(crate) copies: Option<u32>,
}

/// Front matter of a file in `content/briefings/`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BriefingFront {
    pub(crate) title: String,
    pub(crate) date: Date,
    #[serde(default)]
    pub(crate) kind: Kind,
    #[serde(default)]
    pub(crate) issue: Option<u32>,
    #[serde(default)]
    pub(crate) as_of: Option<Period>,
    #[serde(default)]
    pub(crate) unit: Option<String>,
    #[serde(default)]
    pub(crate) tags: Vec<String>,
    #[serde(default)]
    pub(crate) summary: Option<String>,
    #[serde(default)]
    pub(crate) slug: Option<String>,
    #[serde(default)]
    pub(crate) draft: bool,
    /// Only in the internal edition.
    #[serde(default)]
    pub(crate) internal: bool,
    #[serde(default)]
    pub(crate) distribution: Option<Distribution>,
}

/// Front matter of a file in `content/pages/`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFront {
    pub(crate) title: String,
    #[serde(default)]
    pub(crate) slug: Option<String>,
    #[serde(default)]
    pub(crate) weight: i64,
    #[serde(default = "yes")]
    pub(crate) menu: bool,
}

fn yes() -> bool {
    true
}

/// Parses front matter text of `split` from the file at `path`.
pub fn parse<T: serde::de::DeserializeOwned>(path: &str, split: &Split<'_>) -> Result<T, Diagnostic> {
    if split.front.trim().is_empty() {
        return Err(
            Diagnostic::error(path, 1, 1, "the front matter is empty").with_hint("add at least `title:` (and `date:` for a briefing)")
        );
    }
    yaml::parse(&YamlSource {
        path,
        text: split.front,
        first_line: split.front_line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body_with_lines() {
        let text = "---\ntitle: 简报\ndate: 2013-07-20\n---\n\n正文\n";
        let split = split(text).unwrap();
        assert_eq!(split.front, "title: 简报\ndate: 2013-07-20\n");
        assert_eq!(split.body, "\n正文\n");
        assert_eq!(split.body_line, 5);
    }

    #[test]
    fn accepts_trailing_spaces_and_no_body() {
        let split = split("--- \ntitle: x\n---").unwrap();
        assert_eq!(split.front, "title: x\n");
        assert_eq!(split.body, "");
    }

    #[test]
    fn reports_why_it_cannot_split() {
        assert_eq!(split(""), Err(SplitError::Empty));
        assert_eq!(split("  \n"), Err(SplitError::Empty));
        assert_eq!(split("# 标题\n"), Err(SplitError::Missing));
        assert_eq!(split("---\ntitle: x\n正文\n"), Err(SplitError::Unterminated));
        assert_eq!(split("----\ntitle: x\n---\n"), Err(SplitError::Missing));
    }

    #[test]
    fn front_matter_errors_point_into_the_file() {
        let text = "---\ntitle: 简报\ndate: 2013-07-20\nkind: spech\n---\n";
        let split = split(text).unwrap();
        let error = parse::<BriefingFront>("content/briefings/a.md", &split).unwrap_err();
        assert_eq!(error.line, 4);
        assert_eq!(error.message, "unknown value `spech` in `kind` (did you mean `speech`?)");
        assert_eq!(error.hint.as_deref(), Some("allowed: bulletin, speech, notice, circular, report"));
    }

    #[test]
    fn malformed_date_is_explained() {
        let split = split("---\ntitle: x\ndate: 2013-7-20\n---\n").unwrap();
        let error = parse::<BriefingFront>("a.md", &split).unwrap_err();
        assert_eq!(error.line, 3);
        assert!(error.message.contains("YYYY-MM-DD"), "{}", error.message);
    }

    #[test]
    fn missing_title_is_named() {
        let split = split("---\ndate: 2013-07-20\n---\n").unwrap();
        let error = parse::<BriefingFront>("a.md", &split).unwrap_err();
        assert!(error.message.contains("missing field `title`"), "{}", error.message);
    }
}
