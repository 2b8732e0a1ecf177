//! Every moment of a site computed (which moments, and what each holds,
//! is [`super::need`]'s): side by side, each count taken once per moment;
//! the views of projects shared between moments at which a project has
//! the same updates. `serve` keeps the moments while the data, the
//! bulletins issued and the language stay the same ([`MomentsCache`]).

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::need::{Need, needed};
use super::{Moment, Moments, Names, ProjectRow, ScoreRow};
use crate::calendar::Period;
use crate::derive::charts::{self, ChartId};
use crate::derive::figures::{self, AsOf, Snapshot, UNIT_FIELDS};
use crate::derive::headline::Headline;
use crate::derive::locale::Locale;
use crate::derive::views::{ProjectView, ViewBuilder};
use crate::derive::{growth, scorecard, supervision};
use crate::load::data::{Data, Limits, Status};
use crate::load::{Issued, Site};

/// What `serve` keeps between rebuilds: the moments computed for the
/// inputs of `key`.
#[derive(Debug, Default)]
pub(crate) struct MomentsCache {
    key: Option<Key>,
    moments: HashMap<AsOf, Arc<Moment>>,
}

/// What a moment is computed from besides its as-of.
#[derive(Debug, Clone, PartialEq)]
struct Key {
    data: u64,
    full: u64,
    limits: Limits,
    language: &'static str,
    strings: u64,
    issued: Vec<Issued>,
    masked: bool,
}

impl Key {
    fn of(site: &Site, locale: &Locale) -> Key {
        Key {
            data: site.data.print,
            full: site.full.print,
            limits: site.data.limits,
            language: locale.code(),
            strings: locale.print(),
            issued: site.issued.to_vec(),
            masked: site.headline_placeholders,
        }
    }
}

/// The periods of the data: those of `output.yaml` and `tallies.yaml`.
pub(super) fn periods(data: &Data) -> Vec<Period> {
    let mut periods = growth::periods(&data.output.records);
    periods.extend(data.tallies.records.iter().map(|t| t.period));
    periods.sort();
    periods.dedup();
    periods
}

/// Every moment of `site`, taking from `cache` those computed from the
/// same inputs (and leaving there what was computed); `latest_projects`
/// are the views of the projects at the latest moment, in the order of
/// `projects.yaml` (those of the data pages).
pub(crate) fn build(
    site: &Site,
    headline: &Headline,
    locale: &Locale,
    latest_projects: &[Arc<ProjectView>],
    mut cache: Option<&mut MomentsCache>,
) -> Moments {
    let data = &*site.data;
    let list = figures::metric_names(data);
    let index = list.iter().enumerate().map(|(i, name)| (name.clone(), i)).collect();
    let names = Names { list, index };
    let periods = periods(data);
    let needed = needed(site, AsOf::latest(data), &periods);
    let key = Key::of(site, locale);
    let kept: HashMap<AsOf, Arc<Moment>> = match cache.as_deref_mut() {
        Some(cache) if cache.key.as_ref() == Some(&key) => std::mem::take(&mut cache.moments),
        _ => HashMap::new(),
    };
    let inputs = Inputs {
        data,
        headline,
        locale,
        names: &names,
        units: unit_places(&names, data),
        charts: ChartId::all(data),
        latest: (AsOf::latest(data), latest_projects),
    };
    // A moment kept serves if it holds what the moment needs now.
    let todo: Vec<&(AsOf, Need)> = needed
        .iter()
        .filter(|(as_of, need)| !kept.get(as_of).is_some_and(|moment| moment.held.covers(need)))
        .collect();
    let (made, mut tables) = rayon::join(
        || {
            todo.par_iter()
                .map(|(as_of, need)| inputs.moment(*as_of, need))
                .collect::<Vec<Moment>>()
        },
        || inputs.project_rows(todo.iter().filter(|(_, need)| need.tables).map(|(as_of, _)| *as_of)),
    );
    let mut by_as_of: HashMap<AsOf, Arc<Moment>> = HashMap::with_capacity(needed.len());
    for mut moment in made {
        moment.projects = tables.remove(&moment.as_of);
        by_as_of.insert(moment.as_of, Arc::new(moment));
    }
    for (as_of, _) in &needed {
        if let Some(moment) = kept.get(as_of).filter(|_| !by_as_of.contains_key(as_of)) {
            by_as_of.insert(*as_of, moment.clone());
        }
    }
    if let Some(cache) = cache {
        cache.key = Some(key);
        cache.moments = by_as_of.clone();
    }
    Moments {
        names: Arc::new(names),
        by_as_of,
        periods,
        headline: headline.clone(),
        data: site.data.clone(),
        locale: locale.clone(),
    }
}

/// For each metric name, the unit (place in `units.yaml`) and the field
/// (place in [`UNIT_FIELDS`]) of a `units.<id>.<field>` name.
fn unit_places(names: &Names, data: &Data) -> Vec<Option<(usize, usize)>> {
    let units: HashMap<&str, usize> = data.units.records.iter().enumerate().map(|(i, u)| (u.id.as_str(), i)).collect();
    names
        .list
        .iter()
        .map(|name| {
            let (unit, field) = name.strip_prefix("units.")?.rsplit_once('.')?;
            Some((*units.get(unit)?, UNIT_FIELDS.iter().position(|f| *f == field)?))
        })
        .collect()
}

/// A project with a status at a moment: its place in `projects.yaml`,
/// how many of its updates are visible then, and its status.
type Placed = (usize, usize, Status);

