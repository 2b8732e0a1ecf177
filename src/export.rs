//! `briefing data export DIR`: every data file of the site written as a
//! workbook `DIR/<name>.xlsx` in the spreadsheet layout the loader reads
//! (Chinese headers, statuses in Chinese, lists joined with `、`, dates as
//! dates; projects with their updates on a second sheet; output with a
//! sheet per measure), so that a workbook copied into `content/data/` in
//! place of the YAML reads back as the same data. DIR is resolved as the
//! operating system will resolve it (`content/data/zz/..` is
//! `content/data/`) and must be new or empty: nothing is overwritten, and
//! no workbook lands among files it did not make.

use std::path::{Path, PathBuf};

use crate::calendar::Date;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::data::sheet::schema::{Column, Kind, Layout, OUTPUT_SHEETS};
use crate::load::data::{Data, Industry, Measure, Output, ProblemStatus, Status, kinds};
use crate::sheets::{Sheet, Value, xlsx_bytes};

/// The header of a column as exported: its first Chinese label, with the
/// unit where the field has one.
fn header(column: &Column) -> String {
    let label = column.labels.first().copied().unwrap_or(column.field);
    match column.field {
        "investment" => format!("{label}（万元）"),
        _ => label.to_string(),
    }
}

fn project_status(status: Status) -> &'static str {
    match status {
        Status::Planned => "前期",
        Status::Started => "在建",
        Status::Built => "建成",
        Status::Producing => "投产",
    }
}

fn problem_status(status: ProblemStatus) -> &'static str {
    match status {
        ProblemStatus::Open => "在办",
        ProblemStatus::Closed => "已销号",
        ProblemStatus::Extended => "延期",
    }
}

/// A sheet of `layout` with `columns` of it, one row per record given as a
/// JSON object (the record serialised by its fields).
fn sheet_of(layout: &Layout, columns: &[&Column], records: Vec<serde_json::Value>) -> Sheet {
    let rows = records
        .iter()
        .map(|record| columns.iter().map(|column| value_of(record, column)).collect())
        .collect();
    Sheet {
        name: layout.sheet.to_string(),
        headers: columns.iter().map(|c| header(c)).collect(),
        widths: columns.iter().map(|c| c.width).collect(),
        rows,
    }
}

/// The cell of `column` for `record`.
fn value_of(record: &serde_json::Value, column: &Column) -> Value {
    let value = column.field.split('.').try_fold(record, |value, key| value.get(key));
    let Some(value) = value.filter(|v| !v.is_null()) else {
        return Value::Empty;
    };
    match (column.kind, value) {
        (Kind::Bool, serde_json::Value::Bool(true)) => Value::Text("是".to_string()),
        (Kind::Bool, _) => Value::Empty,
        (Kind::Number, v) => v.as_f64().map_or(Value::Empty, Value::Number),
        (Kind::Date, serde_json::Value::String(text)) => text.parse::<Date>().map_or_else(|_| Value::Text(text.clone()), Value::Date),
        (Kind::List, serde_json::Value::Array(items)) => {
            Value::Text(items.iter().filter_map(|i| i.as_str()).collect::<Vec<_>>().join("、"))
        }
        (Kind::StatusList, serde_json::Value::Array(items)) => Value::Text(
            items
                .iter()
                .filter_map(|i| i.as_str())
                .map(|s| Status::parse(s).map_or_else(|| s.to_string(), |s| project_status(s).to_string()))
                .collect::<Vec<_>>()
                .join("、"),
        ),
        (Kind::ProjectStatus, serde_json::Value::String(text)) => {
            Value::Text(Status::parse(text).map_or_else(|| text.clone(), |s| project_status(s).to_string()))
        }
        (Kind::ProblemStatus, serde_json::Value::String(text)) => Value::Text(
            match text.as_str() {
                "open" => problem_status(ProblemStatus::Open),
                "closed" => problem_status(ProblemStatus::Closed),
                "extended" => problem_status(ProblemStatus::Extended),
                other => other,
            }
            .to_string(),
        ),
        (_, serde_json::Value::String(text)) => Value::Text(text.clone()),
        (_, other) => Value::Text(other.to_string()),
    }
}

