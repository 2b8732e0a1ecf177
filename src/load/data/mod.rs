//! Loading `content/data/` into typed records. A data file is YAML, a
//! workbook or a CSV file ([`files`]); YAML keeps its text and a sheet the
//! cells of each record ([`place`]), so later stages can point at the line
//! or cell of a record or field.

pub(crate) mod charts;
pub(crate) mod fields;
pub(crate) mod files;
pub(crate) mod kinds;
pub(crate) mod locate;
mod long_text;
pub(crate) mod model;
pub(crate) mod place;
mod read;
pub(crate) mod reading;
pub(crate) mod sheet;

use std::collections::HashMap;
use std::path::Path;

use crate::diagnostics::Diagnostic;
pub(crate) use charts::{ChartDef, ChartType, Show};
pub(crate) use files::{FileStamp, Source, stamps};
pub(crate) use locate::Locator;
pub use model::*;
pub(crate) use place::{CellRef, SheetPlaces, Spot, Where};
pub(crate) use reading::{Lost, Reading};

pub use kinds::Data;

pub(crate) const DATA_DIR: &str = "content/data";

/// One data file: where it is, where its records were read from, and
/// its parsed contents.
#[derive(Debug, Clone, Default)]
pub struct DataFile<T> {
    /// Path relative to the site root.
    pub(crate) path: String,
    /// The YAML text (empty for a sheet).
    pub(crate) text: String,
    /// For a sheet: the cells of each record.
    pub(crate) sheet: Option<SheetPlaces>,
    /// A fingerprint of the file's content.
    pub(crate) print: u64,
    /// Whether the file is there, and what of it did not parse.
    pub(crate) reading: Reading,
    pub records: T,
}

impl<T> DataFile<T> {
    /// Where the records of a top-level list are.
    pub(crate) fn locator(&self) -> Where<'_> {
        match &self.sheet {
            Some(places) => Where::Sheet(places),
            None => Where::Text(Locator::list(&self.text).without(&self.reading.gaps)),
        }
    }

    /// Whether a file of this name is in `content/data/` (in any form).
    pub(crate) fn found(&self) -> bool {
        self.reading.found
    }

    /// Where the records of the list under `key` are (`periods:` of
    /// output.yaml; in a sheet, its rows).
    pub(crate) fn locator_under(&self, key: &str) -> Where<'_> {
        match &self.sheet {
            Some(places) => Where::Sheet(places),
            None => Where::Text(Locator::list_under(&self.text, key)),
        }
    }
}

/// Positions of records by id, so lookups do not scan.
#[derive(Debug, Clone, Default)]
pub(crate) struct Index {
    industries: HashMap<String, usize>,
    units: HashMap<String, usize>,
    enterprises: HashMap<String, usize>,
    projects: HashMap<String, usize>,
}

fn positions<'a>(ids: impl Iterator<Item = &'a String>) -> HashMap<String, usize> {
    let mut map = HashMap::new();
    for (i, id) in ids.enumerate() {
        map.entry(id.clone()).or_insert(i);
    }
    map
}

impl Data {
    /// How many records the list files hold, and periods `output` has.
    pub fn record_count(&self) -> usize {
        kinds::FILES.iter().map(|file| file.count(self)).sum()
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| Index {
            industries: positions(self.industries.records.iter().map(|r| &r.id)),
            units: positions(self.units.records.iter().map(|r| &r.id)),
            enterprises: positions(self.enterprises.records.iter().map(|r| &r.id)),
            projects: positions(self.projects.records.iter().map(|r| &r.id)),
        })
    }
    pub(crate) fn industry(&self, id: &str) -> Option<&Industry> {
        self.index().industries.get(id).map(|&i| &self.industries.records[i])
    }
    pub(crate) fn unit(&self, id: &str) -> Option<&Unit> {
        self.index().units.get(id).map(|&i| &self.units.records[i])
    }
    pub(crate) fn enterprise(&self, id: &str) -> Option<&Enterprise> {
        self.index().enterprises.get(id).map(|&i| &self.enterprises.records[i])
    }
    pub(crate) fn project(&self, id: &str) -> Option<&Project> {
        self.index().projects.get(id).map(|&i| &self.projects.records[i])
    }
}

/// Parses data from YAML texts (`None` for an absent file), in the order
/// of [`kinds::NAMES`]. This is the loader without the disk, for tests and
/// fuzzing.
pub fn parse(texts: [Option<String>; kinds::COUNT], problems: &mut Vec<Diagnostic>) -> Data {
    let mut names = kinds::NAMES.into_iter();
    let found = texts.map(|text| {
        let name = names.next().unwrap_or_default();
        text.map(|text| files::Found {
            path: format!("{DATA_DIR}/{name}.yaml"),
            source: Source::Yaml(text),
        })
    });
    parse_found(found, problems)
}

