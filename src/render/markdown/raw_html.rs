//! Raw HTML in Markdown, made safe one fragment at a time with ammonia: an
//! HTML block on its own, and inline HTML tag by tag (kept balanced within
//! its paragraph), so an unclosed `<script>` or `<textarea>` can never
//! swallow the text after it. No scripts, event handlers or `javascript:`
//! URLs get through (unless `site.yaml` sets `unsafe_html: true`), and
//! whatever is removed is reported at its line.

use std::collections::HashSet;

use ammonia::Builder;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::Found;
use super::emphasis::{Piece, inline_scopes};

/// The sanitiser of one build.
pub struct Sanitizer {
    builder: Option<Builder<'static>>,
}

/// Elements without content and without an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
];

impl Sanitizer {
    /// A sanitiser; with `allow_unsafe` HTML passes through unchanged.
    pub fn new(allow_unsafe: bool) -> Sanitizer {
        if allow_unsafe {
            return Sanitizer { builder: None };
        }
        let mut builder = Builder::default();
        builder
            .add_tags(["input", "figure", "figcaption", "details", "summary", "mark"])
            .add_generic_attributes(["id", "class"])
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .add_tag_attributes("th", ["style"])
            .add_tag_attributes("td", ["style"])
            .add_tag_attributes("ol", ["start"])
            .link_rel(None)
            .attribute_filter(|element, attribute, value| match (element, attribute) {
                ("th" | "td", "style") => {
                    let allowed = ["text-align: left", "text-align: center", "text-align: right"];
                    allowed.contains(&value.trim()).then(|| value.into())
                }
                ("input", "type") => (value == "checkbox").then(|| value.into()),
                _ => Some(value.into()),
            });
        builder.url_schemes(HashSet::from(["http", "https", "mailto", "tel"]));
        Sanitizer { builder: Some(builder) }
    }

    /// Whether raw HTML passes unchanged (`unsafe_html: true`).
    pub(crate) fn allows_everything(&self) -> bool {
        self.builder.is_none()
    }

    /// `html` made safe.
    pub(crate) fn clean(&self, html: &str) -> String {
        match &self.builder {
            Some(builder) => builder.clean(html).to_string(),
            None => html.to_string(),
        }
    }
}

/// The elements and attributes of `html` (lowercase), as `tag` and
/// `tag@attribute`, in order; comments and raw text are skipped.
fn parts(html: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        if let Some(after) = rest.strip_prefix("!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let name_len = rest.find(|c: char| !c.is_ascii_alphanumeric() && c != '-').unwrap_or(rest.len());
        if name_len == 0 || !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let name = rest[..name_len].to_ascii_lowercase();
        let end = tag_end(rest).unwrap_or(rest.len());
        for attribute in attribute_names(&rest[name_len..end]) {
            parts.push(format!("{name}@{attribute}"));
        }
        parts.push(name);
        rest = &rest[end..];
    }
    parts
}

/// Where the tag that `text` starts (after its `<`) ends: the first `>`
/// outside quotes.
fn tag_end(text: &str) -> Option<usize> {
    let mut quote = None;
    for (index, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if q == c => quote = None,
            (None, '>') => return Some(index),
            _ => {}
        }
    }
    None
}

