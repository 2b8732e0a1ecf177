//! Unit tests of the Markdown pipeline, stage by stage and whole.

use super::*;
use crate::load::shortcodes::Arg;

/// Shortcodes for the tests: `metric` gives 42, `chart` a figure.
struct Stub;

impl Expander for Stub {
    fn is_block(&self, name: &str) -> bool {
        name == "chart"
    }

    fn expand(&self, call: &Call, index: usize, _: usize) -> Result<Expansion, (String, Option<String>)> {
        match (call.name.as_str(), call.arg("name").or(call.arg("id"))) {
            ("metric", Some(Arg::Str(name))) if name != "bad" => Ok(Expansion {
                html: "<span class=\"metric\">42</span>".into(),
                text: "42".into(),
            }),
            ("chart", Some(Arg::Str(id))) => Ok(Expansion {
                html: format!("<figure id=\"chart-{id}-{index}\">图</figure>"),
                text: String::new(),
            }),
            _ => Err(("unknown metric `bad`".into(), Some("did you mean?".into()))),
        }
    }
}

fn links() -> Links {
    Links {
        base_path: "/bangfu/".to_string(),
        origin: String::new(),
        relative: false,
    }
}

fn render_on(markdown: &str, page: &str, unsafe_html: bool) -> Rendered {
    let reserved: BTreeSet<String> = ["main".to_string()].into();
    let sanitizer = Sanitizer::new(unsafe_html);
    let links = links();
    let context = Context {
        page,
        links: &links,
        sanitizer: &sanitizer,
        expander: &Stub,
        reserved_ids: &reserved,
    };
    super::render(markdown, &context)
}

fn md(markdown: &str) -> Rendered {
    render_on(markdown, "/", false)
}

fn messages(rendered: &Rendered) -> Vec<String> {
    rendered
        .problems
        .iter()
        .map(|p| {
            format!(
                "{}:{}:{} {}",
                if p.error { "error" } else { "warning" },
                p.line,
                p.column,
                p.message
            )
        })
        .collect()
}

