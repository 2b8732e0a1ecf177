//! `problems`: the problem register (问题台账), one record per problem an
//! enterprise raised, with the units that handle it.

use super::{Called, Data, DataKind, Record};
use crate::diagnostics::Diagnostics;
use crate::load::data::sheet::schema::{Kind as Cell, Layout, column};
use crate::load::data::Problem;

/// What the file is read as.
pub(crate) type Records = Vec<Problem>;

pub(crate) struct Kind;

impl DataKind for Kind {
    const LAYOUT: Option<&'static Layout> = Some(&LAYOUT);
    const INTERNAL: bool = true;
    const CALLED: Called = Called {
        en: "problems",
        zh: "问题",
        one: "problem",
    };
    /// Every field of the layout, filled in some record.
    #[cfg(test)]
    const SAMPLE: &'static str = "- {id: p1, enterprise: tiande, raised: 2013-03-01, summary: 缺少测试场地，\"急\"。, key: true, units: [land, water], status: closed, closed: 2013-04-10}\n\
        - {id: p2, enterprise: haoshi, raised: 2013-04-01, summary: 增容, units: [land], status: extended, extended: 2013-04-20}\n\
        - {id: p3, enterprise: haoshi, raised: 2013-05-01, summary: 用水, units: [water], status: open, internal: true}\n";
    fn validate(data: &Data, problems: &mut Diagnostics) {
        crate::validate::data::check_problems(data, problems);
    }
}

impl Record for Problem {
    fn internal(&self) -> bool {
        self.internal
    }
    fn enterprise(&self) -> Option<&str> {
        Some(&self.enterprise)
    }
    fn named(&self) -> String {
        self.id.clone()
    }
}

pub(crate) const LAYOUT: Layout = Layout {
    file: "problems",
    sheet: "问题台账",
    columns: &[
        column("id", &["编号"], Cell::Id, true, 14.0),
        column("enterprise", &["企业"], Cell::Id, true, 14.0),
        column("raised", &["登记日期", "登记"], Cell::Date, true, 12.0),
        column("summary", &["问题", "问题内容"], Cell::Text, true, 40.0),
        column("key", &["重点"], Cell::Bool, false, 6.0),
        column("units", &["责任单位", "承办单位", "帮扶单位"], Cell::List, true, 24.0),
        column("status", &["状态", "办理状态"], Cell::ProblemStatus, true, 8.0),
        column("closed", &["销号日期", "销号"], Cell::Date, false, 12.0),
        column("extended", &["延期日期", "延期时间"], Cell::Date, false, 12.0),
        column("internal", &["内部", "内部资料"], Cell::Bool, false, 6.0),
    ],
    nested: None,
};
