//! How a briefing's Markdown is read (issue 13, DESIGN.md "How Markdown is
//! read"), each case as a clerk would meet it in a real site: built, and
//! the published page or the diagnostic checked.

mod common;

use std::fs;
use std::path::Path;

use common::*;

const FILE: &str = "content/briefings/2013-07-25-text.md";
const PAGE: &str = "output/briefings/2013-07-25-text/index.html";

/// A briefing dated 2013-07-25 with `body` (its first line is file line 6).
fn briefing_with(site: &Path, front: &str, body: &str) {
    let text = format!("---\ntitle: 文字处理\ndate: 2013-07-25\n{front}---\n{body}");
    fs::write(site.join(FILE), text).expect("write briefing");
}

/// Builds a copy of the basic site with the briefing; the page and stderr.
fn build_with(front: &str, body: &str) -> (String, String) {
    let site = fixture("basic");
    briefing_with(site.path(), front, body);
    let output = build_ok(site.path(), &[]);
    (read(site.path(), PAGE), stderr(&output))
}

/// The article of a page: the rendered body, without the template around.
fn article(page: &str) -> &str {
    let start = page.find("<div class=\"prose\"").or_else(|| page.find("<article")).unwrap_or(0);
    let end = page.rfind("</article>").map_or(page.len(), |end| end + "</article>".len());
    &page[start..end.max(start)]
}

// 1. CJK emphasis.

#[test]
fn cjk_bold_and_asterisks_left_as_text() {
    let (page, err) = build_with("", "\n**组织推动更加有力。**县里调整了领导小组。\n\n增幅 ** 较大。\n");
    assert!(
        page.contains("<strong>组织推动更加有力。</strong>县里调整了领导小组。"),
        "{}",
        article(&page)
    );
    assert!(err.contains(&format!("--> {FILE}:8:4")), "{err}");
    assert!(err.contains("`**` is shown as text"), "{err}");
    // `check` says the same.
    let site = fixture("basic");
    briefing_with(site.path(), "", "\n增幅 ** 较大。\n");
    let output = briefing(site.path(), &["check"]);
    assert!(output.status.success());
    assert!(stderr(&output).contains(&format!("--> {FILE}:6:4")), "{}", stderr(&output));
}

// 2. Shortcodes are part of the Markdown.

#[test]
fn shortcodes_in_code_and_comments_are_text() {
    let body = "\n- 写法示例：\n\n  ```\n  {{ metric(name=\"no.such\") }}\n  ```\n\n> ```\n> {{ metric(name=\"no.such\") }}\n> ```\n\n    {{ metric(name=\"no.such\") }}\n\n`{{ metric(\nname=\"no.such\") }}`\n\n<!-- {{ metric(name=\"no.such\") }} -->\n\n``` aa ```\n\n销号率{{ metric(name=\"problems.close_rate\") }}，写作\\{{ metric(name=\"problems.close_rate\") }}。\n";
    let (page, _) = build_with("as_of: 2013-06\n", body);
    let text = article(&page);
    assert_eq!(text.matches("{{ metric(name=\"no.such\") }}").count(), 3, "{text}");
    assert!(text.contains("<code>{{ metric( name=\"no.such\") }}</code>"), "{text}");
    assert!(
        text.contains("销号率<span class=\"metric\" title=\"problems.close_rate\">60.0%</span>"),
        "{text}"
    );
    assert!(text.contains("写作{{ metric(name=\"problems.close_rate\") }}。"), "{text}");
}

#[test]
fn a_metric_is_inline_text_wherever_it_stands() {
    let body = "\n## 销号率{{ metric(name=\"problems.close_rate\") }}\n\n## 其他\n\n## 附件\n\n销号率\n{{ metric(name=\"problems.close_rate\") }}\n，较上期提高。\n\n- 已登记{{ metric(name=\"problems.raised\") }}个\n\n| 指标 | 数值 |\n| --- | --- |\n| 登记 | {{ metric(name=\"problems.raised\") }} |\n\n[查询](</search/?q={{ metric(name=\"problems.raised\") }}> '共{{ metric(name=\"problems.raised\") }}个')，![图{{ metric(name=\"problems.raised\") }}](/static/style.css)，见[台账][表{{ metric(name=\"problems.raised\") }}]。\n\n[表{{ metric(name=\"problems.raised\") }}]: /problems/\n";
    let (page, err) = build_with("as_of: 2013-06\n", body);
    let text = article(&page);
    assert!(
        text.contains("<h2 id=\"销号率60-0\">销号率<span class=\"metric\" title=\"problems.close_rate\">60.0%</span></h2>"),
        "{text}"
    );
    assert!(!page.contains('\u{E000}') && !page.contains('\u{E001}'), "placeholders leaked");
    assert!(
        page.contains("<a href=\"#销号率60-0\">销号率60.0%</a>"),
        "table of contents: {page}"
    );
    assert!(text.contains("<p>销号率\n<span class=\"metric\""), "{text}");
    assert!(
        text.contains("<li>已登记<span class=\"metric\" title=\"problems.raised\">5</span>个</li>"),
        "{text}"
    );
    assert!(
        text.contains("<td><span class=\"metric\" title=\"problems.raised\">5</span></td>"),
        "{text}"
    );
    assert!(text.contains("/search/?q=5\" title=\"共5个\""), "{text}");
    assert!(text.contains("alt=\"图5\""), "{text}");
    assert!(text.contains("/problems/\">台账</a>"), "{text}");
    assert!(!err.contains(FILE), "{err}");
}

