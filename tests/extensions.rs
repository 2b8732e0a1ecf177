//! A problem's extension is a dated fact (issue 28, point 2): granted on
//! `extended` (延期日期 in a sheet) and kept when the problem is closed
//! later, so a bulletin keeps the count of extensions it published — in
//! the YAML register and in the workbook alike.

mod common;

use std::fs;
use std::path::Path;

use common::{build_ok, fixture, read, stderr, text_of};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

const BULLETIN: &str = "content/briefings/2013-05-10-no1.md";
const PAGE: &str = "output/briefings/2013-05-10-no1/index.html";
const WORD: &str = "output/briefings/2013-05-10-no1/2013-05-10-no1.docx";

/// One problem of the register: id, raised, status, closed, extended.
type Row = (
    &'static str,
    (u16, u8, u8),
    &'static str,
    Option<(u16, u8, u8)>,
    Option<(u16, u8, u8)>,
);

/// Two problems extended by May (e1 on 05-02, the day 第N期 counted it),
/// and one closed in April; `e1_closed` closes e1 on 07-30.
fn register(e1_closed: bool) -> Vec<Row> {
    vec![
        (
            "e1",
            (2013, 4, 8),
            if e1_closed { "closed" } else { "extended" },
            e1_closed.then_some((2013, 7, 30)),
            Some((2013, 5, 2)),
        ),
        ("e2", (2013, 3, 20), "extended", None, Some((2013, 4, 18))),
        ("c1", (2013, 3, 1), "closed", Some((2013, 4, 10)), None),
    ]
}

fn day((y, m, d): (u16, u8, u8)) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

fn yaml(rows: &[Row]) -> String {
    rows.iter()
        .map(|(id, raised, status, closed, extended)| {
            let mut record = format!(
                "- id: {id}\n  enterprise: tiande\n  raised: {}\n  summary: 问题{id}。\n  key: true\n  units: [land]\n  status: {status}\n",
                day(*raised)
            );
            if let Some(closed) = closed {
                record.push_str(&format!("  closed: {}\n", day(*closed)));
            }
            if let Some(extended) = extended {
                record.push_str(&format!("  extended: {}\n", day(*extended)));
            }
            record
        })
        .collect()
}

/// The register as an office keeps it: Chinese headers and statuses,
/// Excel dates, 延期日期 beside 销号日期.
fn workbook(rows: &[Row]) -> Vec<u8> {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let sheet = book.add_worksheet();
    sheet.set_name("问题台账").expect("name");
    for (c, header) in [
        "编号",
        "企业",
        "登记日期",
        "问题",
        "重点",
        "责任单位",
        "状态",
        "销号日期",
        "延期日期",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *header).expect("header");
    }
    let mut write_date = |r: u32, c: u16, (y, m, d): (u16, u8, u8)| {
        let when = ExcelDateTime::from_ymd(y, m, d).expect("date");
        sheet.write_date_with_format(r, c, &when, &date).expect("date cell");
    };
    for (i, (_, raised, _, closed, extended)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        write_date(r, 2, *raised);
        if let Some(closed) = closed {
            write_date(r, 7, *closed);
        }
        if let Some(extended) = extended {
            write_date(r, 8, *extended);
        }
    }
    for (i, (id, _, status, _, _)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        let status = match *status {
            "closed" => "已销号",
            "extended" => "延期",
            _ => "在办",
        };
        for (c, text) in [(0, *id), (1, "tiande"), (3, "问题。"), (4, "是"), (5, "land"), (6, status)] {
            sheet.write_string(r, c, text).expect("cell");
        }
    }
    book.save_to_buffer().expect("save")
}

/// The basic site with the register written by `write` and a sentence of
/// extensions in its bulletin as of May.
fn site(write: &dyn Fn(&Path, &[Row])) -> tempfile::TempDir {
    let site = fixture("basic");
    let data = site.path().join("content/data");
    fs::remove_file(data.join("problems.yaml")).expect("remove register");
    write(&data, &register(false));
    let bulletin = site.path().join(BULLETIN);
    let text = fs::read_to_string(&bulletin).expect("bulletin");
    fs::write(
        &bulletin,
        format!("{text}\n截至5月底，重点问题申请延期{{{{ metric(name=\"problems.key.extended\") }}}}个。\n"),
    )
    .expect("write bulletin");
    site
}

fn keeps_its_extensions_after_a_later_close(write: &dyn Fn(&Path, &[Row]), form: &str) {
    let site = site(write);
    let first = build_ok(site.path(), &[]);
    assert!(!stderr(&first).contains("content/data/problems"), "{form}: {}", stderr(&first));
    let page = fs::read(site.path().join(PAGE)).expect("page");
    let word = fs::read(site.path().join(WORD)).expect("Word file");
    assert!(
        text_of(&read(site.path(), PAGE)).contains("申请延期2个"),
        "{form}: the May bulletin counts two"
    );
    // July: e1 is closed; its extension stays.
    write(&site.path().join("content/data"), &register(true));
    let second = build_ok(site.path(), &[]);
    assert!(!stderr(&second).contains("content/data/problems"), "{form}: {}", stderr(&second));
    assert!(
        text_of(&read(site.path(), PAGE)).contains("申请延期2个"),
        "{form}: the May bulletin still counts two"
    );
    assert!(
        fs::read(site.path().join(PAGE)).expect("page") == page,
        "{form}: the May page changed"
    );
    assert!(
        fs::read(site.path().join(WORD)).expect("Word file") == word,
        "{form}: the May Word file changed"
    );
    // The register of today shows e1 closed.
    let register = read(site.path(), "output/problems/index.html");
    let row = register.split("<tr id=\"problem-e1\"").nth(1).expect("row of e1");
    let row = &row[..row.find("</tr>").expect("end of row")];
    assert!(row.contains("state-closed"), "{form}: {row}");
}

#[test]
fn a_bulletin_of_may_keeps_its_extensions_when_one_is_closed_in_july_yaml() {
    let write = |data: &Path, rows: &[Row]| fs::write(data.join("problems.yaml"), yaml(rows)).expect("write register");
    keeps_its_extensions_after_a_later_close(&write, "problems.yaml");
}

#[test]
fn a_bulletin_of_may_keeps_its_extensions_when_one_is_closed_in_july_xlsx() {
    let write = |data: &Path, rows: &[Row]| fs::write(data.join("problems.xlsx"), workbook(rows)).expect("write register");
    keeps_its_extensions_after_a_later_close(&write, "problems.xlsx");
}

#[test]
fn data_export_writes_the_extension_date_back() {
    let site = site(&|data: &Path, rows: &[Row]| fs::write(data.join("problems.yaml"), yaml(rows)).expect("write"));
    let out = site.path().join("exported");
    let run = common::briefing(site.path(), &["data", "export", "exported"]);
    assert!(run.status.success(), "{}", stderr(&run));
    // The exported workbook in place of the YAML builds the same bulletin.
    build_ok(site.path(), &[]);
    let page = fs::read(site.path().join(PAGE)).expect("page");
    let data = site.path().join("content/data");
    fs::remove_file(data.join("problems.yaml")).expect("remove yaml");
    fs::copy(out.join("problems.xlsx"), data.join("problems.xlsx")).expect("copy workbook");
    let built = build_ok(site.path(), &[]);
    assert!(!stderr(&built).contains("problems.xlsx"), "{}", stderr(&built));
    assert!(
        fs::read(site.path().join(PAGE)).expect("page") == page,
        "the exported register reads otherwise"
    );
}
