//! The briefings as the site lists them: newest first, each with its
//! moment (`as_of` resolved against the data), its summary (title and
//! summary as plain text with their figures), its neighbours in its series,
//! and the tags that gather them.

use rayon::prelude::*;
use serde::Serialize;

use crate::derive::figures::{self, AsOf};
use crate::derive::locale::Locale;
use crate::derive::moments::Moments;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::content::front_line;
use crate::load::front_matter::Kind;
use crate::load::shortcodes::{self, Arg};
use crate::load::{Briefing, Site};
use crate::routes::Route;

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
    /// For a speech, notice, circular or report: the bulletin of the same
    /// occasion (place in the list), if there is one.
    pub(crate) bulletin: Option<usize>,
}

/// A tag and how many briefings carry it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TagView {
    pub(crate) name: String,
    pub(crate) path: String,
    pub(crate) count: usize,
}

/// What the figures of a title or summary are taken from: the moments of
/// the build, with the language.
pub(crate) type Figures<'a> = &'a Moments;

/// Site path of a briefing.
pub(crate) fn path_of(briefing: &Briefing) -> String {
    Route::briefing(&briefing.slug).into_path()
}

/// `text`, the `field` of the front matter of `briefing`, with its
/// `metric` shortcodes evaluated as of `as_of`, as plain text.
fn plain_field(briefing: &Briefing, field: &str, text: &str, as_of: AsOf, moments: Figures<'_>) -> Result<String, Vec<Diagnostic>> {
    if !holds_shortcodes(text) {
        return Ok(text.to_string());
    }
    shortcodes::plain(text, |call| match (call.name.as_str(), call.arg("name")) {
        ("metric", Some(Arg::Str(name))) => {
            let digits = figures::digits_of(call)?;
            let figure = moments.metric(as_of, name, digits).map_err(|m| (m, None))?;
            Ok(figure.text)
        }
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
pub(crate) fn summarize(
    briefing: &Briefing,
    as_of: AsOf,
    figures: Figures<'_>,
    locale: &Locale,
) -> Result<BriefingSummary, Vec<Diagnostic>> {
    let title = plain_field(briefing, "title", &briefing.title, as_of, figures);
    let summary = plain_field(briefing, "summary", briefing.summary.as_deref().unwrap_or_default(), as_of, figures);
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

/// Whether a title or summary as typed holds a shortcode (a figure).
fn holds_shortcodes(text: &str) -> bool {
    text.contains("{{") || text.contains("｛｛")
}

/// `listed[place]` as the page of a briefing as of `from` links to it. A
/// briefing of a later moment is named without the figures of its title
/// and summary — by its number, or kind, and its date — so that no fact
/// dated after `from` reaches the page that links to it.
pub(crate) fn linked_from(site: &Site, listed: &[Listed], place: usize, from: AsOf) -> BriefingSummary {
    let other = &listed[place];
    let mut summary = other.summary.clone();
    if other.as_of.date > from.date {
        let briefing = &site.briefings[other.source];
        if holds_shortcodes(&briefing.title) {
            summary.title = if summary.issue_text.is_empty() {
                format!("{} {}", summary.kind_name, summary.date_text)
            } else {
                summary.date_text.clone()
            };
        }
        if briefing.summary.as_deref().is_some_and(holds_shortcodes) {
            summary.summary = String::new();
        }
    }
    summary
}

/// Previous and next briefing of each briefing (places in `briefings`,
/// which is newest first): a bulletin's are the bulletins before and after
/// it by number; any other briefing's are the briefings of any kind
/// before and after it by date, so that a speech or notice leads on.
fn series(briefings: &[&Briefing]) -> Vec<(Option<usize>, Option<usize>)> {
    let mut bulletins: Vec<usize> = (0..briefings.len()).filter(|&i| briefings[i].kind == Kind::Bulletin).collect();
    bulletins.sort_by(|&a, &b| {
        let (x, y) = (briefings[a], briefings[b]);
        x.issue.cmp(&y.issue).then(x.date.cmp(&y.date)).then(x.slug.cmp(&y.slug))
    });
    let mut links = vec![(None, None); briefings.len()];
    for pair in bulletins.windows(2) {
        links[pair[0]].1 = Some(pair[1]);
        links[pair[1]].0 = Some(pair[0]);
    }
    // Newest first: the one after in the list is the one before in time.
    for (i, briefing) in briefings.iter().enumerate() {
        if briefing.kind != Kind::Bulletin {
            links[i] = ((i + 1 < briefings.len()).then_some(i + 1), i.checked_sub(1));
        }
    }
    links
}

/// The most days between a document and the bulletin of its occasion.
const OCCASION_DAYS: i64 = 31;

/// For each briefing that is not a bulletin, the bulletin of its occasion
/// (a place in `briefings`): the nearest bulletin in date, within
/// [`OCCASION_DAYS`], that shares a tag with it (the later one on a tie).
fn occasion_bulletins(briefings: &[&Briefing]) -> Vec<Option<usize>> {
    briefings
        .iter()
        .map(|document| {
            if document.kind == Kind::Bulletin || document.tags.is_empty() {
                return None;
            }
            let day = document.date.days_since_epoch();
            briefings
                .iter()
                .enumerate()
                .filter(|(_, b)| b.kind == Kind::Bulletin && b.tags.iter().any(|t| document.tags.contains(t)))
                .map(|(i, b)| (i, b.date.days_since_epoch() - day))
                .filter(|(_, gap)| gap.abs() <= OCCASION_DAYS)
                .min_by_key(|&(i, gap)| (gap.abs(), gap < 0, i))
                .map(|(i, _)| i)
        })
        .collect()
}

/// The briefings of `site`, newest first.
pub(crate) fn list(site: &Site, moments: &Moments) -> Result<Vec<Listed>, Diagnostics> {
    let locale = moments.locale();
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
            (as_of, summarize(b, as_of, moments, locale))
        })
        .collect();
    let mut problems = Diagnostics::new();
    let mut listed = Vec::with_capacity(briefings.len());
    let links = series(&briefings).into_iter().zip(occasion_bulletins(&briefings));
    for ((source, (as_of, summary)), ((previous, next), bulletin)) in order.into_iter().zip(summaries).zip(links) {
        match summary {
            Ok(summary) => listed.push(Listed {
                source,
                summary,
                as_of,
                previous,
                next,
                bulletin,
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
            path: Route::tag(name).into_path(),
            count,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn briefing(slug: &str, date: &str, kind: Kind, issue: Option<u32>, tags: &[&str]) -> Briefing {
        Briefing {
            path: format!("content/briefings/{slug}.md"),
            slug: slug.to_string(),
            title: slug.to_string(),
            date: date.parse().expect("date"),
            kind,
            issue,
            as_of: None,
            unit: None,
            tags: tags.iter().map(|t| t.to_string()).collect(),
            summary: None,
            draft: false,
            internal: false,
            distribution: None,
            body: String::new(),
            body_line: 1,
            front: String::new(),
        }
    }

    /// Newest first, as the list is.
    fn example() -> Vec<Briefing> {
        vec![
            briefing("no8", "2013-07-26", Kind::Bulletin, Some(8), &["讲评会", "督查"]),
            briefing("speech", "2013-07-20", Kind::Speech, None, &["讲评会", "半年小结"]),
            briefing("no7", "2013-07-08", Kind::Bulletin, Some(7), &["半年小结"]),
            briefing("circular", "2013-04-28", Kind::Circular, None, &["督查"]),
            briefing("no3", "2013-04-15", Kind::Bulletin, Some(3), &["工业运行"]),
        ]
    }

    #[test]
    fn bulletins_follow_their_numbers_and_documents_the_calendar() {
        let all = example();
        let refs: Vec<&Briefing> = all.iter().collect();
        let links = series(&refs);
        assert_eq!(links[0], (Some(2), None), "第8期 follows 第7期");
        assert_eq!(links[2], (Some(4), Some(0)), "第7期 between 第3期 and 第8期");
        assert_eq!(links[1], (Some(2), Some(0)), "the speech between the bulletins around it");
        assert_eq!(links[3], (Some(4), Some(2)), "the circular leads on by date");
    }

    #[test]
    fn a_document_finds_the_bulletin_of_its_occasion() {
        let all = example();
        let refs: Vec<&Briefing> = all.iter().collect();
        let found = occasion_bulletins(&refs);
        // The speech shares tags with 第8期 (6 days on) and 第7期 (12 days before).
        assert_eq!(found[1], Some(0));
        // The circular shares 督查 only with 第8期, three months away.
        assert_eq!(found[3], None);
        assert_eq!(found[0], None, "bulletins have none");
    }
}
