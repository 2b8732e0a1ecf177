//! Where a record or field of a data file is written, whatever the form of
//! the file: a line and column of YAML text ([`Locator`]), or a cell of a
//! sheet ([`SheetPlaces`], noted while the sheet was read). Checks ask a
//! [`Where`] and report at the [`Spot`] it gives, so an error in a register
//! kept in Excel names `问题台账!C12`.

use std::collections::BTreeMap;

use super::locate::Locator;
use crate::sheets::cell_name;

/// A cell of a sheet, from 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CellRef {
    pub(crate) sheet: String,
    pub(crate) row: usize,
    pub(crate) column: usize,
}

/// A place to report at: 1-based line and column, and the cell when the
/// file is a sheet (its row and column then stand in for line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Spot {
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) cell: Option<CellRef>,
}

impl Spot {
    /// The place `line:column` of a text file.
    pub(crate) fn text(line: usize, column: usize) -> Spot {
        Spot { line, column, cell: None }
    }

    /// The place of a cell.
    pub(crate) fn cell(cell: CellRef) -> Spot {
        Spot {
            line: cell.row + 1,
            column: cell.column + 1,
            cell: Some(cell),
        }
    }

    /// `("问题台账", "C12")` for a cell.
    pub(crate) fn cell_label(&self) -> Option<(String, String)> {
        self.cell.as_ref().map(|c| (c.sheet.clone(), cell_name(c.row, c.column)))
    }
}

/// Where the records of a sheet were read from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SheetPlaces {
    pub(crate) records: Vec<RecordPlace>,
}

/// One record of a sheet: its first cell, the cell of each field, and the
/// records nested in it (a project's updates, from their own sheet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RecordPlace {
    pub(crate) row: CellRef,
    pub(crate) fields: BTreeMap<String, CellRef>,
    pub(crate) nested: Vec<RecordPlace>,
}

impl RecordPlace {
    fn field(&self, key: &str) -> Spot {
        Spot::cell(self.fields.get(key).cloned().unwrap_or_else(|| self.row.clone()))
    }
}

/// Where to find things in one data file.
#[derive(Debug)]
pub(crate) enum Where<'a> {
    Text(Locator<'a>),
    Sheet(&'a SheetPlaces),
}

impl Where<'_> {
    fn record_place(&self, index: usize) -> Option<&RecordPlace> {
        match self {
            Where::Sheet(places) => places.records.get(index),
            Where::Text(_) => None,
        }
    }

    /// The value of `key` in record `index`.
    pub(crate) fn field(&self, index: usize, key: &str) -> Spot {
        match self {
            Where::Text(locator) => {
                let (line, column) = locator.field(index, key);
                Spot::text(line, column)
            }
            Where::Sheet(_) => self.record_place(index).map_or_else(|| Spot::text(1, 1), |r| r.field(key)),
        }
    }

    /// `value` in the list `key` of record `index` (in a sheet: the cell
    /// that holds the list).
    pub(crate) fn list_element(&self, index: usize, key: &str, value: &str) -> Spot {
        match self {
            Where::Text(locator) => {
                let (line, column) = locator.list_element(index, key, value);
                Spot::text(line, column)
            }
            Where::Sheet(_) => self.field(index, key),
        }
    }

    /// `key` of item `item` of the nested list `list` of record `index`.
    pub(crate) fn nested_field(&self, index: usize, list: &str, item: usize, key: &str) -> Spot {
        match self {
            Where::Text(locator) => {
                let (line, column) = locator.nested_field(index, list, item, key);
                Spot::text(line, column)
            }
            Where::Sheet(_) => match self.record_place(index) {
                Some(record) => record.nested.get(item).map_or_else(|| record.field(list), |n| n.field(key)),
                None => Spot::text(1, 1),
            },
        }
    }

    /// `key` of the mapping `map` of record `index` (`gross_output: {food}`;
    /// in a sheet, the field `map.key`).
    pub(crate) fn map_key(&self, index: usize, map: &str, key: &str) -> Spot {
        match self {
            Where::Text(locator) => {
                let (line, column) = locator.map_key(index, map, key);
                Spot::text(line, column)
            }
            Where::Sheet(_) => self.field(index, &format!("{map}.{key}")),
        }
    }
}
