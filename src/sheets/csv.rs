//! Reading CSV files (csv, with encoding_rs for the GBK of Excel on Chinese
//! Windows) into a [`Table`] of text cells, within the [`limits`]. A quote
//! that is opened and not closed where a cell ends would swallow the lines
//! after it into one cell without a word from the csv crate: [`quotes`]
//! finds it first, a warning at its line, or an error when rows would be
//! lost.

use std::borrow::Cow;

use super::limits::{MAX_CELLS, MAX_COLUMNS, MAX_ROWS, MAX_TEXT, thousands};
use super::{At, Book, Cell, Problem, Table};

/// The CSV file `bytes` as one table of text cells; also `true` when it was
/// GBK (as Excel saves "CSV" on Chinese Windows) rather than UTF-8. Excel's
/// "Unicode text" (UTF-16, tab-separated) is read too.
pub(crate) fn read_csv(bytes: &[u8]) -> (Book, bool) {
    let (text, gbk) = match decode(bytes) {
        Ok(decoded) => decoded,
        Err(message) => return (Book::unreadable(Problem::error(At::File, message)), false),
    };
    if text.contains('\0') {
        return (Book::unreadable(Problem::error(At::File, "the file is not text")), gbk);
    }
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.contains('\t') && !first_line.contains(',') {
        b'\t'
    } else {
        b','
    };
    let mut problems = quotes(&text, delimiter);
    if problems.iter().any(|p| p.error) {
        return (Book::new(Vec::new(), problems), gbk);
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut cells = 0usize;
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let at = error.position().map_or(At::File, |p| At::Line {
                    line: p.line() as usize,
                    column: 1,
                });
                problems.push(Problem::error(at, format!("not a readable CSV file: {error}")));
                break;
            }
        };
        let line = record.position().map_or(rows.len() + 1, |p| p.line() as usize);
        let at = At::Line { line, column: 1 };
        if rows.len() == MAX_ROWS {
            problems.push(
                Problem::error(at, format!("more than {} rows", thousands(MAX_ROWS)))
                    .with_hint(format!("a data sheet holds at most {} rows; split the file", thousands(MAX_ROWS))),
            );
            break;
        }
        // Empty cells at the end of a row are nothing.
        let width = (0..record.len())
            .rev()
            .find(|&i| !record[i].trim().is_empty())
            .map_or(0, |last| last + 1);
        if width > MAX_COLUMNS {
            problems.push(Problem::error(at, format!("more than {MAX_COLUMNS} columns")).with_hint(format!(
                "a data sheet holds at most {MAX_COLUMNS} columns; delete those that are not needed"
            )));
            break;
        }
        cells += width;
        if cells > MAX_CELLS {
            problems.push(too_many_cells(at));
            break;
        }
        rows.push(record.iter().take(width).map(cell).collect());
    }
    (Book::new(vec![Table { name: String::new(), rows }], problems), gbk)
}

/// The error of a file past [`MAX_CELLS`], at `at`.
pub(super) fn too_many_cells(at: At) -> Problem {
    Problem::error(at, format!("more than {} cells", thousands(MAX_CELLS))).with_hint(format!(
        "a data file holds at most {} cells (rows × columns); split it",
        thousands(MAX_CELLS)
    ))
}

/// One field as a cell: empty, text, or text too long for a cell.
fn cell(field: &str) -> Cell {
    if field.trim().is_empty() {
        return Cell::Empty;
    }
    // A character is at least one byte: most fields need no count.
    if field.len() > MAX_TEXT {
        let chars = field.chars().count();
        if chars > MAX_TEXT {
            return Cell::TooLong(chars);
        }
    }
    Cell::Text(field.to_string())
}

/// The text of `bytes` and whether it was GBK.
fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, bool), String> {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _, had_errors) = encoding.decode(bytes);
        if had_errors {
            return Err(format!("the file is not valid {} text", encoding.name()));
        }
        return Ok((text, false));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((Cow::Borrowed(text), false)),
        Err(_) => {
            let (text, _, had_errors) = encoding_rs::GBK.decode(bytes);
            if had_errors {
                return Err("the file is neither UTF-8 nor GBK text".to_string());
            }
            Ok((text, true))
        }
    }
}

/// The quoted cells of `text` that do not end where a cell ends — with a
/// quote before the `delimiter`, the line's end or the file's end — each
/// at the quote that opened it: an error when the lines after it would be
/// read into the cell, else a warning.
fn quotes(text: &str, delimiter: u8) -> Vec<Problem> {
    let bytes = text.as_bytes();
    let mut problems = Vec::new();
    // Where the current line starts, and its number.
    let (mut line, mut line_start) = (1usize, 0usize);
    let mut field_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        if byte == b'"' && field_start {
            let open_line = line;
            // Counted only for a problem: a line of many quoted cells
            // would otherwise be counted once per cell.
            let open_start = line_start;
            let at = || At::Line {
                line: open_line,
                column: text[open_start..i].chars().count() + 1,
            };
            // The quoted cell: up to a quote not doubled.
            let mut j = i + 1;
            let close = loop {
                match bytes.get(j) {
                    None => break None,
                    Some(b'"') if bytes.get(j + 1) == Some(&b'"') => j += 2,
                    Some(b'"') => break Some(j),
                    Some(b'\n') => {
                        line += 1;
                        line_start = j + 1;
                        j += 1;
                    }
                    Some(_) => j += 1,
                }
            };
            let spanned = line - open_line;
            match close {
                None => {
                    // Only the file's last line break swallowed: nothing lost.
                    let after = text[i..].find('\n').map_or("", |n| &text[i + n..]);
                    let lost = after.lines().filter(|l| !l.trim().is_empty()).count();
                    if lost == 0 {
                        problems.push(
                            Problem::warning(at(), "the quote opened here is not closed; the cell is read to the end of the file")
                                .with_hint(QUOTE_HINT),
                        );
                    } else {
                        problems.push(
                            Problem::error(
                                at(),
                                format!("the quote opened here is never closed: the {lost} lines after it would be read into one cell"),
                            )
                            .with_hint(QUOTE_HINT),
                        );
                    }
                    return problems;
                }
                Some(end) => {
                    let next = bytes.get(end + 1).copied();
                    let ends_cell = matches!(next, None | Some(b'\n' | b'\r')) || next == Some(delimiter);
                    if !ends_cell && spanned > 0 {
                        problems.push(
                            Problem::error(
                                at(),
                                format!(
                                    "the quote opened here is closed only on line {line}, by a quote inside the text: the {spanned} lines after it would be read into one cell"
                                ),
                            )
                            .with_hint(QUOTE_HINT),
                        );
                    } else if !ends_cell {
                        problems.push(
                            Problem::warning(
                                at(),
                                "a quote inside the quoted cell opened here ends it early; the rest is read as text",
                            )
                            .with_hint(QUOTE_HINT),
                        );
                    }
                    i = end + 1;
                    field_start = false;
                    continue;
                }
            }
        }
        if byte == b'\n' {
            line += 1;
            line_start = i + 1;
        }
        field_start = byte == delimiter || byte == b'\n' || byte == b'\r';
        i += 1;
    }
    problems
}

