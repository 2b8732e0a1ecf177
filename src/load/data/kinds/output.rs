//! `output`: the output figures by period (产值), year to date, in total and
//! by industry. Not a list of records: one document, whose sheets
//! (`sheet::read_output`, one per measure) name the industries, so it is
//! read after them.

use super::{Called, Contents, Data, DataKind, Record};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::data::files::{Found, Source};
use crate::load::data::read::{absent, from_sheet, source_print, tables_of, unread, yaml};
use crate::load::data::sheet::{self, schema::Layout};
use crate::load::data::{DATA_DIR, DataFile, Lost, Output};
use crate::sheets::Sheet;

/// What the file is read as.
pub(crate) type Records = Output;

pub(crate) struct Kind;

impl DataKind for Kind {
    const LAYOUT: Option<&'static Layout> = None;
    const INTERNAL: bool = false;
    const CALLED: Called = Called {
        en: "output figures",
        zh: "产值数据",
        one: "period",
    };
    /// Every field of the layout, filled in some record.
    #[cfg(test)]
    const SAMPLE: &'static str = "unit: 亿元\nperiods:\n\
        - {period: \"2012-06\", gross_output: {total: 50, food: 20, machinery: 25}, value_added: {total: 12.5, food: 5}}\n\
        - {period: \"2013-06\", gross_output: {total: 60.25, food: 25, machinery: 30}, value_added: {total: 15}, gross_output_yoy: {total: 21.5, food: 25}, value_added_yoy: {total: 20}}\n";
    fn validate(data: &Data, problems: &mut Diagnostics) {
        crate::validate::data::check_output(data, problems);
    }
}

impl Contents for Output {
    /// Output figures found in any form; a sheet names industries by name
    /// or id, so it is read knowing them.
    fn read(
        name: &'static str,
        _: Option<&'static Layout>,
        found: Option<Found>,
        earlier: &Data,
        problems: &mut Vec<Diagnostic>,
    ) -> DataFile<Output> {
        let Some(Found { path, source }) = found else {
            return absent(format!("{DATA_DIR}/{name}.yaml"));
        };
        let print = source_print(&source);
        match source {
            Source::Yaml(text) => yaml(path, text, problems),
            Source::Unread => unread(path),
            sheet => {
                let Some(tables) = tables_of(&path, &sheet, problems) else {
                    return unread(path);
                };
                let (records, places) = sheet::read_output(&path, &tables, &earlier.industries.records, problems);
                from_sheet(path, print, (records, places, Lost::Nothing))
            }
        }
    }

    fn count(&self) -> usize {
        self.periods.len()
    }

    fn sheets(&self, _: Option<&'static Layout>, data: &Data) -> Vec<Sheet> {
        match self.periods.is_empty() {
            true => Vec::new(),
            false => crate::export::output_sheets(self, &data.industries.records),
        }
    }

    fn kept(file: &DataFile<Output>, _: &dyn Fn(usize, &dyn Record) -> bool) -> DataFile<Output> {
        file.clone()
    }

    fn each(&self, _: &mut dyn FnMut(usize, &dyn Record)) {}
}
