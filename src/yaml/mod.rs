//! The one module that calls `serde_yaml` (deprecated upstream, so it stays
//! behind this door): typed parsing of YAML text with errors turned into
//! [`Diagnostic`]s that point at the line in the original file.

mod scan;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, did_you_mean};

/// YAML text and where it sits in its file.
pub(crate) struct YamlSource<'a> {
    /// Path relative to the site root, for diagnostics.
    pub(crate) path: &'a str,
    pub(crate) text: &'a str,
    /// 1-based line of the file on which `text` begins (front matter starts
    /// on line 2 of a Markdown file).
    pub(crate) first_line: usize,
}

pub(crate) use scan::Escape;

/// The escapes of the double-quoted scalars of `text` (`"\v"`,
/// `"\u202E"`) that write a character no output may carry
/// ([`crate::chars`]).
pub(crate) fn unfit_escapes(text: &str) -> Vec<Escape> {
    if !text.contains('\\') {
        return Vec::new();
    }
    scan::unfit_escapes(text)
}

/// Parses `source` into `T`, or explains why not.
pub(crate) fn parse<T: DeserializeOwned>(source: &YamlSource<'_>) -> Result<T, Diagnostic> {
    if let Some((line, column)) = scan::too_deep(source.text) {
        return Err(Diagnostic::error(
            source.path,
            source.first_line + line - 1,
            column,
            format!("the YAML nests deeper than {} levels here", scan::MAX_DEPTH),
        )
        .with_hint("front matter and data need only a few levels; look for brackets or indentation that keep opening"));
    }
    serde_yaml::from_str::<T>(source.text).map_err(|error| match ime_slip(source.text) {
        // What a Chinese input method typed explains the error better.
        Some(slip) => Diagnostic::error(source.path, source.first_line + slip.line - 1, slip.column, slip.message).with_hint(slip.hint),
        None => to_diagnostic(source, &error),
    })
}

/// A key typed through a Chinese input method: where, what was typed, and
/// what to type.
#[derive(Debug, PartialEq)]
struct Slip {
    line: usize,
    column: usize,
    message: String,
    hint: String,
}

/// The first line of `text` whose key is followed by a full-width colon
/// (`title：第四期`) or by a colon with no space (`title:第四期`, which YAML
/// reads as text), as a Chinese input method leaves them.
fn ime_slip(text: &str) -> Option<Slip> {
    text.lines().enumerate().find_map(|(index, line)| {
        let indent = line.len() - line.trim_start().len();
        let rest = &line[indent..];
        let (dash, rest) = match rest.strip_prefix("- ").or_else(|| rest.strip_prefix("－ ")) {
            Some(after) => (rest.len() - after.len(), after),
            None => (0, rest),
        };
        let key_len = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
        let key = &rest[..key_len];
        if key.is_empty() || !key.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        let after = &rest[key_len..];
        let column = indent + dash + key_len + 1;
        let value = if let Some(value) = after.strip_prefix('：') {
            Some((format!("`{key}：` is typed with a full-width colon (：)"), value))
        } else {
            after
                .strip_prefix(':')
                .filter(|value| value.starts_with(|c: char| !c.is_ascii()))
                .map(|value| (format!("`{key}:` has no space after its colon"), value))
        };
        value.map(|(message, value)| Slip {
            line: index + 1,
            column: line[..column - 1].chars().count() + 1,
            message,
            hint: format!(
                "type an ASCII colon and a space: `{key}: {}`",
                value.trim_start_matches([' ', '\u{3000}'])
            ),
        })
    })
}

/// What serde_yaml says, without a location, of a text holding more than
/// one document.
const MORE_THAN_ONE_DOCUMENT: &str = "deserializing from YAML containing more than one document";

/// Whether `line` is a document marker: `---` (a document starts) or
/// `...` (the document ends), at column 0.
pub(crate) fn is_document_marker(line: &str) -> bool {
    ["---", "..."].iter().any(|marker| {
        line.strip_prefix(marker)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
    })
}

