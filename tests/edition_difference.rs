//! No public file lets a reader learn an attribute of an internal record
//! by comparing public numbers with public rows (README, "Public and
//! internal editions"). Tested by difference: for each internal record
//! (and internal briefing) of a site, the public edition of the site with
//! it and of the site without it are built in memory, every headline
//! figure written as a placeholder; then every file — pages, CSV, XLSX,
//! DOCX, SVG, search pieces, feed, sitemap — must be the same, byte for
//! byte. What a record changes may only be the headline totals.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use briefing::load::Site;
use briefing::render::{RenderOptions, render};
use briefing::validate::probe::{self, InternalRecord};
use common::*;

/// The files of a build, by path.
type Files = BTreeMap<String, Arc<Vec<u8>>>;

/// The site under `root` as loaded, internal records included.
fn load(root: &Path) -> Site {
    match briefing::load_edition(root, false, true, None) {
        Ok((site, _)) => site,
        Err(errors) => panic!("the site does not load: {errors:?}"),
    }
}

/// Every file of the public edition of `site` (loaded in full), headline
/// figures masked unless `plain`.
fn public_files(site: Site, plain: bool) -> Files {
    let site = if plain {
        probe::public_edition(site)
    } else {
        probe::masked_public_edition(site)
    }
    .unwrap_or_else(|errors| panic!("no public edition: {errors:?}"));
    let derived = briefing::derive::derive(&site).unwrap_or_else(|errors| panic!("derive: {errors:?}"));
    let files = render(&site, &derived, &RenderOptions::default()).unwrap_or_else(|errors| panic!("render: {errors:?}"));
    files.into_iter().map(|f| (f.path, f.bytes)).collect()
}

/// The parts of a zip (xlsx, docx) by name.
fn parts(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    (0..archive.len())
        .map(|i| {
            let mut part = archive.by_index(i).expect("part");
            let mut content = Vec::new();
            part.read_to_end(&mut content).expect("read part");
            (part.name().to_string(), content)
        })
        .collect()
}

