//! Stage 4, render: a pure function from the loaded and derived site to
//! the output files (HTML pages, feed, search index, charts, copied static
//! files). Every page is declared once in [`pages`] as a [`recipe`] of
//! inputs; pages are made in parallel, each handed to a [`Sink`] as soon as
//! it is made, and nothing here touches the disk. [`incremental`] reuses
//! the pages whose recipe did not change.

mod body;
mod claims;
pub(crate) mod context;
mod deadline;
mod downloads;
mod figures;
mod html_depth;
pub mod incremental;
pub(crate) mod links;
pub mod markdown;
mod pages;
pub(crate) mod publish;
mod recipe;
mod search;
mod site_url;
pub mod svg;
pub(crate) mod templates;
pub mod urls;
mod word;

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use tera::Tera;

use crate::derive::Derived;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::Site;
use crate::routes::{self, Route};
use claims::Maker;
use incremental::{RenderCache, Rendered};
use pages::PageId;
use recipe::Findings;
use urls::Links;

/// One file of the finished site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path under the output folder, with `/` separators.
    pub path: String,
    /// Shared, so that cached pages are not copied on every rebuild.
    pub bytes: Arc<Vec<u8>>,
}

impl OutputFile {
    /// No file (a chart with nothing to draw): skipped when delivered.
    pub(crate) fn none() -> OutputFile {
        OutputFile {
            path: String::new(),
            bytes: Arc::new(Vec::new()),
        }
    }
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
    /// The process exits when the build ends: large values are left to
    /// the operating system (see [`crate::background`]).
    pub exits_after: bool,
}

/// Everything shared by the pages of one build: the site, what was derived
/// from it, and the services that make pages (templates, links, the
/// sanitiser), with per-build memos that change no result.
pub(crate) struct Renderer<'a> {
    pub(crate) site: &'a Site,
    pub(crate) derived: &'a Derived,
    pub(crate) tera: Tera,
    /// The deadline every render of the build runs under.
    pub(crate) clock: Arc<deadline::Clock>,
    pub(crate) templates: templates::TemplatePrints,
    pub(crate) links: Links,
    pub(crate) sanitizer: markdown::Sanitizer,
    /// `site` of every template, converted once.
    site_value: tera::Value,
    /// Ids written in the templates of pages with a Markdown body: heading
    /// ids step around them.
    pub(crate) template_ids: BTreeSet<String>,
    /// What the search index remembers across rebuilds.
    search_docs: Arc<search::Memo>,
    /// Whether pages note their text for the search index (not when only
    /// checking).
    pub(crate) search_text: bool,
    /// Fingerprints of briefing texts by the address of the briefing
    /// (incremental builds only).
    text_prints: HashMap<usize, u64>,
    /// Rendered shortcodes by call and moment: a cache of HTML made from
    /// the moments' figures, which changes no result.
    pub(crate) shortcode_memo: Mutex<HashMap<body::MemoKey, markdown::Expansion>>,
}

