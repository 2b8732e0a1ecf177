//! `projects`: the investment projects (项目), each with its dated updates
//! — kept in a workbook on a second sheet 进展, or one row per update.

use super::{Called, Data, DataKind, Record};
use crate::diagnostics::Diagnostics;
use crate::load::data::Project;
use crate::load::data::sheet::schema::{Kind as Cell, Layout, Nested, column};

/// What the file is read as.
pub(crate) type Records = Vec<Project>;

pub(crate) struct Kind;

impl DataKind for Kind {
    const LAYOUT: Option<&'static Layout> = Some(&LAYOUT);
    const INTERNAL: bool = true;
    const CALLED: Called = Called {
        en: "projects",
        zh: "项目",
        one: "project",
    };
    /// Every field of the layout, filled in some record.
    #[cfg(test)]
    const SAMPLE: &'static str = "- id: vehicle\n  name: 整车项目\n  industry: machinery\n  enterprise: tiande\n  investment: 18000.5\n  location: 工业园\n  updates:\n    - {date: 2012-04-16, status: started, note: 开工。}\n    - {date: 2013-04-18, status: producing}\n\
        - {id: park, name: 食品园, industry: food, investment: 12000, updates: [{date: 2013-03-01, status: planned}], internal: true}\n";
    fn validate(data: &Data, problems: &mut Diagnostics) {
        crate::validate::data::check_projects(data, problems);
    }
}

impl Record for Project {
    fn internal(&self) -> bool {
        self.internal
    }
    fn enterprise(&self) -> Option<&str> {
        self.enterprise.as_deref()
    }
    fn named(&self) -> String {
        self.id.clone()
    }
}

pub(crate) const LAYOUT: Layout = Layout {
    file: "projects",
    sheet: "项目",
    columns: &[
        column("id", &["编号"], Cell::Id, true, 20.0),
        column("name", &["名称", "项目名称"], Cell::Text, true, 28.0),
        column("industry", &["产业"], Cell::Id, true, 12.0),
        column("enterprise", &["企业"], Cell::Id, false, 14.0),
        column("investment", &["投资", "计划投资"], Cell::Number, true, 12.0),
        column("location", &["地点"], Cell::Text, false, 16.0),
        column("internal", &["内部", "内部资料"], Cell::Bool, false, 6.0),
        // In a CSV file, or a workbook without a 进展 sheet, each row is
        // one update of its project.
        column("date", &["日期"], Cell::Date, false, 12.0),
        column("status", &["状态"], Cell::ProjectStatus, false, 8.0),
        column("note", &["备注"], Cell::Text, false, 40.0),
    ],
    nested: Some(&UPDATES),
};

/// A project's updates, on a sheet of their own or in the project's rows.
const UPDATES: Nested = Nested {
    field: "updates",
    parent: "project",
    layout: &UPDATES_SHEET,
};

/// The second sheet of `projects`: one row per dated step.
const UPDATES_SHEET: Layout = Layout {
    file: "updates",
    sheet: "进展",
    columns: &[
        column("project", &["项目", "项目编号"], Cell::Id, true, 20.0),
        column("date", &["日期"], Cell::Date, true, 12.0),
        column("status", &["状态"], Cell::ProjectStatus, true, 8.0),
        column("note", &["备注", "说明"], Cell::Text, false, 40.0),
    ],
    nested: None,
};
