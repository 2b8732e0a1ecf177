//! `units`: the county's departments and towns (单位) that help
//! enterprises and handle problems.

use super::{Called, Data, DataKind, Record};
use crate::diagnostics::Diagnostics;
use crate::load::data::sheet::schema::{Kind as Cell, Layout, column};
use crate::load::data::Unit;

/// What the file is read as.
pub(crate) type Records = Vec<Unit>;

pub(crate) struct Kind;

impl DataKind for Kind {
    const LAYOUT: Option<&'static Layout> = Some(&LAYOUT);
    const INTERNAL: bool = false;
    const CALLED: Called = Called {
        en: "units",
        zh: "单位",
        one: "unit",
    };
    /// Every field of the layout, filled in some record.
    #[cfg(test)]
    const SAMPLE: &'static str = "- {id: water, name: 县水务局}\n- {id: land, name: 县国土资源局}\n";
    fn validate(data: &Data, problems: &mut Diagnostics) {
        crate::validate::data::check_units(data, problems);
    }
}

impl Record for Unit {
    fn named(&self) -> String {
        self.id.clone()
    }
}

pub(crate) const LAYOUT: Layout = Layout {
    file: "units",
    sheet: "单位",
    columns: &[
        column("id", &["编号"], Cell::Id, true, 16.0),
        column("name", &["名称", "单位名称"], Cell::Text, true, 24.0),
    ],
    nested: None,
};
