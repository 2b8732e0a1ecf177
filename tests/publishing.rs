//! Publishing: feed, sitemap, robots, tags, pagination, search index,
//! hosting under a path or from disk, print and language.

mod common;

use std::fs;

use common::*;

const ATOM: &str = "http://www.w3.org/2005/Atom";

#[test]
fn the_feed_is_valid_atom_with_absolute_ids() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let text = read(site.path(), "output/feed.xml");
    let doc = roxmltree::Document::parse(&text).expect("feed is XML");
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(feed.tag_name().namespace(), Some(ATOM));
    fn child<'a, 'input>(node: roxmltree::Node<'a, 'input>, name: &str) -> Option<roxmltree::Node<'a, 'input>> {
        node.children().find(|n| n.has_tag_name((ATOM, name)))
    }
    for required in ["title", "id", "updated", "author"] {
        assert!(child(feed, required).is_some(), "feed has no {required}");
    }
    assert_eq!(child(feed, "id").and_then(|n| n.text()), Some("https://example.gov.cn/bangfu/"));
    assert_eq!(child(feed, "updated").and_then(|n| n.text()), Some("2013-07-20T00:00:00+08:00"));
    let self_link = feed
        .children()
        .find(|n| n.has_tag_name((ATOM, "link")) && n.attribute("rel") == Some("self"))
        .expect("self link");
    assert_eq!(self_link.attribute("href"), Some("https://example.gov.cn/bangfu/feed.xml"));
    let entries: Vec<_> = feed.children().filter(|n| n.has_tag_name((ATOM, "entry"))).collect();
    assert_eq!(entries.len(), 4);
    for entry in &entries {
        for required in ["title", "id", "updated", "link", "summary"] {
            assert!(child(*entry, required).is_some(), "entry has no {required}");
        }
        assert!(
            child(*entry, "id")
                .and_then(|n| n.text())
                .unwrap_or_default()
                .starts_with("https://example.gov.cn/bangfu/briefings/")
        );
    }
    assert_eq!(
        child(entries[0], "title").and_then(|n| n.text()),
        Some("在联手帮扶工作讲评会上的讲话"),
        "newest first"
    );
    assert_eq!(child(entries[1], "title").and_then(|n| n.text()), Some("第3期 上半年主要指标"));
}

#[test]
fn sitemap_and_robots_carry_the_base_url() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let text = read(site.path(), "output/sitemap.xml");
    let doc = roxmltree::Document::parse(&text).expect("sitemap is XML");
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(locs.contains(&"https://example.gov.cn/bangfu/"));
    assert!(locs.contains(&"https://example.gov.cn/bangfu/briefings/h1-review/"));
    assert!(locs.contains(&"https://example.gov.cn/bangfu/projects/cold-chain/"));
    assert!(locs.iter().all(|l| l.starts_with("https://example.gov.cn/bangfu/")));
    assert!(!locs.iter().any(|l| l.contains("404")));
    assert_eq!(
        read(site.path(), "output/robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://example.gov.cn/bangfu/sitemap.xml\n"
    );
    assert!(site.path().join("output/404.html").is_file());
}

#[test]
fn tags_have_pages_and_a_list() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let list = read(site.path(), "output/tags/index.html");
    assert!(list.contains("讲评会"));
    assert!(list.contains("问题销号"));
    let tag = read(site.path(), "output/tags/讲评会/index.html");
    assert!(tag.contains("在联手帮扶工作讲评会上的讲话"));
    assert!(!tag.contains("问题销号工作稳步推进"));
    assert!(tag.contains("class=\"breadcrumbs\""));
    let speech = read(site.path(), "output/briefings/h1-review/index.html");
    assert!(speech.contains("href=\"/bangfu/tags/讲评会/\""), "briefings link to their tags");
}

