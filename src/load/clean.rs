//! The text of every input made fit for every output, once, as it is read:
//! each character that no output may carry ([`crate::chars`]: controls
//! that XML forbids, U+FFFE, U+FFFF, bidi controls) is a warning at its
//! line and column (or cell) and is replaced, so that a Word file, the
//! feed, a chart or a CSV download made from the text is clean by
//! construction.
//!
//! U+000B, the line break Word pastes, becomes a line break where the text
//! can hold one without moving the lines after it: `<br>` in a Markdown
//! body, a line feed in a spreadsheet cell and in a double-quoted YAML
//! escape (`"\v"` becomes `"\n"`). Typed raw into YAML (front matter, data,
//! site.yaml) or a template it becomes a space, as a line break inside a
//! YAML value reads. Every other such character is removed (not replaced
//! by U+FFFD, which would print as `�` in a published bulletin). YAML
//! escapes that write one (`"\x01"`, `"\u202E"`) are removed likewise.

use crate::chars::{Unfit, may_hold_unfit, unfit};
use crate::diagnostics::Diagnostic;
use crate::load::data::{CellRef, Spot};
use crate::sheets::{Cell, Table};

/// How many characters of one file are warned one by one; the rest are
/// counted in one more warning.
const LISTED: usize = 20;

/// What a text file is, for what U+000B becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// YAML: data files, site.yaml, a theme's i18n.
    Yaml,
    /// A Markdown file: YAML front matter between `---` lines, then the body.
    Markdown,
    /// A theme's template.
    Template,
}

/// One replacement: a byte range of the text, what takes its place, and
/// what was there.
struct Edit {
    range: std::ops::Range<usize>,
    by: &'static str,
    found: char,
    unfit: Unfit,
    /// The YAML escape that wrote the character (`\x01`), if it was one.
    escape: Option<String>,
}

/// Cleans `text`, the contents of the file `path`, in place; one warning
/// per character found (the first [`LISTED`], then a count).
pub(crate) fn file(path: &str, text: &mut String, form: Form, problems: &mut Vec<Diagnostic>) {
    // The YAML of the file, and where a Markdown body starts.
    let (front, body) = match form {
        Form::Yaml => (0..text.len(), None),
        Form::Markdown => front_matter(text),
        Form::Template => (0..0, None),
    };
    let escapes = crate::yaml::unfit_escapes(&text[front.clone()]);
    if escapes.is_empty() && !may_hold_unfit(text) {
        return;
    }
    let mut edits = Vec::new();
    let line_starts: Vec<usize> = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let front_first_line = line_starts.partition_point(|&start| start <= front.start) - 1;
    for escape in escapes {
        let Some(&start) = line_starts.get(front_first_line + escape.line) else {
            continue;
        };
        let Some(kind) = unfit(escape.writes) else {
            continue;
        };
        edits.push(Edit {
            range: start + escape.range.start..start + escape.range.end,
            by: if kind == Unfit::LineBreak { "\\n" } else { "" },
            found: escape.writes,
            unfit: kind,
            escape: Some(text[start + escape.range.start..start + escape.range.end].to_string()),
        });
    }
    for (at, c) in text.char_indices() {
        let Some(kind) = unfit(c) else {
            continue;
        };
        let by = match kind {
            Unfit::LineBreak if body.is_some_and(|body| at >= body) => "<br>",
            Unfit::LineBreak => " ",
            _ => "",
        };
        edits.push(Edit {
            range: at..at + c.len_utf8(),
            by,
            found: c,
            unfit: kind,
            escape: None,
        });
    }
    edits.sort_by_key(|edit| edit.range.start);
    for (index, edit) in edits.iter().enumerate() {
        if index == LISTED {
            problems
                .push(Diagnostic::warning(path, 0, 0, format!("{} more such characters replaced", edits.len() - LISTED)).with_hint(HINT));
            break;
        }
        let line = line_starts.partition_point(|&start| start <= edit.range.start);
        let column = text[line_starts[line - 1]..edit.range.start].chars().count() + 1;
        problems.push(warning(Spot::text(line, column), path, edit));
    }
    let mut cleaned = String::with_capacity(text.len());
    let mut last = 0;
    for edit in &edits {
        cleaned.push_str(&text[last..edit.range.start]);
        cleaned.push_str(edit.by);
        last = edit.range.end;
    }
    cleaned.push_str(&text[last..]);
    *text = cleaned;
}

/// The byte range of the front matter of a Markdown file (after its first
/// `---` line, up to the next), and where its body starts (after that
/// line); a file without front matter is all body.
fn front_matter(text: &str) -> (std::ops::Range<usize>, Option<usize>) {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or_default();
    if first.trim_end() != "---" {
        return (0..0, Some(0));
    }
    let start = first.len();
    let mut at = start;
    for line in lines {
        if line.trim_end() == "---" {
            return (start..at, Some(at + line.len()));
        }
        at += line.len();
    }
    (start..at, None)
}