/// The attribute names of the inside of a start tag.
fn attribute_names(inside: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut chars = inside.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() || c == '/' {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            if c.is_whitespace() || c == '=' || c == '/' {
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        names.push(inside[start..end].to_ascii_lowercase());
        // Skip the value, quoted or not.
        while chars.peek().is_some_and(|&(_, c)| c.is_whitespace()) {
            chars.next();
        }
        if chars.peek().is_some_and(|&(_, c)| c == '=') {
            chars.next();
            while chars.peek().is_some_and(|&(_, c)| c.is_whitespace()) {
                chars.next();
            }
            match chars.peek().map(|&(_, c)| c) {
                Some(q @ ('"' | '\'')) => {
                    chars.next();
                    for (_, c) in chars.by_ref() {
                        if c == q {
                            break;
                        }
                    }
                }
                _ => {
                    while chars.peek().is_some_and(|&(_, c)| !c.is_whitespace()) {
                        chars.next();
                    }
                }
            }
        }
    }
    names
}

/// What sanitising took out of `before`, for the warning.
fn removed(before: &str, after: &str) -> Vec<String> {
    let mut kept = parts(after);
    let mut gone = Vec::new();
    for part in parts(before) {
        match kept.iter().position(|k| *k == part) {
            Some(at) => {
                kept.remove(at);
            }
            None => gone.push(match part.split_once('@') {
                Some((tag, attribute)) => format!("`{attribute}` of `<{tag}>`"),
                None => format!("`<{part}>`"),
            }),
        }
    }
    gone.dedup();
    gone
}

fn report(found: &mut Vec<Found>, offset: usize, gone: Vec<String>) {
    if gone.is_empty() {
        return;
    }
    found.push(Found::warning(
        offset,
        format!("raw HTML removed: {}", gone.join(", ")),
        "raw HTML may not run scripts, handle events or load from other schemes; write the text as Markdown",
    ));
}

/// Sanitises the raw HTML of `pieces`, fragment by fragment.
pub(crate) fn sanitize<'a>(pieces: Vec<Piece<'a>>, sanitizer: &Sanitizer, found: &mut Vec<Found>) -> Vec<Piece<'a>> {
    if sanitizer.allows_everything() || !pieces.iter().any(|(e, _)| matches!(e, Event::Html(_) | Event::InlineHtml(_))) {
        return pieces;
    }
    let blocks = clean_blocks(pieces, sanitizer, found);
    clean_inline(blocks, sanitizer, found)
}

/// Each HTML block cleaned as one fragment.
fn clean_blocks<'a>(pieces: Vec<Piece<'a>>, sanitizer: &Sanitizer, found: &mut Vec<Found>) -> Vec<Piece<'a>> {
    let mut out = Vec::with_capacity(pieces.len());
    let mut block: Option<(String, usize)> = None;
    for (event, range) in pieces {
        match (&event, &mut block) {
            (Event::Start(Tag::HtmlBlock), _) => {
                block = Some((String::new(), range.start));
                out.push((event, range));
            }
            (Event::Html(html), Some((text, _))) => text.push_str(html),
            (Event::End(TagEnd::HtmlBlock), Some(_)) => {
                if let Some((text, start)) = block.take() {
                    let clean = sanitizer.clean(&text);
                    report(found, start, removed(&text, &clean));
                    out.push((Event::Html(CowStr::from(clean)), start..range.end));
                }
                out.push((event, range));
            }
            _ => out.push((event, range)),
        }
    }
    out
}

/// One tag of inline HTML made safe: the tag itself (start or end) and its
/// name, or `None` when it goes.
fn clean_tag(tag: &str, sanitizer: &Sanitizer) -> Option<(String, String, bool)> {
    let inside = tag.strip_prefix('<')?;
    let (closing, inside) = match inside.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inside),
    };
    let name_len = inside
        .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
        .unwrap_or(inside.len());
    if name_len == 0 {
        return None;
    }
    let name = inside[..name_len].to_ascii_lowercase();
    // Whether the element is allowed at all: clean it with content.
    let probe = sanitizer.clean(&format!("<{name}>x</{name}>"));
    if !probe.starts_with(&format!("<{name}")) {
        return None;
    }
    if closing {
        return Some((format!("</{name}>"), name, true));
    }
    let clean = sanitizer.clean(tag);
    let end = clean.strip_prefix('<').and_then(tag_end)?;
    Some((clean[..end + 2].to_string(), name, false))
}

