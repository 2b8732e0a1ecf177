//! One worksheet read as a stream of cells into a [`Table`], within the
//! limits: a value past [`MAX_ROWS`] or [`MAX_COLUMNS`] is refused at its
//! cell before its row is made, the cells of a workbook count against
//! [`MAX_CELLS`], and the merged regions (`<mergeCells>`, after the cells)
//! are checked before they fill their cells with the value of their first.
//! Nothing is allocated from what the sheet says of its own size
//! (`<dimension>`), which is not to be trusted. A formula saved without its
//! value, and a text longer than a cell holds, become cells that say so.

use quick_xml::events::Event;

use super::part::{NOT_EXCEL, Text, Xml, raw_attributes, unescape_excel};
use super::strings::{Strings, read_rich, text_cell};
use super::styles::{Format, serial_date};
use crate::sheets::csv::too_many_cells;
use crate::sheets::limits::{MAX_CELLS, MAX_COLUMNS, MAX_MERGED, MAX_ROWS, thousands};
use crate::sheets::{At, Cell, Problem, Table, cell_name};

/// What the cells of a sheet are read with.
pub(super) struct Context<'w> {
    pub(super) strings: &'w Strings,
    pub(super) formats: &'w [Format],
    pub(super) date1904: bool,
}

/// The cells of a sheet as read so far.
struct Grid<'c> {
    sheet: String,
    rows: Vec<Vec<Cell>>,
    /// Cells of the workbook so far.
    cells: &'c mut usize,
}

impl Grid<'_> {
    fn at(&self, row: usize, column: usize) -> At {
        At::Cell {
            sheet: self.sheet.clone(),
            row,
            column,
        }
    }

    /// Makes room for the cell at `row`, `column` (both within the limits).
    fn reach(&mut self, row: usize, column: usize) -> Result<(), Problem> {
        if self.rows.len() <= row {
            self.rows.resize_with(row + 1, Vec::new);
        }
        let cells = &mut self.rows[row];
        if cells.len() <= column {
            *self.cells += column + 1 - cells.len();
            if *self.cells > MAX_CELLS {
                return Err(too_many_cells(self.at(row, column)));
            }
            cells.resize(column + 1, Cell::Empty);
        }
        Ok(())
    }
}

/// The problem of a cell or region at `row`, `column` past the limits.
fn beyond(at: At, row: u64, column: u64, what: &str) -> Problem {
    let message = if column >= MAX_COLUMNS as u64 {
        let last = column_name(MAX_COLUMNS as u64 - 1);
        format!(
            "{what} in column {}, past the {MAX_COLUMNS} columns (A to {last}) a data sheet may have",
            column_name(column)
        )
    } else {
        format!(
            "{what} in row {}, past the {} rows a data sheet may have",
            row + 1,
            thousands(MAX_ROWS)
        )
    };
    Problem::error(at, message).with_hint(format!(
        "a data sheet holds at most {} rows and {MAX_COLUMNS} columns; delete what lies beyond them, or split the sheet",
        thousands(MAX_ROWS)
    ))
}

/// The letters of column `column` (from 0).
fn column_name(column: u64) -> String {
    let name = cell_name(0, usize::try_from(column).unwrap_or(usize::MAX / 2));
    name.trim_end_matches('1').to_string()
}

/// A cell reference (`AB12`) as row and column from 0; the numbers may be
/// far past the limits (they are checked by the caller), never overflow.
fn reference(text: &str) -> Option<(u64, u64)> {
    let text = text.trim().trim_start_matches('$');
    let letters = text.bytes().take_while(u8::is_ascii_alphabetic).count();
    let (column, row) = text.split_at(letters);
    let row = row.trim_start_matches('$');
    if letters == 0 || letters > 8 || row.is_empty() || row.len() > 12 || !row.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let column = column
        .bytes()
        .fold(0u64, |n, b| n * 26 + u64::from(b.to_ascii_uppercase() - b'A' + 1));
    let row: u64 = row.parse().ok()?;
    (row >= 1).then(|| (row - 1, column - 1))
}