/// Parses the YAML texts of the data files named (`("problems", text)`),
/// the others absent.
#[cfg(test)]
pub(crate) fn parse_named(texts: &[(&str, &str)], problems: &mut Vec<Diagnostic>) -> Data {
    for (name, _) in texts {
        assert!(kinds::NAMES.contains(name), "no data file `{name}`");
    }
    let found = kinds::NAMES.map(|name| texts.iter().find(|(n, _)| *n == name).map(|(_, text)| text.to_string()));
    parse(found, problems)
}

/// The texts of `texts` that are not empty (an empty text stands for an
/// absent file), for [`parse_named`].
#[cfg(test)]
pub(crate) fn present<'a>(texts: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    texts.iter().copied().filter(|(_, text)| !text.is_empty()).collect()
}

/// Parses one data file `name` (`problems`) kept as a workbook (`xlsx`
/// true) or CSV file, the others absent: the sheet reader without the disk,
/// for fuzzing.
pub fn parse_sheet(name: &str, xlsx: bool, bytes: Vec<u8>, problems: &mut Vec<Diagnostic>) -> Data {
    let mut found: [Option<files::Found>; kinds::COUNT] = Default::default();
    if let Some(slot) = kinds::NAMES.iter().position(|n| *n == name) {
        let (extension, source) = if xlsx {
            ("xlsx", Source::Xlsx(bytes))
        } else {
            ("csv", Source::Csv(bytes))
        };
        found[slot] = Some(files::Found {
            path: format!("{DATA_DIR}/{name}.{extension}"),
            source,
        });
    }
    parse_found(found, problems)
}

/// Parses the data files found, whatever their form (in the order of
/// [`kinds::FILES`]): first those the others are read with (an output sheet
/// names the industries), then the rest side by side. Problems are
/// gathered in file order.
pub(crate) fn parse_found(found: [Option<files::Found>; kinds::COUNT], problems: &mut Vec<Diagnostic>) -> Data {
    use rayon::prelude::*;
    let mut data = Data::default();
    let mut jobs: Vec<(&dyn kinds::File, Option<files::Found>, Vec<Diagnostic>)> = kinds::FILES
        .into_iter()
        .zip(found)
        .map(|(file, found)| (file, found, Vec::new()))
        .collect();
    for (file, found, found_problems) in jobs.iter_mut().filter(|(file, ..)| file.read_first()) {
        let store = file.read(found.take(), &data, found_problems);
        store(&mut data);
    }
    let earlier = &data;
    let stores: Vec<kinds::Store> = jobs
        .par_iter_mut()
        .with_max_len(1)
        .filter(|(file, ..)| !file.read_first())
        .map(|(file, found, found_problems)| file.read(found.take(), earlier, found_problems))
        .collect();
    for store in stores {
        store(&mut data);
    }
    problems.extend(jobs.into_iter().flat_map(|(_, _, found_problems)| found_problems));
    data.print = {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        for file in kinds::FILES {
            (file.path(&data), file.print(&data)).hash(&mut hasher);
        }
        hasher.finish()
    };
    data
}

/// Loads every data file that exists under `root/content/data/`, with the
/// supervision `limits` of site.yaml.
pub(crate) fn load(root: &Path, limits: Limits, problems: &mut Vec<Diagnostic>) -> Data {
    Data {
        limits,
        ..load_files(root, problems)
    }
}

fn load_files(root: &Path, problems: &mut Vec<Diagnostic>) -> Data {
    let folder = root.join(DATA_DIR);
    if let Some(link) = crate::load::source::linked_part(root, &folder) {
        problems.push(crate::load::source::linked_folder(root, &link));
        return parse(Default::default(), problems);
    }
    let found = files::find(root, problems);
    parse_found(found, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn register(text: &str) -> (Data, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let data = parse_named(&[("problems", text)], &mut problems);
        (data, problems)
    }

    #[test]
    fn a_record_that_does_not_parse_is_noted_and_the_others_are_kept() {
        let (data, problems) = register(
            "- {id: p1, enterprise: a, raised: 2013-03-01, summary: x, units: [u], status: open}\n\
             - {id: p2, enterprise: a, raised: 2013-13-01, summary: y, units: [u], status: open}\n\
             - {id: p3, enterprise: b, raised: 2013-03-02, summary: z, units: [u], status: open}\n",
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        let file = &data.problems;
        assert!(file.found());
        assert_eq!(file.records.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["p1", "p3"]);
        assert!(file.reading.lost.covers("p2") && !file.reading.lost.covers("p3"));
        assert_eq!(file.reading.gaps, [1]);
        // The record after the gap is found at its own line.
        assert_eq!(file.locator().field(1, "enterprise").line, 3);
    }

    #[test]
    fn absent_unread_and_empty_files_are_told_apart() {
        let (data, _) = register("- {id: p1, enterprise: a\n");
        assert!(data.problems.found() && data.problems.reading.lost == Lost::All);
        let (data, problems) = register("# nothing yet\n");
        assert!(data.problems.found() && !data.problems.reading.lost.any());
        assert!(problems.iter().all(|p| !p.is_error()));
        assert!(!data.visits.found());
    }
}
