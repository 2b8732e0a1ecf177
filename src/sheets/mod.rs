//! Spreadsheets, in and out: the one module that reads workbooks (zip and
//! quick-xml, [`xlsx`]), CSV files ([`csv`]) and writes them
//! (rust_xlsxwriter, csv). Reading gives plain [`Table`]s of [`Cell`]s
//! (every sheet of a workbook, merged cells filled in, Excel dates as
//! dates; a CSV as one table, UTF-8 or the GBK that Excel writes on Chinese
//! Windows) within the [`limits`], and the [`Problem`]s met on the way,
//! each at its cell or line; writing takes [`Sheet`]s of headers and rows
//! and gives the bytes of a workbook (frozen header row, column widths,
//! dates formatted) or a CSV that Excel opens as UTF-8. What a table means
//! is the caller's business.

mod csv;
pub(crate) mod limits;
mod write;
mod xlsx;

pub(crate) use self::csv::read_csv;
pub(crate) use write::{csv_bytes, xlsx_bytes};
pub(crate) use xlsx::read_xlsx;

use crate::calendar::Date;

/// One value of a cell as read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    Date(Date),
    /// A formula error (`#N/A`) or a value that is no date.
    Error(String),
    /// A formula saved without its value (as programs other than Excel
    /// write them): the formula, shortened.
    Formula(String),
    /// Text of this many characters, more than a cell holds
    /// ([`limits::MAX_TEXT`]); not kept.
    TooLong(usize),
}

impl Cell {
    pub(crate) fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, as a person would read it in the sheet.
    pub(crate) fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) => text.trim().to_string(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => format!("{n}"),
            Cell::Bool(true) => "TRUE".to_string(),
            Cell::Bool(false) => "FALSE".to_string(),
            Cell::Date(date) => date.to_string(),
            Cell::Error(error) => error.clone(),
            Cell::Formula(_) | Cell::TooLong(_) => String::new(),
        }
    }
}

/// A sheet as read: its name and its rows, from the first row of the sheet
/// (row 0 is Excel's row 1) and column A.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Table {
    pub(crate) name: String,
    pub(crate) rows: Vec<Vec<Cell>>,
}

impl Table {
    /// The cell at `row`, `column` (empty beyond the data).
    pub(crate) fn cell(&self, row: usize, column: usize) -> &Cell {
        self.rows.get(row).and_then(|r| r.get(column)).unwrap_or(&Cell::Empty)
    }
}

/// Where in a file a [`Problem`] is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum At {
    /// The file as a whole.
    File,
    /// A cell of a sheet (of a CSV file: `sheet` is empty), from 0.
    Cell { sheet: String, row: usize, column: usize },
    /// A line and column of a text file, from 1.
    Line { line: usize, column: usize },
}

/// Something wrong with a file as read: an error (the file's tables are
/// not given) or a warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub(crate) error: bool,
    pub(crate) message: String,
    pub(crate) hint: Option<String>,
    pub(crate) at: At,
}

impl Problem {
    pub(crate) fn error(at: At, message: impl Into<String>) -> Problem {
        Problem {
            error: true,
            message: message.into(),
            hint: None,
            at,
        }
    }

    pub(crate) fn warning(at: At, message: impl Into<String>) -> Problem {
        Problem {
            error: false,
            ..Problem::error(at, message)
        }
    }

    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Problem {
        self.hint = Some(hint.into());
        self
    }
}

/// A file as read: its tables (none when there is an error among the
/// problems) and the problems.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Book {
    pub(crate) tables: Vec<Table>,
    pub(crate) problems: Vec<Problem>,
}

impl Book {
    /// A book of `tables`, or of none when `problems` hold an error.
    pub(crate) fn new(tables: Vec<Table>, problems: Vec<Problem>) -> Book {
        let tables = if problems.iter().any(|p| p.error) { Vec::new() } else { tables };
        Book { tables, problems }
    }

    /// The book of a file that cannot be read at all.
    pub(crate) fn unreadable(problem: Problem) -> Book {
        Book::new(Vec::new(), vec![problem])
    }
}

