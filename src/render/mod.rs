//! Stage 4, render: a pure function from the loaded site to the list of
//! output files (HTML pages, copied static files). Pages render in parallel
//! and nothing here touches the disk.

mod body;
pub mod cache;
pub mod context;
mod figures;
mod html_depth;
mod jobs;
pub mod links;
pub mod markdown;
pub mod publish;
pub mod shortcodes;
pub mod svg;
pub mod templates;
pub mod urls;
pub mod views;

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use tera::{Context, Tera};

use crate::calendar::Date;
use crate::derive::figures::{AsOf, Snapshot};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{Briefing, Site};
use context::BriefingSummary;
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
    /// Only checking (`briefing check`): files that cannot fail and are not
    /// looked at — feed, search index, standalone chart files — are skipped.
    pub check_only: bool,
}

/// Everything shared by the page renders of one build.
pub(crate) struct Renderer<'a> {
    pub(crate) site: &'a Site,
    pub(crate) tera: Tera,
    pub(crate) links: Links,
    pub(crate) sanitizer: markdown::Sanitizer,
    /// `site` of every template, converted once.
    site_value: tera::Value,
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
    /// Skip files that only a published site needs.
    check_only: bool,
    /// Fingerprints of briefing texts by briefing address (incremental
    /// builds only), and of all of them together.
    pub(crate) text_prints: HashMap<usize, u64>,
    bodies_print: u64,
    /// Rendered shortcodes by call and moment.
    pub(crate) shortcode_memo: Mutex<HashMap<body::MemoKey, crate::render::markdown::Expansion>>,
    /// Ids written in the templates of pages with a Markdown body: heading
    /// ids step around them.
    pub(crate) template_ids: std::collections::BTreeSet<String>,
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

/// Where rendered files go: collected in memory, or written out as they
/// come (so a large site never sits in memory whole).
pub trait Sink: Sync {
    fn accept(&self, file: OutputFile) -> Result<(), Diagnostic>;
}

/// A sink that drops every file, for `check`.
pub struct Discard;

impl Sink for Discard {
    fn accept(&self, _: OutputFile) -> Result<(), Diagnostic> {
        Ok(())
    }
}

/// A sink that keeps every file, for tests and the preview server.
#[derive(Default)]
pub struct Collect(Mutex<Vec<OutputFile>>);

impl Sink for Collect {
    fn accept(&self, file: OutputFile) -> Result<(), Diagnostic> {
        if let Ok(mut files) = self.0.lock() {
            files.push(file);
        }
        Ok(())
    }
}

impl Collect {
    /// The files, sorted by path.
    pub fn into_files(self) -> Vec<OutputFile> {
        let mut files = self.0.into_inner().unwrap_or_default();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

/// What a render produced: numbers, and the warnings of the pages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenderReport {
    pub files: usize,
    pub pages: usize,
    pub charts: usize,
    pub search_index_bytes: usize,
    pub warnings: Diagnostics,
}

/// Renders every file of the site into memory.
pub fn render(site: &Site, options: &RenderOptions) -> Result<Vec<OutputFile>, Diagnostics> {
    let sink = Collect::default();
    render_with(site, options, None, &sink)?;
    Ok(sink.into_files())
}

/// Renders every file of the site into `sink` as it is made.
pub fn render_into(site: &Site, options: &RenderOptions, sink: &dyn Sink) -> Result<RenderReport, Diagnostics> {
    render_with(site, options, None, sink)
}

/// Renders every file of the site, re-rendering only the pages whose inputs
/// differ from those remembered in `cache`.
pub fn render_incremental(
    site: &Site,
    options: &RenderOptions,
    cache: &mut cache::RenderCache,
) -> Result<(Vec<OutputFile>, Diagnostics), Diagnostics> {
    let sink = Collect::default();
    let report = render_with(site, options, Some(cache), &sink)?;
    Ok((sink.into_files(), report.warnings))
}

/// A Markdown body rendered alone: its HTML and its warnings, or its
/// errors.
pub type BodyResult = Result<(String, Diagnostics), Diagnostics>;

/// Renders each of `bodies` as the text of a standalone page of `site`
/// (figures as of its latest data), through the whole Markdown pipeline of
/// the build: for checking how the site reads Markdown (the conformance
/// tests), without templates around the text.
pub fn render_bodies(site: &Site, options: &RenderOptions, bodies: &[&str]) -> Result<Vec<BodyResult>, Diagnostics> {
    let renderer = prepare(site, options, None)?;
    let as_of = renderer.views.as_of;
    Ok(bodies
        .par_iter()
        .map(|body| {
            let source = body::BodySource {
                file: "body.md",
                body,
                body_line: 1,
                page: "/body/",
                as_of,
            };
            renderer
                .render_body(&source)
                .map(|(rendered, warnings)| (rendered.html, warnings.into_iter().collect()))
                .map_err(|errors| errors.into_iter().collect())
        })
        .collect())
}

/// Passes files on to a sink while noting what the link check and the
/// report need.
struct Delivery<'s> {
    sink: &'s dyn Sink,
    catalogue: Mutex<links::Catalogue>,
    report: Mutex<RenderReport>,
}

