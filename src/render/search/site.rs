//! The documents of a site's search index: its briefings (newest first),
//! standalone pages and the records of the data, each as readers see it.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::derive::Derived;
use crate::derive::views::Views;
use crate::load::Site;
use crate::render::OutputFile;
use crate::render::search::{Doc, Entry, Kind, Memo, files};

/// The index files of `site`; `texts` holds the text of each page with a
/// Markdown body, by output path.
pub(crate) fn site_index(site: &Site, derived: &Derived, memo: &Memo, texts: &HashMap<String, Arc<str>>) -> Arc<Vec<OutputFile>> {
    let locale = &derived.locale;
    let text_of = |path: &str| -> &str {
        let file = crate::render::urls::output_file(path);
        texts.get(&file).map_or("", |t| &**t)
    };
    let briefing_docs: Vec<Arc<Entry>> = derived
        .briefings
        .par_iter()
        .map(|listed| {
            let summary = &listed.summary;
            let title = if summary.issue_text.is_empty() {
                summary.title.clone()
            } else {
                format!("{} {}", summary.issue_text, summary.title)
            };
            memo.briefing(&Doc {
                title,
                url: summary.path.clone(),
                detail: format!("{} · {}", summary.kind_name, summary.date_text),
                text: format!("{} {} {}", summary.summary, summary.tags.join(" "), text_of(&summary.path)),
            })
        })
        .collect();
    memo.keep_only(&briefing_docs);
    let briefings = Kind {
        name: locale.text("search_kind_briefing"),
        docs: briefing_docs,
    };
    let pages = Kind {
        name: locale.text("search_kind_page"),
        docs: site
            .pages
            .iter()
            .map(|page| {
                let path = format!("/{}/", page.slug);
                memo.entry(&Doc {
                    title: page.title.clone(),
                    text: text_of(&path).to_string(),
                    url: path,
                    detail: String::new(),
                })
            })
            .collect(),
    };
    let records = memo.records(&derived.views, || record_kinds(&derived.views, locale, memo));
    let mut kinds: Vec<&Kind> = vec![&briefings, &pages];
    kinds.extend(records.iter());
    files(&kinds, memo)
}

/// Projects, enterprises, units and problems.
fn record_kinds(views: &Views, locale: &crate::derive::Locale, memo: &Memo) -> Vec<Kind> {
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
            url: format!("{}#problem-{}", p.enterprise.path, p.id),
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
