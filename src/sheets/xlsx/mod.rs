//! Reading `.xlsx` workbooks into [`Table`]s, with zip and quick-xml, as a
//! stream and within the [`limits`](super::limits): the workbook's sheets
//! in order (`xl/workbook.xml` and its relationships), the date system,
//! the styles that make a number a date ([`styles`]), the shared strings
//! ([`strings`]), and each worksheet ([`sheet`]). calamine, used before,
//! reads all shared strings (reserving as many as the file claims) before
//! a cell can be looked at, and reads a formula without its value as an
//! empty cell: neither can be bounded nor told from outside.

mod part;
mod sheet;
mod strings;
mod styles;

use quick_xml::events::Event;

use super::{At, Book, Problem, Table};
use part::{Archive, Xml};
use sheet::{Context, read_sheet};
use strings::{Strings, read_strings};

const WORKBOOK: &str = "xl/workbook.xml";
const WORKBOOK_RELS: &str = "xl/_rels/workbook.xml.rels";

/// Every sheet of the `.xlsx` workbook `bytes`, in the workbook's order,
/// with merged cells holding the value of their region; or the problem
/// that stopped the reading, at its cell where it has one.
pub(crate) fn read_xlsx(bytes: &[u8]) -> Book {
    match read(bytes) {
        Ok(tables) => Book::new(tables, Vec::new()),
        Err(problem) => Book::unreadable(problem),
    }
}

/// A relationship of the workbook: its id, type and target part.
struct Relationship {
    id: String,
    kind: String,
    target: String,
}

fn read(bytes: &[u8]) -> Result<Vec<Table>, Problem> {
    // An OLE compound file: encrypted with a password, or an old .xls.
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(
            Problem::error(At::File, "the workbook is protected by a password, or is an old .xls file")
                .with_hint("open it in Excel or WPS, remove the password (文件 → 信息 → 保护工作簿) and save it as .xlsx"),
        );
    }
    let mut archive = Archive::new(bytes).map_err(|error| Problem::error(At::File, format!("not a readable .xlsx workbook: {error}")))?;
    if !archive.has(WORKBOOK) {
        return Err(Problem::error(
            At::File,
            format!("not a readable .xlsx workbook: it has no {WORKBOOK}"),
        ));
    }
    let relationships = match archive.open(WORKBOOK_RELS) {
        Some(xml) => read_relationships(&mut xml?)?,
        None => Vec::new(),
    };
    let (sheets, date1904) = read_workbook(&mut open(&mut archive, WORKBOOK)?)?;
    let part_of = |kind: &str, default: &str| {
        relationships
            .iter()
            .find(|r| r.kind.rsplit('/').next() == Some(kind))
            .map_or_else(|| default.to_string(), |r| resolve(&r.target))
    };
    let strings = match archive.open(&part_of("sharedStrings", "xl/sharedStrings.xml")) {
        Some(xml) => read_strings(&mut xml?)?,
        None => Strings::default(),
    };
    let formats = match archive.open(&part_of("styles", "xl/styles.xml")) {
        Some(xml) => styles::read_styles(&mut xml?)?,
        None => Vec::new(),
    };
    let context = Context {
        strings: &strings,
        formats: &formats,
        date1904,
    };
    let mut cells = 0usize;
    let mut tables = Vec::with_capacity(sheets.len());
    for (name, id) in sheets {
        let path = relationships.iter().find(|r| r.id == id).map(|r| resolve(&r.target));
        // A chart sheet, or a sheet whose part is missing: no cells.
        let worksheet = path.filter(|p| p.contains("worksheets/"));
        let table = match worksheet.and_then(|path| archive.open(&path)) {
            Some(xml) => read_sheet(&mut xml?, &name, &context, &mut cells)?,
            None => Table { name, rows: Vec::new() },
        };
        tables.push(table);
    }
    Ok(tables)
}

/// The part `name`, which the workbook needs.
fn open<'a, 'b>(archive: &'a mut Archive<'b>, name: &str) -> Result<Xml<'a, 'b>, Problem> {
    archive
        .open(name)
        .unwrap_or_else(|| Err(Problem::error(At::File, format!("not a readable .xlsx workbook: it has no {name}"))))
}

/// A relationship's target as a part name: relative to `xl/`, or from the
/// archive's root when it starts with `/`.
fn resolve(target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("xl/{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    parts.join("/")
}

fn read_relationships(xml: &mut Xml<'_, '_>) -> Result<Vec<Relationship>, Problem> {
    let mut relationships = Vec::new();
    let mut buf = Vec::new();
    loop {
        match xml.event(&mut buf)? {
            Event::Start(e) if e.local_name().as_ref() == b"Relationship" => {
                if let (Some(id), Some(target)) = (xml.attribute(&e, b"Id"), xml.attribute(&e, b"Target")) {
                    let kind = xml.attribute(&e, b"Type").unwrap_or_default();
                    relationships.push(Relationship { id, kind, target });
                }
            }
            Event::Eof => return Ok(relationships),
            _ => {}
        }
    }
}

/// The sheets of the workbook (name and relationship id), in order, and
/// whether its dates count from 1904.
fn read_workbook(xml: &mut Xml<'_, '_>) -> Result<(Vec<(String, String)>, bool), Problem> {
    let mut sheets = Vec::new();
    let mut date1904 = false;
    let mut buf = Vec::new();
    loop {
        match xml.event(&mut buf)? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"sheet" => {
                    if let (Some(name), Some(id)) = (xml.attribute(&e, b"name"), xml.attribute(&e, b"id")) {
                        sheets.push((name, id));
                    }
                }
                b"workbookPr" => {
                    date1904 = xml
                        .attribute(&e, b"date1904")
                        .is_some_and(|v| v == "1" || v.eq_ignore_ascii_case("true"));
                }
                _ => {}
            },
            Event::Eof => return Ok((sheets, date1904)),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests;
