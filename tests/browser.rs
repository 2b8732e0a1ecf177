//! Browser test: Debian's Chromium, headless, over the example site built
//! with relative links and opened from disk. Every kind of page renders
//! without console errors and fits a phone (390 px) and a desktop
//! (1280 px): nothing scrolls sideways, no chart text is under 12 CSS px as
//! displayed, article text never takes a badge's colour, and on a phone
//! the newest bulletin is above the fold. Charts are visible, a relative
//! build's 404 page works at any depth behind a server, and a screenshot
//! of every kind of page at both widths is kept in `target/browser/`.
//! (Search is tested in `search_browser.rs`.)
//!
//! Needs `/usr/bin/chromium` (`apt-get install chromium`), so it is
//! ignored by a plain `cargo test`; `.ci/run` installs Chromium and runs it
//! with `cargo test --test browser -- --ignored`.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::chromium::*;
use common::*;

/// What a checking page wrote into its `<pre id="out">`, from the DOM
/// Chromium dumped.
fn reported(output: &Output) -> String {
    let dom = String::from_utf8_lossy(&output.stdout);
    dom.split("<pre id=\"out\">")
        .nth(1)
        .and_then(|rest| rest.split("</pre>").next())
        .unwrap_or_default()
        .to_string()
}

/// One page of every kind of the example site: a name for its
/// screenshots, and its file.
const PAGE_KINDS: [(&str, &str); 21] = [
    ("home", "index.html"),
    ("archive", "briefings/index.html"),
    ("bulletin", "briefings/2013-07-26-review-meeting/index.html"),
    ("speech", "briefings/2013-07-20-review-meeting-speech/index.html"),
    ("notice", "briefings/2013-07-12-review-meeting-notice/index.html"),
    ("circular", "briefings/2013-04-28-first-circular/index.html"),
    ("page", "about/index.html"),
    ("industries", "industries/index.html"),
    ("industry", "industries/food/index.html"),
    ("projects", "projects/index.html"),
    ("project", "projects/tiande-vehicle/index.html"),
    ("enterprises", "enterprises/index.html"),
    ("enterprise", "enterprises/nanling/index.html"),
    ("units", "units/index.html"),
    ("unit", "units/commerce/index.html"),
    ("problems", "problems/index.html"),
    ("supervision", "supervision/index.html"),
    ("tags", "tags/index.html"),
    ("tag", "tags/讲评会/index.html"),
    ("search", "search/index.html"),
    ("not-found", "404.html"),
];

#[test]
#[ignore = "needs Chromium; run by .ci/run"]
fn pages_render_without_console_errors() {
    let (dir, out) = built_example();
    let profile = dir.path().join("profile");
    for (_, page) in PAGE_KINDS {
        let output = run(&profile, &["--dump-dom"], &file_url(&out.join(page)));
        assert!(output.status.success(), "{page}: chromium failed");
        let dom = String::from_utf8_lossy(&output.stdout);
        assert!(dom.contains("site-header"), "{page}: not rendered");
        let errors = console_errors(&output);
        assert!(errors.is_empty(), "{page}: {errors:#?}");
    }
}

#[test]
#[ignore = "needs Chromium; run by .ci/run"]
fn charts_are_visible() {
    let (dir, out) = built_example();
    // A page beside the site measures the charts of the home page in a frame.
    let check = out.join("check-charts.html");
    std::fs::write(
        &check,
        r#"<!DOCTYPE html><meta charset="utf-8"><iframe id="f" src="index.html" style="width:1200px;height:4000px"></iframe><pre id="out">pending</pre>
<script>
document.getElementById("f").onload = function () {
  var d = this.contentDocument;
  var svgs = Array.prototype.slice.call(d.querySelectorAll('svg[role="img"]'));
  var visible = svgs.filter(function (s) { var r = s.getBoundingClientRect(); return r.width > 200 && r.height > 100; });
  var bars = d.querySelectorAll('svg[role="img"] rect').length;
  document.getElementById("out").textContent = "charts=" + svgs.length + " visible=" + visible.length + " shapes=" + bars;
};
</script>"#,
    )
    .expect("write check page");
    let output = run(
        &dir.path().join("profile"),
        &["--allow-file-access-from-files", "--dump-dom"],
        &file_url(&check),
    );
    let result = reported(&output);
    // Each chart is drawn wide and narrow; one of the two is shown.
    assert!(result.starts_with("charts=10 visible=5"), "{result}");
    let shapes: usize = result.rsplit('=').next().and_then(|n| n.parse().ok()).unwrap_or(0);
    assert!(shapes > 40, "{result}");
}