#[test]
fn the_archive_is_paginated() {
    let site = fixture("basic");
    let config = site.path().join("site.yaml");
    fs::write(&config, format!("{}paginate: 2\n", fs::read_to_string(&config).expect("read"))).expect("write");
    build_ok(site.path(), &[]);
    let first = read(site.path(), "output/briefings/index.html");
    let second = read(site.path(), "output/briefings/page/2/index.html");
    assert!(first.contains("在联手帮扶工作讲评会上的讲话") && !first.contains("联手帮扶工作全面启动"));
    assert!(second.contains("联手帮扶工作全面启动"));
    assert!(first.contains("rel=\"next\" href=\"/bangfu/briefings/page/2/\""));
    assert!(second.contains("rel=\"prev\" href=\"/bangfu/briefings/\""));
    assert!(first.contains("共4篇"));
    assert!(!site.path().join("output/briefings/page/3").exists());
}

/// Every `href` and `src` of every page, as written.
fn references(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in [" href=\"", " src=\""] {
        for piece in html.split(attribute).skip(1) {
            if let Some(end) = piece.find('"') {
                found.push(piece[..end].replace("&amp;", "&"));
            }
        }
    }
    found
}

#[test]
fn relative_build_works_from_any_folder_and_from_disk() {
    let site = fixture("basic");
    build_ok(site.path(), &["--relative"]);
    let out = site.path().join("output");
    let files = snapshot(&out);
    let mut checked = 0;
    for (path, bytes) in &files {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        let dir = std::path::Path::new(path).parent().map(|p| p.to_path_buf()).unwrap_or_default();
        // A server returns the 404 page for paths of any depth: its links
        // resolve from the site's base, which it names.
        let base = path == "404.html";
        if base {
            assert!(html.contains(r#"<base href="/bangfu/">"#), "{html}");
        }
        for reference in references(&html) {
            let skipped = ["#", "http", "mailto:", "tel:"].iter().any(|p| reference.starts_with(p));
            if skipped || (base && reference == "/bangfu/") {
                continue;
            }
            assert!(!reference.starts_with('/'), "{path}: root-relative `{reference}` breaks from disk");
            let target = reference.split(['#', '?']).next().unwrap_or_default();
            let resolved = out.join(&dir).join(target);
            assert!(resolved.is_file(), "{path}: `{reference}` does not lead to a file");
            checked += 1;
        }
    }
    assert!(checked > 500, "checked {checked} links");
}

#[test]
fn every_page_link_carries_the_base_path() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    for (path, bytes) in snapshot(&site.path().join("output")) {
        if !path.ends_with(".html") {
            continue;
        }
        for reference in references(&String::from_utf8_lossy(&bytes)) {
            if reference.starts_with('/') {
                assert!(reference.starts_with("/bangfu/"), "{path}: `{reference}`");
            }
        }
    }
}

#[test]
fn english_sites_speak_english() {
    let site = fixture("basic");
    let config = site.path().join("site.yaml");
    fs::write(&config, format!("{}language: en\n", fs::read_to_string(&config).expect("read"))).expect("write");
    build_ok(site.path(), &[]);
    let home = read(site.path(), "output/index.html");
    assert!(home.contains("<html lang=\"en\">"));
    assert!(home.contains(">Home</a>") && home.contains("Key figures"));
    assert!(!home.contains(">主要指标 <small>"), "no Chinese interface text");
    let speech = read(site.path(), "output/briefings/h1-review/index.html");
    assert!(speech.contains("<p class=\"doc-kind\">Speech</p>"));
    assert!(speech.contains("2013-07-20"));
    let no2 = read(site.path(), "output/briefings/2013-06-10-no2/index.html");
    assert!(no2.contains("No. 2"));
    assert!(no2.contains("<strong>To: </strong>"));
    let chart = read(site.path(), "output/charts/output-growth.svg");
    assert!(
        chart.contains("Gross industrial output and growth"),
        "chart texts follow the language"
    );
    assert!(chart.contains("Jan–Jun"));
    assert!(!chart.contains("规模工业总产值"));
}

#[test]
fn bulletins_print_like_paper() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let print = read(site.path(), "output/static/print.css");
    assert!(print.contains("size: A4"));
    assert!(print.contains("counter(page)"), "page numbers");
    assert!(print.contains(".site-nav") && print.contains("display: none"), "no navigation");
    assert!(print.contains("break-inside: avoid"), "charts kept whole");
    let no2 = read(site.path(), "output/briefings/2013-06-10-no2/index.html");
    assert!(no2.contains("media=\"print\""));
    assert!(no2.contains("<footer class=\"distribution\">"));
}