/// The records of `records` as JSON objects.
pub(crate) fn json<T: serde::Serialize>(records: &[T]) -> Vec<serde_json::Value> {
    records.iter().filter_map(|r| serde_json::to_value(r).ok()).collect()
}

/// The sheets of the list file of `layout`, from the JSON of its records:
/// its own, then the one of the list each record holds (a project's
/// updates), each item naming its record.
pub(crate) fn list_sheets(layout: &Layout, records: Vec<serde_json::Value>) -> Vec<Sheet> {
    let Some(nested) = layout.nested else {
        let columns: Vec<&Column> = layout.columns.iter().collect();
        return vec![sheet_of(layout, &columns, records)];
    };
    let columns: Vec<&Column> = layout.columns.iter().filter(|c| !nested.fields().any(|f| f == c.field)).collect();
    let items: Vec<serde_json::Value> = records
        .iter()
        .flat_map(|record| {
            let id = record.get("id").cloned().unwrap_or_default();
            record
                .get(nested.field)
                .and_then(|u| u.as_array())
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(move |mut item| {
                    if let Some(object) = item.as_object_mut() {
                        object.insert(nested.parent.to_string(), id.clone());
                    }
                    item
                })
        })
        .collect();
    let item_columns: Vec<&Column> = nested.layout.columns.iter().collect();
    vec![sheet_of(layout, &columns, records), sheet_of(nested.layout, &item_columns, items)]
}

/// The sheets of the output figures: one per measure, a row per period,
/// the total and every industry (by name), then the stated growth.
pub(crate) fn output_sheets(output: &Output, industries: &[Industry]) -> Vec<Sheet> {
    let mut keys: Vec<(String, String)> = vec![("total".to_string(), "合计".to_string())];
    keys.extend(industries.iter().map(|i| (i.id.clone(), i.name.clone())));
    // Keys in the figures that are no industry are kept, by id.
    for period in &output.periods {
        for measure in Measure::ALL {
            for key in measure.values(period).keys().chain(measure.stated_yoy(period).keys()) {
                if !keys.iter().any(|(k, _)| k == key) {
                    keys.push((key.clone(), key.clone()));
                }
            }
        }
    }
    Measure::ALL
        .iter()
        .zip(OUTPUT_SHEETS)
        .map(|(measure, (_, sheet_name))| {
            let grown: Vec<&(String, String)> = keys
                .iter()
                .filter(|(key, _)| output.periods.iter().any(|p| measure.stated_yoy(p).contains_key(key)))
                .collect();
            let mut headers = vec!["期间".to_string()];
            headers.extend(keys.iter().map(|(key, name)| match key.as_str() {
                "total" => format!("{name}（{}）", output.unit),
                _ => name.clone(),
            }));
            headers.extend(grown.iter().map(|(_, name)| format!("{name} 同比")));
            let rows = output
                .periods
                .iter()
                .map(|period| {
                    let mut row = vec![Value::Text(period.period.to_string())];
                    let number = |map: &crate::load::data::Breakdown, key: &str| map.get(key).map_or(Value::Empty, |v| Value::Number(*v));
                    row.extend(keys.iter().map(|(key, _)| number(measure.values(period), key)));
                    row.extend(grown.iter().map(|(key, _)| number(measure.stated_yoy(period), key)));
                    row
                })
                .collect();
            let mut widths = vec![10.0];
            widths.extend(std::iter::repeat_n(12.0, headers.len() - 1));
            Sheet {
                name: sheet_name.to_string(),
                headers,
                widths,
                rows,
            }
        })
        .collect()
}

/// Every data file of `data` as workbooks: file name and sheets. Files
/// with no records are left out.
pub(crate) fn workbooks(data: &Data) -> Vec<(String, Vec<Sheet>)> {
    let mut books: Vec<(String, Vec<Sheet>)> = kinds::FILES
        .iter()
        .map(|file| (format!("{}.xlsx", file.name()), file.sheets(data)))
        .filter(|(_, sheets)| !sheets.is_empty())
        .collect();
    books.sort_by(|a, b| a.0.cmp(&b.0));
    books
}

/// The date written as the workbooks' creation: the last day of the
/// latest data period, so that an export of the same data is the same.
fn created(data: &Data) -> Date {
    data.output
        .records
        .periods
        .iter()
        .map(|p| p.period.last_day())
        .max()
        .or_else(|| Date::new(2000, 1, 1))
        .unwrap_or_else(Date::today)
}