/// Cleans the text of every cell of `tables`, read from the sheet file
/// `path`: U+000B becomes a line feed, the rest is removed.
pub(crate) fn tables(path: &str, tables: &mut [Table], problems: &mut Vec<Diagnostic>) {
    let mut warned = 0;
    let mut more = 0;
    for table in tables.iter_mut() {
        for (row, cells) in table.rows.iter_mut().enumerate() {
            for (column, cell) in cells.iter_mut().enumerate() {
                let (Cell::Text(text) | Cell::Error(text)) = cell else {
                    continue;
                };
                if !may_hold_unfit(text) {
                    continue;
                }
                let mut cleaned = String::with_capacity(text.len());
                for c in text.chars() {
                    let Some(kind) = unfit(c) else {
                        cleaned.push(c);
                        continue;
                    };
                    let by = if kind == Unfit::LineBreak { "\n" } else { "" };
                    cleaned.push_str(by);
                    if warned == LISTED {
                        more += 1;
                        continue;
                    }
                    warned += 1;
                    let spot = Spot::cell(CellRef {
                        sheet: table.name.clone(),
                        row,
                        column,
                    });
                    let edit = Edit {
                        range: 0..0,
                        by,
                        found: c,
                        unfit: kind,
                        escape: None,
                    };
                    problems.push(warning(spot, path, &edit));
                }
                *text = cleaned;
            }
        }
    }
    if more > 0 {
        problems.push(Diagnostic::warning(path, 0, 0, format!("{more} more such characters replaced")).with_hint(HINT));
    }
}

/// Why the characters go.
const HINT: &str = "they come with text pasted from another program; Word files, the feed and charts cannot hold them";

/// The warning for one replacement at `spot`.
fn warning(spot: Spot, path: &str, edit: &Edit) -> Diagnostic {
    let code = format!("U+{:04X}", edit.found as u32);
    let what = match &edit.escape {
        Some(escape) => format!("escape `{escape}` ({code}, {})", edit.unfit.name()),
        None => format!("character {code} ({})", edit.unfit.name()),
    };
    let message = match edit.by {
        "" => format!("{what} removed"),
        " " => format!("{what} replaced by a space"),
        _ => format!("{what} replaced by a line break"),
    };
    let hint = match (edit.unfit, &edit.escape) {
        (Unfit::Direction, _) => "it makes text show in another order than it is written, which can disguise it",
        (_, Some(_)) => "Word files, the feed and charts cannot hold this character",
        (_, None) => "it comes with text pasted from another program; Word files, the feed and charts cannot hold it",
    };
    Diagnostic::warning_at(path, spot, message).with_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(text: &str, form: Form) -> (String, Vec<Diagnostic>) {
        let mut text = text.to_string();
        let mut problems = Vec::new();
        file("a.md", &mut text, form, &mut problems);
        (text, problems)
    }

    #[test]
    fn clean_text_is_left_alone() {
        let (text, problems) = cleaned("---\ntitle: “简报”\n---\n正文\t—\n", Form::Markdown);
        assert_eq!(text, "---\ntitle: “简报”\n---\n正文\t—\n");
        assert!(problems.is_empty());
    }

    #[test]
    fn word_line_breaks_become_line_breaks_where_the_text_can_hold_them() {
        let (text, problems) = cleaned(
            "---\ntitle: 上半年\u{b}指标\nsummary: \"一\\v二\"\n---\n第一行\u{b}第二行\n",
            Form::Markdown,
        );
        assert_eq!(text, "---\ntitle: 上半年 指标\nsummary: \"一\\n二\"\n---\n第一行<br>第二行\n");
        let said: Vec<(usize, usize, &str)> = problems.iter().map(|p| (p.line, p.column, p.message.as_str())).collect();
        assert_eq!(
            said,
            vec![
                (2, 11, "character U+000B (a line break from Word) replaced by a space"),
                (3, 12, "escape `\\v` (U+000B, a line break from Word) replaced by a line break"),
                (5, 4, "character U+000B (a line break from Word) replaced by a line break"),
            ]
        );
        assert!(problems.iter().all(|p| !p.is_error()));
    }

    #[test]
    fn other_characters_and_their_escapes_are_removed_at_their_line() {
        let (text, problems) = cleaned(
            "- id: a\n  name: \"甲\\x01乙\\u202E\"\n  note: 丙\u{0}丁\u{ffff}\u{2066}\n  path: C:\\vendor\n",
            Form::Yaml,
        );
        assert_eq!(text, "- id: a\n  name: \"甲乙\"\n  note: 丙丁\n  path: C:\\vendor\n");
        let at: Vec<(usize, usize)> = problems.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(at, vec![(2, 11), (2, 16), (3, 10), (3, 12), (3, 13)]);
        assert_eq!(problems[0].message, "escape `\\x01` (U+0001, a control character) removed");
        assert_eq!(problems[4].message, "character U+2066 (a text-direction control) removed");
    }

    #[test]
    fn escapes_in_a_body_are_text() {
        let (text, problems) = cleaned("---\ntitle: x\n---\n\"a\\vb\"\n", Form::Markdown);
        assert_eq!(text, "---\ntitle: x\n---\n\"a\\vb\"\n");
        assert!(problems.is_empty());
    }

    #[test]
    fn a_file_full_of_them_is_told_in_a_few_warnings() {
        let (text, problems) = cleaned(&"甲\u{0}".repeat(1000), Form::Template);
        assert_eq!(text, "甲".repeat(1000));
        assert_eq!(problems.len(), LISTED + 1);
        assert_eq!(problems[LISTED].message, format!("{} more such characters replaced", 1000 - LISTED));
    }

    #[test]
    fn cells_are_cleaned_and_named() {
        let mut tables = vec![Table {
            name: "单位".to_string(),
            rows: vec![
                vec![Cell::Text("编号".into())],
                vec![Cell::Text("县水\u{b}务\u{1}局".into()), Cell::Number(1.0)],
            ],
        }];
        let mut problems = Vec::new();
        super::tables("content/data/units.xlsx", &mut tables, &mut problems);
        assert_eq!(tables[0].rows[1][0], Cell::Text("县水\n务局".into()));
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].location(), "content/data/units.xlsx:单位!A2");
    }
}