#[test]
fn chinese_headings_get_anchor_ids() {
    let out = md("## 一、总体情况\n\n## 一、总体情况\n\n### Key Projects 2013\n");
    assert!(out.html.contains(r#"<h2 id="一总体情况">"#), "{}", out.html);
    assert!(out.html.contains(r#"<h2 id="一总体情况-1">"#));
    assert!(out.html.contains(r#"<h3 id="key-projects-2013">"#));
    assert_eq!(out.headings.len(), 3);
    assert_eq!(out.headings[0].text, "一、总体情况");
}

#[test]
fn explicit_heading_ids_win_and_collisions_are_errors() {
    let out = md("## 项目建设 {#projects}\n");
    assert!(out.html.contains(r#"<h2 id="projects">项目建设</h2>"#), "{}", out.html);
    // The same explicit id twice: an error, not a silent `概况-1`.
    let out = md("## 概况 {#概况}\n\n## 其他 {#概况}\n");
    assert_eq!(messages(&out), ["error:2:1 the id `概况` is already used on this page"]);
    // An explicit id is kept even when a derived one came first.
    let out = md("## 概况\n\n## 说明 {#概况}\n");
    assert!(!out.problems.iter().any(|p| p.error), "{:?}", out.problems);
    assert!(out.html.contains(r#"<h2 id="概况-1">概况</h2>"#), "{}", out.html);
    assert!(out.html.contains(r#"<h2 id="概况">说明</h2>"#), "{}", out.html);
}

#[test]
fn ids_of_the_template_footnotes_and_figures_are_not_taken() {
    // `main` is the template's; `[^1]` is `fn-1`, not `1`.
    let out = md("# Main\n\n## 1\n\n见注[^1]。\n\n[^1]: 说明。\n");
    assert!(out.html.contains(r#"<h1 id="main-1">"#), "{}", out.html);
    assert!(out.html.contains(r#"<h2 id="1">"#), "{}", out.html);
    assert!(
        out.html.contains(r#"id="fn-1""#) && out.html.contains(r##"href="#fn-1""##),
        "{}",
        out.html
    );
    let out = md("## Main {#main}\n");
    assert_eq!(messages(&out), ["error:0:1 the id `main` is already used on this page"]);
    let out = md("{{ chart(id=\"a\") }}\n\n{{ chart(id=\"a\") }}\n\n## chart-a-0\n");
    assert!(out.html.contains(r#"<h2 id="chart-a-0-1">"#), "{}", out.html);
}

#[test]
fn heading_attributes_allow_id_and_class_only() {
    let out = md("## 概况 {onmouseover=alert(1) style=position:fixed;inset:0}\n");
    assert!(!out.html.contains("onmouseover=\""), "{}", out.html);
    assert!(
        out.html.contains("概况 {onmouseover=alert(1) style=position:fixed;inset:0}</h2>"),
        "{}",
        out.html
    );
    assert_eq!(out.problems.len(), 1);
    assert!(!out.problems[0].error && out.problems[0].message.contains("only `{#id .class}`"));
    let out = md("## 取值范围 {0,1}\n");
    assert!(out.html.contains("取值范围 {0,1}</h2>"), "{}", out.html);
    let out = md("## 取值 {#range .wide}\n");
    assert!(out.html.contains(r#"<h2 id="range" class="wide">取值</h2>"#), "{}", out.html);
}

#[test]
fn gfm_extensions_are_on() {
    let text = "| 产业 | 产值 |\n| --- | ---: |\n| 食品 | 20.5 |\n\n~~旧~~\n\n- [x] 已完成\n- [ ] 未完成\n\n脚注[^1]\n\n[^1]: 说明。\n";
    let out = md(text);
    assert!(out.html.contains("<table>"));
    assert!(out.html.contains("<del>旧</del>"));
    assert!(out.html.contains(r#"type="checkbox""#));
    assert!(out.html.contains("footnote-definition"));
}

#[test]
fn site_links_are_rewritten_and_collected() {
    let out = render_on(
        "看[项目](/projects/x/)和[外链](https://a.cn/)。\n\n![图](/static/a.png)\n\n写信<bangfu@example.gov.cn>。\n",
        "/briefings/b/",
        false,
    );
    assert!(out.html.contains(r#"href="/bangfu/projects/x/""#), "{}", out.html);
    assert!(out.html.contains(r#"href="https://a.cn/""#));
    assert!(out.html.contains(r#"src="/bangfu/static/a.png""#));
    assert!(out.html.contains(r#"href="mailto:bangfu@example.gov.cn""#), "{}", out.html);
    assert_eq!(out.site_links.len(), 2, "{:?}", out.site_links);
    assert_eq!(out.site_links[1].body_line, 2);
    assert_eq!(out.site_links[0].column, 2);
}

#[test]
fn links_in_raw_html_and_absolute_urls_are_site_links() {
    let reserved = BTreeSet::new();
    let sanitizer = Sanitizer::new(false);
    let links = Links {
        base_path: "/bangfu/".to_string(),
        origin: "http://10.1.1.20".to_string(),
        relative: false,
    };
    let context = Context {
        page: "/briefings/b/",
        links: &links,
        sanitizer: &sanitizer,
        expander: &Stub,
        reserved_ids: &reserved,
    };
    let text = "> <div>\n> 见<a href=\"/projects/x/\" onclick=\"y()\">项目</a>\n> </div>\n\n行内<img src='a.png'>和<http://10.1.1.20/bangfu/units/>、[外站](http://10.1.1.20/other/)。\n";
    let out = super::render(text, &context);
    assert!(out.html.contains(r#"<a href="/bangfu/projects/x/">项目</a>"#), "{}", out.html);
    assert!(out.html.contains(r#"<img src="a.png">"#), "{}", out.html);
    assert!(
        out.html.contains(r#"<a href="/bangfu/units/">http://10.1.1.20/bangfu/units/</a>"#),
        "{}",
        out.html
    );
    assert!(out.html.contains(r#"<a href="http://10.1.1.20/other/">"#), "{}", out.html);
    let found: Vec<(&str, Option<&str>, usize, usize)> = out
        .site_links
        .iter()
        .map(|l| (l.target.as_str(), l.path.as_deref(), l.body_line, l.column))
        .collect();
    assert_eq!(
        found,
        [
            ("/projects/x/", None, 1, 13),
            ("a.png", None, 4, 13),
            ("http://10.1.1.20/bangfu/units/", Some("/units/"), 4, 21)
        ]
    );
}

#[test]
fn links_of_raw_html_are_site_links_with_unsafe_html_too() {
    let out = render_on("<div><a\nhref=\"/projects/x/\">项目</a>\n</div>\n", "/", true);
    assert!(out.html.contains("<a\nhref=\"/bangfu/projects/x/\">"), "{}", out.html);
    let found: Vec<(&str, usize)> = out.site_links.iter().map(|l| (l.target.as_str(), l.body_line)).collect();
    assert_eq!(found, [("/projects/x/", 1)]);
}

#[test]
fn unsafe_link_schemes_are_removed_with_a_warning() {
    let out = md("[点](javascript:alert(1))和![图](data:image/png;base64,AAAA)\n");
    assert!(!out.html.contains("javascript") && !out.html.contains("data:"), "{}", out.html);
    assert!(out.html.contains("<p>点和图</p>"), "{}", out.html);
    assert_eq!(out.problems.len(), 2);
    assert!(out.problems.iter().all(|p| !p.error));
}

// The CJK-friendly amendment.

#[test]
fn cjk_emphasis_is_bold() {
    let out = md("**组织推动更加有力。**县里调整了领导小组。\n");
    assert_eq!(out.html, "<p><strong>组织推动更加有力。</strong>县里调整了领导小组。</p>\n");
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    let out = md("真**（她**\n\n税込**¥10,000**で\n\n**[链接](/x/)**也注意\n");
    assert!(out.html.contains("真<strong>（她</strong>"), "{}", out.html);
    assert!(out.html.contains("税込<strong>¥10,000</strong>で"), "{}", out.html);
    assert!(
        out.html.contains(r#"<strong><a href="/bangfu/x/">链接</a></strong>也注意"#),
        "{}",
        out.html
    );
}

#[test]
fn plain_commonmark_is_untouched() {
    for text in [
        "*a* **b** ***c*** _d_ __e__ a*b*c",
        "**a**b**c**",
        "*foo**bar**baz*",
        "\\*\\*not bold\\*\\*",
    ] {
        let mut plain = String::new();
        pulldown_cmark::html::push_html(&mut plain, Parser::new_ext(text, options()));
        assert_eq!(md(text).html, plain, "{text}");
    }
}

#[test]
fn asterisks_left_as_text_are_warned_unless_escaped() {
    let out = md("销号率 ** 提高\n\n写成 \\*\\* 即可。\n");
    assert_eq!(
        messages(&out),
        ["warning:0:5 `**` is shown as text: it does not open or close bold text here"]
    );
}

// Shortcodes.

#[test]
fn shortcodes_are_never_evaluated_in_code_or_comments() {
    let text = "- 列表\n\n  ```\n  {{ metric(name=\"bad\") }}\n  ```\n\n> ```\n> {{ metric(name=\"bad\") }}\n> ```\n\n    {{ metric(name=\"bad\") }}\n\n`{{ metric(\nname=\"bad\") }}`\n\n<!-- {{ metric(name=\"bad\") }} -->\n\n``` aa ```\n\n正文{{ metric(name=\"x\") }}\n";
    let out = md(text);
    assert!(!out.problems.iter().any(|p| p.error), "{:?}", out.problems);
    assert_eq!(out.html.matches("{{ metric(name=\"bad\") }}").count(), 3, "{}", out.html);
    assert!(out.html.contains("<code>{{ metric( name=\"bad\") }}</code>"), "{}", out.html);
    assert!(out.html.contains("正文<span class=\"metric\">42</span>"), "{}", out.html);
}

#[test]
fn a_backslash_writes_the_braces() {
    let out = md("写法：\\{{ metric(name=\"x\") }}\n");
    assert_eq!(out.html, "<p>写法：{{ metric(name=\"x\") }}</p>\n");
}

#[test]
fn a_metric_is_inline_wherever_it_stands() {
    let out =
        md("销号率\n{{ metric(name=\"x\") }}\n，较上期提高。\n\n- 项目{{ metric(name=\"x\") }}个\n\n标题{{ metric(name=\"x\") }}\n====\n");
    assert!(
        out.html.contains("<p>销号率\n<span class=\"metric\">42</span>\n，较上期提高。</p>"),
        "{}",
        out.html
    );
    assert!(out.html.contains("<li>项目<span class=\"metric\">42</span>个</li>"), "{}", out.html);
    assert!(
        out.html.contains("<h1 id=\"标题42\">标题<span class=\"metric\">42</span></h1>"),
        "{}",
        out.html
    );
    assert_eq!(out.headings[0].text, "标题42");
}

#[test]
fn a_metric_in_a_destination_title_or_alt_is_plain_text() {
    let text = "[查询](</search/?q={{ metric(name=\"x\") }}> '共{{ metric(name=\"x\") }}个')\n\n![图{{ metric(name=\"x\") }}](/a.png)\n\n[参考][ref{{ metric(name=\"x\") }}]\n\n[ref{{ metric(name=\"x\") }}]: /problems/\n";
    let out = md(text);
    assert!(!out.problems.iter().any(|p| p.error), "{:?}", out.problems);
    assert!(out.html.contains(r#"href="/bangfu/search/?q=42""#), "{}", out.html);
    assert!(out.html.contains(r#"title="共42个""#), "{}", out.html);
    assert!(out.html.contains(r#"alt="图42""#), "{}", out.html);
    assert!(out.html.contains(r#"<a href="/bangfu/problems/">参考</a>"#), "{}", out.html);
}

#[test]
fn block_shortcodes_must_stand_alone() {
    let out = md("{{ chart(id=\"a\") }}\n");
    assert_eq!(out.html, "<figure id=\"chart-a-0\">图</figure>\n");
    let out = md("见图{{ chart(id=\"a\") }}。\n");
    assert_eq!(messages(&out), ["error:0:3 `chart` must stand alone in its paragraph"]);
}

#[test]
fn full_width_shortcodes_and_unknown_metrics_are_errors_at_their_place() {
    let out = md("第一行\n销号率{{ metric（name=“problems.close_rate”）}}。\n");
    assert_eq!(out.problems.len(), 1);
    assert_eq!((out.problems[0].line, out.problems[0].column), (1, 4));
    assert!(
        out.problems[0].hint.contains("{{ metric(name=\"problems.close_rate\")}}"),
        "{}",
        out.problems[0].hint
    );
    let out = md("a{{ metric(name=\"bad\") }}\n");
    assert_eq!(messages(&out), ["error:0:2 unknown metric `bad`"]);
}

// Raw HTML, fragment by fragment.

#[test]
fn an_unclosed_script_or_textarea_does_not_swallow_the_page() {
    let out = md("提示：不要粘贴 <script> 标签。\n\n下一段。\n");
    assert!(out.html.contains("<p>提示：不要粘贴  标签。</p>"), "{}", out.html);
    assert!(out.html.contains("下一段。"), "{}", out.html);
    assert_eq!(out.problems.len(), 1, "{:?}", out.problems);
    let out = md("<textarea>\n\n## 二、进展\n\n正文**重点**。\n");
    assert!(out.html.contains(r#"<h2 id="二进展">二、进展</h2>"#), "{}", out.html);
    assert!(out.html.contains("<strong>重点</strong>"), "{}", out.html);
    assert!(!out.html.contains("textarea"), "{}", out.html);
}

#[test]
fn inline_html_is_cleaned_and_balanced() {
    let out = md("正文<b onclick=\"x()\">粗体\n\n下一段<i>斜</i>。\n");
    assert!(out.html.contains("<p>正文<b>粗体</b></p>"), "{}", out.html);
    assert!(out.html.contains("下一段<i>斜</i>。"), "{}", out.html);
    assert_eq!(messages(&out), ["warning:0:3 raw HTML removed: `onclick` of `<b>`"]);
    let out = render_on("<b onclick=\"x()\">粗</b>\n", "/", true);
    assert!(out.html.contains("onclick"), "unsafe_html lets it through");
}

#[test]
fn html_blocks_are_cleaned_as_one_fragment() {
    let out = md("<div class=\"note\" onclick=\"x()\">\n说明\n</div>\n\n正文\n");
    assert!(out.html.contains("<div class=\"note\">\n说明\n</div>"), "{}", out.html);
    assert_eq!(messages(&out), ["warning:0:1 raw HTML removed: `onclick` of `<div>`"]);
}

#[test]
fn the_closing_signer_and_date_are_a_signoff() {
    let signed = "整改情况将纳入年终考评。\n\n县联手帮扶办公室\n\n2013年4月28日\n";
    let html = md(signed).html;
    assert!(
        html.contains("<p>整改情况将纳入年终考评。</p>\n<p class=\"signoff\">县联手帮扶办公室</p>\n<p class=\"signoff\">2013年4月28日</p>"),
        "{html}"
    );
    // Signer and date in one paragraph keep their lines.
    let html = md("正文。\n\n县联手帮扶办公室\n2013年4月28日\n").html;
    assert!(
        html.contains("<p class=\"signoff\">县联手帮扶办公室<br />\n2013年4月28日</p>"),
        "{html}"
    );
    // A date that is not last, or a sentence above it, is not a signoff.
    for body in [
        "2013年4月28日\n\n正文。\n",
        "会议要求各单位抓好落实。\n\n2013年4月28日\n",
        "- 县联手帮扶办公室\n- 2013年4月28日\n",
    ] {
        let html = md(body).html;
        let expected = if body.starts_with("会议") { 1 } else { 0 };
        assert_eq!(html.matches("signoff").count(), expected, "{body}: {html}");
    }
}
