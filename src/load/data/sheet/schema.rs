//! What a data file's spreadsheet layout says (DESIGN.md, "Data"): which
//! columns it has, what each holds, and the names a column may go by —
//! the field name or its Chinese label, compared loosely. Each data file
//! declares its layout in its module of `load::data::kinds`; the sheets of
//! `output` are described here. The same layout reads a sheet and writes
//! one (`briefing data export`), so what is exported reads back.

/// What a column holds, and so how its cells are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Text,
    /// A record id, or a list of ids when `List`.
    Id,
    Number,
    /// 是/否, true/false, 1/0.
    Bool,
    /// An Excel date, or `YYYY-MM-DD` (also `2013/7/20`, `2013年7月20日`).
    Date,
    /// `YYYY-MM` (also a date, `2013年6月`, `2013年1-6月`).
    Period,
    /// Ids or words separated by `、`, `,` or `，`.
    List,
    /// A project's status, in English or Chinese (前期/在建/建成/投产).
    ProjectStatus,
    /// A problem's status (在办/已销号/延期, also 办理中/销号).
    ProblemStatus,
    /// A list of project statuses.
    StatusList,
}

/// One column of a layout.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Column {
    /// The field of the record (`lead_unit`); `a.b` for a nested one.
    pub(crate) field: &'static str,
    /// Chinese labels it may be headed with, the first being the one
    /// written on export.
    pub(crate) labels: &'static [&'static str],
    pub(crate) kind: Kind,
    pub(crate) required: bool,
    /// Width on export, in characters.
    pub(crate) width: f64,
}

pub(crate) const fn column(field: &'static str, labels: &'static [&'static str], kind: Kind, required: bool, width: f64) -> Column {
    Column {
        field,
        labels,
        kind,
        required,
        width,
    }
}

/// The sheet of one data file.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Layout {
    /// The file's name without its extension (`problems`).
    pub(crate) file: &'static str,
    /// The sheet's name on export; a sheet may also be named as the file.
    pub(crate) sheet: &'static str,
    pub(crate) columns: &'static [Column],
    /// A list each record holds, kept on a sheet of its own (a project's
    /// updates).
    pub(crate) nested: Option<&'static Nested>,
}

/// A list each record of a layout holds (a project's `updates`): on a sheet
/// of its own, one row per item naming its record by id; or — in a CSV
/// file, or a workbook without that sheet — in the record's own sheet, one
/// row per item, the record named on its first row.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Nested {
    /// The field of the record that holds the list (`updates`).
    pub(crate) field: &'static str,
    /// The column of the list's sheet that names the record (`project`).
    pub(crate) parent: &'static str,
    /// The list's sheet (`进展`); its columns but `parent` are columns of
    /// the record's layout too.
    pub(crate) layout: &'static Layout,
}

impl Nested {
    /// The fields of an item (`date`, `status`, `note`).
    pub(crate) fn fields(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.layout.columns.iter().map(|c| c.field).filter(|f| *f != self.parent)
    }
}

impl Layout {
    /// The column headed `header`: the field name, a label or a synonym
    /// ([`SYNONYMS`]), compared as [`normalise`] makes them (no spaces or
    /// zero-width characters, full-width punctuation as ASCII, case and a
    /// unit in brackets ignored: `投资（万元）`, `内部？`).
    pub(crate) fn column(&self, header: &str) -> Option<&'static Column> {
        let wanted = normalise(header);
        if wanted.is_empty() {
            return None;
        }
        self.columns.iter().find(|c| names_of(c).any(|name| normalise(name) == wanted))
    }

    /// Whether the layout has the field `field`.
    pub(crate) fn has(&self, field: &str) -> bool {
        self.columns.iter().any(|c| c.field == field)
    }
}

/// Every name a column may be headed with: its field, labels and synonyms.
fn names_of(column: &Column) -> impl Iterator<Item = &'static str> {
    let synonyms = SYNONYMS
        .iter()
        .filter(|(field, _)| *field == column.field)
        .flat_map(|(_, names)| names.iter().copied());
    std::iter::once(column.field).chain(column.labels.iter().copied()).chain(synonyms)
}

/// Other names offices give a column, by field, beyond its labels: read,
/// never written (export writes the first label). One table, so that it
/// can grow; a name here must not be a name of another column of a layout
/// with the field (a test checks).
pub(crate) const SYNONYMS: &[(&str, &[&str])] = &[(
    "internal",
    &[
        "是否内部",
        "是否内部资料",
        "内部标记",
        "仅限内部",
        "仅内部",
        "内部使用",
        "不公开",
        "不予公开",
    ],
)];

