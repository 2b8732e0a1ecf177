//! The named metrics of the `metric` shortcode (the same figures reach
//! templates): each figure at any moment, from the counts of the
//! programme at that date ([`crate::derive::counts`]), output and its
//! growth, supervision and the events of the year, and how it is written.

use serde::Serialize;

use crate::calendar::{Date, Period};
use crate::derive::counts::ProblemFigures;
pub use crate::derive::figure::Figure;
use crate::derive::figure::Form;
pub(crate) use crate::derive::figure::digits_of;
use crate::derive::locale::Locale;
// The counts are reached through the figures too, as before they had a
// module of their own.
pub(crate) use crate::derive::counts::{ProblemCounts, ProjectCounts, programme_problems, stated_problems};
use crate::derive::{events, growth, needs, supervision};
use crate::diagnostics::did_you_mean;
use crate::load::Issued;
use crate::load::data::{Data, Measure, Status};

/// The moment a page reports on: an output period (if the data has one)
/// and the date at which projects and problems are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct AsOf {
    pub(crate) period: Option<Period>,
    pub(crate) date: Date,
}

impl AsOf {
    /// The moment a period stands for: its last day.
    pub fn period_end(period: Period) -> AsOf {
        AsOf {
            period: Some(period),
            date: period.last_day(),
        }
    }

    /// A briefing's moment: its `as_of`, else the latest period not after
    /// its date; counts are taken at the period's last day.
    pub(crate) fn for_briefing(data: &Data, as_of: Option<Period>, date: Date) -> AsOf {
        match as_of.or_else(|| growth::latest_period_not_after(&data.output.records, date)) {
            Some(period) => AsOf::period_end(period),
            None => AsOf { period: None, date },
        }
    }

    /// The latest moment of the data: the latest period, and the latest
    /// date recorded anywhere (so the register shows every closure and
    /// extension).
    pub fn latest(data: &Data) -> AsOf {
        let period = growth::latest_period(&data.output.records);
        let events = data
            .projects
            .records
            .iter()
            .flat_map(|p| p.updates.iter().map(|u| u.date))
            .chain(
                data.problems
                    .records
                    .iter()
                    .flat_map(|p| [Some(p.raised), p.closed, p.extended].into_iter().flatten()),
            )
            .chain(data.tallies.records.iter().map(|t| t.period.last_day()))
            .chain(data.visits.records.iter().map(|v| v.date))
            .chain(data.plans.records.iter().map(|p| p.filed));
        let latest_event = events.max();
        let date = match (period.map(Period::last_day), latest_event) {
            (Some(a), Some(b)) => a.max(b),
            (Some(a), None) => a,
            (None, Some(b)) => b,
            (None, None) => Date {
                year: 1970,
                month: 1,
                day: 1,
            },
        };
        AsOf { period, date }
    }
}

const PROBLEM_FIELDS: [&str; 5] = ["raised", "closed", "extended", "open", "close_rate"];

/// Every metric name valid for `data`, for suggestions and documentation.
pub fn metric_names(data: &Data) -> Vec<String> {
    let mut names = Vec::new();
    let mut keys = vec!["total".to_string(), growth::INDUSTRIES.to_string()];
    keys.extend(data.industries.records.iter().map(|i| i.id.clone()));
    for measure in Measure::ALL {
        for key in &keys {
            let base = format!("output.{}.{key}", measure.as_str());
            names.push(format!("{base}.yoy"));
            names.push(format!("{base}.yoy_change"));
            names.push(base);
        }
    }
    names.push("projects.count".to_string());
    names.push("projects.investment".to_string());
    names.extend(Status::ALL.iter().map(|s| format!("projects.{}", s.as_str())));
    names.push("projects.begun".to_string());
    for field in PROBLEM_FIELDS {
        names.push(format!("problems.{field}"));
        names.push(format!("problems.key.{field}"));
    }
    for field in ["raised", "closed"] {
        names.push(format!("problems.{field}.year"));
        names.push(format!("problems.key.{field}.year"));
    }
    for scope in ["problems", "problems.key"] {
        names.push(format!("{scope}.overdue"));
        names.extend(supervision::Level::ALL.iter().map(|l| format!("{scope}.overdue.{}", l.as_str())));
    }
    names.extend(
        [
            "visits.count",
            "visits.count.year",
            "visits.joint",
            "visits.joint.year",
            "plans.filed",
            "plans.filed.year",
            "plans.missing",
            "plans.units_missing",
            "enterprises.key",
            "briefings.bulletins",
            "briefings.bulletins.year",
        ]
        .map(String::from),
    );
    for unit in &data.units.records {
        names.extend(UNIT_FIELDS.iter().map(|f| format!("units.{}.{f}", unit.id)));
    }
    names
}

