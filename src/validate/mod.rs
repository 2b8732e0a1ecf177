//! Stage 2, validate: checks that span several files — bulletin numbers,
//! URLs claimed twice, names reserved by the site's own sections.

pub mod charts;
pub mod data;

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::Site;
use crate::load::content::front_line;

/// First path segments the generator uses itself; a standalone page may not
/// take them.
pub const RESERVED_SLUGS: &[&str] = &[
    "briefings",
    "industries",
    "projects",
    "enterprises",
    "problems",
    "units",
    "charts",
    "tags",
    "search",
    "static",
    "feed.xml",
    "sitemap.xml",
    "robots.txt",
    "404.html",
    "index.html",
];

/// Runs every cross-file check on `site`.
pub fn validate(site: &Site) -> Diagnostics {
    let mut problems = validate_content(site);
    problems.extend(data::validate_data(&site.data));
    problems
}

/// The checks of [`validate`] that involve content files; the data alone
/// is checked by [`data::validate_data`].
pub fn validate_content(site: &Site) -> Diagnostics {
    let mut problems = Diagnostics::new();
    check_issue_numbers(site, &mut problems);
    check_urls(site, &mut problems);
    problems.extend(data::validate_briefings(site));
    problems
}

/// A fingerprint of everything [`validate_content`] reads — front matter,
/// names of static files, unit ids and output periods — so that its result
/// can be reused while these stay the same.
pub fn content_fingerprint(site: &Site) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    for briefing in &site.briefings {
        (&briefing.path, &briefing.front).hash(&mut hasher);
    }
    for page in &site.pages {
        (&page.path, &page.front).hash(&mut hasher);
    }
    for file in &site.theme.static_files {
        file.name.hash(&mut hasher);
    }
    site.data.units.text.hash(&mut hasher);
    site.data.output.text.hash(&mut hasher);
    hasher.finish()
}

fn check_issue_numbers(site: &Site, problems: &mut Diagnostics) {
    let mut seen: BTreeMap<u32, &crate::load::Briefing> = BTreeMap::new();
    let mut briefings: Vec<_> = site.briefings.iter().filter(|b| b.issue.is_some()).collect();
    briefings.sort_by(|a, b| a.path.cmp(&b.path));
    for briefing in briefings {
        let Some(issue) = briefing.issue else { continue };
        if let Some(first) = seen.get(&issue) {
            problems.push(
                Diagnostic::error(
                    &briefing.path,
                    front_line(&briefing.front, "issue"),
                    1,
                    format!("bulletin number {issue} is used twice"),
                )
                .with_hint(format!("`{}` already has `issue: {issue}`", first.path)),
            );
        } else {
            seen.insert(issue, briefing);
        }
    }
}

fn check_urls(site: &Site, problems: &mut Diagnostics) {
    let mut claimed: BTreeMap<String, (String, usize)> = BTreeMap::new();
    let mut claim = |url: String, path: &str, line: usize, problems: &mut Diagnostics| {
        if let Some((first, _)) = claimed.get(&url) {
            problems.push(
                Diagnostic::error(path, line, 1, format!("the URL `{url}` is also produced by `{first}`"))
                    .with_hint("give one of them a different file name or `slug:`"),
            );
        } else {
            claimed.insert(url, (path.to_string(), line));
        }
    };
    let mut briefings: Vec<_> = site.briefings.iter().collect();
    briefings.sort_by(|a, b| a.path.cmp(&b.path));
    for b in briefings {
        claim(format!("/briefings/{}/", b.slug), &b.path, front_line(&b.front, "slug"), problems);
    }
    let mut pages: Vec<_> = site.pages.iter().collect();
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    let static_tops: Vec<String> = site
        .theme
        .static_files
        .iter()
        .map(|f| f.name.split('/').next().unwrap_or_default().to_string())
        .collect();
    for p in pages {
        let line = front_line(&p.front, "slug");
        if RESERVED_SLUGS.contains(&p.slug.as_str()) {
            problems.push(
                Diagnostic::error(
                    &p.path,
                    line,
                    1,
                    format!("the slug `{}` is reserved for the site's own pages", p.slug),
                )
                .with_hint("choose another file name or `slug:`"),
            );
            continue;
        }
        if static_tops.contains(&p.slug) {
            problems.push(Diagnostic::error(
                &p.path,
                line,
                1,
                format!("the URL `/{}/` is also used by a file in `{}/static/`", p.slug, site.theme.dir),
            ));
            continue;
        }
        claim(format!("/{}/", p.slug), &p.path, line, problems);
    }
}
