//! Which briefings mention which records: a briefing mentions a project or
//! an enterprise when its text links to the record's page
//! (`[天德整车](/projects/tiande-vehicle/)`, also written relative). A
//! record's page lists them, so a leader reading about a project finds
//! every bulletin that reported on it.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;

use crate::derive::briefings::Listed;
use crate::load::Site;
use crate::routes::Section;

/// The briefings that mention each record, newest first.
#[derive(Debug, Clone, Default)]
pub(crate) struct Mentions {
    pub(crate) projects: BTreeMap<String, Vec<Mention>>,
    pub(crate) enterprises: BTreeMap<String, Vec<Mention>>,
}

/// A briefing as a record's page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub(crate) struct Mention {
    pub(crate) title: String,
    pub(crate) path: String,
    pub(crate) kind: &'static str,
    pub(crate) kind_name: &'static str,
    pub(crate) issue_text: String,
    pub(crate) date_text: String,
}

impl Mentions {
    /// The mentions of the project `id` (none if no briefing links to it).
    pub(crate) fn of_project(&self, id: &str) -> &[Mention] {
        self.projects.get(id).map_or(&[], Vec::as_slice)
    }

    /// The mentions of the enterprise `id`.
    pub(crate) fn of_enterprise(&self, id: &str) -> &[Mention] {
        self.enterprises.get(id).map_or(&[], Vec::as_slice)
    }
}

/// Finds what each of `listed` (newest first) links to.
pub(crate) fn find(site: &Site, listed: &[Listed]) -> Mentions {
    let folder = |section: Section| format!("{}/", section.segment());
    let (projects, enterprises) = (folder(Section::Projects), folder(Section::Enterprises));
    let linked: Vec<(BTreeSet<&str>, BTreeSet<&str>)> = listed
        .par_iter()
        .map(|entry| {
            let body = site.briefings[entry.source].body.as_str();
            (ids_after(body, &projects), ids_after(body, &enterprises))
        })
        .collect();
    let mut mentions = Mentions::default();
    for (entry, (projects, enterprises)) in listed.iter().zip(linked) {
        let summary = &entry.summary;
        let mention = Mention {
            title: summary.title.clone(),
            path: summary.path.clone(),
            kind: summary.kind,
            kind_name: summary.kind_name,
            issue_text: summary.issue_text.clone(),
            date_text: summary.date_text.clone(),
        };
        for id in projects.into_iter().filter(|id| site.data.project(id).is_some()) {
            mentions.projects.entry(id.to_string()).or_default().push(mention.clone());
        }
        for id in enterprises.into_iter().filter(|id| site.data.enterprise(id).is_some()) {
            mentions.enterprises.entry(id.to_string()).or_default().push(mention.clone());
        }
    }
    mentions
}

/// The record ids that follow `prefix` (`projects/`) in `text`: a run of
/// lowercase letters, digits and `-` ended by `/`, `)`, `#` or `"`, with
/// the prefix at the start of a path segment.
fn ids_after<'t>(text: &'t str, prefix: &str) -> BTreeSet<&'t str> {
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, prefix.as_bytes())
        .filter(|&at| at > 0 && matches!(bytes[at - 1], b'/' | b'(' | b'<' | b'"'))
        .filter_map(|at| {
            let start = at + prefix.len();
            let length = bytes[start..]
                .iter()
                .position(|b| !(b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-'))
                .unwrap_or(bytes.len() - start);
            let ends_well = matches!(bytes.get(start + length), Some(b'/' | b')' | b'#' | b'"') | None);
            (length > 0 && ends_well).then(|| &text[start..start + length])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_to_records_are_found_however_written() {
        let text = "见[天德](/projects/tiande/)、[银桥](../../projects/yinqiao/index.html)和\
                    [台账](/problems/#p1)，[企业](/enterprises/saiyate/#x)；myprojects/x/ 不算，\
                    /projects/Bad/ 也不算。";
        assert_eq!(ids_after(text, "projects/"), BTreeSet::from(["tiande", "yinqiao"]));
        assert_eq!(ids_after(text, "enterprises/"), BTreeSet::from(["saiyate"]));
    }
}