/// The error of a name that is no metric, with the closest known name.
pub(crate) fn unknown(name: &str, data: &Data) -> String {
    let names = metric_names(data);
    match did_you_mean(name, names.iter().map(String::as_str)) {
        Some(close) => format!("unknown metric `{name}` (did you mean `{close}`?)"),
        None => format!("unknown metric `{name}`"),
    }
}

/// Evaluates the metric `name` at `as_of`. An error explains an unknown
/// name or a figure the data cannot give (no such period, no year-earlier
/// period for growth). Without the briefings at hand, `briefings.*` are
/// not known.
pub fn metric(data: &Data, name: &str, as_of: AsOf, locale: &Locale) -> Result<Figure, String> {
    metric_with(data, &Snapshot::at(data, as_of.date), &[], name, as_of, locale)
}

/// The counts of the programme at one date, computed once and shared by
/// every figure asked for at that date.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Snapshot {
    pub(crate) projects: ProjectCounts,
    pub(crate) problems: ProblemFigures,
    pub(crate) key_problems: ProblemFigures,
    /// The overdue problems by level, of all and of key problems.
    pub(crate) overdue: supervision::Overdue,
    pub(crate) key_overdue: supervision::Overdue,
}

impl Snapshot {
    pub(crate) fn at(data: &Data, date: Date) -> Snapshot {
        let problems = &data.problems.records;
        Snapshot {
            projects: ProjectCounts::at(&data.projects.records, date),
            problems: programme_problems(data, date, false),
            key_problems: programme_problems(data, date, true),
            overdue: supervision::Overdue::at(problems, date, data.limits),
            key_overdue: supervision::Overdue::at(problems.iter().filter(|p| p.key), date, data.limits),
        }
    }
}

/// [`metric`] with the counts of `as_of.date` already at hand, and the
/// bulletins `issued` (for `briefings.*`). A figure whose data file is
/// absent is an error, not a zero.
pub(crate) fn metric_with(
    data: &Data,
    snapshot: &Snapshot,
    issued: &[Issued],
    name: &str,
    as_of: AsOf,
    locale: &Locale,
) -> Result<Figure, String> {
    let figure = evaluate(data, snapshot, issued, name, as_of, locale)?;
    match needs::missing(data, name, &needs::of_metric(data, name, as_of.date)) {
        Some(message) => Err(message),
        None => Ok(figure),
    }
}

