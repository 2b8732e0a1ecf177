//! What briefing leaves in the folders it writes to (issue 27): no file of
//! the internal edition stays beside a public output — where a server that
//! publishes the output's parent (`--output /srv/www/bangfu`) would serve
//! it.

mod common;

use std::fs;
use std::path::Path;

use common::*;

/// Marks the internal phone number and the internal briefing.
const MARKER: &str = "ZQXSECRET";

/// The basic site with the enterprises' phone numbers internal and an
/// internal briefing, each holding [`MARKER`].
fn site_with_internal() -> tempfile::TempDir {
    let site = fixture("basic");
    let root = site.path();
    let config = fs::read_to_string(root.join("site.yaml")).expect("site.yaml");
    fs::write(root.join("site.yaml"), format!("{config}internal_fields: [enterprises.contact]\n")).expect("write");
    let path = root.join("content/data/enterprises.yaml");
    let text = fs::read_to_string(&path).expect("enterprises");
    assert!(text.contains("contact: 0730-0000001"));
    fs::write(
        &path,
        text.replacen("contact: 0730-0000001", &format!("contact: 0730-0000001 {MARKER}"), 1),
    )
    .expect("write");
    fs::write(
        root.join("content/briefings/2013-07-22-loan.md"),
        format!("---\ntitle: 贷款到期情况\ndate: 2013-07-22\ninternal: true\n---\n\n{MARKER}贷款将于8月到期。\n"),
    )
    .expect("write");
    site
}

/// Files under `dir` whose bytes hold [`MARKER`], relative to `dir`;
/// `except` (a folder under `dir`) is not looked into.
fn holding_marker(dir: &Path, except: Option<&Path>) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| except.is_none_or(|except| e.path() != except))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| fs::read(e.path()).is_ok_and(|bytes| bytes.windows(MARKER.len()).any(|w| w == MARKER.as_bytes())))
        .map(|e| e.path().strip_prefix(dir).expect("prefix").display().to_string())
        .collect()
}

#[test]
fn a_public_build_after_an_internal_one_leaves_no_internal_file_beside_it() {
    let site = site_with_internal();
    let www = site.path().join("www");
    let out = www.join("bangfu");
    let out_arg = out.to_str().expect("utf-8");
    build_ok(site.path(), &["--internal", "--output", out_arg]);
    assert!(!holding_marker(&out, None).is_empty(), "the internal edition holds the marker");
    build_ok(site.path(), &["--internal", "--output", out_arg]);
    build_ok(site.path(), &["--output", out_arg]);
    // The web root publishes everything under it, hidden folders too.
    let leaked = holding_marker(&www, None);
    assert!(leaked.is_empty(), "internal files in the web root after a public build: {leaked:?}");
    assert!(read(&out, "index.html").contains("测试县"), "the public edition is in place");
    // A second public build keeps the first beside it, for reuse.
    build_ok(site.path(), &["--output", out_arg]);
    assert!(holding_marker(&www, None).is_empty());
}

#[test]
fn a_failed_internal_build_leaves_no_internal_file_beside_a_public_output() {
    let site = site_with_internal();
    let www = site.path().join("www");
    let out = www.join("bangfu");
    let out_arg = out.to_str().expect("utf-8");
    build_ok(site.path(), &["--output", out_arg]);
    build_ok(site.path(), &["--output", out_arg]);
    let before = snapshot(&out);
    // A broken link is found once every page is rendered and written.
    fs::write(
        site.path().join("content/briefings/2013-07-25-links.md"),
        "---\ntitle: 链接\ndate: 2013-07-25\n---\n\n见[项目](/projects/no-such/)。\n",
    )
    .expect("write");
    let failed = briefing(site.path(), &["build", "--internal", "--output", out_arg]);
    assert_eq!(failed.status.code(), Some(1), "{}", stderr(&failed));
    assert!(stderr(&failed).contains("no-such"), "{}", stderr(&failed));
    assert!(before == snapshot(&out), "the output is untouched");
    let leaked = holding_marker(&www, Some(&out));
    assert!(leaked.is_empty(), "internal files beside the public output: {leaked:?}");
    // The next public build still works.
    fs::remove_file(site.path().join("content/briefings/2013-07-25-links.md")).expect("remove");
    build_ok(site.path(), &["--output", out_arg]);
    assert!(before == snapshot(&out));
}
