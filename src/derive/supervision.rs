//! Supervision figures (督查), as of any date: problems overdue by the
//! 蓝/黄/红 limits of site.yaml, visits to enterprises and joint visits,
//! assistance plans filed and missing, and each unit's scorecard — what a
//! 督查通报 holds units to account for. Pure functions of the data.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::calendar::Date;
use crate::load::data::{Data, Enterprise, Limits, Problem, ProblemState, Visit};

/// How late a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Level {
    Blue,
    Yellow,
    Red,
}

impl Level {
    pub(crate) const ALL: [Level; 3] = [Level::Blue, Level::Yellow, Level::Red];

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Level::Blue => "blue",
            Level::Yellow => "yellow",
            Level::Red => "red",
        }
    }

    pub(crate) fn parse(text: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str() == text)
    }
}

/// Days from `from` to `to`.
pub(crate) fn days_between(from: Date, to: Date) -> i64 {
    to.days_since_epoch() - from.days_since_epoch()
}

/// How late `problem` is at `date`: open or extended then, and open for
/// at least the blue limit (a problem closed after its limit counts as
/// overdue until the day it closed).
pub(crate) fn level(problem: &Problem, date: Date, limits: Limits) -> Option<Level> {
    match problem.state_at(date)? {
        ProblemState::Closed => None,
        ProblemState::Open | ProblemState::Extended => {
            let days = days_between(problem.raised, date);
            if days >= i64::from(limits.red) {
                Some(Level::Red)
            } else if days >= i64::from(limits.yellow) {
                Some(Level::Yellow)
            } else if days >= i64::from(limits.blue) {
                Some(Level::Blue)
            } else {
                None
            }
        }
    }
}

/// Overdue problems by level (each counted at its highest).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Overdue {
    pub(crate) blue: usize,
    pub(crate) yellow: usize,
    pub(crate) red: usize,
}

impl Overdue {
    pub(crate) fn at<'a>(problems: impl IntoIterator<Item = &'a Problem>, date: Date, limits: Limits) -> Overdue {
        let mut overdue = Overdue::default();
        for problem in problems {
            match level(problem, date, limits) {
                Some(Level::Blue) => overdue.blue += 1,
                Some(Level::Yellow) => overdue.yellow += 1,
                Some(Level::Red) => overdue.red += 1,
                None => {}
            }
        }
        overdue
    }

    pub(crate) fn total(&self) -> usize {
        self.blue + self.yellow + self.red
    }

    pub(crate) fn of(&self, level: Level) -> usize {
        match level {
            Level::Blue => self.blue,
            Level::Yellow => self.yellow,
            Level::Red => self.red,
        }
    }
}

/// Whether every helping unit of `enterprise` took part in `visit`.
pub(crate) fn is_joint(visit: &Visit, enterprise: Option<&Enterprise>) -> bool {
    enterprise.is_some_and(|e| !e.units.is_empty() && e.units.iter().all(|u| visit.units.contains(u)))
}

/// Visits up to a date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub(crate) struct VisitCounts {
    pub(crate) count: usize,
    pub(crate) joint: usize,
}

/// Visits on or before `date` (by `unit` only, when given).
pub(crate) fn visits_at(data: &Data, date: Date, unit: Option<&str>) -> VisitCounts {
    let mut counts = VisitCounts::default();
    for visit in data.visits.records.iter().filter(|v| v.date <= date) {
        if unit.is_some_and(|u| !visit.units.iter().any(|v| v == u)) {
            continue;
        }
        counts.count += 1;
        if is_joint(visit, data.enterprise(&visit.enterprise)) {
            counts.joint += 1;
        }
    }
    counts
}

/// Assistance plans: the (helping unit, enterprise) pairs of
/// `enterprises.yaml` with a plan filed by a date, and those without.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub(crate) struct PlanCounts {
    pub(crate) filed: usize,
    pub(crate) missing: usize,
}

/// The (unit, enterprise) pairs expected to file a plan (of `unit` only,
/// when given).
pub(crate) fn expected_plans<'d>(data: &'d Data, unit: Option<&'d str>) -> impl Iterator<Item = (&'d str, &'d str)> + 'd {
    data.enterprises.records.iter().flat_map(move |e| {
        e.units
            .iter()
            .filter(move |u| unit.is_none_or(|wanted| wanted == u.as_str()))
            .map(move |u| (u.as_str(), e.id.as_str()))
    })
}