/// 1-based line of `text` where a second document begins: the first
/// document marker after content (a `---` before any content only opens
/// the first document).
fn second_document_line(text: &str) -> Option<usize> {
    let mut seen_content = false;
    for (index, line) in text.lines().enumerate() {
        if is_document_marker(line) {
            if seen_content || line.starts_with("...") {
                return Some(index + 1);
            }
            seen_content = true;
            continue;
        }
        let trimmed = line.trim_start();
        seen_content |= !trimmed.is_empty() && !trimmed.starts_with('#');
    }
    None
}

/// The error for a second document starting at line `line` of the file
/// at `path`: front matter and data files hold one YAML document each,
/// and what follows the marker would not be read.
pub(crate) fn second_document(path: &str, line: usize) -> Diagnostic {
    Diagnostic::error(path, line, 1, "a second YAML document starts here").with_hint(
        "a data file or a front matter holds one YAML document: remove this `---` or `...` line, or move what follows it into the document above",
    )
}

fn to_diagnostic(source: &YamlSource<'_>, error: &serde_yaml::Error) -> Diagnostic {
    if error.to_string().starts_with(MORE_THAN_ONE_DOCUMENT) {
        let line = second_document_line(source.text).unwrap_or(1);
        return second_document(source.path, source.first_line + line - 1);
    }
    let (mut line, mut column) = match error.location() {
        Some(location) => (location.line(), location.column()),
        None => (1, 0),
    };
    let full = error.to_string();
    // libyaml adds where an unclosed construct began: ", while parsing a
    // flow sequence at line 3 column 7". That opening is what needs fixing.
    let (problem, context) = match full.split_once(", while ") {
        Some((problem, context)) => (problem, Some(context)),
        None => (full.as_str(), None),
    };
    let mut raw = strip_location(problem);
    let opening = context.and_then(|context| {
        let (what, at) = context.split_once(" at line ")?;
        let (l, c) = at.split_once(" column ")?;
        Some((what, l.trim().parse::<usize>().ok()?, c.trim().parse::<usize>().ok()?))
    });
    // In a block list or mapping the problem is the line where the parser
    // stopped (a key at column 0 under a list); the opening is named for
    // what is left open (a bracket, a quote).
    if let Some((what, l, c)) = opening
        && !what.contains("block")
        && (raw.starts_with("did not find expected") || raw.contains("end of stream"))
    {
        line = l;
        column = c;
        raw = format!("{raw} while {what} that starts here");
    }
    if let Some(key) = raw.strip_prefix("duplicate field `").and_then(|r| r.split('`').next()) {
        line = second_occurrence(source.text, line, key).unwrap_or(line);
        column = 1;
    }
    let (field, raw) = split_field_path(&raw);
    let (mut message, hint) = explain(raw, source.text, line);
    if let Some(field) = field.map(record_relative).filter(|f| !f.is_empty()) {
        message = match message.find(" (did you mean") {
            Some(at) => format!("{} in `{field}`{}", &message[..at], &message[at..]),
            None => format!("{message} (in `{field}`)"),
        };
    }
    let diagnostic = Diagnostic::error(source.path, source.first_line + line - 1, column, message);
    match hint {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic,
    }
}

/// 1-based line of the second `key:` at or after line `from` (serde_yaml
/// reports a duplicate key at the start of its mapping).
fn second_occurrence(text: &str, from: usize, key: &str) -> Option<usize> {
    let needle = format!("{key}:");
    let mut matches = text.lines().enumerate().skip(from.saturating_sub(1)).filter(|(_, line)| {
        let trimmed = line.trim_start();
        trimmed.strip_prefix("- ").unwrap_or(trimmed).starts_with(&needle)
    });
    matches.nth(1).map(|(i, _)| i + 1)
}

/// serde_yaml appends " at line L column C"; the location is reported apart.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(index) => message[..index].to_string(),
        None => message.to_string(),
    }
}