/// The figure `name` as the data gives it, zeros and all.
fn evaluate(data: &Data, snapshot: &Snapshot, issued: &[Issued], name: &str, as_of: AsOf, locale: &Locale) -> Result<Figure, String> {
    let parts: Vec<&str> = name.split('.').collect();
    let count = |n: usize| Figure::new(n as f64, Form::Count, data, locale);
    match parts.as_slice() {
        ["output", measure, key, rest @ ..] => {
            let Some(measure) = Measure::parse(measure) else {
                return Err(unknown(name, data));
            };
            let is_key = *key == "total" || *key == growth::INDUSTRIES || data.industry(key).is_some();
            if !is_key || rest.len() > 1 {
                return Err(unknown(name, data));
            }
            let Some(period) = as_of.period else {
                return Err(needs::missing(data, name, &[needs::Need::Output]).unwrap_or_else(|| {
                    format!(
                        "`{name}` needs output data, but `output.yaml` has no period on or before {}",
                        as_of.date
                    )
                }));
            };
            let output = &data.output.records;
            let missing = |what: &str| format!("`{name}` has no value for {period}: {what}");
            match rest {
                [] => growth::value(output, measure, key, period)
                    .map(|v| Figure::new(v, Form::Amount, data, locale))
                    .ok_or_else(|| missing("the period or the figure is not in output.yaml")),
                ["yoy"] => growth::yoy(output, measure, key, period)
                    .map(|v| Figure::new(v, Form::Percent, data, locale))
                    .ok_or_else(|| missing(&format!("{} is not in output.yaml and no growth is stated", period.year_before()))),
                ["yoy_change"] => growth::yoy_change(output, measure, key, period)
                    .map(|v| Figure::new(v, Form::Change, data, locale))
                    .ok_or_else(|| missing("growth of this or the previous period is unknown")),
                _ => Err(unknown(name, data)),
            }
        }
        ["projects", field] => {
            let counts = snapshot.projects;
            match *field {
                "count" => Ok(count(counts.count)),
                "begun" => Ok(count(counts.started + counts.built)),
                "investment" => Ok(Figure::new(counts.investment, Form::Investment, data, locale)),
                status => Status::parse(status)
                    .map(|s| count(counts.of(s)))
                    .ok_or_else(|| unknown(name, data)),
            }
        }
        ["problems", "key", "overdue", level @ ..] => {
            overdue_metric(snapshot.key_overdue, level, data, locale).ok_or_else(|| unknown(name, data))
        }
        ["problems", "overdue", level @ ..] => overdue_metric(snapshot.overdue, level, data, locale).ok_or_else(|| unknown(name, data)),
        ["problems", "key", field @ ("raised" | "closed"), "year"] => {
            events::problems_this_year(data, name, as_of.date, true).map(|year| count(year.of(field)))
        }
        ["problems", field @ ("raised" | "closed"), "year"] => {
            events::problems_this_year(data, name, as_of.date, false).map(|year| count(year.of(field)))
        }
        ["problems", "key", field] => problem_metric(snapshot.key_problems, name, field, as_of, data, locale),
        ["problems", field] => problem_metric(snapshot.problems, name, field, as_of, data, locale),
        ["visits", field, year @ ..] if year.is_empty() || year == ["year"] => {
            let visits = match year {
                [] => supervision::visits_at(data, as_of.date, None),
                _ => events::visits_this_year(data, as_of.date),
            };
            match *field {
                "count" => Ok(count(visits.count)),
                "joint" => Ok(count(visits.joint)),
                _ => Err(unknown(name, data)),
            }
        }
        ["plans", "filed", "year"] => Ok(count(events::plans_filed_this_year(data, as_of.date))),
        ["plans", field] => {
            let plans = supervision::plans_at(data, as_of.date, None);
            match *field {
                "filed" => Ok(count(plans.filed)),
                "missing" => Ok(count(plans.missing)),
                "units_missing" => Ok(count(supervision::units_missing_plans(data, as_of.date))),
                _ => Err(unknown(name, data)),
            }
        }
        ["enterprises", "key"] => Ok(count(data.enterprises.records.iter().filter(|e| e.key).count())),
        ["briefings", "bulletins", year @ ..] if year.is_empty() || year == ["year"] => {
            let bulletins = events::bulletins(issued, as_of.date)
                .ok_or_else(|| format!("`{name}` counts the bulletins by their numbers, but no bulletin has an `issue:` number"))?;
            Ok(count(if year.is_empty() {
                bulletins.highest as usize
            } else {
                bulletins.this_year as usize
            }))
        }
        ["units", unit, field] if data.unit(unit).is_some() => {
            unit_figure(&supervision::unit_score(data, unit, as_of.date), name, field, data, locale)
        }
        _ => Err(unknown(name, data)),
    }
}

/// `units.<id>.<field>` (`name` in full) of the unit's `score`.
fn unit_figure(score: &supervision::UnitScore, name: &str, field: &str, data: &Data, locale: &Locale) -> Result<Figure, String> {
    let count = |n: usize| Ok(Figure::new(n as f64, Form::Count, data, locale));
    match field {
        "raised" => count(score.raised),
        "closed" => count(score.closed),
        "open" => count(score.open + score.extended),
        "overdue" => count(score.overdue.total()),
        "visits" => count(score.visits.count),
        "plans_missing" => count(score.plans.missing),
        "close_rate" => Ok(match score.close_rate {
            Some(rate) => Figure::new(rate, Form::Percent, data, locale),
            None => Figure::new(0.0, Form::Missing, data, locale),
        }),
        _ => Err(unknown(name, data)),
    }
}

/// The metric `units.<unit>.<field>` at `as_of` from the unit's `score`
/// at that date, computed once for all its fields: what [`metric_with`]
/// gives for the name.
pub(crate) fn unit_metric(
    data: &Data,
    score: &supervision::UnitScore,
    unit: &str,
    field: &str,
    as_of: AsOf,
    locale: &Locale,
) -> Result<Figure, String> {
    let name = format!("units.{unit}.{field}");
    if data.unit(unit).is_none() {
        return Err(unknown(&name, data));
    }
    let figure = unit_figure(score, &name, field, data, locale)?;
    match needs::missing(data, &name, &needs::of_metric(data, &name, as_of.date)) {
        Some(message) => Err(message),
        None => Ok(figure),
    }
}

