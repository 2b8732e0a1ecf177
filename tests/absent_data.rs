//! A data file that is not there is unknown, not empty: a figure, chart or
//! table of a briefing that needs it is an error at its shortcode, and the
//! pages of the theme say what is not kept instead of showing zeros.

mod common;

use std::fs;
use std::path::Path;

use common::{briefing, build_ok, fixture, read, stderr, text_of};

/// The basic fixture without its problem register, and a 督查通报 that
/// reports overdue problems from it.
fn without_register() -> tempfile::TempDir {
    let site = fixture("basic");
    fs::remove_file(site.path().join("content/data/problems.yaml")).expect("remove register");
    fs::write(
        site.path().join("content/briefings/2013-07-31-circular.md"),
        "---\ntitle: 督查通报\ndate: 2013-07-31\nkind: circular\n---\n\n\
         超期未销号问题{{ metric(name=\"problems.overdue\") }}个，其中红色{{ metric(name=\"problems.overdue.red\") }}个。\n\n\
         {{ units(sort=\"close_rate\") }}\n\n\
         {{ chart(id=\"units-close-rate\") }}\n\n\
         {{ chart(id=\"problems-resolution\") }}\n",
    )
    .expect("write circular");
    site
}

#[test]
fn figures_of_a_deleted_register_are_errors_at_their_shortcodes() {
    let site = without_register();
    let run = briefing(site.path(), &["build"]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    let circular = "content/briefings/2013-07-31-circular.md";
    for (what, at) in [
        ("problems.overdue", "7:8"),
        ("problems.overdue.red", "7:51"),
        ("units()", "9:1"),
        ("units-close-rate", "11:1"),
        ("problems-resolution", "13:1"),
    ] {
        let expected = format!(
            "error: `{what}` needs the problem register, but there is no content/data/problems.yaml (nor problems.xlsx or problems.csv)\n  --> {circular}:{at}\n"
        );
        assert!(err.contains(&expected), "missing:\n{expected}\nin:\n{err}");
    }
    // The bulletins of the fixture that count problems fail too.
    assert!(err.contains("`problems.close_rate` needs the problem register"), "{err}");
    assert!(!site.path().join("output").exists(), "nothing is published");
}

#[test]
fn the_register_saved_as_xls_is_an_error_that_says_how_to_convert_it() {
    let site = without_register();
    fs::write(site.path().join("content/data/problems.xls"), b"\xd0\xcf\x11\xe0").expect("write xls");
    let run = briefing(site.path(), &["build"]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "error: a workbook in the `.xls` format cannot be read\n  --> content/data/problems.xls\n   = help: open it in Excel or WPS and save it as `problems.xlsx`: 文件 → 另存为 → Excel 工作簿(*.xlsx)"
        ),
        "{err}"
    );
    assert!(!err.contains("warning: not a data file"), "an error, not a warning:\n{err}");
}

/// Text of a page of the built site, tags stripped.
fn page(site: &Path, path: &str) -> String {
    text_of(&read(site, &format!("output/{path}")))
}

#[test]
fn a_site_that_keeps_no_register_builds_and_shows_no_zeros() {
    let site = fixture("basic");
    let content = site.path().join("content");
    fs::remove_file(content.join("data/problems.yaml")).expect("remove register");
    fs::remove_file(content.join("data/projects.yaml")).expect("remove projects");
    // Briefings that use no figure of the absent files.
    fs::remove_dir_all(content.join("briefings")).expect("remove briefings");
    fs::create_dir(content.join("briefings")).expect("briefings");
    fs::write(
        content.join("briefings/2013-07-15-no3.md"),
        "---\ntitle: 第三期\ndate: 2013-07-15\nissue: 3\n---\n\n总产值{{ metric(name=\"output.gross_output.total\") }}。\n",
    )
    .expect("write briefing");
    build_ok(site.path(), &[]);
    let home = page(site.path(), "index.html");
    assert!(home.contains("60.00亿元"), "the output figures are shown: {home}");
    assert!(
        !home.contains("问题销号率") && !home.contains("重点项目 截至"),
        "no cards of absent files: {home}"
    );
    assert!(home.contains("尚未建立问题台账"), "{home}");
    let register = page(site.path(), "problems/index.html");
    assert!(register.contains("尚未建立问题台账（content/data/problems.yaml）"), "{register}");
    assert!(!register.contains("尚未登记问题") && !register.contains("登记 0"), "{register}");
    let supervision = page(site.path(), "supervision/index.html");
    assert!(
        !supervision.contains("没有超期问题") && !supervision.contains("红色 0"),
        "{supervision}"
    );
    assert!(supervision.contains("尚未建立问题台账"), "{supervision}");
    let units = read(site.path(), "output/units/index.html");
    assert!(
        !units.contains(">销号率</th>") && units.contains("尚未建立问题台账"),
        "no close-rate column: {units}"
    );
    assert!(!units.contains("data-value=\"0\""), "no zero in the scorecard: {units}");
    let unit = page(site.path(), "units/commerce/index.html");
    assert!(unit.contains("尚未建立问题台账") && !unit.contains("超期问题 0"), "{unit}");
    let enterprise = page(site.path(), "enterprises/haoshi/index.html");
    assert!(enterprise.contains("尚未建立问题台账"), "{enterprise}");
    let projects = page(site.path(), "projects/index.html");
    assert!(
        projects.contains("尚未建立项目清单") && !projects.contains("共有重点项目0个"),
        "{projects}"
    );
    let industry = page(site.path(), "industries/food/index.html");
    assert!(
        industry.contains("尚未建立项目清单") && !industry.contains("0个，计划总投资"),
        "{industry}"
    );
    let units_csv = read(site.path(), "output/units/units.csv");
    assert!(
        units_csv.lines().skip(1).all(|row| !row.ends_with(",0")),
        "no zeros downloaded: {units_csv}"
    );
}

#[test]
fn a_tally_stands_in_for_the_register_only_for_its_month() {
    let site = fixture("basic");
    let data = site.path().join("content/data");
    fs::remove_file(data.join("problems.yaml")).expect("remove register");
    fs::write(
        data.join("tallies.yaml"),
        "- period: \"2013-06\"\n  problems: {raised: 475, closed: 328, extended: 3}\n  key_problems: {raised: 40, closed: 30}\n",
    )
    .expect("write tallies");
    let run = briefing(site.path(), &["build"]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    // The June bulletin (as of 2013-06) is stated; the May one is not.
    assert!(
        err.contains("error: `problems.close_rate` needs the problem register, but there is no content/data/problems.yaml (nor problems.xlsx or problems.csv)\n  --> content/briefings/2013-06-10-no2.md:20:"),
        "{err}"
    );
    assert!(!err.contains("2013-07-15-no3.md"), "{err}");
}
