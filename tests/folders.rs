//! What briefing leaves in the folders it writes to (issue 27): no file of
//! the internal edition stays beside a public output — where a server that
//! publishes the output's parent (`--output /srv/www/bangfu`) would serve
//! it — and `data export` writes only into a new or empty folder, judged
//! where the operating system will write.

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

/// Runs `data export ARGS` on the site and asserts it is refused (exit 1)
/// with `message`, writing nothing anywhere in the site.
fn export_refused(site: &Path, dir: &str, message: &str) {
    let before = snapshot(site);
    let run = briefing(site, &["data", "export", dir]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "export into {dir}: {err}");
    assert!(err.contains(message), "export into {dir}: expected `{message}` in:\n{err}");
    assert!(before == snapshot(site), "export into {dir} changed files");
}

#[test]
fn data_export_writes_only_into_a_new_or_empty_folder() {
    let site = fixture("basic");
    let root = site.path();
    build_ok(root, &[]);
    // `content/data/zz/..` is `content/data/`, where the site's data is.
    export_refused(root, "content/data/zz/..", "not empty");
    assert!(!root.join("content/data/zz").exists(), "no folder made on the way");
    export_refused(root, ".", "not empty");
    export_refused(root, "content/zz/../..", "not empty");
    let site_folder = root.to_str().expect("utf-8");
    export_refused(root, site_folder, "not empty");
    export_refused(root, &format!("{site_folder}/.."), "not empty");
    export_refused(root, "site.yaml", "not a folder");
    build_ok(root, &[]);
    // New and empty folders are fine, also reached through `..`.
    fs::create_dir(root.join("empty")).expect("mkdir");
    let run = briefing(root, &["data", "export", "empty/zz/.."]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(root.join("empty/problems.xlsx").is_file());
    assert!(!root.join("empty/zz").exists());
    let run = briefing(root, &["data", "export", "fresh/books"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(root.join("fresh/books/problems.xlsx").is_file());
    // The folder it made is not empty any more: exporting again is refused
    // and names the workbooks it would have overwritten.
    export_refused(root, "fresh/books", "problems.xlsx");
}
