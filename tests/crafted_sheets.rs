//! Crafted workbooks and CSV files, as an attacker makes them: refused at
//! their file and cell (or line) with the limit named, within seconds and
//! a bounded amount of memory — never an abort for want of memory — and
//! the previous output left as it was. Texts too long for a workbook cell
//! are refused where they are typed, not when a download is written.

mod common;

use std::fs;
use std::path::Path;

use common::xlsx::{MAIN, Part, briefing_bounded, row, workbook, worksheet};
use common::{build_ok, fixture, snapshot, stderr};

/// The address space a build may take here: many times what the basic
/// site needs, far less than the crafted files claim.
const MEMORY_MB: usize = 1024;
const SECONDS: u64 = 60;

/// The header of the basic site's problem register.
const HEADER: [&str; 6] = ["编号", "企业", "登记日期", "问题", "责任单位", "状态"];

/// Builds the basic site, puts `bytes` in place of its problem register as
/// `content/data/<file>`, builds again within the bounds and checks the
/// failure: exit 1, `--> location`, `message`, the output untouched.
fn refused(file: &str, bytes: &[u8], location: &str, message: &str) {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let before = snapshot(&site.path().join("output"));
    let data = site.path().join("content/data");
    fs::remove_file(data.join("problems.yaml")).expect("remove yaml");
    fs::write(data.join(file), bytes).expect("write");
    refused_in(site.path(), location, message);
    assert!(
        before == snapshot(&site.path().join("output")),
        "output changed after a failed build"
    );
}

fn refused_in(site: &Path, location: &str, message: &str) {
    let output = briefing_bounded(site, &["build"], MEMORY_MB, SECONDS);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("--> {location}\n")), "expected `{location}` in:\n{err}");
    assert!(err.contains(message), "expected `{message}` in:\n{err}");
}

/// A register of one sheet 问题台账 holding `inside`.
fn register(inside: Part) -> Vec<u8> {
    workbook(vec![("问题台账", inside)], None)
}

#[test]
fn a_shared_string_of_one_and_a_half_gigabytes_is_refused_before_it_is_read() {
    let strings = Part::repeated(
        &format!("<sst xmlns=\"{MAIN}\" count=\"1\" uniqueCount=\"1\"><si><t>"),
        "a",
        1_500_000_000,
        "</t></si></sst>",
    );
    let sheet = Part::plain(worksheet(&format!(
        "<sheetData>{}<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c></row></sheetData>",
        row(1, &HEADER)
    )));
    let bytes = workbook(vec![("问题台账", sheet)], Some(strings));
    assert!(bytes.len() < 2 << 20, "{} bytes", bytes.len());
    refused(
        "problems.xlsx",
        &bytes,
        "content/data/problems.xlsx",
        "a text or tag of more than 1 MB (in xl/sharedStrings.xml)",
    );
}

#[test]
fn a_value_in_the_last_cell_excel_has_is_refused_at_that_cell() {
    let sheet = worksheet(&format!(
        "<dimension ref=\"A1:XFD1048576\"/><sheetData>{}<row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row></sheetData>",
        row(1, &HEADER)
    ));
    refused(
        "problems.xlsx",
        &register(Part::plain(sheet)),
        "content/data/problems.xlsx:问题台账!XFD1048576",
        "a value in column XFD, past the 512 columns (A to SR) a data sheet may have",
    );
}

#[test]
fn a_merged_region_to_the_end_of_the_sheet_is_refused_at_its_first_cell() {
    let sheet = worksheet(&format!(
        "<sheetData>{}{}</sheetData><mergeCells count=\"1\"><mergeCell ref=\"C1:XFD200000\"/></mergeCells>",
        row(1, &HEADER),
        row(90_000, &["p9"])
    ));
    refused(
        "problems.xlsx",
        &register(Part::plain(sheet)),
        "content/data/problems.xlsx:问题台账!C1",
        "merged region C1:XFD200000 ends in column XFD",
    );
}

#[test]
fn two_hundred_thousand_merged_regions_are_refused_at_once() {
    let regions = Part::repeated(
        &worksheet(&format!(
            "<sheetData>{}{}</sheetData><mergeCells count=\"200000\">",
            row(1, &HEADER),
            row(2000, &["p1"])
        ))
        .replace("</worksheet>", ""),
        "<mergeCell ref=\"A2:B2000\"/>",
        200_000,
        "</mergeCells></worksheet>",
    );
    refused(
        "problems.xlsx",
        &register(regions),
        "content/data/problems.xlsx:问题台账!A2",
        "more than 100,000 merged regions",
    );
}

#[test]
fn a_sheet_of_a_million_rows_is_refused_at_the_first_row_past_the_limit() {
    let cells = "<c><v>1</v></c>".repeat(16);
    let sheet = Part::repeated(
        &worksheet(&format!("<sheetData>{}", row(1, &HEADER))).replace("</worksheet>", ""),
        &format!("<row>{cells}</row>"),
        1_000_000,
        "</sheetData></worksheet>",
    );
    let bytes = register(sheet);
    assert!(bytes.len() < 2 << 20, "{} bytes", bytes.len());
    refused(
        "problems.xlsx",
        &bytes,
        "content/data/problems.xlsx:问题台账!A100001",
        "a value in row 100001, past the 100,000 rows a data sheet may have",
    );
}

#[test]
fn an_unclosed_quote_in_a_csv_file_is_an_error_at_its_line() {
    let text = "编号,企业,登记日期,问题,责任单位,状态\n\
        p1,tiande,2013-03-01,\"缺少整车测试场地,land,已销号\n\
        p2,tiande,2013-04-01,变压器增容未获批复。,industry-bureau,延期\n\
        p3,haoshi,2013-05-05,生产用水管网未接通。,water,在办\n";
    refused(
        "problems.csv",
        text.as_bytes(),
        "content/data/problems.csv:2:22",
        "the quote opened here is never closed: the 2 lines after it would be read into one cell",
    );
}

#[test]
fn a_csv_cell_longer_than_a_workbook_cell_is_refused_at_that_cell() {
    let long = "长".repeat(40_000);
    let text = format!(
        "编号,企业,登记日期,问题,责任单位,状态\np1,tiande,2013-03-01,{long},land,在办\np2,tiande,2013-04-01,变压器增容未获批复。,industry-bureau,延期\n"
    );
    refused(
        "problems.csv",
        text.as_bytes(),
        "content/data/problems.csv:D2",
        "问题: the cell holds 40,000 characters, more than the 32,767 a cell may hold",
    );
}

#[test]
fn a_yaml_text_longer_than_a_workbook_cell_is_refused_at_its_line() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let before = snapshot(&site.path().join("output"));
    let path = site.path().join("content/data/problems.yaml");
    let text = fs::read_to_string(&path).expect("read");
    let long = "长".repeat(40_000);
    fs::write(
        &path,
        text.replacen("summary: 变压器增容未获批复。", &format!("summary: {long}"), 1),
    )
    .expect("write");
    refused_in(
        site.path(),
        "content/data/problems.yaml:12:12",
        "`summary` holds 40,000 characters, more than the 32,767 a workbook cell holds",
    );
    assert!(
        before == snapshot(&site.path().join("output")),
        "output changed after a failed build"
    );
}
