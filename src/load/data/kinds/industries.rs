//! `industries`: the industries (产业) that enterprises, projects, output
//! figures and charts belong to.

use super::{Called, Data, DataKind, Record};
use crate::diagnostics::Diagnostics;
use crate::load::data::sheet::schema::{Kind as Cell, Layout, column};
use crate::load::data::Industry;

/// What the file is read as.
pub(crate) type Records = Vec<Industry>;

pub(crate) struct Kind;

impl DataKind for Kind {
    const LAYOUT: Option<&'static Layout> = Some(&LAYOUT);
    const INTERNAL: bool = false;
    const CALLED: Called = Called {
        en: "industries",
        zh: "产业",
        one: "industry",
    };
    const READ_FIRST: bool = true;
    /// Every field of the layout, filled in some record.
    #[cfg(test)]
    const SAMPLE: &'static str = "- {id: machinery, name: 机电轻工, description: 装备制造。, color: \"#2b6cb0\"}\n- {id: food, name: 食品加工}\n";
    fn validate(data: &Data, problems: &mut Diagnostics) {
        crate::validate::data::check_industries(data, problems);
    }
}

impl Record for Industry {
    fn named(&self) -> String {
        self.id.clone()
    }
}

pub(crate) const LAYOUT: Layout = Layout {
    file: "industries",
    sheet: "产业",
    columns: &[
        column("id", &["编号"], Cell::Id, true, 14.0),
        column("name", &["名称", "产业名称"], Cell::Text, true, 16.0),
        column("description", &["说明", "简介"], Cell::Text, false, 40.0),
        column("color", &["颜色"], Cell::Text, false, 10.0),
    ],
    nested: None,
};