/// What every moment is computed from.
struct Inputs<'a> {
    /// The edition's records.
    data: &'a Data,
    headline: &'a Headline,
    locale: &'a Locale,
    names: &'a Names,
    /// Per name, the unit and field of a unit's figure.
    units: Vec<Option<(usize, usize)>>,
    charts: Vec<ChartId>,
    /// The latest moment and its views of the projects.
    latest: (AsOf, &'a [Arc<ProjectView>]),
}

impl Inputs<'_> {
    /// The moment `as_of` with what `need` asks, but its project rows.
    /// Each count is taken once: the programme's (from every record) for
    /// the headline figures, each unit's scorecard (from the edition's)
    /// for the units' figures and table.
    fn moment(&self, as_of: AsOf, need: &Need) -> Moment {
        let (data, locale) = (self.data, self.locale);
        let units = &data.units.records;
        let names = &self.names.list;
        let places: Vec<usize> = match &need.figures {
            None => (0..names.len()).collect(),
            // Names that are no metric are not held: asking is the error
            // of an unknown name.
            Some(wanted) => {
                let mut places: Vec<usize> = wanted.iter().filter_map(|n| self.names.index.get(n).copied()).collect();
                places.sort_unstable();
                places
            }
        };
        let headline = places.iter().any(|&i| Headline::is_headline(&names[i]));
        let snapshot = if headline {
            self.headline.snapshot(as_of.date)
        } else {
            Snapshot::default()
        };
        let with_scores = need.scores || places.iter().any(|&i| self.units[i].is_some());
        let scores = with_scores.then(|| supervision::unit_scores(data, as_of.date));
        let figures = places
            .into_iter()
            .map(|i| {
                let figure = match (self.units[i], &scores) {
                    (Some((unit, field)), Some(scores)) => {
                        figures::unit_metric(data, &scores[unit], &units[unit].id, UNIT_FIELDS[field], as_of, locale)
                    }
                    _ => self.headline.figure(data, &snapshot, &names[i], as_of, locale),
                };
                (i, figure)
            })
            .collect();
        let charts = (self.charts.iter())
            .map(|chart| chart.to_string())
            .zip(&self.charts)
            .filter(|(id, _)| need.charts.as_ref().is_none_or(|wanted| wanted.contains(id)))
            .map(|(id, chart)| (id, charts::spec(locale, data, chart, as_of)))
            .collect();
        // The units table of a moment lists the units taking part by
        // then: one added to units.yaml later joins no circular issued.
        let scores = scores.filter(|_| need.scores).map(|scores| {
            let taking_part = supervision::taking_part(data, as_of.date);
            (units.iter().zip(&scores))
                .filter(|(unit, _)| taking_part.contains(unit.id.as_str()))
                .map(|(unit, score)| ScoreRow {
                    name: unit.name.clone(),
                    path: crate::routes::Route::unit(&unit.id).into_path(),
                    score: scorecard::view_of(data, score, locale),
                })
                .collect()
        });
        Moment {
            as_of,
            figures,
            charts,
            scores,
            projects: None,
            held: need.clone(),
        }
    }

    /// The project rows of each of `moments`: the projects with a status
    /// then. A project's view depends only on the updates it has by the
    /// moment, so one view serves every moment with the same updates.
    fn project_rows(&self, moments: impl Iterator<Item = AsOf>) -> HashMap<AsOf, Vec<ProjectRow>> {
        let records = &self.data.projects.records;
        // Per moment: each project with a status, its status and how many
        // of its updates are visible.
        let placed: Vec<(AsOf, Vec<Placed>)> = moments
            .map(|as_of| {
                let rows = records
                    .iter()
                    .enumerate()
                    .filter_map(|(i, project)| {
                        let status = project.status_at(as_of.date)?;
                        let visible = project.updates.iter().filter(|u| u.date <= as_of.date).count();
                        Some((i, visible, status))
                    })
                    .collect();
                (as_of, rows)
            })
            .collect();
        // The latest views serve every moment with the same updates.
        let (latest, latest_views) = self.latest;
        let mut views: HashMap<(usize, usize), Arc<ProjectView>> = (records.iter().zip(latest_views).enumerate())
            .map(|(i, (project, view))| {
                let visible = project.updates.iter().filter(|u| u.date <= latest.date).count();
                ((i, visible), view.clone())
            })
            .collect();
        let mut distinct: HashMap<(usize, usize), AsOf> = HashMap::new();
        for (as_of, rows) in &placed {
            for (record, visible, _) in rows {
                if !views.contains_key(&(*record, *visible)) {
                    distinct.entry((*record, *visible)).or_insert(*as_of);
                }
            }
        }
        let distinct: Vec<((usize, usize), AsOf)> = distinct.into_iter().collect();
        let made: Vec<((usize, usize), Arc<ProjectView>)> = distinct
            .par_iter()
            .map(|(key, as_of)| {
                let builder = ViewBuilder {
                    data: self.data,
                    headline: self.headline,
                    as_of: *as_of,
                    locale: self.locale,
                };
                (*key, Arc::new(builder.project(&records[key.0])))
            })
            .collect();
        views.extend(made);
        placed
            .into_iter()
            .map(|(as_of, rows)| {
                let rows = rows
                    .into_iter()
                    .filter_map(|(record, visible, status)| {
                        views.get(&(record, visible)).map(|view| ProjectRow {
                            record,
                            status,
                            view: view.clone(),
                        })
                    })
                    .collect();
                (as_of, rows)
            })
            .collect()
    }
}
