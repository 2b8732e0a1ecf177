//! The drift invariant (issue 28, point 2): a published briefing is made
//! of the facts dated up to its moment (its `as_of`, else its date). For
//! the example site, adding to any data file records or facts dated after
//! a briefing's moment never changes a byte of that briefing's page or of
//! its Word file.
//!
//! For every moment a briefing is as of, one build adds to every dated
//! data file what is dated after that moment, and every briefing as of it
//! or earlier must come out byte for byte as before; then one build per
//! data file adds its facts after the latest moment (and, for a file
//! without dates, a record no earlier fact refers to), so that a drift is
//! named by its file. Builds run in-process.

#[path = "drift/additions.rs"]
mod additions;
mod common;
#[path = "drift/days.rs"]
mod days;
#[path = "drift/sheet.rs"]
mod sheet;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use days::Day;

/// A briefing of the example: its output, its moment and its files as the
/// untouched data builds them.
struct Briefing {
    slug: String,
    moment: Day,
    page: Vec<u8>,
    word: Vec<u8>,
}

fn page_path(slug: &str) -> PathBuf {
    PathBuf::from(format!("output/briefings/{slug}/index.html"))
}

fn word_path(slug: &str) -> PathBuf {
    PathBuf::from(format!("output/briefings/{slug}/{slug}.docx"))
}

/// A fresh copy of the example site (content, site.yaml, theme).
fn example() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let repo = common::repo();
    common::copy_dir(&repo.join("content"), &dir.path().join("content"));
    common::copy_dir(&repo.join("themes"), &dir.path().join("themes"));
    fs::copy(repo.join("site.yaml"), dir.path().join("site.yaml")).expect("copy site.yaml");
    dir
}

fn build(root: &Path, what: &str) {
    let options = briefing::BuildOptions {
        root: root.to_path_buf(),
        ..Default::default()
    };
    if let Err(problems) = briefing::build(&options, &|_| {}) {
        let text: Vec<String> = problems.sorted().iter().map(ToString::to_string).collect();
        panic!("the example with {what} does not build:\n{}", text.join("\n"));
    }
}

/// `key: value` of a front matter.
fn front<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let inside = text.strip_prefix("---")?.split("\n---").next()?;
    inside
        .lines()
        .find_map(|line| line.strip_prefix(key)?.strip_prefix(':'))
        .map(|v| v.trim().trim_matches('"'))
}

/// Every briefing of the built example at `root`, with its moment.
fn briefings(root: &Path) -> Vec<Briefing> {
    let mut all = Vec::new();
    let mut paths: Vec<PathBuf> = fs::read_dir(root.join("content/briefings"))
        .expect("briefings")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    for path in paths {
        let text = fs::read_to_string(&path).expect("read briefing");
        if front(&text, "draft") == Some("true") {
            continue;
        }
        let slug = front(&text, "slug").map_or_else(|| path.file_stem().expect("stem").to_string_lossy().into_owned(), str::to_string);
        let moment = match front(&text, "as_of") {
            Some(as_of) => Day::period_end(as_of).or_else(|| Day::parse(as_of)),
            None => front(&text, "date").and_then(Day::parse),
        }
        .unwrap_or_else(|| panic!("{}: no as_of or date read", path.display()));
        let read = |file: PathBuf| fs::read(root.join(&file)).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        all.push(Briefing {
            page: read(page_path(&slug)),
            word: read(word_path(&slug)),
            slug,
            moment,
        });
    }
    assert!(all.len() >= 10, "the example has {} briefings", all.len());
    all
}

/// Where two files first differ, with a little of each around it.
fn first_difference(before: &[u8], after: &[u8]) -> String {
    let at = before
        .iter()
        .zip(after)
        .position(|(a, b)| a != b)
        .unwrap_or(before.len().min(after.len()));
    let around = |bytes: &[u8]| String::from_utf8_lossy(&bytes[at.saturating_sub(60)..(at + 60).min(bytes.len())]).into_owned();
    format!(
        "byte {at} of {}/{}:\n      before: …{}…\n      after:  …{}…",
        before.len(),
        after.len(),
        around(before),
        around(after)
    )
}

/// The briefings of `reference` as of `cutoff` or earlier (all of them
/// when `cutoff` is `None`) that the site at `root` builds otherwise.
fn drifted(reference: &[Briefing], root: &Path, cutoff: Option<Day>) -> Vec<String> {
    let mut found = Vec::new();
    for briefing in reference.iter().filter(|b| cutoff.is_none_or(|c| b.moment <= c)) {
        for (file, before) in [
            (page_path(&briefing.slug), &briefing.page),
            (word_path(&briefing.slug), &briefing.word),
        ] {
            let after = fs::read(root.join(&file)).unwrap_or_default();
            if &after != before {
                found.push(format!(
                    "  {} (as of {}): {} — {}",
                    briefing.slug,
                    briefing.moment,
                    file.display(),
                    first_difference(before, &after)
                ));
            }
        }
    }
    found
}

/// Every data file of the example is one the test adds to.
#[test]
fn the_test_knows_every_data_file_of_the_example() {
    let known: BTreeSet<&str> = additions::DATED.into_iter().chain(additions::UNDATED).collect();
    for entry in fs::read_dir(common::repo().join("content/data")).expect("data folder") {
        let path = entry.expect("entry").path();
        let stem = path.file_stem().expect("stem").to_string_lossy().into_owned();
        assert!(
            known.contains(stem.as_str()),
            "content/data/{}: the drift test adds nothing to it; teach tests/drift/additions.rs",
            path.file_name().expect("name").to_string_lossy()
        );
    }
}

#[test]
fn facts_dated_after_a_briefing_never_change_its_page_or_word_file() {
    let started = Instant::now();
    let base = example();
    build(base.path(), "its own data");
    let reference = briefings(base.path());
    let moments: BTreeSet<Day> = reference.iter().map(|b| b.moment).collect();
    let latest = *moments.last().expect("a moment");
    let mut failures = Vec::new();
    let mut builds = 1;
    // Every dated file at once, right after each moment.
    for &cutoff in &moments {
        let site = example();
        let added: Vec<String> = additions::DATED
            .iter()
            .flat_map(|name| additions::add(site.path(), name, cutoff))
            .collect();
        build(site.path(), &format!("facts dated after {cutoff}"));
        builds += 1;
        let found = drifted(&reference, site.path(), Some(cutoff));
        if !found.is_empty() {
            failures.push(format!(
                "after {cutoff}, adding\n    {}\nchanged\n{}",
                added.join("\n    "),
                found.join("\n")
            ));
        }
    }
    // One file at a time: after the latest moment, or undated.
    for (name, cutoff) in additions::DATED
        .iter()
        .map(|n| (*n, Some(latest)))
        .chain(additions::UNDATED.iter().map(|n| (*n, None)))
    {
        let site = example();
        let added = additions::add(site.path(), name, cutoff.unwrap_or(latest));
        build(site.path(), &added.join(", "));
        builds += 1;
        let found = drifted(&reference, site.path(), cutoff);
        if !found.is_empty() {
            failures.push(format!("adding\n    {}\nchanged\n{}", added.join("\n    "), found.join("\n")));
        }
    }
    eprintln!(
        "drift: {builds} builds of the example, {} briefings, in {:.1} s",
        reference.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(failures.is_empty(), "published briefings drift:\n\n{}", failures.join("\n\n"));
}