const QUOTE_HINT: &str = "end a quoted cell with a quote (`\"`) and write a quote inside it twice (`\"\"`)";

#[cfg(test)]
mod tests {
    use super::*;

    fn table(bytes: &[u8]) -> Table {
        let (mut book, _) = read_csv(bytes);
        assert!(book.problems.is_empty(), "{:?}", book.problems);
        book.tables.remove(0)
    }

    #[test]
    fn gbk_from_excel_is_read() {
        let (bytes, _, _) = encoding_rs::GBK.encode("编号,问题\np1,用电难\n");
        let (book, gbk) = read_csv(&bytes);
        assert!(gbk);
        assert_eq!(book.tables[0].cell(1, 1), &Cell::Text("用电难".into()));
        assert!(read_csv(b"a,b\n\x00\x01\x02").0.problems[0].error, "binary");
        // Excel's "Unicode text": UTF-16 with tabs.
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("编号\t问题\np1\t用电难\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(table(&utf16).cell(1, 1), &Cell::Text("用电难".into()));
    }

    #[test]
    fn quoted_fields_and_ragged_rows() {
        let table = table("编号,单位\n\"p1\",\"县商务局、县水务局\"\np2\n\"p3\",\"两行\n的备注\"\r\n".as_bytes());
        assert_eq!(table.cell(1, 1), &Cell::Text("县商务局、县水务局".into()));
        assert_eq!(table.cell(2, 1), &Cell::Empty);
        assert_eq!(table.cell(3, 1), &Cell::Text("两行\n的备注".into()));
    }

    #[test]
    fn an_unclosed_quote_is_named_at_its_line() {
        let (book, _) = read_csv("编号,问题\np1,\"用电难\np2,用水难\np3,融资难\n".as_bytes());
        assert!(book.tables.is_empty());
        assert_eq!(book.problems.len(), 1, "{:?}", book.problems);
        let problem = &book.problems[0];
        assert!(problem.error);
        assert_eq!(problem.at, At::Line { line: 2, column: 4 });
        assert!(problem.message.contains("the 2 lines after it"), "{}", problem.message);
        // Closed only by a quote lines later: rows lost all the same.
        let (book, _) = read_csv("编号,问题\np1,\"用电难\np2,用水难\np3,\"融资\"难\n".as_bytes());
        assert!(book.problems[0].error && book.problems[0].message.contains("closed only on line 4"));
        // On the last line nothing follows: a warning, the cell read.
        let (book, _) = read_csv("编号,问题\np1,\"用电难\n".as_bytes());
        assert!(!book.problems[0].error);
        assert_eq!(book.tables[0].cell(1, 1), &Cell::Text("用电难\n".into()));
        // A quote inside a quoted cell, on one line: a warning.
        let (book, _) = read_csv("编号,问题\np1,\"用\"电难,x\n".as_bytes());
        assert_eq!(book.problems.len(), 1);
        assert!(!book.problems[0].error);
        // Quotes inside an unquoted cell are text.
        assert_eq!(
            table("编号,问题\np1,用\"电\"难\n".as_bytes()).cell(1, 1),
            &Cell::Text("用\"电\"难".into())
        );
    }

    #[test]
    fn rows_columns_and_text_past_the_limits_are_refused() {
        let long = "字".repeat(MAX_TEXT + 1);
        let table = table(format!("编号,问题\np1,{long}\n").as_bytes());
        assert_eq!(table.cell(1, 1), &Cell::TooLong(MAX_TEXT + 1));
        let mut many = String::from("编号\n");
        for n in 0..MAX_ROWS {
            many.push_str(&format!("p{n}\n"));
        }
        let (book, _) = read_csv(many.as_bytes());
        assert!(book.tables.is_empty());
        assert_eq!(
            book.problems[0].at,
            At::Line {
                line: MAX_ROWS + 1,
                column: 1
            }
        );
        assert!(book.problems[0].message.contains("100,000 rows"));
        let wide = format!("编号{}x\n", ",".repeat(MAX_COLUMNS));
        assert!(read_csv(wide.as_bytes()).0.problems[0].message.contains("512 columns"));
        // Empty cells at the end of a row do not count.
        let trailing = format!("编号{}\n", ",".repeat(MAX_COLUMNS * 2));
        assert_eq!(self::table(trailing.as_bytes()).rows[0].len(), 1);
    }
}
