//! Stage 2, validate: checks that span several files — bulletin numbers,
//! URLs claimed twice, names reserved by the site's own sections.

pub(crate) mod charts;
pub mod data;
pub(crate) mod edition;
pub(crate) mod figures;
#[doc(hidden)]
pub mod probe;
mod problem_dates;

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::Site;
use crate::load::content::front_line;
use crate::routes::{self, Route};

/// The cross-file checks that involve content files; the data alone is
/// checked by [`data::validate_data`].
pub(crate) fn validate_content(site: &Site) -> Diagnostics {
    let mut problems = Diagnostics::new();
    check_issue_numbers(site, &mut problems);
    check_urls(site, &mut problems);
    check_tags(site, &mut problems);
    problems.extend(data::validate_briefings(site));
    problems
}

/// A fingerprint of everything [`validate_content`] reads — front matter,
/// unit ids and output periods — so that its result can be reused while
/// these stay the same.
pub(crate) fn content_fingerprint(site: &Site) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    for briefing in &site.briefings {
        (&briefing.path, &briefing.front).hash(&mut hasher);
    }
    for page in &site.pages {
        (&page.path, &page.front).hash(&mut hasher);
    }
    site.data.units.text.hash(&mut hasher);
    site.data.output.text.hash(&mut hasher);
    hasher.finish()
}

/// Tags that differ only by case would share one folder on Windows and
/// macOS: the second spelling met is an error.
fn check_tags(site: &Site, problems: &mut Diagnostics) {
    let mut seen: BTreeMap<String, (&str, &str)> = BTreeMap::new();
    let mut briefings: Vec<_> = site.briefings.iter().collect();
    briefings.sort_by(|a, b| a.path.cmp(&b.path));
    for briefing in briefings {
        for tag in &briefing.tags {
            let (first_tag, first_path) = *seen.entry(crate::names::case_folded(tag)).or_insert((tag, &briefing.path));
            if first_tag != tag {
                problems.push(
                    Diagnostic::error(
                        &briefing.path,
                        front_line(&briefing.front, "tags"),
                        1,
                        format!("tag `{tag}` differs from tag `{first_tag}` of `{first_path}` only by case"),
                    )
                    .with_hint(format!("write it `{first_tag}`: on Windows and macOS both would be one folder")),
                );
            }
        }
    }
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
    // Keyed case-folded: on Windows and macOS `/Report/` and `/report/`
    // are one folder.
    let mut claimed: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut claim = |url: String, path: &str, line: usize, problems: &mut Diagnostics| {
        let key = crate::names::case_folded(&url);
        match claimed.get(&key) {
            Some((first, first_url)) if *first_url == url => problems.push(
                Diagnostic::error(path, line, 1, format!("the URL `{url}` is also produced by `{first}`"))
                    .with_hint("give one of them a different file name or `slug:`"),
            ),
            Some((first, first_url)) => problems.push(
                Diagnostic::error(
                    path,
                    line,
                    1,
                    format!("the URL `{url}` differs from `{first_url}` of `{first}` only by case"),
                )
                .with_hint("on Windows and macOS they would be one folder; give one of them a different file name or `slug:`"),
            ),
            None => {
                claimed.insert(key, (path.to_string(), url));
            }
        }
    };
    let mut briefings: Vec<_> = site.briefings.iter().collect();
    briefings.sort_by(|a, b| a.path.cmp(&b.path));
    for b in briefings {
        claim(
            Route::briefing(&b.slug).into_path(),
            &b.path,
            front_line(&b.front, "slug"),
            problems,
        );
    }
    let mut pages: Vec<_> = site.pages.iter().collect();
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    for p in pages {
        let line = front_line(&p.front, "slug");
        // The sections of the site's own pages, folders and files; the
        // theme's static files are all under the section `static`.
        if routes::is_reserved(&p.slug) {
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
        claim(Route::page(&p.slug).into_path(), &p.path, line, problems);
    }
}
