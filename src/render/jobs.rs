//! The pages of the site — content pages and data pages — as jobs, and how
//! each is rendered: which template, which values.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;

use crate::derive::figures::AsOf;
use crate::diagnostics::Diagnostic;
use crate::load::{Briefing, Page};
use crate::render::body::BodySource;
use crate::render::context::{self, BriefingPage, BriefingSummary, StandalonePage};
use crate::render::links::LinkRecord;
use crate::render::markdown::Rendered;
use crate::render::{OutputFile, Renderer, cache, publish};

/// One page to render.
pub(crate) enum PageJob<'a> {
    Home,
    /// Page `n` (from 1) of the archive.
    Archive(usize),
    Tags,
    Tag(usize),
    Search,
    SearchIndex,
    Feed,
    NotFound,
    Briefing(&'a Briefing, usize),
    Standalone(&'a Page),
    Industries,
    Industry(usize),
    ProjectBoard,
    Project(usize),
    Enterprises,
    Enterprise(usize),
    Units,
    Unit(usize),
    Problems,
    ChartFile(String),
}

impl PageJob<'_> {
    /// A key naming the job across rebuilds.
    pub(crate) fn key(&self) -> String {
        match self {
            PageJob::Home => "home".into(),
            PageJob::Archive(n) => format!("archive:{n}"),
            PageJob::Tags => "tags".into(),
            PageJob::Tag(i) => format!("tag:{i}"),
            PageJob::Search => "search".into(),
            PageJob::SearchIndex => "search-index".into(),
            PageJob::Feed => "feed".into(),
            PageJob::NotFound => "404".into(),
            PageJob::Briefing(b, _) => format!("briefing:{}", b.path),
            PageJob::Standalone(p) => format!("page:{}", p.path),
            PageJob::Industries => "industries".into(),
            PageJob::Industry(i) => format!("industry:{i}"),
            PageJob::ProjectBoard => "projects".into(),
            PageJob::Project(i) => format!("project:{i}"),
            PageJob::Enterprises => "enterprises".into(),
            PageJob::Enterprise(i) => format!("enterprise:{i}"),
            PageJob::Units => "units".into(),
            PageJob::Unit(i) => format!("unit:{i}"),
            PageJob::Problems => "problems".into(),
            PageJob::ChartFile(id) => format!("chart:{id}"),
        }
    }

    /// The template the job renders through, if any.
    fn template(&self) -> Option<&'static str> {
        Some(match self {
            PageJob::Home => "index.html",
            PageJob::Archive(_) => "archive.html",
            PageJob::Tags => "tags.html",
            PageJob::Tag(_) => "tag.html",
            PageJob::Search => "search.html",
            PageJob::NotFound => "404.html",
            PageJob::Briefing(..) => "briefing.html",
            PageJob::Standalone(_) => "page.html",
            PageJob::Industries => "industries.html",
            PageJob::Industry(_) => "industry.html",
            PageJob::ProjectBoard => "projects.html",
            PageJob::Project(_) => "project.html",
            PageJob::Enterprises => "enterprises.html",
            PageJob::Enterprise(_) => "enterprise.html",
            PageJob::Units => "units.html",
            PageJob::Unit(_) => "unit.html",
            PageJob::Problems => "problems.html",
            PageJob::SearchIndex | PageJob::Feed | PageJob::ChartFile(_) => return None,
        })
    }
}

