//! Routes: every section of the site's own paths is refused as the slug of
//! a standalone page (the list is the routes module's own, so it cannot go
//! stale), every file a build writes lies in a section or is a standalone
//! page, and the theme's static files stay in `static/`.

mod common;

use std::collections::BTreeSet;
use std::fs;

use common::{briefing, build_ok, fixture, read, repo, snapshot, stderr};

#[test]
fn every_section_of_the_site_is_refused_as_a_page_slug() {
    let site = fixture("basic");
    let page = site.path().join("content/pages/taken.md");
    let sections: Vec<&str> = briefing::routes::reserved_segments().collect();
    assert!(sections.contains(&"briefings") && sections.contains(&"feed.xml"), "{sections:?}");
    // A folder name is refused in any case: on Windows and macOS
    // `/Briefings/` is `/briefings/`.
    let slugs = sections
        .iter()
        .map(|s| s.to_string())
        .chain(["Briefings".to_string(), "SUPERVISION".to_string()]);
    for slug in slugs {
        fs::write(&page, format!("---\ntitle: 占用\nslug: \"{slug}\"\n---\n\n正文。\n")).expect("write page");
        let output = briefing(site.path(), &["check"]);
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "slug `{slug}` was accepted:\n{err}");
        assert!(err.contains("--> content/pages/taken.md:3"), "slug `{slug}`:\n{err}");
        // Slugs that are names of folders are refused as reserved; those
        // with a `.` (files: `feed.xml`) are not slugs at all.
        let why = if slug.contains('.') {
            "contains `.`"
        } else {
            "is reserved for the site's own pages"
        };
        assert!(err.contains(why), "slug `{slug}`:\n{err}");
    }
    fs::write(&page, "---\ntitle: 不占用\nslug: briefings-guide\n---\n\n正文。\n").expect("write page");
    let output = briefing(site.path(), &["check"]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn every_file_a_build_writes_lies_in_a_section_or_is_a_standalone_page() {
    let out = tempfile::tempdir().expect("temp dir");
    let reserved: BTreeSet<&str> = briefing::routes::reserved_segments().collect();
    let pages: BTreeSet<String> = fs::read_dir(repo().join("content/pages"))
        .expect("pages of the example")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .trim_end_matches(".md")
                .to_string()
        })
        .collect();
    for edition in [&[][..], &["--internal"][..]] {
        let dir = out.path().join(if edition.is_empty() { "public" } else { "internal" });
        let mut args = vec!["build", "--output", dir.to_str().expect("utf-8 path")];
        args.extend_from_slice(edition);
        let output = briefing(&repo(), &args);
        assert!(output.status.success(), "{}", stderr(&output));
        let files = snapshot(&dir);
        let mut outside: BTreeSet<String> = BTreeSet::new();
        for path in files.keys().filter(|p| !p.starts_with('.')) {
            let top = path.split('/').next().unwrap_or_default();
            if !reserved.contains(top) {
                assert_eq!(path, &format!("{top}/index.html"), "`{path}` is in no section of the routes");
                outside.insert(top.to_string());
            }
        }
        // Only the standalone pages (the example sets no `slug:`) are outside.
        assert_eq!(outside, pages, "{edition:?}");
        assert!(files.keys().any(|p| p.ends_with(".docx")) && files.contains_key("search-index.js"));
    }
}

#[test]
fn static_files_named_like_the_sites_own_files_stay_in_static() {
    let site = fixture("basic");
    let theme_static = site.path().join("themes/default/static");
    fs::write(theme_static.join("feed.xml"), "not a feed").expect("write");
    fs::write(theme_static.join("index.html"), "<p>not the home page</p>").expect("write");
    build_ok(site.path(), &[]);
    assert_eq!(read(site.path(), "output/static/feed.xml"), "not a feed");
    assert_eq!(read(site.path(), "output/static/index.html"), "<p>not the home page</p>");
    assert!(read(site.path(), "output/feed.xml").contains("<feed xmlns"));
    assert!(read(site.path(), "output/index.html").contains("<html"));
}
