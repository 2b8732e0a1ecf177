//! Search in a browser: Debian's Chromium, headless, over the example site
//! and a fixture, from `file://` and over http. Each query is typed into
//! the address (`/search/?q=…`); the page loads the pieces of the index it
//! needs and shows the results grouped by kind, the words highlighted.
//!
//! Needs `/usr/bin/chromium`, so it is ignored by a plain `cargo test`;
//! `.ci/run` runs it with `cargo test --test search_browser -- --ignored`.

mod common;

use std::path::Path;

use common::chromium::*;
use common::*;

/// What the search page shows for `query` at `page` (a URL without the
/// query): its status line, the results' HTML, and the index files loaded.
struct Answer {
    status: String,
    results: String,
    loaded: Vec<String>,
    errors: Vec<String>,
}

fn ask(profile: &Path, page: &str, query: &str) -> Answer {
    let encoded: String = percent_encode(query);
    let output = run(profile, &["--dump-dom"], &format!("{page}?q={encoded}"));
    let dom = String::from_utf8_lossy(&output.stdout).into_owned();
    let status = dom
        .split("id=\"search-status\"")
        .nth(1)
        .and_then(|rest| rest.split_once('>'))
        .and_then(|(_, rest)| rest.split('<').next())
        .unwrap_or_default()
        .to_string();
    let results = dom
        .split("id=\"search-results\"")
        .nth(1)
        .and_then(|rest| rest.split("</ol>\n").next())
        .unwrap_or_default()
        .to_string();
    let loaded = dom
        .split("data-loaded=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_string)
        .collect();
    Answer {
        status,
        results,
        loaded,
        errors: console_errors(&output),
    }
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The queries of the issue and what each must show.
fn check_example(profile: &Path, page: &str, relative_links: bool) {
    let cold = ask(profile, page, "冷链");
    assert!(cold.errors.is_empty(), "{:#?}", cold.errors);
    assert!(cold.results.contains("寺前食品工业区<mark>冷链</mark>仓储项目"), "{}", cold.results);
    if relative_links {
        assert!(
            cold.results.contains("href=\"../projects/siqian-cold-chain/index.html\""),
            "{}",
            cold.results
        );
    } else {
        assert!(cold.results.contains("href=\"/projects/siqian-cold-chain/\""), "{}", cold.results);
    }
    // only the pieces needed: a key shard and the documents shown
    assert!(cold.loaded.iter().any(|f| f.starts_with("keys/")), "{:?}", cold.loaded);
    let hard = ask(profile, page, "汇款难");
    assert!(hard.results.contains("<mark>汇款难</mark>"), "{}", hard.results);
    assert!(hard.results.contains("<h2>问题"), "the problem is found, grouped: {}", hard.results);
    assert!(hard.results.contains("<h2>简报"), "{}", hard.results);
    let figure = ask(profile, page, "75.00");
    assert!(
        figure.results.contains("<mark>75.00</mark>"),
        "a rendered figure is found: {}",
        figure.results
    );
    let growth = ask(profile, page, "48.0%");
    assert!(growth.results.contains("<mark>48.0%</mark>"), "{}", growth.results);
    let english = ask(profile, page, "led");
    assert!(
        english.results.contains("<mark>LED</mark>"),
        "an English word, any case: {}",
        english.results
    );
    let both = ask(profile, page, "冷链 仓储");
    assert!(
        both.results.contains("<mark>冷链</mark><mark>仓储</mark>") || both.results.contains("<mark>冷链仓储</mark>"),
        "{}",
        both.results
    );
    assert!(!both.results.contains("<h2>问题"), "both words must match: {}", both.results);
    let none = ask(profile, page, "冷链汇款难");
    assert!(none.status.contains("没有找到"), "{}", none.status);
    assert!(!none.results.contains("<li"), "{}", none.results);
    let short = ask(profile, page, "链");
    assert!(short.status.contains("至少两个字"), "{}", short.status);
    for answer in [&hard, &figure, &growth, &english, &both, &none] {
        assert!(answer.errors.is_empty(), "{:#?}", answer.errors);
    }
}

#[test]
#[ignore = "needs Chromium; run by .ci/run"]
fn the_example_site_is_searched_from_disk() {
    let (dir, out) = built_example();
    check_example(&dir.path().join("profile"), &file_url(&out.join("search/index.html")), true);
}

#[test]
#[ignore = "needs Chromium; run by .ci/run"]
fn the_example_site_is_searched_over_http() {
    let dir = tempfile::tempdir().expect("temp");
    let out = dir.path().join("site");
    let output = briefing(&repo(), &["build", "--output", out.to_str().expect("utf-8")]);
    assert!(output.status.success(), "{}", stderr(&output));
    let (address, _) = static_server(out);
    check_example(&dir.path().join("profile"), &format!("http://{address}/search/"), false);
}

#[test]
#[ignore = "needs Chromium; run by .ci/run"]
fn a_fixture_is_searched_with_more_results_than_shown() {
    let site = fixture("basic");
    let briefings = site.path().join("content/briefings");
    for n in 0..30 {
        std::fs::write(
            briefings.join(format!("2012-{:02}-{:02}-b{n}.md", 1 + n / 28, 1 + n % 28)),
            format!(
                "---\ntitle: 调度第{n}次\ndate: 2012-{:02}-{:02}\n---\n\n研究园区供水。另有供水，水问题待查。\n",
                1 + n / 28,
                1 + n % 28
            ),
        )
        .expect("write");
    }
    build_ok(site.path(), &["--relative"]);
    let page = file_url(&site.path().join("output/search/index.html"));
    let profile = site.path().join("profile");
    let water = ask(&profile, &page, "供水");
    assert!(water.status.contains("找到30条结果"), "{}", water.status);
    assert_eq!(water.results.matches("class=\"search-result\"").count(), 10, "ten shown first");
    // newest first among equals
    let first = water.results.find("调度第29次").expect("newest");
    let second = water.results.find("调度第28次").expect("next");
    assert!(first < second, "{}", water.results);
    assert!(water.results.contains("search-more"), "{}", water.results);
    // a phrase whose pairs all occur, but apart, is not a match
    let apart = ask(&profile, &page, "供水问题");
    assert!(apart.status.contains("没有找到"), "{}", apart.status);
    assert!(water.errors.is_empty() && apart.errors.is_empty());
}
