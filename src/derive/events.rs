//! Counts of events from 1 January of a moment's year — the `.year` forms
//! of the metrics: problems raised and closed, visits and joint visits,
//! plans filed, bulletins issued — and the bulletins issued up to a date
//! (`briefings.bulletins`). A visit of December 2012 is no visit 今年以来
//! of 2013: only what happened from 1 January on counts.
//!
//! Problems of a month that `tallies.yaml` states are counted from the
//! stated figures alone — the month's less those of the December before —
//! never the register's for one end and the tallies' for the other (two
//! populations). Without the December before stated, the count since 1
//! January is not known, and saying so is the answer.

use std::collections::HashSet;

use crate::calendar::{Date, Period};
use crate::derive::counts::stated_for;
use crate::derive::supervision::{self, VisitCounts};
use crate::load::Issued;
use crate::load::data::{Data, ProblemState};

/// 1 January of the year of `date`.
fn new_year(date: Date) -> Date {
    Date {
        year: date.year,
        month: 1,
        day: 1,
    }
}

/// Problems raised and closed from 1 January to a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ProblemsThisYear {
    pub(crate) raised: usize,
    pub(crate) closed: usize,
}

impl ProblemsThisYear {
    /// `raised` or `closed`.
    pub(crate) fn of(self, field: &str) -> usize {
        if field == "closed" { self.closed } else { self.raised }
    }
}

/// Problems (key problems only when `key`) raised and closed from 1
/// January of the year of `date` to `date`: stated in `tallies.yaml` for
/// the month of `date`, the stated counts less those stated for the
/// December before (an error when that December is not stated); else from
/// the register, each problem by its own dates.
/// `name` is the metric asked for, for the error.
pub(crate) fn problems_this_year(data: &Data, name: &str, date: Date, key: bool) -> Result<ProblemsThisYear, String> {
    let month = Period {
        year: date.year,
        month: date.month,
    };
    if let Some(now) = stated_for(data, month, key) {
        let december = Period {
            year: date.year - 1,
            month: 12,
        };
        let Some(before) = stated_for(data, december, key) else {
            return Err(format!(
                "`{name}` is not known for {month}: tallies.yaml states the counts of {month} but not of {december}, so the count since 1 January cannot be told from them (add the counts of {december}, or use the count to date)"
            ));
        };
        if now.raised < before.raised || now.closed < before.closed {
            return Err(format!(
                "`{name}` is not known for {month}: tallies.yaml states fewer problems for {month} than for {december}"
            ));
        }
        return Ok(ProblemsThisYear {
            raised: now.raised - before.raised,
            closed: now.closed - before.closed,
        });
    }
    let from = new_year(date);
    let mut year = ProblemsThisYear { raised: 0, closed: 0 };
    for problem in data.problems.records.iter().filter(|p| !key || p.key) {
        if (from..=date).contains(&problem.raised) {
            year.raised += 1;
        }
        if problem.state_at(date) == Some(ProblemState::Closed) && problem.closed.is_some_and(|closed| closed >= from) {
            year.closed += 1;
        }
    }
    Ok(year)
}

/// Visits (and joint visits) from 1 January of the year of `date` to
/// `date`.
pub(crate) fn visits_this_year(data: &Data, date: Date) -> VisitCounts {
    let from = new_year(date);
    let mut counts = VisitCounts::default();
    for visit in data.visits.records.iter().filter(|v| (from..=date).contains(&v.date)) {
        counts.count += 1;
        if supervision::is_joint(visit, data.enterprise(&visit.enterprise)) {
            counts.joint += 1;
        }
    }
    counts
}

/// The (unit, enterprise) pairs expected to file a plan that filed one
/// from 1 January of the year of `date` to `date`.
pub(crate) fn plans_filed_this_year(data: &Data, date: Date) -> usize {
    let from = new_year(date);
    let filed: HashSet<(&str, &str)> = data
        .plans
        .records
        .iter()
        .filter(|p| (from..=date).contains(&p.filed))
        .map(|p| (p.unit.as_str(), p.enterprise.as_str()))
        .collect();
    supervision::expected_plans(data, None).filter(|pair| filed.contains(pair)).count()
}

/// The bulletins issued up to a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Bulletins {
    /// The highest number (期) issued: earlier numbers count even when
    /// their bulletins are not on the site (an issue of the first years,
    /// or kept out of this edition), so 8 is 8 issues.
    pub(crate) highest: u32,
    /// Issued from 1 January: the highest number less the highest of the
    /// years before (numbers run on across years, being unique).
    pub(crate) this_year: u32,
}

