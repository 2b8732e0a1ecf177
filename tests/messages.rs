//! The command line speaks the site's language: diagnostics and its own
//! lines in Chinese for a `zh-CN` site (the default), English for `en`, in
//! rustc's layout; `BRIEFING_LANG` chooses for one run.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use common::{fixture, repo};

/// Runs `briefing ARGS` in `dir` as a user would: no language forced.
fn run(dir: &Path, args: &[&str], language: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_briefing"));
    command.args(args).current_dir(dir).env_remove("BRIEFING_LANG");
    if let Some(language) = language {
        command.env("BRIEFING_LANG", language);
    }
    command.output().expect("run briefing")
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The message and hint lines of stderr (what a person reads).
fn said(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter_map(|line| {
            let line = line.trim_start();
            line.strip_prefix("error: ")
                .or_else(|| line.strip_prefix("warning: "))
                .or_else(|| line.strip_prefix("= help: "))
        })
        .collect()
}

/// The basic site broken in many ways at once.
fn broken_site() -> tempfile::TempDir {
    let site = fixture("basic");
    let briefings = site.path().join("content/briefings");
    for entry in fs::read_dir(repo().join("tests/fixtures/invalid")).expect("invalid cases") {
        let entry = entry.expect("entry");
        fs::copy(entry.path(), briefings.join(entry.file_name())).expect("copy case");
    }
    let projects = site.path().join("content/data/projects.yaml");
    let text = fs::read_to_string(&projects).expect("projects");
    fs::write(&projects, text.replacen("industry: food", "industry: fod", 1)).expect("write");
    fs::write(
        briefings.join("2013-07-30-ime.md"),
        "---\ntitle：第四期\ndate: 2013-07-30\n---\n正文{{ metric（name=\"x\"） }}\n",
    )
    .expect("write");
    fs::write(
        briefings.join("2013-07-31-x.md"),
        "---\ntitle: 第五期\ndate: 2013-07-31\nissue: 5\n---\n{{ metric(name=\"problems.rased\") }}\n",
    )
    .expect("write");
    site
}

#[test]
fn a_chinese_site_is_told_its_errors_in_chinese() {
    let site = broken_site();
    let output = run(site.path(), &["build"], None);
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{err}");
    let lines = said(&err);
    assert!(lines.len() >= 12, "{err}");
    for line in &lines {
        assert!(has_chinese(line), "not in Chinese: {line}\n\n{err}");
    }
    // The layout stays rustc's, names as typed stay as typed.
    assert!(
        err.contains("error: 未知的产业 `fod`（是不是 `food`？）\n  --> content/data/projects.yaml:"),
        "{err}"
    );
    assert!(
        err.contains("error: `title：` 用了全角冒号（：）\n  --> content/briefings/2013-07-30-ime.md:2:6"),
        "{err}"
    );
    assert!(err.contains("请用英文冒号加一个空格：`title: 第四期`"), "{err}");
    assert!(err.lines().last().is_some_and(|l| l.starts_with("error: 生成失败")), "{err}");
}

#[test]
fn absent_and_unreadable_data_files_are_told_in_chinese() {
    let site = fixture("basic");
    let data = site.path().join("content/data");
    fs::remove_file(data.join("problems.yaml")).expect("remove register");
    fs::write(data.join("visits.xls"), b"\xd0\xcf\x11\xe0").expect("write xls");
    fs::write(data.join("汇报.docx"), b"PK").expect("write docx");
    fs::write(
        site.path().join("content/briefings/2013-07-31-x.md"),
        "---\ntitle: 通报\ndate: 2013-07-31\nkind: circular\n---\n超期{{ metric(name=\"problems.overdue\") }}个，方案{{ metric(name=\"plans.filed\") }}份。\n",
    )
    .expect("write");
    let told = |expected: &[&str]| {
        let output = run(site.path(), &["build"], None);
        let err = String::from_utf8_lossy(&output.stderr).into_owned();
        assert_eq!(output.status.code(), Some(1), "{err}");
        for line in said(&err) {
            assert!(has_chinese(line), "not in Chinese: {line}\n\n{err}");
        }
        for expected in expected {
            assert!(err.contains(expected), "missing:\n{expected}\n\nin:\n{err}");
        }
    };
    told(&[
        "error: 无法读取 `.xls` 格式的工作簿\n  --> content/data/visits.xls\n   = help: 请用 Excel 或 WPS 打开，另存为 `visits.xlsx`：文件 → 另存为 → Excel 工作簿(*.xlsx)",
        "error: Word 或 WPS 文档（`.docx`）不能作为数据读取\n  --> content/data/汇报.docx\n   = help: 文档请放在 content/data/ 以外",
    ]);
    // The data read, the figures that need an absent file are errors.
    fs::remove_file(data.join("visits.xls")).expect("remove xls");
    fs::remove_file(data.join("汇报.docx")).expect("remove docx");
    told(&[
        "error: `problems.overdue` 需要问题台账，但 content/data/ 中没有 problems.yaml（也没有 problems.xlsx 或 problems.csv）\n  --> content/briefings/2013-07-31-x.md:6:3",
        "error: `plans.filed` 需要帮扶方案登记，但 content/data/ 中没有 plans.yaml（也没有 plans.xlsx 或 plans.csv）",
    ]);
}

#[test]
fn english_sites_and_briefing_lang_choose_english() {
    let site = broken_site();
    let output = run(site.path(), &["build"], Some("en"));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("error: unknown industry `fod` (did you mean `food`?)"), "{err}");
    assert!(err.contains("build failed with"), "{err}");
    let config = site.path().join("site.yaml");
    let text = fs::read_to_string(&config).expect("site.yaml");
    fs::write(&config, format!("{text}\nlanguage: en\n")).expect("write");
    let output = run(site.path(), &["check"], None);
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("error: unknown industry `fod`") && err.contains("check failed with"),
        "{err}"
    );
    let output = run(site.path(), &["check"], Some("zh-CN"));
    assert!(String::from_utf8_lossy(&output.stderr).contains("未知的产业"));
}

