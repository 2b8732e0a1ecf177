//! The Word edition: every one of the newest briefings also becomes
//! `/briefings/<slug>/<slug>.docx`, linked from its page, in the layout of
//! GB/T 9704 (A4, 37/28 mm margins, fonts that name their East Asian slot,
//! 报头, 版记, page numbers). Its XML parses and it is the same bytes on
//! every build. The ignored test converts it with LibreOffice (installed by
//! `.ci/run`) and checks the PDF with poppler.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

/// The parts of a .docx (a zip) by name.
fn parts(path: &Path) -> std::collections::BTreeMap<String, String> {
    let file = std::fs::File::open(path).expect("open docx");
    let mut archive = zip::ZipArchive::new(file).expect("a docx is a zip");
    let mut parts = std::collections::BTreeMap::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let mut text = String::new();
        if entry.read_to_string(&mut text).is_ok() {
            parts.insert(entry.name().to_string(), text);
        }
    }
    parts
}

fn example() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp");
    let out = dir.path().join("site");
    let output = briefing(&repo(), &["build", "--output", out.to_str().expect("utf-8")]);
    assert!(output.status.success(), "{}", stderr(&output));
    (dir, out)
}

const BULLETIN: &str = "briefings/2013-07-26-review-meeting";

#[test]
fn every_briefing_has_a_word_edition_that_parses_and_names_its_chinese_fonts() {
    let (_dir, out) = example();
    let briefings: Vec<PathBuf> = std::fs::read_dir(out.join("briefings"))
        .expect("briefings")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("index.html").is_file() && !p.ends_with("page"))
        .collect();
    assert!(briefings.len() >= 10);
    for folder in &briefings {
        let slug = folder.file_name().and_then(|n| n.to_str()).expect("slug");
        let docx = folder.join(format!("{slug}.docx"));
        assert!(docx.is_file(), "no Word edition of {slug}");
        let page = std::fs::read_to_string(folder.join("index.html")).expect("page");
        assert!(
            page.contains(&format!("/briefings/{slug}/{slug}.docx\" download>下载Word版")),
            "{slug}: no link"
        );
        let parts = parts(&docx);
        for (name, xml) in &parts {
            if name.ends_with(".xml") || name.ends_with(".rels") {
                roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{slug}: {name} does not parse: {e}"));
            }
        }
        let document = &parts["word/document.xml"];
        let fonts = document.matches("<w:rFonts").count();
        assert!(fonts > 5, "{slug}: {fonts} fonts");
        assert_eq!(
            document.matches("w:eastAsia=\"").count(),
            fonts,
            "{slug}: a font without its East Asian slot"
        );
        // A4, 37 mm top and 28 mm binding margins, in twips.
        assert!(
            document.contains("w:w=\"11906\"") && document.contains("w:h=\"16838\""),
            "{slug}: not A4"
        );
        assert!(
            document.contains("w:top=\"2098\"") && document.contains("w:left=\"1587\""),
            "{slug}: margins"
        );
    }
    // The bulletin: 报头, title, figures, 版记; page numbers in the footers.
    let parts = parts(&out.join(BULLETIN).join("2013-07-26-review-meeting.docx"));
    let text: String = parts["word/document.xml"]
        .split("<w:t")
        .skip(1)
        .filter_map(|t| t.split_once('>').map(|(_, r)| r.split('<').next().unwrap_or_default()))
        .collect();
    for expected in [
        "联手帮扶简报",
        "第10期",
        "县联手帮扶办",
        "全县联手帮扶工作讲评会召开",
        "75.00亿元",
        "48.0%",
        "70亿元",
        "报送：",
        "抄送：",
        "2013年7月26日印发",
        "（共印60份）",
    ] {
        assert!(text.contains(expected), "`{expected}` not in the Word edition: {text}");
    }
    // Charts are native Word charts: a part each, referenced by a drawing.
    let charts: Vec<&String> = parts.keys().filter(|n| n.starts_with("word/charts/chart")).collect();
    assert!(!charts.is_empty(), "no chart part");
    for name in &charts {
        let xml = &parts[name.as_str()];
        assert!(xml.contains("<c:barChart>") || xml.contains("<c:lineChart>"), "{name}");
        roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    assert!(parts["word/document.xml"].contains("r:id=\"rIdChart0\""), "the chart is not drawn");
    assert!(parts["word/_rels/document.xml.rels"].contains("charts/chart0.xml"));
    assert!(parts["[Content_Types].xml"].contains("drawingml.chart+xml"));
    assert!(!parts["word/document.xml"].contains("chart:0"), "a marker was left");
    assert!(parts[charts[0].as_str()].contains("规模工业总产值及增速"));
    let footers: String = parts
        .iter()
        .filter(|(n, _)| n.starts_with("word/footer"))
        .map(|(_, x)| x.as_str())
        .collect();
    assert!(footers.contains("PAGE") && footers.contains("— "), "{footers}");
    assert!(
        parts["word/settings.xml"].contains("evenAndOddHeaders"),
        "odd and even pages differ"
    );
}

