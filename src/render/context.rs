//! The values templates see: the site, menus, briefing summaries and pages,
//! as plain serialisable structs built from the loaded site.

use serde::Serialize;

use crate::derive::figures::{self, AsOf};
use crate::diagnostics::Diagnostic;
use crate::load::content::front_line;
use crate::load::front_matter::Kind;
use crate::load::{Briefing, Data, Language, Site};
use crate::render::markdown::Heading;
use crate::render::shortcodes::{self, Arg};

/// `site` in every template.
#[derive(Debug, Clone, Serialize)]
pub struct SiteContext {
    pub title: String,
    pub description: String,
    pub language: &'static str,
    pub bulletin_name: String,
    pub issuer: String,
    pub base_url: String,
    pub menu: Vec<MenuItem>,
}

/// An entry of the main navigation.
#[derive(Debug, Clone, Serialize)]
pub struct MenuItem {
    pub title: String,
    /// Site path, for `url(path=…)`.
    pub path: String,
}

/// A briefing as listed in archives, home page and navigation.
#[derive(Debug, Clone, Serialize)]
pub struct BriefingSummary {
    pub title: String,
    pub path: String,
    pub date: String,
    pub date_text: String,
    pub year: i32,
    pub kind: &'static str,
    pub kind_name: &'static str,
    pub issue: Option<u32>,
    /// `第8期`, or empty for non-bulletins.
    pub issue_text: String,
    pub summary: String,
    pub tags: Vec<String>,
    /// Marked `draft: true` (shown only in builds with `--drafts`).
    pub draft: bool,
}

/// A briefing page: its summary plus the rendered body.
#[derive(Debug, Clone, Serialize)]
pub struct BriefingPage {
    #[serde(flatten)]
    pub summary: BriefingSummary,
    pub content: String,
    pub toc: Vec<Heading>,
    pub unit_name: String,
    /// The data period the page reports on (`2013年1-6月`).
    pub as_of_text: String,
    pub distribution_to: Vec<String>,
    pub distribution_cc: Vec<String>,
    pub previous: Option<BriefingSummary>,
    pub next: Option<BriefingSummary>,
}

/// A standalone page.
#[derive(Debug, Clone, Serialize)]
pub struct StandalonePage {
    pub title: String,
    pub path: String,
    pub content: String,
    pub toc: Vec<Heading>,
}

/// Display name of a kind of briefing.
pub fn kind_name(kind: Kind, language: Language) -> &'static str {
    match (language, kind) {
        (Language::ZhCn, Kind::Bulletin) => "简报",
        (Language::ZhCn, Kind::Speech) => "讲话",
        (Language::ZhCn, Kind::Notice) => "通知",
        (Language::ZhCn, Kind::Report) => "报告",
        (Language::En, Kind::Bulletin) => "Bulletin",
        (Language::En, Kind::Speech) => "Speech",
        (Language::En, Kind::Notice) => "Notice",
        (Language::En, Kind::Report) => "Report",
    }
}

/// Site path of a briefing.
pub fn briefing_path(briefing: &Briefing) -> String {
    format!("/briefings/{}/", briefing.slug)
}

