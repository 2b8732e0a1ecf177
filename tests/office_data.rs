//! Office data: registers kept as Excel workbooks and CSV files, read with
//! the same checks as YAML and errors at `file:sheet!cell`; `briefing data
//! export` writing workbooks that read back as the same data.

mod common;

use std::fs;
use std::path::Path;

use common::{briefing, build_ok, fixture, snapshot, stderr};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// A cell written into a test workbook.
enum C<'a> {
    T(&'a str),
    N(f64),
    /// A date stored as an Excel date.
    D(u16, u8, u8),
    /// Nothing.
    E,
}

/// Writes `rows` from row `first` of a new sheet `name` of `workbook`.
fn sheet(workbook: &mut Workbook, name: &str, first: u32, rows: &[Vec<C>]) {
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let worksheet = workbook.add_worksheet();
    worksheet.set_name(name).expect("sheet name");
    for (r, row) in rows.iter().enumerate() {
        let r = first + r as u32;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                C::T(text) => {
                    worksheet.write_string(r, c, *text).expect("write");
                }
                C::N(number) => {
                    worksheet.write_number(r, c, *number).expect("write");
                }
                C::D(y, m, d) => {
                    let day = ExcelDateTime::from_ymd(*y, *m, *d).expect("date");
                    worksheet.write_date_with_format(r, c, &day, &date).expect("write");
                }
                C::E => {}
            }
        }
    }
}

fn save(workbook: &mut Workbook, path: &Path) {
    fs::write(path, workbook.save_to_buffer().expect("save workbook")).expect("write workbook");
}

/// The basic fixture's problem register as an office keeps it: a merged
/// title row, Chinese headers with 责任单位 merged over two columns, Excel
/// dates and one typed as text, Chinese statuses, 是/否, and an empty row
/// left at the end.
fn problem_register(path: &Path) {
    use C::*;
    let mut workbook = Workbook::new();
    let rows = vec![
        vec![
            T("序号"),
            T("编号"),
            T("企业"),
            T("登记日期"),
            T("问题"),
            T("重点"),
            T("责任单位"),
            E,
            T("状态"),
            T("销号日期"),
            T("延期日期"),
        ],
        vec![
            N(1.0),
            T("p1"),
            T("tiande"),
            D(2013, 3, 1),
            T("缺少整车测试场地。"),
            T("是"),
            T("land"),
            E,
            T("已销号"),
            T("2013-04-10"),
        ],
        vec![
            N(2.0),
            T("p2"),
            T("tiande"),
            D(2013, 4, 1),
            T("变压器增容未获批复。"),
            T("是"),
            T("industry-bureau"),
            E,
            T("延期"),
            E,
            D(2013, 4, 20),
        ],
        vec![
            N(3.0),
            T("p3"),
            T("haoshi"),
            D(2013, 5, 5),
            T("生产用水管网未接通。"),
            T("是"),
            T("water"),
            T("commerce"),
            T("已销号"),
            D(2013, 6, 20),
        ],
        vec![
            N(4.0),
            T("p4"),
            T("haoshi"),
            T("2013/6/10"),
            T("工业园企业汇款难。"),
            T("是"),
            T("commerce"),
            E,
            T("在办"),
            E,
        ],
        vec![
            N(5.0),
            T("p5"),
            T("haoshi"),
            D(2013, 3, 15),
            T("食品许可证换证。"),
            T("否"),
            T("commerce"),
            E,
            T("已销号"),
            D(2013, 3, 30),
        ],
        vec![T(""), T(""), T(" "), E, E, E, E, E, E, E],
    ];
    sheet(&mut workbook, "问题台账", 1, &rows);
    let worksheet = workbook.worksheet_from_index(0).expect("sheet");
    let title = Format::new().set_bold();
    worksheet
        .merge_range(0, 0, 0, 10, "重点企业问题台账（2013年）", &title)
        .expect("merge title");
    worksheet.merge_range(1, 6, 1, 7, "责任单位", &title).expect("merge header");
    save(&mut workbook, path);
}

