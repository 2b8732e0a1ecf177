//! Stage 4, render: a pure function from the loaded site to the list of
//! output files (HTML pages, copied static files). Pages render in parallel
//! and nothing here touches the disk.

mod body;
pub mod cache;
pub mod context;
mod figures;
mod jobs;
pub mod links;
pub mod markdown;
pub mod publish;
mod sanitize;
pub mod shortcodes;
pub mod svg;
pub mod templates;
pub mod urls;
pub mod views;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use tera::{Context, Tera};

use crate::calendar::Date;
use crate::derive::figures::{AsOf, Snapshot};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{Briefing, Site};
use context::{BriefingSummary, SiteContext};
use urls::{Links, output_file};
use views::{ViewBuilder, Views};

/// One file of the finished site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path under the output folder, with `/` separators.
    pub path: String,
    /// Shared, so that cached pages are not copied on every rebuild.
    pub bytes: Arc<Vec<u8>>,
}

/// Choices of the build that are not in `site.yaml`.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Overrides `base_url` of `site.yaml`.
    pub base_url: Option<String>,
    /// Forces relative links.
    pub relative: bool,
}

/// Everything shared by the page renders of one build.
pub(crate) struct Renderer<'a> {
    pub(crate) site: &'a Site,
    pub(crate) tera: Tera,
    pub(crate) links: Links,
    pub(crate) sanitizer: sanitize::Sanitizer,
    site_context: SiteContext,
    /// All briefings, newest first.
    briefings: Vec<&'a Briefing>,
    summaries: Vec<BriefingSummary>,
    /// Data views as of the latest data.
    views: Arc<Views>,
    /// Search entries of briefings remembered across rebuilds.
    search_docs: Arc<publish::DocMemo>,
    /// Tags with their briefings, by name.
    tags: Vec<TagView>,
    /// Previous and next briefing of each briefing.
    series: Vec<(Option<usize>, Option<usize>)>,
    /// Counts of the programme by date, computed once per date.
    snapshots: Mutex<HashMap<Date, Arc<Snapshot>>>,
    /// Rendered shortcodes by call and moment.
    pub(crate) shortcode_memo: Mutex<HashMap<String, String>>,
}

/// A tag and how many briefings carry it.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct TagView {
    pub name: String,
    pub path: String,
    pub count: usize,
}

