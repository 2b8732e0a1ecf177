//! The values templates see of the site and of content pages: the site,
//! its menu, a briefing's page and a standalone page, as plain
//! serialisable structs.

use serde::Serialize;

use crate::derive::Locale;
use crate::derive::briefings::BriefingSummary;
use crate::derive::needs::Kept;
use crate::load::Site;
use crate::routes::Route;

/// `site` in every template.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SiteContext {
    pub(crate) title: String,
    pub(crate) description: String,
    pub(crate) language: &'static str,
    pub(crate) bulletin_name: String,
    pub(crate) issuer: String,
    pub(crate) base_url: String,
    pub(crate) menu: Vec<MenuItem>,
    /// `extra:` of site.yaml, as written.
    pub(crate) extra: serde_json::Map<String, serde_json::Value>,
    /// The internal edition (every page marked 内部资料).
    pub(crate) internal: bool,
    /// Which data files the site keeps (`site.kept.problems`): the figures
    /// of one it does not keep are unknown, not zero.
    pub(crate) kept: Kept,
}

/// An entry of the main navigation.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct MenuItem {
    pub(crate) title: String,
    /// Site path, for `url(path=…)`.
    pub(crate) path: String,
}

/// A briefing page: its summary and what its masthead and foot show (its
/// rendered body is added as `content` and `toc`).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct BriefingPage {
    #[serde(flatten)]
    pub(crate) summary: BriefingSummary,
    pub(crate) unit_name: String,
    /// The data period the page reports on (`2013年1-6月`).
    pub(crate) as_of_text: String,
    /// The date its projects and problems are counted at (`2013年6月30日`).
    pub(crate) as_of_date_text: String,
    pub(crate) distribution_to: Vec<String>,
    pub(crate) distribution_cc: Vec<String>,
    /// Printed copies (共印60份), 0 when not stated.
    pub(crate) copies: u32,
    /// Site path of its Word edition, or empty when it has none.
    pub(crate) word_path: String,
    pub(crate) previous: Option<BriefingSummary>,
    pub(crate) next: Option<BriefingSummary>,
    /// For a document that is not a bulletin: the bulletin of its occasion.
    pub(crate) bulletin: Option<BriefingSummary>,
}

/// A standalone page (its rendered body is added as `content` and `toc`).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct StandalonePage {
    pub(crate) title: String,
    pub(crate) path: String,
}

/// The `site` value of every template.
pub(crate) fn site_context(site: &Site, locale: &Locale) -> SiteContext {
    let config = &site.config;
    let mut pages: Vec<_> = site.pages.iter().filter(|p| p.menu).collect();
    pages.sort_by(|a, b| a.weight.cmp(&b.weight).then(a.slug.cmp(&b.slug)));
    let text = |key: &str| locale.text(key);
    let sections = [
        (Route::home(), "nav_home"),
        (Route::archive(1), "nav_briefings"),
        (Route::industries(), "nav_industries"),
        (Route::projects(), "nav_projects"),
        (Route::enterprises(), "nav_enterprises"),
        (Route::problems(), "nav_problems"),
        (Route::supervision(), "nav_supervision"),
    ];
    let mut menu: Vec<MenuItem> = sections
        .into_iter()
        .map(|(path, key)| MenuItem {
            title: text(key),
            path: path.into_path(),
        })
        .collect();
    menu.extend(pages.into_iter().map(|p| MenuItem {
        title: p.title.clone(),
        path: Route::page(&p.slug).into_path(),
    }));
    menu.push(MenuItem {
        title: text("nav_search"),
        path: Route::search().into_path(),
    });
    SiteContext {
        title: config.title.clone(),
        description: config.description.clone().unwrap_or_default(),
        language: config.language.code(),
        bulletin_name: config.bulletin_name.clone().unwrap_or_else(|| config.title.clone()),
        issuer: config.issuer.clone().unwrap_or_default(),
        base_url: config.base_url.clone(),
        menu,
        extra: config.extra.clone(),
        internal: site.internal_edition,
        kept: Kept::of(&site.data),
    }
}