/// Inline HTML cleaned tag by tag, with the elements it opens closed by
/// the end of their paragraph.
fn clean_inline<'a>(pieces: Vec<Piece<'a>>, sanitizer: &Sanitizer, found: &mut Vec<Found>) -> Vec<Piece<'a>> {
    let scopes = inline_scopes(pieces.iter().map(|(event, _)| event));
    let mut ends = scopes.iter().map(|s| s.end).peekable();
    let mut open: Vec<String> = Vec::new();
    let mut out = Vec::with_capacity(pieces.len());
    for (index, (event, range)) in pieces.into_iter().enumerate() {
        while ends.next_if(|&end| end == index).is_some() {
            close_all(&mut open, range.start, &mut out);
        }
        let Event::InlineHtml(html) = &event else {
            out.push((event, range));
            continue;
        };
        if html.starts_with("<!--") {
            continue;
        }
        match clean_tag(html, sanitizer) {
            None => report(found, range.start, vec![format!("`{}`", html.trim())]),
            Some((tag, name, true)) => {
                if let Some(at) = open.iter().rposition(|o| *o == name) {
                    for unclosed in open.drain(at..).rev().skip(1) {
                        out.push((Event::InlineHtml(CowStr::from(format!("</{unclosed}>"))), range.clone()));
                    }
                    out.push((Event::InlineHtml(CowStr::from(tag)), range));
                }
            }
            Some((tag, name, false)) => {
                report(found, range.start, removed(html, &tag));
                if !VOID.contains(&name.as_str()) && !tag.ends_with("/>") {
                    open.push(name);
                }
                out.push((Event::InlineHtml(CowStr::from(tag)), range));
            }
        }
    }
    let end = out.last().map_or(0, |(_, range)| range.end);
    close_all(&mut open, end, &mut out);
    out
}

fn close_all<'a>(open: &mut Vec<String>, at: usize, out: &mut Vec<Piece<'a>>) {
    for name in open.drain(..).rev() {
        out.push((Event::InlineHtml(CowStr::from(format!("</{name}>"))), at..at));
    }
}

/// The type-1 HTML block (`<script>`, `<pre>`, `<style>`, `<textarea>`)
/// that starts `html` and is never closed in it, if any: CommonMark lets
/// such a block run to the end of the document.
pub(crate) fn unclosed_raw_block(html: &str) -> Option<&'static str> {
    let start = html.trim_start().get(..10)?.to_ascii_lowercase();
    ["script", "pre", "style", "textarea"].into_iter().find(|name| {
        start.strip_prefix('<').is_some_and(|rest| rest.starts_with(name)) && !html.to_ascii_lowercase().contains(&format!("</{name}>"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_scripts_handlers_and_javascript_urls() {
        let clean = Sanitizer::new(false)
            .clean(r#"<p onclick="x()">a<script>alert(1)</script><a href="javascript:alert(1)">b</a><img src="/x.png" onerror="y()"></p>"#);
        assert!(!clean.contains("script"), "{clean}");
        assert!(!clean.contains("onclick") && !clean.contains("onerror"), "{clean}");
        assert!(!clean.contains("javascript"), "{clean}");
        assert!(clean.contains(r#"<img src="/x.png">"#), "{clean}");
    }

    #[test]
    fn names_what_was_removed() {
        let before = r#"<p onclick="x()" class=a>a<script>alert(1)</script><a href="javascript:alert(1)" title='t>u'>b</a></p>"#;
        let after = Sanitizer::new(false).clean(before);
        assert_eq!(removed(before, &after), ["`onclick` of `<p>`", "`<script>`", "`href` of `<a>`"]);
        assert!(removed("<b>x</b>", "<b>x</b>").is_empty());
    }

    #[test]
    fn inline_tags_one_by_one() {
        let s = Sanitizer::new(false);
        assert_eq!(clean_tag("<script>", &s), None);
        assert_eq!(clean_tag("<textarea>", &s), None);
        assert_eq!(
            clean_tag(r#"<b class="k" onclick="x">"#, &s),
            Some((r#"<b class="k">"#.into(), "b".into(), false))
        );
        assert_eq!(clean_tag("</b>", &s), Some(("</b>".into(), "b".into(), true)));
        assert_eq!(
            clean_tag(r#"<img src="a.png" onerror="x">"#, &s).map(|t| t.0),
            Some(r#"<img src="a.png">"#.into())
        );
    }

    #[test]
    fn unclosed_raw_blocks_are_found() {
        assert_eq!(unclosed_raw_block("<textarea>\n说明\n"), Some("textarea"));
        assert_eq!(unclosed_raw_block("<script>x</script>\n"), None);
        assert_eq!(unclosed_raw_block("<div>\n"), None);
    }

    #[test]
    fn unsafe_html_passes_through() {
        let html = "<script>alert(1)</script>";
        assert_eq!(Sanitizer::new(true).clean(html), html);
    }
}