fn tags_of(summaries: &[BriefingSummary]) -> Vec<TagView> {
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for summary in summaries {
        for tag in &summary.tags {
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

/// Links of the build, from `site.yaml` and the command line.
pub fn links_for(site: &Site, options: &RenderOptions) -> Links {
    let mut config = site.config.clone();
    if let Some(base_url) = &options.base_url {
        config.base_url = base_url.clone();
    }
    Links {
        base_path: config.base_path(),
        origin: config.absolute_origin(),
        relative: options.relative || config.relative_links,
    }
}

/// Renders every file of the site.
pub fn render(site: &Site, options: &RenderOptions) -> Result<Vec<OutputFile>, Diagnostics> {
    render_with(site, options, None)
}

/// Renders every file of the site, re-rendering only the pages whose inputs
/// differ from those remembered in `cache`.
pub fn render_incremental(site: &Site, options: &RenderOptions, cache: &mut cache::RenderCache) -> Result<Vec<OutputFile>, Diagnostics> {
    render_with(site, options, Some(cache))
}

fn render_with(site: &Site, options: &RenderOptions, mut cache: Option<&mut cache::RenderCache>) -> Result<Vec<OutputFile>, Diagnostics> {
    let mut lap = crate::timing::Lap::start();
    let links = links_for(site, options);
    let tera = templates::compile(site, &links)?;
    lap.mark("templates");
    let mut briefings: Vec<&Briefing> = site.briefings.iter().map(|b| &**b).collect();
    briefings.sort_by(|a, b| b.date.cmp(&a.date).then(b.issue.cmp(&a.issue)).then(a.slug.cmp(&b.slug)));
    let language = site.config.language;
    let summaries: Vec<BriefingSummary> = briefings.iter().map(|b| context::summarize(b, language)).collect();
    let tags = tags_of(&summaries);
    let briefings_for_series = briefings.clone();
    let build_views = || {
        Arc::new(
            ViewBuilder {
                data: &site.data,
                as_of: AsOf::latest(&site.data),
                language,
            }
            .build(),
        )
    };
    // Views depend on the data alone: a rebuild after a text edit keeps them.
    let (views, search_docs) = match cache.as_deref_mut() {
        None => (build_views(), Arc::new(publish::DocMemo::default())),
        Some(cache) => {
            let print = cache::data_fingerprint(site);
            let views = match &cache.views {
                Some((seen, views)) if *seen == print => views.clone(),
                _ => {
                    let views = build_views();
                    cache.views = Some((print, views.clone()));
                    views
                }
            };
            (views, cache.search_docs.clone())
        }
    };
    let renderer = Renderer {
        site,
        tera,
        links,
        sanitizer: sanitize::Sanitizer::new(site.config.unsafe_html),
        site_context: context::site_context(site),
        briefings,
        summaries,
        views,
        search_docs,
        tags,
        series: jobs::series(&briefings_for_series),
        snapshots: Mutex::new(HashMap::new()),
        shortcode_memo: Mutex::new(HashMap::new()),
    };
    lap.mark("views");
    let jobs = jobs::all(&renderer);
    let results: Vec<_> = match cache {
        None if std::env::var_os("BRIEFING_TIMINGS").is_some() => timed(&renderer, &jobs),
        None => jobs.par_iter().map(|job| renderer.render_job(job)).collect(),
        Some(cache) => render_cached(&renderer, &jobs, site, options, cache),
    };
    lap.mark("pages");
    let mut files = Vec::with_capacity(results.len() + site.theme.static_files.len());
    let mut links = Vec::new();
    let mut problems = Diagnostics::new();
    for result in results {
        match result {
            Ok((file, _)) if file.path.is_empty() => {}
            Ok((file, found)) => {
                files.push(file);
                links.push(found);
            }
            Err(found) => found.into_iter().for_each(|p| problems.push(p)),
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    files.extend(site.theme.static_files.iter().map(|f| OutputFile {
        path: format!("static/{}", f.name),
        bytes: Arc::new(f.bytes.clone()),
    }));
    let pages: Vec<String> = files
        .iter()
        .filter(|f| f.path.ends_with(".html") && f.path != "404.html")
        .map(|f| format!("/{}", f.path.trim_end_matches("index.html")))
        .collect();
    files.push(OutputFile {
        path: "sitemap.xml".into(),
        bytes: Arc::new(publish::sitemap(&renderer.links, &pages).into_bytes()),
    });
    files.push(OutputFile {
        path: "robots.txt".into(),
        bytes: Arc::new(publish::robots(&renderer.links).into_bytes()),
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    lap.mark("sitemap");
    let broken: Diagnostics = links::check(&files, links.iter().flat_map(|found| found.iter()))
        .into_iter()
        .collect();
    lap.mark("links");
    if broken.has_errors() {
        return Err(broken);
    }
    Ok(files)
}

/// Renders the jobs and reports the time spent per kind of page on stderr
/// (`BRIEFING_TIMINGS=1`), for profiling.
fn timed(renderer: &Renderer<'_>, jobs: &[jobs::PageJob<'_>]) -> Vec<Result<cache::Rendered, Vec<Diagnostic>>> {
    let spent: Mutex<std::collections::BTreeMap<String, (usize, f64)>> = Mutex::new(Default::default());
    let results = jobs
        .par_iter()
        .map(|job| {
            let started = std::time::Instant::now();
            let result = renderer.render_job(job);
            let kind = job.key().split(':').next().unwrap_or_default().to_string();
            if let Ok(mut map) = spent.lock() {
                let entry = map.entry(kind).or_default();
                entry.0 += 1;
                entry.1 += started.elapsed().as_secs_f64();
            }
            result
        })
        .collect();
    if let Ok(map) = spent.lock() {
        for (kind, (count, seconds)) in map.iter() {
            eprintln!("timing: render {kind}: {count} jobs, {seconds:.3} s of CPU");
        }
    }
    results
}

/// Renders the jobs whose fingerprint differs from the one in `cache`,
/// takes the others from it, and remembers the new results.
fn render_cached(
    renderer: &Renderer<'_>,
    jobs: &[jobs::PageJob<'_>],
    site: &Site,
    options: &RenderOptions,
    cache: &mut cache::RenderCache,
) -> Vec<Result<cache::Rendered, Vec<Diagnostic>>> {
    let site_print = cache::site_fingerprint(site, &format!("{options:?}"));
    let prints: Vec<u64> = jobs.par_iter().map(|job| cache::job_fingerprint(site_print, job.body())).collect();
    // The search index holds the text of every briefing.
    let mut all_text = std::hash::DefaultHasher::new();
    for (job, print) in jobs.iter().zip(&prints) {
        if matches!(job, jobs::PageJob::Briefing(..)) {
            std::hash::Hash::hash(print, &mut all_text);
        }
    }
    let all_text = std::hash::Hasher::finish(&all_text);
    let keyed: Vec<(String, u64)> = jobs
        .iter()
        .zip(prints)
        .map(|(job, print)| {
            (
                job.key(),
                if matches!(job, jobs::PageJob::SearchIndex) {
                    all_text
                } else {
                    print
                },
            )
        })
        .collect();
    let results: Vec<_> = jobs
        .par_iter()
        .zip(keyed.par_iter())
        .map(|(job, (key, print))| match cache.get(key, *print) {
            Some(done) => Ok((done.clone(), false)),
            None => renderer.render_job(job).map(|done| (done, true)),
        })
        .collect();
    cache.rendered = 0;
    cache.reused = 0;
    for ((key, print), result) in keyed.iter().zip(&results) {
        if let Ok((done, new)) = result {
            if *new {
                cache.rendered += 1;
                cache.put(key.clone(), *print, done.clone());
            } else {
                cache.reused += 1;
            }
        }
    }
    cache.retain(&keyed.iter().map(|(k, _)| k.clone()).collect());
    results.into_iter().map(|r| r.map(|(done, _)| done)).collect()
}

impl Renderer<'_> {
    /// The counts of the programme at `date`, computed once per build.
    pub(crate) fn snapshot(&self, date: Date) -> Arc<Snapshot> {
        if let Some(found) = self.snapshots.lock().ok().and_then(|map| map.get(&date).cloned()) {
            return found;
        }
        let snapshot = Arc::new(Snapshot::at(&self.site.data, date));
        if let Ok(mut map) = self.snapshots.lock() {
            map.insert(date, snapshot.clone());
        }
        snapshot
    }

    /// An interface string of the site's language (the key if missing).
    pub(crate) fn text(&self, key: &str) -> String {
        self.site
            .theme
            .i18n
            .get(self.site.config.language.code())
            .and_then(|strings| strings.get(key))
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    /// Renders `template` as the page at site path `path`.
    fn page(
        &self,
        path: &str,
        template: &str,
        page_type: &str,
        as_of: AsOf,
        fill: impl FnOnce(&mut Context),
    ) -> Result<OutputFile, Vec<Diagnostic>> {
        let mut context = Context::new();
        context.insert("site", &self.site_context);
        context.insert("current_path", path);
        context.insert("page_type", page_type);
        context.insert("as_of_period", &as_of.period.map(|p| p.to_string()).unwrap_or_default());
        context.insert("as_of_date", &as_of.date.to_string());
        fill(&mut context);
        let html = self
            .tera
            .render(template, &context)
            .map_err(|error| vec![templates::to_diagnostic(&self.site.theme, &error, Some(template))])?;
        Ok(OutputFile {
            path: output_file(path),
            bytes: Arc::new(html.into_bytes()),
        })
    }
}
