//! `charts`: the charts a site defines besides the built-in ones (typed in
//! `load::data::charts`, checked in `validate::charts`).

use super::{Called, Data, DataKind, Record};
use crate::diagnostics::Diagnostics;
use crate::load::data::sheet::schema::{Kind as Cell, Layout, column};
use crate::load::data::ChartDef;

/// What the file is read as.
pub(crate) type Records = Vec<ChartDef>;

pub(crate) struct Kind;

impl DataKind for Kind {
    const LAYOUT: Option<&'static Layout> = Some(&LAYOUT);
    const INTERNAL: bool = false;
    const CALLED: Called = Called {
        en: "charts",
        zh: "图表",
        one: "chart",
    };
    /// Every field of the layout, filled in some record.
    #[cfg(test)]
    const SAMPLE: &'static str = "- {id: c1, title: 产值, type: bar+line, measure: gross_output, series: [total, food], show: growth, from: \"2012-06\", to: \"2013-06\", caption: 单位：亿元}\n\
        - {id: c2, title: 项目, type: stacked, measure: projects, statuses: [planned, producing]}\n";
    fn validate(data: &Data, problems: &mut Diagnostics) {
        problems.extend(crate::validate::charts::validate(data));
    }
}

impl Record for ChartDef {
    fn named(&self) -> String {
        self.id.clone()
    }
}

pub(crate) const LAYOUT: Layout = Layout {
    file: "charts",
    sheet: "图表",
    columns: &[
        column("id", &["编号"], Cell::Id, true, 20.0),
        column("title", &["标题"], Cell::Text, true, 24.0),
        column("type", &["类型"], Cell::Text, true, 10.0),
        column("measure", &["指标"], Cell::Text, true, 14.0),
        column("series", &["系列"], Cell::List, false, 24.0),
        column("show", &["显示"], Cell::Text, false, 8.0),
        column("from", &["起"], Cell::Period, false, 10.0),
        column("to", &["止"], Cell::Period, false, 10.0),
        column("caption", &["说明"], Cell::Text, false, 30.0),
        column("statuses", &["状态"], Cell::StatusList, false, 24.0),
    ],
    nested: None,
};