/// Words that make a header look like a mark of confidentiality: such a
/// column that is not the 内部 column is an error, never a column left
/// unread while its rows are published.
const CONFIDENTIAL: &[&str] = &[
    "内部",
    "公开",
    "保密",
    "密级",
    "秘密",
    "机密",
    "绝密",
    "涉密",
    "敏感",
    "内参",
    "不宜",
    "internal",
    "confidential",
    "secret",
    "private",
    "public",
    "restricted",
    "classified",
];

/// Whether `header` looks like a mark of confidentiality.
pub(crate) fn looks_confidential(header: &str) -> bool {
    let plain = normalise(header);
    CONFIDENTIAL.iter().any(|word| plain.contains(word))
}

/// A header as compared: no spaces or invisible characters, full-width
/// letters, digits and punctuation as ASCII (`？` as `?`), lower case, no
/// bracketed unit, and no `?`, `:`, `*`, `.` or `!` around it.
pub(crate) fn normalise(header: &str) -> String {
    let plain: String = header
        .chars()
        .filter_map(|c| match c {
            // Zero-width space, non-joiner and joiner, word joiner, byte
            // order mark, soft hyphen.
            '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{00ad}' => None,
            // Full-width forms of ASCII.
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0),
            c if c.is_whitespace() => None,
            c => Some(c),
        })
        .collect();
    let cut = plain.find('(').unwrap_or(plain.len());
    plain[..cut]
        .trim_matches(|c: char| matches!(c, '?' | ':' | '*' | '.' | '!' | '。'))
        .chars()
        .flat_map(char::to_lowercase)
        .collect()
}

/// Headers that are never data (a row number).
pub(crate) const IGNORED: &[&str] = &["序号", "行号", "no", "no."];

/// Names of the sheets of `output` and the measure each holds.
pub(crate) const OUTPUT_SHEETS: [(&str, &str); 2] = [("gross_output", "规模工业总产值"), ("value_added", "工业增加值")];

/// The header of the period column of `output`.
pub(crate) const PERIOD_LABELS: &[&str] = &["期间", "period", "时期"];

/// Headers of the county's total in `output`.
pub(crate) const TOTAL_LABELS: &[&str] = &["合计", "total", "全县", "总计"];

/// The suffix of a growth column in `output` (`食品加工 同比`).
pub(crate) const GROWTH_SUFFIXES: &[&str] = &["同比", "增速", "yoy"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::data::kinds::{FILES, problems::LAYOUT as PROBLEMS, projects::LAYOUT as PROJECTS};

    #[test]
    fn columns_are_found_by_field_or_label() {
        assert_eq!(PROBLEMS.column("summary").map(|c| c.field), Some("summary"));
        assert_eq!(PROBLEMS.column("问题").map(|c| c.field), Some("summary"));
        assert_eq!(PROBLEMS.column(" 登记日期 ").map(|c| c.field), Some("raised"));
        assert_eq!(PROJECTS.column("投资（万元）").map(|c| c.field), Some("investment"));
        assert_eq!(PROJECTS.column("Investment (万元)").map(|c| c.field), Some("investment"));
        assert!(PROBLEMS.column("序号").is_none());
    }

    #[test]
    fn headers_are_compared_without_invisible_characters_or_full_width_punctuation() {
        for header in [
            "内部",
            "内部？",
            "内部?",
            " 内部 ",
            "内\u{200b}部",
            "\u{feff}内部",
            "是否内部",
            "是否内部资料",
            "内部标记",
            "不公开",
            "Internal",
            "内部：",
            "内部资料（是/否）",
        ] {
            assert_eq!(PROBLEMS.column(header).map(|c| c.field), Some("internal"), "{header}");
        }
        assert_eq!(PROBLEMS.column("编号＊").map(|c| c.field), Some("id"));
        assert_eq!(PROBLEMS.column("ｉｄ").map(|c| c.field), Some("id"));
        assert!(PROBLEMS.column("\u{200b}").is_none());
        for header in ["密级", "是否公开", "公开", "保密", "内部编号", "Confidential", "涉密情况"] {
            assert!(PROBLEMS.column(header).is_none_or(|c| c.field != "internal"), "{header}");
            assert!(looks_confidential(header), "{header}");
        }
        for header in ["备注", "联系电话", "序号", "地点"] {
            assert!(!looks_confidential(header), "{header}");
        }
    }

    #[test]
    fn labels_are_unique_within_a_layout() {
        let layouts = FILES.iter().filter_map(|f| f.layout());
        for layout in layouts.clone().chain(layouts.filter_map(|l| l.nested).map(|n| n.layout)) {
            let mut seen = std::collections::BTreeSet::new();
            for column in layout.columns {
                for name in names_of(column) {
                    assert!(seen.insert(normalise(name)), "{}: `{name}` twice", layout.file);
                }
            }
        }
    }
}