/// The (unit, enterprise) pairs with a plan filed by `date`.
pub(crate) fn filed_plans(data: &Data, date: Date) -> HashSet<(&str, &str)> {
    data.plans
        .records
        .iter()
        .filter(|p| p.filed <= date)
        .map(|p| (p.unit.as_str(), p.enterprise.as_str()))
        .collect()
}

pub(crate) fn plans_at(data: &Data, date: Date, unit: Option<&str>) -> PlanCounts {
    let filed = filed_plans(data, date);
    let mut counts = PlanCounts::default();
    for pair in expected_plans(data, unit) {
        if filed.contains(&pair) {
            counts.filed += 1;
        } else {
            counts.missing += 1;
        }
    }
    counts
}

/// How many units have at least one plan not filed by `date` (a unit
/// counts once, however many of its enterprises lack its plan).
pub(crate) fn units_missing_plans(data: &Data, date: Date) -> usize {
    let filed = filed_plans(data, date);
    let missing: HashSet<&str> = expected_plans(data, None)
        .filter(|pair| !filed.contains(pair))
        .map(|(unit, _)| unit)
        .collect();
    missing.len()
}

/// The median of `days` (the mean of the middle two for an even count).
pub(crate) fn median(mut days: Vec<i64>) -> Option<f64> {
    if days.is_empty() {
        return None;
    }
    days.sort_unstable();
    let middle = days.len() / 2;
    Some(if days.len().is_multiple_of(2) {
        (days[middle - 1] + days[middle]) as f64 / 2.0
    } else {
        days[middle] as f64
    })
}

/// One unit's scorecard at a date.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(crate) struct UnitScore {
    /// Enterprises it helps, and of those it leads.
    pub(crate) enterprises: usize,
    pub(crate) leads: usize,
    pub(crate) visits: VisitCounts,
    pub(crate) plans: PlanCounts,
    /// Problems assigned to it (raised by the date), by state.
    pub(crate) raised: usize,
    pub(crate) closed: usize,
    pub(crate) extended: usize,
    pub(crate) open: usize,
    pub(crate) overdue: Overdue,
    /// closed ÷ raised in percent.
    pub(crate) close_rate: Option<f64>,
    /// Median days from raised to closed of its closed problems.
    pub(crate) median_days_to_close: Option<f64>,
}

/// The units taking part in the programme at `date`: those that help an
/// enterprise, or that a problem raised, a visit or a plan filed by the
/// date names. A unit of which nothing is known by then has nothing to be
/// scored on in a briefing of that moment (one added to units.yaml later
/// does not join the tables of circulars already issued). One pass over
/// the records for every unit.
pub(crate) fn taking_part(data: &Data, date: Date) -> HashSet<&str> {
    let enterprises = data.enterprises.records.iter().flat_map(|e| &e.units);
    let problems = (data.problems.records.iter().filter(|p| p.raised <= date)).flat_map(|p| &p.units);
    let visits = (data.visits.records.iter().filter(|v| v.date <= date)).flat_map(|v| &v.units);
    let plans = (data.plans.records.iter().filter(|p| p.filed <= date)).map(|p| &p.unit);
    enterprises.chain(problems).chain(visits).chain(plans).map(String::as_str).collect()
}

/// The scorecard of `unit` at `date`.
pub(crate) fn unit_score(data: &Data, unit: &str, date: Date) -> UnitScore {
    let mine: Vec<&Problem> = data.problems.records.iter().filter(|p| p.units.iter().any(|u| u == unit)).collect();
    unit_score_of(data, unit, &mine, date)
}

/// Every unit's scorecard at `date`, in the order of `units.yaml`: the
/// register is read once for all of them.
pub(crate) fn unit_scores(data: &Data, date: Date) -> Vec<UnitScore> {
    let units = &data.units.records;
    let place: HashMap<&str, usize> = units.iter().enumerate().map(|(i, u)| (u.id.as_str(), i)).collect();
    let mut mine: Vec<Vec<&Problem>> = vec![Vec::new(); units.len()];
    for problem in &data.problems.records {
        for (i, unit) in problem.units.iter().enumerate() {
            // A unit named twice handles the problem once.
            if let Some(&at) = place.get(unit.as_str())
                && !problem.units[..i].contains(unit)
            {
                mine[at].push(problem);
            }
        }
    }
    units
        .iter()
        .zip(&mine)
        .map(|(unit, mine)| unit_score_of(data, &unit.id, mine, date))
        .collect()
}

