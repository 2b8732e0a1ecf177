//! Data files kept as spreadsheets (`problems.xlsx`, `units.csv`): the
//! header row found (a title row above it is fine), each column matched to
//! a field by its name or Chinese label, each cell read as its field wants
//! (see [`cells`]), and every record noted with the cells it came from so
//! that later checks name `问题台账!C12`. Every bad cell of a run is
//! reported, not only the first.

pub(crate) mod cells;
mod output;
pub(crate) mod schema;

use std::collections::{BTreeSet, HashMap};

use serde::de::DeserializeOwned;
use serde_json::{Map, Value as Json};

use super::place::{CellRef, RecordPlace, SheetPlaces, Spot};
use super::reading::Lost;
use crate::diagnostics::Diagnostic;
use crate::sheets::{Cell, Table};
pub(crate) use output::read_output;
use schema::{Column, IGNORED, Kind, Layout, Nested, looks_confidential, normalise};

/// How many rows may stand above the header (a title, a date line).
const HEADER_SEARCH: usize = 10;

/// Where a problem is: `(sheet, row, column)`, as a [`Spot`].
fn spot(table: &Table, row: usize, column: usize) -> Spot {
    Spot::cell(CellRef {
        sheet: table.name.clone(),
        row,
        column,
    })
}

/// The table of `layout` among `tables`: the sheet named as the layout
/// (`问题台账` or `problems`), else the first sheet.
pub(crate) fn table_of<'t>(tables: &'t [Table], layout: &Layout) -> Option<&'t Table> {
    tables
        .iter()
        .find(|t| t.name == layout.sheet || t.name.eq_ignore_ascii_case(layout.file))
        .or_else(|| tables.first())
}

/// The columns of a table: the header row and, for each column, the
/// column of the layout it holds (`None`: ignored).
struct Header {
    row: usize,
    columns: Vec<Option<&'static Column>>,
}

/// Finds the header row of `table` and matches its cells to `layout`,
/// reporting unknown and missing columns.
fn header(path: &str, table: &Table, layout: &Layout, problems: &mut Vec<Diagnostic>) -> Option<Header> {
    let matches = |row: &Vec<Cell>| row.iter().filter(|c| layout.column(&c.text()).is_some()).count();
    let needed = layout.columns.iter().filter(|c| c.required).count().clamp(1, 2);
    let Some(row) = table.rows.iter().take(HEADER_SEARCH).position(|r| matches(r) >= needed) else {
        let names: Vec<&str> = layout
            .columns
            .iter()
            .map(|c| c.labels.first().copied().unwrap_or(c.field))
            .collect();
        problems.push(
            Diagnostic::error_at(path, spot(table, 0, 0), "no header row: none of the first rows names the columns")
                .with_hint(format!("put the column names in the first row: {}", names.join("、"))),
        );
        return None;
    };
    let cells = &table.rows[row];
    let mut columns = Vec::with_capacity(cells.len());
    for (index, cell) in cells.iter().enumerate() {
        if let (Cell::Formula(_) | Cell::TooLong(_), Some((message, hint))) = (cell, cells::unreadable(cell)) {
            problems.push(Diagnostic::error_at(path, spot(table, row, index), message).with_hint(hint));
            columns.push(None);
            continue;
        }
        let title = cell.text();
        let column = layout.column(&title);
        if column.is_none() && !title.is_empty() && !is_ignored(&title) {
            problems.push(unknown_column(path, spot(table, row, index), &title, layout));
        }
        if let Some(column) = column
            && column.kind != Kind::List
            && holds(&columns, column)
        {
            problems.push(
                Diagnostic::error_at(path, spot(table, row, index), format!("a second column for `{title}`"))
                    .with_hint("keep one column per field (only lists, such as 帮扶单位, may span several)"),
            );
            columns.push(None);
            continue;
        }
        columns.push(column);
    }
    for column in layout.columns.iter().filter(|c| c.required) {
        if !holds(&columns, column) {
            problems.push(
                Diagnostic::error_at(path, spot(table, row, 0), format!("no column for `{}`", label(column))).with_hint(format!(
                    "add a column headed `{}` (or `{}`)",
                    label(column),
                    column.field
                )),
            );
        }
    }
    Some(Header { row, columns })
}

