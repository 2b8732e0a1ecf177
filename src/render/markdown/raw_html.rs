//! Raw HTML in Markdown, made safe one fragment at a time with ammonia: an
//! HTML block on its own, and inline HTML tag by tag (kept balanced within
//! its paragraph), so an unclosed `<script>` or `<textarea>` can never
//! swallow the text after it. No scripts, event handlers or `javascript:`
//! URLs get through (unless `site.yaml` sets `unsafe_html: true`), and
//! whatever is removed is reported at its line.

use std::collections::HashSet;

use ammonia::Builder;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::emphasis::{Piece, inline_scopes};
use super::{Found, html_tags};

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
/// `tag@attribute`, in order, with the offset of their tag; comments and
/// raw text are skipped.
fn parts(html: &str) -> Vec<(String, usize)> {
    let mut parts = Vec::new();
    for tag in html_tags::scan(html).tags.into_iter().filter(|t| !t.closing) {
        for attribute in &tag.attributes {
            parts.push((format!("{}@{}", tag.name, attribute.name), tag.range.start));
        }
        parts.push((tag.name, tag.range.start));
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

/// What sanitising took out of `before`, for the warning, with the offset
/// in `before` of the first thing removed.
fn removed(before: &str, after: &str) -> (Vec<String>, usize) {
    let mut kept: Vec<String> = parts(after).into_iter().map(|(part, _)| part).collect();
    let mut gone: Vec<(String, usize)> = Vec::new();
    for (part, offset) in parts(before) {
        match kept.iter().position(|k| *k == part) {
            Some(at) => {
                kept.remove(at);
            }
            None => gone.push((part, offset)),
        }
    }
    // The attributes of an element that went are not named apart.
    let elements: Vec<usize> = gone.iter().filter(|(p, _)| !p.contains('@')).map(|&(_, at)| at).collect();
    gone.retain(|(part, at)| !part.contains('@') || !elements.contains(at));
    let first = gone.first().map_or(0, |&(_, at)| at);
    let mut named: Vec<String> = gone
        .into_iter()
        .map(|(part, _)| match part.split_once('@') {
            Some((tag, attribute)) => format!("`{attribute}` of `<{tag}>`"),
            None => format!("`<{part}>`"),
        })
        .collect();
    named.dedup();
    (named, first)
}

/// Reports what was removed at `offset` of the body.
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

/// `html` without the start tags of raw-text elements (`<xmp>`,
/// `<textarea>` …) that are never closed in it: a browser would read all
/// the rest of the fragment, end tags included, as their text. They go (the
/// sanitiser would drop them anyway) and the rest is read as HTML.
fn defuse(html: &str) -> std::borrow::Cow<'_, str> {
    let scan = html_tags::scan(html);
    let unclosed: Vec<&html_tags::HtmlTag> = scan.tags.iter().filter(|t| t.unclosed).collect();
    if unclosed.is_empty() {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    for tag in unclosed {
        out.push_str(&html[at..tag.range.start]);
        at = tag.range.end;
    }
    out.push_str(&html[at..]);
    std::borrow::Cow::Owned(out)
}

/// Sanitises the raw HTML of `pieces`, fragment by fragment; each HTML
/// block becomes one event.
pub(crate) fn sanitize<'a>(pieces: Vec<Piece<'a>>, sanitizer: &Sanitizer, found: &mut Vec<Found>) -> Vec<Piece<'a>> {
    if !pieces.iter().any(|(e, _)| matches!(e, Event::Html(_) | Event::InlineHtml(_))) {
        return pieces;
    }
    let blocks = clean_blocks(pieces, sanitizer, found);
    if sanitizer.allows_everything() {
        return blocks;
    }
    clean_inline(blocks, sanitizer, found)
}

