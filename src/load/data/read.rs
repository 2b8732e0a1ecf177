//! Reading one data file in any form: YAML (a list parsed record by
//! record when the whole does not parse), or a workbook or CSV file read
//! with its sheet layout; an absent file and one that could not be read
//! told apart from an empty one.

use serde::de::DeserializeOwned;

use super::files::{Found, Source};
use super::long_text;
use super::place::{self, SheetPlaces, Spot};
use super::reading::{Lost, Reading};
use super::sheet::{self, schema::Layout};
use super::{DATA_DIR, DataFile, Locator};
use crate::diagnostics::Diagnostic;
use crate::yaml::{self, YamlSource};

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
pub(super) fn absent<T: Default>(path: String) -> DataFile<T> {
    DataFile {
        path,
        ..DataFile::default()
    }
}

/// The YAML `text` of data file `path` parsed as `T`.
pub(super) fn yaml<T: DeserializeOwned + Default>(path: String, mut text: String, problems: &mut Vec<Diagnostic>) -> DataFile<T> {
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
    let file: DataFile<Vec<R>> = yaml(path, text, &mut whole);
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
pub(super) fn tables_of(path: &str, source: &Source, problems: &mut Vec<Diagnostic>) -> Option<Vec<crate::sheets::Table>> {
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

pub(super) fn source_print(source: &Source) -> u64 {
    match source {
        Source::Yaml(text) => print_of(text.as_bytes()),
        Source::Xlsx(bytes) | Source::Csv(bytes) => print_of(bytes),
        Source::Unread => 0,
    }
}

/// A data file read from a sheet: its records, the cells they came from
/// and what was lost.
pub(super) fn from_sheet<T>(path: String, print: u64, (records, places, lost): (T, SheetPlaces, Lost)) -> DataFile<T> {
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
pub(super) fn unread<T: Default>(path: String) -> DataFile<T> {
    DataFile {
        path,
        reading: Reading::unread(),
        ..DataFile::default()
    }
}

/// Reads the list file `name` found in any form (`None`: absent), a
/// sheet with `layout`.
pub(super) fn list<R: DeserializeOwned + serde::Serialize>(
    name: &str,
    layout: Option<&'static Layout>,
    found: Option<Found>,
    problems: &mut Vec<Diagnostic>,
) -> DataFile<Vec<R>> {
    let Some(Found { path, source }) = found else {
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
            let Some(layout) = layout else {
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