#[test]
fn a_metric_in_a_plain_link_destination_is_its_text() {
    // A call holds spaces, which end a destination not written in `<…>`.
    let body = "\n[台账](/problems/?n={{ metric(name=\"problems.raised\") }})，![图](/static/style.css?v={{ metric(name=\"problems.raised\") }}&w={{ metric(name=\"problems.closed\") }} '共{{ metric(name=\"problems.raised\") }}个')，[表][表]。\n\n`[写法](/x/?n={{ metric(name=\"no.such\") }})`\n\n[表]: /problems/?k={{ metric(name=\"problems.closed\") }}\n";
    let (page, err) = build_with("as_of: 2013-06\n", body);
    let text = article(&page);
    assert!(text.contains("<a href=\"/bangfu/problems/?n=5\">台账</a>"), "{text}");
    assert!(
        text.contains("<img src=\"/bangfu/static/style.css?v=5&amp;w=3\" alt=\"图\" title=\"共5个\" />"),
        "{text}"
    );
    assert!(text.contains("<a href=\"/bangfu/problems/?k=3\">表</a>"), "{text}");
    assert!(
        text.contains("<code>[写法](/x/?n={{ metric(name=\"no.such\") }})</code>"),
        "code keeps the call as written: {text}"
    );
    assert!(!text.contains('\u{7f}'), "{text}");
    assert!(!err.contains(FILE), "{err}");
}

#[test]
fn blocks_stand_alone_and_full_width_shortcodes_are_explained() {
    fails_after(
        |site| briefing_with(site, "", "\n如图{{ chart(id=\"output-growth\") }}所示。\n"),
        &format!("{FILE}:6:3"),
        "`chart` must stand alone in its paragraph",
    );
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    briefing_with(site.path(), "", "\n第一段。\n\n销号率{{ metric（name=“problems.close_rate”）}}。\n");
    let output = briefing(site.path(), &["build"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("--> {FILE}:8:4")), "{err}");
    assert!(err.contains("full-width punctuation"), "{err}");
    assert!(
        err.contains("{{ metric(name=\"problems.close_rate\")}}"),
        "the hint gives it typed half-width: {err}"
    );
}

#[test]
fn titles_and_summaries_show_their_figures() {
    let site = fixture("basic");
    briefing_with(
        site.path(),
        "as_of: 2013-06\nsummary: 销号率达到{{ metric(name=\"problems.close_rate\") }}。\n",
        "\n正文。\n",
    );
    let path = site.path().join(FILE);
    let text = fs::read_to_string(&path).expect("read");
    fs::write(
        &path,
        text.replace("title: 文字处理", "title: 销号率{{ metric(name=\"problems.close_rate\") }}"),
    )
    .expect("write");
    build_ok(site.path(), &[]);
    let home = read(site.path(), "output/index.html");
    let feed = read(site.path(), "output/feed.xml");
    let page = read(site.path(), PAGE);
    for (what, text) in [("home", &home), ("feed", &feed), ("page", &page)] {
        assert!(!text.contains("{{ metric"), "{what} shows the shortcode");
        assert!(text.contains("销号率60.0%"), "{what} shows the figure");
    }
    assert!(feed.contains("销号率达到60.0%。"), "{feed}");
    // An unknown metric in a title is an error at its line.
    fails_after(
        |site| {
            briefing_with(site, "", "\n正文。\n");
            let path = site.join(FILE);
            let text = fs::read_to_string(&path).expect("read");
            fs::write(
                &path,
                text.replace("title: 文字处理", "title: 率{{ metric(name=\"problems.close_rat\") }}"),
            )
            .expect("write");
        },
        &format!("{FILE}:2:"),
        "did you mean `problems.close_rate`",
    );
}

// 3. Raw HTML, sanitised one fragment at a time.

