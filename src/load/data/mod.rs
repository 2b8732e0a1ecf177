//! Loading `content/data/` into typed records. A data file is YAML, a
//! workbook or a CSV file ([`files`]); YAML keeps its text and a sheet the
//! cells of each record ([`place`]), so later stages can point at the line
//! or cell of a record or field.

pub(crate) mod charts;
pub(crate) mod fields;
pub(crate) mod files;
pub(crate) mod locate;
mod long_text;
pub(crate) mod model;
pub(crate) mod place;
pub(crate) mod reading;
pub(crate) mod sheet;

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use serde::de::DeserializeOwned;

use crate::diagnostics::Diagnostic;
use crate::yaml::{self, YamlSource};
pub(crate) use charts::{ChartDef, ChartType, Show};
pub(crate) use files::{FileStamp, Source, stamps};
pub(crate) use locate::Locator;
pub use model::*;
pub(crate) use place::{CellRef, SheetPlaces, Spot, Where};
pub(crate) use reading::{Lost, Reading};

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

/// All programme data of the site.
#[derive(Debug, Clone, Default)]
pub struct Data {
    pub industries: DataFile<Vec<Industry>>,
    pub(crate) units: DataFile<Vec<Unit>>,
    pub(crate) enterprises: DataFile<Vec<Enterprise>>,
    pub(crate) projects: DataFile<Vec<Project>>,
    pub(crate) problems: DataFile<Vec<Problem>>,
    pub output: DataFile<Output>,
    pub(crate) charts: DataFile<Vec<ChartDef>>,
    /// Stated counts, for offices that keep totals rather than records.
    pub(crate) tallies: DataFile<Vec<Tally>>,
    /// The log of visits to enterprises.
    pub(crate) visits: DataFile<Vec<Visit>>,
    /// Assistance plans filed.
    pub(crate) plans: DataFile<Vec<Plan>>,
    /// When problems are overdue (from site.yaml).
    pub(crate) limits: Limits,
    /// A fingerprint of the texts of every data file: what pages made from
    /// the data depend on.
    pub(crate) print: u64,
    /// Id → position lookups, built on first use (after loading).
    index: OnceLock<Index>,
}

/// Positions of records by id, so lookups do not scan.
#[derive(Debug, Clone, Default)]
struct Index {
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
        self.industries.records.len()
            + self.units.records.len()
            + self.enterprises.records.len()
            + self.projects.records.len()
            + self.problems.records.len()
            + self.charts.records.len()
            + self.tallies.records.len()
            + self.visits.records.len()
            + self.plans.records.len()
            + self.output.records.periods.len()
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

fn is_blank_yaml(text: &str) -> bool {
    text.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#') || t == "---"
    })
}

