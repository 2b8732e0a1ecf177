//! The moments of a site and what each shows: for every distinct as-of a
//! page reports on — each briefing's, the latest data's, and every period
//! of the data that a template may name with `metric(period=…)` — one
//! [`Moment`] holding the metric figures by name, the charts'
//! specifications, the units' scorecards and the rows of the project
//! tables that the pages of that moment show ([`need`] says which).
//! Computed once per build in [`build`] (the moments side by side), and
//! only looked up afterwards: the templates' `metric()`, the shortcodes,
//! titles and summaries, the Word editions and the chart files read the
//! one value of a moment, so a figure cannot differ between two places of
//! one page, nor between the page and its Word file.
//!
//! The edition policy is [`Headline`]'s: a headline figure counts every
//! record, any other figure, chart, scorecard and table the edition's own.

mod build;
mod need;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;

use crate::calendar::Period;
use crate::derive::charts::{ChartSpec, NoData};
use crate::derive::figures::{self, AsOf, Figure, ProjectCounts};
use crate::derive::headline::Headline;
use crate::derive::locale::Locale;
use crate::derive::scorecard::ScoreView;
use crate::derive::views::ProjectView;
use crate::load::data::{Data, Status};

pub(crate) use build::{MomentsCache, build};

/// Every moment of a build, with what the lookups need: the metric names,
/// the headline policy (for masking) and the edition's data.
#[derive(Debug, Clone, Default)]
pub(crate) struct Moments {
    names: Arc<Names>,
    by_as_of: HashMap<AsOf, Arc<Moment>>,
    /// The periods a template may name (those of `output.yaml` and
    /// `tallies.yaml`), in order: each is a moment.
    periods: Vec<Period>,
    headline: Headline,
    data: Arc<Data>,
    locale: Locale,
}

/// The metric names of the data, in the order of
/// [`figures::metric_names`], and where each is.
#[derive(Debug, Default)]
struct Names {
    list: Vec<String>,
    index: HashMap<String, usize>,
}

/// What one moment shows.
#[derive(Debug)]
pub(crate) struct Moment {
    pub(crate) as_of: AsOf,
    /// The metrics it holds, by place in [`Names`] in order, as computed
    /// (not yet written with other decimals, nor masked).
    figures: Vec<(usize, Result<Figure, String>)>,
    /// The charts the moment's pages show (every chart of the site at
    /// the latest moment), by id, in the order of `ChartId::all`.
    charts: Vec<(String, Result<ChartSpec, NoData>)>,
    /// Each unit's scorecard, in the order of `units.yaml`, where a text
    /// of the moment shows the table.
    scores: Option<Vec<ScoreRow>>,
    /// The projects with a status at the moment, in the order of
    /// `projects.yaml`; only where a page of the moment may list them.
    projects: Option<Vec<ProjectRow>>,
    /// What it was computed to hold.
    held: need::Need,
}

/// A unit's scorecard at a moment, as the `units` table shows it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ScoreRow {
    pub(crate) name: String,
    pub(crate) path: String,
    pub(crate) score: ScoreView,
}

/// A project that has a status at a moment.
#[derive(Debug, Clone)]
struct ProjectRow {
    /// Its place in `projects.yaml`.
    record: usize,
    status: Status,
    /// Its view at the moment: shared by the moments at which it has the
    /// same updates.
    view: Arc<ProjectView>,
}

/// The rows a `projects` table shows and their totals.
#[derive(Debug)]
pub(crate) struct ProjectTable<'m> {
    pub(crate) projects: Vec<&'m ProjectView>,
    pub(crate) counts: ProjectCounts,
}

/// A lookup that cannot be answered: message and hint.
pub(crate) type Miss = (String, Option<String>);

impl Moments {
    /// The moment `as_of`, if it is one of the build's.
    pub(crate) fn at(&self, as_of: AsOf) -> Result<&Moment, Miss> {
        self.by_as_of.get(&as_of).map(|moment| &**moment).ok_or_else(|| {
            (
                format!(
                    "no figures were derived for the moment {} ({})",
                    period_text(as_of.period),
                    as_of.date
                ),
                None,
            )
        })
    }