#[test]
fn raw_html_never_swallows_the_page() {
    let body = "\n提示：不要粘贴 <script> 标签。\n\n## 二、其他\n\n<textarea>\n\n## 三、后文\n\n后文**仍在**。\n";
    let (page, err) = build_with("", body);
    let text = article(&page);
    assert!(text.contains("提示：不要粘贴  标签。"), "{text}");
    assert!(text.contains("<h2 id=\"二其他\">二、其他</h2>"), "{text}");
    assert!(text.contains("<h2 id=\"三后文\">三、后文</h2>"), "{text}");
    assert!(text.contains("后文<strong>仍在</strong>。"), "{text}");
    assert!(!text.contains("<script") && !text.contains("<textarea"), "{text}");
    assert!(err.contains(&format!("--> {FILE}:6:9")), "{err}");
    assert!(err.contains(&format!("--> {FILE}:10:1")), "{err}");
    assert!(err.contains("raw HTML removed: `<script>`"), "{err}");
}

#[test]
fn raw_text_elements_never_show_markup_as_text() {
    let body = "\n<style\n  type=\"text/css\">\nbody{}\n\n后文一。\n\n<blockquote>\n<xmp>\n引文\n</blockquote>\n\n<div>\n<p><textarea>说明</p>\n</div>\n\n> <div>\n> <xmp>\n> </div>\n\n后文二。\n";
    let (page, err) = build_with("", body);
    let text = article(&page);
    for shown in ["type=", "&lt;/blockquote", "&lt;/div", "&lt;/p", "&lt;xmp", "&lt;textarea"] {
        assert!(!text.contains(shown), "`{shown}` shown as text: {text}");
    }
    for kept in [
        "<p>后文一。</p>",
        "<blockquote>\n\n引文\n</blockquote>",
        "<p>说明</p>",
        "<p>后文二。</p>",
    ] {
        assert!(text.contains(kept), "{kept} in {text}");
    }
    for (line, what) in [(6, "<style>"), (13, "<xmp>"), (18, "<textarea>"), (22, "<xmp>")] {
        let location = format!("--> {FILE}:{line}:");
        let at = err.find(&location).unwrap_or_else(|| panic!("no warning at {location}:\n{err}"));
        let message = err[..at].trim_end().lines().last().unwrap_or_default();
        assert!(message.contains(&format!("raw HTML removed: `{what}`")), "{message}\n{err}");
    }
}

#[test]
fn a_shortcode_in_raw_html_is_shown_as_written_with_a_warning() {
    let body = "\n<div class=\"note\">\n销号率{{ metric(name=\"problems.close_rate\") }}\n</div>\n\n<span title='{{ metric(name=\"problems.raised\") }}'>登记</span>\n\n<!-- {{ metric(name=\"problems.raised\") }} -->\n\n<div>\n\n销号率{{ metric(name=\"problems.close_rate\") }}\n\n</div>\n";
    let (page, err) = build_with("as_of: 2013-06\n", body);
    let text = article(&page);
    assert!(text.contains("销号率{{ metric(name=\"problems.close_rate\") }}\n</div>"), "{text}");
    assert!(
        text.contains("<p>销号率<span class=\"metric\""),
        "Markdown inside the block: {text}"
    );
    for location in [format!("{FILE}:8:4"), format!("{FILE}:11:14")] {
        let at = err
            .find(&format!("--> {location}"))
            .unwrap_or_else(|| panic!("no warning at {location}:\n{err}"));
        let message = err[..at].trim_end().lines().last().unwrap_or_default();
        assert!(
            message.contains("is not evaluated inside raw HTML and is shown as written"),
            "{message}\n{err}"
        );
    }
    assert_eq!(err.matches("inside raw HTML").count(), 2, "not in a comment: {err}");
}

#[test]
fn heading_attributes_allow_only_id_and_class() {
    let body = "\n## 概况 {onmouseover=alert(1) style=position:fixed;inset:0}\n\n## 取值范围 {0,1}\n\n## 说明 {#notes .wide}\n\n## 公式 {x}\n\n## 集合{}\n";
    let (page, err) = build_with("", body);
    assert!(
        !page.contains("onmouseover=\"") && !page.contains("style=\"position"),
        "{}",
        article(&page)
    );
    assert!(
        page.contains("概况 {onmouseover=alert(1) style=position:fixed;inset:0}</h2>"),
        "{}",
        article(&page)
    );
    assert!(page.contains("取值范围 {0,1}</h2>"), "{}", article(&page));
    assert!(page.contains("<h2 id=\"notes\" class=\"wide\">说明</h2>"), "{}", article(&page));
    // Braces that give no id or class are text too, never dropped.
    assert!(page.contains("公式 {x}</h2>"), "{}", article(&page));
    assert!(page.contains("集合{}</h2>"), "{}", article(&page));
    for line in [6, 8, 12, 14] {
        assert!(err.contains(&format!("--> {FILE}:{line}:1")), "line {line}: {err}");
    }
    assert!(err.contains("`{x}` is shown as text"), "{err}");
}

