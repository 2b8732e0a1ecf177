//! Where links and images lead: a destination inside the site (`/…`,
//! relative, or an absolute URL on `base_url`'s own host) is rewritten for
//! the build's link style and noted for the link check — in Markdown and
//! in the `href`, `src` … of raw HTML alike; an e-mail autolink is not a
//! site link; a scheme other than http(s), mailto and tel (`javascript:`,
//! `data:`) is removed, with a warning, keeping the link's text or the
//! image's alt text.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::expand::Item;
use super::html_tags;
use super::{Found, SiteLink};
use crate::render::urls::Links;

/// A URL with a scheme other than http(s), mailto or tel. Scheme-less URLs
/// are relative and safe.
pub(super) fn has_unsafe_scheme(url: &str) -> bool {
    let Some(colon) = url.find(':') else { return false };
    let scheme = &url[..colon];
    let is_scheme = !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !is_scheme || scheme.contains('/') {
        return false;
    }
    !["http", "https", "mailto", "tel"].contains(&scheme.to_ascii_lowercase().as_str())
}

/// The page a link is written on, and how links are written.
pub(super) struct Page<'p> {
    /// The Markdown body, for the places of links in raw HTML.
    pub(super) source: &'p str,
    /// Site path of the page.
    pub(super) path: &'p str,
    pub(super) links: &'p Links,
    /// Whether unsafe schemes are removed (not with `unsafe_html: true`).
    pub(super) check_schemes: bool,
}

/// Rewrites the destinations of `items` written on `page`, and returns the
/// site links found, with their byte offsets.
pub(super) fn rewrite(items: &mut Vec<Item<'_>>, page: &Page<'_>, found: &mut Vec<Found>) -> Vec<(usize, SiteLink)> {
    let (path, links, check_schemes) = (page.path, page.links, page.check_schemes);
    let mut site_links = Vec::new();
    // For each open link or image: whether its tags were dropped.
    let mut dropped: Vec<bool> = Vec::new();
    let mut keep = Vec::with_capacity(items.len());
    for item in items.iter_mut() {
        let Item::Md(event, range) = item else {
            keep.push(true);
            continue;
        };
        let image = matches!(event, Event::Start(Tag::Image { .. }));
        let keep_this = match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                if let Some(written) = rewrite_html(html, range, page, &mut site_links) {
                    *html = CowStr::from(written);
                }
                true
            }
            Event::Start(Tag::Link { link_type, dest_url, .. } | Tag::Image { link_type, dest_url, .. }) => {
                if check_schemes && has_unsafe_scheme(dest_url) {
                    let what = if image { "image" } else { "link" };
                    found.push(Found::warning(
                        range.start,
                        format!("{what} to `{dest_url}` removed: only http, https, mailto and tel links are allowed"),
                        "link to a page of the site (`/projects/`) or to an http(s) address",
                    ));
                    dropped.push(true);
                    false
                } else {
                    dropped.push(false);
                    if *link_type != LinkType::Email {
                        let target = rewrite_one(dest_url, path, links);
                        if let Some(target) = target {
                            site_links.push((range.start, target.0));
                            *dest_url = CowStr::from(target.1);
                        }
                    }
                    true
                }
            }
            Event::End(TagEnd::Link | TagEnd::Image) => !dropped.pop().unwrap_or(false),
            _ => true,
        };
        keep.push(keep_this);
    }
    let mut flags = keep.into_iter();
    items.retain(|_| flags.next().unwrap_or(true));
    site_links
}

/// A site link (as written, and as the build writes it), or `None` for a
/// link that leaves the site.
fn rewrite_one(dest: &str, page: &str, links: &Links) -> Option<(SiteLink, String)> {
    let link = |path: Option<String>| SiteLink {
        target: dest.to_string(),
        path,
        body_line: 0,
        column: 0,
    };
    if let Some(target) = links.site_target(dest) {
        let written = links.href(page, &target);
        return Some((link(Some(target)), written));
    }
    let is_site = dest.starts_with('/') && !dest.starts_with("//");
    let is_relative_page = !dest.is_empty() && !dest.contains(':') && !dest.starts_with("//");
    if !is_site && !is_relative_page {
        return None;
    }
    let written = if is_site { links.href(page, dest) } else { dest.to_string() };
    Some((link(None), written))
}

/// Whether the attribute `attribute` of `<element>` holds a URL a reader
/// follows or a browser loads.
fn is_url_attribute(element: &str, attribute: &str) -> bool {
    matches!(
        attribute,
        "href" | "src" | "cite" | "poster" | "action" | "formaction" | "xlink:href" | "background"
    ) || (element == "object" && attribute == "data")
}

/// The site links of the raw HTML `html` (whose source is `range` of the
/// body), noted like those of Markdown; the HTML written again when some
/// of them are rewritten.
fn rewrite_html(html: &str, range: &Range<usize>, page: &Page<'_>, site_links: &mut Vec<(usize, SiteLink)>) -> Option<String> {
    if !html.contains('=') {
        return None;
    }
    let source = page.source.get(range.clone()).unwrap_or_default();
    // Where the next link is looked for in the source.
    let mut cursor = 0;
    let mut replacements: Vec<(Range<usize>, String)> = Vec::new();
    for tag in html_tags::scan(html).tags.iter().filter(|t| !t.closing) {
        for attribute in &tag.attributes {
            let Some(value) = attribute.value.clone().filter(|_| is_url_attribute(&tag.name, &attribute.name)) else {
                continue;
            };
            let written = &html[value];
            let dest = html_tags::decode(written);
            let Some((link, href)) = rewrite_one(&dest, page.path, page.links) else {
                continue;
            };
            // The place of the link: its value in the source (a sanitised
            // block is written anew), else the start of the HTML.
            let place = [written, dest.as_str()]
                .into_iter()
                .find_map(|text| source[cursor..].find(text).map(|at| (at, text.len())));
            let offset = match place {
                Some((at, length)) => {
                    let offset = range.start + cursor + at;
                    cursor += at + length;
                    offset
                }
                None => range.start,
            };
            site_links.push((offset, link));
            if href != dest {
                replacements.push((attribute.span.clone(), html_tags::quoted(&href)));
            }
        }
    }
    if replacements.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(html.len() + 16 * replacements.len());
    let mut at = 0;
    for (span, value) in replacements {
        out.push_str(&html[at..span.start]);
        out.push_str(&value);
        at = span.end;
    }
    out.push_str(&html[at..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_schemes() {
        for url in ["javascript:alert(1)", "JavaScript:x", "data:image/png;base64,AAAA", "vbscript:x"] {
            assert!(has_unsafe_scheme(url), "{url}");
        }
        for url in ["/x/", "https://a.cn/", "mailto:a@b.cn", "tel:0730", "a/b:c", "#x", "x.html"] {
            assert!(!has_unsafe_scheme(url), "{url}");
        }
    }
}
