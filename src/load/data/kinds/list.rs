//! The data files that are lists of records (all but `output`): read from
//! YAML record by record or from a sheet of their layout, exported as that
//! sheet, and copied without the records the public edition leaves out.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{Contents, Data, Record};
use crate::diagnostics::Diagnostic;
use crate::load::data::DataFile;
use crate::load::data::files::Found;
use crate::load::data::read;
use crate::load::data::sheet::schema::Layout;
use crate::sheets::Sheet;

impl<R> Contents for Vec<R>
where
    R: Record + Serialize + DeserializeOwned + Clone + std::fmt::Debug + 'static,
{
    fn read(
        name: &'static str,
        layout: Option<&'static Layout>,
        found: Option<Found>,
        _: &Data,
        problems: &mut Vec<Diagnostic>,
    ) -> DataFile<Self> {
        read::list(name, layout, found, problems)
    }

    fn count(&self) -> usize {
        self.len()
    }

    fn sheets(&self, layout: Option<&'static Layout>, _: &Data) -> Vec<Sheet> {
        match layout {
            Some(layout) if !self.is_empty() => crate::export::list_sheets(layout, crate::export::json(self)),
            _ => Vec::new(),
        }
    }

    /// The records `keep` accepts, in a file without its text or cells
    /// (nothing is located in them after validation), so that no text of a
    /// record left out stays behind in memory.
    fn kept(file: &DataFile<Self>, keep: &dyn Fn(usize, &dyn Record) -> bool) -> DataFile<Self> {
        let records = file.records.iter().enumerate().filter(|(i, r)| keep(*i, *r));
        DataFile {
            path: file.path.clone(),
            text: String::new(),
            sheet: None,
            print: file.print,
            reading: file.reading.clone(),
            records: records.map(|(_, r)| r.clone()).collect(),
        }
    }

    fn each(&self, each: &mut dyn FnMut(usize, &dyn Record)) {
        for (index, record) in self.iter().enumerate() {
            each(index, record);
        }
    }
}