impl Renderer<'_> {
    /// A fingerprint of everything the page made by `job` depends on, so a
    /// rebuild re-renders it only when one of those changed: a briefing's
    /// text changes its own page and the search index; its front matter also
    /// the lists, feeds and its neighbours; data the pages that show data;
    /// a template the pages rendered through it.
    /// `bodies` is the fingerprint of the text of every briefing.
    /// `texts` holds the fingerprints of briefing texts by address.
    pub(crate) fn fingerprint(&self, job: &PageJob<'_>, parts: &cache::Parts, bodies: u64, texts: &HashMap<usize, u64>) -> u64 {
        let template = job.template().map_or(0, |t| parts.template(t));
        let base = [parts.common, template];
        let with_body = |front: &str, body: &str, body_print: Option<u64>, extra: &[u64]| {
            let uses_data = body.contains("{{");
            let mut all = vec![
                parts.common,
                template,
                cache::text(front),
                body_print.unwrap_or_else(|| cache::text(body)),
            ];
            if uses_data {
                all.extend([parts.data, parts.shortcodes]);
            }
            all.extend_from_slice(extra);
            cache::combine(&all)
        };
        match job {
            PageJob::Briefing(briefing, index) => {
                let (previous, next) = self.series[*index];
                let neighbour = |i: Option<usize>| i.map_or(0, |i| cache::text(&self.briefings[i].front));
                // The issuing unit's name comes from the data.
                let unit = if briefing.unit.is_some() { parts.data } else { 0 };
                let known = texts.get(&(*briefing as *const Briefing as usize)).copied();
                with_body(
                    &briefing.front,
                    &briefing.body,
                    known,
                    &[neighbour(previous), neighbour(next), unit],
                )
            }
            PageJob::Standalone(page) => with_body(&page.front, &page.body, None, &[]),
            PageJob::Archive(_) | PageJob::Tags | PageJob::Tag(_) => cache::combine(&[base[0], base[1], parts.fronts]),
            PageJob::Feed => cache::combine(&[parts.common, parts.fronts, bodies]),
            PageJob::SearchIndex => cache::combine(&[parts.common, parts.fronts, parts.data, bodies]),
            PageJob::Home => cache::combine(&[base[0], base[1], parts.fronts, parts.data, parts.template("shortcodes/chart.html")]),
            PageJob::Search | PageJob::NotFound => cache::combine(&base),
            PageJob::ChartFile(_) => cache::combine(&[parts.common, parts.data]),
            PageJob::Industry(_) => cache::combine(&[base[0], base[1], parts.data, parts.template("shortcodes/chart.html")]),
            _ => cache::combine(&[base[0], base[1], parts.data]),
        }
    }
}

/// Every page of the site.
pub(crate) fn all<'a>(renderer: &Renderer<'a>) -> Vec<PageJob<'a>> {
    let views = &renderer.views;
    let pages = renderer.summaries.len().div_ceil(renderer.site.config.paginate.max(1)).max(1);
    let mut jobs = vec![
        PageJob::Home,
        PageJob::Tags,
        PageJob::Search,
        PageJob::SearchIndex,
        PageJob::Feed,
        PageJob::NotFound,
        PageJob::Industries,
        PageJob::ProjectBoard,
        PageJob::Enterprises,
        PageJob::Units,
        PageJob::Problems,
    ];
    jobs.extend((1..=pages).map(PageJob::Archive));
    jobs.extend((0..renderer.tags.len()).map(PageJob::Tag));
    jobs.extend(renderer.briefings.iter().enumerate().map(|(i, b)| PageJob::Briefing(b, i)));
    jobs.extend(renderer.site.pages.iter().map(PageJob::Standalone));
    jobs.extend((0..views.industries.len()).map(PageJob::Industry));
    jobs.extend((0..views.projects.len()).map(PageJob::Project));
    jobs.extend((0..views.enterprises.len()).map(PageJob::Enterprise));
    jobs.extend((0..views.units.len()).map(PageJob::Unit));
    jobs.extend(
        crate::derive::charts::all_ids(&renderer.site.data)
            .into_iter()
            .map(PageJob::ChartFile),
    );
    if renderer.check_only {
        // Their paths are still noted for the link check (see `render_with`).
        jobs.retain(|job| !matches!(job, PageJob::SearchIndex | PageJob::Feed));
    }
    jobs
}

/// What rendering a page's Markdown found besides the page: its links and
/// its warnings.
#[derive(Debug, Default)]
pub(crate) struct Findings {
    links: Vec<LinkRecord>,
    warnings: Vec<Diagnostic>,
}

impl Findings {
    /// Notes what the body of `file` (its text starting on `body_line`),
    /// shown on the page `page`, gave.
    fn add(&mut self, file: &str, body_line: usize, page: &str, body: &Rendered, warnings: Vec<Diagnostic>) {
        self.links.extend(link_records(file, body_line, page, body));
        self.warnings.extend(warnings);
    }
}