/// The name of a cell as Excel shows it: `C12` for row 11, column 2
/// (both from 0).
pub(crate) fn cell_name(row: usize, column: usize) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        let rest = (n - 1) % 26;
        letters.push(b'A' + rest as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

/// A value to write into a cell.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Text(String),
    Number(f64),
    Date(Date),
    Empty,
}

/// A sheet to write: its name, column headers and widths (in characters),
/// and rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Sheet {
    pub(crate) name: String,
    pub(crate) headers: Vec<String>,
    pub(crate) widths: Vec<f64>,
    pub(crate) rows: Vec<Vec<Value>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_excel_names_them() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(11, 2), "C12");
        assert_eq!(cell_name(0, 25), "Z1");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(4, 27), "AB5");
    }

    #[test]
    fn what_is_written_reads_back() {
        let sheet = Sheet {
            name: "问题台账".to_string(),
            headers: vec!["编号".into(), "问题".into(), "登记日期".into(), "数量".into()],
            widths: vec![10.0, 30.0, 12.0, 8.0],
            rows: vec![
                vec![
                    Value::Text("p1".into()),
                    Value::Text("用电难".into()),
                    Value::Date("2013-07-20".parse().unwrap()),
                    Value::Number(3.5),
                ],
                vec![Value::Text("p2".into()), Value::Empty, Value::Empty, Value::Number(12.0)],
            ],
        };
        let created: Date = "2013-08-01".parse().unwrap();
        let bytes = xlsx_bytes(std::slice::from_ref(&sheet), created).unwrap();
        assert_eq!(
            bytes,
            xlsx_bytes(std::slice::from_ref(&sheet), created).unwrap(),
            "the same bytes each time"
        );
        let tables = read_xlsx(&bytes).tables;
        assert_eq!(tables.len(), 1);
        let table = &tables[0];
        assert_eq!(table.name, "问题台账");
        assert_eq!(table.cell(0, 1), &Cell::Text("问题".into()));
        assert_eq!(table.cell(1, 2), &Cell::Date("2013-07-20".parse().unwrap()));
        assert_eq!(table.cell(1, 3), &Cell::Number(3.5));
        assert!(table.cell(2, 1).is_empty());
        let csv = csv_bytes(&sheet);
        assert!(csv.starts_with(b"\xEF\xBB\xBF"), "a BOM, so that Excel reads UTF-8");
        let table = read_csv(&csv).0.tables.remove(0);
        assert_eq!(table.cell(1, 2), &Cell::Text("2013-07-20".into()));
        assert_eq!(table.cell(2, 3), &Cell::Text("12".into()));
    }

    #[test]
    fn downloads_never_carry_controls_or_bidi_overrides() {
        let sheet = Sheet {
            name: "x".into(),
            headers: vec!["问\u{0}题".into()],
            widths: Vec::new(),
            rows: vec![
                vec![Value::Text("用电\u{202e}难\u{1}\u{fffe}\u{2066}".into())],
                vec![Value::Text("\u{202d}=1+1".into())],
            ],
        };
        let text = String::from_utf8(csv_bytes(&sheet)).unwrap();
        assert_eq!(text, "\u{feff}问题\n用电难\n'=1+1\n");
        let bytes = xlsx_bytes(&[sheet], "2013-08-01".parse().unwrap()).unwrap();
        let table = read_xlsx(&bytes).tables.remove(0);
        assert_eq!(table.cell(0, 0), &Cell::Text("问题".into()));
        assert_eq!(table.cell(1, 0), &Cell::Text("用电难".into()));
    }

    #[test]
    fn csv_cells_never_start_a_formula() {
        let sheet = Sheet {
            name: "x".into(),
            headers: vec!["a".into()],
            widths: Vec::new(),
            rows: ["=HYPERLINK(\"http://x\")", "+1", "@SUM(A1)", "-5.0", "-x", "正常"]
                .iter()
                .map(|t| vec![Value::Text(t.to_string())])
                .collect(),
        };
        let text = String::from_utf8(csv_bytes(&sheet)).unwrap();
        let cells: Vec<&str> = text.trim_start_matches('\u{feff}').lines().skip(1).collect();
        assert_eq!(
            cells,
            ["\"'=HYPERLINK(\"\"http://x\"\")\"", "'+1", "'@SUM(A1)", "-5.0", "'-x", "正常"]
        );
    }
}
