//! Internal marks in registers kept as workbooks and CSV files: the 内部
//! column found under the names offices give it (是否内部, 内部？, 不公开,
//! with an invisible space…), any other column that looks like a mark of
//! confidentiality an error rather than a column left unread while its
//! rows are published, every row of a project kept one row per update
//! agreeing with its first, and a formula saved without its value an error
//! at its cell rather than an empty 内部.

mod common;

use std::fs;
use std::path::Path;

use common::xlsx::{Part, row, workbook, worksheet};
use common::{briefing, build_ok, fixture, snapshot, stderr};

/// The marker in the summary of the problem marked internal.
const MARKER: &str = "ZQXSHEETMARK";

/// The basic site's problem register as a CSV file headed `mark` in its
/// last column, p1 (whose summary holds [`MARKER`]) marked 是.
fn register(mark: &str) -> String {
    format!(
        "编号,企业,登记日期,问题,重点,责任单位,状态,销号日期,延期日期,{mark}\n\
         p1,tiande,2013-03-01,缺少整车测试场地{MARKER}。,是,land,已销号,2013-04-10,,是\n\
         p2,tiande,2013-04-01,变压器增容未获批复。,是,industry-bureau,延期,,2013-04-20,\n\
         p3,haoshi,2013-05-05,生产用水管网未接通。,是,water、commerce,已销号,2013-06-20,,否\n\
         p4,haoshi,2013-06-10,工业园企业汇款难。,是,commerce,在办,,,\n\
         p5,haoshi,2013-03-15,食品许可证换证。,,commerce,已销号,2013-03-30,,\n"
    )
}

/// The basic site with its register replaced by `file` holding `bytes`.
fn site_with(file: &str, bytes: &[u8]) -> tempfile::TempDir {
    let site = fixture("basic");
    let data = site.path().join("content/data");
    fs::remove_file(data.join("problems.yaml")).expect("remove yaml");
    fs::write(data.join(file), bytes).expect("write");
    site
}

/// The output files (workbooks and Word files aside: they are zipped)
/// that hold [`MARKER`].
fn files_with_marker(output: &Path) -> Vec<String> {
    snapshot(output)
        .into_iter()
        .filter(|(path, bytes)| {
            !path.ends_with(".xlsx") && !path.ends_with(".docx") && bytes.windows(MARKER.len()).any(|w| w == MARKER.as_bytes())
        })
        .map(|(path, _)| path)
        .collect()
}

#[test]
fn the_internal_column_is_found_under_the_names_offices_give_it() {
    for mark in [
        "内部",
        "是否内部",
        "是否内部资料",
        "内部？",
        "内部标记",
        "内\u{200b}部",
        " 不公开 ",
        "\u{feff}内部资料",
    ] {
        let site = site_with("problems.csv", register(mark).as_bytes());
        let output = build_ok(site.path(), &[]);
        let err = stderr(&output);
        assert!(!err.contains("problems.csv"), "{mark}: {err}");
        let leaked = files_with_marker(&site.path().join("output"));
        assert!(
            leaked.is_empty(),
            "column `{mark}`: the internal problem is published in {leaked:?}"
        );
        // The internal edition has it.
        build_ok(site.path(), &["--internal"]);
        assert!(!files_with_marker(&site.path().join("output")).is_empty(), "{mark}");
    }
}