/// The scorecard of `unit` at `date`, the problems assigned to it `mine`.
fn unit_score_of(data: &Data, unit: &str, mine: &[&Problem], date: Date) -> UnitScore {
    let helped = data.enterprises.records.iter().filter(|e| e.units.iter().any(|u| u == unit));
    let (enterprises, leads) = helped.fold((0, 0), |(n, l), e| (n + 1, l + usize::from(e.lead_unit == unit)));
    let mut score = UnitScore {
        enterprises,
        leads,
        visits: visits_at(data, date, Some(unit)),
        plans: plans_at(data, date, Some(unit)),
        overdue: Overdue::at(mine.iter().copied(), date, data.limits),
        ..UnitScore::default()
    };
    let mut days = Vec::new();
    for problem in mine {
        match problem.state_at(date) {
            None => continue,
            Some(ProblemState::Closed) => {
                score.closed += 1;
                if let Some(closed) = problem.closed {
                    days.push(days_between(problem.raised, closed));
                }
            }
            Some(ProblemState::Extended) => score.extended += 1,
            Some(ProblemState::Open) => score.open += 1,
        }
        score.raised += 1;
    }
    score.close_rate = (score.raised > 0).then(|| score.closed as f64 / score.raised as f64 * 100.0);
    score.median_days_to_close = median(days);
    score
}

/// How an enterprise is looked after, at a date.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(crate) struct Care {
    pub(crate) last_visit: Option<Date>,
    /// Days since the last visit (none: never visited).
    pub(crate) days_since: Option<i64>,
    /// Its helping units that never came (ids).
    pub(crate) never_came: Vec<String>,
}

