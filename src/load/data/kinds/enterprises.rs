//! `enterprises`: the enterprises helped (企业), each with its industry, lead
//! unit and helping units.

use super::{Called, Data, DataKind, Record};
use crate::diagnostics::Diagnostics;
use crate::load::data::sheet::schema::{Kind as Cell, Layout, column};
use crate::load::data::Enterprise;

/// What the file is read as.
pub(crate) type Records = Vec<Enterprise>;

pub(crate) struct Kind;

impl DataKind for Kind {
    const LAYOUT: Option<&'static Layout> = Some(&LAYOUT);
    const INTERNAL: bool = true;
    const CALLED: Called = Called {
        en: "enterprises",
        zh: "企业",
        one: "enterprise",
    };
    /// Every field of the layout, filled in some record.
    #[cfg(test)]
    const SAMPLE: &'static str = "- {id: tiande, name: 天德机械, industry: machinery, key: true, leader: 县委副书记, lead_unit: water, units: [water, land], contact: 0730-0000001}\n\
        - {id: haoshi, name: 好食工贸, industry: food, lead_unit: land, units: [land], internal: true}\n";
    fn validate(data: &Data, problems: &mut Diagnostics) {
        crate::validate::data::check_enterprises(data, problems);
    }
}

impl Record for Enterprise {
    fn internal(&self) -> bool {
        self.internal
    }
    fn named(&self) -> String {
        self.id.clone()
    }
}

pub(crate) const LAYOUT: Layout = Layout {
    file: "enterprises",
    sheet: "企业",
    columns: &[
        column("id", &["编号"], Cell::Id, true, 16.0),
        column("name", &["名称", "企业名称"], Cell::Text, true, 20.0),
        column("industry", &["产业"], Cell::Id, true, 12.0),
        column("key", &["重点"], Cell::Bool, false, 6.0),
        column("leader", &["联系领导", "联系县领导"], Cell::Text, false, 16.0),
        column("lead_unit", &["牵头单位"], Cell::Id, true, 16.0),
        column("units", &["帮扶单位"], Cell::List, true, 36.0),
        column("contact", &["联系电话", "联系方式"], Cell::Text, false, 16.0),
        column("internal", &["内部", "内部资料"], Cell::Bool, false, 6.0),
    ],
    nested: None,
};