/// The links of a rendered body, placed in its source file.
fn link_records(file: &str, body_line: usize, page: &str, body: &Rendered) -> Vec<LinkRecord> {
    body.site_links
        .iter()
        .map(|link| LinkRecord {
            file: file.to_string(),
            line: body_line + link.body_line,
            column: link.column,
            page: page.to_string(),
            target: link.target.clone(),
        })
        .collect()
}

/// Previous and next briefing of each briefing (indexes into `briefings`),
/// in the series of its kind: bulletins by number, others by date.
pub(crate) fn series(briefings: &[&Briefing]) -> Vec<(Option<usize>, Option<usize>)> {
    let mut order: Vec<usize> = (0..briefings.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (briefings[a], briefings[b]);
        x.kind
            .cmp(&y.kind)
            .then(x.issue.cmp(&y.issue))
            .then(x.date.cmp(&y.date))
            .then(x.slug.cmp(&y.slug))
    });
    let mut links = vec![(None, None); briefings.len()];
    for pair in order.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if briefings[a].kind == briefings[b].kind {
            links[a].1 = Some(b);
            links[b].0 = Some(a);
        }
    }
    links
}

/// Site path of page `n` of the archive.
fn archive_path(n: usize) -> String {
    if n <= 1 {
        "/briefings/".to_string()
    } else {
        format!("/briefings/page/{n}/")
    }
}

/// Where a paginated list is.
#[derive(Serialize)]
struct Pager {
    page: usize,
    pages: usize,
    previous: Option<String>,
    next: Option<String>,
}

/// One step of the breadcrumbs.
#[derive(Serialize)]
struct Crumb {
    name: String,
    path: Option<String>,
}

/// A status column of the project board.
#[derive(Serialize)]
struct StatusColumn<'a> {
    status: &'static str,
    name: &'static str,
    projects: Vec<&'a crate::render::views::ProjectView>,
}

/// Briefings grouped by year, newest year first, for the archive.
#[derive(Serialize)]
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