/// The bulletins of `issued` (sorted by date, see [`Issued::of`]) issued
/// up to `date`; `None` when no bulletin of the site is numbered (the
/// count is then unknown, not zero).
pub(crate) fn bulletins(issued: &[Issued], date: Date) -> Option<Bulletins> {
    if issued.is_empty() {
        return None;
    }
    let from = new_year(date);
    let highest_before = |day: Date| issued.iter().take_while(|i| i.date < day).map(|i| i.number).max().unwrap_or(0);
    let highest = issued.iter().take_while(|i| i.date <= date).map(|i| i.number).max().unwrap_or(0);
    Some(Bulletins {
        highest,
        this_year: highest.saturating_sub(highest_before(from)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        text.parse().expect("date")
    }

    /// Data from the texts of units, enterprises, problems, tallies,
    /// visits and plans.
    fn site_data(problems: &str, tallies: &str, visits: &str, plans: &str) -> Data {
        let mut found = Vec::new();
        let data = crate::load::data::parse_named(
            &crate::load::data::present(&[
                ("units", "- {id: water, name: 县水务局}\n- {id: land, name: 县国土资源局}\n"),
                (
                    "enterprises",
                    "- {id: tiande, name: 天德, industry: m, key: true, lead_unit: water, units: [water, land]}\n",
                ),
                ("problems", problems),
                ("tallies", tallies),
                ("visits", visits),
                ("plans", plans),
            ]),
            &mut found,
        );
        assert!(found.is_empty(), "{found:?}");
        data
    }

    #[test]
    fn a_visit_of_last_year_is_no_visit_of_this_year() {
        let visits = "- {date: 2012-12-20, enterprise: tiande, units: [water, land]}\n\
                      - {date: 2013-01-01, enterprise: tiande, units: [water]}\n\
                      - {date: 2013-03-05, enterprise: tiande, units: [water, land]}\n\
                      - {date: 2013-07-05, enterprise: tiande, units: [land]}\n";
        let data = site_data("", "", visits, "");
        assert_eq!(visits_this_year(&data, day("2013-06-30")), VisitCounts { count: 2, joint: 1 });
        assert_eq!(
            supervision::visits_at(&data, day("2013-06-30"), None).count,
            3,
            "to date, 2012 counts"
        );
        assert_eq!(visits_this_year(&data, day("2012-12-31")), VisitCounts { count: 1, joint: 1 });
    }

    #[test]
    fn plans_filed_this_year_are_expected_pairs_filed_since_january() {
        let plans = "- {unit: water, enterprise: tiande, filed: 2012-11-02}\n\
                     - {unit: land, enterprise: tiande, filed: 2013-02-10}\n\
                     - {unit: land, enterprise: tiande, filed: 2013-08-10}\n";
        let data = site_data("", "", "", plans);
        assert_eq!(plans_filed_this_year(&data, day("2013-06-30")), 1);
        assert_eq!(plans_filed_this_year(&data, day("2013-01-31")), 0);
    }

    #[test]
    fn problems_this_year_from_the_register_by_their_own_dates() {
        let problems = "- {id: a, enterprise: tiande, raised: 2012-11-01, summary: a, units: [water], status: closed, closed: 2013-02-01, key: true}\n\
                        - {id: b, enterprise: tiande, raised: 2012-12-01, summary: b, units: [water], status: closed, closed: 2012-12-20}\n\
                        - {id: c, enterprise: tiande, raised: 2013-03-01, summary: c, units: [water], status: open}\n";
        let data = site_data(problems, "", "", "");
        let year = problems_this_year(&data, "problems.raised.year", day("2013-06-30"), false).expect("from the register");
        assert_eq!(year, ProblemsThisYear { raised: 1, closed: 1 });
        let key = problems_this_year(&data, "problems.raised.year", day("2013-06-30"), true).expect("from the register");
        assert_eq!(key, ProblemsThisYear { raised: 0, closed: 1 });
    }

    #[test]
    fn stated_problems_this_year_need_the_december_before() {
        let tallies = "- period: \"2013-06\"\n  problems: {raised: 475, closed: 328}\n";
        let data = site_data("", tallies, "", "");
        let error = problems_this_year(&data, "problems.raised.year", day("2013-06-30"), false).expect_err("no 2012-12");
        assert!(error.contains("not of 2012-12"), "{error}");
        let tallies = "- period: \"2012-12\"\n  problems: {raised: 400, closed: 300}\n- period: \"2013-06\"\n  problems: {raised: 475, closed: 328}\n";
        let data = site_data("", tallies, "", "");
        let year = problems_this_year(&data, "problems.raised.year", day("2013-06-30"), false).expect("both stated");
        assert_eq!(year, ProblemsThisYear { raised: 75, closed: 28 });
    }

    #[test]
    fn bulletins_by_their_highest_number() {
        let issued = |pairs: &[(&str, u32)]| -> Vec<Issued> {
            let mut list: Vec<Issued> = pairs.iter().map(|(d, n)| Issued { date: day(d), number: *n }).collect();
            list.sort_unstable();
            list
        };
        assert_eq!(bulletins(&[], day("2013-06-30")), None);
        // Numbers 22 to 27 are not on the site; the highest tells.
        let list = issued(&[("2012-11-01", 20), ("2013-02-01", 21), ("2013-05-01", 28), ("2013-07-01", 29)]);
        let june = bulletins(&list, day("2013-06-30")).expect("numbered");
        assert_eq!(june, Bulletins { highest: 28, this_year: 8 });
        let before = bulletins(&list, day("2012-10-31")).expect("numbered");
        assert_eq!(before, Bulletins { highest: 0, this_year: 0 });
    }
}