#[test]
fn word_editions_are_the_same_bytes_every_build_and_can_be_limited() {
    let (_a, one) = example();
    let (_b, two) = example();
    let name = format!("{BULLETIN}/2013-07-26-review-meeting.docx");
    assert_eq!(
        std::fs::read(one.join(&name)).expect("docx"),
        std::fs::read(two.join(&name)).expect("docx")
    );
    let site = fixture("basic");
    let config = site.path().join("site.yaml");
    let text = std::fs::read_to_string(&config).expect("site.yaml");
    std::fs::write(&config, format!("{text}\nword_editions: 1\n")).expect("write");
    build_ok(site.path(), &[]);
    let docs: Vec<String> = snapshot(&site.path().join("output"))
        .into_keys()
        .filter(|k| k.ends_with(".docx"))
        .collect();
    assert_eq!(docs.len(), 1, "{docs:?}");
}

fn soffice() -> PathBuf {
    let path = PathBuf::from(std::env::var("SOFFICE").unwrap_or_else(|_| "/usr/bin/soffice".to_string()));
    assert!(
        path.exists(),
        "LibreOffice is needed: apt-get install -y libreoffice-writer-nogui (or set SOFFICE)"
    );
    path
}

#[test]
#[ignore = "needs LibreOffice and poppler-utils; run by .ci/run"]
fn libreoffice_opens_the_bulletin_as_an_a4_document() {
    let (dir, out) = example();
    let docx = out.join(BULLETIN).join("2013-07-26-review-meeting.docx");
    let pdfs = dir.path().join("pdf");
    let converted = Command::new(soffice())
        .args(["--headless", "--norestore", "--convert-to", "pdf", "--outdir"])
        .arg(&pdfs)
        .arg(&docx)
        .env("HOME", dir.path())
        .output()
        .expect("run soffice");
    let pdf = pdfs.join("2013-07-26-review-meeting.pdf");
    assert!(
        pdf.is_file(),
        "LibreOffice did not convert: {}",
        String::from_utf8_lossy(&converted.stderr)
    );
    let info = Command::new("pdfinfo").arg(&pdf).output().expect("pdfinfo");
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    assert!(info.contains("(A4)"), "{info}");
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pages");
    let text_of = |first: usize, last: usize| {
        let output = Command::new("pdftotext")
            .args(["-f", &first.to_string(), "-l", &last.to_string()])
            .arg(&pdf)
            .arg("-")
            .output()
            .expect("pdftotext");
        // LibreOffice spaces Chinese from digits; compare without spaces.
        String::from_utf8_lossy(&output.stdout)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
    };
    let all = text_of(1, pages);
    let page = std::fs::read_to_string(out.join(BULLETIN).join("index.html")).expect("page");
    let metrics: Vec<&str> = page
        .split("<span class=\"metric\"")
        .skip(1)
        .filter_map(|s| s.split_once('>').and_then(|(_, r)| r.split('<').next()))
        .collect();
    assert!(metrics.len() >= 8, "{metrics:?}");
    // The 期号 as the bulletin's own front matter gives it.
    let source = repo().join("content/briefings/2013-07-26-review-meeting.md");
    let source = std::fs::read_to_string(source).expect("bulletin source");
    let issue = source
        .lines()
        .find_map(|l| l.strip_prefix("issue:"))
        .map(|n| format!("第{}期", n.trim()))
        .expect("the bulletin states its issue");
    for expected in [
        "联手帮扶简报",
        issue.as_str(),
        "县联手帮扶办",
        "全县联手帮扶工作讲评会召开",
        "规模工业总产值及增速",
        "—1—",
    ]
    .iter()
    .copied()
    .chain(metrics)
    {
        assert!(all.contains(expected), "`{expected}` not in the PDF: {all}");
    }
    let last = text_of(pages, pages);
    assert!(
        last.contains("报送") && last.contains("抄送") && last.contains("印发"),
        "the 版记 is not on the last page: {last}"
    );
    let shots = repo().join("target/word");
    std::fs::create_dir_all(&shots).expect("folder");
    let _ = Command::new("pdftoppm")
        .args(["-r", "60", "-png", "-f", "1", "-l", "1"])
        .arg(&pdf)
        .arg(shots.join("bulletin"))
        .status();
}
