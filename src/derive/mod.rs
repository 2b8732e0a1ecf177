//! Stage 3, derive: everything the site shows that is computed rather than
//! written — figures at any date (growth rates, counts by status, close
//! rates), the data views as of the latest data, the briefings as listed
//! (their moments, summaries, series and tags), every chart of the site,
//! the [`moments`] (every figure, chart, scorecard and table as of each
//! moment a page reports on, computed once and only looked up after),
//! and the one [`Locale`] every text is written in. Computed once from the
//! loaded site and shared by every page; nothing derived is ever typed into
//! the data twice. Everything is computed from the edition's records but
//! the [`headline`] totals, which count internal records too.

pub(crate) mod briefings;
pub mod charts;
pub(crate) mod counts;
pub(crate) mod events;
pub(crate) mod figure;
pub mod figures;
pub(crate) mod format;
pub(crate) mod growth;
pub(crate) mod headline;
pub mod locale;
pub(crate) mod mentions;
pub(crate) mod moments;
pub(crate) mod needs;
pub(crate) mod scorecard;
pub(crate) mod supervision;
pub(crate) mod views;

use std::sync::Arc;

use crate::diagnostics::Diagnostics;
use crate::load::Site;
use briefings::{Listed, TagView};
use charts::ChartId;
use figures::AsOf;
use headline::Headline;
pub(crate) use locale::Locale;
use moments::{Moments, MomentsCache};
use views::{ViewBuilder, Views};

/// What the pages of a site are made from, besides the site itself.
#[derive(Debug, Clone)]
pub struct Derived {
    pub(crate) locale: Locale,
    /// The data as of its latest moment.
    pub(crate) views: Arc<Views>,
    /// The briefings, newest first.
    pub(crate) briefings: Vec<Listed>,
    pub(crate) tags: Vec<TagView>,
    /// Every chart of the site.
    pub(crate) charts: Vec<ChartId>,
    /// The briefings that link to each project and enterprise.
    pub(crate) mentions: mentions::Mentions,
    /// What each moment of the site shows: every figure, chart, scorecard
    /// and project table as of every briefing's moment and the latest.
    pub(crate) moments: Arc<Moments>,
}

/// What `serve` keeps between rebuilds: the views and the moments, while
/// the data and the language stay the same.
#[derive(Debug, Default)]
pub struct DeriveCache {
    views: Option<(ViewsKey, Arc<Views>)>,
    moments: MomentsCache,
}

/// What the views depend on: the data's print, the language and the
/// print of the theme's strings.
type ViewsKey = (u64, &'static str, u64);

/// Derives everything the pages show from `site`.
pub fn derive(site: &Site) -> Result<Derived, Diagnostics> {
    derive_with(site, None)
}

/// [`derive()`], reusing the views `cache` holds while the data is the same.
pub fn derive_with(site: &Site, cache: Option<&mut DeriveCache>) -> Result<Derived, Diagnostics> {
    let locale = Locale::new(site.config.language, &site.theme);
    let headline = Headline::of(site);
    let builder = ViewBuilder {
        data: &site.data,
        headline: &headline,
        as_of: AsOf::latest(&site.data),
        locale: &locale,
    };
    let (moments_cache, views_cache) = match cache {
        Some(cache) => (Some(&mut cache.moments), Some(&mut cache.views)),
        None => (None, None),
    };
    let key = (site.data.print, locale.code(), locale.print());
    let kept = (views_cache.as_deref())
        .and_then(Option::as_ref)
        .filter(|(seen, _)| *seen == key)
        .map(|(_, views)| views.clone());
    // The latest views of the projects are those of the latest moment's
    // tables too.
    let projects = match &kept {
        Some(views) => views.projects.clone(),
        None => builder.projects(),
    };
    let (moments, views) = rayon::join(
        || Arc::new(moments::build(site, &headline, &locale, &projects, moments_cache)),
        || kept.unwrap_or_else(|| Arc::new(builder.build_with(projects.clone()))),
    );
    if let Some(cached) = views_cache {
        *cached = Some((key, views.clone()));
    }
    let briefings = briefings::list(site, &moments)?;
    Ok(Derived {
        tags: briefings::tags(&briefings),
        mentions: mentions::find(site, &briefings),
        charts: ChartId::all(&site.data),
        briefings,
        views,
        locale,
        moments,
    })
}
