//! Incremental rendering: each page job remembers a fingerprint of what it
//! was rendered from, and a rebuild re-renders only the jobs whose inputs
//! changed. Editing the text of one briefing re-renders that page alone;
//! editing front matter, data, templates or settings re-renders the rest.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use crate::load::Site;
use crate::render::OutputFile;
use crate::render::links::LinkRecord;

/// A rendered job: its file and the links of its Markdown.
/// The ids the page defines are noted too, for checking `#anchor` links.
pub type Rendered = (
    OutputFile,
    std::sync::Arc<Vec<LinkRecord>>,
    Option<std::sync::Arc<std::collections::BTreeSet<String>>>,
);

/// Results of earlier renders, by job key.
#[derive(Debug, Default)]
pub struct RenderCache {
    entries: HashMap<String, (u64, Rendered)>,
    /// How many jobs the last render actually rendered.
    pub rendered: usize,
    /// How many it took from the cache.
    pub reused: usize,
    /// Search entries of briefings.
    pub search_docs: std::sync::Arc<crate::render::publish::DocMemo>,
    /// Data views, by a fingerprint of the data they were built from.
    pub views: Option<(u64, std::sync::Arc<crate::render::views::Views>)>,
}

impl RenderCache {
    pub fn get(&self, key: &str, fingerprint: u64) -> Option<&Rendered> {
        self.entries.get(key).filter(|(f, _)| *f == fingerprint).map(|(_, r)| r)
    }

    pub fn put(&mut self, key: String, fingerprint: u64, rendered: Rendered) {
        self.entries.insert(key, (fingerprint, rendered));
    }

    /// Forgets jobs that no longer exist.
    pub fn retain(&mut self, keys: &std::collections::HashSet<String>) {
        self.entries.retain(|k, _| keys.contains(k));
    }
}

/// Feeds the text of every data file to `hasher`.
fn hash_data(data: &crate::load::Data, hasher: &mut DefaultHasher) {
    for file in [
        &data.industries.text,
        &data.units.text,
        &data.enterprises.text,
        &data.projects.text,
        &data.problems.text,
        &data.output.text,
        &data.charts.text,
    ] {
        file.hash(hasher);
    }
}

/// Fingerprint of the data files and the language, which views depend on.
pub fn data_fingerprint(site: &Site) -> u64 {
    let mut hasher = DefaultHasher::new();
    site.config.language.code().hash(&mut hasher);
    hash_data(&site.data, &mut hasher);
    hasher.finish()
}

/// Fingerprint of everything every page may show: settings, theme, data,
/// and the front matter (not the text) of every briefing and page.
pub fn site_fingerprint(site: &Site, options_key: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    options_key.hash(&mut hasher);
    format!("{:?}", site.config).hash(&mut hasher);
    for template in &site.theme.templates {
        (&template.name, &template.source).hash(&mut hasher);
    }
    for file in &site.theme.static_files {
        (&file.name, &file.bytes).hash(&mut hasher);
    }
    hash_data(&site.data, &mut hasher);
    for briefing in &site.briefings {
        (&briefing.path, &briefing.front).hash(&mut hasher);
    }
    for page in &site.pages {
        (&page.path, &page.front).hash(&mut hasher);
    }
    hasher.finish()
}

/// Fingerprint of one job: the site's, plus its own Markdown text.
pub fn job_fingerprint(site: u64, body: Option<&str>) -> u64 {
    let mut hasher = DefaultHasher::new();
    site.hash(&mut hasher);
    body.hash(&mut hasher);
    hasher.finish()
}