/// serde_yaml prefixes errors inside a field with its path (`kind: …`,
/// `updates[0].status: …`); returns that path and the rest.
fn split_field_path(message: &str) -> (Option<&str>, &str) {
    if let Some((path, rest)) = message.split_once(": ") {
        let is_path = !path.is_empty()
            && path
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '[' | ']'));
        if is_path && !path.contains(' ') {
            return (Some(path), rest);
        }
    }
    (None, message)
}

/// `.[3].updates[1].status` → `updates[1].status`: the record itself is
/// already named by the line.
fn record_relative(path: &str) -> &str {
    let path = path.trim_start_matches('.');
    let path = match path.strip_prefix('[') {
        Some(rest) => rest.split_once(']').map_or(path, |(_, after)| after),
        None => path,
    };
    path.trim_start_matches('.')
}

/// Rewrites serde_yaml's wording into messages for people, with hints.
fn explain(raw: &str, text: &str, line_in_text: usize) -> (String, Option<String>) {
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or_default();
        let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        if field == "internal" && !expected.is_empty() {
            // Which records can be internal, as the data files declare it;
            // why the others cannot (DESIGN.md, "Public and internal editions").
            let (message, hint) = crate::load::data::kinds::internal_message();
            return (message.to_string(), Some(hint.to_string()));
        }
        let hint = if expected.is_empty() {
            "remove this field".to_string()
        } else {
            format!("known fields: {}", expected.join(", "))
        };
        return match did_you_mean(field, expected.iter().copied()) {
            Some(close) => (format!("unknown field `{field}` (did you mean `{close}`?)"), Some(hint)),
            None => (format!("unknown field `{field}`"), Some(hint)),
        };
    }
    if let Some(rest) = raw.strip_prefix("unknown variant `") {
        let value = rest.split('`').next().unwrap_or_default();
        let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        let hint = format!("allowed: {}", expected.join(", "));
        return match did_you_mean(value, expected.iter().copied()) {
            Some(close) => (format!("unknown value `{value}` (did you mean `{close}`?)"), Some(hint)),
            None => (format!("unknown value `{value}`"), Some(hint)),
        };
    }
    if raw.starts_with("duplicate field") || raw.contains("duplicate entry") {
        return (raw.to_string(), Some("each key may appear only once in a mapping".to_string()));
    }
    let tab_on_line = text
        .lines()
        .nth(line_in_text.saturating_sub(1))
        .is_some_and(|l| l.trim_end().starts_with('\t') || l.contains(":\t") || l.starts_with(" \t"));
    if tab_on_line || (raw.contains("cannot start any token") && text.contains('\t')) {
        return (
            "YAML does not allow tabs for indentation".to_string(),
            Some("indent with spaces (two per level)".to_string()),
        );
    }
    if let Some(rest) = raw.strip_prefix("invalid type: ").or_else(|| raw.strip_prefix("invalid value: ")) {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "another type"));
        let expected = match expected {
            "f64" | "f32" => "a number",
            "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number, zero or more",
            "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number",
            "a boolean" => "true or false",
            "a sequence" => "a list (`[a, b]` or lines starting with `- `)",
            "a string" => "text",
            other => other,
        };
        let found = found
            .replace("string ", "text ")
            .replace("map", "a mapping")
            .replace("sequence", "a list");
        return (format!("expected {expected}, found {found}"), None);
    }
    (raw.to_string(), None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        title: String,
        #[serde(default)]
        count: u32,
    }

    fn source(text: &str) -> YamlSource<'_> {
        YamlSource {
            path: "content/briefings/a.md",
            text,
            first_line: 2,
        }
    }

    #[test]
    fn unknown_field_suggests_the_close_one() {
        let error = parse::<Sample>(&source("title: x\ncuont: 3\n")).unwrap_err();
        assert_eq!(error.message, "unknown field `cuont` (did you mean `count`?)");
        assert_eq!(error.line, 3);
        assert_eq!(error.hint.as_deref(), Some("known fields: title, count"));
    }

    #[test]
    fn syntax_error_line_is_the_file_line() {
        let error = parse::<Sample>(&source("count: 1\ntitle: \"x\n")).unwrap_err();
        assert_eq!((error.line, error.column), (3, 8), "{error}");
        assert!(error.message.contains("quoted scalar"), "{error}");
        assert_eq!(error.path, "content/briefings/a.md");
    }

    #[test]
    fn wrong_type_names_the_expectation() {
        let error = parse::<Sample>(&source("title: x\ncount: 三\n")).unwrap_err();
        assert_eq!(
            error.message,
            "expected a whole number, zero or more, found text \"三\" (in `count`)"
        );
        assert_eq!(error.line, 3);
    }

    #[test]
    fn tabs_are_explained() {
        let error = parse::<Sample>(&source("title: x\n\tcount: 3\n")).unwrap_err();
        assert!(error.message.contains("tabs"), "{}", error.message);
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let error = parse::<Sample>(&source("title: x\ntitle: y\n")).unwrap_err();
        assert!(error.message.contains("duplicate"), "{}", error.message);
    }

    #[test]
    fn keys_typed_through_a_chinese_input_method_are_explained() {
        let slip = ime_slip("date: 2013-07-30\ntitle：第四期简报\n").unwrap();
        assert_eq!((slip.line, slip.column), (2, 6));
        assert_eq!(slip.message, "`title：` is typed with a full-width colon (：)");
        assert_eq!(slip.hint, "type an ASCII colon and a space: `title: 第四期简报`");
        let slip = ime_slip("- id: a\n  name:县水务局\n").unwrap();
        assert_eq!(
            (slip.line, slip.column, slip.hint.as_str()),
            (2, 7, "type an ASCII colon and a space: `name: 县水务局`")
        );
        assert_eq!(ime_slip("- id：a\n").map(|s| s.column), Some(5));
        assert_eq!(ime_slip("title: 说明：见附件\nlink: http://x\n"), None);
        assert_eq!(ime_slip("summary: |\n  备注：无\n"), None);
    }

    #[test]
    fn a_key_at_column_0_under_a_list_is_an_error_at_its_line() {
        let list = |text: &str| parse::<Vec<std::collections::BTreeMap<String, String>>>(&source(text)).unwrap_err();
        let error = list("- a: 1\n- a: 2\nnote: x\n- a: 3\n");
        assert_eq!((error.line, error.column), (4, 1), "{error}");
        let error = list("- a: 1\n- a: 2\n  b: 3\ninternal: true\n");
        assert_eq!((error.line, error.column), (5, 1), "{error}");
        let error = parse::<Sample>(&source("title: x\ncount: 1\n- x\n")).unwrap_err();
        assert_eq!(error.line, 4, "{error}");
    }

    #[test]
    fn a_second_document_is_an_error_where_it_starts() {
        let error = parse::<Sample>(&source("title: x\n...\ncount: 1\n")).unwrap_err();
        assert_eq!((error.line, error.column), (3, 1), "{error}");
        assert_eq!(error.message, "a second YAML document starts here");
        let error = parse::<Sample>(&source("# c\n---\ntitle: x\n--- \ncount: 1\n")).unwrap_err();
        assert_eq!(error.line, 5, "{error}");
        assert!(parse::<Sample>(&source("---\ntitle: x\n")).is_ok());
        assert!(!is_document_marker("----") && !is_document_marker(" ---") && is_document_marker("... # end"));
    }

    #[test]
    fn a_full_width_colon_names_its_line() {
        let source = YamlSource {
            path: "content/briefings/x.md",
            text: "title：第四期简报\ndate: 2013-07-30\n",
            first_line: 2,
        };
        let error = parse::<std::collections::BTreeMap<String, String>>(&source).unwrap_err();
        assert_eq!((error.line, error.column), (2, 6));
        assert!(error.message.contains("full-width colon"), "{}", error.message);
    }
}
