//! Counts of the programme at a date: projects by status and their
//! planned investment; problems raised, closed, extended and open with the
//! close rate — counted from the register, or as `tallies.yaml` states
//! them for the month (one population at a time, a count not stated
//! unknown rather than zero).

use serde::Serialize;

use crate::calendar::{Date, Period};
use crate::load::data::{Data, Problem, ProblemState, Project, Status, TallyCounts};

/// Problem counts at a date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub(crate) struct ProblemCounts {
    pub(crate) raised: usize,
    pub(crate) closed: usize,
    pub(crate) extended: usize,
    pub(crate) open: usize,
    /// closed ÷ raised, in percent; `None` when nothing was raised.
    pub(crate) close_rate: Option<f64>,
}

impl ProblemCounts {
    pub(crate) fn at<'a>(problems: impl IntoIterator<Item = &'a Problem>, date: Date) -> ProblemCounts {
        let mut counts = ProblemCounts::default();
        for problem in problems {
            match problem.state_at(date) {
                None => continue,
                Some(ProblemState::Closed) => counts.closed += 1,
                Some(ProblemState::Extended) => counts.extended += 1,
                Some(ProblemState::Open) => counts.open += 1,
            }
            counts.raised += 1;
        }
        counts.close_rate = (counts.raised > 0).then(|| counts.closed as f64 / counts.raised as f64 * 100.0);
        counts
    }
}

/// The programme's problem figures at a date: counted from the register,
/// or as `tallies.yaml` states them for the month. A count the tallies do
/// not state (how many were extended, and so how many are open) is
/// unknown, not zero.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub(crate) struct ProblemFigures {
    pub(crate) raised: usize,
    pub(crate) closed: usize,
    pub(crate) extended: Option<usize>,
    pub(crate) open: Option<usize>,
    /// The stated close rate, else closed ÷ raised, in percent; `None`
    /// when nothing was raised.
    pub(crate) close_rate: Option<f64>,
    /// Stated in `tallies.yaml` (据统计报表), not counted from records.
    pub(crate) stated: bool,
}

impl From<ProblemCounts> for ProblemFigures {
    fn from(counts: ProblemCounts) -> ProblemFigures {
        ProblemFigures {
            raised: counts.raised,
            closed: counts.closed,
            extended: Some(counts.extended),
            open: Some(counts.open),
            close_rate: counts.close_rate,
            stated: false,
        }
    }
}

impl ProblemFigures {
    /// Counts as stated: what is neither closed nor extended is open (when
    /// the extended ones are stated); a stated rate wins over the one
    /// computed, like a stated growth.
    pub(crate) fn stated(stated: TallyCounts) -> ProblemFigures {
        let TallyCounts {
            raised,
            closed,
            extended,
            close_rate,
        } = stated;
        ProblemFigures {
            raised,
            closed,
            extended,
            open: extended.map(|extended| raised.saturating_sub(closed + extended)),
            close_rate: close_rate.or_else(|| computed_rate(closed, raised)),
            stated: true,
        }
    }
}

/// closed ÷ raised in percent, or `None` when nothing was raised.
pub(crate) fn computed_rate(closed: usize, raised: usize) -> Option<f64> {
    (raised > 0).then(|| closed as f64 / raised as f64 * 100.0)
}

/// The programme's problem figures at `date` (of key problems only when
/// `key`): the counts stated in `tallies.yaml` for the month holding
/// `date` when there are any, like a stated growth; else counted from the
/// register.
pub(crate) fn programme_problems(data: &Data, date: Date, key: bool) -> ProblemFigures {
    match stated_problems(data, date, key) {
        Some(stated) => ProblemFigures::stated(stated),
        None => register_problems(data, date, key).into(),
    }
}

/// The register's problem counts at `date` (of key problems only when
/// `key`).
pub(crate) fn register_problems(data: &Data, date: Date, key: bool) -> ProblemCounts {
    if key {
        ProblemCounts::at(data.problems.records.iter().filter(|p| p.key), date)
    } else {
        ProblemCounts::at(&data.problems.records, date)
    }
}

/// The counts `tallies.yaml` states for the month holding `date` (of key
/// problems when `key`), if it states any.
pub(crate) fn stated_problems(data: &Data, date: Date, key: bool) -> Option<TallyCounts> {
    stated_for(
        data,
        Period {
            year: date.year,
            month: date.month,
        },
        key,
    )
}

/// The counts `tallies.yaml` states for `period` (of key problems when
/// `key`), if it states any.
pub(crate) fn stated_for(data: &Data, period: Period, key: bool) -> Option<TallyCounts> {
    data.tallies
        .records
        .iter()
        .find(|t| t.period == period)
        .and_then(|t| if key { t.key_problems } else { t.problems })
}

/// Project counts at a date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub(crate) struct ProjectCounts {
    pub(crate) count: usize,
    pub(crate) planned: usize,
    pub(crate) started: usize,
    pub(crate) built: usize,
    pub(crate) producing: usize,
    /// Total planned investment of the counted projects, in 万元.
    pub(crate) investment: f64,
}

impl ProjectCounts {
    pub(crate) fn at<'a>(projects: impl IntoIterator<Item = &'a Project>, date: Date) -> ProjectCounts {
        let mut counts = ProjectCounts::default();
        for project in projects {
            let Some(status) = project.status_at(date) else { continue };
            counts.count += 1;
            counts.investment += project.investment;
            *counts.status_mut(status) += 1;
        }
        counts
    }

    fn status_mut(&mut self, status: Status) -> &mut usize {
        match status {
            Status::Planned => &mut self.planned,
            Status::Started => &mut self.started,
            Status::Built => &mut self.built,
            Status::Producing => &mut self.producing,
        }
    }

    pub(crate) fn of(&self, status: Status) -> usize {
        match status {
            Status::Planned => self.planned,
            Status::Started => self.started,
            Status::Built => self.built,
            Status::Producing => self.producing,
        }
    }
}