/// Where `a` and `b` first differ, shown as text around that place.
fn first_difference(a: &[u8], b: &[u8]) -> String {
    let at = a.iter().zip(b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
    let around = |bytes: &[u8]| {
        let from = at.saturating_sub(80);
        let to = (at + 120).min(bytes.len());
        String::from_utf8_lossy(&bytes[from..to]).into_owned()
    };
    format!(
        "first difference at byte {at}:\n      with:    …{}…\n      without: …{}…",
        around(a),
        around(b)
    )
}

/// What differs between the files of two builds, file by file (the part of
/// a zip named).
fn differences(with: &Files, without: &Files) -> Vec<String> {
    let mut found = Vec::new();
    for path in with.keys().chain(without.keys().filter(|p| !with.contains_key(*p))) {
        match (with.get(path), without.get(path)) {
            (Some(_), None) => found.push(format!("{path}: only with the record")),
            (None, Some(_)) => found.push(format!("{path}: only without the record")),
            (Some(a), Some(b)) if a != b => {
                if path.ends_with(".xlsx") || path.ends_with(".docx") {
                    let (a, b) = (parts(a), parts(b));
                    for (name, part) in &a {
                        match b.get(name) {
                            Some(other) if other == part => {}
                            Some(other) => found.push(format!("{path}!{name}: {}", first_difference(part, other))),
                            None => found.push(format!("{path}!{name}: only with the record")),
                        }
                    }
                } else {
                    found.push(format!("{path}: {}", first_difference(a, b)));
                }
            }
            _ => {}
        }
    }
    found
}

/// Builds the public edition of the site under `root` with and without
/// each of its internal records; panics with every file that differs.
/// Returns the records tried.
fn check_site(root: &Path) -> Vec<InternalRecord> {
    let site = load(root);
    let records = probe::internal_records(&site);
    let with = public_files(site.clone(), false);
    let text: String = with.values().map(|b| String::from_utf8_lossy(b)).collect();
    assert!(
        text.contains(probe::PLACEHOLDER),
        "no headline figure was masked: the test would see nothing"
    );
    let mut report = Vec::new();
    for record in &records {
        let smaller =
            probe::without(&site, record).unwrap_or_else(|errors| panic!("{}: without it the site is invalid: {errors:?}", record.name));
        let found = differences(&with, &public_files(smaller, false));
        if !found.is_empty() {
            report.push(format!(
                "the {} record {} shows in {} public file(s):\n  {}",
                record.file,
                record.name,
                found.len(),
                found.join("\n  ")
            ));
        }
    }
    assert!(report.is_empty(), "{}", report.join("\n\n"));
    records
}

fn append(root: &Path, file: &str, text: &str) {
    let path = root.join(file);
    let mut all = fs::read_to_string(&path).unwrap_or_default();
    all.push_str(text);
    fs::write(path, all).expect("write");
}

/// The basic site with internal records in every data file that can hold
/// them, and text that shows every view: a bulletin with unit figures,
/// tables of projects and units, the charts of problems, projects and
/// units; visits and plans, public and internal.
fn site_with_internal_records() -> tempfile::TempDir {
    let site = fixture("basic");
    let root = site.path();
    append(root, "site.yaml", "internal_fields: [enterprises.contact]\nword_editions: 100\n");
    // An internal enterprise with a record of each kind.
    append(
        root,
        "content/data/enterprises.yaml",
        "- id: secret-works\n  name: 秘密机械\n  industry: machinery\n  key: true\n  lead_unit: land\n  units: [land, water]\n  internal: true\n",
    );
    append(
        root,
        "content/data/projects.yaml",
        "- id: secret-line\n  name: 秘密生产线\n  industry: machinery\n  enterprise: secret-works\n  investment: 5000\n  internal: true\n  updates:\n    - {date: 2013-05-01, status: started}\n\
         - id: tiande-secret\n  name: 天德内部项目\n  industry: machinery\n  enterprise: tiande\n  investment: 3000\n  internal: true\n  updates:\n    - {date: 2013-02-01, status: started}\n    - {date: 2013-06-01, status: built}\n",
    );
    append(
        root,
        "content/data/problems.yaml",
        "- id: p6\n  enterprise: haoshi\n  raised: 2013-02-01\n  summary: 贷款担保。\n  key: true\n  units: [commerce]\n  status: closed\n  closed: 2013-06-20\n  internal: true\n\
         - id: p7\n  enterprise: secret-works\n  raised: 2013-04-02\n  summary: 厂房用地。\n  units: [land]\n  status: open\n  internal: true\n\
         - id: p8\n  enterprise: tiande\n  raised: 2013-03-20\n  summary: 环评。\n  units: [water]\n  status: extended\n  internal: true\n",
    );
    fs::write(
        root.join("content/data/visits.yaml"),
        "- {date: 2013-05-01, enterprise: tiande, units: [industry-bureau]}\n\
         - {date: 2013-06-05, enterprise: haoshi, units: [commerce, water], note: 座谈}\n\
         - {date: 2013-06-26, enterprise: tiande, units: [land], note: 走访, internal: true}\n\
         - {date: 2013-06-07, enterprise: secret-works, units: [land, water], internal: true}\n",
    )
    .expect("visits");
    fs::write(
        root.join("content/data/plans.yaml"),
        "- {unit: industry-bureau, enterprise: tiande, filed: 2013-04-01}\n\
         - {unit: commerce, enterprise: haoshi, filed: 2013-04-15}\n\
         - {unit: water, enterprise: tiande, filed: 2013-05-01, internal: true}\n\
         - {unit: land, enterprise: secret-works, filed: 2013-05-02, internal: true}\n",
    )
    .expect("plans");
    fs::write(
        root.join("content/briefings/2013-07-25-circular.md"),
        "---\ntitle: 督查情况通报\ndate: 2013-07-25\nkind: circular\nsummary: 水务局销号率{{ metric(name=\"units.water.close_rate\") }}。\n---\n\n\
         县水务局承办{{ metric(name=\"units.water.raised\") }}个，销号率{{ metric(name=\"units.water.close_rate\") }}，超期{{ metric(name=\"units.water.overdue\") }}个，\
         入企{{ metric(name=\"units.land.visits\") }}次，未报方案{{ metric(name=\"units.water.plans_missing\") }}个。\
         全县超期{{ metric(name=\"problems.overdue\") }}个，入企{{ metric(name=\"visits.count\") }}次，已报方案{{ metric(name=\"plans.filed\") }}份，\
         {{ metric(name=\"plans.units_missing\") }}个单位未报齐；重点企业{{ metric(name=\"enterprises.key\") }}家，开工{{ metric(name=\"projects.begun\") }}个，\
         简报{{ metric(name=\"briefings.bulletins\") }}期，今年入企{{ metric(name=\"visits.count.year\") }}次。\n\n\
         {{ units(sort=\"close_rate\") }}\n\n{{ projects(industry=\"machinery\") }}\n\n{{ projects(status=\"started\") }}\n\n\
         {{ chart(id=\"problems-resolution\") }}\n\n{{ chart(id=\"projects-by-status\") }}\n\n{{ chart(id=\"units-close-rate\") }}\n\n{{ chart(id=\"projects-stack\") }}\n",
    )
    .expect("circular");
    fs::write(
        root.join("content/briefings/2013-07-26-internal.md"),
        "---\ntitle: 内部情况通报\ndate: 2013-07-26\nkind: circular\ninternal: true\ntags: [内部]\n---\n\n见[秘密机械](/enterprises/secret-works/)。\n",
    )
    .expect("internal briefing");
    // An internal bulletin, numbered: `briefings.bulletins` counts it.
    fs::write(
        root.join("content/briefings/2013-06-20-internal-bulletin.md"),
        "---\ntitle: 内部简报\ndate: 2013-06-20\nissue: 5\ninternal: true\n---\n\n内部情况。\n",
    )
    .expect("internal bulletin");
    site
}

#[test]
fn no_internal_record_of_the_fixture_shows_in_a_public_file_but_by_the_headline_totals() {
    let site = site_with_internal_records();
    let records = check_site(site.path());
    let files: std::collections::BTreeSet<&str> = records.iter().map(|r| r.file).collect();
    assert_eq!(
        files.into_iter().collect::<Vec<_>>(),
        ["briefings", "enterprises", "plans", "problems", "projects", "visits"],
        "the fixture lacks internal records of some file"
    );
}

#[test]
fn no_internal_record_of_the_example_shows_in_a_public_file_but_by_the_headline_totals() {
    let records = check_site(&repo());
    assert!(!records.is_empty(), "the example site has no internal record");
}

/// The comparison sees a difference where there is one: without the
/// placeholders, leaving an internal problem out changes the headline
/// totals of the public edition.
#[test]
fn the_difference_test_sees_headline_totals() {
    let site = site_with_internal_records();
    let loaded = load(site.path());
    let record = probe::internal_records(&loaded)
        .into_iter()
        .find(|r| r.name == "p6")
        .expect("the internal problem p6");
    let smaller = probe::without(&loaded, &record).expect("valid without it");
    let found = differences(&public_files(loaded, true), &public_files(smaller, true));
    assert!(found.iter().any(|d| d.starts_with("index.html:")), "{found:?}");
    assert!(found.iter().any(|d| d.starts_with("problems/index.html:")), "{found:?}");
}
