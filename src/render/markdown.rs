//! Markdown to HTML with pulldown-cmark: GFM tables, footnotes,
//! strikethrough and task lists; heading ids usable as anchors (Chinese
//! included) and a table of contents; site links (`/…`) rewritten for the
//! build's link style and collected for checking.

use std::collections::BTreeSet;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use serde::Serialize;

use crate::render::html_depth::HtmlDepth;
use crate::render::urls::Links;

/// A heading of the document, for the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A link or image source inside the site, with the body line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteLink {
    pub target: String,
    /// 0-based line within the Markdown body.
    pub body_line: usize,
    pub column: usize,
}

/// A heading being collected: level, explicit id, classes, attributes and
/// the events inside it.
type OpenHeading<'a> = (
    HeadingLevel,
    Option<String>,
    Vec<CowStr<'a>>,
    Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    Vec<Event<'a>>,
);

/// The result of rendering one Markdown body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    pub site_links: Vec<SiteLink>,
    /// Every anchor id the document defines (headings, footnotes).
    pub anchors: BTreeSet<String>,
    /// Whether the HTML needs sanitising: the Markdown held raw HTML or a
    /// link with a scheme other than http(s), mailto or tel. Otherwise
    /// pulldown-cmark's own escaping already makes it safe.
    pub needs_sanitizing: bool,
    /// Where raw HTML first nests too deeply to be sanitised in reasonable
    /// time (0-based body line, 1-based column), if it does.
    pub html_too_deep: Option<(usize, usize)>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Turns heading text into an anchor id: letters of any script and digits
/// are kept (lowercased), spaces and dashes become `-`, punctuation goes.
pub fn anchor_id(text: &str) -> String {
    let mut id = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() {
            id.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_' || c == '.') && !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-').to_string();
    if id.is_empty() { "section".to_string() } else { id }
}

fn unique(id: String, used: &mut BTreeSet<String>) -> String {
    if used.insert(id.clone()) {
        return id;
    }
    let mut n = 1;
    loop {
        let candidate = format!("{id}-{n}");
        if used.insert(candidate.clone()) {
            return candidate;
        }
        n += 1;
    }
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// A URL with a scheme other than http(s), mailto or tel (`javascript:`,
/// `data:`, …). Scheme-less URLs are relative and safe.
fn has_unsafe_scheme(url: &str) -> bool {
    let Some(colon) = url.find(':') else { return false };
    let scheme = &url[..colon];
    let is_scheme = !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !is_scheme || url[..colon].contains('/') {
        return false;
    }
    !["http", "https", "mailto", "tel"].contains(&scheme.to_ascii_lowercase().as_str())
}

/// Line starts of `text`, for turning byte offsets into lines and columns.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// 0-based line and 1-based column (in characters) of byte `offset`.
    fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let start = self.starts[line];
        let column = text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }
}

/// Renders `markdown`, written on the page at site path `page`.
pub fn render(markdown: &str, page: &str, links: &Links) -> Rendered {
    let index = LineIndex::new(markdown);
    let mut rendered = Rendered::default();
    let mut used = BTreeSet::new();
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut heading: Option<OpenHeading<'_>> = None;

    let mut html_depth = HtmlDepth::default();
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        match &event {
            Event::Html(html) | Event::InlineHtml(html) => {
                rendered.needs_sanitizing = true;
                if rendered.html_too_deep.is_none()
                    && let Some(offset) = html_depth.feed(html)
                {
                    rendered.html_too_deep = Some(index.position(markdown, (range.start + offset).min(range.end)));
                }
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) if has_unsafe_scheme(dest_url) => {
                rendered.needs_sanitizing = true
            }
            _ => {}
        }
        let event = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = rewrite(&dest_url, page, links, &index, markdown, range.start, &mut rendered);
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = rewrite(&dest_url, page, links, &index, markdown, range.start, &mut rendered);
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                rendered.anchors.insert(name.to_string());
                Event::Start(Tag::FootnoteDefinition(name))
            }
            other => other,
        };
        match event {
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                heading = Some((level, id.map(|s| s.to_string()), classes, attrs, Vec::new()));
            }
            Event::End(TagEnd::Heading(end_level)) => {
                if let Some((level, explicit, classes, attrs, inner)) = heading.take() {
                    let text: String = inner
                        .iter()
                        .filter_map(|e| match e {
                            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                            _ => None,
                        })
                        .collect();
                    let id = unique(explicit.unwrap_or_else(|| anchor_id(&text)), &mut used);
                    rendered.anchors.insert(id.clone());
                    rendered.headings.push(Heading {
                        level: level_number(level),
                        id: id.clone(),
                        text: text.trim().to_string(),
                    });
                    events.push(Event::Start(Tag::Heading {
                        level,
                        id: Some(CowStr::from(id)),
                        classes,
                        attrs,
                    }));
                    events.extend(inner);
                }
                events.push(Event::End(TagEnd::Heading(end_level)));
            }
            other => match heading.as_mut() {
                Some((_, _, _, _, inner)) => inner.push(other),
                None => events.push(other),
            },
        }
    }
    html::push_html(&mut rendered.html, events.into_iter());
    rendered
}

