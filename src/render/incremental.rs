//! Incremental rendering, all of it: what `serve` keeps between rebuilds
//! (the made pages by key with the fingerprint of their recipe, the
//! fingerprints of briefing texts, the search entries) and the rule that a
//! page is made again exactly when its fingerprint differs. Fingerprints
//! come from the recipes ([`crate::render::recipe`]), never from a second
//! list kept by hand, so a rebuild gives what a full build gives.

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::load::{Briefing, Site};
use crate::render::links::LinkRecord;
use crate::render::pages::PageId;
use crate::render::recipe::Prints;
use crate::render::{OutputFile, RenderOptions, Renderer};

/// A made page: its file, the links of its Markdown, the ids the page
/// defines (for checking `#anchor` links) and the warnings its Markdown
/// gave (kept, so that a page taken from the cache still reports them).
#[derive(Debug, Clone)]
pub struct Rendered {
    pub(crate) file: OutputFile,
    pub(crate) links: Arc<Vec<LinkRecord>>,
    pub(crate) ids: Option<Arc<std::collections::BTreeSet<String>>>,
    pub(crate) warnings: Arc<Vec<Diagnostic>>,
    /// Its entry in the search index (briefings and standalone pages).
    pub(crate) search: Option<Arc<crate::render::search::Entry>>,
}

/// What `serve` keeps between rebuilds.
#[derive(Debug, Default)]
pub struct RenderCache {
    entries: HashMap<String, (u64, Rendered)>,
    /// How many pages the last render made.
    pub rendered: usize,
    /// How many it took from the cache.
    pub reused: usize,
    /// Search entries of records and the last index files.
    pub(crate) search_docs: Arc<crate::render::search::Memo>,
    /// Fingerprints of briefing texts, by the shared briefing they came from
    /// (kept alive here, so an address is never reused while remembered).
    text_prints: HashMap<usize, (Arc<Briefing>, u64)>,
}

fn hash_of<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

impl RenderCache {
    /// How many search entries of pages are remembered: one per briefing
    /// and standalone page of the last render, however long `serve` has
    /// run.
    pub fn search_entries(&self) -> usize {
        self.entries.values().filter(|(_, done)| done.search.is_some()).count()
    }

    /// Fingerprints of the texts of the briefings of `site`, by the address
    /// of each shared briefing: a briefing the load cache kept unchanged is
    /// the same `Arc`, so its text is not hashed again.
    pub(crate) fn text_prints(&mut self, site: &Site) -> HashMap<usize, u64> {
        let known = std::mem::take(&mut self.text_prints);
        let prints: Vec<u64> = site
            .briefings
            .par_iter()
            .map(|b| match known.get(&(Arc::as_ptr(b) as usize)) {
                Some((same, print)) if Arc::ptr_eq(same, b) => *print,
                _ => hash_of(b.body.as_str()),
            })
            .collect();
        self.text_prints = site
            .briefings
            .iter()
            .zip(&prints)
            .map(|(b, print)| (Arc::as_ptr(b) as usize, (b.clone(), *print)))
            .collect();
        self.text_prints.iter().map(|(address, (_, print))| (*address, *print)).collect()
    }
}

/// The prints of what pages share in `renderer`'s build.
pub(crate) fn prints(renderer: &Renderer<'_>, options: &RenderOptions) -> Prints {
    let site = renderer.site;
    let mut common = DefaultHasher::new();
    format!("{options:?}").hash(&mut common);
    format!("{:?}", site.config).hash(&mut common);
    renderer.derived.locale.print().hash(&mut common);
    renderer.site_value.to_string().hash(&mut common);
    Prints {
        common: common.finish(),
        data: site.data.print,
        shortcodes: renderer.templates.shortcodes_print(),
    }
}

/// Makes the pages `pages` whose fingerprint differs from the one in
/// `cache`, takes the others from it, and remembers what was made.
pub(crate) fn make_changed(
    renderer: &Renderer<'_>,
    pages: &[PageId],
    options: &RenderOptions,
    cache: &mut RenderCache,
) -> Vec<Result<Rendered, Vec<Diagnostic>>> {
    let prints = prints(renderer, options);
    let keyed: Vec<(String, u64)> = pages
        .par_iter()
        .map(|page| {
            let recipe = renderer.recipe(*page);
            let print = renderer.fingerprint(&recipe, &prints);
            (recipe.key, print)
        })
        .collect();
    let results: Vec<Result<(Rendered, bool), Vec<Diagnostic>>> = pages
        .par_iter()
        .zip(keyed.par_iter())
        .with_max_len(super::PAGES_PER_JOB)
        .map(
            |(page, (key, print))| match cache.entries.get(key).filter(|(seen, _)| seen == print) {
                Some((_, done)) => Ok((done.clone(), false)),
                None => renderer.render_page(*page).map(|done| (done, true)),
            },
        )
        .collect();
    cache.rendered = 0;
    cache.reused = 0;
    for ((key, print), result) in keyed.iter().zip(&results) {
        if let Ok((done, new)) = result {
            if *new {
                cache.rendered += 1;
                cache.entries.insert(key.clone(), (*print, done.clone()));
            } else {
                cache.reused += 1;
            }
        }
    }
    let live: HashSet<&String> = keyed.iter().map(|(key, _)| key).collect();
    cache.entries.retain(|key, _| live.contains(key));
    results.into_iter().map(|r| r.map(|(done, _)| done)).collect()
}
