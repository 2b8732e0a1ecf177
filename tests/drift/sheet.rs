//! The first worksheet of a workbook as a table that the drift test can
//! add rows to and change cells of, written back into the same workbook
//! (every other part kept as it is). Cells are inline text or numbers
//! (a date is a number with a date style), as the example's workbook
//! keeps them; shared strings are not read.

use std::io::{Cursor, Read, Write};

use super::days::Day;

const SHEET: &str = "xl/worksheets/sheet1.xml";

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A number as written, and its style (`s`).
    Number(String, Option<String>),
}

pub struct Workbook {
    parts: Vec<(String, Vec<u8>)>,
    /// The sheet's XML before and after `<sheetData>…</sheetData>`.
    head: String,
    tail: String,
    pub rows: Vec<Vec<Option<Cell>>>,
    /// The style of a date cell, for the dates written.
    date_style: Option<String>,
}

fn column_index(reference: &str) -> usize {
    reference
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .fold(0, |n, c| n * 26 + (c.to_ascii_uppercase() as usize - 'A' as usize + 1))
        - 1
}

fn column_name(mut index: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push((b'A' + (index % 26) as u8) as char);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    name.iter().rev().collect()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

impl Workbook {
    pub fn read(bytes: &[u8]) -> Workbook {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a workbook");
        let mut parts = Vec::new();
        for i in 0..archive.len() {
            let mut file = archive.by_index(i).expect("a part");
            let mut data = Vec::new();
            file.read_to_end(&mut data).expect("read part");
            parts.push((file.name().to_string(), data));
        }
        assert!(
            !parts.iter().any(|(name, _)| name == "xl/sharedStrings.xml"),
            "the drift test reads inline strings only"
        );
        let xml = parts
            .iter()
            .find(|(name, _)| name == SHEET)
            .map(|(_, data)| String::from_utf8(data.clone()).expect("UTF-8 sheet"))
            .expect("a first worksheet");
        let start = xml.find("<sheetData>").expect("<sheetData>");
        let end = xml.find("</sheetData>").expect("</sheetData>") + "</sheetData>".len();
        let document = roxmltree::Document::parse(&xml).expect("sheet XML");
        let mut rows: Vec<Vec<Option<Cell>>> = Vec::new();
        for row in document.descendants().filter(|n| n.has_tag_name("row")) {
            let number: usize = row.attribute("r").and_then(|r| r.parse().ok()).expect("row number");
            rows.resize(rows.len().max(number), Vec::new());
            let cells = &mut rows[number - 1];
            for cell in row.children().filter(|n| n.has_tag_name("c")) {
                let column = column_index(cell.attribute("r").expect("cell reference"));
                let value = match cell.attribute("t") {
                    Some("inlineStr") => Cell::Text(
                        cell.descendants()
                            .filter(|n| n.has_tag_name("t"))
                            .filter_map(|n| n.text())
                            .collect(),
                    ),
                    Some("s") => panic!("shared strings are not read"),
                    _ => match cell.children().find(|n| n.has_tag_name("v")).and_then(|v| v.text()) {
                        Some(number) => Cell::Number(number.to_string(), cell.attribute("s").map(str::to_string)),
                        None => continue,
                    },
                };
                cells.resize(cells.len().max(column + 1), None);
                cells[column] = Some(value);
            }
        }
        let mut book = Workbook {
            head: xml[..start].to_string(),
            tail: xml[end..].to_string(),
            parts,
            rows,
            date_style: None,
        };
        // The style of the dates of the column headed 登记日期.
        book.date_style = book.column("登记日期").and_then(|raised| {
            book.rows.iter().skip(1).find_map(|row| match row.get(raised) {
                Some(Some(Cell::Number(_, style))) => style.clone(),
                _ => None,
            })
        });
        book
    }

    /// The column headed `header` in row 1.
    pub fn column(&self, header: &str) -> Option<usize> {
        self.rows
            .first()?
            .iter()
            .position(|c| matches!(c, Some(Cell::Text(text)) if text.trim() == header))
    }

    pub fn text(&self, row: usize, column: usize) -> Option<&str> {
        match self.rows.get(row)?.get(column)? {
            Some(Cell::Text(text)) => Some(text),
            _ => None,
        }
    }

    pub fn date(&self, row: usize, column: usize) -> Option<Day> {
        match self.rows.get(row)?.get(column)? {
            Some(Cell::Number(number, _)) => number.parse::<f64>().ok().map(|n| Day::from_serial(n as i64)),
            Some(Cell::Text(text)) => Day::parse(text),
            None => None,
        }
    }

    pub fn set(&mut self, row: usize, column: usize, value: Option<Cell>) {
        let cells = &mut self.rows[row];
        cells.resize(cells.len().max(column + 1), None);
        cells[column] = value;
    }

    pub fn set_text(&mut self, row: usize, column: usize, text: &str) {
        self.set(row, column, Some(Cell::Text(text.to_string())));
    }

    pub fn set_date(&mut self, row: usize, column: usize, day: Day) {
        let style = self.date_style.clone();
        self.set(row, column, Some(Cell::Number(day.serial().to_string(), style)));
    }

    /// A new row at the end; its index.
    pub fn push_row(&mut self) -> usize {
        self.rows.push(Vec::new());
        self.rows.len() - 1
    }

    pub fn write(&self) -> Vec<u8> {
        let mut data = String::from("<sheetData>");
        for (i, row) in self.rows.iter().enumerate() {
            if row.iter().all(Option::is_none) {
                continue;
            }
            let number = i + 1;
            data.push_str(&format!("<row r=\"{number}\">"));
            for (column, cell) in row.iter().enumerate() {
                let reference = format!("{}{number}", column_name(column));
                match cell {
                    Some(Cell::Text(text)) => data.push_str(&format!(
                        "<c r=\"{reference}\" t=\"inlineStr\"><is><t>{}</t></is></c>",
                        escape(text)
                    )),
                    Some(Cell::Number(value, style)) => {
                        let style = style.as_ref().map_or_else(String::new, |s| format!(" s=\"{s}\""));
                        data.push_str(&format!("<c r=\"{reference}\"{style} t=\"n\"><v>{value}</v></c>"));
                    }
                    None => {}
                }
            }
            data.push_str("</row>");
        }
        data.push_str("</sheetData>");
        let width = self.rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let head = match (self.head.find("<dimension ref=\""), self.rows.len()) {
            (Some(at), rows) => {
                let from = at + "<dimension ref=\"".len();
                let to = from + self.head[from..].find('"').expect("dimension");
                format!("{}A1:{}{rows}{}", &self.head[..from], column_name(width - 1), &self.head[to..])
            }
            (None, _) => self.head.clone(),
        };
        let sheet = format!("{head}{data}{}", self.tail);
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in &self.parts {
            writer.start_file(name.as_str(), options).expect("start part");
            if name == SHEET {
                writer.write_all(sheet.as_bytes()).expect("write sheet");
            } else {
                writer.write_all(bytes).expect("write part");
            }
        }
        writer.finish().expect("finish workbook").into_inner()
    }
}

#[test]
fn a_workbook_reads_back_as_it_was_written() {
    let bytes = std::fs::read(super::common::repo().join("content/data/problems.xlsx")).expect("example register");
    let book = Workbook::read(&bytes);
    let again = Workbook::read(&book.write());
    assert_eq!(book.rows, again.rows);
    assert!(book.column("编号").is_some() && book.column("状态").is_some());
}
