//! The documents of a site's search index: its briefings (newest first),
//! standalone pages and the records of the data, each as readers see it.

use std::sync::Arc;

use rayon::prelude::*;

use crate::background::Disposal;
use crate::derive::Derived;
use crate::derive::views::Views;
use crate::diagnostics::Diagnostic;
use crate::load::Site;
use crate::render::pages::PageId;
use crate::render::search::{Doc, Emit, Entry, Kind, Memo, files};
use crate::routes::{self, Route};

/// The entries of the pages with a Markdown body, made with the pages.
#[derive(Debug, Default)]
pub(crate) struct PageEntries {
    /// By place in the archive (newest first).
    pub(crate) briefings: Vec<Option<Arc<Entry>>>,
    /// By place among the standalone pages.
    pub(crate) pages: Vec<Option<Arc<Entry>>>,
}

impl PageEntries {
    /// Room for the pages of `site`.
    pub(crate) fn for_site(site: &Site, derived: &Derived) -> PageEntries {
        PageEntries {
            briefings: vec![None; derived.briefings.len()],
            pages: vec![None; site.pages.len()],
        }
    }

    /// Notes the entry of `page`.
    pub(crate) fn note(&mut self, page: PageId, entry: Arc<Entry>) {
        let slot = match page {
            PageId::Briefing(n) => self.briefings.get_mut(n),
            PageId::Standalone(n) => self.pages.get_mut(n),
            _ => None,
        };
        if let Some(slot) = slot {
            *slot = Some(entry);
        }
    }
}

/// The search document of `page` (a briefing or a standalone page) whose
/// Markdown body reads `body`; `None` for other pages.
pub(crate) fn page_doc(site: &Site, derived: &Derived, page: PageId, body: &str) -> Option<Doc> {
    match page {
        PageId::Briefing(n) => {
            let summary = &derived.briefings.get(n)?.summary;
            let title = if summary.issue_text.is_empty() {
                summary.title.clone()
            } else {
                format!("{} {}", summary.issue_text, summary.title)
            };
            let mut text = String::with_capacity(summary.summary.len() + body.len() + 64);
            text.push_str(&summary.summary);
            text.push(' ');
            for tag in &summary.tags {
                text.push_str(tag);
                text.push(' ');
            }
            text.push_str(body);
            Some(Doc {
                title,
                url: summary.path.clone(),
                detail: format!("{} · {}", summary.kind_name, summary.date_text),
                text,
            })
        }
        PageId::Standalone(n) => {
            let page = site.pages.get(n)?;
            Some(Doc {
                title: page.title.clone(),
                url: Route::page(&page.slug).into_path(),
                detail: String::new(),
                text: body.to_string(),
            })
        }
        _ => None,
    }
}

/// Hands the index files of `site` to `emit`: its pages' entries (a page
/// whose entry is missing is found by its title) and the kinds of records.
pub(crate) fn site_index(
    site: &Site,
    derived: &Derived,
    memo: &Memo,
    made: PageEntries,
    records: &[Kind],
    disposal: Disposal,
    emit: &Emit<'_>,
) -> Result<(), Diagnostic> {
    let locale = &derived.locale;
    let fill = |slots: Vec<Option<Arc<Entry>>>, page: fn(usize) -> PageId| -> Vec<Arc<Entry>> {
        slots
            .into_iter()
            .enumerate()
            .map(|(n, slot)| {
                slot.or_else(|| page_doc(site, derived, page(n), "").map(|doc| memo.entry(&doc)))
                    .unwrap_or_else(|| memo.entry(&Doc::default()))
            })
            .collect()
    };
    let briefings = Kind {
        name: locale.text("search_kind_briefing"),
        docs: fill(made.briefings, PageId::Briefing),
    };
    let pages = Kind {
        name: locale.text("search_kind_page"),
        docs: fill(made.pages, PageId::Standalone),
    };
    let mut kinds: Vec<&Kind> = vec![&briefings, &pages];
    kinds.extend(records.iter());
    let made = files(&kinds, memo, emit);
    // Tens of thousands of entries: freed off the critical path.
    disposal.free((briefings, pages));
    made
}

/// Projects, enterprises, units and problems.
pub(crate) fn record_kinds(views: &Views, locale: &crate::derive::Locale, memo: &Memo) -> Vec<Kind> {
    let list = |names: Vec<&str>| names.join(" ");
    let projects = views
        .projects
        .iter()
        .map(|p| Doc {
            title: p.name.clone(),
            url: p.path.clone(),
            detail: p.status_name.to_string(),
            text: format!(
                "{} {} {} {} {}",
                p.industry.name,
                p.enterprise.as_ref().map(|e| e.name.as_str()).unwrap_or_default(),
                p.location,
                p.investment_text,
                list(p.updates.iter().map(|u| u.note.as_str()).filter(|n| !n.is_empty()).collect())
            ),
        })
        .collect();
    let enterprises = views
        .enterprises
        .iter()
        .map(|e| Doc {
            title: e.name.clone(),
            url: e.path.clone(),
            detail: e.industry.name.clone(),
            text: format!(
                "{} {} {}",
                e.industry.name,
                e.leader,
                list(e.units.iter().map(|u| u.name.as_str()).collect())
            ),
        })
        .collect();
    let units = views
        .units
        .iter()
        .map(|u| Doc {
            title: u.name.clone(),
            url: u.path.clone(),
            detail: String::new(),
            text: list(u.leads.iter().chain(&u.helps).map(|e| e.name.as_str()).collect()),
        })
        .collect();
    let problems = views
        .problems
        .iter()
        .map(|p| Doc {
            title: format!("{} {}", p.enterprise.name, p.id),
            url: format!("{}#{}", p.enterprise.path, routes::problem_fragment(&p.id)),
            detail: p.state_name.to_string(),
            text: format!("{} {}", p.summary, list(p.units.iter().map(|u| u.name.as_str()).collect())),
        })
        .collect();
    let kind = |key: &str, docs: Vec<Doc>| Kind {
        name: locale.text(key),
        docs: docs.par_iter().map(|d| memo.entry(d)).collect(),
    };
    vec![
        kind("col_project", projects),
        kind("col_enterprise", enterprises),
        kind("col_unit", units),
        kind("col_problem", problems),
    ]
}