/// The folder `dir` resolved, after checking that an export may write
/// there: absent, or an empty folder (`new` tells which). Judged where the
/// operating system will write, so `DIR/zz/..` is DIR itself. `names` are
/// the workbooks to write, named when the folder already holds one.
fn export_folder(dir: &Path, names: &[&str]) -> Result<(PathBuf, bool), Diagnostic> {
    let shown = dir.display().to_string();
    let resolved = crate::write::resolve(dir).map_err(|message| Diagnostic::error(&shown, 0, 0, message))?;
    let Ok(meta) = std::fs::symlink_metadata(&resolved) else {
        return Ok((resolved, true));
    };
    if !meta.is_dir() {
        return Err(Diagnostic::error(&shown, 0, 0, "the export path exists and is not a folder")
            .with_hint("export into a new or empty folder: nothing is overwritten"));
    }
    let mut entries = std::fs::read_dir(&resolved).map_err(|e| Diagnostic::error(&shown, 0, 0, format!("cannot read the folder: {e}")))?;
    if entries.next().is_none() {
        return Ok((resolved, false));
    }
    let taken: Vec<&str> = names.iter().copied().filter(|name| resolved.join(name).exists()).collect();
    Err(if taken.is_empty() {
        Diagnostic::error(&shown, 0, 0, "the folder is not empty").with_hint("export into a new or empty folder: nothing is overwritten")
    } else {
        Diagnostic::error(&shown, 0, 0, format!("already holds {}", taken.join(", ")))
            .with_hint("export into an empty folder: nothing is overwritten")
    })
}