fn print_of(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

/// An empty data file at `path`.
fn absent<T: Default>(path: String) -> DataFile<T> {
    DataFile {
        path,
        ..DataFile::default()
    }
}

/// The YAML `text` of data file `path` parsed as `T`.
fn parse_yaml<T: DeserializeOwned + Default>(path: String, mut text: String, problems: &mut Vec<Diagnostic>) -> DataFile<T> {
    crate::load::clean::file(&path, &mut text, crate::load::clean::Form::Yaml, problems);
    let print = print_of(text.as_bytes());
    if is_blank_yaml(&text) {
        problems.push(Diagnostic::warning(&path, 1, 1, "the data file is empty").with_hint("add records, or delete the file"));
        return DataFile {
            path,
            text,
            print,
            reading: Reading::found(),
            ..DataFile::default()
        };
    }
    let mut reading = Reading::found();
    let records = yaml::parse(&YamlSource {
        path: &path,
        text: &text,
        first_line: 1,
    })
    .unwrap_or_else(|problem| {
        problems.push(problem);
        reading = Reading::unread();
        T::default()
    });
    DataFile {
        path,
        text,
        sheet: None,
        print,
        reading,
        records,
    }
}

/// The YAML text of a list file parsed; when the whole file does not
/// parse, each record is parsed alone, so every bad record of the file is
/// reported in one run (and the good ones are kept). A line that belongs
/// to no record is an error at that line, and when no record shows what
/// failed, the error of the whole file stands: the file failed, so the
/// run fails, never with part of the file read.
fn parse_yaml_list<R: DeserializeOwned>(path: String, text: String, problems: &mut Vec<Diagnostic>) -> DataFile<Vec<R>> {
    let mut whole = Vec::new();
    let file: DataFile<Vec<R>> = parse_yaml(path, text, &mut whole);
    if whole.iter().all(|d| !d.is_error()) {
        problems.extend(whole);
        return file;
    }
    let locator = Locator::list(&file.text);
    let chunks = locator.chunks();
    if chunks.len() < 2 {
        problems.extend(whole);
        return file;
    }
    let mut records = Vec::new();
    let mut reading = Reading::found();
    let mut found = Vec::new();
    for (item, (first_line, chunk)) in chunks.into_iter().enumerate() {
        let source = YamlSource {
            path: &file.path,
            text: &chunk,
            first_line,
        };
        match yaml::parse::<Vec<R>>(&source) {
            Ok(parsed) => records.extend(parsed),
            Err(problem) => {
                found.push(problem);
                // What refers to it by id only repeats this error.
                reading.lost.add(locator.scalar(item, "id"));
                reading.gaps.push(item);
            }
        }
    }
    if let Some(line) = locator.stray_line() {
        found.push(match file.text.lines().nth(line - 1).is_some_and(yaml::is_document_marker) {
            true => yaml::second_document(&file.path, line),
            false => stray_line(&file.path, line),
        });
    }
    let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = whole.into_iter().partition(Diagnostic::is_error);
    problems.extend(warnings);
    problems.extend(if found.is_empty() { errors } else { found });
    DataFile { records, reading, ..file }
}

/// The error for line `line` of a list file, which belongs to no record.
fn stray_line(path: &str, line: usize) -> Diagnostic {
    Diagnostic::error(path, line, 1, "this line is outside every record of the list").with_hint(
        "indent it under the record above (as far as that record's other fields), start a new record with `- `, or make it a comment with `#`",
    )
}

/// The tables of a workbook or CSV file, or `None` when it cannot be read;
/// what was wrong reported at its cell or line.
fn tables_of(path: &str, source: &Source, problems: &mut Vec<Diagnostic>) -> Option<Vec<crate::sheets::Table>> {
    use crate::sheets::At;
    let book = match source {
        Source::Xlsx(bytes) => crate::sheets::read_xlsx(bytes),
        Source::Csv(bytes) => crate::sheets::read_csv(bytes).0,
        Source::Yaml(_) | Source::Unread => return Some(Vec::new()),
    };
    let readable = !book.problems.iter().any(|p| p.error);
    for problem in book.problems {
        let spot = match problem.at {
            At::File => Spot::text(0, 0),
            At::Cell { sheet, row, column } => Spot::cell(place::CellRef { sheet, row, column }),
            At::Line { line, column } => Spot::text(line, column),
        };
        let hint = problem.hint.unwrap_or_else(|| {
            match source {
                Source::Csv(_) => "save it from Excel or WPS as CSV (UTF-8), or keep it as .xlsx",
                _ => "open it in Excel or WPS and save it again as .xlsx",
            }
            .to_string()
        });
        let diagnostic = match problem.error {
            true => Diagnostic::error_at(path, spot, problem.message),
            false => Diagnostic::warning_at(path, spot, problem.message),
        };
        problems.push(diagnostic.with_hint(hint));
    }
    readable.then(|| {
        let mut tables = book.tables;
        crate::load::clean::tables(path, &mut tables, problems);
        tables
    })
}

fn source_print(source: &Source) -> u64 {
    match source {
        Source::Yaml(text) => print_of(text.as_bytes()),
        Source::Xlsx(bytes) | Source::Csv(bytes) => print_of(bytes),
        Source::Unread => 0,
    }
}

/// A data file read from a sheet: its records, the cells they came from
/// and what was lost.
fn from_sheet<T>(path: String, print: u64, (records, places, lost): (T, SheetPlaces, Lost)) -> DataFile<T> {
    DataFile {
        path,
        text: String::new(),
        sheet: Some(places),
        print,
        reading: Reading {
            found: true,
            lost,
            gaps: Vec::new(),
        },
        records,
    }
}

/// A data file that is there but could not be read (reported).
fn unread<T: Default>(path: String) -> DataFile<T> {
    DataFile {
        path,
        reading: Reading::unread(),
        ..DataFile::default()
    }
}

/// Parses a list data file found in any form.
fn parse_list<R: DeserializeOwned + serde::Serialize>(
    name: &str,
    found: Option<files::Found>,
    problems: &mut Vec<Diagnostic>,
) -> DataFile<Vec<R>> {
    let Some(files::Found { path, source }) = found else {
        return absent(format!("{DATA_DIR}/{name}.yaml"));
    };
    let print = source_print(&source);
    match source {
        Source::Yaml(text) => {
            let file = parse_yaml_list(path, text, problems);
            long_text::check(&file, problems);
            file
        }
        Source::Unread => unread(path),
        sheet => {
            let Some(layout) = sheet::schema::list_layout(name) else {
                problems.push(
                    Diagnostic::error(&path, 0, 0, format!("`{name}` cannot be kept as a sheet"))
                        .with_hint(format!("keep it as `{name}.yaml`")),
                );
                return unread(path);
            };
            let Some(tables) = tables_of(&path, &sheet, problems) else {
                return unread(path);
            };
            let read = sheet::read_list(&path, &tables, layout, problems);
            from_sheet(path, print, read)
        }
    }
}

/// Parses output figures found in any form; a sheet names industries by
/// name or id, so it is read knowing them.
fn parse_output(found: Option<files::Found>, industries: &[Industry], problems: &mut Vec<Diagnostic>) -> DataFile<Output> {
    let Some(files::Found { path, source }) = found else {
        return absent(format!("{DATA_DIR}/output.yaml"));
    };
    let print = source_print(&source);
    match source {
        Source::Yaml(text) => parse_yaml(path, text, problems),
        Source::Unread => unread(path),
        sheet => {
            let Some(tables) = tables_of(&path, &sheet, problems) else {
                return unread(path);
            };
            let (records, places) = sheet::read_output(&path, &tables, industries, problems);
            from_sheet(path, print, (records, places, Lost::Nothing))
        }
    }
}

/// Parses data from YAML texts (`None` for an absent file), in the order
/// of [`files::NAMES`]. This is the loader without the disk, for tests and
/// fuzzing.
pub fn parse(texts: [Option<String>; files::COUNT], problems: &mut Vec<Diagnostic>) -> Data {
    let mut index = 0;
    let found = texts.map(|text| {
        let name = files::NAMES[index];
        index += 1;
        text.map(|text| files::Found {
            path: format!("{DATA_DIR}/{name}.yaml"),
            source: Source::Yaml(text),
        })
    });
    parse_found(found, problems)
}

/// Parses one data file `name` (`problems`) kept as a workbook (`xlsx`
/// true) or CSV file, the others absent: the sheet reader without the disk,
/// for fuzzing.
pub fn parse_sheet(name: &str, xlsx: bool, bytes: Vec<u8>, problems: &mut Vec<Diagnostic>) -> Data {
    let mut found: [Option<files::Found>; files::COUNT] = Default::default();
    if let Some(slot) = files::NAMES.iter().position(|n| *n == name) {
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

/// Parses the data files found, whatever their form.
pub(crate) fn parse_found(found: [Option<files::Found>; files::COUNT], problems: &mut Vec<Diagnostic>) -> Data {
    let [
        industries,
        units,
        enterprises,
        projects,
        register,
        output,
        charts,
        tallies,
        visits,
        plans,
    ] = found;
    // Industries first: an output sheet names them. The rest in parallel;
    // problems are gathered in file order.
    let mut found_problems: [Vec<Diagnostic>; files::COUNT] = Default::default();
    let [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9] = &mut found_problems;
    let industries: DataFile<Vec<Industry>> = parse_list("industries", industries, f0);
    let ((units, enterprises, visits, plans), ((projects, register), (output, (charts, tallies)))) = rayon::join(
        || {
            (
                parse_list("units", units, f1),
                parse_list("enterprises", enterprises, f2),
                parse_list("visits", visits, f8),
                parse_list("plans", plans, f9),
            )
        },
        || {
            rayon::join(
                || rayon::join(|| parse_list("projects", projects, f3), || parse_list("problems", register, f4)),
                || {
                    (
                        parse_output(output, &industries.records, f5),
                        (parse_list("charts", charts, f6), parse_list("tallies", tallies, f7)),
                    )
                },
            )
        },
    );
    problems.extend(found_problems.into_iter().flatten());
    let print = {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        for (path, print) in [
            (&industries.path, industries.print),
            (&units.path, units.print),
            (&enterprises.path, enterprises.print),
            (&projects.path, projects.print),
            (&register.path, register.print),
            (&output.path, output.print),
            (&charts.path, charts.print),
            (&tallies.path, tallies.print),
            (&visits.path, visits.print),
            (&plans.path, plans.print),
        ] {
            (path, print).hash(&mut hasher);
        }
        hasher.finish()
    };
    Data {
        print,
        industries,
        units,
        enterprises,
        projects,
        problems: register,
        output,
        charts,
        tallies,
        visits,
        plans,
        limits: Limits::default(),
        index: OnceLock::new(),
    }
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
        let mut texts: [Option<String>; files::COUNT] = Default::default();
        texts[4] = Some(text.to_string());
        let mut problems = Vec::new();
        let data = parse(texts, &mut problems);
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
