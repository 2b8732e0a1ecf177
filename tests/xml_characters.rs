//! Characters that XML forbids (controls, U+FFFE, U+FFFF) and the bidi
//! controls that disguise text, pasted from another program into any input
//! (site.yaml, front matter, a body, YAML data, a workbook cell): each is a
//! warning at its line or cell, and no output carries one, so that
//! feed.xml, every chart and every Word and Excel part stays well-formed
//! XML (issue 27, point 8).

mod common;

use std::fs;
use std::io::Read;
use std::path::Path;

use common::*;
use rust_xlsxwriter::Workbook;

/// Every character that must not reach an output, as typed into inputs.
const BAD: [char; 14] = [
    '\u{0}', '\u{1}', '\u{8}', '\u{b}', '\u{c}', '\u{1b}', '\u{1f}', '\u{fffe}', '\u{ffff}', '\u{202a}', '\u{202e}', '\u{2066}',
    '\u{2069}', '\u{7}',
];

fn is_bad(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn edit(site: &Path, file: &str, find: &str, replace: &str) {
    let path = site.join(file);
    let text = fs::read_to_string(&path).expect("read fixture file");
    assert!(text.contains(find), "`{find}` not in {file}");
    fs::write(&path, text.replacen(find, replace, 1)).expect("write");
}

/// The basic site with the characters in every kind of input.
fn pasted_site() -> tempfile::TempDir {
    let site = fixture("basic");
    let root = site.path();
    // site.yaml: the title of every page and of the feed.
    edit(
        root,
        "site.yaml",
        "title: 测试县帮扶简报",
        "title: 测试县\u{b}帮扶\u{1}简报\u{202e}",
    );
    // Front matter: a title typed raw, a summary with YAML escapes.
    let no3 = "content/briefings/2013-07-15-no3.md";
    edit(root, no3, "title: 上半年主要指标", "title: 上半年\u{c}主要\u{ffff}指标");
    edit(
        root,
        no3,
        "summary: 上半年工业运行和项目建设情况。",
        "summary: \"上半年\\v工业\\x01运行\\u202E和\\0项目建设\\U0000FFFE情况。\"",
    );
    // The body: Word's line break and others, in a paragraph and a heading.
    edit(
        root,
        no3,
        "## 一、工业运行",
        "## 一、工业\u{1b}运行\u{2066}\n\n第一行\u{b}第二行\u{0}，\u{8}\u{1f}\u{202a}\u{2069}完。",
    );
    // YAML data: an industry in every chart legend, a problem in the
    // registers and their downloads, a chart title with an escape.
    edit(
        root,
        "content/data/industries.yaml",
        "name: 食品加工",
        "name: 食品\u{7}加工\u{202e}",
    );
    edit(
        root,
        "content/data/problems.yaml",
        "summary: 工业园企业汇款难。",
        "summary: 工业园\u{0}企业\u{202e}汇款难\u{fffe}。",
    );
    edit(
        root,
        "content/data/charts.yaml",
        "title: 食品与机电产值",
        "title: \"食品与\\e机电产值\"",
    );
    // A workbook: units kept in Excel, with the characters in its cells.
    let data = root.join("content/data");
    fs::remove_file(data.join("units.yaml")).expect("remove units.yaml");
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("单位").expect("name");
    let rows = [
        ["编号", "名称"],
        ["industry-bureau", "县工信局"],
        ["commerce", "县商务\u{b}局"],
        ["water", "县水\u{1}务局\u{202e}"],
        ["land", "县国土资源局"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *text).expect("write");
        }
    }
    fs::write(data.join("units.xlsx"), workbook.save_to_buffer().expect("save")).expect("write");
    site
}

/// The XML parts of a zip (a .docx or .xlsx).
fn xml_parts(path: &Path) -> Vec<(String, String)> {
    let file = fs::File::open(path).expect("open");
    let mut archive = zip::ZipArchive::new(file).expect("a zip");
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let name = entry.name().to_string();
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let mut text = String::new();
            entry.read_to_string(&mut text).expect("a part is UTF-8");
            parts.push((name, text));
        }
    }
    parts
}

#[test]
fn pasted_characters_are_warned_at_their_line_and_every_output_stays_well_formed() {
    assert!(BAD.iter().all(|&c| is_bad(c)));
    let site = pasted_site();
    let output = build_ok(site.path(), &[]);
    let err = stderr(&output);
    for location in [
        "site.yaml:1:",
        "content/briefings/2013-07-15-no3.md:2:",
        "content/briefings/2013-07-15-no3.md:5:",
        "content/briefings/2013-07-15-no3.md:8:",
        "content/briefings/2013-07-15-no3.md:10:",
        "content/data/industries.yaml:5:",
        "content/data/problems.yaml:28:",
        "content/data/charts.yaml:2:",
        "content/data/units.xlsx:单位!B3",
        "content/data/units.xlsx:单位!B4",
    ] {
        assert!(err.contains(&format!("--> {location}")), "no warning at {location}:\n{err}");
    }
    assert!(err.contains("character U+000B"), "{err}");

    let out = site.path().join("output");
    let mut checked = 0;
    for (name, bytes) in snapshot(&out) {
        let path = out.join(&name);
        let texts: Vec<(String, String)> = if name.ends_with(".docx") || name.ends_with(".xlsx") {
            xml_parts(&path)
                .into_iter()
                .map(|(part, text)| (format!("{name}:{part}"), text))
                .collect()
        } else if let Ok(text) = String::from_utf8(bytes) {
            vec![(name.clone(), text)]
        } else {
            continue;
        };
        for (what, text) in texts {
            if let Some(bad) = text.chars().find(|&c| is_bad(c)) {
                panic!("{what} carries U+{:04X}", bad as u32);
            }
            if [".xml", ".svg", ".rels"].iter().any(|ext| what.ends_with(ext)) {
                roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{what} is not well-formed: {e}"));
                checked += 1;
            }
            // The Office parts hold escapes (`_x000B_`) that Excel would
            // turn back into the characters.
            assert!(!text.contains("_x000B_") && !text.contains("_x0001_"), "{what}");
        }
    }
    assert!(checked > 30, "only {checked} XML files and parts");

    // Word's line break is a line break; the rest is gone.
    let page = read(&out, "briefings/2013-07-15-no3/index.html");
    assert!(page.contains("第一行<br"), "{page}");
    assert!(page.contains("第二行，完。"), "{page}");
    assert!(page.contains("上半年 主要指标") || page.contains("上半年主要指标"), "{page}");
    let feed = read(&out, "feed.xml");
    assert!(feed.contains("测试县 帮扶简报"), "{feed}");
    assert!(feed.contains("上半年\n工业运行和项目建设情况。"), "{feed}");
    let problems = read(&out, "problems/problems.csv");
    assert!(problems.contains("工业园企业汇款难。"), "{problems}");
    let units = read(&out, "units/index.html");
    assert!(units.contains("县水务局"), "{units}");
}
