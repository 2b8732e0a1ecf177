//! `visits`: the log of visits to enterprises (入企帮扶).

use super::{Called, Data, DataKind, Record};
use crate::diagnostics::Diagnostics;
use crate::load::data::sheet::schema::{Kind as Cell, Layout, column};
use crate::load::data::Visit;

/// What the file is read as.
pub(crate) type Records = Vec<Visit>;

pub(crate) struct Kind;

impl DataKind for Kind {
    const LAYOUT: Option<&'static Layout> = Some(&LAYOUT);
    const INTERNAL: bool = true;
    const CALLED: Called = Called {
        en: "visits",
        zh: "入企帮扶",
        one: "visit",
    };
    /// Every field of the layout, filled in some record.
    #[cfg(test)]
    const SAMPLE: &'static str = "- {date: 2013-04-10, enterprise: tiande, units: [water, land], leader: true, note: 现场办公。}\n- {date: 2013-05-02, enterprise: haoshi, units: [land], internal: true}\n";
    fn validate(data: &Data, problems: &mut Diagnostics) {
        crate::validate::data::check_visits(data, problems);
    }
}

impl Record for Visit {
    fn internal(&self) -> bool {
        self.internal
    }
    fn enterprise(&self) -> Option<&str> {
        Some(&self.enterprise)
    }
    fn named(&self) -> String {
        format!("the visit to `{}` on {}", self.enterprise, self.date)
    }
}

pub(crate) const LAYOUT: Layout = Layout {
    file: "visits",
    sheet: "入企帮扶",
    columns: &[
        column("date", &["日期", "入企日期"], Cell::Date, true, 12.0),
        column("enterprise", &["企业"], Cell::Id, true, 14.0),
        column("units", &["帮扶单位", "参加单位"], Cell::List, true, 30.0),
        column("leader", &["县领导参加", "领导参加"], Cell::Bool, false, 10.0),
        column("note", &["备注", "内容"], Cell::Text, false, 40.0),
        column("internal", &["内部", "内部资料"], Cell::Bool, false, 6.0),
    ],
    nested: None,
};
