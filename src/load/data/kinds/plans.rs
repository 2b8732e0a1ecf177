//! `plans`: the assistance plans (帮扶方案) units filed for enterprises.

use super::{Called, Data, DataKind, Record};
use crate::diagnostics::Diagnostics;
use crate::load::data::sheet::schema::{Kind as Cell, Layout, column};
use crate::load::data::Plan;

/// What the file is read as.
pub(crate) type Records = Vec<Plan>;

pub(crate) struct Kind;

impl DataKind for Kind {
    const LAYOUT: Option<&'static Layout> = Some(&LAYOUT);
    const INTERNAL: bool = true;
    const CALLED: Called = Called {
        en: "plans",
        zh: "帮扶方案",
        one: "plan",
    };
    /// Every field of the layout, filled in some record.
    #[cfg(test)]
    const SAMPLE: &'static str = "- {unit: water, enterprise: tiande, filed: 2013-03-20}\n- {unit: land, enterprise: haoshi, filed: 2013-04-01, internal: true}\n";
    fn validate(data: &Data, problems: &mut Diagnostics) {
        crate::validate::data::check_plans(data, problems);
    }
}

impl Record for Plan {
    fn internal(&self) -> bool {
        self.internal
    }
    fn enterprise(&self) -> Option<&str> {
        Some(&self.enterprise)
    }
    fn named(&self) -> String {
        format!("the plan of `{}` for `{}`", self.unit, self.enterprise)
    }
}

pub(crate) const LAYOUT: Layout = Layout {
    file: "plans",
    sheet: "帮扶方案",
    columns: &[
        column("unit", &["单位", "帮扶单位"], Cell::Id, true, 16.0),
        column("enterprise", &["企业"], Cell::Id, true, 14.0),
        column("filed", &["报送日期", "日期"], Cell::Date, true, 12.0),
        column("internal", &["内部", "内部资料"], Cell::Bool, false, 6.0),
    ],
    nested: None,
};
