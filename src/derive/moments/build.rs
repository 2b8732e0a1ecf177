//! Which moments a site needs and each one computed: every briefing's
//! as-of, the latest data's, and the end of every period of `output.yaml`
//! and `tallies.yaml`. Every moment holds every figure and scorecard (a
//! template may ask for any); charts and project tables only where a
//! text of the moment calls them, and all of them at the latest moment
//! (its data pages, chart files and standalone pages). The moments are
//! computed side by side; the views of projects are shared between
//! moments at which a project has the same updates. `serve` keeps the
//! moments while the data, the bulletins issued and the language stay the
//! same ([`MomentsCache`]).

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

use super::{Moment, Moments, Names, ProjectRow, ScoreRow};
use crate::calendar::Period;
use crate::derive::charts::{self, ChartId};
use crate::derive::figures::{self, AsOf, UNIT_FIELDS};
use crate::derive::headline::Headline;
use crate::derive::locale::Locale;
use crate::derive::views::{ProjectView, ViewBuilder};
use crate::derive::{growth, scorecard, supervision};
use crate::load::data::{Data, Limits, Status};
use crate::load::shortcodes::{self, Arg};
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

/// What a moment must hold besides its figures and scorecards, which
/// every moment holds (a template may ask any figure).
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Need {
    /// The rows of `projects` tables.
    pub(super) tables: bool,
    /// The charts by id; `None` for every chart of the site.
    pub(super) charts: Option<BTreeSet<String>>,
}

impl Need {
    /// Everything: the latest moment's pages show every chart, and its
    /// standalone pages (or any text rendered alone) may list projects.
    pub(super) fn all() -> Need {
        Need {
            tables: true,
            charts: None,
        }
    }

    /// Adds what the Markdown `text` calls: the charts and tables of every
    /// call written in it (the calls its page evaluates are among them:
    /// a call is written on one line, outside code and comments). Only the
    /// lines where `chart` or `projects` is followed by a bracket are read.
    pub(super) fn add_calls_of(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let line_of = |at: usize| {
            let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
            let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
            (start, end)
        };
        // A name followed by its bracket, as calls are written.
        let called = |at: usize, name: &str| {
            text[at + name.len()..]
                .trim_start_matches([' ', '\t', '\u{3000}'])
                .starts_with(['(', '（'])
        };
        // Each line once: a call is never split over lines.
        let mut lines: Vec<(usize, usize)> = ["chart", "projects"]
            .into_iter()
            .flat_map(|name| memchr::memmem::find_iter(bytes, name).filter(move |at| called(*at, name)))
            .map(line_of)
            .collect();
        lines.sort_unstable();
        lines.dedup();
        for (start, end) in lines {
            let line = &text[start..end];
            if !shortcodes::may_hold_calls(line) {
                continue;
            }
            for call in shortcodes::calls_in(line).0 {
                match call.name.as_str() {
                    "projects" => self.tables = true,
                    "chart" => {
                        if let (Some(charts), Some(Arg::Str(id))) = (&mut self.charts, call.arg("id")) {
                            charts.insert(id.clone());
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    /// Whether a moment computed for `self` serves for `wanted`.
    pub(super) fn covers(&self, wanted: &Need) -> bool {
        (self.tables || !wanted.tables)
            && match (&self.charts, &wanted.charts) {
                (None, _) => true,
                (Some(_), None) => false,
                (Some(held), Some(wanted)) => wanted.is_subset(held),
            }
    }
}

/// The moments `site` needs, in order, each with what it must hold.
pub(super) fn needed(site: &Site, latest: AsOf) -> Vec<(AsOf, Need)> {
    let data = &*site.data;
    let mut wanted: HashMap<AsOf, Need> = HashMap::new();
    let none = || Need {
        tables: false,
        charts: Some(BTreeSet::new()),
    };
    wanted.insert(latest, Need::all());
    for briefing in &site.briefings {
        let as_of = AsOf::for_briefing(data, briefing.as_of, briefing.date);
        wanted.entry(as_of).or_insert_with(none).add_calls_of(&briefing.body);
    }
    for period in periods(data) {
        wanted.entry(AsOf::period_end(period)).or_insert_with(none);
    }
    let mut wanted: Vec<(AsOf, Need)> = wanted.into_iter().collect();
    wanted.sort_by_key(|(as_of, _)| (as_of.date, as_of.period));
    wanted
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
/// same inputs (and leaving there what was computed).
pub(crate) fn build(site: &Site, headline: &Headline, locale: &Locale, mut cache: Option<&mut MomentsCache>) -> Moments {
    let data = &*site.data;
    let list = figures::metric_names(data);
    let index = list.iter().enumerate().map(|(i, name)| (name.clone(), i)).collect();
    let names = Names { list, index };
    let needed = needed(site, AsOf::latest(data));
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
        periods: periods(data),
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
}

impl Inputs<'_> {
    /// The moment `as_of`, without its project rows. Each count is taken
    /// once: the programme's (from every record) for the headline
    /// figures, each unit's scorecard (from the edition's) for its
    /// figures and its row.
    fn moment(&self, as_of: AsOf, need: &Need) -> Moment {
        let (data, locale) = (self.data, self.locale);
        let units = &data.units.records;
        let snapshot = self.headline.snapshot(as_of.date);
        let scores = supervision::unit_scores(data, as_of.date);
        let figures = (self.names.list.iter().zip(&self.units))
            .map(|(name, unit)| match *unit {
                Some((unit, field)) => figures::unit_metric(data, &scores[unit], &units[unit].id, UNIT_FIELDS[field], as_of, locale),
                None => self.headline.figure(data, &snapshot, name, as_of, locale),
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
        let scores = units
            .iter()
            .zip(&scores)
            .filter(|(unit, _)| supervision::takes_part(data, &unit.id, as_of.date))
            .map(|(unit, score)| ScoreRow {
                name: unit.name.clone(),
                path: format!("/units/{}/", unit.id),
                score: scorecard::view_of(data, score, locale),
            })
            .collect();
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
        let mut distinct: HashMap<(usize, usize), AsOf> = HashMap::new();
        for (as_of, rows) in &placed {
            for (record, visible, _) in rows {
                distinct.entry((*record, *visible)).or_insert(*as_of);
            }
        }
        let distinct: Vec<((usize, usize), AsOf)> = distinct.into_iter().collect();
        let views: HashMap<(usize, usize), Arc<ProjectView>> = distinct
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
