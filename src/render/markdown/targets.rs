//! Where links and images lead: a destination inside the site (`/…`, or
//! relative) is rewritten for the build's link style and noted for the
//! link check; an e-mail autolink is not a site link; a scheme other than
//! http(s), mailto and tel (`javascript:`, `data:`) is removed, with a
//! warning, keeping the link's text or the image's alt text.

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::expand::Item;
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

/// Rewrites the destinations of `items` written on the page `page`, and
/// returns the site links found, with their byte offsets.
pub(super) fn rewrite(
    items: &mut Vec<Item<'_>>,
    page: &str,
    links: &Links,
    check_schemes: bool,
    found: &mut Vec<Found>,
) -> Vec<(usize, SiteLink)> {
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
                        let target = rewrite_one(dest_url, page, links);
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
    let is_site = dest.starts_with('/') && !dest.starts_with("//");
    let is_relative_page = !dest.is_empty() && !dest.contains(':') && !dest.starts_with("//");
    if !is_site && !is_relative_page {
        return None;
    }
    let written = if is_site { links.href(page, dest) } else { dest.to_string() };
    Some((
        SiteLink {
            target: dest.to_string(),
            body_line: 0,
            column: 0,
        },
        written,
    ))
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
