//! Which data files a figure, a chart or a table needs, and the error when
//! one of them is absent. A file that is not there is unknown, not empty:
//! without `problems.yaml` the problems overdue are not `0` but not known.
//! A metric, chart or table of a briefing that needs an absent file is an
//! error at its shortcode; templates are told which files the site keeps
//! (`site.kept`), and the figures of an absent file reach them as nothing
//! rather than as zeros.
//!
//! Which files a site keeps is its own choice: DESIGN.md marks tallies,
//! visits, plans and charts optional, and a new programme may have no
//! problem register yet (or keep tallies instead), so the default theme
//! shows what each page can and says what is not kept.

use serde::Serialize;

use crate::calendar::Date;
use crate::derive::charts::ChartId;
use crate::derive::figures::stated_problems;
use crate::load::data::Data;

/// A data file a figure may need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Need {
    Output,
    Projects,
    Problems,
    Visits,
    Plans,
    Enterprises,
}

impl Need {
    /// The file's name without its extension.
    fn stem(self) -> &'static str {
        match self {
            Need::Output => "output",
            Need::Projects => "projects",
            Need::Problems => "problems",
            Need::Visits => "visits",
            Need::Plans => "plans",
            Need::Enterprises => "enterprises",
        }
    }

    /// What the file holds, for messages.
    fn what(self) -> &'static str {
        match self {
            Need::Output => "the output figures",
            Need::Projects => "the project list",
            Need::Problems => "the problem register",
            Need::Visits => "the visit log",
            Need::Plans => "the plans filed",
            Need::Enterprises => "the enterprise list",
        }
    }

    /// Whether the site keeps the file (in any form).
    pub(crate) fn kept(self, data: &Data) -> bool {
        match self {
            Need::Output => data.output.found(),
            Need::Projects => data.projects.found(),
            Need::Problems => data.problems.found(),
            Need::Visits => data.visits.found(),
            Need::Plans => data.plans.found(),
            Need::Enterprises => data.enterprises.found(),
        }
    }
}

/// The error about `subject` (a metric's name, a chart's id, a table's
/// shortcode) when one of `needs` is absent, else `None`.
pub(crate) fn missing(data: &Data, subject: &str, needs: &[Need]) -> Option<String> {
    let need = needs.iter().find(|need| !need.kept(data))?;
    let stem = need.stem();
    Some(format!(
        "`{subject}` needs {}, but there is no content/data/{stem}.yaml (nor {stem}.xlsx or {stem}.csv)",
        need.what()
    ))
}

/// Whether every one of `needs` is kept.
pub(crate) fn all_kept(data: &Data, needs: &[Need]) -> bool {
    needs.iter().all(|need| need.kept(data))
}

/// The files the metric `name` needs at `date`. Counts of problems stated
/// in `tallies.yaml` for the month need no register; the bulletins issued
/// (`briefings.*`) need no data file; a name that is no metric needs
/// nothing (it is reported as unknown).
pub(crate) fn of_metric(data: &Data, name: &str, date: Date) -> Vec<Need> {
    let parts: Vec<&str> = name.split('.').collect();
    match parts.as_slice() {
        ["output", ..] => vec![Need::Output],
        ["projects", ..] => vec![Need::Projects],
        ["problems", "overdue", ..] | ["problems", "key", "overdue", ..] => vec![Need::Problems],
        ["problems", "key", _] | ["problems", "key", _, "year"] if stated_problems(data, date, true).is_some() => Vec::new(),
        ["problems", field] | ["problems", field, "year"] if *field != "key" && stated_problems(data, date, false).is_some() => Vec::new(),
        ["problems", ..] => vec![Need::Problems],
        ["visits", "joint", ..] => vec![Need::Visits, Need::Enterprises],
        ["visits", ..] => vec![Need::Visits],
        ["plans", "filed", ..] => vec![Need::Plans],
        ["plans", ..] => vec![Need::Plans, Need::Enterprises],
        ["enterprises", ..] => vec![Need::Enterprises],
        ["units", _, "visits"] => vec![Need::Visits],
        ["units", _, "plans_missing"] => vec![Need::Plans, Need::Enterprises],
        ["units", _, _] => vec![Need::Problems],
        _ => Vec::new(),
    }
}