impl Renderer<'_> {
    /// Renders one page, with the links its Markdown body holds.
    pub(crate) fn render_job(&self, job: &PageJob<'_>) -> Result<crate::render::cache::Rendered, Vec<Diagnostic>> {
        let mut found = Findings::default();
        let file = self.render_page(job, &mut found)?;
        let ids = file
            .path
            .ends_with(".html")
            .then(|| Arc::new(crate::render::links::ids(&file.bytes)));
        Ok(crate::render::cache::Rendered {
            file,
            links: Arc::new(found.links),
            ids,
            warnings: Arc::new(found.warnings),
        })
    }

    fn render_page(&self, job: &PageJob<'_>, links: &mut Findings) -> Result<OutputFile, Vec<Diagnostic>> {
        let views = &self.views;
        let latest = views.as_of;
        match job {
            PageJob::Home => {
                let recent: Vec<_> = self.summaries.iter().take(self.site.config.home_briefings).collect();
                let charts = self.figures(&crate::derive::charts::HEADLINE, "/")?;
                self.page("/", "index.html", "home", latest, |c| {
                    c.insert("charts", &charts);
                    c.insert("briefings", &recent);
                    c.insert("dashboard", &views.dashboard);
                    c.insert("industries", &views.industries);
                })
            }
            PageJob::Archive(n) => {
                let size = self.site.config.paginate.max(1);
                let pages = self.summaries.len().div_ceil(size).max(1);
                let chunk: Vec<BriefingSummary> = self.summaries.iter().skip((n - 1) * size).take(size).cloned().collect();
                let path = archive_path(*n);
                let pager = Pager {
                    page: *n,
                    pages,
                    previous: (*n > 1).then(|| archive_path(n - 1)),
                    next: (*n < pages).then(|| archive_path(n + 1)),
                };
                self.page(&path, "archive.html", "archive", latest, |c| {
                    c.insert("briefings", &chunk);
                    c.insert("years", &years(&chunk));
                    c.insert("total", &self.summaries.len());
                    c.insert("pager", &pager);
                })
            }
            PageJob::Tags => self.page("/tags/", "tags.html", "tags", latest, |c| c.insert("tags", &self.tags)),
            PageJob::Tag(i) => {
                let tag = &self.tags[*i];
                let briefings: Vec<&BriefingSummary> = self.summaries.iter().filter(|s| s.tags.contains(&tag.name)).collect();
                let crumbs = self.crumbs("tags_title", "/tags/", &tag.name);
                self.page(&tag.path, "tag.html", "tag", latest, |c| {
                    c.insert("tag", tag);
                    c.insert("briefings", &briefings);
                    c.insert("crumbs", &crumbs);
                })
            }
            PageJob::Search => self.page("/search/", "search.html", "search", latest, |c| {
                c.insert("relative", &self.links.relative)
            }),
            PageJob::SearchIndex => Ok(OutputFile {
                path: "search-index.js".into(),
                bytes: Arc::new(
                    publish::search_index(
                        &self.summaries,
                        &self.briefings,
                        views,
                        &self.search_labels(),
                        &self.search_docs,
                        &self.text_prints,
                    )
                    .into_bytes(),
                ),
            }),
            PageJob::Feed => Ok(OutputFile {
                path: "feed.xml".into(),
                bytes: Arc::new(publish::feed(self.site, &self.links, &self.briefings, &self.summaries).into_bytes()),
            }),
            PageJob::NotFound => self.page("/404.html", "404.html", "not_found", latest, |_| {}),
            PageJob::Briefing(briefing, index) => self.briefing(briefing, *index, links),
            PageJob::Standalone(page) => {
                let path = format!("/{}/", page.slug);
                let (body, warnings) = self.render_body(&BodySource {
                    file: &page.path,
                    body: &page.body,
                    body_line: page.body_line,
                    page: &path,
                    as_of: latest,
                })?;
                links.add(&page.path, page.body_line, &path, &body, warnings);
                let standalone = StandalonePage {
                    title: page.title.clone(),
                    path: path.clone(),
                    content: body.html,
                    toc: body.headings,
                };
                self.page(&path, "page.html", "page", latest, |c| c.insert("page", &standalone))
            }
            PageJob::Industries => self.page("/industries/", "industries.html", "industries", latest, |c| {
                c.insert("industries", &views.industries);
                c.insert("dashboard", &views.dashboard);
            }),
            PageJob::Industry(i) => {
                let industry = &views.industries[*i];
                let charts = self.figures(&[&format!("industry-{}", industry.id)], &industry.path)?;
                let crumbs = self.crumbs("nav_industries", "/industries/", &industry.name);
                self.page(&industry.path, "industry.html", "industry", latest, |c| {
                    c.insert("crumbs", &crumbs);
                    c.insert("industry", industry);
                    c.insert("charts", &charts);
                })
            }
            PageJob::ProjectBoard => {
                let columns: Vec<StatusColumn<'_>> = crate::load::data::Status::ALL
                    .iter()
                    .rev()
                    .map(|s| StatusColumn {
                        status: s.as_str(),
                        name: crate::derive::format::status_name(Some(*s), self.site.config.language),
                        projects: views.projects.iter().filter(|p| p.status == s.as_str()).collect(),
                    })
                    .collect();
                self.page("/projects/", "projects.html", "projects", latest, |c| {
                    c.insert("columns", &columns);
                    c.insert("counts", &views.dashboard.projects);
                    c.insert("date_text", &views.dashboard.date_text);
                })
            }
            PageJob::Project(i) => {
                let project = &views.projects[*i];
                let crumbs = self.crumbs("nav_projects", "/projects/", &project.name);
                self.page(&project.path, "project.html", "project", latest, |c| {
                    c.insert("project", project);
                    c.insert("crumbs", &crumbs);
                })
            }
            PageJob::Enterprises => self.page("/enterprises/", "enterprises.html", "enterprises", latest, |c| {
                c.insert("enterprises", &views.enterprises);
            }),
            PageJob::Enterprise(i) => {
                let enterprise = &views.enterprises[*i];
                let crumbs = self.crumbs("nav_enterprises", "/enterprises/", &enterprise.name);
                self.page(&enterprise.path, "enterprise.html", "enterprise", latest, |c| {
                    c.insert("enterprise", enterprise);
                    c.insert("crumbs", &crumbs);
                })
            }
            PageJob::Units => self.page("/units/", "units.html", "units", latest, |c| c.insert("units", &views.units)),
            PageJob::Unit(i) => {
                let unit = &views.units[*i];
                let crumbs = self.crumbs("units_title", "/units/", &unit.name);
                self.page(&unit.path, "unit.html", "unit", latest, |c| {
                    c.insert("unit", unit);
                    c.insert("crumbs", &crumbs);
                })
            }
            PageJob::ChartFile(id) => match self.chart_file(id) {
                Some(Ok(svg)) => Ok(OutputFile {
                    path: format!("charts/{id}.svg"),
                    bytes: Arc::new(svg.into_bytes()),
                }),
                Some(Err(message)) => Err(vec![Diagnostic::error("content/data", 0, 0, message)]),
                None => Ok(OutputFile {
                    path: String::new(),
                    bytes: Arc::new(Vec::new()),
                }),
            },
            PageJob::Problems => self.page("/problems/", "problems.html", "problems", latest, |c| {
                c.insert("problems", &views.problem_rows);
                c.insert("counts", &views.dashboard.problems);
                c.insert("key_counts", &views.dashboard.key_problems);
                c.insert("date_text", &views.dashboard.date_text);
            }),
        }
    }

    /// Breadcrumbs of a page inside a section: the section (its name an
    /// interface text) with its link, then the page itself.
    fn crumbs(&self, section_key: &str, section_path: &str, name: &str) -> Vec<Crumb> {
        vec![
            Crumb {
                name: self.text(section_key),
                path: Some(section_path.to_string()),
            },
            Crumb {
                name: name.to_string(),
                path: None,
            },
        ]
    }

    fn search_labels(&self) -> publish::SearchLabels {
        publish::SearchLabels {
            project: self.text("col_project"),
            enterprise: self.text("col_enterprise"),
            unit: self.text("col_unit"),
            problem: self.text("col_problem"),
        }
    }

    /// Figures of the charts `ids` as of the latest data, for a data page.
    fn figures(&self, ids: &[&str], page: &str) -> Result<Vec<String>, Vec<Diagnostic>> {
        ids.iter()
            .map(|id| {
                self.chart_figure(id, self.views.as_of, &format!("chart-{id}"), &format!("figure-{id}"), page)
                    .map_err(|(message, _)| {
                        vec![Diagnostic::error(
                            self.site.theme.template_path("shortcodes/chart.html"),
                            0,
                            0,
                            message,
                        )]
                    })
            })
            .collect()
    }

    fn briefing(&self, briefing: &Briefing, index: usize, links: &mut Findings) -> Result<OutputFile, Vec<Diagnostic>> {
        let path = context::briefing_path(briefing);
        let as_of = AsOf::for_briefing(&self.site.data, briefing.as_of, briefing.date);
        let (body, warnings) = self.render_body(&BodySource {
            file: &briefing.path,
            body: &briefing.body,
            body_line: briefing.body_line,
            page: &path,
            as_of,
        })?;
        links.add(&briefing.path, briefing.body_line, &path, &body, warnings);
        let (previous, next) = self.neighbours(index);
        let unit_name = briefing
            .unit
            .as_deref()
            .map(|u| self.site.data.unit(u).map_or_else(|| u.to_string(), |unit| unit.name.clone()))
            .unwrap_or_default();
        let page = BriefingPage {
            summary: self.summaries[index].clone(),
            content: body.html,
            toc: body.headings,
            unit_name,
            as_of_text: as_of.period.map(|p| p.chinese()).unwrap_or_default(),
            distribution_to: briefing.distribution.as_ref().map(|d| d.to.clone()).unwrap_or_default(),
            distribution_cc: briefing.distribution.as_ref().map(|d| d.cc.clone()).unwrap_or_default(),
            previous,
            next,
        };
        self.page(&path, "briefing.html", "briefing", as_of, |c| c.insert("briefing", &page))
    }

    /// Previous and next briefing of the same kind.
    fn neighbours(&self, index: usize) -> (Option<BriefingSummary>, Option<BriefingSummary>) {
        let (previous, next) = self.series[index];
        (previous.map(|p| self.summaries[p].clone()), next.map(|n| self.summaries[n].clone()))
    }
}