/// Whether `title` heads a column that is never data (序号).
fn is_ignored(title: &str) -> bool {
    let plain = normalise(title);
    IGNORED.iter().any(|name| normalise(name) == plain)
}

/// The problem of a column headed `title` that is no field of `layout`:
/// a warning, or an error when it looks like a mark of confidentiality
/// (its rows would otherwise be published unmarked).
fn unknown_column(path: &str, at: Spot, title: &str, layout: &Layout) -> Diagnostic {
    let file = layout.file;
    if !looks_confidential(title) {
        return Diagnostic::warning_at(path, at, format!("column `{title}` is not a field of {file}; it is not read"))
            .with_hint(format!("the columns are: {}", column_names(layout)));
    }
    if layout.has("internal") {
        Diagnostic::error_at(
            path,
            at,
            format!("column `{title}` looks like a mark of confidentiality, but is not read as one: the rows it marks would be published"),
        )
        .with_hint("head the column 内部 and write 是 in it for each record only the internal edition shows (a column about something else needs another name)")
    } else {
        Diagnostic::error_at(
            path,
            at,
            format!("column `{title}` looks like a mark of confidentiality, but {file} records cannot be internal"),
        )
        .with_hint(format!(
            "both editions show and count every record of {file}: delete the column (a column about something else needs another name)"
        ))
    }
}

/// Whether `columns` hold `column`.
fn holds(columns: &[Option<&'static Column>], column: &Column) -> bool {
    columns.iter().flatten().any(|c| c.field == column.field)
}

fn label(column: &Column) -> &'static str {
    column.labels.first().copied().unwrap_or(column.field)
}

fn column_names(layout: &Layout) -> String {
    layout.columns.iter().map(label).collect::<Vec<_>>().join("、")
}

/// Sets `field` (`a.b` for a nested one) of `object` to `value`; lists
/// add to what is there.
fn set(object: &mut Map<String, Json>, field: &str, value: Json) {
    match field.split_once('.') {
        Some((outer, inner)) => {
            let nested = object.entry(outer).or_insert_with(|| Json::Object(Map::new()));
            if let Json::Object(nested) = nested {
                set(nested, inner, value);
            }
        }
        None => match (object.get_mut(field), value) {
            (Some(Json::Array(items)), Json::Array(more)) => items.extend(more),
            (_, value) => {
                object.insert(field.to_string(), value);
            }
        },
    }
}

/// A row read as a record: its fields, and where they were read from.
type Found = (Map<String, Json>, RecordPlace);

/// The rows of a table read as records.
#[derive(Default)]
struct Rows {
    /// Each good row as a JSON object, with the place it was read from.
    records: Vec<Found>,
    /// The ids of rows left out for their bad cells (already reported), so
    /// that what refers to them is not reported again.
    dropped: BTreeSet<String>,
    /// How many rows were left out, with an id or without.
    dropped_rows: usize,
}

