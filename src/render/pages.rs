//! Every kind of page of the site, each declared once: the pages of its
//! kind, where each goes, the template it goes through and the inputs it
//! is made from (its [`Recipe`]). Adding a kind of page is adding a
//! variant here and its arm in [`Renderer::recipe`].

use serde::Serialize;

use crate::derive::briefings::{BriefingSummary, Listed};
use crate::derive::charts::ChartId;
use crate::derive::figures::AsOf;
use crate::derive::views::ProjectView;
use crate::load::Site;
use crate::load::data::Status;
use crate::render::Renderer;
use crate::render::body::BodySource;
use crate::render::context::{BriefingPage, StandalonePage};
use crate::render::downloads::{self, Form, Register};
use crate::render::recipe::{Make, Recipe};
use crate::routes::Route;

/// One page of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum PageId {
    Home,
    /// Page `n` (from 1) of the archive.
    Archive(usize),
    Tags,
    Tag(usize),
    Search,
    Feed,
    NotFound,
    /// The briefing at this place of the archive.
    Briefing(usize),
    Standalone(usize),
    Industries,
    Industry(usize),
    ProjectBoard,
    Project(usize),
    Enterprises,
    Enterprise(usize),
    Units,
    Unit(usize),
    Problems,
    Supervision,
    ChartFile(usize),
    /// A register as a file to download.
    Download(Register, Form),
    /// `/charts/<id>.csv`: the numbers of a chart.
    ChartData(usize),
    /// The Word edition of the briefing at this place of the archive.
    Word(usize),
}

/// How many of the newest briefings get a Word edition.
pub(crate) fn word_editions(site: &Site, renderer: &Renderer<'_>) -> usize {
    site.config.word_editions.min(renderer.derived.briefings.len())
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
    projects: Vec<&'a ProjectView>,
}

/// Briefings grouped by year, newest year first, for the archive.
#[derive(Serialize)]
struct YearGroup<'a> {
    year: i32,
    briefings: Vec<&'a BriefingSummary>,
}

fn years<'a>(summaries: &[&'a BriefingSummary]) -> Vec<YearGroup<'a>> {
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

/// Breadcrumbs of a page inside a section: the section (its name an
/// interface text) with its link, then the page itself.
/// What names one record's page: its kind (`project`), template, id, path
/// and display name.
struct Record<'a> {
    kind: &'static str,
    template: &'static str,
    id: &'a str,
    path: &'a str,
    name: &'a str,
}

