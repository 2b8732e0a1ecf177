//! Texts of YAML records longer than a workbook cell holds (32,767
//! characters, as in Excel): the registers are offered as workbooks, and
//! `data export` writes every record into one, so such a text is refused
//! at its field when the file is read — not later, when a workbook cannot
//! be written and nothing says which input was at fault. Sheets refuse
//! theirs at the cell (`sheets`).

use serde::Serialize;
use serde_json::Value as Json;

use super::DataFile;
use crate::diagnostics::Diagnostic;
use crate::sheets::limits::{MAX_TEXT, thousands};

/// Reports every field of `file` holding a text of more than
/// [`MAX_TEXT`] characters.
pub(crate) fn check<R: Serialize>(file: &DataFile<Vec<R>>, problems: &mut Vec<Diagnostic>) {
    if !may_hold_one(&file.text) {
        return;
    }
    let locator = file.locator();
    for (index, record) in file.records.iter().enumerate() {
        let Ok(Json::Object(fields)) = serde_json::to_value(record) else {
            continue;
        };
        for (key, value) in &fields {
            let chars = longest(value);
            if chars > MAX_TEXT {
                problems.push(
                    Diagnostic::error_at(
                        &file.path,
                        locator.field(index, key),
                        format!(
                            "`{key}` holds {} characters, more than the {} a workbook cell holds",
                            thousands(chars),
                            thousands(MAX_TEXT)
                        ),
                    )
                    .with_hint("shorten it: the registers are offered as workbooks, and Excel and WPS cannot hold it either"),
                );
            }
        }
    }
}

/// Whether a record of the YAML list `text` can hold so long a text: a
/// character takes at least a byte, so only a record (from one `-` at the
/// start of a line to the next) of more bytes can. Spares the records of
/// every usual file being looked at.
fn may_hold_one(text: &str) -> bool {
    if text.len() <= MAX_TEXT {
        return false;
    }
    let mut start = 0;
    for at in memchr::memmem::find_iter(text.as_bytes(), "\n-") {
        if at - start > MAX_TEXT {
            return true;
        }
        start = at;
    }
    text.len() - start > MAX_TEXT
}

/// The characters of the longest text in `value`.
fn longest(value: &Json) -> usize {
    match value {
        Json::String(text) if text.len() > MAX_TEXT => text.chars().count(),
        Json::Array(items) => items.iter().map(longest).max().unwrap_or(0),
        Json::Object(fields) => fields.values().map(longest).max().unwrap_or(0),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_long_record_is_looked_at() {
        let short = "- id: a\n  summary: 短\n".repeat(5_000);
        assert!(short.len() > MAX_TEXT && !may_hold_one(&short));
        let long = format!("{short}- id: b\n  summary: {}\n{short}", "x".repeat(MAX_TEXT + 1));
        assert!(may_hold_one(&long));
        assert!(may_hold_one(&format!("[{{id: b, summary: {}}}]", "x".repeat(MAX_TEXT + 1))));
        assert_eq!(longest(&serde_json::json!({"a": ["x", "长".repeat(MAX_TEXT + 1)]})), MAX_TEXT + 1);
        assert_eq!(longest(&serde_json::json!("x".repeat(MAX_TEXT))), 0);
    }
}
