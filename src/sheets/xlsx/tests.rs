//! Workbooks written part by part, as other programs write them and as an
//! attacker would, read back.

use std::io::Write;

use super::read_xlsx;
use crate::sheets::limits::{MAX_MERGED, MAX_TEXT};
use crate::sheets::{At, Book, Cell};

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELATIONSHIP: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A workbook of the sheets `sheets` (name and the XML inside
/// `<worksheet>`), with shared strings and styles when given.
fn workbook(sheets: &[(&str, &str)], strings: Option<&str>, styles: Option<&str>) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut part = |name: &str, text: &str| {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    };
    let mut listed = String::new();
    let mut relationships = String::new();
    for (i, (name, xml)) in sheets.iter().enumerate() {
        let n = i + 1;
        listed.push_str(&format!("<sheet name=\"{name}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>"));
        relationships.push_str(&format!(
            "<Relationship Id=\"rId{n}\" Type=\"{RELATIONSHIP}/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"
        ));
        part(
            &format!("xl/worksheets/sheet{n}.xml"),
            &format!("<worksheet xmlns=\"{MAIN}\">{xml}</worksheet>"),
        );
    }
    if let Some(strings) = strings {
        relationships.push_str(&format!(
            "<Relationship Id=\"rS\" Type=\"{RELATIONSHIP}/sharedStrings\" Target=\"/xl/sharedStrings.xml\"/>"
        ));
        part("xl/sharedStrings.xml", &format!("<sst xmlns=\"{MAIN}\">{strings}</sst>"));
    }
    if let Some(styles) = styles {
        relationships.push_str(&format!(
            "<Relationship Id=\"rT\" Type=\"{RELATIONSHIP}/styles\" Target=\"styles.xml\"/>"
        ));
        part("xl/styles.xml", &format!("<styleSheet xmlns=\"{MAIN}\">{styles}</styleSheet>"));
    }
    part(
        "xl/workbook.xml",
        &format!("<workbook xmlns=\"{MAIN}\" xmlns:r=\"{RELATIONSHIP}\"><workbookPr/><sheets>{listed}</sheets></workbook>"),
    );
    part(
        "xl/_rels/workbook.xml.rels",
        &format!("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{relationships}</Relationships>"),
    );
    zip.finish().unwrap().into_inner()
}

fn sheet(xml: &str) -> Book {
    read_xlsx(&workbook(&[("问题台账", xml)], None, None))
}

fn text(t: &str) -> Cell {
    Cell::Text(t.to_string())
}

#[test]
fn cells_of_every_kind_are_read() {
    let strings = "<si><t>编号</t></si><si><r><t>天德</t></r><r><rPr><b/></rPr><t>机械</t></r><rPh><t>てんとく</t></rPh></si><si><t>a_x000D_b &amp; c</t></si>";
    let styles = "<numFmts><numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/></numFmts>\
                  <cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"14\"/><xf numFmtId=\"31\"/></cellXfs>";
    let cells = "<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c></row>\
                 <row r=\"3\"><c r=\"A3\" s=\"1\"><v>41475</v></c><c s=\"2\"><v>41475.5</v></c><c s=\"3\"><v>41475</v></c><c s=\"0\"><v>3.5</v></c>\
                 <c t=\"b\"><v>1</v></c><c t=\"e\"><v>#N/A</v></c><c t=\"inlineStr\"><is><t xml:space=\"preserve\"> 在办 </t></is></c>\
                 <c t=\"str\"><f>A1&amp;\"x\"</f><v>编号x</v></c><c><f>SUM(A1:A2)</f></c><c r=\"L3\" s=\"1\"/><c t=\"d\"><v>2013-07-20T00:00:00</v></c></row></sheetData>";
    let book = read_xlsx(&workbook(&[("问题台账", cells)], Some(strings), Some(styles)));
    assert!(book.problems.is_empty(), "{:?}", book.problems);
    let table = &book.tables[0];
    assert_eq!(table.name, "问题台账");
    assert_eq!(table.rows[0], [text("编号"), text("天德机械"), text("a\rb & c")]);
    assert!(table.rows[1].is_empty());
    let date = Cell::Date("2013-07-20".parse().unwrap());
    assert_eq!(
        table.rows[2],
        [
            date.clone(),
            date.clone(),
            date.clone(),
            Cell::Number(3.5),
            Cell::Bool(true),
            Cell::Error("#N/A".into()),
            text(" 在办 "),
            text("编号x"),
            Cell::Formula("SUM(A1:A2)".into()),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            date,
        ][..]
    );
}

#[test]
fn merged_regions_take_the_value_of_their_first_cell() {
    let xml = "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>台账</t></is></c></row>\
               <row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>x</t></is></c></row>\
               <row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>y</t></is></c></row></sheetData>\
               <mergeCells><mergeCell ref=\"A1:C1\"/><mergeCell ref=\"A3:A9\"/><mergeCell ref=\"E20:F30\"/></mergeCells>";
    let book = sheet(xml);
    let table = &book.tables[0];
    assert_eq!(table.rows[0], [text("台账"), text("台账"), text("台账")]);
    assert_eq!(table.rows.len(), 3, "a region below the data makes no rows");
}

