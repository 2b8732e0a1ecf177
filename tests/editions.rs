//! Public and internal editions from one source (DESIGN.md, "Public and
//! internal editions"): internal records, briefings and fields carry
//! marker strings, and no file of the public edition — pages, charts,
//! search pieces, feed, sitemap, downloads, Word files (unzipped), the
//! manifest — holds any of them, while the internal edition holds them
//! all. The headline totals include internal records in both, and the
//! public lists say what they leave out (tests/edition_difference.rs
//! shows that nothing else counts them); references from public text to
//! internal records are errors at their file and line.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::Path;

use common::*;

/// Marker strings, each in one internal place only.
const MARKERS: [(&str, &str); 6] = [
    ("ZQXENTNAME", "name of an internal enterprise"),
    ("ZQXCONTACT", "an internal field (enterprises.contact) of a public enterprise"),
    ("ZQXPROBLEM", "summary of an internal problem of a public enterprise"),
    ("ZQXPROJECT", "name of an internal project"),
    ("ZQXBRIEFING", "text of an internal briefing"),
    ("zqxslug", "file name (slug) of an internal briefing"),
];

/// Internal text that no page shows in either edition (visit notes are
/// only counted), checked in the public edition all the same.
const UNSHOWN: [(&str, &str); 1] = [("ZQXVISIT", "note of an internal visit")];

fn append(site: &Path, file: &str, text: &str) {
    let path = site.join(file);
    let mut all = fs::read_to_string(&path).unwrap_or_default();
    all.push_str(text);
    fs::write(path, all).expect("write");
}

fn replace(site: &Path, file: &str, find: &str, with: &str) {
    let path = site.join(file);
    let text = fs::read_to_string(&path).expect("read");
    assert!(text.contains(find), "`{find}` not in {file}");
    fs::write(path, text.replacen(find, with, 1)).expect("write");
}

/// The basic site with something internal of every kind.
fn site_with_internal_records() -> tempfile::TempDir {
    let site = fixture("basic");
    let root = site.path();
    append(root, "site.yaml", "internal_fields: [enterprises.contact]\nword_editions: 100\n");
    replace(
        root,
        "content/data/enterprises.yaml",
        "contact: 0730-0000001",
        "contact: 0730-0000001 ZQXCONTACT",
    );
    append(
        root,
        "content/data/enterprises.yaml",
        "- id: secret-works\n  name: ZQXENTNAME机械\n  industry: machinery\n  lead_unit: land\n  units: [land]\n  internal: true\n",
    );
    append(
        root,
        "content/data/problems.yaml",
        "- id: p6\n  enterprise: haoshi\n  raised: 2013-06-01\n  summary: ZQXPROBLEM贷款担保\n  key: true\n  units: [commerce]\n  status: closed\n  closed: 2013-06-20\n  internal: true\n\
         - id: p7\n  enterprise: secret-works\n  raised: 2013-06-02\n  summary: 厂房用地\n  units: [land]\n  status: open\n  internal: true\n",
    );
    append(
        root,
        "content/data/projects.yaml",
        "- id: secret-line\n  name: ZQXPROJECT生产线\n  industry: machinery\n  enterprise: secret-works\n  investment: 5000\n  internal: true\n  updates:\n    - {date: 2013-05-01, status: started}\n",
    );
    fs::write(
        root.join("content/data/visits.yaml"),
        "- {date: 2013-06-05, enterprise: haoshi, units: [commerce], note: 座谈}\n\
         - {date: 2013-06-06, enterprise: tiande, units: [land], note: ZQXVISIT走访, internal: true}\n\
         - {date: 2013-06-07, enterprise: secret-works, units: [land], internal: true}\n",
    )
    .expect("visits");
    fs::write(
        root.join("content/briefings/2013-07-16-zqxslug.md"),
        "---\ntitle: 内部情况通报\ndate: 2013-07-16\nkind: circular\ninternal: true\n---\n\nZQXBRIEFING 的情况，见[秘密企业](/enterprises/secret-works/)与[问题](/enterprises/haoshi/#problem-p6)。\n\n{{ projects(enterprise=\"secret-works\") }}\n",
    )
    .expect("internal briefing");
    site
}

