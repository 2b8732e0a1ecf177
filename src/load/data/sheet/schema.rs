//! The spreadsheet layout of each data file (DESIGN.md, "Data"): which
//! columns it has, what each holds, and the names a column may go by —
//! the field name or its Chinese label. The same layout reads a sheet and
//! writes one (`briefing data export`), so what is exported reads back.

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

const fn column(field: &'static str, labels: &'static [&'static str], kind: Kind, required: bool, width: f64) -> Column {
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

pub(crate) const INDUSTRIES: Layout = Layout {
    file: "industries",
    sheet: "产业",
    columns: &[
        column("id", &["编号"], Kind::Id, true, 14.0),
        column("name", &["名称", "产业名称"], Kind::Text, true, 16.0),
        column("description", &["说明", "简介"], Kind::Text, false, 40.0),
        column("color", &["颜色"], Kind::Text, false, 10.0),
    ],
};

pub(crate) const UNITS: Layout = Layout {
    file: "units",
    sheet: "单位",
    columns: &[
        column("id", &["编号"], Kind::Id, true, 16.0),
        column("name", &["名称", "单位名称"], Kind::Text, true, 24.0),
    ],
};

pub(crate) const ENTERPRISES: Layout = Layout {
    file: "enterprises",
    sheet: "企业",
    columns: &[
        column("id", &["编号"], Kind::Id, true, 16.0),
        column("name", &["名称", "企业名称"], Kind::Text, true, 20.0),
        column("industry", &["产业"], Kind::Id, true, 12.0),
        column("key", &["重点"], Kind::Bool, false, 6.0),
        column("leader", &["联系领导", "联系县领导"], Kind::Text, false, 16.0),
        column("lead_unit", &["牵头单位"], Kind::Id, true, 16.0),
        column("units", &["帮扶单位"], Kind::List, true, 36.0),
        column("contact", &["联系电话", "联系方式"], Kind::Text, false, 16.0),
        column("internal", &["内部", "内部资料"], Kind::Bool, false, 6.0),
    ],
};

pub(crate) const PROJECTS: Layout = Layout {
    file: "projects",
    sheet: "项目",
    columns: &[
        column("id", &["编号"], Kind::Id, true, 20.0),
        column("name", &["名称", "项目名称"], Kind::Text, true, 28.0),
        column("industry", &["产业"], Kind::Id, true, 12.0),
        column("enterprise", &["企业"], Kind::Id, false, 14.0),
        column("investment", &["投资", "计划投资"], Kind::Number, true, 12.0),
        column("location", &["地点"], Kind::Text, false, 16.0),
        column("internal", &["内部", "内部资料"], Kind::Bool, false, 6.0),
        // In a CSV file, or a workbook without a 进展 sheet, each row is
        // one update of its project.
        column("date", &["日期"], Kind::Date, false, 12.0),
        column("status", &["状态"], Kind::ProjectStatus, false, 8.0),
        column("note", &["备注"], Kind::Text, false, 40.0),
    ],
};

/// The columns of `projects` that hold an update rather than the project.
pub(crate) const UPDATE_FIELDS: [&str; 3] = ["date", "status", "note"];

/// The second sheet of `projects`: one row per dated step.
pub(crate) const UPDATES: Layout = Layout {
    file: "updates",
    sheet: "进展",
    columns: &[
        column("project", &["项目", "项目编号"], Kind::Id, true, 20.0),
        column("date", &["日期"], Kind::Date, true, 12.0),
        column("status", &["状态"], Kind::ProjectStatus, true, 8.0),
        column("note", &["备注", "说明"], Kind::Text, false, 40.0),
    ],
};

pub(crate) const PROBLEMS: Layout = Layout {
    file: "problems",
    sheet: "问题台账",
    columns: &[
        column("id", &["编号"], Kind::Id, true, 14.0),
        column("enterprise", &["企业"], Kind::Id, true, 14.0),
        column("raised", &["登记日期", "登记"], Kind::Date, true, 12.0),
        column("summary", &["问题", "问题内容"], Kind::Text, true, 40.0),
        column("key", &["重点"], Kind::Bool, false, 6.0),
        column("units", &["责任单位", "承办单位", "帮扶单位"], Kind::List, true, 24.0),
        column("status", &["状态", "办理状态"], Kind::ProblemStatus, true, 8.0),
        column("closed", &["销号日期", "销号"], Kind::Date, false, 12.0),
        column("extended", &["延期日期", "延期时间"], Kind::Date, false, 12.0),
        column("internal", &["内部", "内部资料"], Kind::Bool, false, 6.0),
    ],
};

pub(crate) const CHARTS: Layout = Layout {
    file: "charts",
    sheet: "图表",
    columns: &[
        column("id", &["编号"], Kind::Id, true, 20.0),
        column("title", &["标题"], Kind::Text, true, 24.0),
        column("type", &["类型"], Kind::Text, true, 10.0),
        column("measure", &["指标"], Kind::Text, true, 14.0),
        column("series", &["系列"], Kind::List, false, 24.0),
        column("show", &["显示"], Kind::Text, false, 8.0),
        column("from", &["起"], Kind::Period, false, 10.0),
        column("to", &["止"], Kind::Period, false, 10.0),
        column("caption", &["说明"], Kind::Text, false, 30.0),
        column("statuses", &["状态"], Kind::StatusList, false, 24.0),
    ],
};

pub(crate) const TALLIES: Layout = Layout {
    file: "tallies",
    sheet: "台账汇总",
    columns: &[
        column("period", &["期间"], Kind::Period, true, 10.0),
        column("problems.raised", &["问题登记", "收集问题"], Kind::Number, false, 10.0),
        column("problems.closed", &["问题销号", "解决问题"], Kind::Number, false, 10.0),
        column("problems.extended", &["问题延期"], Kind::Number, false, 10.0),
        column("problems.close_rate", &["问题销号率"], Kind::Number, false, 10.0),
        column("key_problems.raised", &["重点问题登记"], Kind::Number, false, 12.0),
        column("key_problems.closed", &["重点问题销号"], Kind::Number, false, 12.0),
        column("key_problems.extended", &["重点问题延期"], Kind::Number, false, 12.0),
        column("key_problems.close_rate", &["重点问题销号率"], Kind::Number, false, 12.0),
    ],
};

pub(crate) const VISITS: Layout = Layout {
    file: "visits",
    sheet: "入企帮扶",
    columns: &[
        column("date", &["日期", "入企日期"], Kind::Date, true, 12.0),
        column("enterprise", &["企业"], Kind::Id, true, 14.0),
        column("units", &["帮扶单位", "参加单位"], Kind::List, true, 30.0),
        column("leader", &["县领导参加", "领导参加"], Kind::Bool, false, 10.0),
        column("note", &["备注", "内容"], Kind::Text, false, 40.0),
        column("internal", &["内部", "内部资料"], Kind::Bool, false, 6.0),
    ],
};

pub(crate) const PLANS: Layout = Layout {
    file: "plans",
    sheet: "帮扶方案",
    columns: &[
        column("unit", &["单位", "帮扶单位"], Kind::Id, true, 16.0),
        column("enterprise", &["企业"], Kind::Id, true, 14.0),
        column("filed", &["报送日期", "日期"], Kind::Date, true, 12.0),
        column("internal", &["内部", "内部资料"], Kind::Bool, false, 6.0),
    ],
};

/// The layouts of the files that are lists of records.
pub(crate) const LISTS: [&Layout; 9] = [
    &INDUSTRIES,
    &UNITS,
    &ENTERPRISES,
    &PROJECTS,
    &PROBLEMS,
    &CHARTS,
    &TALLIES,
    &VISITS,
    &PLANS,
];

/// The layout of the list file `file` (`problems`).
pub(crate) fn list_layout(file: &str) -> Option<&'static Layout> {
    LISTS.into_iter().find(|l| l.file == file)
}

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
        for layout in LISTS.into_iter().chain([&UPDATES]) {
            let mut seen = std::collections::BTreeSet::new();
            for column in layout.columns {
                for name in names_of(column) {
                    assert!(seen.insert(normalise(name)), "{}: `{name}` twice", layout.file);
                }
            }
        }
    }
}
