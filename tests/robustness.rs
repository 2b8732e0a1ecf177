//! The catalogue of bad input and the safety rules: every case ends in a
//! clear message naming the file and line, exit 1, and nothing lost.

mod common;

use std::fs;
use std::path::Path;

use common::*;

/// Writes `bytes` at `relative` in a copy of the basic site, builds it
/// after a first good build, and checks the failure.
fn fails_with(relative: &str, bytes: &[u8], location: &str, message: &str) {
    let write = |site: &Path| {
        let path = site.join(relative);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(&path, bytes).expect("write case");
    };
    fails_after(write, location, message);
}

#[test]
fn gbk_file_says_to_save_as_utf8() {
    // "---\ntitle: 简报\n" with 简报 in GBK
    fails_with(
        "content/briefings/gbk.md",
        b"---\ntitle: \xbc\xf2\xb1\xa8\ndate: 2013-07-01\n---\n",
        "content/briefings/gbk.md:2",
        "save it with UTF-8 encoding",
    );
}

#[test]
fn bom_and_crlf_are_accepted_silently() {
    let site = fixture("basic");
    fs::write(
        site.path().join("content/briefings/2013-07-30-windows.md"),
        "\u{feff}---\r\ntitle: 记事本保存的简报\r\ndate: 2013-07-30\r\n---\r\n\r\n## 一、情况\r\n\r\n正文。\r\n",
    )
    .expect("write");
    let output = build_ok(site.path(), &[]);
    assert!(!stderr(&output).contains("windows.md"), "{}", stderr(&output));
    let html = read(site.path(), "output/briefings/2013-07-30-windows/index.html");
    assert!(html.contains("记事本保存的简报"));
    assert!(html.contains(r#"<h2 id="一情况">"#));
}

#[test]
fn empty_file() {
    fails_with(
        "content/briefings/empty.md",
        b"",
        "content/briefings/empty.md:1:1",
        "the file is empty",
    );
}

#[test]
fn only_front_matter() {
    fails_with(
        "content/briefings/front-only.md",
        "---\ntitle: 只有头部\ndate: 2013-07-01\n---\n".as_bytes(),
        "content/briefings/front-only.md:4:1",
        "no text after its front matter",
    );
}

#[test]
fn tab_indented_yaml() {
    fails_with(
        "content/data/units.yaml",
        b"- id: a\n\tname: x\n",
        "content/data/units.yaml:2",
        "YAML does not allow tabs for indentation",
    );
}

#[test]
fn duplicate_yaml_keys() {
    fails_with(
        "content/briefings/dup-keys.md",
        "---\ntitle: 一\ntitle: 二\ndate: 2013-07-01\n---\n正文\n".as_bytes(),
        "content/briefings/dup-keys.md:3",
        "duplicate field `title`",
    );
}

#[test]
fn two_pages_with_the_same_url_name_both() {
    fails_with(
        "content/briefings/other.md",
        "---\ntitle: 同名\ndate: 2013-07-01\nslug: h1-review\n---\n正文\n".as_bytes(),
        "content/briefings/other.md:4:1",
        "the URL `/briefings/h1-review/` is also produced by `content/briefings/2013-07-20-speech.md`",
    );
}

#[test]
fn slug_that_escapes_the_output_folder() {
    fails_with(
        "content/briefings/escape.md",
        "---\ntitle: 越界\ndate: 2013-07-01\nslug: ../../etc\n---\n正文\n".as_bytes(),
        "content/briefings/escape.md:4:1",
        "would leave its folder",
    );
    fails_with(
        "content/pages/empty-slug.md",
        "---\ntitle: 空\nslug: \"\"\n---\n正文\n".as_bytes(),
        "content/pages/empty-slug.md:3:1",
        "the slug is empty",
    );
}

#[test]
fn id_that_escapes_the_output_folder() {
    fails_with(
        "content/data/units.yaml",
        b"- id: ../evil\n  name: x\n",
        "content/data/units.yaml:1:7",
        "id `../evil` contains `.`",
    );
}

#[test]
fn unknown_theme() {
    fails_with(
        "site.yaml",
        "title: 测试\ntheme: fancy\n".as_bytes(),
        "site.yaml:2:1",
        "unknown theme `fancy`",
    );
}

#[test]
fn missing_template() {
    fails_with(
        "themes/default/templates/page.html",
        b"{% extends \"base.html\" %}\n{% block content %}\n{% include \"partials/nope.html\" %}\n{% endblock content %}\n",
        "themes/default/templates/page.html",
        "nope.html",
    );
}

#[test]
fn a_site_without_themes_uses_the_builtin_theme_and_overrides_file_by_file() {
    let site = fixture("basic");
    fs::remove_dir_all(site.path().join("themes")).expect("remove themes");
    build_ok(site.path(), &[]);
    assert!(read(site.path(), "output/briefings/2013-05-10-no1/index.html").contains("masthead-name"));
    assert!(site.path().join("output/static/style.css").is_file());
    let templates = site.path().join("themes/default/templates");
    fs::create_dir_all(&templates).expect("mkdir");
    fs::write(
        templates.join("404.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>自定义的404</h1>{% endblock content %}",
    )
    .expect("write");
    build_ok(site.path(), &[]);
    assert!(read(site.path(), "output/404.html").contains("自定义的404"));
    assert!(
        read(site.path(), "output/index.html").contains("主要指标"),
        "other templates stay built in"
    );
}

#[test]
fn template_runtime_error_names_the_template_line() {
    fails_with(
        "themes/default/templates/page.html",
        b"{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title }}</h1>\n{{ page.no_such_field.x }}\n{% endblock content %}\n",
        "themes/default/templates/page.html:4:",
        "template error",
    );
}

#[test]
fn broken_internal_link_names_the_line() {
    fails_with(
        "content/briefings/2013-07-25-links.md",
        "---\ntitle: 链接\ndate: 2013-07-25\n---\n\n正文见[项目](/projects/no-such/)。\n\n另见[第二期](/briefings/2013-06-10-no2/#没有这节)。\n".as_bytes(),
        "content/briefings/2013-07-25-links.md:6:",
        "link to `/projects/no-such/`, which is not a page of the site",
    );
}

#[test]
fn broken_anchor_names_the_line() {
    fails_with(
        "content/briefings/2013-07-25-links.md",
        "---\ntitle: 链接\ndate: 2013-07-25\n---\n\n另见[第二期](/briefings/2013-06-10-no2/#没有这节)和[本文](#正文)。\n\n## 正文\n"
            .as_bytes(),
        "content/briefings/2013-07-25-links.md:6:",
        "anchor `#没有这节` does not exist on `/briefings/2013-06-10-no2/`",
    );
}

#[test]
fn check_validates_without_writing() {
    let site = fixture("basic");
    let output = briefing(site.path(), &["check"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!site.path().join("output").exists());
    fs::write(
        site.path().join("content/briefings/bad.md"),
        "---\ntitle: x\ndate: 2013-13-01\n---\n正文\n",
    )
    .expect("write");
    let output = briefing(site.path(), &["check"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("--> content/briefings/bad.md:3"));
    assert!(!site.path().join("output").exists());
}

fn refuses_output(site: &Path, output: &str) {
    let before = snapshot(site);
    let result = briefing(site, &["build", "--output", output]);
    assert_eq!(result.status.code(), Some(1), "{output}: {}", stderr(&result));
    assert!(before == snapshot(site), "{output}: the site changed");
}

#[test]
fn dangerous_output_folders_are_refused() {
    let site = fixture("basic");
    for output in [".", "content", "content/briefings", "themes", "..", "/"] {
        refuses_output(site.path(), output);
    }
}

#[test]
fn a_successful_build_drops_pages_of_deleted_briefings() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    assert!(site.path().join("output/briefings/h1-review/index.html").exists());
    fs::remove_file(site.path().join("content/briefings/2013-07-20-speech.md")).expect("remove");
    build_ok(site.path(), &[]);
    assert!(!site.path().join("output/briefings/h1-review").exists());
}

#[test]
fn files_briefing_did_not_write_are_never_deleted() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    fs::write(site.path().join("output/notes.txt"), "mine").expect("write");
    let output = briefing(site.path(), &["build"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("`notes.txt` in the output folder was not written by briefing"));
    assert_eq!(read(site.path(), "output/notes.txt"), "mine");
}

#[test]
fn html_in_markdown_and_data_is_made_harmless() {
    let site = fixture("basic");
    fs::write(
        site.path().join("content/briefings/2013-07-26-xss.md"),
        "---\ntitle: \"<script>alert('t')</script>标题\"\ndate: 2013-07-26\nsummary: \"<img src=x onerror=alert(1)>\"\n---\n\n正文<script>alert(1)</script><img src=\"/static/style.css\" onerror=\"alert(2)\">[点我](javascript:alert(3))\n\n<a href=\"javascript:alert(4)\" onclick=\"alert(5)\">链接</a>\n",
    )
    .expect("write");
    let units = site.path().join("content/data/units.yaml");
    let text = fs::read_to_string(&units).expect("read");
    fs::write(
        &units,
        text.replace("name: 县水务局", "name: \"<b onmouseover=alert(6)>县水务局</b>\""),
    )
    .expect("write");
    build_ok(site.path(), &[]);
    for (path, bytes) in snapshot(&site.path().join("output")) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(&bytes);
        assert!(!html.contains("<script>alert"), "{path} has a script");
        // Inside every real tag: no event handler, no javascript: URL.
        for tag in html.split('<').skip(1).map(|rest| rest.split('>').next().unwrap_or_default()) {
            let lower = tag.to_lowercase();
            assert!(!lower.contains("javascript:"), "{path}: <{tag}>");
            assert!(
                !lower.split_whitespace().skip(1).any(|attr| attr.starts_with("on")),
                "{path}: <{tag}>"
            );
        }
    }
    let page = read(site.path(), "output/briefings/2013-07-26-xss/index.html");
    assert!(
        page.contains("&lt;script&gt;alert(&#x27;t&#x27;)&lt;&#x2F;script&gt;标题") || page.contains("&lt;script&gt;"),
        "{page}"
    );
}

#[test]
fn unsafe_html_lets_raw_html_through() {
    let site = fixture("basic");
    let config = site.path().join("site.yaml");
    let text = fs::read_to_string(&config).expect("read");
    fs::write(&config, format!("{text}unsafe_html: true\n")).expect("write");
    fs::write(
        site.path().join("content/briefings/2013-07-26-raw.md"),
        "---\ntitle: 原样\ndate: 2013-07-26\n---\n\n<div class=\"x\"><script>console.log(1)</script></div>\n",
    )
    .expect("write");
    build_ok(site.path(), &[]);
    assert!(read(site.path(), "output/briefings/2013-07-26-raw/index.html").contains("<script>console.log(1)</script>"));
}

#[cfg(unix)]
#[test]
fn symlinks_are_not_followed_out_of_the_site() {
    let site = fixture("basic");
    let outside = tempfile::tempdir().expect("temp");
    fs::write(
        outside.path().join("secret.md"),
        "---\ntitle: 机密\ndate: 2013-07-01\n---\n机密内容\n",
    )
    .expect("write");
    fs::write(outside.path().join("secret.css"), "secret").expect("write");
    std::os::unix::fs::symlink(outside.path().join("secret.md"), site.path().join("content/briefings/secret.md")).expect("link");
    std::os::unix::fs::symlink(outside.path(), site.path().join("themes/default/static/outside")).expect("link");
    let output = build_ok(site.path(), &[]);
    let err = stderr(&output);
    assert!(err.contains("warning: symbolic link skipped"), "{err}");
    assert!(err.contains("--> content/briefings/secret.md"), "{err}");
    for (path, bytes) in snapshot(&site.path().join("output")) {
        assert!(!String::from_utf8_lossy(&bytes).contains("机密内容"), "{path}");
        assert!(!path.contains("outside"), "{path}");
    }
}

#[test]
fn a_rebuild_rewrites_only_what_changed() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let out = site.path().join("output");
    let untouched = out.join("briefings/2013-05-10-no1/index.html");
    let before = fs::metadata(&untouched).expect("meta").modified().expect("mtime");
    std::thread::sleep(std::time::Duration::from_millis(30));
    let speech = site.path().join("content/briefings/2013-07-20-speech.md");
    let text = fs::read_to_string(&speech).expect("read");
    fs::write(&speech, text.replace("同志们：", "同志们，大家好：")).expect("edit");
    build_ok(site.path(), &[]);
    assert!(read(site.path(), "output/briefings/h1-review/index.html").contains("同志们，大家好："));
    assert_eq!(
        fs::metadata(&untouched).expect("meta").modified().expect("mtime"),
        before,
        "an unchanged page is not rewritten"
    );
    assert!(!site.path().join(".output.briefing-new").exists(), "no staging left behind");
    let manifest = read(site.path(), "output/.briefing-manifest");
    let mut lines = manifest.lines();
    assert_eq!(lines.next(), Some("# edition: public"), "the manifest names the edition");
    assert!(lines.all(|l| l.contains('\t')), "manifest lines carry hashes");
}
