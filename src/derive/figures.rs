//! Derived figures of the programme at any date: projects by status and
//! their investment, problems raised / closed / extended / open and the
//! close rate, and the named metrics of the `metric` shortcode.

use serde::Serialize;

use crate::calendar::{Date, Period};
use crate::derive::format::tidy;
use crate::derive::locale::Locale;
use crate::derive::{growth, needs, supervision};
use crate::diagnostics::did_you_mean;
use crate::load::data::{Data, Measure, Problem, ProblemState, Project, Status, TallyCounts};
use crate::load::shortcodes::{Arg, Call};

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
    /// date recorded anywhere (so the register shows every closure).
    pub fn latest(data: &Data) -> AsOf {
        let period = growth::latest_period(&data.output.records);
        let events = data
            .projects
            .records
            .iter()
            .flat_map(|p| p.updates.iter().map(|u| u.date))
            .chain(data.problems.records.iter().flat_map(|p| std::iter::once(p.raised).chain(p.closed)))
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

/// The programme's problem counts at `date` (of key problems only when
/// `key`): the counts stated in `tallies.yaml` for the month holding
/// `date` when there are any, like a stated growth; else counted from the
/// register.
pub(crate) fn programme_problems(data: &Data, date: Date, key: bool) -> ProblemCounts {
    match stated_problems(data, date, key) {
        Some(stated) => ProblemCounts::stated(stated),
        None if key => ProblemCounts::at(data.problems.records.iter().filter(|p| p.key), date),
        None => ProblemCounts::at(&data.problems.records, date),
    }
}

/// The counts `tallies.yaml` states for the month holding `date` (of key
/// problems when `key`), if it states any.
pub(crate) fn stated_problems(data: &Data, date: Date, key: bool) -> Option<TallyCounts> {
    let month = Period {
        year: date.year,
        month: date.month,
    };
    data.tallies
        .records
        .iter()
        .find(|t| t.period == month)
        .and_then(|t| if key { t.key_problems } else { t.problems })
}

impl ProblemCounts {
    /// Counts as stated: what is neither closed nor extended is open.
    pub(crate) fn stated(stated: TallyCounts) -> ProblemCounts {
        let TallyCounts { raised, closed, extended } = stated;
        ProblemCounts {
            raised,
            closed,
            extended,
            open: raised.saturating_sub(closed + extended),
            close_rate: (raised > 0).then(|| closed as f64 / raised as f64 * 100.0),
        }
    }
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

/// A figure ready to show: its value, its text and how it is written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub(crate) value: f64,
    pub(crate) text: String,
    #[serde(skip)]
    pub(crate) form: Form,
}

/// How a figure is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// An output amount with the unit of `output.yaml`: `26.00亿元`.
    Amount,
    /// A rate: `30.0%`.
    Percent,
    /// A change of growth: `回落5.0个百分点`.
    Change,
    /// A whole count: `34`.
    Count,
    /// Planned investment: `5.00亿元`.
    Investment,
    /// No figure to give (a close rate with nothing raised): `—`.
    Missing,
}

impl Figure {
    fn new(value: f64, form: Form, data: &Data, locale: &Locale) -> Figure {
        Figure {
            value,
            text: written(value, form, None, data, locale),
            form,
        }
    }

    /// The figure written as `text` whatever its value (a headline figure
    /// masked for the edition-difference test).
    pub(crate) fn placeholder(self, text: &str) -> Figure {
        Figure {
            value: 0.0,
            text: text.to_string(),
            ..self
        }
    }

    /// The figure written with `digits` decimals (`metric(…, digits=0)`);
    /// counts stay whole.
    pub(crate) fn with_digits(self, digits: usize, data: &Data, locale: &Locale) -> Figure {
        Figure {
            text: written(self.value, self.form, Some(digits), data, locale),
            ..self
        }
    }
}

/// `value` written in `form`, with `digits` decimals or the usual ones
/// (two for amounts, one for rates and changes).
fn written(value: f64, form: Form, digits: Option<usize>, data: &Data, locale: &Locale) -> String {
    match form {
        Form::Amount => format!("{}{}", tidy(value, digits.unwrap_or(2)), data.output.records.unit),
        Form::Percent => format!("{}%", tidy(value, digits.unwrap_or(1))),
        Form::Change => locale.growth_change(value, digits.unwrap_or(1)),
        Form::Count => format!("{}", value.round() as i64),
        Form::Investment => match digits {
            Some(digits) => locale.investment_total_with(value, digits),
            None => locale.investment_total(value),
        },
        Form::Missing => "—".to_string(),
    }
}

