//! `tallies`: counts of problems an office states for a period, instead of
//! (or besides) keeping every record.

use super::{Called, Data, DataKind, Record};
use crate::diagnostics::Diagnostics;
use crate::load::data::sheet::schema::{Kind as Cell, Layout, column};
use crate::load::data::Tally;

/// What the file is read as.
pub(crate) type Records = Vec<Tally>;

pub(crate) struct Kind;

impl DataKind for Kind {
    const LAYOUT: Option<&'static Layout> = Some(&LAYOUT);
    const INTERNAL: bool = false;
    const CALLED: Called = Called {
        en: "tallies",
        zh: "台账汇总",
        one: "tally",
    };
    /// Every field of the layout, filled in some record.
    #[cfg(test)]
    const SAMPLE: &'static str = "- {period: \"2013-06\", problems: {raised: 475, closed: 328, extended: 12, close_rate: 69}, key_problems: {raised: 40, closed: 30, extended: 2, close_rate: 75}}\n- {period: \"2013-03\", problems: {raised: 100, closed: 50}}\n";
    fn validate(data: &Data, problems: &mut Diagnostics) {
        crate::validate::figures::check_tallies(data, problems);
    }
}

impl Record for Tally {
    fn named(&self) -> String {
        self.period.to_string()
    }
}

pub(crate) const LAYOUT: Layout = Layout {
    file: "tallies",
    sheet: "台账汇总",
    columns: &[
        column("period", &["期间"], Cell::Period, true, 10.0),
        column("problems.raised", &["问题登记", "收集问题"], Cell::Number, false, 10.0),
        column("problems.closed", &["问题销号", "解决问题"], Cell::Number, false, 10.0),
        column("problems.extended", &["问题延期"], Cell::Number, false, 10.0),
        column("problems.close_rate", &["问题销号率"], Cell::Number, false, 10.0),
        column("key_problems.raised", &["重点问题登记"], Cell::Number, false, 12.0),
        column("key_problems.closed", &["重点问题销号"], Cell::Number, false, 12.0),
        column("key_problems.extended", &["重点问题延期"], Cell::Number, false, 12.0),
        column("key_problems.close_rate", &["重点问题销号率"], Cell::Number, false, 12.0),
    ],
    nested: None,
};