pub(crate) fn enterprise_care(data: &Data, enterprise: &Enterprise, date: Date) -> Care {
    let visits: Vec<&Visit> = data
        .visits
        .records
        .iter()
        .filter(|v| v.enterprise == enterprise.id && v.date <= date)
        .collect();
    let last_visit = visits.iter().map(|v| v.date).max();
    Care {
        last_visit,
        days_since: last_visit.map(|d| days_between(d, date)),
        never_came: enterprise
            .units
            .iter()
            .filter(|u| !visits.iter().any(|v| v.units.contains(u)))
            .cloned()
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENTERPRISES: &str = "- {id: tiande, name: 天德, industry: m, lead_unit: water, units: [water, land, power]}\n\
        - {id: haoshi, name: 好食, industry: m, lead_unit: land, units: [land, commerce]}\n";
    const PROBLEMS: &str = "- {id: p1, enterprise: tiande, raised: 2013-03-01, summary: a, units: [water], status: closed, closed: 2013-03-11}\n\
        - {id: p2, enterprise: tiande, raised: 2013-03-01, summary: b, units: [water, land], status: closed, closed: 2013-05-20}\n\
        - {id: p3, enterprise: haoshi, raised: 2013-04-01, summary: c, units: [land], status: extended}\n\
        - {id: p4, enterprise: haoshi, raised: 2013-06-01, summary: d, units: [water], status: open}\n\
        - {id: p5, enterprise: tiande, raised: 2013-04-15, summary: e, units: [water], status: closed, closed: 2013-04-21}\n";
    const VISITS: &str = "- {date: 2013-03-05, enterprise: tiande, units: [water, land, power]}\n\
        - {date: 2013-04-10, enterprise: tiande, units: [water]}\n\
        - {date: 2013-04-12, enterprise: haoshi, units: [land, commerce], leader: true}\n\
        - {date: 2013-06-20, enterprise: haoshi, units: [land]}\n";
    const PLANS: &str = "- {unit: water, enterprise: tiande, filed: 2013-03-20}\n\
        - {unit: land, enterprise: tiande, filed: 2013-03-25}\n\
        - {unit: land, enterprise: haoshi, filed: 2013-06-15}\n";

    fn data() -> Data {
        let mut problems = Vec::new();
        let data = crate::load::data::parse_named(
            &[
                ("enterprises", ENTERPRISES),
                ("problems", PROBLEMS),
                ("visits", VISITS),
                ("plans", PLANS),
            ],
            &mut problems,
        );
        assert!(problems.is_empty(), "{problems:?}");
        data
    }

    fn day(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn a_unit_takes_part_from_the_first_fact_that_names_it() {
        let mut data = data();
        // `water` helps tiande: it takes part at every date.
        assert!(taking_part(&data, day("2013-01-01")).contains("water"));
        // `finance` helps no enterprise; a problem raised on 1 May is the
        // first fact naming it.
        assert!(!taking_part(&data, day("2013-07-31")).contains("finance"));
        let mut late = data.problems.records[3].clone();
        late.units = vec!["finance".into()];
        late.raised = day("2013-05-01");
        data.problems.records.push(late);
        assert!(!taking_part(&data, day("2013-04-30")).contains("finance"));
        assert!(taking_part(&data, day("2013-05-01")).contains("finance"));
    }

    #[test]
    fn scorecards_at_two_dates() {
        let data = data();
        // 30 April: p1 closed (10 days); p2 open 60 days (yellow); p5
        // closed (6 days); p4 not raised yet. Visits on 5 March (joint)
        // and 10 April; the 20 June visit is after the date.
        let april = unit_score(&data, "water", day("2013-04-30"));
        assert_eq!((april.enterprises, april.leads), (1, 1));
        assert_eq!(april.visits, VisitCounts { count: 2, joint: 1 });
        assert_eq!(april.plans, PlanCounts { filed: 1, missing: 0 });
        assert_eq!((april.raised, april.closed, april.open, april.extended), (3, 2, 1, 0));
        assert_eq!(
            april.overdue,
            Overdue {
                blue: 0,
                yellow: 1,
                red: 0
            }
        );
        // two closed: 10 and 6 days; the median of an even count is the mean
        assert_eq!(april.median_days_to_close, Some(8.0));
        // 30 June: p2 closed on 20 May (80 days), p4 open 29 days (not yet blue).
        let june = unit_score(&data, "water", day("2013-06-30"));
        assert_eq!((june.raised, june.closed, june.open), (4, 3, 1));
        assert_eq!(june.overdue.total(), 0, "p2 was overdue until it closed; p4 is 29 days open");
        assert_eq!(june.median_days_to_close, Some(10.0));
        assert_eq!(june.close_rate, Some(75.0));
        // land: p2 and p3; p3 extended since 1 April is red by 30 June
        let land = unit_score(&data, "land", day("2013-06-30"));
        assert_eq!(
            land.overdue,
            Overdue {
                blue: 0,
                yellow: 0,
                red: 1
            }
        );
        assert_eq!(land.plans, PlanCounts { filed: 2, missing: 0 });
        assert_eq!(
            unit_score(&data, "land", day("2013-06-01")).plans,
            PlanCounts { filed: 1, missing: 1 }
        );
        // a unit with no problems
        let power = unit_score(&data, "power", day("2013-06-30"));
        assert_eq!((power.raised, power.close_rate, power.median_days_to_close), (0, None, None));
        assert_eq!(power.plans, PlanCounts { filed: 0, missing: 1 });
    }

    #[test]
    fn county_totals_and_care() {
        let data = data();
        assert_eq!(visits_at(&data, day("2013-04-30"), None), VisitCounts { count: 3, joint: 2 });
        assert_eq!(plans_at(&data, day("2013-04-30"), None), PlanCounts { filed: 2, missing: 3 });
        let overdue = Overdue::at(&data.problems.records, day("2013-05-10"), data.limits);
        // p2 70 days (yellow), p3 39 days (blue)
        assert_eq!(
            overdue,
            Overdue {
                blue: 1,
                yellow: 1,
                red: 0
            }
        );
        let tiande = data.enterprise("tiande").unwrap();
        let care = enterprise_care(&data, tiande, day("2013-04-30"));
        assert_eq!((care.last_visit, care.days_since), (Some(day("2013-04-10")), Some(20)));
        assert!(care.never_came.is_empty());
        let haoshi = data.enterprise("haoshi").unwrap();
        let before = enterprise_care(&data, haoshi, day("2013-04-01"));
        assert_eq!((before.last_visit, before.never_came.len()), (None, 2), "never visited yet");
    }

    #[test]
    fn medians() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![5]), Some(5.0));
        assert_eq!(median(vec![9, 1, 4, 6]), Some(5.0));
    }

    #[test]
    fn every_unit_s_scorecard_at_once_is_each_one_s() {
        let mut data = data();
        let mut found = Vec::new();
        let units = "- {id: water, name: 县水务局}\n- {id: land, name: 县国土资源局}\n- {id: power, name: 县供电公司}\n";
        data.units = crate::load::data::parse_named(&[("units", units)], &mut found).units;
        assert!(found.is_empty(), "{found:?}");
        // A unit named twice handles its problem once.
        data.problems.records[1].units.push("land".into());
        for date in ["2013-03-01", "2013-04-30", "2013-06-30"] {
            let all = unit_scores(&data, day(date));
            let each: Vec<UnitScore> = ["water", "land", "power"].iter().map(|u| unit_score(&data, u, day(date))).collect();
            assert_eq!(all, each, "{date}");
        }
        assert_eq!(unit_scores(&data, day("2013-06-30"))[1].raised, 2);
    }
}