/// The rows of `table` under its header. Empty rows are skipped; bad
/// cells reported.
fn rows(path: &str, table: &Table, layout: &Layout, problems: &mut Vec<Diagnostic>) -> Rows {
    let Some(header) = header(path, table, layout, problems) else {
        return Rows::default();
    };
    let mut read = Rows::default();
    let mut seen = BTreeSet::new();
    for (row, cells) in table.rows.iter().enumerate().skip(header.row + 1) {
        if cells.iter().all(Cell::is_empty) {
            continue;
        }
        let mut object = Map::new();
        let mut place = RecordPlace {
            row: CellRef {
                sheet: table.name.clone(),
                row,
                column: 0,
            },
            fields: Default::default(),
            nested: Vec::new(),
        };
        let mut bad = false;
        let mut bad_fields = BTreeSet::new();
        for (index, column) in header.columns.iter().enumerate() {
            let Some(column) = column else { continue };
            let cell = table.cell(row, index);
            place.fields.entry(column.field.to_string()).or_insert(CellRef {
                sheet: table.name.clone(),
                row,
                column: index,
            });
            match cells::read(cell, column.kind) {
                Ok(Some(value)) => set(&mut object, column.field, value),
                Ok(None) => {}
                Err((message, hint)) => {
                    bad = true;
                    bad_fields.insert(column.field);
                    problems
                        .push(Diagnostic::error_at(path, spot(table, row, index), format!("{}: {message}", label(column))).with_hint(hint));
                }
            }
        }
        // A project kept one row per update names itself once: the rows
        // after its first may leave its other cells empty.
        let id = object.get("id").and_then(Json::as_str).map(str::to_string);
        let continues = layout.nested.is_some() && id.as_ref().is_some_and(|id| seen.contains(id));
        if let Some(id) = id {
            seen.insert(id);
        }
        for column in layout.columns.iter().filter(|c| c.required && !continues) {
            let missing = match column.field.split_once('.') {
                Some((outer, inner)) => object.get(outer).and_then(|o| o.get(inner)).is_none(),
                None => object.get(column.field).is_none_or(|v| v.as_array().is_some_and(Vec::is_empty)),
            };
            if missing && holds(&header.columns, column) && !bad_fields.contains(column.field) {
                bad = true;
                let at = place.fields.get(column.field).map_or(0, |c| c.column);
                problems.push(
                    Diagnostic::error_at(path, spot(table, row, at), format!("`{}` is empty", label(column)))
                        .with_hint("every record needs it; fill the cell or delete the row"),
                );
            }
        }
        if bad {
            read.dropped_rows += 1;
            if let Some(id) = object.get("id").and_then(Json::as_str) {
                read.dropped.insert(id.to_string());
            }
        } else {
            read.records.push((object, place));
        }
    }
    read
}

/// Reads the records of `layout` from `tables` (a workbook's sheets, or a
/// CSV file's one table) as `R`s; `path` is the file as diagnostics name it.
/// Every row that reads is kept; the rows that do not are reported and
/// noted as lost.
pub(crate) fn read_list<R: DeserializeOwned>(
    path: &str,
    tables: &[Table],
    layout: &Layout,
    problems: &mut Vec<Diagnostic>,
) -> (Vec<R>, SheetPlaces, Lost) {
    let Some(table) = table_of(tables, layout) else {
        problems.push(Diagnostic::error(path, 0, 0, "the workbook has no sheet"));
        return (Vec::new(), SheetPlaces::default(), Lost::All);
    };
    let errors_before = problems.iter().filter(|d| d.is_error()).count();
    let Rows {
        records: mut found,
        dropped,
        dropped_rows,
    } = rows(path, table, layout, problems);
    // Without a header row (or a required column) no row is read.
    let unreadable = found.is_empty() && dropped_rows == 0 && problems.iter().filter(|d| d.is_error()).count() > errors_before;
    let mut lost = if unreadable { Lost::All } else { Lost::Nothing };
    for id in &dropped {
        lost.add(Some(id.clone()));
    }
    for _ in dropped.len()..dropped_rows {
        lost.add(None);
    }
    if let Some(nested) = layout.nested {
        attach_nested(path, tables, (table, layout, nested), (&mut found, &dropped), problems);
    }
    let mut records = Vec::with_capacity(found.len());
    let mut places = SheetPlaces::default();
    for (object, place) in found {
        let id = object.get("id").and_then(Json::as_str).map(str::to_string);
        match serde_json::from_value::<R>(Json::Object(object)) {
            Ok(record) => {
                records.push(record);
                places.records.push(place);
            }
            Err(error) => {
                problems.push(Diagnostic::error_at(
                    path,
                    Spot::cell(place.row),
                    format!("the row cannot be read: {error}"),
                ));
                lost.add(id);
            }
        }
    }
    (records, places, lost)
}

