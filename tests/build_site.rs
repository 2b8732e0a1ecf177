//! Building good fixture sites and the example site: pages, links, masthead,
//! determinism.

mod common;

use common::*;

#[test]
fn builds_every_page_of_the_basic_site() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let out = site.path().join("output");
    for path in [
        "index.html",
        "404.html",
        "briefings/index.html",
        "briefings/2013-05-10-no1/index.html",
        "briefings/2013-06-10-no2/index.html",
        "briefings/h1-review/index.html",
        "about/index.html",
        "static/style.css",
        "static/print.css",
    ] {
        assert!(out.join(path).is_file(), "missing {path}");
    }
    assert!(!out.join("briefings/2013-08-01-draft").exists(), "drafts are left out by default");
}

#[test]
fn bulletin_has_a_masthead_and_rendered_markdown() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let html = read(site.path(), "output/briefings/2013-05-10-no1/index.html");
    assert!(html.contains(r#"<html lang="zh-CN">"#));
    assert!(html.contains(r#"<p class="masthead-name">联手帮扶简报</p>"#));
    assert!(html.contains("第1期"));
    assert!(html.contains("测试县联手帮扶办公室"));
    assert!(html.contains("2013年5月10日"));
    assert!(html.contains(r#"<hr class="red-rule">"#));
    assert!(html.contains(r#"<h2 id="一总体情况">"#), "Chinese heading anchors");
    assert!(html.contains("<table>") && html.contains(r#"style="text-align: right""#));
    assert!(html.contains(r#"<input disabled="" type="checkbox" checked=""#));
    assert!(html.contains("<del>原定四月召开</del>"));
    assert!(html.contains(r#"class="footnote-definition""#));
    // Site links carry the base_url path.
    assert!(html.contains(r#"href="/bangfu/about/""#), "{html}");
    assert!(html.contains(r#"href="/bangfu/briefings/2013-06-10-no2/#%E4%BA%8C%E9%97%AE%E9%A2%98%E9%94%80%E5%8F%B7""#));
    assert!(html.contains(r#"href="/bangfu/static/style.css""#));
    // Next bulletin in the series.
    assert!(html.contains("第2期 问题销号工作稳步推进 →"));
}

#[test]
fn distribution_block_and_speech_layout() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let no2 = read(site.path(), "output/briefings/2013-06-10-no2/index.html");
    assert!(no2.contains("<strong>报送：</strong>市联手帮扶办。"));
    assert!(no2.contains("<strong>抄送：</strong>县委办，县政府办。"));
    let speech = read(site.path(), "output/briefings/h1-review/index.html");
    assert!(speech.contains(r#"<p class="doc-kind">讲话</p>"#));
    assert!(!speech.contains("masthead-name"));
}

#[test]
fn archive_is_newest_first_and_grouped_by_year() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let html = read(site.path(), "output/briefings/index.html");
    let speech = html.find("在联手帮扶工作讲评会上的讲话").expect("speech listed");
    let no2 = html.find("问题销号工作稳步推进").expect("no2 listed");
    let no1 = html.find("联手帮扶工作全面启动").expect("no1 listed");
    assert!(speech < no2 && no2 < no1, "newest first");
    assert!(html.contains(r#"<h2 id="y2013">2013年</h2>"#));
    assert!(html.contains("共4篇"));
}

#[test]
fn drafts_flag_includes_drafts() {
    let site = fixture("basic");
    build_ok(site.path(), &["--drafts"]);
    assert!(site.path().join("output/briefings/2013-08-01-draft/index.html").is_file());
}

#[test]
fn relative_links_work_from_disk() {
    let site = fixture("basic");
    build_ok(site.path(), &["--relative"]);
    let html = read(site.path(), "output/briefings/2013-05-10-no1/index.html");
    assert!(html.contains(r#"href="../../about/index.html""#), "{html}");
    assert!(html.contains(r#"href="../../static/style.css""#));
    assert!(html.contains(r#"href="../../index.html""#));
    let home = read(site.path(), "output/index.html");
    assert!(home.contains(r#"href="briefings/index.html""#));
}

#[test]
fn base_url_flag_overrides_site_yaml() {
    let site = fixture("basic");
    build_ok(site.path(), &["--base-url", "/other/"]);
    let html = read(site.path(), "output/about/index.html");
    assert!(html.contains(r#"href="/other/static/style.css""#));
}

#[test]
fn output_flag_writes_elsewhere() {
    let site = fixture("basic");
    let target = tempfile::tempdir().expect("temp");
    let out = target.path().join("public");
    build_ok(site.path(), &["--output", out.to_str().expect("utf-8 path")]);
    assert!(out.join("index.html").is_file());
    assert!(!site.path().join("output").exists());
}

#[test]
fn two_builds_are_byte_identical() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let first = snapshot(&site.path().join("output"));
    build_ok(site.path(), &[]);
    let second = snapshot(&site.path().join("output"));
    assert_eq!(first.keys().collect::<Vec<_>>(), second.keys().collect::<Vec<_>>());
    assert!(first == second, "builds differ");
}

#[test]
fn no_page_requests_anything_outside_the_site() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    for (path, bytes) in snapshot(&site.path().join("output")) {
        // Feeds and sitemaps carry absolute URLs by design; pages may not.
        if path.ends_with(".xml") || path.ends_with(".txt") {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        for needle in ["src=\"http", "href=\"http", "@import", "url(http", "fonts.googleapis"] {
            assert!(!text.contains(needle), "{path} contains {needle}");
        }
    }
}

#[test]
fn example_site_in_the_repository_builds() {
    let dir = tempfile::tempdir().expect("temp");
    let out = dir.path().join("out");
    let output = briefing(&repo(), &["build", "--output", out.to_str().expect("utf-8 path")]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(out.join("index.html").is_file());
    assert!(out.join("briefings/index.html").is_file());
}
