//! Incremental rendering: each page job remembers a fingerprint of what it
//! was rendered from, and a rebuild re-renders only the jobs whose inputs
//! changed. Editing the text of one briefing re-renders that page alone;
//! editing front matter, data, templates or settings re-renders the rest.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use crate::load::Site;
use crate::render::OutputFile;
use crate::render::links::LinkRecord;

/// A rendered job: its file, the links of its Markdown, the ids the page
/// defines (for checking `#anchor` links) and the warnings its Markdown
/// gave (kept, so that a page taken from the cache still reports them).
#[derive(Debug, Clone)]
pub struct Rendered {
    pub file: OutputFile,
    pub links: std::sync::Arc<Vec<LinkRecord>>,
    pub ids: Option<std::sync::Arc<std::collections::BTreeSet<String>>>,
    pub warnings: std::sync::Arc<Vec<crate::diagnostics::Diagnostic>>,
}

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
    /// Fingerprints of briefing texts, by the shared briefing they came from
    /// (kept alive here, so an address is never reused while remembered).
    pub body_prints: HashMap<usize, (std::sync::Arc<crate::load::Briefing>, u64)>,
    /// Data views, by a fingerprint of the data they were built from.
    pub views: Option<(u64, std::sync::Arc<crate::render::views::Views>)>,
    /// Fingerprint of the data files, with the data it was taken of: while
    /// the load keeps the same data, its megabytes are not hashed again.
    data_print: Option<(std::sync::Arc<crate::load::Data>, u64)>,
}

impl RenderCache {
    pub fn get(&self, key: &str, fingerprint: u64) -> Option<&Rendered> {
        self.entries.get(key).filter(|(f, _)| *f == fingerprint).map(|(_, r)| r)
    }

    pub fn put(&mut self, key: String, fingerprint: u64, rendered: Rendered) {
        self.entries.insert(key, (fingerprint, rendered));
    }

    /// Fingerprint of the data files of `site`.
    pub fn data_print(&mut self, site: &Site) -> u64 {
        match &self.data_print {
            Some((data, print)) if std::sync::Arc::ptr_eq(data, &site.data) => *print,
            _ => {
                let mut hasher = DefaultHasher::new();
                hash_data(&site.data, &mut hasher);
                let print = hasher.finish();
                self.data_print = Some((site.data.clone(), print));
                print
            }
        }
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

/// Fingerprint of the data files (`data_print`) and the language, which
/// views depend on.
pub fn views_fingerprint(site: &Site, data_print: u64) -> u64 {
    hash_of((site.config.language.code(), data_print))
}

/// The parts of the site a page may depend on, each fingerprinted once per
/// rebuild; a page's fingerprint combines only the parts it uses.
pub struct Parts {
    /// Settings, build options, static files and the front matter of the
    /// standalone pages (they make the menu on every page).
    pub common: u64,
    /// The data files.
    pub data: u64,
    /// The front matter of every briefing (lists, feeds, navigation).
    pub fronts: u64,
    /// Each template with every template it extends or includes.
    templates: HashMap<String, u64>,
    /// The shortcode templates, for bodies with shortcodes.
    pub shortcodes: u64,
}

fn hash_of<T: Hash>(value: T) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

impl Parts {
    /// The parts of `site`, whose data files have fingerprint `data_print`.
    pub fn of(site: &Site, options_key: &str, data_print: u64) -> Parts {
        let mut common = DefaultHasher::new();
        options_key.hash(&mut common);
        format!("{:?}", site.config).hash(&mut common);
        site.theme.i18n.hash(&mut common);
        for file in &site.theme.static_files {
            (&file.name, &file.bytes).hash(&mut common);
        }
        for page in &site.pages {
            (&page.path, &page.front).hash(&mut common);
        }
        let mut fronts = DefaultHasher::new();
        let mut figures_in_fronts = false;
        for briefing in &site.briefings {
            (&briefing.path, &briefing.front).hash(&mut fronts);
            figures_in_fronts |= briefing.front.contains("{{");
        }
        // Titles and summaries with figures show the data wherever listed.
        if figures_in_fronts {
            data_print.hash(&mut fronts);
        }
        let sources: HashMap<&str, &str> = site.theme.templates.iter().map(|t| (t.name.as_str(), t.source.as_str())).collect();
        let mut templates = HashMap::new();
        for name in sources.keys() {
            // The template and everything it reaches, in a fixed order.
            let mut seen = std::collections::BTreeSet::new();
            let mut todo = vec![*name];
            while let Some(next) = todo.pop() {
                if seen.insert(next) {
                    todo.extend(
                        sources
                            .get(next)
                            .map(|s| crate::render::templates::referenced(s))
                            .unwrap_or_default(),
                    );
                }
            }
            let closure: Vec<(&str, Option<&&str>)> = seen.iter().map(|n| (*n, sources.get(n))).collect();
            templates.insert(name.to_string(), hash_of(closure));
        }
        let shortcodes = hash_of(
            templates
                .iter()
                .filter(|(name, _)| name.starts_with("shortcodes/"))
                .map(|(name, print)| (name.clone(), *print))
                .collect::<std::collections::BTreeMap<_, _>>(),
        );
        Parts {
            common: common.finish(),
            data: data_print,
            fronts: fronts.finish(),
            templates,
            shortcodes,
        }
    }

    /// Fingerprint of template `name` and all it extends or includes.
    pub fn template(&self, name: &str) -> u64 {
        self.templates.get(name).copied().unwrap_or_default()
    }
}

/// Combines the fingerprints a job depends on.
pub fn combine(parts: &[u64]) -> u64 {
    hash_of(parts)
}

/// Fingerprint of a Markdown text.
pub fn text(body: &str) -> u64 {
    hash_of(body)
}