impl Delivery<'_> {
    /// Hands `file` to the sink; `ids` are those the page defines (found
    /// here when not known).
    fn deliver(&self, file: OutputFile, ids: Option<Arc<BTreeSet<String>>>) -> Result<(), Diagnostic> {
        if file.path.is_empty() {
            return Ok(());
        }
        let ids = ids.or_else(|| file.path.ends_with(".html").then(|| Arc::new(links::ids(&file.bytes))));
        if let Ok(mut catalogue) = self.catalogue.lock() {
            catalogue.add(&file.path, ids);
        }
        if let Ok(mut report) = self.report.lock() {
            report.files += 1;
            report.pages += usize::from(file.path.ends_with(".html"));
            report.charts += usize::from(file.path.starts_with("charts/") && file.path.ends_with(".svg"));
            if file.path == "search-index.js" {
                report.search_index_bytes = file.bytes.len();
            }
        }
        self.sink.accept(file)
    }
}

/// Everything the pages of `site` share, made once per build: templates,
/// summaries, views (taken from `cache` while the data is the same).
fn prepare<'a>(site: &'a Site, options: &RenderOptions, mut cache: Option<&mut cache::RenderCache>) -> Result<Renderer<'a>, Diagnostics> {
    let mut lap = crate::timing::Lap::start();
    let links = links_for(site, options);
    let tera = templates::compile(site, &links)?;
    lap.mark("templates");
    let mut briefings: Vec<&Briefing> = site.briefings.iter().map(|b| &**b).collect();
    briefings.sort_by(|a, b| b.date.cmp(&a.date).then(b.issue.cmp(&a.issue)).then(a.slug.cmp(&b.slug)));
    let language = site.config.language;
    let summaries: Vec<Result<BriefingSummary, Vec<Diagnostic>>> =
        briefings.par_iter().map(|b| context::summarize(b, language, &site.data)).collect();
    let mut problems = Diagnostics::new();
    let summaries: Vec<BriefingSummary> = summaries
        .into_iter()
        .filter_map(|summary| summary.map_err(|found| found.into_iter().for_each(|d| problems.push(d))).ok())
        .collect();
    if problems.has_errors() {
        return Err(problems);
    }
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
    // A briefing reused unchanged from the load cache is the same `Arc`, so
    // its text need not be hashed again.
    let (text_prints, bodies_print) = match cache.as_deref_mut() {
        None => (HashMap::new(), 0),
        Some(cache) => {
            let known = std::mem::take(&mut cache.body_prints);
            let prints: Vec<u64> = site
                .briefings
                .par_iter()
                .map(|b| match known.get(&(Arc::as_ptr(b) as usize)) {
                    Some((same, print)) if Arc::ptr_eq(same, b) => *print,
                    _ => cache::text(&b.body),
                })
                .collect();
            cache.body_prints = site
                .briefings
                .iter()
                .zip(&prints)
                .map(|(b, print)| (Arc::as_ptr(b) as usize, (b.clone(), *print)))
                .collect();
            let map = cache.body_prints.iter().map(|(address, (_, print))| (*address, *print)).collect();
            (map, cache::combine(&prints))
        }
    };
    let (views, search_docs) = match cache {
        None => (build_views(), Arc::new(publish::DocMemo::default())),
        Some(cache) => {
            let data_print = cache.data_print(site);
            let print = cache::views_fingerprint(site, data_print);
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
    Ok(Renderer {
        site,
        tera,
        links,
        sanitizer: markdown::Sanitizer::new(site.config.unsafe_html),
        template_ids: templates::literal_ids(&site.theme, &["briefing.html", "page.html"]),
        site_value: tera::Value::from_serializable(&context::site_context(site)),
        briefings,
        summaries,
        views,
        search_docs,
        tags,
        series: jobs::series(&briefings_for_series),
        snapshots: Mutex::new(HashMap::new()),
        shortcode_memo: Mutex::new(HashMap::new()),
        check_only: options.check_only,
        text_prints,
        bodies_print,
    })
}

fn render_with(
    site: &Site,
    options: &RenderOptions,
    mut cache: Option<&mut cache::RenderCache>,
    sink: &dyn Sink,
) -> Result<RenderReport, Diagnostics> {
    let mut lap = crate::timing::Lap::start();
    let renderer = prepare(site, options, cache.as_deref_mut())?;
    lap.mark("views");
    let jobs = jobs::all(&renderer);
    let delivery = Delivery {
        sink,
        catalogue: Mutex::new(links::Catalogue::default()),
        report: Mutex::new(RenderReport::default()),
    };
    type Found = (Arc<Vec<links::LinkRecord>>, Arc<Vec<Diagnostic>>);
    let hand_over = |result: Result<cache::Rendered, Vec<Diagnostic>>| -> Result<Found, Vec<Diagnostic>> {
        let rendered = result?;
        delivery.deliver(rendered.file, rendered.ids).map_err(|problem| vec![problem])?;
        Ok((rendered.links, rendered.warnings))
    };
    let results: Vec<Result<Found, Vec<Diagnostic>>> = match cache {
        None if std::env::var_os("BRIEFING_TIMINGS").is_some_and(|v| v == "pages") => {
            timed(&renderer, &jobs).into_iter().map(hand_over).collect()
        }
        // Each page goes to the sink as soon as it is made.
        None => jobs.par_iter().map(|job| hand_over(renderer.render_job(job))).collect(),
        Some(cache) => render_cached(&renderer, &jobs, site, options, cache)
            .into_iter()
            .map(hand_over)
            .collect(),
    };
    lap.mark("pages");
    let mut found_links = Vec::new();
    let mut problems = Diagnostics::new();
    let mut warnings = Diagnostics::new();
    for result in results {
        match result {
            Ok((found, page_warnings)) => {
                found_links.push(found);
                warnings.extend(page_warnings.iter().cloned().collect());
            }
            Err(found) => found.into_iter().for_each(|p| problems.push(p)),
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    let fail = |problem: Diagnostic| Diagnostics::from(problem);
    if options.check_only
        && let Ok(mut catalogue) = delivery.catalogue.lock()
    {
        // Made only when publishing, but links may point at them.
        catalogue.add("feed.xml", None);
        catalogue.add("search-index.js", None);
        catalogue.add("sitemap.xml", None);
    }
    for file in &site.theme.static_files {
        delivery
            .deliver(
                OutputFile {
                    path: format!("static/{}", file.name),
                    bytes: Arc::new(file.bytes.clone()),
                },
                None,
            )
            .map_err(fail)?;
    }
    if !options.check_only {
        deliver_sitemap(&delivery, site, &renderer.links).map_err(fail)?;
    }
    delivery
        .deliver(
            OutputFile {
                path: "robots.txt".into(),
                bytes: Arc::new(publish::robots(&renderer.links).into_bytes()),
            },
            None,
        )
        .map_err(fail)?;
    lap.mark("sitemap");
    let catalogue = delivery.catalogue.into_inner().unwrap_or_default();
    let broken: Diagnostics = links::check(&catalogue, found_links.iter().flat_map(|found| found.iter()))
        .into_iter()
        .collect();
    lap.mark("links");
    let mut report = delivery.report.into_inner().unwrap_or_default();
    report.warnings = warnings;
    let views = renderer.views.clone();
    drop(renderer);
    crate::background::free((views, catalogue, found_links));
    if broken.has_errors() {
        return Err(broken);
    }
    Ok(report)
}

/// The sitemap: every page delivered so far but the 404 page and drafts.
fn deliver_sitemap(delivery: &Delivery<'_>, site: &Site, links: &Links) -> Result<(), Diagnostic> {
    let mut pages: Vec<String> = delivery
        .catalogue
        .lock()
        .map(|c| {
            c.paths()
                .filter(|p| p.ends_with(".html") && *p != "404.html")
                .map(|p| format!("/{}", p.trim_end_matches("index.html")))
                .collect()
        })
        .unwrap_or_default();
    let drafts: std::collections::HashSet<String> = site
        .briefings
        .iter()
        .filter(|b| b.draft)
        .map(|b| format!("/briefings/{}/", b.slug))
        .collect();
    pages.retain(|p| !drafts.contains(p));
    pages.sort();
    delivery.deliver(
        OutputFile {
            path: "sitemap.xml".into(),
            bytes: Arc::new(publish::sitemap(links, &pages).into_bytes()),
        },
        None,
    )
}

/// Renders the jobs and reports the time spent per kind of page on stderr
/// (`BRIEFING_TIMINGS=pages`), for profiling.
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
    let data_print = cache.data_print(site);
    let parts = cache::Parts::of(site, &format!("{options:?}"), data_print);
    let bodies = renderer.bodies_print;
    let texts = &renderer.text_prints;
    let keyed: Vec<(String, u64)> = jobs
        .par_iter()
        .map(|job| (job.key(), renderer.fingerprint(job, &parts, bodies, texts)))
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
        context.insert_value("site", self.site_value.clone());
        context.insert("current_path", path);
        context.insert("page_type", page_type);
        context.insert("as_of_period", &as_of.period.map(|p| p.to_string()).unwrap_or_default());
        context.insert("as_of_date", &as_of.date.to_string());
        fill(&mut context);
        // Rendered as bytes: Tera writes only valid UTF-8, and checking it
        // again for every page would be wasted.
        let mut html = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(template, &context, &mut html)
            .map_err(|error| vec![templates::to_diagnostic(&self.site.theme, &error, Some(template))])?;
        Ok(OutputFile {
            path: output_file(path),
            bytes: Arc::new(html),
        })
    }
}