/// Every file of `dir`, zips (xlsx, docx) as the texts of their parts.
fn texts_of(dir: &Path) -> BTreeMap<String, String> {
    let mut texts = BTreeMap::new();
    for (path, bytes) in snapshot(dir) {
        if path.ends_with(".xlsx") || path.ends_with(".docx") {
            let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
            for i in 0..archive.len() {
                let mut part = archive.by_index(i).expect("part");
                let mut text = String::new();
                let _ = part.read_to_string(&mut text);
                texts.insert(format!("{path}!{}", part.name()), text);
            }
        } else {
            texts.insert(path, String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    texts
}

/// The files of `texts` that hold `marker` (in any case: search keys
/// are lower case).
fn holding(texts: &BTreeMap<String, String>, marker: &str) -> Vec<String> {
    let marker = marker.to_lowercase();
    texts
        .iter()
        .filter(|(path, text)| path.to_lowercase().contains(&marker) || text.to_lowercase().contains(&marker))
        .map(|(path, _)| path.clone())
        .collect()
}

#[test]
fn nothing_internal_reaches_a_public_file_and_the_internal_edition_has_it_all() {
    let site = site_with_internal_records();
    let root = site.path();
    // The internal briefing links to internal records: only the internal
    // edition can be built with it; the public one is checked below.
    build_ok(root, &["--internal", "--output", "internal"]);
    let internal = texts_of(&root.join("internal"));
    for (marker, what) in MARKERS {
        assert!(
            !holding(&internal, marker).is_empty(),
            "the internal edition lacks the {what} ({marker})"
        );
    }
    let pages: Vec<&String> = internal.keys().filter(|p| p.ends_with(".html")).collect();
    assert!(pages.len() > 20);
    for page in &pages {
        assert!(internal[*page].contains("class=\"internal-mark\""), "{page} is not marked 内部资料");
    }
    let docx = internal
        .iter()
        .find(|(path, _)| path.contains("zqxslug.docx!word/document.xml"))
        .expect("the internal briefing's Word edition");
    assert!(docx.1.contains("内部资料"), "the Word edition is not marked");

    build_ok(root, &["--output", "public"]);
    let public = texts_of(&root.join("public"));
    for kind in [
        "index.html",
        ".svg",
        "search/keys/",
        "search/docs/",
        "feed.xml",
        "sitemap.xml",
        ".csv",
        ".xlsx!",
        ".docx!",
        ".briefing-manifest",
    ] {
        assert!(public.keys().any(|p| p.contains(kind)), "no public file of kind {kind}");
    }
    let leaks: Vec<String> = MARKERS
        .iter()
        .chain(&UNSHOWN)
        .flat_map(|(marker, what)| {
            holding(&public, marker)
                .into_iter()
                .map(move |file| format!("{what} ({marker}) in {file}"))
        })
        .collect();
    assert!(leaks.is_empty(), "the public edition leaks:\n{}", leaks.join("\n"));
    assert!(
        !public.keys().any(|p| p.contains("secret")),
        "an internal record's page was written"
    );
    assert!(public.keys().all(|p| !public[p].contains("class=\"internal-mark\"")));

    // The headline totals include internal records: 7 problems (5 + 2
    // internal), 4 projects (3 + 1), the same in both editions.
    for texts in [&internal, &public] {
        let bulletin = text_of(&texts["briefings/2013-07-15-no3/index.html"]);
        assert!(bulletin.contains("登记7个") && bulletin.contains("共有项目4个"), "{bulletin}");
    }
    // The public register and board say what they leave out; the internal
    // edition leaves nothing out.
    let note = "共7个问题，其中2个为内部资料，未列出。";
    assert!(text_of(&public["problems/index.html"]).contains(note));
    assert!(!text_of(&internal["problems/index.html"]).contains("为内部资料"));
    assert!(text_of(&public["projects/index.html"]).contains("其中1个为内部资料，未列出。"));
    // Breakdowns are the public records': 好食工贸's counts hold its three
    // public problems, not its internal p6.
    let haoshi = text_of(&public["enterprises/haoshi/index.html"]);
    assert!(!haoshi.contains("登记4") && haoshi.contains("登记3"), "{haoshi}");
    // 天德机械 had only an internal visit: publicly it was never visited,
    // and the page says what it is drawn from.
    let tiande = text_of(&public["enterprises/tiande/index.html"]);
    assert!(tiande.contains("最近入企尚未入企") && !tiande.contains("2013年6月6日"), "{tiande}");
    assert!(tiande.contains("入企情况依据公开资料整理"), "{tiande}");
    assert!(text_of(&internal["enterprises/tiande/index.html"]).contains("2013年6月6日"));
}

#[test]
fn public_text_that_would_reveal_an_internal_record_is_an_error_at_its_line() {
    let site = site_with_internal_records();
    let root = site.path();
    build_ok(root, &["--internal", "--output", "internal"]);
    // The internal briefing, made public, reveals three internal records:
    // first its table (pages are made before links are checked) ...
    let page = "content/briefings/2013-07-16-zqxslug.md";
    replace(root, page, "internal: true\n", "");
    let expect = |location: &str, message: &str| {
        let output = briefing(root, &["build", "--output", "public"]);
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{err}");
        assert!(
            err.contains(&format!("--> {location}")) && err.contains(message),
            "expected `{message}` at `{location}` in:\n{err}"
        );
        err
    };
    expect(
        &format!("{page}:9:1"),
        "`projects(enterprise=\"secret-works\")` would list the projects of the internal enterprise `secret-works` in the public edition",
    );
    // ... then, the table gone, its two links, each at its column.
    replace(root, page, "{{ projects(enterprise=\"secret-works\") }}\n", "");
    let err = expect(
        &format!("{page}:7:"),
        "link `/enterprises/secret-works/` would reveal the internal enterprise `secret-works` in the public edition",
    );
    assert!(
        err.contains("link `/enterprises/haoshi/#problem-p6` would reveal the internal problem `p6` in the public edition"),
        "{err}"
    );
    // A public briefing that links to an internal one.
    replace(root, page, "\ntitle:", "\ninternal: true\ntitle:");
    append(
        root,
        "content/briefings/2013-07-15-no3.md",
        "\n另见[内部通报](/briefings/2013-07-16-zqxslug/)。\n",
    );
    let no3 = fs::read_to_string(root.join("content/briefings/2013-07-15-no3.md")).expect("no3");
    let line = no3.lines().count();
    expect(
        &format!("content/briefings/2013-07-15-no3.md:{line}:"),
        "link `/briefings/2013-07-16-zqxslug/` would reveal the internal briefing `content/briefings/2013-07-16-zqxslug.md` in the public edition",
    );
    assert!(!root.join("public").exists(), "a failed build wrote output");
    // The internal edition still builds it.
    build_ok(root, &["--internal", "--output", "internal"]);
    // `check` reports the same errors, and passes with --internal.
    let check = briefing(root, &["check"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(briefing(root, &["check", "--internal"]).status.success());
}

/// Every form a link can take (issue 27): raw HTML `href` and `src`, and
/// absolute URLs on `base_url`'s own host in any case, with or without its
/// port, as links and autolinks. Each is an error at its line, found in
/// one run; a link elsewhere on the same host is not the site's.
#[test]
fn every_form_of_link_to_an_internal_record_is_an_error_at_its_line() {
    let site = site_with_internal_records();
    let root = site.path();
    replace(
        root,
        "site.yaml",
        "base_url: https://example.gov.cn/bangfu/",
        "base_url: http://10.1.1.20/",
    );
    let page = "content/briefings/2013-07-15-no3.md";
    let before = fs::read_to_string(root.join(page)).expect("no3").lines().count();
    let links = [
        "<div class=\"note\">\n见 <a href=\"/enterprises/secret-works/\">企业</a>\n</div>",
        "行内<a href=\"/enterprises/secret-works/\">企业</a>。",
        "<p>\n<img src=\"/enterprises/secret-works/logo.png\" alt=\"徽标\">\n</p>",
        "[绝对](http://10.1.1.20/enterprises/secret-works/)",
        "[端口](HTTP://10.1.1.20:80/Enterprises/../enterprises/secret-works/)",
        "<http://10.1.1.20/enterprises/secret-works/>",
        "<a href=\"HTTPS://10.1.1.20/enterprises/secret-works/\">HTML</a>",
    ];
    let mut text = String::new();
    let mut lines = Vec::new();
    let mut line = before + 1;
    for link in links {
        text.push('\n');
        line += 1;
        // The line of the link within its snippet.
        let own = link.lines().position(|l| l.contains("secret-works")).expect("the link");
        lines.push(line + own);
        text.push_str(link);
        text.push('\n');
        line += link.lines().count();
    }
    // Other ports and paths of the host are not the site.
    text.push_str("\n[别的服务](http://10.1.1.20:8080/enterprises/secret-works/)\n");
    append(root, page, &text);
    let output = briefing(root, &["build", "--output", "public"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    for (link, line) in links.iter().zip(&lines) {
        let location = format!("--> {page}:{line}:");
        let at = err
            .find(&location)
            .unwrap_or_else(|| panic!("no error at {location} for {link}:\n{err}"));
        let message = err[..at].trim_end().lines().last().unwrap_or_default();
        assert!(
            message.contains("would reveal the internal enterprise `secret-works` in the public edition"),
            "{link}: {message}\n{err}"
        );
    }
    assert_eq!(err.matches("would reveal the internal enterprise").count(), links.len(), "{err}");
    assert!(!err.contains("10.1.1.20:8080"), "{err}");
    assert!(!root.join("public").exists(), "a failed build wrote output");
}

#[test]
fn a_public_record_of_an_internal_enterprise_is_an_error_at_its_line() {
    let site = site_with_internal_records();
    let root = site.path();
    replace(root, "content/data/projects.yaml", "  internal: true\n", "");
    replace(
        root,
        "content/data/visits.yaml",
        "- {date: 2013-06-07, enterprise: secret-works, units: [land], internal: true}",
        "- {date: 2013-06-07, enterprise: secret-works, units: [land]}",
    );
    let output = briefing(root, &["build", "--output", "public"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    let projects = fs::read_to_string(root.join("content/data/projects.yaml")).expect("projects");
    let line = projects.lines().position(|l| l.contains("enterprise: secret-works")).expect("line") + 1;
    assert!(
        err.contains(&format!("content/data/projects.yaml:{line}:"))
            && err.contains("this project is public but belongs to the internal enterprise `secret-works`"),
        "{err}"
    );
    assert!(
        err.contains("content/data/visits.yaml:3:") && err.contains("this visit is public"),
        "{err}"
    );
}

#[test]
fn internal_fields_must_name_a_field_that_can_be_internal() {
    fails_after_edit(
        "site.yaml",
        "issuer:",
        "internal_fields: [enterprises.contakt]\nissuer:",
        "site.yaml:",
        "`enterprises.contakt` cannot be kept internal",
    );
}

#[test]
fn internal_is_refused_where_both_editions_must_show_the_record() {
    fails_after_edit(
        "content/data/industries.yaml",
        "  name: 食品加工\n",
        "  name: 食品加工\n  internal: true\n",
        "content/data/industries.yaml:",
        "`internal` cannot be set here: only enterprises, projects, problems, visits, plans and briefings can be internal",
    );
}
