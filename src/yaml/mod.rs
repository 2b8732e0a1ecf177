//! The one module that calls `serde_yaml` (deprecated upstream, so it stays
//! behind this door): typed parsing of YAML text with errors turned into
//! [`Diagnostic`]s that point at the line in the original file.

mod depth;

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

/// Parses `source` into `T`, or explains why not.
pub(crate) fn parse<T: DeserializeOwned>(source: &YamlSource<'_>) -> Result<T, Diagnostic> {
    if let Some((line, column)) = depth::too_deep(source.text) {
        return Err(Diagnostic::error(
            source.path,
            source.first_line + line - 1,
            column,
            format!("the YAML nests deeper than {} levels here", depth::MAX_DEPTH),
        )
        .with_hint("front matter and data need only a few levels; look for brackets or indentation that keep opening"));
    }
    serde_yaml::from_str::<T>(source.text).map_err(|error| to_diagnostic(source, &error))
}

fn to_diagnostic(source: &YamlSource<'_>, error: &serde_yaml::Error) -> Diagnostic {
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
    if let Some((what, l, c)) = opening
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
}