/// Reports each cell of a later row of a project kept one row per update
/// that says otherwise than its first row (`first`): a 内部 = 是, a name or
/// an investment on the third row is not silently dropped.
fn disagreements(
    path: &str,
    (table, layout): (&Table, &Layout),
    first: &Found,
    (object, place): (&Map<String, Json>, &RecordPlace),
    problems: &mut Vec<Diagnostic>,
) {
    let (first, first_place) = first;
    let id = object.get("id").and_then(Json::as_str).unwrap_or_default();
    for (key, value) in object {
        if key == "id" || first.get(key) == Some(value) {
            continue;
        }
        let (Some(here), Some(column)) = (place.fields.get(key), layout.columns.iter().find(|c| c.field == key)) else {
            continue;
        };
        let there = first_place.fields.get(key).map_or(first_place.row.column, |c| c.column);
        let first_cell = crate::sheets::cell_name(first_place.row.row, there);
        let shown = table.cell(here.row, here.column).text();
        let before = table.cell(first_place.row.row, there).text();
        let message = if before.is_empty() {
            format!(
                "`{}` of project `{id}` is `{shown}` here but empty on its first row ({first_cell})",
                label(column)
            )
        } else {
            format!(
                "`{}` of project `{id}` is `{shown}` here but `{before}` on its first row ({first_cell})",
                label(column)
            )
        };
        problems.push(Diagnostic::error_at(path, Spot::cell(here.clone()), message).with_hint(
            "a project kept one row per update is named on its first row: leave these cells empty on the rows after it, or the same",
        ));
    }
}

/// The list each record of `layout` holds (`nested`: a project's updates):
/// the rows of its own sheet of the workbook (`进展`), or — in a CSV file,
/// or a sheet of records with its columns (日期, 状态) — the rows of the
/// records themselves, one per item.
fn attach_nested(
    path: &str,
    tables: &[Table],
    (records, layout, nested): (&Table, &Layout, &Nested),
    (found, dropped): (&mut Vec<Found>, &BTreeSet<String>),
    problems: &mut Vec<Diagnostic>,
) {
    let own_sheet = tables
        .iter()
        .find(|t| t.name == nested.layout.sheet || t.name.eq_ignore_ascii_case(nested.layout.file));
    let steps: Vec<(String, Json, RecordPlace)> = match own_sheet {
        Some(sheet) if !std::ptr::eq(sheet, records) => rows(path, sheet, nested.layout, problems)
            .records
            .into_iter()
            .filter_map(|(mut object, place)| {
                let parent = object.remove(nested.parent)?.as_str()?.to_string();
                Some((parent, Json::Object(object), place))
            })
            .collect(),
        _ => {
            // Items in the records' own rows: split them off, and keep
            // one record per id (its first row).
            let mut steps = Vec::new();
            let mut kept: Vec<Found> = Vec::new();
            let mut first_rows: HashMap<String, usize> = HashMap::new();
            for (mut object, place) in std::mem::take(found) {
                let step: Map<String, Json> = nested
                    .fields()
                    .filter_map(|key| object.remove(key).map(|v| (key.to_string(), v)))
                    .collect();
                let id = object.get("id").and_then(Json::as_str).unwrap_or_default().to_string();
                if !step.is_empty() {
                    steps.push((id.clone(), Json::Object(step), place.clone()));
                }
                match first_rows.get(&id) {
                    Some(&first) => disagreements(path, (records, layout), &kept[first], (&object, &place), problems),
                    None => {
                        first_rows.insert(id, kept.len());
                        kept.push((object, place));
                    }
                }
            }
            *found = kept;
            steps
        }
    };
    for (object, _) in found.iter_mut() {
        object.entry(nested.field).or_insert_with(|| Json::Array(Vec::new()));
    }
    // Positions by id (the first row of an id), so that steps are placed
    // without scanning.
    let mut positions: HashMap<String, usize> = HashMap::with_capacity(found.len());
    for (index, (object, _)) in found.iter().enumerate() {
        if let Some(id) = object.get("id").and_then(Json::as_str) {
            positions.entry(id.to_string()).or_insert(index);
        }
    }
    for (project, step, place) in steps {
        let target = positions.get(&project).and_then(|&index| found.get_mut(index));
        match target {
            Some((object, record)) => {
                if let Some(Json::Array(updates)) = object.get_mut(nested.field) {
                    updates.push(step);
                }
                record.nested.push(place);
            }
            None if dropped.contains(&project) => {}
            None => problems.push(
                Diagnostic::error_at(
                    path,
                    Spot::cell(place.fields.get(nested.parent).cloned().unwrap_or(place.row)),
                    format!("no project `{project}`"),
                )
                .with_hint("an update belongs to a project of the projects sheet, by its id"),
            ),
        }
    }
}