#[test]
fn the_command_lines_own_words_are_chinese() {
    let site = fixture("basic");
    let output = run(site.path(), &["build"], None);
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{err}");
    let last = err.lines().last().unwrap_or_default();
    assert!(has_chinese(last) && last.contains("30"), "{last}");
    let output = run(site.path(), &["check"], None);
    let last = String::from_utf8_lossy(&output.stderr)
        .lines()
        .last()
        .unwrap_or_default()
        .to_string();
    assert!(has_chinese(&last), "{last}");
    let output = run(site.path(), &["data", "export", "books"], None);
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success() && has_chinese(&err), "{err}");
}

#[test]
fn a_new_bulletin_takes_its_number_from_its_title() {
    let site = fixture("basic");
    // The basic site has issues 1 to 4 (one a draft).
    let output = run(site.path(), &["new", "briefing", "--title", "联手帮扶简报第五期"], None);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let path = String::from_utf8_lossy(&output.stdout).trim().to_string();
    let text = fs::read_to_string(site.path().join(&path)).expect("new bulletin");
    assert!(text.contains("\nissue: 5\n"), "{text}");
    assert!(path.ends_with("-issue-5.md"), "{path}");
    assert!(
        output.stderr.is_empty(),
        "the fifth is the next: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    // A number that is not the next one is taken, and warned.
    let output = run(site.path(), &["new", "briefing", "--title", "第12期"], None);
    assert!(output.status.success());
    let path = String::from_utf8_lossy(&output.stdout).trim().to_string();
    assert!(
        fs::read_to_string(site.path().join(&path))
            .expect("new bulletin")
            .contains("\nissue: 12\n")
    );
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.starts_with("warning: ") && err.contains("12") && err.contains('6') && has_chinese(&err),
        "{err}"
    );
}