/// `problems.overdue` (all levels) or `problems.overdue.<level>` of the
/// `overdue` counts.
fn overdue_metric(overdue: supervision::Overdue, level: &[&str], data: &Data, locale: &Locale) -> Option<Figure> {
    let n = match level {
        [] => overdue.total(),
        [level] => overdue.of(supervision::Level::parse(level)?),
        _ => return None,
    };
    Some(Figure::new(n as f64, Form::Count, data, locale))
}

/// The fields of `units.<id>.<field>`.
pub(crate) const UNIT_FIELDS: [&str; 7] = ["raised", "closed", "open", "close_rate", "overdue", "visits", "plans_missing"];

/// `problems.<field>` (or `problems.key.<field>`, `name` in full) of
/// `counts`; a count the tallies of the month do not state is an error,
/// not a zero.
fn problem_metric(counts: ProblemFigures, name: &str, field: &str, as_of: AsOf, data: &Data, locale: &Locale) -> Result<Figure, String> {
    let count = |n: usize| Figure::new(n as f64, Form::Count, data, locale);
    let unstated = |n: Option<usize>| {
        n.map(count).ok_or_else(|| {
            let month = Period {
                year: as_of.date.year,
                month: as_of.date.month,
            };
            format!("`{name}` is not known for {month}: tallies.yaml states the counts of {month} without `extended`")
        })
    };
    match field {
        "raised" => Ok(count(counts.raised)),
        "closed" => Ok(count(counts.closed)),
        "extended" => unstated(counts.extended),
        "open" => unstated(counts.open),
        "close_rate" => Ok(match counts.close_rate {
            Some(rate) => Figure::new(rate, Form::Percent, data, locale),
            None => Figure::new(0.0, Form::Missing, data, locale),
        }),
        _ => Err(unknown(name, data)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::data::{DataFile, Output};
    use crate::yaml::{YamlSource, parse};

    fn records<T: serde::de::DeserializeOwned>(text: &str) -> T {
        parse(&YamlSource {
            path: "test.yaml",
            text,
            first_line: 1,
        })
        .unwrap()
    }

    fn file<T>(records: T) -> DataFile<T> {
        DataFile {
            path: String::new(),
            text: String::new(),
            sheet: None,
            print: 0,
            reading: crate::load::data::Reading::found(),
            records,
        }
    }

    /// The data of `tests/fixtures/basic`, whose figures are worked out by
    /// hand in the comments below.
    fn data() -> Data {
        let mut data = Data::default();
        data.industries = file(records(include_str!("../../tests/fixtures/basic/content/data/industries.yaml")));
        data.units = file(records(include_str!("../../tests/fixtures/basic/content/data/units.yaml")));
        data.enterprises = file(records(include_str!("../../tests/fixtures/basic/content/data/enterprises.yaml")));
        data.projects = file(records(include_str!("../../tests/fixtures/basic/content/data/projects.yaml")));
        data.problems = file(records(include_str!("../../tests/fixtures/basic/content/data/problems.yaml")));
        data.output = file(records::<Output>(include_str!(
            "../../tests/fixtures/basic/content/data/output.yaml"
        )));
        data
    }

    fn at(period: &str) -> AsOf {
        AsOf::period_end(period.parse().unwrap())
    }

    fn zh() -> Locale {
        Locale::builtin(crate::load::Language::ZhCn)
    }

    fn text(name: &str, period: &str) -> String {
        metric(&data(), name, at(period), &zh()).unwrap().text
    }

    #[test]
    fn digits_rewrite_a_figure() {
        let with = |name: &str, digits: usize| {
            metric(&data(), name, at("2013-05"), &zh())
                .unwrap()
                .with_digits(digits, &data(), &zh())
                .text
        };
        assert_eq!(with("problems.close_rate", 0), "50%");
        assert_eq!(with("problems.close_rate", 2), "50.00%");
        assert_eq!(with("problems.raised", 2), "4", "counts stay whole");
        let call = |text: &str| crate::load::shortcodes::calls_in(text).0.remove(0);
        assert_eq!(digits_of(&call("{{ metric(name=\"x\", digits=0) }}")), Ok(Some(0)));
        assert_eq!(digits_of(&call("{{ metric(name=\"x\") }}")), Ok(None));
        for bad in ["digits=5", "digits=1.5", "digits=\"2\"", "digits=-1"] {
            assert!(digits_of(&call(&format!("{{{{ metric(name=\"x\", {bad}) }}}}"))).is_err(), "{bad}");
        }
    }

    #[test]
    fn close_rate_at_two_dates() {
        // By 2013-05-31: p1, p2, p3, p5 raised; p1 and p5 closed -> 2/4.
        assert_eq!(text("problems.raised", "2013-05"), "4");
        assert_eq!(text("problems.closed", "2013-05"), "2");
        assert_eq!(text("problems.extended", "2013-05"), "1");
        assert_eq!(text("problems.open", "2013-05"), "1");
        assert_eq!(text("problems.close_rate", "2013-05"), "50.0%");
        // Key only: p1, p2, p3 raised, p1 closed -> 1/3.
        assert_eq!(text("problems.key.close_rate", "2013-05"), "33.3%");
        // By 2013-06-30: all five raised, p3 closed too -> 3/5; key 2/4.
        assert_eq!(text("problems.close_rate", "2013-06"), "60.0%");
        assert_eq!(text("problems.key.close_rate", "2013-06"), "50.0%");
        assert_eq!(text("problems.key.open", "2013-06"), "1");
    }

    #[test]
    fn projects_at_two_dates() {
        // 2013-05-31: tiande producing, haoshi started; cold-chain not yet.
        assert_eq!(text("projects.count", "2013-05"), "2");
        assert_eq!(text("projects.started", "2013-05"), "1");
        assert_eq!(text("projects.producing", "2013-05"), "1");
        assert_eq!(text("projects.investment", "2013-05"), "3.00亿元");
        assert_eq!(text("projects.planned", "2013-06"), "1");
        assert_eq!(text("projects.investment", "2013-06"), "5.00亿元");
    }

    #[test]
    fn output_growth_and_change() {
        assert_eq!(text("output.gross_output.total", "2013-06"), "60.00亿元");
        // 52 / 40 - 1
        assert_eq!(text("output.gross_output.total.yoy", "2013-05"), "30.0%");
        // computed 60 / 50 - 1 = 20 %, but 21.0 is stated and wins
        assert_eq!(text("output.gross_output.total.yoy", "2013-06"), "21.0%");
        assert_eq!(text("output.gross_output.total.yoy_change", "2013-06"), "回落9.0个百分点");
        // food: 25 / 20 - 1 = 25 % against 18 / 15 - 1 = 20 %
        assert_eq!(text("output.gross_output.food.yoy_change", "2013-06"), "提高5.0个百分点");
        assert_eq!(text("output.value_added.total.yoy", "2013-06"), "20.0%");
    }

    #[test]
    fn the_industries_together() {
        // food + machinery: 25 + 30 in 2013-06, 20 + 25 a year before
        assert_eq!(text("output.gross_output.industries", "2013-06"), "55.00亿元");
        assert_eq!(text("output.gross_output.industries.yoy", "2013-06"), "22.2%");
        // 18 + 28 against 15 + 20: 31.4 %, so 9.2 points less
        assert_eq!(text("output.gross_output.industries.yoy_change", "2013-06"), "回落9.2个百分点");
        // value added is given for the county only
        assert!(metric(&data(), "output.value_added.industries", at("2013-06"), &zh()).is_err());
    }

    #[test]
    fn unknown_and_unavailable_metrics_are_explained() {
        let data = data();
        let error = metric(&data, "problems.close_rat", at("2013-06"), &zh()).unwrap_err();
        assert!(error.contains("did you mean `problems.close_rate`"), "{error}");
        let error = metric(&data, "output.gross_output.fod", at("2013-06"), &zh()).unwrap_err();
        assert!(error.contains("`output.gross_output.food`"), "{error}");
        let error = metric(&data, "output.gross_output.total.yoy", at("2012-06"), &zh()).unwrap_err();
        assert!(error.contains("2011-06"), "{error}");
        let none = AsOf {
            period: None,
            date: "2010-01-01".parse().unwrap(),
        };
        assert!(metric(&data, "output.value_added.total", none, &zh()).is_err());
        assert_eq!(metric(&data, "problems.close_rate", none, &zh()).unwrap().text, "—");
    }

    /// Data parsed from the texts of units, enterprises, projects,
    /// problems, tallies, visits and plans.
    fn parsed(files: [&str; 7]) -> Data {
        let [units, enterprises, projects, problems, tallies, visits, plans] = files;
        let mut found = Vec::new();
        let data = crate::load::data::parse_named(
            &crate::load::data::present(&[
                ("units", units),
                ("enterprises", enterprises),
                ("projects", projects),
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

    const UNITS: &str = "- {id: water, name: 县水务局}\n- {id: land, name: 县国土资源局}\n- {id: power, name: 县供电公司}\n";
    const ENTERPRISES: &str = "- {id: tiande, name: 天德, industry: m, key: true, lead_unit: water, units: [water, land]}\n\
        - {id: yinqiao, name: 银桥, industry: m, key: true, lead_unit: land, units: [land, power]}\n\
        - {id: haoshi, name: 好食, industry: f, lead_unit: power, units: [power]}\n";

    fn day(text: &str) -> AsOf {
        AsOf {
            period: None,
            date: text.parse().unwrap(),
        }
    }

    fn figure(data: &Data, name: &str, date: &str) -> Result<String, String> {
        metric(data, name, day(date), &zh()).map(|f| f.text)
    }

    #[test]
    fn projects_begun_are_started_and_built() {
        let projects = "- {id: a, name: a, industry: m, investment: 1, updates: [{date: 2013-01-05, status: started}]}\n\
            - {id: b, name: b, industry: m, investment: 1, updates: [{date: 2013-01-05, status: started}, {date: 2013-05-01, status: built}]}\n\
            - {id: c, name: c, industry: m, investment: 1, updates: [{date: 2013-01-05, status: built}, {date: 2013-06-01, status: producing}]}\n\
            - {id: d, name: d, industry: m, investment: 1, updates: [{date: 2013-01-05, status: planned}]}\n";
        let data = parsed([UNITS, ENTERPRISES, projects, "", "", "", ""]);
        assert_eq!(figure(&data, "projects.begun", "2013-06-30").as_deref(), Ok("2"));
        assert_eq!(figure(&data, "projects.begun", "2013-05-31").as_deref(), Ok("3"));
        assert_eq!(figure(&data, "projects.producing", "2013-06-30").as_deref(), Ok("1"));
    }

    #[test]
    fn key_enterprises_and_units_without_a_plan() {
        // Pairs: water–tiande, land–tiande, land–yinqiao, power–yinqiao,
        // power–haoshi. By June: land lacks yinqiao's plan, power
        // haoshi's: 2 pairs missing, and 2 units.
        let plans = "- {unit: water, enterprise: tiande, filed: 2013-03-01}\n\
            - {unit: land, enterprise: tiande, filed: 2013-03-02}\n\
            - {unit: power, enterprise: yinqiao, filed: 2013-03-03}\n\
            - {unit: land, enterprise: yinqiao, filed: 2013-07-03}\n";
        let data = parsed([UNITS, ENTERPRISES, "", "", "", "", plans]);
        assert_eq!(figure(&data, "enterprises.key", "2013-06-30").as_deref(), Ok("2"));
        assert_eq!(figure(&data, "plans.missing", "2013-06-30").as_deref(), Ok("2"));
        assert_eq!(figure(&data, "plans.units_missing", "2013-06-30").as_deref(), Ok("2"));
        assert_eq!(figure(&data, "plans.units_missing", "2013-07-31").as_deref(), Ok("1"));
        // Before any plan: every unit lacks one.
        assert_eq!(figure(&data, "plans.units_missing", "2013-02-28").as_deref(), Ok("3"));
        assert_eq!(figure(&data, "plans.filed.year", "2013-06-30").as_deref(), Ok("3"));
    }

    #[test]
    fn counts_of_the_year_leave_last_year_out() {
        let visits = "- {date: 2012-12-20, enterprise: tiande, units: [water, land]}\n\
            - {date: 2013-03-05, enterprise: tiande, units: [water, land]}\n\
            - {date: 2013-04-05, enterprise: yinqiao, units: [land]}\n";
        let problems = "- {id: a, enterprise: tiande, raised: 2012-11-01, summary: a, units: [water], status: closed, closed: 2013-02-01, key: true}\n\
            - {id: b, enterprise: tiande, raised: 2013-03-01, summary: b, units: [water], status: open}\n";
        let data = parsed([UNITS, ENTERPRISES, "", problems, "", visits, ""]);
        assert_eq!(figure(&data, "visits.count", "2013-06-30").as_deref(), Ok("3"));
        assert_eq!(figure(&data, "visits.count.year", "2013-06-30").as_deref(), Ok("2"));
        assert_eq!(figure(&data, "visits.joint.year", "2013-06-30").as_deref(), Ok("1"));
        assert_eq!(figure(&data, "problems.raised", "2013-06-30").as_deref(), Ok("2"));
        assert_eq!(figure(&data, "problems.raised.year", "2013-06-30").as_deref(), Ok("1"));
        assert_eq!(figure(&data, "problems.closed.year", "2013-06-30").as_deref(), Ok("1"));
        assert_eq!(figure(&data, "problems.key.raised.year", "2013-06-30").as_deref(), Ok("0"));
        for name in [
            "visits.count.year",
            "problems.key.closed.year",
            "plans.filed.year",
            "briefings.bulletins.year",
        ] {
            assert!(metric_names(&data).iter().any(|n| n == name), "{name}");
        }
    }

    #[test]
    fn bulletins_need_their_numbers() {
        let data = parsed([UNITS, ENTERPRISES, "", "", "", "", ""]);
        let issued = |d: &str, number| Issued {
            date: d.parse().unwrap(),
            number,
        };
        let list = [issued("2013-03-06", 1), issued("2013-04-15", 3), issued("2013-07-26", 4)];
        let at = |name: &str, date: &str| metric_with(&data, &Snapshot::default(), &list, name, day(date), &zh()).map(|f| f.text);
        // Number 2 is not on the site (kept out of the edition, say).
        assert_eq!(at("briefings.bulletins", "2013-06-30").as_deref(), Ok("3"));
        assert_eq!(at("briefings.bulletins", "2013-07-31").as_deref(), Ok("4"));
        assert_eq!(at("briefings.bulletins.year", "2013-07-31").as_deref(), Ok("4"));
        let none = metric_with(&data, &Snapshot::default(), &[], "briefings.bulletins", day("2013-06-30"), &zh());
        assert!(none.unwrap_err().contains("no bulletin has an `issue:` number"));
    }

    #[test]
    fn stated_counts_leave_unstated_ones_unknown_and_their_rate_wins() {
        let tallies = "- period: \"2013-06\"\n  problems: {raised: 475, closed: 328}\n  key_problems: {raised: 56, closed: 42, extended: 3, close_rate: 74}\n";
        let data = parsed([UNITS, ENTERPRISES, "", "", tallies, "", ""]);
        assert_eq!(figure(&data, "problems.raised", "2013-06-30").as_deref(), Ok("475"));
        assert_eq!(figure(&data, "problems.close_rate", "2013-06-30").as_deref(), Ok("69.1%"));
        // No extension is stated for all problems: unknown, not 0.
        let error = figure(&data, "problems.extended", "2013-06-30").unwrap_err();
        assert!(error.contains("without `extended`"), "{error}");
        assert!(figure(&data, "problems.open", "2013-06-30").is_err());
        // Key problems: 42 of 56 is 75.0%, but 74% is stated and shown.
        assert_eq!(figure(&data, "problems.key.close_rate", "2013-06-30").as_deref(), Ok("74.0%"));
        assert_eq!(figure(&data, "problems.key.extended", "2013-06-30").as_deref(), Ok("3"));
        assert_eq!(figure(&data, "problems.key.open", "2013-06-30").as_deref(), Ok("11"));
        // A count since 1 January needs the December before stated.
        let error = figure(&data, "problems.raised.year", "2013-06-30").unwrap_err();
        assert!(error.contains("not of 2012-12"), "{error}");
    }

    #[test]
    fn briefing_as_of_defaults_to_the_latest_period_not_after_its_date() {
        let data = data();
        let on = |d: &str| AsOf::for_briefing(&data, None, d.parse().unwrap());
        assert_eq!(on("2013-07-15").period.unwrap().to_string(), "2013-06");
        assert_eq!(on("2013-06-29").period.unwrap().to_string(), "2013-05");
        assert_eq!(on("2013-06-29").date.to_string(), "2013-05-31");
        assert_eq!(on("2011-01-01").period, None);
    }
}
