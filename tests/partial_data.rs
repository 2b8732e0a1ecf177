//! An error in one record hides nothing else: every record of every data
//! file that parsed is kept and checked, in YAML as in a sheet, so one run
//! reports a bad status beside an unknown enterprise two rows down — but a
//! reference to a record that did not parse is not reported again as
//! unknown.

mod common;

use std::fs;
use std::path::Path;

use common::{briefing, fixture, stderr};
use rust_xlsxwriter::Workbook;

/// `briefing build` fails; its stderr.
fn failed(site: &Path) -> String {
    let run = briefing(site, &["build"]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(!site.join("output").exists(), "nothing is published");
    err
}

fn has(err: &str, expected: &str) {
    assert!(err.contains(expected), "missing:\n{expected}\nin:\n{err}");
}

/// The fixture's register with seven problems: the fifth with a bad status,
/// the seventh naming an enterprise that does not exist.
const REGISTER: &str = "\
- {id: p1, enterprise: tiande, raised: 2013-03-01, summary: 缺少测试场地。, units: [land], status: closed, closed: 2013-04-10}
- {id: p2, enterprise: tiande, raised: 2013-04-01, summary: 变压器增容。, units: [industry-bureau], status: extended}
- {id: p3, enterprise: haoshi, raised: 2013-05-05, summary: 管网未通。, units: [water], status: closed, closed: 2013-06-20}
- {id: p4, enterprise: haoshi, raised: 2013-06-10, summary: 汇款难。, units: [commerce], status: open}
- {id: p5, enterprise: haoshi, raised: 2013-03-15, summary: 许可证换证。, units: [commerce], status: opne}
- {id: p6, enterprise: tiande, raised: 2013-06-11, summary: 招工难。, units: [commerce], status: open}
- {id: p7, enterprise: haoshii, raised: 2013-06-12, summary: 用地指标。, units: [land], status: open}
";

#[test]
fn a_bad_status_does_not_hide_an_unknown_enterprise_in_yaml() {
    let site = fixture("basic");
    fs::write(site.path().join("content/data/problems.yaml"), REGISTER).expect("write register");
    let err = failed(site.path());
    has(
        &err,
        "error: unknown value `opne` in `status` (did you mean `open`?)\n  --> content/data/problems.yaml:5:",
    );
    // Located at its own line, though the record above it did not parse.
    has(
        &err,
        "error: unknown enterprise `haoshii` (did you mean `haoshi`?)\n  --> content/data/problems.yaml:7:24",
    );
}

#[test]
fn a_bad_status_does_not_hide_an_unknown_enterprise_in_a_sheet() {
    let site = fixture("basic");
    let data = site.path().join("content/data");
    fs::remove_file(data.join("problems.yaml")).expect("remove yaml");
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("问题台账").expect("name");
    let rows: [[&str; 7]; 7] = [
        ["编号", "企业", "登记日期", "问题", "责任单位", "状态", "销号日期"],
        ["p1", "tiande", "2013-03-01", "缺少测试场地。", "land", "已销号", "2013-04-10"],
        ["p2", "tiande", "2013-04-01", "变压器增容。", "industry-bureau", "延期", ""],
        ["p3", "haoshi", "2013-05-05", "管网未通。", "water", "在办", ""],
        ["p4", "haoshi", "2013-03-15", "许可证换证。", "commerce", "在半", ""],
        ["p5", "tiande", "2013-06-11", "招工难。", "commerce", "在办", ""],
        ["p6", "haoshii", "2013-06-12", "用地指标。", "land", "在办", ""],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string(r as u32, c as u16, *cell).expect("write");
            }
        }
    }
    fs::write(data.join("problems.xlsx"), workbook.save_to_buffer().expect("save")).expect("write workbook");
    let err = failed(site.path());
    has(&err, "content/data/problems.xlsx:问题台账!F5");
    has(
        &err,
        "error: unknown enterprise `haoshii` (did you mean `haoshi`?)\n  --> content/data/problems.xlsx:问题台账!B7",
    );
}

#[test]
fn a_bad_date_does_not_hide_an_unknown_enterprise_among_visits() {
    let site = fixture("basic");
    let data = site.path().join("content/data");
    fs::write(
        data.join("visits.yaml"),
        "- {date: 2013-04-31, enterprise: tiande, units: [water]}\n- {date: 2013-05-02, enterprise: tainde, units: [water]}\n- {date: 2013-05-03, enterprise: haoshi, units: [commerce]}\n",
    )
    .expect("write visits");
    let err = failed(site.path());
    has(&err, "content/data/visits.yaml:1:");
    has(
        &err,
        "error: unknown enterprise `tainde` (did you mean `tiande`?)\n  --> content/data/visits.yaml:2:34",
    );
    // The same log kept as CSV.
    fs::remove_file(data.join("visits.yaml")).expect("remove yaml");
    fs::write(
        data.join("visits.csv"),
        "日期,企业,帮扶单位\r\n2013-04-31,tiande,water\r\n2013-05-02,tainde,water\r\n2013-05-03,haoshi,commerce\r\n",
    )
    .expect("write csv");
    let err = failed(site.path());
    has(&err, "content/data/visits.csv:A2");
    has(
        &err,
        "error: unknown enterprise `tainde` (did you mean `tiande`?)\n  --> content/data/visits.csv:B3",
    );
}

#[test]
fn a_reference_to_a_record_that_did_not_parse_is_not_reported_again() {
    let site = fixture("basic");
    let data = site.path().join("content/data");
    // The enterprise `haoshi` does not parse; problems, projects and visits
    // naming it only repeat that error. A real slip still counts.
    let enterprises = fs::read_to_string(data.join("enterprises.yaml")).expect("enterprises");
    fs::write(
        data.join("enterprises.yaml"),
        enterprises.replace("  lead_unit: commerce\n", "  lead_unit: commerce\n  key: maybe\n"),
    )
    .expect("write enterprises");
    fs::write(
        data.join("visits.yaml"),
        "- {date: 2013-05-02, enterprise: haoshi, units: [commerce]}\n- {date: 2013-05-03, enterprise: tainde, units: [water]}\n",
    )
    .expect("write visits");
    let err = failed(site.path());
    has(&err, "content/data/enterprises.yaml:13:");
    assert!(!err.contains("unknown enterprise `haoshi`"), "{err}");
    has(&err, "unknown enterprise `tainde`");
    // A unit row of a sheet that does not read: the same.
    fs::write(data.join("enterprises.yaml"), enterprises).expect("restore");
    fs::remove_file(data.join("units.yaml")).expect("remove units");
    fs::write(
        data.join("units.csv"),
        "编号,名称\r\nindustry-bureau,县工信局\r\ncommerce,\r\nwater,县水务局\r\nland,县国土资源局\r\n",
    )
    .expect("write units");
    let err = failed(site.path());
    has(&err, "content/data/units.csv:B3");
    assert!(!err.contains("unknown unit `commerce`"), "{err}");
    has(&err, "unknown enterprise `tainde`");
}
