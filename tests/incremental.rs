//! Incremental rebuilds equal full builds: every kind of edit a clerk
//! makes while `serve` runs is applied in turn to one site under the
//! incremental renderer, and after each the rebuilt files must be, byte for
//! byte, those of a full build of the edited site.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use briefing::derive::DeriveCache;
use briefing::load::LoadCache;
use briefing::render::incremental::RenderCache;
use briefing::render::{RenderOptions, render, render_incremental};
use common::*;

/// Replaces `find` by `replace` in the file `relative` of the site.
fn replace(site: &Path, relative: &str, find: &str, replace: &str) {
    let path = site.join(relative);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{relative}: {e}"));
    assert!(text.contains(find), "`{find}` not in {relative}");
    fs::write(&path, text.replacen(find, replace, 1)).expect("write");
}

fn append(site: &Path, relative: &str, text: &str) {
    let path = site.join(relative);
    let mut all = fs::read_to_string(&path).unwrap_or_default();
    all.push_str(text);
    fs::write(&path, all).expect("write");
}

/// The files of a render, by path.
fn by_path(files: Vec<briefing::render::OutputFile>) -> BTreeMap<String, Vec<u8>> {
    files.into_iter().map(|f| (f.path, f.bytes.to_vec())).collect()
}

/// A change to one file of the site.
enum Change {
    /// Replace the first `find` by `replace`.
    Replace(&'static str, &'static str, &'static str),
    /// Add text at the end (creating the file).
    Append(&'static str, &'static str),
    /// Cut the file before the last occurrence of a text.
    CutFromLast(&'static str, &'static str),
    Remove(&'static str),
}

use Change::*;

const BRIEFING: &str = "content/briefings/2013-07-15-no3.md";
const PLAIN: &str = "content/briefings/2013-07-28-plain.md";
const PLAIN_TEXT: &str = "---\ntitle: 没有数据期的简报\ndate: 2013-07-28\nissue: 9\n---\n\n正文。\n";
const NO1: &str = "content/briefings/2013-05-10-no1.md";
const NO2: &str = "content/briefings/2013-06-10-no2.md";
const JULY: &str = "  - period: \"2013-07\"\n    gross_output: {total: 66, food: 27, machinery: 33}\n    value_added: {total: 16}\n";
const NEW_PROJECT: &str =
    "- id: new-line\n  name: 新生产线\n  industry: food\n  investment: 3000\n  updates:\n    - date: 2013-06-01\n      status: started\n";
const NEW_PROBLEM: &str =
    "- id: p9\n  enterprise: tiande\n  raised: 2013-06-20\n  summary: 新登记的问题。\n  units: [commerce]\n  status: open\n";

/// Every kind of edit, applied one after the other.
#[rustfmt::skip]
const EDITS: &[(&str, Change)] = &[
    ("a briefing's text", Append(BRIEFING, "\n补充一段文字。\n")),
    ("a briefing's as_of", Replace(NO2, "as_of: 2013-05", "as_of: 2013-06")),
    ("a briefing's date", Replace(NO1, "date: 2013-05-10", "date: 2013-05-12")),
    ("a briefing's tags", Replace(NO1, "tags: [动员部署]", "tags: [动员部署, 新标签]")),
    ("a briefing's issue", Replace(BRIEFING, "issue: 3", "issue: 7")),
    ("a briefing made a draft", Replace(BRIEFING, "summary:", "draft: true\nsummary:")),
    ("a draft published again", Replace(BRIEFING, "draft: true\n", "")),
    ("a briefing added, without as_of, unit or shortcode", Append(PLAIN, PLAIN_TEXT)),
    ("a briefing removed", Remove(NO1)),
    ("a standalone page", Append("content/pages/about.md", "\n新的一段。\n")),
    ("industries: a record changed", Replace("content/data/industries.yaml", "name: 食品", "name: 食品加工业")),
    ("industries: a record added", Append("content/data/industries.yaml", "- id: tourism\n  name: 文化旅游\n")),
    ("units: a record changed", Replace("content/data/units.yaml", "name: 县商务局", "name: 县商务和粮食局")),
    ("units: a record added", Append("content/data/units.yaml", "- id: tax\n  name: 县税务局\n")),
    ("enterprises: a record changed", Replace("content/data/enterprises.yaml", "leader: 县委副书记", "leader: 县委常委、副县长")),
    ("projects: a record changed", Replace("content/data/projects.yaml", "note: 首台整车下线。", "note: 首批整车下线。")),
    ("projects: a record added", Append("content/data/projects.yaml", NEW_PROJECT)),
    ("problems: a record changed", Replace("content/data/problems.yaml", "status: open", "status: extended")),
    ("problems: a record added", Append("content/data/problems.yaml", NEW_PROBLEM)),
    ("output: a period added", Append("content/data/output.yaml", JULY)),
    // The latest period goes again: a briefing without `as_of` shows the
    // period before it (the bug of issue 14).
    ("output: a period removed", Replace("content/data/output.yaml", JULY, "")),
    ("output: a figure changed", Replace("content/data/output.yaml", "total: 52,", "total: 53,")),
    ("problems: a record removed", CutFromLast("content/data/problems.yaml", "- id:")),
    ("charts.yaml", Replace("content/data/charts.yaml", "title: 食品与机电产值", "title: 食品与机电产业产值")),
    ("a template", Replace("themes/default/templates/base.html", "</footer>", "<!-- edited --></footer>")),
    ("a shortcode template", Replace("themes/default/templates/shortcodes/metric.html", "class=\"metric\"", "class=\"metric figure\"")),
    ("a static file", Append("themes/default/static/style.css", "\n/* edited */\n")),
    ("an interface text", Append("themes/default/i18n/zh-CN.yaml", "\nnav_home: 网站首页\n")),
    ("site.yaml", Replace("site.yaml", "title: 测试县帮扶简报", "title: 测试县联手帮扶简报")),
];

/// Applies `change` to the site at `site`.
fn apply(site: &Path, change: &Change) {
    match *change {
        Replace(file, find, with) => replace(site, file, find, with),
        Append(file, text) => append(site, file, text),
        CutFromLast(file, text) => {
            let path = site.join(file);
            let all = fs::read_to_string(&path).expect("read");
            let last = all.rfind(text).unwrap_or_else(|| panic!("`{text}` not in {file}"));
            fs::write(path, &all[..last]).expect("write");
        }
        Remove(file) => fs::remove_file(site.join(file)).expect("remove"),
    }
}

#[test]
fn every_kind_of_edit_rebuilds_what_a_full_build_gives() {
    let site = fixture("basic");
    let root = site.path();
    let mut load_cache = LoadCache::default();
    let mut render_cache = RenderCache::default();
    let mut failures = Vec::new();
    let mut derive_cache = DeriveCache::default();
    let build = |load_cache: &mut LoadCache, derive_cache: &mut DeriveCache, render_cache: &mut RenderCache| {
        load_cache.set_changed_files(None);
        let (loaded, _) = briefing::load_and_validate_with(root, true, Some(load_cache)).expect("the site loads");
        let options = RenderOptions {
            base_url: Some(loaded.config.base_path()),
            ..RenderOptions::default()
        };
        let derived = briefing::derive::derive_with(&loaded, Some(derive_cache)).expect("derive");
        by_path(
            render_incremental(&loaded, &derived, &options, render_cache)
                .expect("incremental render")
                .0,
        )
    };
    build(&mut load_cache, &mut derive_cache, &mut render_cache);
    for (name, change) in EDITS {
        apply(root, change);
        let incremental = build(&mut load_cache, &mut derive_cache, &mut render_cache);
        let (fresh, _) = briefing::load_and_validate(root, true).expect("the edited site loads");
        let options = RenderOptions {
            base_url: Some(fresh.config.base_path()),
            ..RenderOptions::default()
        };
        let derived = briefing::derive::derive(&fresh).expect("derive");
        let full = by_path(render(&fresh, &derived, &options).expect("full render"));
        let differ: Vec<&String> = full
            .keys()
            .chain(incremental.keys())
            .filter(|path| full.get(*path) != incremental.get(*path))
            .collect();
        if !differ.is_empty() {
            failures.push(format!("after {name}: {differ:?}"));
        }
        // What serve remembers stays the size of the site.
        let markdown_in = |folder: &str| {
            fs::read_dir(root.join(folder))
                .expect("a content folder")
                .filter(|entry| entry.as_ref().is_ok_and(|e| e.path().extension().is_some_and(|x| x == "md")))
                .count()
        };
        let pages = markdown_in("content/briefings") + markdown_in("content/pages");
        if render_cache.search_entries() != pages {
            failures.push(format!(
                "after {name}: {} search entries remembered for {pages} briefings and pages",
                render_cache.search_entries()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "incremental builds differ from full builds:\n{}",
        failures.join("\n")
    );
}
