//! Browser test: Debian's Chromium, headless, over the example site built
//! with relative links and opened from disk. Pages render without console
//! errors, charts are visible, the search page finds a Chinese term, and a
//! screenshot of the home page is kept in `target/browser/home.png`.
//!
//! Needs `/usr/bin/chromium` (`apt-get install chromium`), so it is
//! ignored by a plain `cargo test`; `.ci/run` installs Chromium and runs it
//! with `cargo test --test browser -- --ignored`.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::*;

fn chromium() -> PathBuf {
    let path = PathBuf::from(std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_string()));
    assert!(path.exists(), "Chromium is needed: apt-get install -y chromium (or set CHROMIUM)");
    path
}

/// Runs headless Chromium with `args` on `url`, in a fresh profile.
fn run(profile: &Path, args: &[&str], url: &str) -> Output {
    Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=5000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .output()
        .expect("run chromium")
}

/// Console messages that are errors, from Chromium's log.
fn console_errors(output: &Output) -> Vec<String> {
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .filter(|l| l.contains("CONSOLE") && (l.contains("Uncaught") || l.contains("Error") || l.contains("Failed to load")))
        .map(str::to_string)
        .collect()
}

fn built_example() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp");
    let out = dir.path().join("site");
    let output = briefing(&repo(), &["build", "--relative", "--output", out.to_str().expect("utf-8")]);
    assert!(output.status.success(), "{}", stderr(&output));
    (dir, out)
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

#[test]
#[ignore = "needs Chromium; run by .ci/run"]
fn pages_render_without_console_errors() {
    let (dir, out) = built_example();
    let profile = dir.path().join("profile");
    for page in [
        "index.html",
        "briefings/index.html",
        "briefings/2013-07-26-review-meeting/index.html",
        "briefings/2013-07-20-review-meeting-speech/index.html",
        "industries/food/index.html",
        "projects/index.html",
        "problems/index.html",
        "search/index.html",
        "tags/index.html",
    ] {
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
    let dom = String::from_utf8_lossy(&output.stdout);
    let result = dom
        .split("<pre id=\"out\">")
        .nth(1)
        .and_then(|r| r.split('<').next())
        .unwrap_or_default()
        .to_string();
    assert!(result.starts_with("charts=5 visible=5"), "{result}");
    let shapes: usize = result.rsplit('=').next().and_then(|n| n.parse().ok()).unwrap_or(0);
    assert!(shapes > 40, "{result}");
}

#[test]
#[ignore = "needs Chromium; run by .ci/run"]
fn search_finds_a_chinese_term_from_disk() {
    let (dir, out) = built_example();
    let url = format!("{}?q=%E5%86%B7%E9%93%BE", file_url(&out.join("search/index.html")));
    let output = run(&dir.path().join("profile"), &["--dump-dom"], &url);
    let dom = String::from_utf8_lossy(&output.stdout);
    assert!(dom.contains("<mark>冷链</mark>"), "冷链 highlighted in a result: {dom}");
    assert!(dom.contains("寺前食品工业区<mark>冷链</mark>仓储项目"), "{dom}");
    assert!(
        dom.contains("href=\"../projects/siqian-cold-chain/index.html\""),
        "result links work from disk"
    );
    assert!(console_errors(&output).is_empty(), "{:#?}", console_errors(&output));
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