/// The sheet named `name` from the part `xml`; `cells` counts the cells of
/// the workbook.
pub(super) fn read_sheet(xml: &mut Xml<'_, '_>, name: &str, context: &Context<'_>, cells: &mut usize) -> Result<Table, Problem> {
    let mut grid = Grid {
        sheet: name.to_string(),
        rows: Vec::new(),
        cells,
    };
    let mut merged: Vec<(usize, usize, usize, usize)> = Vec::new();
    // Where the next cell is when it does not say (rows and cells may
    // leave out their `r`).
    let (mut row, mut column) = (0u64, 0u64);
    let mut buf = Vec::new();
    let mut scratch = Scratch::default();
    loop {
        match xml.event(&mut buf)? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"row" => {
                    if let Some(r) = xml.attribute(&e, b"r").and_then(|r| r.trim().parse::<u64>().ok()) {
                        row = r.saturating_sub(1);
                    }
                    column = 0;
                }
                b"c" => {
                    let [r, kind, style] = raw_attributes(&e, [b"r", b"t", b"s"]);
                    if let Some(r) = r {
                        let r = String::from_utf8_lossy(&r);
                        let (at_row, at_column) = reference(&r)
                            .ok_or_else(|| Problem::error(At::File, format!("sheet `{name}`: `{r}` is not a cell")).with_hint(NOT_EXCEL))?;
                        (row, column) = (at_row, at_column);
                    }
                    let style = style.and_then(|s| std::str::from_utf8(&s).ok()?.trim().parse::<usize>().ok());
                    let cell = read_cell(xml, kind.as_deref(), style, context, &mut scratch)?;
                    if !matches!(cell, Cell::Empty) {
                        if row >= MAX_ROWS as u64 || column >= MAX_COLUMNS as u64 {
                            let at = grid.at(row as usize, column as usize);
                            return Err(beyond(at, row, column, "a value"));
                        }
                        let (r, c) = (row as usize, column as usize);
                        grid.reach(r, c)?;
                        grid.rows[r][c] = cell;
                    }
                    column = column.saturating_add(1);
                }
                b"mergeCell" => {
                    let Some(region) = xml.attribute(&e, b"ref") else { continue };
                    let region = merged_region(&grid, &region)?;
                    if merged.len() == MAX_MERGED {
                        return Err(Problem::error(
                            grid.at(region.0, region.1),
                            format!("more than {} merged regions", thousands(MAX_MERGED)),
                        )
                        .with_hint("unmerge the cells: a data sheet needs few merged regions (a title, a list spread over columns)"));
                    }
                    merged.push(region);
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == b"row" => {
                row = row.saturating_add(1);
                column = 0;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    fill_merged(&mut grid, &merged)?;
    Ok(Table {
        name: grid.sheet,
        rows: grid.rows,
    })
}

/// A merged region `A1:C2` as first and last row and column, within the
/// limits.
fn merged_region(grid: &Grid<'_>, region: &str) -> Result<(usize, usize, usize, usize), Problem> {
    let (first, last) = region.split_once(':').unwrap_or((region, region));
    let (Some((r0, c0)), Some((r1, c1))) = (reference(first), reference(last)) else {
        return Err(Problem::error(At::File, format!("sheet `{}`: `{region}` is not a merged region", grid.sheet)).with_hint(NOT_EXCEL));
    };
    let (r0, r1) = (r0.min(r1), r0.max(r1));
    let (c0, c1) = (c0.min(c1), c0.max(c1));
    if r1 >= MAX_ROWS as u64 || c1 >= MAX_COLUMNS as u64 {
        let at = grid.at(r0 as usize, c0 as usize);
        let (row, column) = if c1 >= MAX_COLUMNS as u64 { (r0, c1) } else { (r1, c0) };
        return Err(beyond(at, row, column, &format!("merged region {region} ends")));
    }
    Ok((r0 as usize, c0 as usize, r1 as usize, c1 as usize))
}

/// Fills each merged region's empty cells with the value of its first
/// cell, within the rows the sheet has; what is filled counts against
/// [`MAX_CELLS`].
fn fill_merged(grid: &mut Grid<'_>, merged: &[(usize, usize, usize, usize)]) -> Result<(), Problem> {
    let mut covered = 0usize;
    for &(r0, c0, r1, c1) in merged {
        let value = grid.rows.get(r0).and_then(|r| r.get(c0)).cloned().unwrap_or(Cell::Empty);
        if value.is_empty() || r0 >= grid.rows.len() {
            continue;
        }
        let r1 = r1.min(grid.rows.len() - 1);
        covered += (r1 - r0 + 1) * (c1 - c0 + 1);
        if covered > MAX_CELLS {
            return Err(too_many_cells(grid.at(r0, c0)));
        }
        for row in r0..=r1 {
            grid.reach(row, c1)?;
            for cell in &mut grid.rows[row][c0..=c1] {
                if cell.is_empty() {
                    *cell = value.clone();
                }
            }
        }
    }
    Ok(())
}

/// What reading a cell needs, kept from cell to cell (a sheet has many).
#[derive(Default)]
struct Scratch {
    buf: Vec<u8>,
    value: Text,
    formula: Text,
    inline: Text,
}

/// The value of the cell element `c` just started (with its `<v>`, `<f>`
/// or `<is>`), of type `kind` (its `t`) and style `style`, as the cell
/// shows it.
fn read_cell(
    xml: &mut Xml<'_, '_>,
    kind: Option<&[u8]>,
    style: Option<usize>,
    context: &Context<'_>,
    scratch: &mut Scratch,
) -> Result<Cell, Problem> {
    let Scratch {
        buf,
        value,
        formula,
        inline,
    } = scratch;
    let (mut has_value, mut has_formula, mut has_inline) = (false, false, false);
    loop {
        match xml.event(buf)? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"v" => {
                    value.clear();
                    has_value = true;
                    xml.text_into(b"v", value)?;
                }
                b"f" => {
                    formula.clear();
                    has_formula = true;
                    xml.text_into(b"f", formula)?;
                }
                b"is" => {
                    inline.clear();
                    has_inline = true;
                    read_rich(xml, b"is", inline)?;
                }
                _ => {
                    let e = e.into_owned();
                    xml.skip(&e)?;
                }
            },
            Event::End(e) if e.local_name().as_ref() == b"c" => break,
            Event::Eof => return Err(xml.truncated()),
            _ => {}
        }
    }
    if has_inline {
        return Ok(if inline.too_long() {
            Cell::TooLong(inline.chars)
        } else {
            text_cell(&unescape_excel(&inline.value))
        });
    }
    if !has_value {
        return Ok(match has_formula {
            true => Cell::Formula(shortened(&formula.value)),
            false => Cell::Empty,
        });
    }
    if value.too_long() {
        return Ok(Cell::TooLong(value.chars));
    }
    let text = value.value.trim();
    Ok(match kind.unwrap_or(b"n") {
        b"s" => match text.parse::<usize>().ok().and_then(|i| context.strings.cell(i)) {
            Some(cell) => cell,
            None if text.is_empty() => Cell::Empty,
            None => Cell::Error(format!("shared string {text} is missing")),
        },
        b"str" | b"inlineStr" => text_cell(&unescape_excel(&value.value)),
        b"b" => Cell::Bool(text != "0" && !text.eq_ignore_ascii_case("false")),
        b"e" => Cell::Error(text.to_string()),
        b"d" => text
            .get(..10)
            .and_then(|d| d.parse().ok())
            .map_or_else(|| text_cell(text), Cell::Date),
        _ if text.is_empty() => Cell::Empty,
        _ => match text.parse::<f64>() {
            Ok(number) => match style.and_then(|s| context.formats.get(s)) {
                Some(Format::Date) => serial_date(number, context.date1904).map_or_else(|| Cell::Error(text.to_string()), Cell::Date),
                _ => Cell::Number(number),
            },
            Err(_) => text_cell(text),
        },
    })
}

/// A formula as a message quotes it: its first 40 characters.
fn shortened(formula: &str) -> String {
    let formula = formula.trim();
    match formula.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &formula[..at]),
        None => formula.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_read_without_overflow() {
        assert_eq!(reference("A1"), Some((0, 0)));
        assert_eq!(reference("C12"), Some((11, 2)));
        assert_eq!(reference("$AB$5"), Some((4, 27)));
        assert_eq!(reference("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(reference("ZZZZZZZZ999999999999"), Some((999_999_999_998, 217_180_147_157)));
        assert_eq!(reference("A0"), None);
        assert_eq!(reference("12"), None);
        assert_eq!(reference("A1B"), None);
        assert_eq!(column_name(16_383), "XFD");
        assert_eq!(column_name(511), "SR");
    }

    #[test]
    fn formulas_are_quoted_short() {
        assert_eq!(shortened(" IF(A1>0,\"是\",\"否\") "), "IF(A1>0,\"是\",\"否\")");
        assert_eq!(shortened(&"A".repeat(50)).chars().count(), 41);
    }
}
