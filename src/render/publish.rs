//! Files for the world outside the pages: the Atom feed (RFC 4287), the
//! sitemap, robots.txt, and the search index — a script that defines the
//! searchable text of briefings and records, so search works from
//! `file://` with no server and no fetch.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use pulldown_cmark::{Event, Parser, TagEnd};
use rayon::prelude::*;
use serde::Serialize;

use crate::calendar::Date;
use crate::derive::briefings::Listed;
use crate::derive::views::Views;
use crate::load::{Briefing, Site};
use crate::render::urls::Links;

/// Text escaped for XML content and attributes.
pub(crate) fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// An absolute IRI for an Atom id, also when `base_url` has no host.
fn atom_id(links: &Links, path: &str) -> String {
    if links.origin.is_empty() {
        format!("urn:briefing:{}{}", links.base_path.trim_end_matches('/'), path)
    } else {
        links.absolute(path)
    }
}

/// `/feed.xml`: the newest briefings `entries` as an Atom feed, updated
/// at `updated`; `bodies` are the texts of the entries that have no
/// summary, in their order.
pub(crate) fn feed(site: &Site, links: &Links, updated: Option<Date>, entries: &[&Listed], bodies: &[&Briefing]) -> String {
    let config = &site.config;
    let updated = updated.map_or_else(|| "1970-01-01".to_string(), |date| date.to_string());
    let author = config.issuer.clone().unwrap_or_else(|| config.title.clone());
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        config.language.code()
    ));
    out.push_str(&format!("  <title>{}</title>\n", xml(&config.title)));
    if let Some(description) = &config.description {
        out.push_str(&format!("  <subtitle>{}</subtitle>\n", xml(description)));
    }
    out.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml(&links.absolute("/feed.xml"))
    ));
    out.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml(&links.absolute("/"))
    ));
    out.push_str(&format!("  <id>{}</id>\n", xml(&atom_id(links, "/"))));
    out.push_str(&format!("  <updated>{updated}T00:00:00+08:00</updated>\n"));
    out.push_str(&format!("  <author><name>{}</name></author>\n", xml(&author)));
    out.push_str("  <generator>briefing</generator>\n");
    let mut bodies = bodies.iter();
    for summary in entries.iter().map(|entry| &entry.summary) {
        let title = if summary.issue_text.is_empty() {
            summary.title.clone()
        } else {
            format!("{} {}", summary.issue_text, summary.title)
        };
        out.push_str("  <entry>\n");
        out.push_str(&format!("    <title>{}</title>\n", xml(&title)));
        out.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml(&links.absolute(&summary.path))
        ));
        out.push_str(&format!("    <id>{}</id>\n", xml(&atom_id(links, &summary.path))));
        out.push_str(&format!("    <published>{}T00:00:00+08:00</published>\n", summary.date));
        out.push_str(&format!("    <updated>{}T00:00:00+08:00</updated>\n", summary.date));
        let text = if summary.summary.is_empty() {
            bodies
                .next()
                .map(|b| plain_text(&b.body).chars().take(160).collect())
                .unwrap_or_default()
        } else {
            summary.summary.clone()
        };
        out.push_str(&format!("    <summary>{}</summary>\n", xml(&text)));
        out.push_str(&format!(
            "    <category term=\"{}\" label=\"{}\"/>\n",
            summary.kind,
            xml(summary.kind_name)
        ));
        for tag in &summary.tags {
            out.push_str(&format!("    <category term=\"{}\"/>\n", xml(tag)));
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// `/sitemap.xml`: every HTML page but the 404 page.
pub(crate) fn sitemap(links: &Links, pages: &[String]) -> String {
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for page in pages {
        out.push_str(&format!("  <url><loc>{}</loc></url>\n", xml(&links.absolute(page))));
    }
    out.push_str("</urlset>\n");
    out
}

/// `/robots.txt`
pub(crate) fn robots(links: &Links) -> String {
    // A sitemap must be named by a full URL: only when base_url has a host.
    if links.origin.is_empty() {
        "User-agent: *\nAllow: /\n".to_string()
    } else {
        format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", links.absolute("/sitemap.xml"))
    }
}

/// Markdown as plain text, shortcodes left out.
pub(crate) fn plain_text(markdown: &str) -> String {
    let (calls, _) = if crate::load::shortcodes::may_hold_calls(markdown) {
        crate::load::shortcodes::calls_in(markdown)
    } else {
        (Vec::new(), Vec::new())
    };
    let mut text = String::with_capacity(markdown.len());
    let mut last = 0;
    for call in &calls {
        text.push_str(&markdown[last..call.start]);
        last = call.end;
    }
    text.push_str(&markdown[last..]);
    let mut out = String::with_capacity(text.len());
    for event in Parser::new_ext(
        &text,
        pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_FOOTNOTES,
    ) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One searchable document.
#[derive(Debug, Clone, Serialize)]
struct SearchDoc {
    /// Title
    t: String,
    /// Kind, as shown
    k: String,
    /// Site path
    u: String,
    /// Date or other short detail
    d: String,
    /// Text searched and quoted in snippets
    x: String,
}

/// `/search-index.js`: defines `window.BRIEFING_SEARCH` with every
/// briefing, project, enterprise, unit and problem.
pub(crate) fn search_index(
    listed: &[Listed],
    bodies: &[&Briefing],
    views: &Arc<Views>,
    labels: &SearchLabels,
    memo: &DocMemo,
    text_print: &(dyn Fn(&Briefing) -> u64 + Sync),
) -> String {
    // Each briefing's entry depends on its own text only, so entries are
    // remembered across rebuilds by a hash of what they show.
    let briefing_entries: Vec<(u64, Arc<str>)> = listed
        .par_iter()
        .map(|entry| &entry.summary)
        .zip(bodies.par_iter())
        .map(|(summary, briefing)| {
            let mut hasher = DefaultHasher::new();
            (
                &summary.title,
                &summary.issue_text,
                summary.kind_name,
                &summary.path,
                &summary.date_text,
                &summary.summary,
                &summary.tags,
            )
                .hash(&mut hasher);
            text_print(briefing).hash(&mut hasher);
            let key = hasher.finish();
            if let Some(entry) = memo.briefings.lock().ok().and_then(|m| m.get(&key).cloned()) {
                return (key, entry);
            }
            let title = if summary.issue_text.is_empty() {
                summary.title.clone()
            } else {
                format!("{} {}", summary.issue_text, summary.title)
            };
            let doc = SearchDoc {
                t: title,
                k: summary.kind_name.to_string(),
                u: summary.path.clone(),
                d: summary.date_text.clone(),
                x: format!("{} {} {}", summary.summary, summary.tags.join(" "), plain_text(&briefing.body)),
            };
            let entry: Arc<str> = serde_json::to_string(&doc).unwrap_or_default().replace("</", "<\\/").into();
            if let Ok(mut m) = memo.briefings.lock() {
                m.insert(key, entry.clone());
            }
            (key, entry)
        })
        .collect();
    memo.keep_only(briefing_entries.iter().map(|(key, _)| *key));
    let records = match memo.records.lock().ok().and_then(|r| {
        r.as_ref()
            .filter(|(seen, _)| Arc::ptr_eq(seen, views))
            .map(|(_, json)| json.clone())
    }) {
        Some(json) => json,
        None => {
            let json: Arc<str> = record_entries(views, labels).into();
            if let Ok(mut slot) = memo.records.lock() {
                *slot = Some((views.clone(), json.clone()));
            }
            json
        }
    };
    let mut out = String::with_capacity(briefing_entries.iter().map(|(_, e)| e.len() + 1).sum::<usize>() + records.len() + 32);
    out.push_str("window.BRIEFING_SEARCH = [");
    for (n, (_, entry)) in briefing_entries.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        out.push_str(entry);
    }
    if !records.is_empty() {
        if !briefing_entries.is_empty() {
            out.push(',');
        }
        out.push_str(&records);
    }
    out.push_str("];\n");
    out
}

/// The search entries of projects, enterprises, units and problems, joined
/// by commas.
fn record_entries(views: &Views, labels: &SearchLabels) -> String {
    let mut docs: Vec<SearchDoc> = Vec::new();
    for p in &views.projects {
        let notes: Vec<&str> = p.updates.iter().map(|u| u.note.as_str()).filter(|n| !n.is_empty()).collect();
        docs.push(SearchDoc {
            t: p.name.clone(),
            k: labels.project.clone(),
            u: p.path.clone(),
            d: p.status_name.to_string(),
            x: format!(
                "{} {} {} {} {}",
                p.industry.name,
                p.enterprise.as_ref().map(|e| e.name.as_str()).unwrap_or_default(),
                p.location,
                p.investment_text,
                notes.join(" ")
            ),
        });
    }
    for e in &views.enterprises {
        let units: Vec<&str> = e.units.iter().map(|u| u.name.as_str()).collect();
        docs.push(SearchDoc {
            t: e.name.clone(),
            k: labels.enterprise.clone(),
            u: e.path.clone(),
            d: e.industry.name.clone(),
            x: format!("{} {} {}", e.industry.name, e.leader, units.join(" ")),
        });
    }
    for u in &views.units {
        docs.push(SearchDoc {
            t: u.name.clone(),
            k: labels.unit.clone(),
            u: u.path.clone(),
            d: String::new(),
            x: u.leads
                .iter()
                .chain(&u.helps)
                .map(|e| e.name.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        });
    }
    for p in &views.problems {
        docs.push(SearchDoc {
            t: format!("{} {}", p.enterprise.name, p.id),
            k: labels.problem.clone(),
            u: format!("{}#problem-{}", p.enterprise.path, p.id),
            d: p.state_name.to_string(),
            x: format!(
                "{} {}",
                p.summary,
                p.units.iter().map(|u| u.name.as_str()).collect::<Vec<_>>().join(" ")
            ),
        });
    }
    docs.par_iter()
        .map(|d| serde_json::to_string(d).unwrap_or_default().replace("</", "<\\/"))
        .collect::<Vec<_>>()
        .join(",")
}

/// Search entries remembered across rebuilds: each briefing's by a hash of
/// what it shows, and the records' for the data views they came from.
#[derive(Debug, Default)]
pub(crate) struct DocMemo {
    /// Shared text, so that taking an entry copies nothing: the index of a
    /// large site is tens of megabytes.
    briefings: std::sync::Mutex<std::collections::HashMap<u64, Arc<str>>>,
    records: std::sync::Mutex<Option<(Arc<Views>, Arc<str>)>>,
}

impl DocMemo {
    /// How many briefing entries are remembered.
    pub(crate) fn len(&self) -> usize {
        self.briefings.lock().map_or(0, |memo| memo.len())
    }

    /// Forgets every briefing entry but those of `keys` (the entries of the
    /// latest build), so that a long `serve` session holds one entry per
    /// briefing however often the texts change.
    fn keep_only(&self, keys: impl Iterator<Item = u64>) {
        let keys: std::collections::HashSet<u64> = keys.collect();
        if let Ok(mut memo) = self.briefings.lock() {
            memo.retain(|key, _| keys.contains(key));
        }
    }
}

/// Names of the kinds of records in search results.
#[derive(Debug, Clone)]
pub(crate) struct SearchLabels {
    pub(crate) project: String,
    pub(crate) enterprise: String,
    pub(crate) unit: String,
    pub(crate) problem: String,
}

impl SearchLabels {
    /// The labels in the language of `locale`.
    pub(crate) fn of(locale: &crate::derive::Locale) -> SearchLabels {
        SearchLabels {
            project: locale.text("col_project"),
            enterprise: locale.text("col_enterprise"),
            unit: locale.text("col_unit"),
            problem: locale.text("col_problem"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_of_markdown() {
        let text = plain_text("## 一、情况\n\n总产值{{ metric(name=\"x\") }}，见[项目](/p/)。\n\n| a | b |\n|---|---|\n| 冷链 | 物流 |\n");
        assert_eq!(text, "一、情况 总产值，见项目。 a b 冷链 物流");
    }

    #[test]
    fn xml_is_escaped() {
        assert_eq!(xml("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
    }
}
