//! Writing [`Sheet`]s as an `.xlsx` workbook (rust_xlsxwriter) or a CSV
//! file. Both are byte for byte the same for the same sheets: the
//! workbook's creation time is given, not taken from the clock.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

use super::limits::{MAX_TEXT, thousands};
use super::{Sheet, Value};
use crate::calendar::Date;

fn excel_date(date: Date) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(date.year as u16, date.month as u8, date.day as u8)
}

/// The workbook of `sheets`, created (as its properties say) on `created`.
/// A text longer than a cell holds is refused naming its sheet and cell
/// (the data's own texts are refused when they are read; a text made of
/// them, such as a long list, could still be).
pub(crate) fn xlsx_bytes(sheets: &[Sheet], created: Date) -> Result<Vec<u8>, String> {
    for sheet in sheets {
        for (index, row) in sheet.rows.iter().enumerate() {
            for (column, value) in row.iter().enumerate() {
                if let Value::Text(text) = value
                    && text.len() > MAX_TEXT
                    && text.chars().count() > MAX_TEXT
                {
                    return Err(format!(
                        "cannot write the workbook: cell {} of sheet `{}` would hold {} characters, more than the {} a cell holds",
                        super::cell_name(index + 1, column),
                        sheet.name,
                        thousands(text.chars().count()),
                        thousands(MAX_TEXT)
                    ));
                }
            }
        }
    }
    write_xlsx(sheets, created).map_err(|e| format!("cannot write the workbook: {e}"))
}

fn write_xlsx(sheets: &[Sheet], created: Date) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&excel_date(created)?));
    let header = Format::new()
        .set_bold()
        .set_background_color(0xF2F4F7)
        .set_border_bottom(rust_xlsxwriter::FormatBorder::Thin);
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for sheet in sheets {
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(&sheet.name)?;
        for (column, title) in sheet.headers.iter().enumerate() {
            let column = column as u16;
            worksheet.write_string_with_format(0, column, crate::chars::scrub(title), &header)?;
            let width = sheet.widths.get(usize::from(column)).copied().unwrap_or(12.0);
            worksheet.set_column_width(column, width)?;
        }
        worksheet.set_freeze_panes(1, 0)?;
        // Printed as offices print registers: A4 landscape, all columns
        // on the width of the page, the header row on every page.
        worksheet.set_paper_size(9);
        worksheet.set_landscape();
        worksheet.set_print_fit_to_pages(1, 0);
        worksheet.set_repeat_rows(0, 0)?;
        for (index, row) in sheet.rows.iter().enumerate() {
            let row_number = index as u32 + 1;
            for (column, value) in row.iter().enumerate() {
                let column = column as u16;
                match value {
                    Value::Text(text) => {
                        worksheet.write_string(row_number, column, crate::chars::scrub(text))?;
                    }
                    Value::Number(number) => {
                        worksheet.write_number(row_number, column, *number)?;
                    }
                    Value::Date(day) => {
                        worksheet.write_date_with_format(row_number, column, &excel_date(*day)?, &date)?;
                    }
                    Value::Empty => {}
                }
            }
        }
    }
    workbook.save_to_buffer()
}

/// `text` as a CSV cell that a spreadsheet shows as text: without NUL,
/// controls and the bidi controls that would disguise it
/// ([`crate::chars::scrub`]), and led by an apostrophe when it would start
/// a formula (`=`, `+`, `@`, a `-` not starting a number), as OWASP advises
/// against CSV injection.
fn inert(text: &str) -> String {
    let text = crate::chars::scrub(text);
    let text = text.as_ref();
    let formula = match text.chars().next() {
        Some('=' | '+' | '@' | '\t' | '\r') => true,
        Some('-') => text.parse::<f64>().is_err(),
        _ => false,
    };
    if formula { format!("'{text}") } else { text.to_string() }
}

/// `sheet` as CSV: UTF-8 with a byte-order mark (so that Excel and WPS
/// read the Chinese right), headers first, dates as `YYYY-MM-DD`.
pub(crate) fn csv_bytes(sheet: &Sheet) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new().from_writer(b"\xEF\xBB\xBF".to_vec());
    let text = |value: &Value| match value {
        Value::Text(text) => inert(text),
        Value::Number(number) if number.fract() == 0.0 && number.abs() < 1e15 => format!("{}", *number as i64),
        Value::Number(number) => format!("{number}"),
        Value::Date(date) => date.to_string(),
        Value::Empty => String::new(),
    };
    // Writing to memory cannot fail.
    let _ = writer.write_record(sheet.headers.iter().map(|header| inert(header)));
    for row in &sheet.rows {
        let _ = writer.write_record(row.iter().map(text));
    }
    writer.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_longer_than_a_cell_holds_is_named_at_its_cell() {
        let sheet = Sheet {
            name: "问题台账".into(),
            headers: vec!["编号".into(), "责任单位".into()],
            widths: Vec::new(),
            rows: vec![vec![Value::Text("p1".into()), Value::Text("县".repeat(MAX_TEXT + 1))]],
        };
        let error = xlsx_bytes(&[sheet], "2013-08-01".parse().unwrap()).unwrap_err();
        assert_eq!(
            error,
            "cannot write the workbook: cell B2 of sheet `问题台账` would hold 32,768 characters, more than the 32,767 a cell holds"
        );
    }
}