    /// The moment of a `metric(period=…)` of a template: the period's last
    /// day. A period that is not in the data is an error (the figures of a
    /// template are those of the data's periods, or of the page).
    pub(crate) fn of_period(&self, period: Period) -> Result<AsOf, Miss> {
        if self.periods.binary_search(&period).is_ok() {
            return Ok(AsOf::period_end(period));
        }
        let hint = match (self.periods.first(), self.periods.last()) {
            (Some(first), Some(last)) if first == last => format!("the data has the period {first} only"),
            (Some(first), Some(last)) => format!(
                "the periods of output.yaml and tallies.yaml run from {first} to {last}; leave out `period` for the page's own moment"
            ),
            _ => "the data has no period: leave out `period` for the page's own moment".to_string(),
        };
        Err((format!("`period=\"{period}\"` is not a period of the data"), Some(hint)))
    }

    /// The metric `name` at `as_of`, with `digits` decimals if given.
    pub(crate) fn metric(&self, as_of: AsOf, name: &str, digits: Option<usize>) -> Result<Figure, String> {
        let moment = self.at(as_of).map_err(|(message, _)| message)?;
        let Some(&place) = self.names.index.get(name) else {
            return Err(figures::unknown(name, &self.data));
        };
        let Ok(found) = moment.figures.binary_search_by_key(&place, |(i, _)| *i) else {
            // Derive holds every figure a text of the moment calls.
            return Err(format!("`{name}` was not derived for this page's moment"));
        };
        let figure = moment.figures[found].1.clone()?;
        Ok(self.headline.present(figure, name, digits, &self.data, &self.locale))
    }

    /// The `projects` table at `as_of`: the projects with a status then,
    /// of `industry`, of `enterprise` and in `status` where given, and
    /// their count and total investment (the edition's records: a table
    /// is a breakdown). `None` where the moment lists no projects.
    pub(crate) fn project_table(
        &self,
        as_of: AsOf,
        industry: Option<&str>,
        enterprise: Option<&str>,
        status: Option<Status>,
    ) -> Result<ProjectTable<'_>, Miss> {
        let moment = self.at(as_of)?;
        let Some(rows) = &moment.projects else {
            return Err((
                format!(
                    "no project table was derived for the moment {} ({})",
                    period_text(as_of.period),
                    as_of.date
                ),
                Some("write `projects(…)` in the text of a briefing or a page".to_string()),
            ));
        };
        let records = &self.data.projects.records;
        let selected: Vec<&ProjectRow> = rows
            .iter()
            .filter(|row| {
                let project = &records[row.record];
                industry.is_none_or(|i| project.industry == i)
                    && enterprise.is_none_or(|e| project.enterprise.as_deref() == Some(e))
                    && status.is_none_or(|s| row.status == s)
            })
            .collect();
        Ok(ProjectTable {
            counts: ProjectCounts::at(selected.iter().map(|row| &records[row.record]), as_of.date),
            projects: selected.into_iter().map(|row| &*row.view).collect(),
        })
    }

    /// The language every figure is written in.
    pub(crate) fn locale(&self) -> &Locale {
        &self.locale
    }
}

impl Moment {
    /// The specification of chart `id` at the moment (`Err` with the reason
    /// when there is nothing to draw), or `None` for an id the moment's
    /// pages do not show (unknown to the site, at most moments).
    pub(crate) fn chart(&self, id: &str) -> Option<&Result<ChartSpec, NoData>> {
        self.charts.iter().find(|(known, _)| known == id).map(|(_, spec)| spec)
    }

    /// Each unit's scorecard at the moment, in the order of `units.yaml`.
    pub(crate) fn scores(&self) -> Result<&[ScoreRow], Miss> {
        self.scores.as_deref().ok_or_else(|| {
            (
                format!(
                    "the units' scorecards were not derived for the moment {} ({})",
                    period_text(self.as_of.period),
                    self.as_of.date
                ),
                None,
            )
        })
    }
}

/// `2013-06`, or `-` for a moment without a period.
fn period_text(period: Option<Period>) -> String {
    period.map_or_else(|| "-".to_string(), |p| p.to_string())
}