/// Links of the build, from `site.yaml` and the command line.
pub(crate) fn links_for(site: &Site, options: &RenderOptions) -> Links {
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
pub(crate) trait Sink: Sync {
    fn accept(&self, file: OutputFile) -> Result<(), Diagnostic>;
}

/// A sink that drops every file, for `check`.
pub(crate) struct Discard;

impl Sink for Discard {
    fn accept(&self, _: OutputFile) -> Result<(), Diagnostic> {
        Ok(())
    }
}

/// A sink that keeps every file, for tests and the preview server.
#[derive(Default)]
pub(crate) struct Collect(Mutex<Vec<OutputFile>>);

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
    pub(crate) fn into_files(self) -> Vec<OutputFile> {
        let mut files = self.0.into_inner().unwrap_or_default();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

/// What a render produced: numbers, and the warnings of the pages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RenderReport {
    pub(crate) files: usize,
    pub(crate) pages: usize,
    pub(crate) charts: usize,
    pub(crate) search_index_bytes: usize,
    pub(crate) warnings: Diagnostics,
}

/// Renders every file of the site into memory.
pub fn render(site: &Site, derived: &Derived, options: &RenderOptions) -> Result<Vec<OutputFile>, Diagnostics> {
    let sink = Collect::default();
    render_with(site, derived, options, None, &sink)?;
    Ok(sink.into_files())
}

/// Renders every file of the site into `sink` as it is made.
pub(crate) fn render_into(site: &Site, derived: &Derived, options: &RenderOptions, sink: &dyn Sink) -> Result<RenderReport, Diagnostics> {
    render_with(site, derived, options, None, sink)
}

/// Renders every file of the site, making again only the pages whose
/// recipe differs from the one `cache` remembers; the files and the
/// warnings of the pages.
pub fn render_incremental(
    site: &Site,
    derived: &Derived,
    options: &RenderOptions,
    cache: &mut RenderCache,
) -> Result<(Vec<OutputFile>, Diagnostics), Diagnostics> {
    let sink = Collect::default();
    let report = render_with(site, derived, options, Some(cache), &sink)?;
    Ok((sink.into_files(), report.warnings))
}

/// A Markdown body rendered alone: its HTML and its warnings, or its
/// errors.
pub type BodyResult = Result<(String, Diagnostics), Diagnostics>;

/// Renders each of `bodies` as the text of a standalone page of `site`
/// (figures as of its latest data), through the whole Markdown pipeline of
/// the build: for checking how the site reads Markdown (the conformance
/// tests), without templates around the text.
pub fn render_bodies(site: &Site, derived: &Derived, options: &RenderOptions, bodies: &[&str]) -> Result<Vec<BodyResult>, Diagnostics> {
    let renderer = Renderer::new(site, derived, options, None)?;
    let as_of = derived.views.as_of;
    Ok(bodies
        .par_iter()
        .map(|body| {
            let source = body::BodySource {
                file: "body.md",
                body,
                body_line: 1,
                page: "/body/".to_string(),
                as_of,
                briefing: None,
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
    /// Hands `file`, made by `maker`, to the sink; `ids` are those the
    /// page defines (found here when not known). A second file at a path
    /// already delivered is noted, not handed on: it is reported when all
    /// files are in (see [`claims`]).
    fn deliver(&self, file: OutputFile, ids: Option<Arc<BTreeSet<String>>>, maker: Maker) -> Result<(), Diagnostic> {
        if file.path.is_empty() {
            return Ok(());
        }
        let ids = ids.or_else(|| file.path.ends_with(".html").then(|| Arc::new(links::ids(&file.bytes))));
        if let Ok(mut catalogue) = self.catalogue.lock()
            && !catalogue.add(&file.path, ids, maker)
        {
            return Ok(());
        }
        if let Ok(mut report) = self.report.lock() {
            report.files += 1;
            report.pages += usize::from(file.path.ends_with(".html"));
            report.charts += usize::from(routes::is_chart_svg(&file.path));
            if routes::is_search_index(&file.path) {
                report.search_index_bytes += file.bytes.len();
            }
        }
        self.sink.accept(file)
    }

    /// The errors of the paths claimed twice so far.
    fn clashes(&self, renderer: &Renderer<'_>) -> Diagnostics {
        self.catalogue
            .lock()
            .map(|catalogue| claims::errors(&catalogue.clashes(), renderer))
            .unwrap_or_default()
    }
}

impl<'a> Renderer<'a> {
    /// The services of a build of `site`; `cache` lends what `serve` keeps.
    fn new(
        site: &'a Site,
        derived: &'a Derived,
        options: &RenderOptions,
        cache: Option<&mut RenderCache>,
    ) -> Result<Renderer<'a>, Diagnostics> {
        let links = links_for(site, options);
        let clock = Arc::new(deadline::Clock::for_build());
        let tera = templates::compile(site, &derived.moments, &derived.locale, &links, &clock)?;
        let (text_prints, search_docs) = match cache {
            Some(cache) => (cache.text_prints(site), cache.search_docs.clone()),
            None => (HashMap::new(), Arc::new(search::Memo::one_shot())),
        };
        Ok(Renderer {
            site,
            derived,
            tera,
            clock,
            templates: templates::TemplatePrints::of(&site.theme),
            links,
            sanitizer: markdown::Sanitizer::new(site.config.unsafe_html),
            site_value: tera::Value::from_serializable(&context::site_context(site, &derived.locale)),
            template_ids: templates::literal_ids(&site.theme, &["briefing.html", "page.html"]),
            search_docs,
            search_text: !options.check_only,
            text_prints,
            shortcode_memo: Mutex::new(HashMap::new()),
        })
    }

    /// Makes one page, with the links and warnings of its Markdown.
    pub(crate) fn render_page(&self, page: PageId) -> Result<Rendered, Vec<Diagnostic>> {
        let recipe = self.recipe(page);
        let mut found = Findings::default();
        let file = self.make(&recipe, &mut found)?;
        let ids = file.path.ends_with(".html").then(|| Arc::new(links::ids(&file.bytes)));
        let search = found
            .text
            .and_then(|text| search::page_doc(self.site, self.derived, page, &text))
            .map(|doc| self.search_docs.entry(&doc));
        Ok(Rendered {
            file,
            links: Arc::new(found.links),
            ids,
            warnings: Arc::new(found.warnings),
            search,
        })
    }
}

/// At most this many pages are rendered in one go by one thread. Rayon
/// otherwise cuts the pages into a few long runs, and a thread that ends
/// its run early cannot take over part of another's: on two cores one sat
/// idle for the last fifth of the pages stage (0.3 s of 1.6 s).
pub(crate) const PAGES_PER_JOB: usize = 16;

fn render_with(
    site: &Site,
    derived: &Derived,
    options: &RenderOptions,
    mut cache: Option<&mut RenderCache>,
    sink: &dyn Sink,
) -> Result<RenderReport, Diagnostics> {
    let mut lap = crate::timing::Lap::start();
    let disposal = crate::background::Disposal::of(options.exits_after);
    let renderer = Renderer::new(site, derived, options, cache.as_deref_mut())?;
    lap.mark("templates");
    let pages = pages::all(site, &renderer, options.check_only);
    let delivery = Delivery {
        sink,
        catalogue: Mutex::new(links::Catalogue::withholding(site.withheld.clone())),
        report: Mutex::new(RenderReport::default()),
    };
    type Found = (Arc<Vec<links::LinkRecord>>, Arc<Vec<Diagnostic>>, Option<Arc<search::Entry>>);
    let hand_over = |page: &PageId, result: Result<Rendered, Vec<Diagnostic>>| -> Result<Found, Vec<Diagnostic>> {
        let rendered = result?;
        delivery
            .deliver(rendered.file, rendered.ids, Maker::Page(*page))
            .map_err(|problem| vec![problem])?;
        Ok((rendered.links, rendered.warnings, rendered.search))
    };
    let make_pages = || -> Vec<Result<Found, Vec<Diagnostic>>> {
        match cache {
            None if std::env::var_os("BRIEFING_TIMINGS").is_some_and(|v| v == "pages") => pages
                .iter()
                .zip(timed(&renderer, &pages))
                .map(|(page, result)| hand_over(page, result))
                .collect(),
            // Each page goes to the sink as soon as it is made.
            None => pages
                .par_iter()
                .with_max_len(PAGES_PER_JOB)
                .map(|page| hand_over(page, renderer.render_page(*page)))
                .collect(),
            Some(cache) => pages
                .iter()
                .zip(incremental::make_changed(&renderer, &pages, options, cache))
                .map(|(page, result)| hand_over(page, result))
                .collect(),
        }
    };
    // The records' search entries are made beside the pages.
    let (results, records) = rayon::join(make_pages, || {
        (!options.check_only).then(|| {
            renderer.search_docs.records(&derived.views, || {
                search::record_kinds(&derived.views, &derived.locale, &renderer.search_docs)
            })
        })
    });
    lap.mark("pages");
    let mut found_links = Vec::new();
    let mut problems = Diagnostics::new();
    let mut failed = Vec::new();
    let mut warnings = Diagnostics::new();
    let mut entries = search::PageEntries::for_site(site, derived);
    for (page, result) in pages.iter().zip(results) {
        match result {
            Ok((found, page_warnings, entry)) => {
                found_links.push(found);
                warnings.extend(page_warnings.iter().cloned().collect());
                if let Some(entry) = entry {
                    entries.note(*page, entry);
                }
            }
            Err(found) => failed.extend(found),
        }
    }
    deadline::without_stopped(failed).into_iter().for_each(|p| problems.push(p));
    if problems.has_errors() {
        problems.extend(delivery.clashes(&renderer));
        return Err(problems);
    }
    let fail = |problem: Diagnostic| Diagnostics::from(problem);
    if options.check_only
        && let Ok(mut catalogue) = delivery.catalogue.lock()
    {
        // Made only when publishing, but links may point at them.
        catalogue.add(&Route::feed().output_file(), None, Maker::Page(PageId::Feed));
        catalogue.add(&Route::search_index().output_file(), None, Maker::SearchIndex);
        catalogue.add(&Route::sitemap().output_file(), None, Maker::Sitemap);
        for register in downloads::Register::ALL {
            for form in downloads::Form::ALL {
                let path = downloads::route(register, form).output_file();
                catalogue.add(&path, None, Maker::Page(PageId::Download(register, form)));
            }
        }
        for (i, chart) in derived.charts.iter().enumerate() {
            catalogue.add(&Route::chart_csv(chart).output_file(), None, Maker::Page(PageId::ChartData(i)));
        }
    }
    // The search index is made and written beside the sitemap.
    let index = || -> Result<(), Diagnostic> {
        if let Some(records) = records {
            let deliver = |file: OutputFile| delivery.deliver(file, None, Maker::SearchIndex);
            search::site_index(site, derived, &renderer.search_docs, entries, &records, disposal, &deliver)?;
            disposal.free(records);
        }
        Ok(())
    };
    let (indexed, sitemap) = rayon::join(index, || deliver_rest(&delivery, site, options, &renderer.links));
    indexed.map_err(fail)?;
    warnings.extend(sitemap.map_err(fail)?.into_iter().collect());
    lap.mark("search+sitemap");
    let clashes = delivery.clashes(&renderer);
    if clashes.has_errors() {
        return Err(clashes);
    }
    let catalogue = delivery.catalogue.into_inner().unwrap_or_default();
    let broken: Diagnostics = links::check(&catalogue, found_links.iter().flat_map(|found| found.iter()))
        .into_iter()
        .collect();
    lap.mark("links");
    let mut report = delivery.report.into_inner().unwrap_or_default();
    report.warnings = warnings;
    drop(renderer);
    disposal.free((catalogue, found_links));
    if broken.has_errors() {
        return Err(broken);
    }
    Ok(report)
}

/// The theme's static files, the sitemap (when publishing) and
/// `robots.txt`; the warning that the sitemap has no host, if so.
fn deliver_rest(delivery: &Delivery<'_>, site: &Site, options: &RenderOptions, links: &Links) -> Result<Option<Diagnostic>, Diagnostic> {
    for (i, file) in site.theme.static_files.iter().enumerate() {
        delivery.deliver(
            OutputFile {
                path: Route::static_file(&file.name).output_file(),
                bytes: Arc::new(file.bytes.clone()),
            },
            None,
            Maker::Static(i),
        )?;
    }
    let mut warning = None;
    if !options.check_only {
        deliver_sitemap(delivery, site, links)?;
        if links.origin.is_empty() {
            warning = Some(sitemap_without_host(site, options));
        }
    }
    delivery.deliver(
        OutputFile {
            path: Route::robots().output_file(),
            bytes: Arc::new(publish::robots(links).into_bytes()),
        },
        None,
        Maker::Robots,
    )?;
    Ok(warning)
}

/// The warning that the sitemap holds paths: `base_url` (or `--base-url`)
/// has no host.
fn sitemap_without_host(site: &Site, options: &RenderOptions) -> Diagnostic {
    let (path, line) = match options.base_url {
        Some(_) => ("--base-url", 0),
        None => (crate::load::config::CONFIG_FILE, site.config.base_url_line),
    };
    Diagnostic::warning(
        path,
        line,
        usize::from(line > 0),
        "sitemap.xml lists paths, not full addresses: `base_url` has no host",
    )
    .with_hint("search engines read only full addresses: set `base_url: https://host/path/` in site.yaml (or pass `--base-url`)")
}

/// The sitemap: every page delivered so far but the 404 page and drafts.
fn deliver_sitemap(delivery: &Delivery<'_>, site: &Site, links: &Links) -> Result<(), Diagnostic> {
    let not_found = Route::not_found().output_file();
    let mut pages: Vec<String> = delivery
        .catalogue
        .lock()
        .map(|c| {
            c.paths()
                .filter(|p| p.ends_with(".html") && *p != not_found)
                .map(routes::site_path)
                .collect()
        })
        .unwrap_or_default();
    let drafts: std::collections::HashSet<String> = site
        .briefings
        .iter()
        .filter(|b| b.draft)
        .map(|b| Route::briefing(&b.slug).into_path())
        .collect();
    pages.retain(|p| !drafts.contains(p));
    pages.sort();
    delivery.deliver(
        OutputFile {
            path: Route::sitemap().output_file(),
            bytes: Arc::new(publish::sitemap(links, &pages).into_bytes()),
        },
        None,
        Maker::Sitemap,
    )
}

/// Makes the pages and reports the time spent per kind of page on stderr
/// (`BRIEFING_TIMINGS=pages`), for profiling.
fn timed(renderer: &Renderer<'_>, pages: &[PageId]) -> Vec<Result<Rendered, Vec<Diagnostic>>> {
    let spent: Mutex<std::collections::BTreeMap<String, (usize, f64)>> = Mutex::new(Default::default());
    let results = pages
        .par_iter()
        .with_max_len(PAGES_PER_JOB)
        .map(|page| {
            let started = std::time::Instant::now();
            let result = renderer.render_page(*page);
            let kind = format!("{page:?}").split('(').next().unwrap_or_default().to_string();
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
            eprintln!("timing: render {kind}: {count} pages, {seconds:.3} s of CPU");
        }
    }
    results
}