// 4. Ids are unique on the page.

#[test]
fn ids_are_unique_and_explicit_collisions_are_errors() {
    let body = "\n# Main\n\n## 1\n\n见注[^1]。\n\n{{ chart(id=\"output-growth\") }}\n\n{{ chart(id=\"output-growth\") }}\n\n跳到[第一节](#1)和[注](#fn-1)。\n\n[^1]: 注释。\n";
    let (page, _) = build_with("as_of: 2013-06\n", body);
    let all: Vec<String> = page
        .match_indices(" id=\"")
        .map(|(at, _)| page[at + 5..].split('"').next().unwrap_or_default().to_string())
        .collect();
    let ids: std::collections::BTreeSet<&str> = all.iter().map(String::as_str).collect();
    assert_eq!(all.len(), ids.len(), "a repeated id on the page: {all:?}");
    assert!(ids.contains("main") && ids.contains("main-1"), "{ids:?}");
    assert!(ids.contains("1") && ids.contains("fn-1"), "{ids:?}");
    fails_after(
        |site| briefing_with(site, "", "\n## 概况 {#概况}\n\n## 概况二 {#概况}\n"),
        &format!("{FILE}:8:1"),
        "the id `概况` is already used on this page",
    );
    fails_after(
        |site| briefing_with(site, "", "\n## 正文 {#main}\n"),
        &format!("{FILE}:6:1"),
        "the id `main` is already used on this page",
    );
}

// 5. E-mail autolinks are not site links.

#[test]
fn email_autolinks_build() {
    let (page, _) = build_with("", "\n联系<bangfu@example.gov.cn>。\n");
    assert!(page.contains("href=\"mailto:bangfu@example.gov.cn\""), "{}", article(&page));
}

// 6. Every link a page carries is a site link when it leads into the site
// (issue 27): raw HTML `href` and `src`, and absolute URLs on `base_url`'s
// host, checked and rewritten like Markdown links.

#[test]
fn raw_html_and_absolute_links_are_checked_and_rewritten() {
    let body = "\n<p><a href=\"/projects/\">项目</a> <img src=\"/static/style.css\" alt=\"样式\"></p>\n\n见[问题](HTTPS://Example.gov.cn:443/bangfu/problems/)与<a href=\"https://example.gov.cn/bangfu/problems/?a=1&amp;b=2\">台账</a>，<https://example.gov.cn/bangfu/>。外站<a href=\"https://example.gov.cn/other/\">其他</a>。\n";
    let (page, _) = build_with("", body);
    let text = article(&page);
    for expected in [
        "<a href=\"/bangfu/projects/\">项目</a>",
        "<img src=\"/bangfu/static/style.css\" alt=\"样式\">",
        "<a href=\"/bangfu/problems/\">问题</a>",
        "<a href=\"/bangfu/problems/?a=1&amp;b=2\">台账</a>",
        "<a href=\"/bangfu/\">https://example.gov.cn/bangfu/</a>",
        "<a href=\"https://example.gov.cn/other/\">其他</a>",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    // Relative links for a copy that works from any folder.
    let site = fixture("basic");
    briefing_with(site.path(), "", body);
    build_ok(site.path(), &["--relative"]);
    let text = read(site.path(), PAGE);
    for expected in [
        "<a href=\"../../projects/index.html\">项目</a>",
        "<img src=\"../../static/style.css\" alt=\"样式\">",
        "<a href=\"../../problems/index.html\">问题</a>",
        "<a href=\"../../index.html\">https://example.gov.cn/bangfu/</a>",
    ] {
        assert!(text.contains(expected), "{expected} in {}", article(&text));
    }
    // A broken one is an error at its line and column, whatever its form.
    fails_after(
        |site| briefing_with(site, "", "\n<div>\n说明\n<img src=\"/static/nothere.png\">\n</div>\n"),
        &format!("{FILE}:8:11"),
        "link to `/static/nothere.png`, which is not a page of the site",
    );
    fails_after(
        |site| {
            briefing_with(
                site,
                "",
                "\n见<a href=\"https://example.gov.cn/bangfu/problems/#nope\">台账</a>。\n",
            )
        },
        &format!("{FILE}:6:11"),
        "anchor `#nope` does not exist on `/problems/`",
    );
    fails_after(
        |site| briefing_with(site, "", "\n见[台账](https://example.gov.cn/bangfu/problem/)。\n"),
        &format!("{FILE}:6:2"),
        "link to `https://example.gov.cn/bangfu/problem/`, which is not a page of the site",
    );
}
