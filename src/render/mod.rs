//! Stage 4, render: a pure function from the loaded site to the list of
//! output files (HTML pages, copied static files). Pages render in parallel
//! and nothing here touches the disk.

pub mod context;
pub mod markdown;
pub mod templates;
pub mod urls;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{Briefing, Site};
use context::{BriefingPage, BriefingSummary, SiteContext, StandalonePage};
use urls::{Links, output_file};

/// One file of the finished site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path under the output folder, with `/` separators.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Choices of the build that are not in `site.yaml`.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Overrides `base_url` of `site.yaml`.
    pub base_url: Option<String>,
    /// Forces relative links.
    pub relative: bool,
}

/// A page to render: its site path, template and the values it shows.
enum PageJob<'a> {
    Home,
    Archive,
    Briefing(&'a Briefing, usize),
    Standalone(&'a crate::load::Page),
    NotFound,
}

/// Everything shared by the page renders of one build.
struct Renderer<'a> {
    site: &'a Site,
    tera: Tera,
    links: Links,
    site_context: SiteContext,
    /// All briefings, newest first.
    briefings: Vec<&'a Briefing>,
    summaries: Vec<BriefingSummary>,
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
    let links = links_for(site, options);
    let tera = templates::compile(&site.theme, &links)?;
    let mut briefings: Vec<&Briefing> = site.briefings.iter().collect();
    briefings.sort_by(|a, b| b.date.cmp(&a.date).then(b.issue.cmp(&a.issue)).then(a.slug.cmp(&b.slug)));
    let language = site.config.language;
    let summaries = briefings.iter().map(|b| context::summarize(b, language)).collect();
    let renderer = Renderer {
        site,
        tera,
        links,
        site_context: context::site_context(site),
        briefings,
        summaries,
    };
    let mut jobs = vec![PageJob::Home, PageJob::Archive, PageJob::NotFound];
    jobs.extend(renderer.briefings.iter().enumerate().map(|(i, b)| PageJob::Briefing(b, i)));
    jobs.extend(site.pages.iter().map(PageJob::Standalone));

    let results: Vec<Result<OutputFile, Diagnostic>> = jobs.par_iter().map(|job| renderer.render_job(job)).collect();
    let mut files = Vec::with_capacity(results.len() + site.theme.static_files.len());
    let mut problems = Diagnostics::new();
    for result in results {
        match result {
            Ok(file) => files.push(file),
            Err(problem) => problems.push(problem),
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    files.extend(site.theme.static_files.iter().map(|f| OutputFile {
        path: format!("static/{}", f.name),
        bytes: f.bytes.clone(),
    }));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

impl Renderer<'_> {
    fn render_job(&self, job: &PageJob<'_>) -> Result<OutputFile, Diagnostic> {
        match job {
            PageJob::Home => {
                let latest: Vec<_> = self.summaries.iter().take(self.site.config.home_briefings).collect();
                self.page("/", "index.html", "home", |c| c.insert("briefings", &latest))
            }
            PageJob::Archive => self.page("/briefings/", "archive.html", "archive", |c| {
                c.insert("briefings", &self.summaries);
                c.insert("years", &years(&self.summaries));
            }),
            PageJob::NotFound => self.page("/404.html", "404.html", "not_found", |_| {}),
            PageJob::Briefing(briefing, index) => {
                let path = context::briefing_path(briefing);
                let body = markdown::render(&briefing.body, &path, &self.links);
                let (previous, next) = self.neighbours(*index);
                let summary = self.summaries[*index].clone();
                let page = BriefingPage {
                    summary,
                    content: body.html,
                    toc: body.headings,
                    unit_name: briefing.unit.clone().unwrap_or_default(),
                    distribution_to: briefing.distribution.as_ref().map(|d| d.to.clone()).unwrap_or_default(),
                    distribution_cc: briefing.distribution.as_ref().map(|d| d.cc.clone()).unwrap_or_default(),
                    previous,
                    next,
                };
                self.page(&path, "briefing.html", "briefing", |c| c.insert("briefing", &page))
            }
            PageJob::Standalone(page) => {
                let path = format!("/{}/", page.slug);
                let body = markdown::render(&page.body, &path, &self.links);
                let standalone = StandalonePage {
                    title: page.title.clone(),
                    path: path.clone(),
                    content: body.html,
                    toc: body.headings,
                };
                self.page(&path, "page.html", "page", |c| c.insert("page", &standalone))
            }
        }
    }

    /// Previous and next briefing of the same kind: bulletins by number,
    /// others by date.
    fn neighbours(&self, index: usize) -> (Option<BriefingSummary>, Option<BriefingSummary>) {
        let this = self.briefings[index];
        let mut same: Vec<usize> = (0..self.briefings.len()).filter(|&i| self.briefings[i].kind == this.kind).collect();
        same.sort_by(|&a, &b| {
            let (x, y) = (self.briefings[a], self.briefings[b]);
            x.issue.cmp(&y.issue).then(x.date.cmp(&y.date)).then(x.slug.cmp(&y.slug))
        });
        let Some(position) = same.iter().position(|&i| i == index) else {
            return (None, None);
        };
        let previous = position.checked_sub(1).map(|p| self.summaries[same[p]].clone());
        let next = same.get(position + 1).map(|&n| self.summaries[n].clone());
        (previous, next)
    }

    fn page(&self, path: &str, template: &str, page_type: &str, fill: impl FnOnce(&mut Context)) -> Result<OutputFile, Diagnostic> {
        let mut context = Context::new();
        context.insert("site", &self.site_context);
        context.insert("current_path", path);
        context.insert("page_type", page_type);
        fill(&mut context);
        let html = self
            .tera
            .render(template, &context)
            .map_err(|error| templates::to_diagnostic(&self.site.theme, &error, Some(template)))?;
        Ok(OutputFile {
            path: output_file(path),
            bytes: html.into_bytes(),
        })
    }
}

/// Briefings grouped by year, newest year first, for the archive.
#[derive(Debug, Clone, Serialize)]
struct YearGroup<'a> {
    year: i32,
    briefings: Vec<&'a BriefingSummary>,
}

fn years(summaries: &[BriefingSummary]) -> Vec<YearGroup<'_>> {
    let mut groups: Vec<YearGroup<'_>> = Vec::new();
    for summary in summaries {
        match groups.last_mut() {
            Some(group) if group.year == summary.year => group.briefings.push(summary),
            _ => groups.push(YearGroup {
                year: summary.year,
                briefings: vec![summary],
            }),
        }
    }
    groups
}
