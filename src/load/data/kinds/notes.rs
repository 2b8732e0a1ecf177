//! `notes` (纪要), compiled in unit tests only: a data file declared the
//! way a new one is — its record type, its sheet with Chinese headers,
//! records that can be internal, its checks — in this one file and one
//! line of the registry, so that `tests.rs` can show every consumer of the
//! list taking it.

use serde::{Deserialize, Serialize};

use super::{Called, Data, DataKind, Record};
use crate::calendar::Date;
use crate::diagnostics::Diagnostics;
use crate::load::data::sheet::schema::{Kind as Cell, Layout, column};
use crate::validate::data::{check_ids, ids};

/// A note of a meeting about an enterprise.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Note {
    pub(crate) id: String,
    pub(crate) enterprise: String,
    pub(crate) date: Date,
    pub(crate) text: String,
    /// Only in the internal edition.
    #[serde(default)]
    pub(crate) internal: bool,
}

/// What the file is read as.
pub(crate) type Records = Vec<Note>;

pub(crate) struct Kind;

impl DataKind for Kind {
    const LAYOUT: Option<&'static Layout> = Some(&LAYOUT);
    const INTERNAL: bool = true;
    const CALLED: Called = Called {
        en: "notes",
        zh: "纪要",
        one: "note",
    };
    #[cfg(test)]
    const SAMPLE: &'static str = "- {id: n1, enterprise: tiande, date: 2013-05-02, text: 现场办公。}\n\
        - {id: n2, enterprise: haoshi, date: 2013-06-01, text: 内部讨论。, internal: true}\n";
    fn validate(data: &Data, problems: &mut Diagnostics) {
        check_ids(&data.notes, |n| &n.id, problems);
        let enterprises = ids(&data.enterprises, |r| &r.id, "enterprise", "enterprises.yaml");
        let locator = data.notes.locator();
        for (index, note) in data.notes.records.iter().enumerate() {
            enterprises.check(&data.notes.path, &note.enterprise, || locator.field(index, "enterprise"), problems);
        }
    }
}

impl Record for Note {
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
    file: "notes",
    sheet: "纪要",
    columns: &[
        column("id", &["编号"], Cell::Id, true, 14.0),
        column("enterprise", &["企业"], Cell::Id, true, 14.0),
        column("date", &["日期"], Cell::Date, true, 12.0),
        column("text", &["内容", "纪要"], Cell::Text, true, 40.0),
        column("internal", &["内部", "内部资料"], Cell::Bool, false, 6.0),
    ],
    nested: None,
};