fn rewrite<'a>(
    dest: &CowStr<'a>,
    page: &str,
    links: &Links,
    index: &LineIndex,
    markdown: &str,
    offset: usize,
    rendered: &mut Rendered,
) -> CowStr<'a> {
    let is_site = dest.starts_with('/') && !dest.starts_with("//");
    let is_relative_page = !dest.is_empty() && !dest.contains(':') && !dest.starts_with("//");
    if is_site || is_relative_page {
        let (body_line, column) = index.position(markdown, offset);
        rendered.site_links.push(SiteLink {
            target: dest.to_string(),
            body_line,
            column,
        });
    }
    if is_site {
        CowStr::from(links.href(page, dest))
    } else {
        dest.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links() -> Links {
        Links {
            base_path: "/bangfu/".to_string(),
            origin: String::new(),
            relative: false,
        }
    }

    #[test]
    fn chinese_headings_get_anchor_ids() {
        let out = render("## 一、总体情况\n\n## 一、总体情况\n\n### Key Projects 2013\n", "/", &links());
        assert!(out.html.contains(r#"<h2 id="一总体情况">"#), "{}", out.html);
        assert!(out.html.contains(r#"<h2 id="一总体情况-1">"#));
        assert!(out.html.contains(r#"<h3 id="key-projects-2013">"#));
        assert_eq!(out.headings.len(), 3);
        assert_eq!(out.headings[0].text, "一、总体情况");
    }

    #[test]
    fn explicit_heading_ids_win() {
        let out = render("## 项目建设 {#projects}\n", "/", &links());
        assert!(out.html.contains(r#"<h2 id="projects">项目建设</h2>"#), "{}", out.html);
    }

    #[test]
    fn gfm_extensions_are_on() {
        let md = "| 产业 | 产值 |\n| --- | ---: |\n| 食品 | 20.5 |\n\n~~旧~~\n\n- [x] 已完成\n- [ ] 未完成\n\n脚注[^1]\n\n[^1]: 说明。\n";
        let out = render(md, "/", &links());
        assert!(out.html.contains("<table>"));
        assert!(out.html.contains("<del>旧</del>"));
        assert!(out.html.contains(r#"type="checkbox""#));
        assert!(out.html.contains("footnote-definition"));
    }

    #[test]
    fn knows_when_sanitising_is_needed() {
        assert!(!render("正文[链接](/x/)和[外链](https://a.cn/)。", "/", &links()).needs_sanitizing);
        assert!(render("正文<b>粗</b>", "/", &links()).needs_sanitizing);
        assert!(render("<div>x</div>\n", "/", &links()).needs_sanitizing);
        assert!(render("[点](javascript:alert(1))", "/", &links()).needs_sanitizing);
        assert!(render("[点](JavaScript:alert(1))", "/", &links()).needs_sanitizing);
        assert!(render("![图](data:image/png;base64,AAAA)", "/", &links()).needs_sanitizing);
        assert!(!render("[信](mailto:a@b.cn)", "/", &links()).needs_sanitizing);
    }

    #[test]
    fn site_links_are_rewritten_and_collected() {
        let out = render(
            "看[项目](/projects/x/)和[外链](https://a.cn/)。\n\n![图](/static/a.png)\n",
            "/briefings/b/",
            &links(),
        );
        assert!(out.html.contains(r#"href="/bangfu/projects/x/""#), "{}", out.html);
        assert!(out.html.contains(r#"href="https://a.cn/""#));
        assert!(out.html.contains(r#"src="/bangfu/static/a.png""#));
        assert_eq!(out.site_links.len(), 2);
        assert_eq!(out.site_links[1].body_line, 2);
        assert_eq!(out.site_links[0].column, 2);
    }
}