#[test]
#[ignore = "needs Chromium; run by .ci/run"]
fn screenshot_of_the_home_page() {
    let (dir, out) = built_example();
    let artefacts = repo().join("target/browser");
    std::fs::create_dir_all(&artefacts).expect("artefact folder");
    let shot = artefacts.join("home.png");
    let _ = std::fs::remove_file(&shot);
    let output = run(
        &dir.path().join("profile"),
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1280,2400",
            "--hide-scrollbars",
        ],
        &file_url(&out.join("index.html")),
    );
    assert!(output.status.success());
    let bytes = std::fs::read(&shot).expect("screenshot written");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    assert!(bytes.len() > 50_000, "a real page, not a blank one: {} bytes", bytes.len());
}

/// What the measuring page found on one page at one width.
#[derive(Debug)]
struct Measured {
    page: String,
    /// How far the page scrolls sideways, in CSS pixels.
    overflow: i64,
    /// The smallest chart text as displayed, in CSS pixels (999 without
    /// charts), and the text.
    smallest_chart_text: f64,
    smallest_text: String,
    /// Paragraphs of the article whose colour is not the body's.
    coloured_paragraphs: usize,
    /// Top of the newest bulletin in the list, in CSS pixels (-1 without).
    newest_top: f64,
}

/// Loads every page of `PAGE_KINDS` in a frame `width` × `height` pixels
/// and measures it.
fn measure(out: &Path, profile: &Path, width: u32, height: u32) -> Vec<Measured> {
    let pages = PAGE_KINDS
        .iter()
        .map(|(_, page)| format!("\"{page}\""))
        .collect::<Vec<_>>()
        .join(",");
    let check = out.join(format!("measure-{width}.html"));
    std::fs::write(
        &check,
        format!(
            r#"<!DOCTYPE html><meta charset="utf-8"><iframe id="f" scrolling="no" style="border:0;width:{width}px;height:{height}px"></iframe><pre id="out">pending</pre>
<script>
var pages = [{pages}], results = [], frame = document.getElementById("f");
function measure(name) {{
  var d = frame.contentDocument, root = d.documentElement;
  var overflow = root.scrollWidth - root.clientWidth;
  var smallest = 999, smallestText = "";
  d.querySelectorAll('svg[role="img"]').forEach(function (svg) {{
    var box = svg.getBoundingClientRect();
    if (box.width === 0) return;
    var scale = box.width / svg.viewBox.baseVal.width;
    svg.querySelectorAll("text").forEach(function (t) {{
      var size = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (size < smallest) {{ smallest = size; smallestText = t.textContent.trim(); }}
    }});
  }});
  var ink = getComputedStyle(d.body).color, coloured = 0;
  d.querySelectorAll(".content p").forEach(function (p) {{
    if (!p.closest("figure, table, .chart-note") && getComputedStyle(p).color !== ink) coloured++;
  }});
  var newest = d.querySelector(".latest .briefing-list li");
  results.push([name, overflow, smallest, smallestText, coloured, newest ? newest.getBoundingClientRect().top : -1].join("\t"));
}}
function next() {{
  if (!pages.length) {{ document.getElementById("out").textContent = results.join("\n"); return; }}
  var page = pages.shift();
  frame.onload = function () {{ measure(page); next(); }};
  frame.src = page;
}}
next();
</script>"#
        ),
    )
    .expect("write the measuring page");
    let output = run(
        profile,
        &[
            "--allow-file-access-from-files",
            "--hide-scrollbars",
            "--virtual-time-budget=60000",
            "--dump-dom",
        ],
        &file_url(&check),
    );
    let text = reported(&output);
    let rows: Vec<Measured> = text
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            let number = |i: usize| cells.get(i).and_then(|c| c.parse::<f64>().ok());
            Some(Measured {
                page: cells.first()?.to_string(),
                overflow: number(1)? as i64,
                smallest_chart_text: number(2)?,
                smallest_text: cells.get(3)?.to_string(),
                coloured_paragraphs: number(4)? as usize,
                newest_top: number(5)?,
            })
        })
        .collect();
    assert_eq!(rows.len(), PAGE_KINDS.len(), "every page measured at {width} px: {text}");
    rows
}