impl<'a> Record<'a> {
    fn new(kind: &'static str, template: &'static str, id: &'a str, path: &'a str, name: &'a str) -> Record<'a> {
        Record {
            kind,
            template,
            id,
            path,
            name,
        }
    }
}

fn crumbs(renderer: &Renderer<'_>, section_key: &str, section_path: &str, name: &str) -> Vec<Crumb> {
    vec![
        Crumb {
            name: renderer.derived.locale.text(section_key),
            path: Some(section_path.to_string()),
        },
        Crumb {
            name: name.to_string(),
            path: None,
        },
    ]
}

/// Every page of `site`; `check_only` leaves out the files that only a
/// published site needs (feed, search index).
pub(crate) fn all(site: &Site, renderer: &Renderer<'_>, check_only: bool) -> Vec<PageId> {
    let derived = renderer.derived;
    let views = &derived.views;
    let archive_pages = derived.briefings.len().div_ceil(site.config.paginate.max(1)).max(1);
    let mut pages = vec![
        PageId::Home,
        PageId::Tags,
        PageId::Search,
        PageId::NotFound,
        PageId::Industries,
        PageId::ProjectBoard,
        PageId::Enterprises,
        PageId::Units,
        PageId::Problems,
        PageId::Supervision,
    ];
    if !check_only {
        pages.push(PageId::Feed);
        for register in Register::ALL {
            pages.extend(Form::ALL.map(|form| PageId::Download(register, form)));
        }
        pages.extend((0..derived.charts.len()).map(PageId::ChartData));
        pages.extend((0..word_editions(site, renderer)).map(PageId::Word));
    }
    pages.extend((1..=archive_pages).map(PageId::Archive));
    pages.extend((0..derived.tags.len()).map(PageId::Tag));
    pages.extend((0..derived.briefings.len()).map(PageId::Briefing));
    pages.extend((0..site.pages.len()).map(PageId::Standalone));
    pages.extend((0..views.industries.len()).map(PageId::Industry));
    pages.extend((0..views.projects.len()).map(PageId::Project));
    pages.extend((0..views.enterprises.len()).map(PageId::Enterprise));
    pages.extend((0..views.units.len()).map(PageId::Unit));
    pages.extend((0..derived.charts.len()).map(PageId::ChartFile));
    pages
}

impl<'r> Renderer<'r> {
    /// What page `id` is made from. Cheap: it points at what the build
    /// already has, and renders nothing.
    pub(crate) fn recipe(&'r self, id: PageId) -> Recipe<'r> {
        let site = self.site;
        let derived = self.derived;
        let views = &*derived.views;
        let latest = views.as_of;
        let listed = &derived.briefings;
        let summaries = || listed.iter().map(|l| &l.summary);
        match id {
            PageId::Home => {
                let recent: Vec<&BriefingSummary> = summaries().take(site.config.home_briefings).collect();
                Recipe::page("home".into(), Route::home(), "index.html", "home", latest)
                    .charts("charts", ChartId::HEADLINE.iter().collect(), latest)
                    .value("briefings", recent)
                    .data_view("dashboard", &views.dashboard, "dashboard".into())
                    .data_view("industries", &views.industries, "industries".into())
            }
            PageId::Archive(n) => {
                let size = site.config.paginate.max(1);
                let pages = listed.len().div_ceil(size).max(1);
                let chunk: Vec<&BriefingSummary> = summaries().skip((n - 1) * size).take(size).collect();
                let pager = Pager {
                    page: n,
                    pages,
                    previous: (n > 1).then(|| Route::archive(n - 1).into_path()),
                    next: (n < pages).then(|| Route::archive(n + 1).into_path()),
                };
                let groups = years(&chunk);
                Recipe::page(format!("archive:{n}"), Route::archive(n), "archive.html", "archive", latest)
                    .value("years", groups)
                    .value("briefings", chunk)
                    .value("total", listed.len())
                    .value("pager", pager)
            }
            PageId::Tags => Recipe::page("tags".into(), Route::tags(), "tags.html", "tags", latest).value("tags", &derived.tags),
            PageId::Tag(i) => {
                let tag = &derived.tags[i];
                let briefings: Vec<&BriefingSummary> = summaries().filter(|s| s.tags.contains(&tag.name)).collect();
                Recipe::page(format!("tag:{}", tag.name), tag.path.clone(), "tag.html", "tag", latest)
                    .value("tag", tag)
                    .value("briefings", briefings)
                    .value("crumbs", crumbs(self, "tags_title", Route::tags().path(), &tag.name))
            }
            PageId::Search => {
                Recipe::page("search".into(), Route::search(), "search.html", "search", latest).value("relative", self.links.relative)
            }
            PageId::Feed => {
                let entries: Vec<&Listed> = listed.iter().filter(|l| !l.summary.draft).take(30).collect();
                let bodies = entries
                    .iter()
                    .filter(|l| l.summary.summary.is_empty())
                    .map(|l| &*site.briefings[l.source])
                    .collect();
                Recipe {
                    key: "feed".into(),
                    path: Route::feed().into_path(),
                    make: Make::Feed {
                        updated: listed.first().map(|l| site.briefings[l.source].date),
                        entries,
                        bodies,
                    },
                }
            }
            // A server returns this page for any missing path, however deep:
            // with relative links it resolves them from the site's base.
            PageId::NotFound => Recipe::page("404".into(), Route::not_found(), "404.html", "not_found", latest).value(
                "base_href",
                if self.links.relative {
                    self.links.base_path.clone()
                } else {
                    String::new()
                },
            ),
            PageId::Briefing(i) => self.briefing_recipe(i, &listed[i]),
            PageId::Standalone(i) => {
                let page = &site.pages[i];
                let path = Route::page(&page.slug).into_path();
                let standalone = StandalonePage {
                    title: page.title.clone(),
                    path: path.clone(),
                };
                let body = BodySource {
                    file: &page.path,
                    body: &page.body,
                    body_line: page.body_line,
                    page: path.clone(),
                    as_of: latest,
                    briefing: None,
                };
                Recipe::page(format!("page:{}", page.path), path, "page.html", "page", latest).with_body("page", standalone, body)
            }
            PageId::Industries => Recipe::page("industries".into(), Route::industries(), "industries.html", "industries", latest)
                .data_view("industries", &views.industries, "industries".into())
                .data_view("dashboard", &views.dashboard, "dashboard".into())
                .charts("charts", self.section_charts(ChartId::OutputByIndustry, false), latest),
            PageId::Industry(i) => {
                let industry = &views.industries[i];
                let record = Record::new("industry", "industry.html", &industry.id, &industry.path, &industry.name);
                self.record_page(record, industry, ("nav_industries", Route::industries()), latest)
                    .charts("charts", vec![self.industry_chart(i)], latest)
            }
            PageId::ProjectBoard => {
                let columns: Vec<StatusColumn<'_>> = Status::ALL
                    .iter()
                    .rev()
                    .map(|s| StatusColumn {
                        status: s.as_str(),
                        name: derived.locale.status_name(Some(*s)),
                        projects: views.projects.iter().filter(|p| p.status == s.as_str()).map(|p| &**p).collect(),
                    })
                    .collect();
                Recipe::page("projects".into(), Route::projects(), "projects.html", "projects", latest)
                    .value("columns", columns)
                    .charts("charts", self.section_charts(ChartId::ProjectsByStatus, true), latest)
                    .data_view("counts", &views.dashboard.projects, "dashboard.projects".into())
                    .data_view("date_text", &views.dashboard.date_text, "dashboard.date".into())
                    .data_view("notes", &views.notes, "notes".into())
            }
            PageId::Project(i) => {
                let project = &*views.projects[i];
                let record = Record::new("project", "project.html", &project.id, &project.path, &project.name);
                self.record_page(record, project, ("nav_projects", Route::projects()), latest)
                    .value("mentions", derived.mentions.of_project(&project.id))
            }
            PageId::Enterprises => Recipe::page(
                "enterprises".into(),
                Route::enterprises(),
                "enterprises.html",
                "enterprises",
                latest,
            )
            .data_view("enterprises", &views.enterprises, "enterprises".into()),
            PageId::Enterprise(i) => {
                let enterprise = &views.enterprises[i];
                let record = Record::new("enterprise", "enterprise.html", &enterprise.id, &enterprise.path, &enterprise.name);
                self.record_page(record, enterprise, ("nav_enterprises", Route::enterprises()), latest)
                    .value("mentions", derived.mentions.of_enterprise(&enterprise.id))
                    .data_view("notes", &views.notes, "notes".into())
            }
            PageId::Units => Recipe::page("units".into(), Route::units(), "units.html", "units", latest)
                .data_view("units", &views.units, "units".into())
                .data_view("date_text", &views.dashboard.date_text, "dashboard.date".into())
                .data_view("notes", &views.notes, "notes".into())
                .charts(
                    "charts",
                    derived.charts.iter().filter(|c| **c == ChartId::UnitsCloseRate).collect(),
                    latest,
                ),
            PageId::Supervision => Recipe::page(
                "supervision".into(),
                Route::supervision(),
                "supervision.html",
                "supervision",
                latest,
            )
            .data_view("supervision", &views.supervision, "supervision".into())
            .data_view("notes", &views.notes, "notes".into()),
            PageId::Unit(i) => {
                let unit = &views.units[i];
                let record = Record::new("unit", "unit.html", &unit.id, &unit.path, &unit.name);
                self.record_page(record, unit, ("units_title", Route::units()), latest)
                    .data_view("notes", &views.notes, "notes".into())
            }
            PageId::Problems => Recipe::page("problems".into(), Route::problems(), "problems.html", "problems", latest)
                .data_view("problems", &views.problem_rows, "problems".into())
                .data_view("counts", &views.dashboard.problems, "dashboard.problems".into())
                .data_view("key_counts", &views.dashboard.key_problems, "dashboard.key_problems".into())
                .data_view(
                    "register_key_only",
                    &views.dashboard.register_key_only,
                    "dashboard.register_key_only".into(),
                )
                .data_view("date_text", &views.dashboard.date_text, "dashboard.date".into())
                .data_view("notes", &views.notes, "notes".into()),
            PageId::ChartFile(i) => {
                let chart = &derived.charts[i];
                Recipe {
                    key: format!("chart:{chart}"),
                    path: Route::chart_svg(chart).into_path(),
                    make: Make::ChartSvg(chart, latest),
                }
            }
            PageId::Download(register, form) => Recipe {
                key: format!("download:{}.{}", register.name(), form.extension()),
                path: downloads::route(register, form).into_path(),
                make: Make::Download(register, form),
            },
            PageId::Word(i) => {
                let listed = &listed[i];
                Recipe {
                    key: format!("word:{}", listed.summary.path),
                    path: self.word_route(listed).into_path(),
                    make: Make::Word(listed, self.briefing_body(listed)),
                }
            }
            PageId::ChartData(i) => {
                let chart = &derived.charts[i];
                Recipe {
                    key: format!("chart-data:{chart}"),
                    path: Route::chart_csv(chart).into_path(),
                    make: Make::ChartCsv(chart, latest),
                }
            }
        }
    }

    /// The page of one record, shown to its template under the record's
    /// kind, with breadcrumbs back to the list `(title key, path)`.
    fn record_page<T: Serialize + Sync>(&'r self, record: Record<'_>, view: &'r T, list: (&str, Route), as_of: AsOf) -> Recipe<'r> {
        let key = format!("{}:{}", record.kind, record.id);
        Recipe::page(key.clone(), record.path.to_string(), record.template, record.kind, as_of)
            .data_view(record.kind, view, key)
            .value("crumbs", crumbs(self, list.0, list.1.path(), record.name))
    }

    /// The Word edition of a listed briefing.
    fn word_route(&self, listed: &Listed) -> Route {
        Route::word(&self.site.briefings[listed.source].slug)
    }

    /// The charts of a section page: `first`, then the charts of
    /// `charts.yaml` about projects (`projects`) or about output (not).
    fn section_charts(&'r self, first: ChartId, projects: bool) -> Vec<&'r ChartId> {
        let data = &self.site.data;
        let headline = ChartId::HEADLINE.iter().filter(move |chart| **chart == first);
        let own = self.derived.charts.iter().filter(move |chart| match chart {
            ChartId::User(id) => data
                .charts
                .records
                .iter()
                .any(|def| def.id == *id && (def.measure == "projects") == projects),
            _ => false,
        });
        headline.chain(own).collect()
    }

    /// The chart of the industry at place `i` of the views.
    fn industry_chart(&'r self, i: usize) -> &'r ChartId {
        let id = &self.derived.views.industries[i].id;
        self.derived
            .charts
            .iter()
            .find(|chart| matches!(chart, ChartId::Industry(industry) if industry == id))
            .unwrap_or(&ChartId::OutputGrowth)
    }

    /// The page of a listed briefing.
    /// The Markdown body of a briefing, as its page renders it.
    pub(crate) fn briefing_body(&'r self, listed: &'r Listed) -> BodySource<'r> {
        let briefing = &*self.site.briefings[listed.source];
        BodySource {
            file: &briefing.path,
            body: &briefing.body,
            body_line: briefing.body_line,
            page: listed.summary.path.clone(),
            as_of: listed.as_of,
            briefing: Some(briefing),
        }
    }

    fn briefing_recipe(&'r self, index: usize, listed: &'r Listed) -> Recipe<'r> {
        let derived = self.derived;
        let briefing = &*self.site.briefings[listed.source];
        let path = listed.summary.path.clone();
        let neighbour =
            |place: Option<usize>| place.map(|p| crate::derive::briefings::linked_from(self.site, &derived.briefings, p, listed.as_of));
        let unit_name = briefing
            .unit
            .as_deref()
            .map(|u| self.site.data.unit(u).map_or_else(|| u.to_string(), |unit| unit.name.clone()))
            .unwrap_or_default();
        let page = BriefingPage {
            summary: listed.summary.clone(),
            unit_name,
            as_of_text: listed.as_of.period.map(|p| derived.locale.period(p)).unwrap_or_default(),
            as_of_date_text: derived.locale.date(listed.as_of.date),
            distribution_to: briefing.distribution.as_ref().map(|d| d.to.clone()).unwrap_or_default(),
            distribution_cc: briefing.distribution.as_ref().map(|d| d.cc.clone()).unwrap_or_default(),
            copies: briefing.distribution.as_ref().and_then(|d| d.copies).unwrap_or(0),
            word_path: if index < word_editions(self.site, self) {
                self.word_route(listed).into_path()
            } else {
                String::new()
            },
            previous: neighbour(listed.previous),
            next: neighbour(listed.next),
            bulletin: neighbour(listed.bulletin),
        };
        let body = self.briefing_body(listed);
        Recipe::page(
            format!("briefing:{}", briefing.path),
            path,
            "briefing.html",
            "briefing",
            listed.as_of,
        )
        .with_body("briefing", page, body)
    }
}