/// The files `chart` needs. The problems chart draws the months stated in
/// `tallies.yaml` when there is no register.
pub(crate) fn of_chart(data: &Data, chart: &ChartId) -> Vec<Need> {
    match chart {
        ChartId::OutputGrowth | ChartId::ValueAddedGrowth | ChartId::OutputByIndustry | ChartId::Industry(_) => vec![Need::Output],
        ChartId::ProjectsByStatus => vec![Need::Projects],
        ChartId::ProblemsResolution if data.tallies.records.iter().any(|t| t.problems.is_some()) => Vec::new(),
        ChartId::ProblemsResolution | ChartId::UnitsCloseRate => vec![Need::Problems],
        ChartId::User(id) => match data.charts.records.iter().find(|c| c.id == *id) {
            Some(def) if def.measure == "projects" => vec![Need::Projects],
            Some(_) => vec![Need::Output],
            None => Vec::new(),
        },
    }
}

/// The files the units' scorecard (`units()`) shows figures of.
pub(crate) const SCORECARD: [Need; 4] = [Need::Problems, Need::Visits, Need::Plans, Need::Enterprises];

/// Which data files the site keeps, as templates see it (`site.kept`):
/// a theme shows the figures of a file only where it is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct Kept {
    pub(crate) industries: bool,
    pub(crate) units: bool,
    pub(crate) enterprises: bool,
    pub(crate) projects: bool,
    pub(crate) problems: bool,
    pub(crate) output: bool,
    pub(crate) charts: bool,
    pub(crate) tallies: bool,
    pub(crate) visits: bool,
    pub(crate) plans: bool,
}

impl Kept {
    pub(crate) fn of(data: &Data) -> Kept {
        Kept {
            industries: data.industries.found(),
            units: data.units.found(),
            enterprises: data.enterprises.found(),
            projects: data.projects.found(),
            problems: data.problems.found(),
            output: data.output.found(),
            charts: data.charts.found(),
            tallies: data.tallies.found(),
            visits: data.visits.found(),
            plans: data.plans.found(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date() -> Date {
        "2013-06-30".parse().expect("date")
    }

    #[test]
    fn an_absent_file_is_named_for_what_needs_it() {
        let mut data = Data::default();
        let needs = of_metric(&data, "problems.overdue.red", date());
        assert_eq!(needs, [Need::Problems]);
        let message = missing(&data, "problems.overdue.red", &needs).expect("absent");
        assert_eq!(
            message,
            "`problems.overdue.red` needs the problem register, but there is no content/data/problems.yaml (nor problems.xlsx or problems.csv)"
        );
        data.problems.reading.found = true;
        assert_eq!(missing(&data, "problems.overdue.red", &needs), None);
        assert_eq!(of_metric(&data, "no.such.metric", date()), []);
        assert_eq!(of_metric(&data, "units.water.visits", date()), [Need::Visits]);
        assert_eq!(of_metric(&data, "plans.missing", date()), [Need::Plans, Need::Enterprises]);
    }

    #[test]
    fn stated_counts_need_no_register() {
        let tallies = "- period: \"2013-06\"\n  problems: {raised: 475, closed: 328}\n";
        let mut problems = Vec::new();
        let data = crate::load::data::parse_named(&[("tallies", tallies)], &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(of_metric(&data, "problems.raised", date()), []);
        assert_eq!(of_metric(&data, "problems.key.raised", date()), [Need::Problems]);
        assert_eq!(of_metric(&data, "problems.overdue", date()), [Need::Problems]);
        assert_eq!(
            of_metric(&data, "problems.raised", "2013-07-31".parse().expect("date")),
            [Need::Problems]
        );
        assert_eq!(of_chart(&data, &ChartId::ProblemsResolution), []);
        assert_eq!(of_chart(&data, &ChartId::UnitsCloseRate), [Need::Problems]);
    }
}