#[test]
#[ignore = "needs Chromium; run by .ci/run"]
fn every_kind_of_page_fits_a_phone_and_a_desktop() {
    let (dir, out) = built_example();
    for (width, height) in [(390, 844), (1280, 900)] {
        let mut problems = Vec::new();
        for m in measure(&out, &dir.path().join(format!("profile-{width}")), width, height) {
            if m.overflow > 0 {
                problems.push(format!("{}: scrolls {} px sideways", m.page, m.overflow));
            }
            if m.smallest_chart_text < 11.95 {
                problems.push(format!(
                    "{}: chart text `{}` shown at {:.1} px",
                    m.page, m.smallest_text, m.smallest_chart_text
                ));
            }
            if m.coloured_paragraphs > 0 {
                problems.push(format!(
                    "{}: {} paragraphs of the article are coloured",
                    m.page, m.coloured_paragraphs
                ));
            }
            if m.page == "index.html" && width == 390 && !(0.0..f64::from(height)).contains(&m.newest_top) {
                problems.push(format!(
                    "index.html: the newest bulletin starts at {} px, below the fold",
                    m.newest_top
                ));
            }
        }
        assert!(problems.is_empty(), "at {width} px:\n{}", problems.join("\n"));
    }
}

#[test]
#[ignore = "needs Chromium; run by .ci/run"]
fn screenshots_of_every_kind_of_page_at_both_widths() {
    let (dir, out) = built_example();
    let artefacts = repo().join("target/browser");
    std::fs::create_dir_all(&artefacts).expect("artefact folder");
    for (name, page) in PAGE_KINDS {
        for (width, height) in [(390, 2400), (1280, 2000)] {
            let shot = artefacts.join(format!("{name}-{width}.png"));
            let _ = std::fs::remove_file(&shot);
            let output = run(
                &dir.path().join("profile"),
                &[
                    &format!("--screenshot={}", shot.display()),
                    &format!("--window-size={width},{height}"),
                    "--hide-scrollbars",
                ],
                &file_url(&out.join(page)),
            );
            assert!(output.status.success(), "{name} at {width}");
            let bytes = std::fs::read(&shot).expect("screenshot written");
            assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
            assert!(bytes.len() > 20_000, "{name} at {width}: a real page, {} bytes", bytes.len());
        }
    }
}