/// Each HTML block cleaned as one fragment.
fn clean_blocks<'a>(pieces: Vec<Piece<'a>>, sanitizer: &Sanitizer, found: &mut Vec<Found>) -> Vec<Piece<'a>> {
    let mut out = Vec::with_capacity(pieces.len());
    let mut block: Option<html_tags::Block> = None;
    for (event, range) in pieces {
        match (&event, &mut block) {
            (Event::Start(Tag::HtmlBlock), _) => {
                block = Some(html_tags::Block::at(range.start));
                out.push((event, range));
            }
            (Event::Html(html), Some(block)) => block.push(html, range.start),
            (Event::End(TagEnd::HtmlBlock), Some(_)) => {
                if let Some(block) = block.take() {
                    // With `unsafe_html: true` the block is only put
                    // together (its links are read as one fragment).
                    let html = if sanitizer.allows_everything() {
                        block.text
                    } else {
                        let clean = sanitizer.clean(&defuse(&block.text));
                        let (gone, first) = removed(&block.text, &clean);
                        report(found, block.place(first), gone);
                        clean
                    };
                    out.push((Event::Html(CowStr::from(html)), block.start..range.end));
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
                report(found, range.start, removed(html, &tag).0);
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

/// The length of the lines of `block` (an unclosed raw block) that its
/// start tag spans, `<style` on one line and `type="text/css">` on the
/// next say; only its first line when the tag does not end before a blank
/// line.
pub(crate) fn start_tag_lines(block: &str) -> usize {
    let line_end = |at: usize| block[at..].find('\n').map_or(block.len(), |i| at + i + 1);
    let first = line_end(0);
    // No tag runs over a blank line.
    let mut until = first;
    while until < block.len() && !block[until..line_end(until)].trim().is_empty() {
        until = line_end(until);
    }
    let head = &block[..until];
    match html_tags::scan(head).tags.first() {
        Some(tag) if head[..tag.range.end].ends_with('>') => line_end(tag.range.end.saturating_sub(1)),
        _ => first,
    }
}

/// The type-1 HTML block (`<script>`, `<pre>`, `<style>`, `<textarea>`)
/// that starts `html` and is never closed in it, if any: CommonMark lets
/// such a block run to the end of the document.
pub(crate) fn unclosed_raw_block(html: &str) -> Option<&'static str> {
    let start = html.trim_start().get(..10)?.to_ascii_lowercase();
    ["script", "pre", "style", "textarea"].into_iter().find(|name| {
        let opens = start
            .strip_prefix('<')
            .and_then(|rest| rest.strip_prefix(name))
            .is_some_and(|after| after.is_empty() || after.starts_with(|c: char| c.is_ascii_whitespace() || c == '>'));
        opens && !html.to_ascii_lowercase().contains(&format!("</{name}>"))
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
        let (gone, first) = removed(before, &after);
        assert_eq!(gone, ["`onclick` of `<p>`", "`<script>`", "`href` of `<a>`"]);
        assert_eq!(first, 0);
        assert_eq!(removed("<b>x</b>\n<i onclick=x>", "<b>x</b>\n<i>").1, 9);
        assert_eq!(removed("<p>a<script src=x></script></p>", "<p>a</p>").0, ["`<script>`"]);
        assert!(removed("<b>x</b>", "<b>x</b>").0.is_empty());
    }

    #[test]
    fn raw_text_never_closed_does_not_take_the_rest_of_its_fragment() {
        assert_eq!(defuse("<div>\n<xmp>\n</div>\n"), "<div>\n\n</div>\n");
        assert_eq!(defuse("<p><TEXTAREA rows=2>说明</p>"), "<p>说明</p>");
        assert_eq!(defuse("<p><textarea>说明</textarea></p>"), "<p><textarea>说明</textarea></p>");
        let clean = Sanitizer::new(false).clean(&defuse("<blockquote>\n<xmp>\n引文\n</blockquote>"));
        assert_eq!(clean, "<blockquote>\n\n引文\n</blockquote>");
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
        assert_eq!(unclosed_raw_block("<style\n  type=\"text/css\">\n"), Some("style"));
        assert_eq!(unclosed_raw_block("<script>x</script>\n"), None);
        assert_eq!(unclosed_raw_block("<div>\n"), None);
        assert_eq!(unclosed_raw_block("<prefix>\n"), None);
    }

    #[test]
    fn an_unclosed_raw_block_is_cut_after_its_start_tag() {
        let block = "<style\n  type=\"text/css\">\nh1 {}\n\nfoo\n";
        assert_eq!(&block[..start_tag_lines(block)], "<style\n  type=\"text/css\">\n");
        let block = "<textarea>说明\n后文\n";
        assert_eq!(&block[..start_tag_lines(block)], "<textarea>说明\n");
        // A tag that never ends keeps only its first line.
        let block = "<style type=\"x\n\n后文\n";
        assert_eq!(&block[..start_tag_lines(block)], "<style type=\"x\n");
    }

    #[test]
    fn unsafe_html_passes_through() {
        let html = "<script>alert(1)</script>";
        assert_eq!(Sanitizer::new(true).clean(html), html);
    }
}