/// `briefing data export DIR`: loads the site at `root` and writes its
/// data as workbooks into `dir`, which must be new or empty (see
/// [`export_folder`]). Returns the files written. A failure removes what
/// this export wrote.
pub fn export_data(root: &Path, dir: &Path) -> Result<Vec<PathBuf>, Diagnostics> {
    // The office's own data, in full: the internal edition's.
    let (site, _) = crate::load_edition(root, true, true, None)?;
    let books = workbooks(&site.data);
    let names: Vec<&str> = books.iter().map(|(name, _)| name.as_str()).collect();
    let (folder, new) = export_folder(dir, &names)?;
    std::fs::create_dir_all(&folder)
        .map_err(|e| Diagnostic::error(dir.display().to_string(), 0, 0, format!("cannot create the folder: {e}")))?;
    let date = created(&site.data);
    let mut written = Vec::new();
    let result = books.iter().try_for_each(|(name, sheets)| {
        let shown = dir.join(name).display().to_string();
        let bytes = xlsx_bytes(sheets, date).map_err(|message| Diagnostic::error(&shown, 0, 0, message))?;
        // `create_new`: a file that appeared since the check is not replaced.
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(folder.join(name))
            .map_err(|e| Diagnostic::error(&shown, 0, 0, format!("cannot write: {e}")))?;
        written.push(folder.join(name));
        std::io::Write::write_all(&mut file, &bytes).map_err(|e| Diagnostic::error(&shown, 0, 0, format!("cannot write: {e}")))
    });
    if let Err(problem) = result {
        for path in &written {
            let _ = std::fs::remove_file(path);
        }
        if new {
            let _ = std::fs::remove_dir(&folder);
        }
        return Err(problem.into());
    }
    // Named as given, unless `..` in it would read otherwise in a shell.
    let shown = match dir.components().any(|c| c == std::path::Component::ParentDir) {
        true => folder.as_path(),
        false => dir,
    };
    Ok(books.iter().map(|(name, _)| shown.join(name)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::data::files::{self, Found, Source};
    use crate::load::data::kinds::{FILES, NAMES};
    use crate::load::data::parse_found;

    #[test]
    fn only_a_new_or_empty_folder_is_exported_into() {
        let dir = tempfile::tempdir().unwrap();
        let base = crate::write::resolve(dir.path()).unwrap();
        std::fs::create_dir(base.join("empty")).unwrap();
        assert_eq!(export_folder(&base.join("empty/zz/.."), &[]).unwrap(), (base.join("empty"), false));
        assert_eq!(export_folder(&base.join("new/books"), &[]).unwrap(), (base.join("new/books"), true));
        std::fs::write(base.join("empty/units.yaml"), "").unwrap();
        let refused = export_folder(&base.join("empty/zz/.."), &["units.xlsx"]).unwrap_err();
        assert_eq!(refused.message, "the folder is not empty");
        std::fs::write(base.join("empty/units.xlsx"), "").unwrap();
        let refused = export_folder(&base.join("empty"), &["problems.xlsx", "units.xlsx"]).unwrap_err();
        assert_eq!(refused.message, "already holds units.xlsx");
        assert!(export_folder(&base.join("empty/units.yaml"), &[]).is_err());
        // Only looked at, never written: the root is not empty.
        assert!(export_folder(Path::new("/"), &[]).is_err());
    }

    /// Every record of `a` equals the one of `b`, file by file.
    fn assert_same_data(a: &Data, b: &Data) {
        for file in FILES {
            assert_eq!(file.records_text(a), file.records_text(b), "{}", file.name());
        }
    }

    /// `data` exported as workbooks and read back.
    fn read_back(data: &Data) -> (Data, Vec<Diagnostic>) {
        let books = workbooks(data);
        let found = NAMES.map(|name| {
            let file = format!("{name}.xlsx");
            books.iter().find(|(f, _)| *f == file).map(|(f, sheets)| Found {
                path: format!("content/data/{f}"),
                source: Source::Xlsx(xlsx_bytes(sheets, created(data)).expect("write workbook")),
            })
        });
        let mut problems = Vec::new();
        let back = parse_found(found, &mut problems);
        (back, problems)
    }

    #[test]
    fn the_example_site_reads_back_as_the_same_data() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut problems = Vec::new();
        let found = files::find(root, &mut problems);
        let data = parse_found(found, &mut problems);
        assert!(problems.iter().all(|p| !p.is_error()), "{problems:?}");
        assert!(!data.problems.records.is_empty() && !data.output.records.periods.is_empty());
        let (back, problems) = read_back(&data);
        assert!(problems.is_empty(), "{problems:?}");
        assert_same_data(&data, &back);
    }

    /// Each data file's sample, every field of its layout filled in some
    /// record.
    fn every_field() -> Vec<(&'static str, &'static str)> {
        FILES.iter().map(|file| (file.name(), file.sample())).collect()
    }

    #[test]
    fn every_field_reads_back_as_the_same_data() {
        let mut problems = Vec::new();
        let data = crate::load::data::parse_named(&every_field(), &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(data.problems.records.len(), 3);
        assert_eq!(data.tallies.records.len(), 2);
        assert_eq!((data.visits.records.len(), data.plans.records.len()), (2, 2));
        assert_eq!(data.charts.records[0].caption.as_deref(), Some("单位：亿元"));
        let (back, problems) = read_back(&data);
        assert!(problems.is_empty(), "{problems:?}");
        assert_same_data(&data, &back);
    }

    #[test]
    fn every_data_file_is_exported_with_every_column_of_its_layout() {
        let mut problems = Vec::new();
        let data = crate::load::data::parse_named(&every_field(), &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        let books = workbooks(&data);
        assert_eq!(books.len(), FILES.len());
        for file in FILES {
            let Some(layout) = file.layout() else { continue };
            let name = format!("{}.xlsx", file.name());
            let sheets = &books.iter().find(|(n, _)| *n == name).expect("a workbook per file").1;
            let nested = layout.nested.map(|n| n.layout);
            for layout in std::iter::once(layout).chain(nested) {
                let sheet = sheets.iter().find(|s| s.name == layout.sheet).expect("a sheet per layout");
                for column in layout
                    .columns
                    .iter()
                    .filter(|c| !layout.nested.is_some_and(|n| n.fields().any(|f| f == c.field)))
                {
                    let at = sheet.headers.iter().position(|h| *h == header(column)).expect("a column per field");
                    assert!(
                        sheet.rows.iter().any(|row| !matches!(row[at], Value::Empty)),
                        "{}: `{}` is empty in every row of the sample",
                        layout.sheet,
                        column.field
                    );
                }
            }
        }
    }
}
