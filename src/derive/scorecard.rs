//! What the pages show of supervision, as of the views' moment: each
//! unit's scorecard (for /units/ and /units/<id>/), how each enterprise is
//! looked after (its page), and the /supervision/ page — overdue problems
//! coloured 蓝/黄/红 with their days open, units without plans, and
//! enterprises not visited for the blue limit's days. Numbers are kept as
//! numbers (for sorting) beside their texts; the figures of a file the site
//! does not keep (visits, plans, the register) are nothing, not zero.

use serde::Serialize;

use crate::calendar::Date;
use crate::derive::headline::{Headline, SupervisionTotals};
use crate::derive::locale::Locale;
use crate::derive::supervision;
use crate::derive::views::EnterpriseView;
use crate::load::data::{Data, Enterprise, Problem};
use crate::routes::Route;

/// One unit's scorecard. A figure of a file the site does not keep is
/// `None`: visits without `visits.yaml`, plans without `plans.yaml` (or
/// `enterprises.yaml`), problems without the register.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ScoreView {
    pub(crate) visits: Option<usize>,
    pub(crate) joint_visits: Option<usize>,
    pub(crate) plans_filed: Option<usize>,
    pub(crate) plans_missing: Option<usize>,
    pub(crate) raised: Option<usize>,
    pub(crate) closed: Option<usize>,
    pub(crate) open: Option<usize>,
    pub(crate) overdue: Option<usize>,
    pub(crate) overdue_blue: Option<usize>,
    pub(crate) overdue_yellow: Option<usize>,
    pub(crate) overdue_red: Option<usize>,
    /// Close rate in percent (−1 when nothing was raised, for sorting).
    pub(crate) close_rate: f64,
    pub(crate) close_rate_text: String,
    /// Median days to close (−1 when none closed).
    pub(crate) median_days: f64,
    pub(crate) median_days_text: String,
}

/// Whether the site keeps what plans are counted from: the plans filed,
/// and the enterprises that expect them.
pub(crate) fn plans_kept(data: &Data) -> bool {
    data.plans.found() && data.enterprises.found()
}

/// The scorecard of a unit as the pages show it, from its `score` at the
/// moment (see [`supervision::unit_scores`]).
pub(crate) fn view_of(data: &Data, score: &supervision::UnitScore, locale: &Locale) -> ScoreView {
    let percent = |v: f64| format!("{v:.1}%");
    let visits = |n: usize| data.visits.found().then_some(n);
    let plans = |n: usize| plans_kept(data).then_some(n);
    let problems = |n: usize| data.problems.found().then_some(n);
    ScoreView {
        visits: visits(score.visits.count),
        joint_visits: visits(score.visits.joint),
        plans_filed: plans(score.plans.filed),
        plans_missing: plans(score.plans.missing),
        raised: problems(score.raised),
        closed: problems(score.closed),
        open: problems(score.open + score.extended),
        overdue: problems(score.overdue.total()),
        overdue_blue: problems(score.overdue.blue),
        overdue_yellow: problems(score.overdue.yellow),
        overdue_red: problems(score.overdue.red),
        close_rate: score.close_rate.unwrap_or(-1.0),
        close_rate_text: score.close_rate.map_or_else(|| "—".to_string(), percent),
        median_days: score.median_days_to_close.unwrap_or(-1.0),
        median_days_text: score
            .median_days_to_close
            .map_or_else(|| "—".to_string(), |d| locale.fill("days", "{n}天", &[("n", &format!("{d}"))])),
    }
}

/// How an enterprise is looked after.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CareView {
    pub(crate) last_visit: String,
    /// Days since the last visit (−1: never visited).
    pub(crate) days_since: i64,
    /// Names of its helping units that never came.
    pub(crate) never_came: Vec<String>,
}

pub(crate) fn care(data: &Data, enterprise: &Enterprise, date: Date, locale: &Locale) -> CareView {
    let care = supervision::enterprise_care(data, enterprise, date);
    CareView {
        last_visit: care.last_visit.map(|d| locale.date(d)).unwrap_or_default(),
        days_since: care.days_since.unwrap_or(-1),
        never_came: care
            .never_came
            .iter()
            .map(|u| data.unit(u).map_or_else(|| u.clone(), |unit| unit.name.clone()))
            .collect(),
    }
}

/// An overdue problem on /supervision/.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LateView {
    pub(crate) id: String,
    pub(crate) summary: String,
    pub(crate) enterprise: String,
    pub(crate) enterprise_path: String,
    pub(crate) units: Vec<String>,
    pub(crate) raised: String,
    pub(crate) days: i64,
    pub(crate) level: &'static str,
    pub(crate) level_name: String,
}

