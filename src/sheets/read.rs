//! Reading workbooks (calamine) and CSV files (csv, with encoding_rs for
//! the GBK of Excel on Chinese Windows) into [`Table`]s.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::{Cell, Table};
use crate::calendar::Date;

/// More cells than any register holds: a sheet claiming more is refused
/// rather than read into memory.
const MAX_CELLS: usize = 20_000_000;

/// Every sheet of the `.xlsx` workbook `bytes`, in the workbook's order,
/// with merged cells holding the value of their region.
pub(crate) fn read_xlsx(bytes: &[u8]) -> Result<Vec<Table>, String> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| format!("not a readable .xlsx workbook: {e}"))?;
    let merged = workbook
        .load_merged_regions()
        .map(|()| workbook.merged_regions().clone())
        .unwrap_or_default();
    let names = workbook.sheet_names().to_vec();
    let mut tables = Vec::with_capacity(names.len());
    for name in names {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|e| format!("sheet `{name}` cannot be read: {e}"))?;
        let (height, width) = range.get_size();
        if height.saturating_mul(width) > MAX_CELLS {
            return Err(format!(
                "sheet `{name}` has {height} × {width} cells, more than a register can hold"
            ));
        }
        let (top, left) = range.start().map_or((0, 0), |(r, c)| (r as usize, c as usize));
        let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); top];
        for row in range.rows() {
            let mut cells = vec![Cell::Empty; left];
            cells.extend(row.iter().map(cell_of));
            rows.push(cells);
        }
        for (sheet, _, region) in &merged {
            if *sheet != name {
                continue;
            }
            let (r0, c0) = (region.start.0 as usize, region.start.1 as usize);
            let (r1, c1) = (region.end.0 as usize, region.end.1 as usize);
            let value = rows.get(r0).and_then(|r| r.get(c0)).cloned().unwrap_or(Cell::Empty);
            for row in rows.iter_mut().take(r1 + 1).skip(r0) {
                if row.len() <= c1 {
                    row.resize(c1 + 1, Cell::Empty);
                }
                for cell in row.iter_mut().take(c1 + 1).skip(c0) {
                    if cell.is_empty() {
                        *cell = value.clone();
                    }
                }
            }
        }
        tables.push(Table { name, rows });
    }
    Ok(tables)
}

fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::Int(n) => Cell::Number(*n as f64),
        Data::Float(n) => Cell::Number(*n),
        Data::String(text) => Cell::Text(text.clone()),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(datetime) if datetime.is_datetime() => {
            let (year, month, day, ..) = datetime.to_ymd_hms_milli();
            Date::new(i32::from(year), u32::from(month), u32::from(day))
                .map_or_else(|| Cell::Error(format!("{}", datetime.as_f64())), Cell::Date)
        }
        Data::DateTime(datetime) => Cell::Number(datetime.as_f64()),
        Data::DateTimeIso(text) => text
            .get(..10)
            .and_then(|d| d.parse().ok())
            .map_or_else(|| Cell::Text(text.clone()), Cell::Date),
        Data::DurationIso(text) => Cell::Text(text.clone()),
        Data::Error(error) => Cell::Error(format!("{error}")),
    }
}

/// The CSV file `bytes` as one table of text cells; also `true` when it was
/// GBK (as Excel saves "CSV" on Chinese Windows) rather than UTF-8. Excel's
/// "Unicode text" (UTF-16, tab-separated) is read too.
pub(crate) fn read_csv(bytes: &[u8]) -> Result<(Table, bool), String> {
    let (text, gbk) = if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _, had_errors) = encoding.decode(bytes);
        if had_errors {
            return Err(format!("the file is not valid {} text", encoding.name()));
        }
        (text.into_owned(), false)
    } else {
        match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_string(), false),
            Err(_) => {
                let (text, _, had_errors) = encoding_rs::GBK.decode(bytes);
                if had_errors {
                    return Err("the file is neither UTF-8 nor GBK text".to_string());
                }
                (text.into_owned(), true)
            }
        }
    };
    if text.contains('\0') {
        return Err("the file is not text".to_string());
    }
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.contains('\t') && !first_line.contains(',') {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("not a readable CSV file: {e}"))?;
        rows.push(
            record
                .iter()
                .map(|field| {
                    if field.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(field.to_string())
                    }
                })
                .collect(),
        );
    }
    Ok((Table { name: String::new(), rows }, gbk))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_from_excel_is_read() {
        let (bytes, _, _) = encoding_rs::GBK.encode("编号,问题\np1,用电难\n");
        let (table, gbk) = read_csv(&bytes).unwrap();
        assert!(gbk);
        assert_eq!(table.cell(1, 1), &Cell::Text("用电难".into()));
        assert!(read_csv(b"a,b\n\x00\x01\x02").is_err(), "binary");
        // Excel's "Unicode text": UTF-16 with tabs.
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("编号\t问题\np1\t用电难\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let (table, _) = read_csv(&utf16).unwrap();
        assert_eq!(table.cell(1, 1), &Cell::Text("用电难".into()));
    }

    #[test]
    fn quoted_fields_and_ragged_rows() {
        let (table, gbk) = read_csv("编号,单位\n\"p1\",\"县商务局、县水务局\"\np2\n".as_bytes()).unwrap();
        assert!(!gbk);
        assert_eq!(table.cell(1, 1), &Cell::Text("县商务局、县水务局".into()));
        assert_eq!(table.cell(2, 1), &Cell::Empty);
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(read_xlsx(b"PK\x03\x04 not really").is_err());
        assert!(read_xlsx(b"").is_err());
    }
}