#[test]
fn a_value_past_the_limits_is_refused_at_its_cell() {
    let book = sheet(
        "<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"1048576\"><c r=\"XFD1048576\" t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData>",
    );
    assert!(book.tables.is_empty());
    let problem = &book.problems[0];
    assert_eq!(
        problem.at,
        At::Cell {
            sheet: "问题台账".into(),
            row: 1_048_575,
            column: 16_383
        }
    );
    assert!(problem.message.contains("column XFD, past the 512 columns"), "{}", problem.message);
    let book = sheet("<sheetData><row r=\"100001\"><c r=\"B100001\"><v>1</v></c></row></sheetData>");
    assert!(
        book.problems[0].message.contains("row 100001, past the 100,000 rows"),
        "{:?}",
        book.problems
    );
    // Empty cells and rows, formatted, further down are nothing.
    let book = sheet(
        "<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"1048576\" s=\"2\"><c r=\"XFD1048576\" s=\"1\"/></row></sheetData>",
    );
    assert!(book.problems.is_empty() && book.tables[0].rows.len() == 1);
}

#[test]
fn merged_regions_past_the_limits_or_too_many_are_refused() {
    let book = sheet(
        "<sheetData><row r=\"1\"><c r=\"C1\"><v>1</v></c></row></sheetData><mergeCells><mergeCell ref=\"C1:XFD200000\"/></mergeCells>",
    );
    let problem = &book.problems[0];
    assert_eq!(
        problem.at,
        At::Cell {
            sheet: "问题台账".into(),
            row: 0,
            column: 2
        }
    );
    assert!(
        problem.message.starts_with("merged region C1:XFD200000 ends in column XFD"),
        "{}",
        problem.message
    );
    let many = "<mergeCell ref=\"A1:B1\"/>".repeat(MAX_MERGED + 1);
    let book = sheet(&format!("<sheetData/><mergeCells>{many}</mergeCells>"));
    assert!(
        book.problems[0].message.contains("more than 100,000 merged regions"),
        "{:?}",
        book.problems
    );
    // Overlapping regions that would fill more than the cells allowed.
    let rows: String = (1..=20_000)
        .map(|r| format!("<row r=\"{r}\"><c r=\"A{r}\"><v>1</v></c></row>"))
        .collect();
    let wide = "<mergeCell ref=\"A1:SR20000\"/>".repeat(2);
    let book = sheet(&format!("<sheetData>{rows}</sheetData><mergeCells>{wide}</mergeCells>"));
    assert!(
        book.problems[0].message.contains("more than 5,000,000 cells"),
        "{:?}",
        book.problems
    );
}

#[test]
fn texts_longer_than_a_cell_holds_are_cells_that_say_so() {
    let long = "长".repeat(MAX_TEXT + 1);
    let strings = format!("<si><t>编号</t></si><si><t>{long}</t></si>");
    let xml = format!(
        "<sheetData><row><c t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v></c><c t=\"inlineStr\"><is><t>{long}</t></is></c></row></sheetData>"
    );
    let book = read_xlsx(&workbook(&[("Sheet1", &xml)], Some(&strings), None));
    assert!(book.problems.is_empty(), "{:?}", book.problems);
    assert_eq!(
        book.tables[0].rows[0],
        [text("编号"), Cell::TooLong(MAX_TEXT + 1), Cell::TooLong(MAX_TEXT + 1)]
    );
}

#[test]
fn a_string_of_megabytes_is_refused_before_it_is_read() {
    let strings = format!("<si><t>{}</t></si>", "a".repeat(3 << 20));
    let book = read_xlsx(&workbook(&[("Sheet1", "<sheetData/>")], Some(&strings), None));
    assert!(
        book.problems[0]
            .message
            .contains("a text or tag of more than 1 MB (in xl/sharedStrings.xml)"),
        "{:?}",
        book.problems
    );
    // A count claimed far beyond the strings is not believed.
    let strings = "<si><t>x</t></si>";
    let bytes = workbook(&[("Sheet1", "<sheetData/>")], Some(strings), None);
    assert!(read_xlsx(&bytes).problems.is_empty());
}

#[test]
fn sheets_come_in_order_with_their_names_and_chart_sheets_are_empty() {
    let book = read_xlsx(&workbook(
        &[("项目", "<sheetData/>"), ("进展 &amp; 备注", "<sheetData/>")],
        None,
        None,
    ));
    let names: Vec<&str> = book.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["项目", "进展 & 备注"]);
}

#[test]
fn garbage_is_an_error_not_a_panic() {
    for bytes in [&b"PK\x03\x04 not really"[..], b"", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"] {
        let book = read_xlsx(bytes);
        assert!(book.tables.is_empty() && book.problems[0].error);
    }
    assert!(read_xlsx(b"\xD0\xCF\x11\xE0").problems[0].message.contains("password"));
    // Broken XML, a cell that names no cell, a sheet cut short.
    for xml in [
        "<sheetData><row><c r=\"A1\"><v>1</v>",
        "<sheetData><row><c r=\"1A\"><v>1</v></c></row></sheetData>",
    ] {
        assert!(sheet(xml).problems[0].error, "{xml}");
    }
}