/// The `digits=` of a `metric` call: a whole number from 0 to 4, if given.
pub(crate) fn digits_of(call: &Call) -> Result<Option<usize>, (String, Option<String>)> {
    match call.arg("digits") {
        None => Ok(None),
        Some(Arg::Num(n)) if n.fract() == 0.0 && (0.0..=4.0).contains(n) => Ok(Some(*n as usize)),
        Some(_) => Err((
            "`digits` must be a whole number from 0 to 4".to_string(),
            Some("e.g. {{ metric(name=\"output.gross_output.total\", digits=0) }}".to_string()),
        )),
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
    for field in PROBLEM_FIELDS {
        names.push(format!("problems.{field}"));
        names.push(format!("problems.key.{field}"));
    }
    for scope in ["problems", "problems.key"] {
        names.push(format!("{scope}.overdue"));
        names.extend(supervision::Level::ALL.iter().map(|l| format!("{scope}.overdue.{}", l.as_str())));
    }
    names.extend(["visits.count", "visits.joint", "plans.filed", "plans.missing"].map(String::from));
    for unit in &data.units.records {
        names.extend(UNIT_FIELDS.iter().map(|f| format!("units.{}.{f}", unit.id)));
    }
    names
}

fn unknown(name: &str, data: &Data) -> String {
    let names = metric_names(data);
    match did_you_mean(name, names.iter().map(String::as_str)) {
        Some(close) => format!("unknown metric `{name}` (did you mean `{close}`?)"),
        None => format!("unknown metric `{name}`"),
    }
}

/// Evaluates the metric `name` at `as_of`. An error explains an unknown
/// name or a figure the data cannot give (no such period, no year-earlier
/// period for growth).
pub fn metric(data: &Data, name: &str, as_of: AsOf, locale: &Locale) -> Result<Figure, String> {
    metric_with(data, &Snapshot::at(data, as_of.date), name, as_of, locale)
}

/// The counts of the programme at one date, computed once and shared by
/// every figure asked for at that date.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Snapshot {
    pub(crate) projects: ProjectCounts,
    pub(crate) problems: ProblemCounts,
    pub(crate) key_problems: ProblemCounts,
}

impl Snapshot {
    pub(crate) fn at(data: &Data, date: Date) -> Snapshot {
        Snapshot {
            projects: ProjectCounts::at(&data.projects.records, date),
            problems: programme_problems(data, date, false),
            key_problems: programme_problems(data, date, true),
        }
    }
}

/// [`metric`] with the counts of `as_of.date` already at hand. A figure
/// whose data file is absent is an error, not a zero.
pub(crate) fn metric_with(data: &Data, snapshot: &Snapshot, name: &str, as_of: AsOf, locale: &Locale) -> Result<Figure, String> {
    let figure = evaluate(data, snapshot, name, as_of, locale)?;
    match needs::missing(data, name, &needs::of_metric(data, name, as_of.date)) {
        Some(message) => Err(message),
        None => Ok(figure),
    }
}

/// The figure `name` as the data gives it, zeros and all.
fn evaluate(data: &Data, snapshot: &Snapshot, name: &str, as_of: AsOf, locale: &Locale) -> Result<Figure, String> {
    let parts: Vec<&str> = name.split('.').collect();
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
            let count = |n: usize| Figure::new(n as f64, Form::Count, data, locale);
            match *field {
                "count" => Ok(count(counts.count)),
                "investment" => Ok(Figure::new(counts.investment, Form::Investment, data, locale)),
                status => Status::parse(status)
                    .map(|s| count(counts.of(s)))
                    .ok_or_else(|| unknown(name, data)),
            }
        }
        ["problems", "key", "overdue", level @ ..] => {
            overdue_metric(data.problems.records.iter().filter(|p| p.key), level, as_of, data, locale).ok_or_else(|| unknown(name, data))
        }
        ["problems", "overdue", level @ ..] => {
            overdue_metric(&data.problems.records, level, as_of, data, locale).ok_or_else(|| unknown(name, data))
        }
        ["problems", "key", field] => problem_metric(snapshot.key_problems, field, data, locale).ok_or_else(|| unknown(name, data)),
        ["problems", field] => problem_metric(snapshot.problems, field, data, locale).ok_or_else(|| unknown(name, data)),
        ["visits", field] => {
            let visits = supervision::visits_at(data, as_of.date, None);
            let count = |n: usize| Ok(Figure::new(n as f64, Form::Count, data, locale));
            match *field {
                "count" => count(visits.count),
                "joint" => count(visits.joint),
                _ => Err(unknown(name, data)),
            }
        }
        ["plans", field] => {
            let plans = supervision::plans_at(data, as_of.date, None);
            let count = |n: usize| Ok(Figure::new(n as f64, Form::Count, data, locale));
            match *field {
                "filed" => count(plans.filed),
                "missing" => count(plans.missing),
                _ => Err(unknown(name, data)),
            }
        }
        ["units", unit, field] if data.unit(unit).is_some() => {
            let score = supervision::unit_score(data, unit, as_of.date);
            let count = |n: usize| Ok(Figure::new(n as f64, Form::Count, data, locale));
            match *field {
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
        _ => Err(unknown(name, data)),
    }
}

/// `problems.overdue` (all levels) or `problems.overdue.<level>`.
fn overdue_metric<'a>(
    problems: impl IntoIterator<Item = &'a Problem>,
    level: &[&str],
    as_of: AsOf,
    data: &Data,
    locale: &Locale,
) -> Option<Figure> {
    let overdue = supervision::Overdue::at(problems, as_of.date, data.limits);
    let n = match level {
        [] => overdue.total(),
        [level] => overdue.of(supervision::Level::parse(level)?),
        _ => return None,
    };
    Some(Figure::new(n as f64, Form::Count, data, locale))
}

/// The fields of `units.<id>.<field>`.
const UNIT_FIELDS: [&str; 7] = ["raised", "closed", "open", "close_rate", "overdue", "visits", "plans_missing"];

fn problem_metric(counts: ProblemCounts, field: &str, data: &Data, locale: &Locale) -> Option<Figure> {
    let count = |n: usize| Figure::new(n as f64, Form::Count, data, locale);
    match field {
        "raised" => Some(count(counts.raised)),
        "closed" => Some(count(counts.closed)),
        "extended" => Some(count(counts.extended)),
        "open" => Some(count(counts.open)),
        "close_rate" => Some(match counts.close_rate {
            Some(rate) => Figure::new(rate, Form::Percent, data, locale),
            None => Figure::new(0.0, Form::Missing, data, locale),
        }),
        _ => None,
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