#[test]
#[ignore = "needs Chromium; run by .ci/run"]
fn a_relative_build_404_page_works_at_any_depth() {
    let (dir, out) = built_example();
    let (address, asked) = static_server(out);
    let output = run(
        &dir.path().join("profile"),
        &["--dump-dom"],
        &format!("http://{address}/no/such/deep/page/"),
    );
    let dom = String::from_utf8_lossy(&output.stdout);
    assert!(dom.contains("页面不存在"), "{dom}");
    let asked = asked.lock().expect("log").clone();
    assert!(
        asked.iter().any(|p| p == "/static/style.css"),
        "the style sheet is found from the site's base: {asked:?}"
    );
    assert!(!asked.iter().any(|p| p.starts_with("/no/such/deep/page/static")), "{asked:?}");
    assert!(dom.contains(r#"<base href="/">"#), "{dom}");
}

/// A word of a PDF page: `xMin, yMin, xMax, yMax` in points, and its text.
type Word = (f64, f64, f64, f64, String);

/// The words of each page of a PDF, from poppler's `pdftotext -bbox`.
fn pdf_words(pdf: &Path) -> Vec<Vec<Word>> {
    let output = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext is needed: apt-get install -y poppler-utils");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let number = |word: &str, key: &str| -> f64 {
        word.split(&format!("{key}=\""))
            .nth(1)
            .and_then(|r| r.split('"').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0)
    };
    text.split("<page ")
        .skip(1)
        .map(|page| {
            page.split("<word ")
                .skip(1)
                .map(|word| {
                    let content = word
                        .split('>')
                        .nth(1)
                        .and_then(|r| r.split('<').next())
                        .unwrap_or_default()
                        .to_string();
                    (
                        number(word, "xMin"),
                        number(word, "yMin"),
                        number(word, "xMax"),
                        number(word, "yMax"),
                        content,
                    )
                })
                .collect()
        })
        .collect()
}

const MM: f64 = 72.0 / 25.4;

#[test]
#[ignore = "needs Chromium and poppler-utils; run by .ci/run"]
fn bulletins_print_to_a4_in_the_layout_of_gb_t_9704() {
    let (dir, out) = built_example();
    let profile = dir.path().join("profile");
    let shots = repo().join("target/browser");
    std::fs::create_dir_all(&shots).expect("screenshots folder");
    for (name, page, foot) in [
        (
            "bulletin",
            "briefings/2013-07-26-review-meeting/index.html",
            &["报送", "抄送", "印发"][..],
        ),
        (
            "bulletin-long",
            "briefings/2013-04-15-q1-progress/index.html",
            &["报送", "抄送", "印发"],
        ),
        ("notice", "briefings/2013-07-12-review-meeting-notice/index.html", &["抄送", "印发"]),
        ("speech", "briefings/2013-07-20-review-meeting-speech/index.html", &[]),
    ] {
        let pdf = shots.join(format!("print-{name}.pdf"));
        let output = run(
            &profile,
            &["--no-pdf-header-footer", &format!("--print-to-pdf={}", pdf.display())],
            &file_url(&out.join(page)),
        );
        assert!(output.status.success() && pdf.exists(), "{name}: chromium did not print");
        let info = Command::new("pdfinfo").arg(&pdf).output().expect("pdfinfo");
        let info = String::from_utf8_lossy(&info.stdout);
        assert!(info.contains("(A4)"), "{name}: {info}");
        let pages = pdf_words(&pdf);
        assert!(!pages.is_empty(), "{name}: no pages");
        let all: String = pages.iter().flatten().map(|w| w.4.as_str()).collect();
        for web_only in ["查看数据", "数据截至", "下载", "上一期", "下一期", "搜索"] {
            assert!(!all.contains(web_only), "{name}: `{web_only}` printed");
        }
        for (index, words) in pages.iter().enumerate() {
            let (numbers, body): (Vec<_>, Vec<_>) = words.iter().partition(|w| w.4.contains('—') && w.1 > 250.0 * MM);
            // Margins: binding (left) 28 mm, right 26 mm, within 1 mm, on
            // every page of text (a last page may hold only the 版记).
            let foot_top = words
                .iter()
                .filter(|w| w.4.contains("报送") || w.4.contains("抄送") || w.4.contains("印发"))
                .map(|w| w.1)
                .fold(f64::MAX, f64::min);
            if body.iter().all(|w| w.1 >= foot_top - 1.0) {
                continue;
            }
            let left = body.iter().map(|w| w.0).fold(f64::MAX, f64::min) / MM;
            let right = 210.0 - body.iter().map(|w| w.2).fold(0.0, f64::max) / MM;
            assert!((left - 28.0).abs() <= 1.0, "{name} page {}: left margin {left:.1} mm", index + 1);
            assert!((right - 26.0).abs() <= 1.0, "{name} page {}: right margin {right:.1} mm", index + 1);
            // Page numbers "— N —": odd pages right, even pages left.
            let digits: String = words.iter().filter(|w| w.1 > 250.0 * MM).map(|w| w.4.as_str()).collect();
            assert!(
                digits.contains(&(index + 1).to_string()) && numbers.len() >= 2,
                "{name} page {}: number {digits:?}",
                index + 1
            );
            let x = numbers.iter().map(|w| w.0).fold(f64::MAX, f64::min) / MM;
            if index % 2 == 0 {
                assert!(x > 105.0, "{name} page {}: the number is not on the right ({x:.0} mm)", index + 1);
            } else {
                assert!(x < 105.0, "{name} page {}: the number is not on the left ({x:.0} mm)", index + 1);
            }
        }
        // 版记 at the foot of the last page: 报送, 抄送, then 印发 closing
        // the type area (which ends 35 mm above the paper's edge).
        let last = pages.last().expect("a page");
        let text: String = last.iter().map(|w| w.4.as_str()).collect();
        if !foot.is_empty() {
            for word in foot {
                assert!(text.contains(word), "{name}: `{word}` of the 版记 not on the last page: {text}");
            }
            let foot = last.iter().filter(|w| w.1 < 265.0 * MM).map(|w| w.3).fold(0.0, f64::max) / MM;
            assert!(
                foot > 297.0 - 35.0 - 8.0 && foot < 297.0 - 35.0 + 3.0,
                "{name}: the 版记 ends at {foot:.0} mm, not at the foot"
            );
        }
        let png = shots.join(format!("print-{name}"));
        let _ = Command::new("pdftoppm")
            .args(["-r", "60", "-png", "-f", "1", "-l", "1"])
            .arg(&pdf)
            .arg(&png)
            .status();
    }
    // The bulletin's figures, title and 报头 are printed.
    let words = pdf_words(&shots.join("print-bulletin.pdf"));
    let all: String = words.iter().flatten().map(|w| w.4.as_str()).collect();
    for expected in [
        "联手帮扶简",
        "第10期",
        "县联手帮扶办",
        "全县联手帮扶工作讲评会召开",
        "75.00亿元",
        "48.0%",
        "70亿元",
        "38.3%",
    ] {
        assert!(all.contains(expected), "`{expected}` not printed: {all}");
    }
}