/// `text`, the `field` of the front matter of `briefing`, with its
/// `metric` shortcodes evaluated as of the briefing's moment, as plain text.
fn plain_field(briefing: &Briefing, field: &str, text: &str, data: &Data, language: Language) -> Result<String, Vec<Diagnostic>> {
    if !text.contains("{{") && !text.contains("｛｛") {
        return Ok(text.to_string());
    }
    let as_of = AsOf::for_briefing(data, briefing.as_of, briefing.date);
    shortcodes::plain(text, |call| match (call.name.as_str(), call.arg("name")) {
        ("metric", Some(Arg::Str(name))) => figures::metric(data, name, as_of, language)
            .map(|figure| figure.text)
            .map_err(|m| (m, None)),
        ("metric", _) => Err(("`metric` needs `name`".to_string(), Some(shortcodes::EXAMPLE.to_string()))),
        (other, _) => Err((
            format!("only `metric` may stand in `{field}`, not `{other}`"),
            Some("put charts and tables in the text of the briefing".to_string()),
        )),
    })
    .map_err(|errors| {
        let line = front_line(&briefing.front, field);
        let column = briefing
            .front
            .lines()
            .nth(line.saturating_sub(2))
            .and_then(|l| l.find("{{").or_else(|| l.find("｛｛")).map(|at| l[..at].chars().count() + 1))
            .unwrap_or(1);
        errors
            .into_iter()
            .map(|error| {
                let diagnostic = Diagnostic::error(&briefing.path, line, column, error.message);
                if error.hint.is_empty() {
                    diagnostic
                } else {
                    diagnostic.with_hint(error.hint)
                }
            })
            .collect()
    })
}

/// The summary of a briefing as listed; its title and summary shown as
/// plain text, with their figures as of the briefing's moment.
pub fn summarize(briefing: &Briefing, language: Language, data: &Data) -> Result<BriefingSummary, Vec<Diagnostic>> {
    let title = plain_field(briefing, "title", &briefing.title, data, language);
    let summary = plain_field(briefing, "summary", briefing.summary.as_deref().unwrap_or_default(), data, language);
    let (title, summary) = match (title, summary) {
        (Ok(title), Ok(summary)) => (title, summary),
        (title, summary) => return Err(title.err().into_iter().chain(summary.err()).flatten().collect()),
    };
    let date_text = match language {
        Language::ZhCn => briefing.date.chinese(),
        Language::En => briefing.date.to_string(),
    };
    let issue_text = match (briefing.issue, language) {
        (Some(n), Language::ZhCn) => format!("第{n}期"),
        (Some(n), Language::En) => format!("No. {n}"),
        (None, _) => String::new(),
    };
    Ok(BriefingSummary {
        title,
        path: briefing_path(briefing),
        date: briefing.date.to_string(),
        date_text,
        year: briefing.date.year,
        kind: briefing.kind.as_str(),
        kind_name: kind_name(briefing.kind, language),
        issue: briefing.issue,
        issue_text,
        summary,
        tags: briefing.tags.clone(),
        draft: briefing.draft,
    })
}

/// The `site` value of every template.
pub fn site_context(site: &Site) -> SiteContext {
    let config = &site.config;
    let mut pages: Vec<_> = site.pages.iter().filter(|p| p.menu).collect();
    pages.sort_by(|a, b| a.weight.cmp(&b.weight).then(a.slug.cmp(&b.slug)));
    let strings = site.theme.i18n.get(config.language.code());
    let text = |key: &str| strings.and_then(|s| s.get(key)).cloned().unwrap_or_else(|| key.to_string());
    let sections = [
        ("/", "nav_home"),
        ("/briefings/", "nav_briefings"),
        ("/industries/", "nav_industries"),
        ("/projects/", "nav_projects"),
        ("/enterprises/", "nav_enterprises"),
        ("/problems/", "nav_problems"),
    ];
    let mut menu: Vec<MenuItem> = sections
        .iter()
        .map(|(path, key)| MenuItem {
            title: text(key),
            path: path.to_string(),
        })
        .collect();
    menu.extend(pages.into_iter().map(|p| MenuItem {
        title: p.title.clone(),
        path: format!("/{}/", p.slug),
    }));
    menu.push(MenuItem {
        title: text("nav_search"),
        path: "/search/".to_string(),
    });
    SiteContext {
        title: config.title.clone(),
        description: config.description.clone().unwrap_or_default(),
        language: config.language.code(),
        bulletin_name: config.bulletin_name.clone().unwrap_or_else(|| config.title.clone()),
        issuer: config.issuer.clone().unwrap_or_default(),
        base_url: config.base_url.clone(),
        menu,
    }
}