#[test]
fn a_register_kept_in_excel_builds_the_same_site_as_yaml() {
    let yaml = fixture("basic");
    build_ok(yaml.path(), &[]);
    let sheet = fixture("basic");
    let data = sheet.path().join("content/data");
    fs::remove_file(data.join("problems.yaml")).expect("remove yaml");
    problem_register(&data.join("problems.xlsx"));
    let output = build_ok(sheet.path(), &[]);
    assert!(!stderr(&output).contains("problems.xlsx"), "{}", stderr(&output));
    assert_eq!(snapshot(&yaml.path().join("output")), snapshot(&sheet.path().join("output")));
}

#[test]
fn every_bad_cell_of_every_sheet_is_named_in_one_run() {
    use C::*;
    let site = fixture("basic");
    let data = site.path().join("content/data");
    for name in ["projects.yaml", "output.yaml"] {
        fs::remove_file(data.join(name)).expect("remove yaml");
    }
    let mut projects = Workbook::new();
    sheet(
        &mut projects,
        "项目",
        0,
        &[
            vec![T("编号"), T("名称"), T("产业"), T("企业"), T("投资（万元）")],
            vec![T("tiande-vehicle"), T("天德机械整车项目"), T("machinery"), T("tiande"), T("一亿")],
            vec![T("haoshi-park"), T("好食工贸食品园"), T("food"), T("haoshi"), T("1.2万")],
        ],
    );
    sheet(
        &mut projects,
        "进展",
        0,
        &[
            vec![T("项目"), T("日期"), T("状态"), T("备注")],
            vec![T("tiande-vehicle"), D(2012, 4, 16), T("停工"), E],
            vec![T("haoshi-park"), T("2013-13-01"), T("前期"), E],
        ],
    );
    save(&mut projects, &data.join("projects.xlsx"));
    let mut output = Workbook::new();
    sheet(
        &mut output,
        "规模工业总产值",
        0,
        &[
            vec![T("期间"), T("合计"), T("食品加工"), T("机电轻工")],
            vec![T("2013-05"), N(52.0), N(18.0), T("二十八")],
            vec![T("2013-06"), N(60.0), N(25.0), N(30.0)],
        ],
    );
    sheet(
        &mut output,
        "工业增加值",
        0,
        &[vec![T("期间"), T("合计")], vec![T("2013年5月"), N(13.0)], vec![T("六月"), N(15.0)]],
    );
    save(&mut output, &data.join("output.xlsx"));
    let before = snapshot(&site.path().join("output"));
    let run = briefing(site.path(), &["build"]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    for place in [
        "content/data/projects.xlsx:项目!E2",
        "content/data/projects.xlsx:项目!E3",
        "content/data/projects.xlsx:进展!C2",
        "content/data/projects.xlsx:进展!B3",
        "content/data/output.xlsx:规模工业总产值!D2",
        "content/data/output.xlsx:工业增加值!A3",
    ] {
        assert!(err.contains(place), "no error at {place}:\n{err}");
    }
    // Sorted: by file, then sheet, then row.
    let first = err.find("output.xlsx").expect("output errors");
    let later = err.find("projects.xlsx").expect("projects errors");
    assert!(first < later, "{err}");
    assert!(
        !err.contains("no project"),
        "a project with a bad cell is not reported again:\n{err}"
    );
    assert!(!err.contains("is empty"), "a bad cell is not also reported empty:\n{err}");
    assert_eq!(before, snapshot(&site.path().join("output")));
}

#[test]
fn references_in_a_sheet_are_checked_at_their_cell_with_a_suggestion() {
    use C::*;
    let site = fixture("basic");
    let data = site.path().join("content/data");
    fs::remove_file(data.join("enterprises.yaml")).expect("remove yaml");
    let mut workbook = Workbook::new();
    sheet(
        &mut workbook,
        "企业",
        0,
        &[
            vec![
                T("编号"),
                T("名称"),
                T("产业"),
                T("重点"),
                T("联系领导"),
                T("牵头单位"),
                T("帮扶单位"),
                T("联系电话"),
            ],
            vec![
                T("tiande"),
                T("天德机械"),
                T("machinery"),
                T("是"),
                T("县委副书记"),
                T("industry-bureau"),
                T("industry-bureau、water、land"),
                T("0730-0000001"),
            ],
            vec![
                T("haoshi"),
                T("好食工贸"),
                T("fod"),
                T("否"),
                E,
                T("commerce"),
                T("commerce，water,industry-bureau"),
                E,
            ],
        ],
    );
    save(&mut workbook, &data.join("enterprises.xlsx"));
    let run = briefing(site.path(), &["build"]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(err.contains("content/data/enterprises.xlsx:企业!C3"), "{err}");
    assert!(err.contains("`food`"), "suggests the right id:\n{err}");
    assert_eq!(err.matches("error:").count(), 2, "one error and the summary:\n{err}");
}

#[test]
fn a_csv_saved_by_excel_in_gbk_is_read() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let yaml_pages = snapshot(&site.path().join("output"));
    let data = site.path().join("content/data");
    fs::remove_file(data.join("units.yaml")).expect("remove yaml");
    let text = "编号,单位名称\r\nindustry-bureau,县工信局\r\ncommerce,县商务局\r\nwater,县水务局\r\nland,县国土资源局\r\n,\r\n";
    let (gbk, _, lossy) = encoding_rs::GBK.encode(text);
    assert!(!lossy);
    fs::write(data.join("units.csv"), &gbk).expect("write csv");
    let output = build_ok(site.path(), &[]);
    assert!(!stderr(&output).contains("units.csv"), "{}", stderr(&output));
    assert_eq!(yaml_pages, snapshot(&site.path().join("output")));
}

#[test]
fn a_csv_that_is_not_text_is_named_with_a_hint() {
    let site = fixture("basic");
    let data = site.path().join("content/data");
    fs::remove_file(data.join("units.yaml")).expect("remove yaml");
    fs::write(data.join("units.csv"), [0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0xfe, 0x00, 0x81]).expect("write csv");
    let run = briefing(site.path(), &["build"]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(err.contains("content/data/units.csv"), "{err}");
    assert!(err.contains("help:"), "{err}");
}

#[test]
fn projects_in_a_csv_file_take_one_row_per_update() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let yaml_pages = snapshot(&site.path().join("output"));
    let data = site.path().join("content/data");
    fs::remove_file(data.join("projects.yaml")).expect("remove yaml");
    let text = "\u{feff}编号,项目名称,产业,企业,投资（万元）,地点,日期,状态,备注\n\
        tiande-vehicle,天德机械整车项目,machinery,tiande,18000,工业园,2012-04-16,在建,\n\
        tiande-vehicle,,,,,,2013/4/18,投产,首台整车下线。\n\
        haoshi-park,好食工贸食品园,food,haoshi,12000,,2013-03-01,前期,\n\
        haoshi-park,,,,,,2013年5月20日,started,破土动工。\n\
        cold-chain,冷链物流中心,food,,20000,,2013-06-15,planned,\n";
    fs::write(data.join("projects.csv"), text).expect("write csv");
    let output = build_ok(site.path(), &[]);
    assert!(!stderr(&output).contains("projects.csv"), "{}", stderr(&output));
    assert_eq!(yaml_pages, snapshot(&site.path().join("output")));
}

#[test]
fn a_name_kept_in_two_forms_is_an_error() {
    let site = fixture("basic");
    fs::write(site.path().join("content/data/units.csv"), "编号,名称\nwater,县水务局\n").expect("write csv");
    let run = briefing(site.path(), &["build"]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(err.contains("units.csv") && err.contains("units.yaml"), "{err}");
}

#[test]
fn office_files_in_the_data_folder_are_errors_and_strays_are_warned() {
    let site = fixture("basic");
    let data = site.path().join("content/data");
    fs::write(data.join("问题汇总.docx"), b"PK").expect("write docx");
    fs::write(data.join("problem.yaml"), "[]\n").expect("write typo");
    fs::write(data.join("~$problems.xlsx"), b"lock").expect("write lock file");
    // The register saved by Excel in its old format, in place of the YAML.
    fs::remove_file(data.join("problems.yaml")).expect("remove register");
    fs::write(data.join("problems.xls"), b"\xd0\xcf\x11\xe0").expect("write xls");
    let run = briefing(site.path(), &["build"]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error: a workbook in the `.xls` format cannot be read\n  --> content/data/problems.xls\n   = help: open it in Excel or WPS and save it as `problems.xlsx`: 文件 → 另存为 → Excel 工作簿(*.xlsx)"),
        "{err}"
    );
    assert!(
        err.contains("error: a Word or WPS document (`.docx`) cannot be read as data\n  --> content/data/问题汇总.docx"),
        "{err}"
    );
    // The register is there, only unread: the figures that need it are
    // not told it is absent.
    assert!(!err.contains("needs the problem register"), "{err}");
    assert!(
        err.contains("warning: not a data file: it is not read\n  --> content/data/problem.yaml"),
        "{err}"
    );
    assert!(
        err.contains("did you mean `problems.yaml`?"),
        "the typo suggests the right name:\n{err}"
    );
    assert!(!err.contains("~$"), "Excel's lock file is not warned:\n{err}");
    assert!(!site.path().join("output").exists());
    // Converted, and the document put away, the site builds.
    fs::remove_file(data.join("problems.xls")).expect("remove xls");
    fs::remove_file(data.join("问题汇总.docx")).expect("remove docx");
    fs::copy(
        common::repo().join("tests/fixtures/basic/content/data/problems.yaml"),
        data.join("problems.yaml"),
    )
    .expect("restore");
    let output = build_ok(site.path(), &[]);
    assert!(stderr(&output).contains("content/data/problem.yaml"), "{}", stderr(&output));
}

#[test]
fn exported_workbooks_read_back_as_the_example_site() {
    let site = tempfile::tempdir().expect("temp dir");
    for part in ["site.yaml", "content", "themes"] {
        let from = common::repo().join(part);
        if from.is_dir() {
            common::copy_dir(&from, &site.path().join(part));
        } else {
            fs::copy(&from, site.path().join(part)).expect("copy");
        }
    }
    build_ok(site.path(), &[]);
    let before = snapshot(&site.path().join("output"));
    let books = site.path().join("books");
    let run = briefing(site.path(), &["data", "export", "books"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let mut written: Vec<String> = fs::read_dir(&books)
        .expect("books")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert!(
        written.contains(&"problems.xlsx".to_string()) && written.contains(&"output.xlsx".to_string()),
        "{written:?}"
    );
    // Exporting again is the same bytes, and never overwrites.
    let first = snapshot(&books);
    let again = briefing(site.path(), &["data", "export", "books"]);
    assert_eq!(again.status.code(), Some(1), "{}", stderr(&again));
    assert!(stderr(&again).contains("problems.xlsx"), "{}", stderr(&again));
    assert_eq!(first, snapshot(&books));
    let other = site.path().join("books2");
    assert!(briefing(site.path(), &["data", "export", "books2"]).status.success());
    assert_eq!(first, snapshot(&other));
    // In place of the data files, the workbooks give the same site.
    let data = site.path().join("content/data");
    for name in &written {
        let stem = name.trim_end_matches(".xlsx");
        for ext in ["yaml", "csv", "xlsx"] {
            let _ = fs::remove_file(data.join(format!("{stem}.{ext}")));
        }
        fs::copy(books.join(name), data.join(name)).expect("copy workbook");
    }
    build_ok(site.path(), &[]);
    assert_eq!(before, snapshot(&site.path().join("output")));
}

#[test]
fn registers_and_charts_can_be_downloaded_as_their_pages_show_them() {
    use calamine::{Data, Reader, Xlsx};
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let out = site.path().join("output");
    let page = common::read(&out, "problems/index.html");
    assert!(
        page.contains("href=\"/bangfu/problems/problems.xlsx\"") && page.contains("href=\"/bangfu/problems/problems.csv\""),
        "{page}"
    );
    assert!(page.contains("下载："), "{page}");
    // The CSV: a BOM, Chinese headers, one row per problem on the page.
    let csv = common::read(&out, "problems/problems.csv");
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "编号,企业,登记日期,问题,重点,责任单位,状态,销号日期,延期日期");
    assert_eq!(lines.len() - 1, page.matches("<tr id=\"problem-").count(), "{csv}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("p3,好食工贸,2013-05-05,生产用水管网未接通。,是,县水务局、县商务局,")),
        "{csv}"
    );
    // The workbook: the same table, dates as dates.
    let bytes = fs::read(out.join("problems/problems.xlsx")).expect("xlsx");
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).expect("open xlsx");
    let names = book.sheet_names();
    assert_eq!(names, ["问题台账"]);
    let range = book.worksheet_range("问题台账").expect("sheet");
    assert_eq!(range.height(), lines.len());
    let raised = range.get((1, 2)).expect("a date");
    assert!(matches!(raised, Data::DateTime(_)), "{raised:?}");
    for register in ["projects", "units"] {
        let page = common::read(&out, &format!("{register}/index.html"));
        assert!(page.contains(&format!("href=\"/bangfu/{register}/{register}.csv\"")), "{register}");
        assert!(out.join(format!("{register}/{register}.xlsx")).is_file());
    }
    let units = common::read(&out, "units/units.csv");
    assert!(units.contains("industry-bureau,县工信局,"), "{units}");
    // Every chart drawn has its numbers beside it, linked from its figure.
    for entry in fs::read_dir(out.join("charts")).expect("charts") {
        let name = entry.expect("entry").file_name().to_string_lossy().into_owned();
        if let Some(id) = name.strip_suffix(".svg") {
            let data = common::read(&out, &format!("charts/{id}.csv"));
            assert!(data.lines().count() > 1, "{id}: {data}");
        }
    }
    let home = common::read(&out, "index.html");
    assert!(
        home.contains("href=\"/bangfu/charts/output-growth.csv\""),
        "the home page's charts link their data"
    );
}

/// The text of the third bulletin of the basic fixture, tags stripped.
fn bulletin_text(site: &Path) -> String {
    common::text_of(&common::read(&site.join("output"), "briefings/2013-07-15-no3/index.html"))
}

#[test]
fn stated_tallies_are_the_figures_of_their_period_without_records() {
    let site = fixture("basic");
    let data = site.path().join("content/data");
    fs::remove_file(data.join("problems.yaml")).expect("remove register");
    // Every month a briefing reports on is stated (a month without a tally
    // would need the register: an error, not a zero).
    fs::write(
        data.join("tallies.yaml"),
        "- period: \"2013-05\"\n  problems: {raised: 420, closed: 290}\n  key_problems: {raised: 36, closed: 25}\n\
         - period: \"2013-06\"\n  problems: {raised: 475, closed: 328, extended: 12}\n  key_problems: {raised: 40, closed: 30}\n",
    )
    .expect("write tallies");
    let output = build_ok(site.path(), &[]);
    assert!(!stderr(&output).contains("tallies"), "{}", stderr(&output));
    let text = bulletin_text(site.path());
    assert!(text.contains("登记475个，销号328个，延期12个，办理中135个，销号率69.1%"), "{text}");
    let register = common::read(&site.path().join("output"), "problems/index.html");
    assert!(
        register.contains("475") && register.contains("69.1%"),
        "the register page shows the stated counts"
    );
    assert!(!register.contains("<tr id=\"problem-"), "and no placeholder records");
}

#[test]
fn stated_tallies_that_disagree_with_the_register_are_warned_naming_both() {
    let site = fixture("basic");
    let data = site.path().join("content/data");
    fs::write(
        data.join("tallies.yaml"),
        "- period: \"2013-06\"\n  problems: {raised: 8, closed: 3, extended: 1}\n",
    )
    .expect("write tallies");
    let output = build_ok(site.path(), &[]);
    let err = stderr(&output);
    // By 2013-06-30 the register has 5 raised; 3 closed and 1 extended agree.
    assert!(
        err.contains("content/data/tallies.yaml states 8 problems raised by 2013-06, but content/data/problems.yaml has 5"),
        "{err}"
    );
    assert!(err.contains("content/data/tallies.yaml:2:"), "{err}");
    assert_eq!(err.matches("warning: content/data/tallies.yaml states").count(), 1, "{err}");
    assert!(bulletin_text(site.path()).contains("登记8个，销号3个"), "the stated count is shown");
    // A register of key problems only does not speak for all problems.
    let register = data.join("problems.yaml");
    let text = fs::read_to_string(&register).expect("register");
    assert!(text.contains("  summary: 食品许可证换证。\n"));
    fs::write(
        &register,
        text.replace("  summary: 食品许可证换证。\n", "  summary: 食品许可证换证。\n  key: true\n"),
    )
    .expect("write");
    let output = build_ok(site.path(), &[]);
    assert!(!stderr(&output).contains("tallies.yaml"), "{}", stderr(&output));
    fs::write(&register, text).expect("write");
    // Counts that cannot be are errors.
    fs::write(
        data.join("tallies.yaml"),
        "- period: \"2013-06\"\n  problems: {raised: 3, closed: 5}\n",
    )
    .expect("write tallies");
    let run = briefing(site.path(), &["build"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("problems of 2013-06: 5 closed, but only 3 raised"),
        "{}",
        stderr(&run)
    );
}

#[test]
fn implausible_figures_are_errors_with_hints() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let before = snapshot(&site.path().join("output"));
    let path = site.path().join("content/data/output.yaml");
    let good = fs::read_to_string(&path).expect("output.yaml");
    // Output typed in 万元 in a file of 亿元.
    fs::write(
        &path,
        good.replace(
            "gross_output: {total: 60, food: 25, machinery: 30}",
            "gross_output: {total: 600000, food: 25, machinery: 30}",
        ),
    )
    .expect("write");
    let run = briefing(site.path(), &["build"]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(
        err.contains("more than any county's output") && err.contains("content/data/output.yaml:13:"),
        "{err}"
    );
    assert!(err.contains("help: output.yaml is in 亿元"), "{err}");
    assert_eq!(before, snapshot(&site.path().join("output")), "the last good site stays");
    // Growth typed as a fraction: computed 20 %, stated 0.2.
    fs::write(
        &path,
        good.replace("gross_output_yoy: {total: 21.0}", "gross_output_yoy: {total: 0.2}"),
    )
    .expect("write");
    let run = briefing(site.path(), &["build"]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(err.contains("help: growth is written in percent: type 20 for 20%"), "{err}");
    // A year-to-date figure that falls.
    fs::write(
        &path,
        good.replace(
            "gross_output: {total: 60, food: 25, machinery: 30}",
            "gross_output: {total: 51, food: 20, machinery: 30}",
        ),
    )
    .expect("write");
    let err = stderr(&briefing(site.path(), &["build"]));
    assert!(
        err.contains("`gross_output.total` falls from 52 in 2013-05 to 51 in 2013-06"),
        "{err}"
    );
}

#[test]
fn the_industries_together_are_a_figure() {
    let site = fixture("basic");
    let page = site.path().join("content/briefings/2013-07-15-no3.md");
    let text = fs::read_to_string(&page).expect("bulletin");
    fs::write(
        &page,
        text.replace(
            "## 二、项目建设",
            "两大产业合计{{ metric(name=\"output.gross_output.industries\") }}，增长{{ metric(name=\"output.gross_output.industries.yoy\") }}。\n\n## 二、项目建设",
        ),
    )
    .expect("write");
    build_ok(site.path(), &[]);
    assert!(
        bulletin_text(site.path()).contains("两大产业合计55.00亿元，增长22.2%。"),
        "{}",
        bulletin_text(site.path())
    );
}

/// The visit log as an office keeps it: a title row over Chinese headers,
/// units as one 、-separated cell, 是/否, dates as Excel dates and typed as
/// text; plans filed as a CSV with Chinese headers. The site is the one
/// the same records in YAML give.
#[test]
fn a_visit_log_in_a_workbook_and_plans_in_a_csv_build_the_yaml_site() {
    use C::*;
    let visits_yaml = "\
- {date: 2013-04-02, enterprise: tiande, units: [industry-bureau, water, land], leader: true}
- {date: 2013-05-20, enterprise: tiande, units: [water], note: 现场查看管网}
- {date: 2013-07-10, enterprise: haoshi, units: [commerce, water, industry-bureau]}
";
    let plans_yaml = "\
- {unit: industry-bureau, enterprise: tiande, filed: 2013-03-10}
- {unit: commerce, enterprise: haoshi, filed: 2013-06-01}
";
    let yaml = fixture("basic");
    fs::write(yaml.path().join("content/data/visits.yaml"), visits_yaml).expect("visits");
    fs::write(yaml.path().join("content/data/plans.yaml"), plans_yaml).expect("plans");
    build_ok(yaml.path(), &[]);

    let sheets = fixture("basic");
    let data = sheets.path().join("content/data");
    let mut workbook = Workbook::new();
    sheet(
        &mut workbook,
        "入企帮扶",
        0,
        &[
            vec![T("2013年入企帮扶登记表")],
            vec![T("序号"), T("入企日期"), T("企业"), T("参加单位"), T("县领导参加"), T("备注")],
            vec![N(1.0), D(2013, 4, 2), T("tiande"), T("industry-bureau、water、land"), T("是"), E],
            vec![N(2.0), T("2013年5月20日"), T("tiande"), T("water"), T("否"), T("现场查看管网")],
            vec![N(3.0), T("2013/7/10"), T("haoshi"), T("commerce,water,industry-bureau"), E, E],
        ],
    );
    save(&mut workbook, &data.join("visits.xlsx"));
    fs::write(
        data.join("plans.csv"),
        "帮扶单位,企业,报送日期\r\nindustry-bureau,tiande,2013-03-10\r\ncommerce,haoshi,2013年6月1日\r\n",
    )
    .expect("plans csv");
    let output = build_ok(sheets.path(), &[]);
    assert!(!stderr(&output).contains("visits.xlsx"), "{}", stderr(&output));
    assert_eq!(snapshot(&yaml.path().join("output")), snapshot(&sheets.path().join("output")));

    // a visit naming an enterprise that does not exist is named at its cell
    let mut workbook = Workbook::new();
    sheet(
        &mut workbook,
        "入企帮扶",
        0,
        &[
            vec![T("入企日期"), T("企业"), T("参加单位")],
            vec![D(2013, 4, 2), T("tainde"), T("water")],
        ],
    );
    save(&mut workbook, &data.join("visits.xlsx"));
    let run = briefing(sheets.path(), &["build"]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(err.contains("content/data/visits.xlsx:入企帮扶!B2"), "{err}");
}
