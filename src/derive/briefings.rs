//! The briefings as the site lists them: newest first, each with its
//! moment (`as_of` resolved against the data), its summary (title and
//! summary as plain text with their figures), its neighbours in its series,
//! and the tags that gather them.

use rayon::prelude::*;
use serde::Serialize;

use crate::derive::figures::{self, AsOf};
use crate::derive::locale::Locale;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::content::front_line;
use crate::load::shortcodes::{self, Arg};
use crate::load::{Briefing, Data, Site};

/// A briefing as listed in archives, home page and navigation.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct BriefingSummary {
    pub(crate) title: String,
    pub(crate) path: String,
    pub(crate) date: String,
    pub(crate) date_text: String,
    pub(crate) year: i32,
    pub(crate) kind: &'static str,
    pub(crate) kind_name: &'static str,
    pub(crate) issue: Option<u32>,
    /// `第8期`, or empty for non-bulletins.
    pub(crate) issue_text: String,
    pub(crate) summary: String,
    pub(crate) tags: Vec<String>,
    /// Marked `draft: true` (shown only in builds with `--drafts`).
    pub(crate) draft: bool,
}

/// One briefing of the site, in the order of the archive.
#[derive(Debug, Clone)]
pub(crate) struct Listed {
    /// Its place in `Site::briefings`.
    pub(crate) source: usize,
    pub(crate) summary: BriefingSummary,
    /// The moment its figures are taken at.
    pub(crate) as_of: AsOf,
    /// Previous and next briefing of its series (places in the list).
    pub(crate) previous: Option<usize>,
    pub(crate) next: Option<usize>,
}

/// A tag and how many briefings carry it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TagView {
    pub(crate) name: String,
    pub(crate) path: String,
    pub(crate) count: usize,
}

/// Site path of a briefing.
pub(crate) fn path_of(briefing: &Briefing) -> String {
    format!("/briefings/{}/", briefing.slug)
}

/// `text`, the `field` of the front matter of `briefing`, with its
/// `metric` shortcodes evaluated as of `as_of`, as plain text.
fn plain_field(briefing: &Briefing, field: &str, text: &str, as_of: AsOf, data: &Data, locale: &Locale) -> Result<String, Vec<Diagnostic>> {
    if !text.contains("{{") && !text.contains("｛｛") {
        return Ok(text.to_string());
    }
    shortcodes::plain(text, |call| match (call.name.as_str(), call.arg("name")) {
        ("metric", Some(Arg::Str(name))) => figures::metric(data, name, as_of, locale)
            .map(|figure| figure.text)
            .map_err(|m| (m, None)),
        ("metric", _) => Err(("`metric` needs `name`".to_string(), Some(shortcodes::EXAMPLE.to_string()))),
        (other, _) => Err((
            format!("only `metric` may stand in `{field}`, not `{other}`"),
            Some("put charts and tables in the text of the briefing".to_string()),
        )),
    })
    .map_err(|errors| {
        let line = front_line(&briefing.front, field);
        let column = briefing
            .front
            .lines()
            .nth(line.saturating_sub(2))
            .and_then(|l| l.find("{{").or_else(|| l.find("｛｛")).map(|at| l[..at].chars().count() + 1))
            .unwrap_or(1);
        errors
            .into_iter()
            .map(|error| {
                let diagnostic = Diagnostic::error(&briefing.path, line, column, error.message);
                if error.hint.is_empty() {
                    diagnostic
                } else {
                    diagnostic.with_hint(error.hint)
                }
            })
            .collect()
    })
}

/// The summary of a briefing as listed; its title and summary shown as
/// plain text, with their figures as of `as_of`.
pub(crate) fn summarize(briefing: &Briefing, as_of: AsOf, data: &Data, locale: &Locale) -> Result<BriefingSummary, Vec<Diagnostic>> {
    let title = plain_field(briefing, "title", &briefing.title, as_of, data, locale);
    let summary = plain_field(
        briefing,
        "summary",
        briefing.summary.as_deref().unwrap_or_default(),
        as_of,
        data,
        locale,
    );
    let (title, summary) = match (title, summary) {
        (Ok(title), Ok(summary)) => (title, summary),
        (title, summary) => return Err(title.err().into_iter().chain(summary.err()).flatten().collect()),
    };
    Ok(BriefingSummary {
        title,
        path: path_of(briefing),
        date: briefing.date.to_string(),
        date_text: locale.date(briefing.date),
        year: briefing.date.year,
        kind: briefing.kind.as_str(),
        kind_name: locale.kind_name(briefing.kind),
        issue: briefing.issue,
        issue_text: briefing.issue.map(|n| locale.issue(n)).unwrap_or_default(),
        summary,
        tags: briefing.tags.clone(),
        draft: briefing.draft,
    })
}

/// Previous and next briefing of each briefing (places in `briefings`), in
/// the series of its kind: bulletins by number, others by date.
fn series(briefings: &[&Briefing]) -> Vec<(Option<usize>, Option<usize>)> {
    let mut order: Vec<usize> = (0..briefings.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (briefings[a], briefings[b]);
        x.kind
            .cmp(&y.kind)
            .then(x.issue.cmp(&y.issue))
            .then(x.date.cmp(&y.date))
            .then(x.slug.cmp(&y.slug))
    });
    let mut links = vec![(None, None); briefings.len()];
    for pair in order.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if briefings[a].kind == briefings[b].kind {
            links[a].1 = Some(b);
            links[b].0 = Some(a);
        }
    }
    links
}

/// The briefings of `site`, newest first.
pub(crate) fn list(site: &Site, locale: &Locale) -> Result<Vec<Listed>, Diagnostics> {
    let mut order: Vec<usize> = (0..site.briefings.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&site.briefings[a], &site.briefings[b]);
        b.date.cmp(&a.date).then(b.issue.cmp(&a.issue)).then(a.slug.cmp(&b.slug))
    });
    let briefings: Vec<&Briefing> = order.iter().map(|&i| &*site.briefings[i]).collect();
    let summaries: Vec<(AsOf, Result<BriefingSummary, Vec<Diagnostic>>)> = briefings
        .par_iter()
        .map(|b| {
            let as_of = AsOf::for_briefing(&site.data, b.as_of, b.date);
            (as_of, summarize(b, as_of, &site.data, locale))
        })
        .collect();
    let mut problems = Diagnostics::new();
    let mut listed = Vec::with_capacity(briefings.len());
    for ((source, (as_of, summary)), (previous, next)) in order.into_iter().zip(summaries).zip(series(&briefings)) {
        match summary {
            Ok(summary) => listed.push(Listed {
                source,
                summary,
                as_of,
                previous,
                next,
            }),
            Err(found) => found.into_iter().for_each(|d| problems.push(d)),
        }
    }
    if problems.has_errors() { Err(problems) } else { Ok(listed) }
}

/// Every tag of `listed`, with its count, by name.
pub(crate) fn tags(listed: &[Listed]) -> Vec<TagView> {
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for entry in listed {
        for tag in &entry.summary.tags {
            *counts.entry(tag.as_str()).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .map(|(name, count)| TagView {
            name: name.to_string(),
            path: format!("/tags/{name}/"),
            count,
        })
        .collect()
}