#[test]
fn another_column_that_looks_like_a_mark_of_confidentiality_is_an_error_at_its_header() {
    for mark in ["密级", "是否公开", "保密"] {
        let site = site_with("problems.csv", register(mark).as_bytes());
        let run = briefing(site.path(), &["build"]);
        let err = stderr(&run);
        assert_eq!(run.status.code(), Some(1), "{mark}: {err}");
        assert!(err.contains("--> content/data/problems.csv:J1\n"), "{mark}: {err}");
        assert!(
            err.contains(&format!(
                "column `{mark}` looks like a mark of confidentiality, but is not read as one: the rows it marks would be published"
            )),
            "{err}"
        );
        assert!(!site.path().join("output").exists(), "nothing published");
    }
    // Units cannot be internal at all.
    let site = fixture("basic");
    let data = site.path().join("content/data");
    fs::remove_file(data.join("units.yaml")).expect("remove yaml");
    fs::write(
        data.join("units.csv"),
        "编号,名称,内部\nindustry-bureau,县工信局,\ncommerce,县商务局,是\nwater,县水务局,\nland,县国土资源局,\n",
    )
    .expect("write");
    let run = briefing(site.path(), &["build"]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(err.contains("--> content/data/units.csv:C1\n"), "{err}");
    assert!(
        err.contains("column `内部` looks like a mark of confidentiality, but units records cannot be internal"),
        "{err}"
    );
}

#[test]
fn every_row_of_a_project_kept_one_row_per_update_agrees_with_its_first() {
    let site = fixture("basic");
    let data = site.path().join("content/data");
    fs::remove_file(data.join("projects.yaml")).expect("remove yaml");
    let text = "编号,项目名称,产业,企业,投资（万元）,地点,内部,日期,状态,备注\n\
        tiande-vehicle,天德机械整车项目,machinery,tiande,18000,工业园,,2012-04-16,在建,\n\
        tiande-vehicle,,,,,,是,2013/4/18,投产,首台整车下线。\n\
        haoshi-park,好食工贸食品园,food,haoshi,12000,,,2013-03-01,前期,\n\
        haoshi-park,好食工贸食品园二期,,,15000,,,2013年5月20日,started,破土动工。\n\
        cold-chain,冷链物流中心,food,,20000,,,2013-06-15,planned,\n";
    fs::write(data.join("projects.csv"), text).expect("write");
    let run = briefing(site.path(), &["build"]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    for (location, message) in [
        (
            "G3",
            "`内部` of project `tiande-vehicle` is `是` here but empty on its first row (G2)",
        ),
        (
            "B5",
            "`名称` of project `haoshi-park` is `好食工贸食品园二期` here but `好食工贸食品园` on its first row (B4)",
        ),
        (
            "E5",
            "`投资` of project `haoshi-park` is `15000` here but `12000` on its first row (E4)",
        ),
    ] {
        assert!(
            err.contains(&format!("{message}\n  --> content/data/projects.csv:{location}\n")),
            "{message} at {location}:\n{err}"
        );
    }
    assert!(!site.path().join("output").exists(), "nothing published");
}

#[test]
fn a_formula_saved_without_its_value_is_an_error_at_its_cell() {
    let header = ["编号", "企业", "登记日期", "问题", "责任单位", "状态", "内部"];
    let sheet = worksheet(&format!(
        "<sheetData>{}<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>p1</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>tiande</t></is></c>\
         <c r=\"C2\" t=\"inlineStr\"><is><t>2013-03-01</t></is></c><c r=\"D2\" t=\"inlineStr\"><is><t>缺少整车测试场地{MARKER}。</t></is></c>\
         <c r=\"E2\" t=\"inlineStr\"><is><t>land</t></is></c><c r=\"F2\" t=\"inlineStr\"><is><t>在办</t></is></c>\
         <c r=\"G2\" t=\"str\"><f>IF(F2=\"在办\",\"是\",\"否\")</f></c></row></sheetData>",
        row(1, &header)
    ));
    let site = site_with("problems.xlsx", &workbook(vec![("问题台账", Part::plain(sheet))], None));
    let run = briefing(site.path(), &["build"]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(
        err.contains("内部: the cell holds the formula `=IF(F2=\"在办\",\"是\",\"否\")` without its value\n  --> content/data/problems.xlsx:问题台账!G2\n"),
        "{err}"
    );
    assert!(!site.path().join("output").exists(), "nothing published");
}