/// A plan not filed.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct MissingPlanView {
    pub(crate) unit: String,
    pub(crate) unit_path: String,
    pub(crate) enterprise: String,
    pub(crate) enterprise_path: String,
}

/// An enterprise not visited for a while.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct UnvisitedView {
    pub(crate) name: String,
    pub(crate) path: String,
    pub(crate) last_visit: String,
    /// Days since the last visit, −1 when never.
    pub(crate) days: i64,
}

/// The /supervision/ page; what comes of a file the site does not keep is
/// `None` (overdue problems without the register, missing plans without
/// plans or enterprises, visits without the visit log).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SupervisionView {
    pub(crate) date_text: String,
    pub(crate) limits: [u32; 3],
    pub(crate) overdue: Option<Vec<LateView>>,
    /// The overdue problems by level and the visits: headline figures.
    #[serde(flatten)]
    pub(crate) totals: SupervisionTotals,
    pub(crate) missing_plans: Option<Vec<MissingPlanView>>,
    pub(crate) unvisited: Option<Vec<UnvisitedView>>,
}

fn unit_name(data: &Data, unit: &str) -> String {
    data.unit(unit).map_or_else(|| unit.to_string(), |u| u.name.clone())
}

fn enterprise_name(data: &Data, enterprise: &str) -> String {
    data.enterprise(enterprise)
        .map_or_else(|| enterprise.to_string(), |e| e.name.clone())
}

/// The problems among `problems` overdue at `date`, the longest open first.
pub(crate) fn late_problems<'a>(data: &Data, problems: impl Iterator<Item = &'a Problem>, date: Date, locale: &Locale) -> Vec<LateView> {
    let mut late: Vec<LateView> = problems
        .filter_map(|p| {
            let level = supervision::level(p, date, data.limits)?;
            Some(LateView {
                id: p.id.clone(),
                summary: p.summary.clone(),
                enterprise: enterprise_name(data, &p.enterprise),
                enterprise_path: Route::enterprise(&p.enterprise).into_path(),
                units: p.units.iter().map(|u| unit_name(data, u)).collect(),
                raised: locale.date(p.raised),
                days: supervision::days_between(p.raised, date),
                level: level.as_str(),
                level_name: locale.text(&format!("level_{}", level.as_str())),
            })
        })
        .collect();
    late.sort_by(|a, b| b.days.cmp(&a.days).then(a.id.cmp(&b.id)));
    late
}

/// The plans expected by `date` and not filed (of `unit` only, when given).
pub(crate) fn missing_plans(data: &Data, date: Date, unit: Option<&str>) -> Vec<MissingPlanView> {
    let filed = supervision::filed_plans(data, date);
    supervision::expected_plans(data, unit)
        .filter(|pair| !filed.contains(pair))
        .map(|(u, e)| MissingPlanView {
            unit: unit_name(data, u),
            unit_path: Route::unit(u).into_path(),
            enterprise: enterprise_name(data, e),
            enterprise_path: Route::enterprise(e).into_path(),
        })
        .collect()
}

/// The /supervision/ page; the enterprises not visited lately are taken
/// from their views, which hold how each is looked after.
/// The lists are made from `data`, the edition's records; the counts
/// above them are headline figures.
pub(crate) fn supervision_view(
    data: &Data,
    headline: &Headline,
    enterprises: &[EnterpriseView],
    date: Date,
    locale: &Locale,
) -> SupervisionView {
    let limits = data.limits;
    let overdue = late_problems(data, data.problems.records.iter(), date, locale);
    let missing_plans = plans_kept(data).then(|| missing_plans(data, date, None));
    let mut unvisited: Vec<UnvisitedView> = enterprises
        .iter()
        .filter_map(|e| e.care.as_ref().map(|care| (e, care)))
        .filter(|(_, care)| care.days_since < 0 || care.days_since >= i64::from(limits.blue))
        .map(|(e, care)| UnvisitedView {
            name: e.name.clone(),
            path: e.path.clone(),
            last_visit: care.last_visit.clone(),
            days: care.days_since,
        })
        .collect();
    unvisited.sort_by(|a, b| {
        (a.days >= 0)
            .cmp(&(b.days >= 0))
            .then(b.days.cmp(&a.days))
            .then(a.name.cmp(&b.name))
    });
    SupervisionView {
        date_text: locale.date(date),
        limits: [limits.blue, limits.yellow, limits.red],
        overdue: data.problems.found().then_some(overdue),
        totals: headline.supervision(date),
        missing_plans,
        unvisited: data.visits.found().then_some(unvisited),
    }
}
