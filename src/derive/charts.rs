//! Chart specifications: what each chart shows as of a moment — its
//! categories, bar and line series, units, a one-line summary and the data
//! table — computed from the data. Drawing is `render::svg`'s job.

use serde::Serialize;

use crate::calendar::{Date, Period};
use crate::derive::figures::{AsOf, ProblemCounts, ProjectCounts};
use crate::derive::{format, growth};
use crate::load::Language;
use crate::load::data::{ChartDef, ChartType, Data, Measure, Show, Status};

/// Default colours, used where `industries.yaml` gives none.
pub const PALETTE: [&str; 8] = [
    "#c0392b", "#2b6cb0", "#d97706", "#15803d", "#7c3aed", "#0e7490", "#be185d", "#4b5563",
];
const BAR_COLOR: &str = "#c0392b";
const LINE_COLOR: &str = "#1f4e99";
/// Legend swatch of bars coloured per category.
const NEUTRAL: &str = "#8a94a6";

/// The texts of charts in the site's language: from the theme's i18n file
/// (keys `chart_*`), with the Chinese text as the default.
#[derive(Debug, Clone, Copy, Default)]
pub struct Words<'a> {
    pub strings: Option<&'a std::collections::BTreeMap<String, String>>,
    pub language: Language,
}

impl Words<'_> {
    /// Text `key` (or `default`) with `{name}` filled in from `args`.
    pub fn t(&self, key: &str, default: &str, args: &[(&str, &str)]) -> String {
        let mut text = self.strings.and_then(|s| s.get(key)).map_or(default, String::as_str).to_string();
        for (name, value) in args {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// `name（unit）` / `name (unit)`.
    pub fn unit_name(&self, name: &str, unit: &str) -> String {
        match self.language {
            Language::ZhCn => format!("{name}（{unit}）"),
            Language::En => format!("{name} ({unit})"),
        }
    }

    pub fn measure(&self, measure: Measure) -> String {
        match measure {
            Measure::GrossOutput => self.t("chart_gross_output", measure.name(), &[]),
            Measure::ValueAdded => self.t("chart_value_added", measure.name(), &[]),
        }
    }

    /// `2013年1-6月` / `Jan–Jun 2013`.
    pub fn period(&self, period: Period) -> String {
        match self.language {
            Language::ZhCn => period.chinese(),
            Language::En => format!("{} {}", self.period_short(period), period.year),
        }
    }

    /// `1-6月` / `Jan–Jun`.
    pub fn period_short(&self, period: Period) -> String {
        match self.language {
            Language::ZhCn => period.chinese_short(),
            Language::En if period.month == 1 => "Jan".to_string(),
            Language::En => format!("Jan–{}", self.month(period.month)),
        }
    }

    pub fn year(&self, year: i32) -> String {
        match self.language {
            Language::ZhCn => format!("{year}年"),
            Language::En => year.to_string(),
        }
    }

    pub fn month(&self, month: u32) -> String {
        const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        match self.language {
            Language::ZhCn => format!("{month}月"),
            Language::En => MONTHS[(month.clamp(1, 12) - 1) as usize].to_string(),
        }
    }

    pub fn year_month(&self, year: i32, month: u32) -> String {
        match self.language {
            Language::ZhCn => format!("{year}年{month}月"),
            Language::En => format!("{} {year}", self.month(month)),
        }
    }

    pub fn date(&self, date: Date) -> String {
        match self.language {
            Language::ZhCn => date.chinese(),
            Language::En => date.to_string(),
        }
    }
}

/// A label on the category axis, with the year it starts (for periods).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Category {
    pub label: String,
    /// Printed under the first category of each year (`2013年`).
    pub group: Option<String>,
}

/// One series: a name for the legend, a colour, one value per category.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    pub name: String,
    pub color: String,
    /// Per-category colours (one bar colour per industry), if any.
    pub point_colors: Option<Vec<String>>,
    pub values: Vec<Option<f64>>,
}

/// The numbers of a chart as a table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DataTable {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Everything needed to draw a chart and describe it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartSpec {
    pub id: String,
    pub title: String,
    pub categories: Vec<Category>,
    pub bars: Vec<Series>,
    pub stacked: bool,
    /// Lines; on a second axis when there are bars too.
    pub lines: Vec<Series>,
    /// Join a line's points: over periods yes, across unrelated categories
    /// (industries, statuses) no — those show points only.
    pub connect: bool,
    pub bar_unit: String,
    pub line_unit: String,
    /// One sentence with the latest figures (`<desc>`).
    pub summary: String,
    pub caption: String,
    pub table: DataTable,
}

/// A chart that could not be drawn for lack of data: the reason.
pub type NoData = String;

/// The built-in charts of the whole programme, shown on the dashboard.
pub const HEADLINE: [&str; 5] = [
    "output-growth",
    "value-added-growth",
    "output-by-industry",
    "projects-by-status",
    "problems-resolution",
];

/// Ids of the built-in charts for `data`.
pub fn builtin_ids(data: &Data) -> Vec<String> {
    let mut ids: Vec<String> = HEADLINE.iter().map(|s| s.to_string()).collect();
    ids.extend(data.industries.records.iter().map(|i| format!("industry-{}", i.id)));
    ids
}

/// Every chart id the site knows: built-in and from `charts.yaml`.
pub fn all_ids(data: &Data) -> Vec<String> {
    let mut ids = builtin_ids(data);
    ids.extend(data.charts.records.iter().map(|c| c.id.clone()));
    ids
}

fn amount_text(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), |v| format!("{v:.2}"))
}

fn rate_text(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), format::percent)
}

/// The year-on-year growth line drawn over a measure's bars.
fn growth_line(w: &Words<'_>, rates: Vec<Option<f64>>) -> Series {
    Series {
        name: w.unit_name(&w.t("chart_growth", "同比增长", &[]), "%"),
        color: LINE_COLOR.into(),
        point_colors: None,
        values: rates,
    }
}

/// The data table of a measure and its growth: one row per label.
fn amount_growth_table(
    w: &Words<'_>,
    label_header: String,
    amount_header: String,
    rows: impl Iterator<Item = (String, Option<f64>, Option<f64>)>,
) -> DataTable {
    DataTable {
        headers: vec![label_header, amount_header, w.t("chart_growth", "同比增长", &[])],
        rows: rows
            .map(|(label, value, rate)| vec![label, amount_text(value), rate_text(rate)])
            .collect(),
    }
}

/// Periods shown by a period chart: those of the data up to `to` (the page's
/// period by default) and from `from`, at most the last 24.
fn periods(data: &Data, from: Option<Period>, to: Option<Period>) -> Vec<Period> {
    let all = growth::periods(&data.output.records);
    let shown: Vec<Period> = all
        .into_iter()
        .filter(|p| from.is_none_or(|f| *p >= f) && to.is_none_or(|t| *p <= t))
        .collect();
    let skip = shown.len().saturating_sub(24);
    shown[skip..].to_vec()
}

/// `1-6月` labels with the year under the first period of each year.
fn period_categories(w: &Words<'_>, periods: &[Period]) -> Vec<Category> {
    periods
        .iter()
        .enumerate()
        .map(|(i, p)| Category {
            label: w.period_short(*p),
            group: (i == 0 || periods[i - 1].year != p.year).then(|| w.year(p.year)),
        })
        .collect()
}

fn industry_name(w: &Words<'_>, data: &Data, key: &str) -> String {
    if key == "total" {
        w.t("chart_county", "全县", &[])
    } else {
        data.industry(key).map_or_else(|| key.to_string(), |i| i.name.clone())
    }
}

fn industry_color(data: &Data, key: &str, index: usize) -> String {
    data.industry(key).and_then(|i| i.color.clone()).unwrap_or_else(|| {
        if key == "total" {
            BAR_COLOR.to_string()
        } else {
            PALETTE[(index + 1) % PALETTE.len()].to_string()
        }
    })
}

/// Output (bars) and growth (line) of one key over periods.
fn output_over_periods(w: &Words<'_>, data: &Data, id: &str, measure: Measure, key: &str, as_of: AsOf) -> Result<ChartSpec, NoData> {
    let Some(to) = as_of.period else {
        return Err("output.yaml has no period for this date".to_string());
    };
    let periods = periods(data, None, Some(to));
    let output = &data.output.records;
    let values: Vec<Option<f64>> = periods.iter().map(|p| growth::value(output, measure, key, *p)).collect();
    if values.iter().all(Option::is_none) {
        return Err(format!("no {} figures for {}", measure.as_str(), industry_name(w, data, key)));
    }
    let rates: Vec<Option<f64>> = periods.iter().map(|p| growth::yoy(output, measure, key, *p)).collect();
    let name = industry_name(w, data, key);
    let subject = if key == "total" {
        w.measure(measure)
    } else {
        format!("{name}{}", w.measure(measure))
    };
    let title = w.t("chart_title_growth", "{subject}及增速", &[("subject", &subject)]);
    let latest = periods.len() - 1;
    let summary = w.t(
        "chart_summary_growth",
        "{period}{subject}{value}，同比增长{growth}。",
        &[
            ("period", &w.period(to)),
            ("subject", &subject),
            (
                "value",
                &values[latest].map_or_else(|| "—".to_string(), |v| format::amount(v, &output.unit)),
            ),
            ("growth", &rate_text(rates[latest])),
        ],
    );
    let unit = output.unit.clone();
    Ok(ChartSpec {
        id: id.to_string(),
        title,
        table: amount_growth_table(
            w,
            w.t("chart_period", "时期", &[]),
            w.unit_name(&w.measure(measure), &unit),
            periods.iter().zip(&values).zip(&rates).map(|((p, v), r)| (w.period(*p), *v, *r)),
        ),
        categories: period_categories(w, &periods),
        bars: vec![Series {
            name: w.unit_name(&w.measure(measure), &unit),
            color: if key == "total" {
                BAR_COLOR.to_string()
            } else {
                industry_color(data, key, 0)
            },
            point_colors: None,
            values,
        }],
        stacked: false,
        lines: vec![growth_line(w, rates)],
        bar_unit: unit,
        line_unit: "%".into(),
        connect: true,
        summary,
        caption: String::new(),
    })
}

fn output_by_industry(w: &Words<'_>, data: &Data, as_of: AsOf) -> Result<ChartSpec, NoData> {
    let Some(period) = as_of.period else {
        return Err("output.yaml has no period for this date".to_string());
    };
    let output = &data.output.records;
    let industries = &data.industries.records;
    let measure = Measure::GrossOutput;
    let values: Vec<Option<f64>> = industries.iter().map(|i| growth::value(output, measure, &i.id, period)).collect();
    if industries.is_empty() || values.iter().all(Option::is_none) {
        return Err("no industry figures".to_string());
    }
    let rates: Vec<Option<f64>> = industries.iter().map(|i| growth::yoy(output, measure, &i.id, period)).collect();
    let colors = industries.iter().enumerate().map(|(n, i)| industry_color(data, &i.id, n)).collect();
    let leader = industries
        .iter()
        .zip(&values)
        .filter_map(|(i, v)| v.map(|v| (i, v)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, v)| {
            w.t(
                "chart_leader",
                "{name}最高，{value}",
                &[("name", &i.name), ("value", &format::amount(v, &output.unit))],
            )
        })
        .unwrap_or_default();
    let unit = output.unit.clone();
    Ok(ChartSpec {
        id: "output-by-industry".into(),
        title: w.t(
            "chart_title_by_industry",
            "{period}分产业{measure}",
            &[("period", &w.period(period)), ("measure", &w.measure(measure))],
        ),
        categories: industries
            .iter()
            .map(|i| Category {
                label: i.name.clone(),
                group: None,
            })
            .collect(),
        bars: vec![Series {
            name: w.unit_name(&w.measure(measure), &unit),
            color: NEUTRAL.into(),
            point_colors: Some(colors),
            values: values.clone(),
        }],
        stacked: false,
        lines: vec![growth_line(w, rates.clone())],
        bar_unit: unit.clone(),
        line_unit: "%".into(),
        connect: false,
        summary: w.t(
            "chart_summary_by_industry",
            "{period}各主导产业{measure}：{leader}。",
            &[("period", &w.period(period)), ("measure", &w.measure(measure)), ("leader", &leader)],
        ),
        caption: String::new(),
        table: amount_growth_table(
            w,
            w.t("chart_industry", "产业", &[]),
            w.unit_name(&w.measure(measure), &unit),
            industries
                .iter()
                .zip(&values)
                .zip(&rates)
                .map(|((i, v), r)| (i.name.clone(), *v, *r)),
        ),
    })
}

fn status_label(w: &Words<'_>, status: Status) -> &'static str {
    format::status_name(Some(status), w.language)
}

fn projects_by_status(w: &Words<'_>, data: &Data, as_of: AsOf) -> Result<ChartSpec, NoData> {
    let counts = ProjectCounts::at(&data.projects.records, as_of.date);
    if counts.count == 0 {
        return Err("no projects at this date".to_string());
    }
    let statuses = Status::ALL;
    let investment: Vec<Option<f64>> = statuses
        .iter()
        .map(|s| {
            let total: f64 = data
                .projects
                .records
                .iter()
                .filter(|p| p.status_at(as_of.date) == Some(*s))
                .map(|p| p.investment)
                .sum();
            Some(total / 10_000.0)
        })
        .collect();
    let colors = vec![
        "#8a94a6".to_string(),
        "#d97706".to_string(),
        "#2b6cb0".to_string(),
        "#15803d".to_string(),
    ];
    Ok(ChartSpec {
        id: "projects-by-status".into(),
        title: w.t("chart_title_projects", "重点项目进展", &[]),
        categories: statuses
            .iter()
            .map(|s| Category {
                label: status_label(w, *s).to_string(),
                group: None,
            })
            .collect(),
        bars: vec![Series {
            name: w.unit_name(&w.t("chart_project_count", "项目数", &[]), &w.t("chart_unit_count", "个", &[])),
            color: NEUTRAL.into(),
            point_colors: Some(colors),
            values: statuses.iter().map(|s| Some(counts.of(*s) as f64)).collect(),
        }],
        stacked: false,
        lines: vec![Series {
            name: w.unit_name(&w.t("chart_investment", "计划投资", &[]), "亿元"),
            color: LINE_COLOR.into(),
            point_colors: None,
            values: investment.clone(),
        }],
        bar_unit: w.t("chart_unit_count", "个", &[]),
        line_unit: "亿元".into(),
        connect: false,
        summary: w.t(
            "chart_summary_projects",
            "截至{date}，重点项目{count}个，其中在建{started}个、建成{built}个、投产{producing}个，计划总投资{investment}。",
            &[
                ("date", &w.date(as_of.date)),
                ("count", &counts.count.to_string()),
                ("started", &counts.started.to_string()),
                ("built", &counts.built.to_string()),
                ("producing", &counts.producing.to_string()),
                ("investment", &format::investment_yi(counts.investment)),
            ],
        ),
        caption: String::new(),
        table: DataTable {
            headers: vec![
                w.t("chart_status", "状态", &[]),
                w.t("chart_project_count", "项目数", &[]),
                w.unit_name(&w.t("chart_investment", "计划投资", &[]), "亿元"),
            ],
            rows: statuses
                .iter()
                .enumerate()
                .map(|(n, s)| {
                    vec![
                        status_label(w, *s).to_string(),
                        counts.of(*s).to_string(),
                        amount_text(investment[n]),
                    ]
                })
                .collect(),
        },
    })
}

fn month_end(year: i32, month: u32) -> Date {
    Period { year, month }.last_day()
}

fn problems_resolution(w: &Words<'_>, data: &Data, as_of: AsOf) -> Result<ChartSpec, NoData> {
    let problems = &data.problems.records;
    let Some(first) = problems.iter().map(|p| p.raised).filter(|d| *d <= as_of.date).min() else {
        return Err("no problems raised by this date".to_string());
    };
    let mut months = Vec::new();
    let (mut year, mut month) = (first.year, first.month);
    loop {
        let end = month_end(year, month).min(as_of.date);
        months.push((Period { year, month }, end));
        if end >= as_of.date {
            break;
        }
        (year, month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    }
    let skip = months.len().saturating_sub(24);
    let months = &months[skip..];
    let counts: Vec<ProblemCounts> = months.iter().map(|(_, end)| ProblemCounts::at(problems, *end)).collect();
    let categories = months
        .iter()
        .enumerate()
        .map(|(i, (p, _))| Category {
            label: w.month(p.month),
            group: (i == 0 || months[i - 1].0.year != p.year).then(|| w.year(p.year)),
        })
        .collect();
    let last = counts[counts.len() - 1];
    Ok(ChartSpec {
        id: "problems-resolution".into(),
        title: w.t("chart_title_problems", "企业问题登记与销号", &[]),
        categories,
        bars: vec![
            Series {
                name: w.unit_name(&w.t("chart_raised", "累计登记", &[]), &w.t("chart_unit_count", "个", &[])),
                color: "#d97706".into(),
                point_colors: None,
                values: counts.iter().map(|c| Some(c.raised as f64)).collect(),
            },
            Series {
                name: w.unit_name(&w.t("chart_closed", "累计销号", &[]), &w.t("chart_unit_count", "个", &[])),
                color: "#15803d".into(),
                point_colors: None,
                values: counts.iter().map(|c| Some(c.closed as f64)).collect(),
            },
        ],
        stacked: false,
        lines: vec![Series {
            name: w.unit_name(&w.t("chart_close_rate", "销号率", &[]), "%"),
            color: LINE_COLOR.into(),
            point_colors: None,
            values: counts.iter().map(|c| c.close_rate).collect(),
        }],
        bar_unit: w.t("chart_unit_count", "个", &[]),
        line_unit: "%".into(),
        connect: true,
        summary: w.t(
            "chart_summary_problems",
            "截至{date}，累计登记问题{raised}个，销号{closed}个，延期{extended}个，销号率{rate}。",
            &[
                ("date", &w.date(as_of.date)),
                ("raised", &last.raised.to_string()),
                ("closed", &last.closed.to_string()),
                ("extended", &last.extended.to_string()),
                ("rate", &rate_text(last.close_rate)),
            ],
        ),
        caption: String::new(),
        table: DataTable {
            headers: vec![
                w.t("chart_month", "月份", &[]),
                w.t("chart_raised", "累计登记", &[]),
                w.t("chart_closed", "累计销号", &[]),
                w.t("chart_close_rate", "销号率", &[]),
            ],
            rows: months
                .iter()
                .zip(&counts)
                .map(|((p, _), c)| {
                    vec![
                        w.year_month(p.year, p.month),
                        c.raised.to_string(),
                        c.closed.to_string(),
                        rate_text(c.close_rate),
                    ]
                })
                .collect(),
        },
    })
}

/// A chart of `charts.yaml` as of `as_of`.
fn user_chart(w: &Words<'_>, data: &Data, def: &ChartDef, as_of: AsOf) -> Result<ChartSpec, NoData> {
    if def.measure == "projects" {
        return user_projects_chart(w, data, def, as_of);
    }
    let Some(measure) = Measure::parse(&def.measure) else {
        return Err(format!("unknown measure `{}`", def.measure));
    };
    let to = match (def.to, as_of.period) {
        (Some(to), Some(page)) => Some(to.min(page)),
        (to, page) => to.or(page),
    };
    let periods = periods(data, def.from, to);
    if periods.is_empty() {
        return Err("no periods in range".to_string());
    }
    let keys: Vec<String> = if def.series.is_empty() {
        vec!["total".to_string()]
    } else {
        def.series.clone()
    };
    let output = &data.output.records;
    let series_of = |key: &str, n: usize, show: Show| Series {
        name: industry_name(w, data, key),
        color: industry_color(data, key, n),
        point_colors: None,
        values: periods
            .iter()
            .map(|p| match show {
                Show::Value => growth::value(output, measure, key, *p),
                Show::Growth => growth::yoy(output, measure, key, *p),
            })
            .collect(),
    };
    let unit = output.unit.clone();
    let (bars, lines, bar_unit, line_unit) = match def.kind {
        ChartType::Bar | ChartType::Stacked => {
            let bars: Vec<Series> = keys.iter().enumerate().map(|(n, k)| series_of(k, n, def.show)).collect();
            let unit = if def.show == Show::Growth { "%".to_string() } else { unit };
            (bars, Vec::new(), unit, String::new())
        }
        ChartType::Line => {
            let lines: Vec<Series> = keys.iter().enumerate().map(|(n, k)| series_of(k, n, def.show)).collect();
            let unit = if def.show == Show::Growth { "%".to_string() } else { unit };
            (Vec::new(), lines, String::new(), unit)
        }
        ChartType::BarLine => {
            let key = &keys[0];
            let mut bar = series_of(key, 0, Show::Value);
            bar.name = w.unit_name(&industry_name(w, data, key), &unit);
            let line = growth_line(w, series_of(key, 0, Show::Growth).values);
            (vec![bar], vec![line], unit, "%".to_string())
        }
    };
    let all: Vec<&Series> = bars.iter().chain(&lines).collect();
    if all.iter().all(|s| s.values.iter().all(Option::is_none)) {
        return Err("no figures for these series".to_string());
    }
    let mut headers = vec![w.t("chart_period", "时期", &[])];
    headers.extend(all.iter().map(|s| s.name.clone()));
    let is_rate = |s: &Series| lines.iter().any(|l| std::ptr::eq(l, s)) && line_unit == "%" || bar_unit == "%";
    let rows = periods
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut row = vec![w.period(*p)];
            row.extend(all.iter().map(|s| {
                if is_rate(s) {
                    rate_text(s.values[i])
                } else {
                    amount_text(s.values[i])
                }
            }));
            row
        })
        .collect();
    let last = periods[periods.len() - 1];
    Ok(ChartSpec {
        id: def.id.clone(),
        title: def.title.clone(),
        categories: period_categories(w, &periods),
        stacked: def.kind == ChartType::Stacked,
        summary: w.t(
            "chart_summary_custom",
            "{title}：{measure}，{from}至{to}。",
            &[
                ("title", &def.title),
                ("measure", &w.measure(measure)),
                ("from", &w.period(periods[0])),
                ("to", &w.period(last)),
            ],
        ),
        caption: def.caption.clone().unwrap_or_default(),
        table: DataTable { headers, rows },
        bars,
        lines,
        bar_unit,
        line_unit,
        connect: true,
    })
}

fn user_projects_chart(w: &Words<'_>, data: &Data, def: &ChartDef, as_of: AsOf) -> Result<ChartSpec, NoData> {
    let statuses: Vec<Status> = if def.statuses.is_empty() {
        Status::ALL.to_vec()
    } else {
        def.statuses.clone()
    };
    let keys: Vec<String> = if def.series.is_empty() {
        data.industries.records.iter().map(|i| i.id.clone()).collect()
    } else {
        def.series.clone()
    };
    let date = as_of.date;
    let bars: Vec<Series> = keys
        .iter()
        .enumerate()
        .map(|(n, key)| Series {
            name: industry_name(w, data, key),
            color: industry_color(data, key, n),
            point_colors: None,
            values: statuses
                .iter()
                .map(|s| {
                    let count = data
                        .projects
                        .records
                        .iter()
                        .filter(|p| (key == "total" || p.industry == *key) && p.status_at(date) == Some(*s))
                        .count();
                    Some(count as f64)
                })
                .collect(),
        })
        .collect();
    if bars.iter().all(|s| s.values.iter().all(|v| v.unwrap_or(0.0) == 0.0)) {
        return Err("no projects at this date".to_string());
    }
    let mut headers = vec![w.t("chart_status", "状态", &[])];
    headers.extend(bars.iter().map(|s| s.name.clone()));
    let rows = statuses
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut row = vec![status_label(w, *s).to_string()];
            row.extend(bars.iter().map(|b| format!("{}", b.values[i].unwrap_or(0.0) as u64)));
            row
        })
        .collect();
    Ok(ChartSpec {
        id: def.id.clone(),
        title: def.title.clone(),
        categories: statuses
            .iter()
            .map(|s| Category {
                label: status_label(w, *s).to_string(),
                group: None,
            })
            .collect(),
        stacked: def.kind == ChartType::Stacked,
        summary: w.t(
            "chart_summary_custom_projects",
            "{title}：截至{date}各状态项目数。",
            &[("title", &def.title), ("date", &w.date(date))],
        ),
        caption: def.caption.clone().unwrap_or_default(),
        table: DataTable { headers, rows },
        bars,
        lines: Vec::new(),
        bar_unit: w.t("chart_unit_count", "个", &[]),
        line_unit: String::new(),
        connect: true,
    })
}

/// The chart `id` as of `as_of`: `Ok(None)` for an unknown id, `Err` when
/// the data has nothing to draw.
pub fn chart(data: &Data, id: &str, as_of: AsOf) -> Option<Result<ChartSpec, NoData>> {
    chart_in(&Words::default(), data, id, as_of)
}

/// [`chart`] with the texts of `w` (the site's language).
pub fn chart_in(w: &Words<'_>, data: &Data, id: &str, as_of: AsOf) -> Option<Result<ChartSpec, NoData>> {
    let spec = match id {
        "output-growth" => output_over_periods(w, data, id, Measure::GrossOutput, "total", as_of),
        "value-added-growth" => output_over_periods(w, data, id, Measure::ValueAdded, "total", as_of),
        "output-by-industry" => output_by_industry(w, data, as_of),
        "projects-by-status" => projects_by_status(w, data, as_of),
        "problems-resolution" => problems_resolution(w, data, as_of),
        other => {
            if let Some(industry) = other.strip_prefix("industry-").filter(|i| data.industry(i).is_some()) {
                output_over_periods(w, data, id, Measure::GrossOutput, industry, as_of)
            } else {
                let def = data.charts.records.iter().find(|c| c.id == other)?;
                user_chart(w, data, def, as_of)
            }
        }
    };
    Some(spec)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::load::data::{DataFile, Output, OutputPeriod};
    use std::collections::BTreeMap;

    fn breakdown(pairs: &[(&str, f64)]) -> BTreeMap<String, f64> {
        pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    }

    /// Data with output for the given `(period, total, food)` rows.
    pub(crate) fn data_with(rows: &[(&str, f64, Option<f64>)]) -> Data {
        let periods = rows
            .iter()
            .map(|(p, total, food)| {
                let mut values = breakdown(&[("total", *total)]);
                if let Some(food) = food {
                    values.insert("food".into(), *food);
                }
                OutputPeriod {
                    period: p.parse().unwrap(),
                    gross_output: values,
                    value_added: BTreeMap::new(),
                    gross_output_yoy: BTreeMap::new(),
                    value_added_yoy: BTreeMap::new(),
                }
            })
            .collect();
        let mut data = Data::default();
        data.industries.records = vec![crate::load::data::Industry {
            id: "food".into(),
            name: "食品加工".into(),
            description: None,
            color: None,
        }];
        data.output = DataFile {
            path: "content/data/output.yaml".into(),
            text: String::new(),
            records: Output {
                unit: "亿元".into(),
                periods,
            },
        };
        data
    }

    fn at(period: &str) -> AsOf {
        AsOf::period_end(period.parse().unwrap())
    }

    #[test]
    fn output_growth_follows_the_periods_up_to_the_page() {
        let data = data_with(&[
            ("2012-06", 50.0, None),
            ("2013-05", 52.0, None),
            ("2013-06", 60.0, None),
            ("2013-07", 70.0, None),
        ]);
        let spec = chart(&data, "output-growth", at("2013-06")).unwrap().unwrap();
        assert_eq!(
            spec.categories.iter().map(|c| c.label.as_str()).collect::<Vec<_>>(),
            ["1-6月", "1-5月", "1-6月"]
        );
        assert_eq!(spec.categories[0].group.as_deref(), Some("2012年"));
        assert_eq!(spec.categories[1].group.as_deref(), Some("2013年"));
        assert_eq!(spec.bars[0].values, [Some(50.0), Some(52.0), Some(60.0)]);
        // growth only where a year-earlier period exists: 60 / 50 - 1
        assert_eq!(spec.lines[0].values[0], None);
        assert!((spec.lines[0].values[2].unwrap() - 20.0).abs() < 1e-9);
        assert_eq!(spec.summary, "2013年1-6月规模工业总产值60.00亿元，同比增长20.0%。");
        assert_eq!(spec.table.rows[2], ["2013年1-6月", "60.00", "20.0%"]);
    }

    #[test]
    fn negative_growth_and_a_single_period() {
        let data = data_with(&[("2012-06", 50.0, Some(20.0)), ("2013-06", 40.0, Some(30.0))]);
        let spec = chart(&data, "output-growth", at("2013-06")).unwrap().unwrap();
        assert!((spec.lines[0].values[1].unwrap() + 20.0).abs() < 1e-9);
        let single = data_with(&[("2013-06", 40.0, None)]);
        let spec = chart(&single, "output-growth", at("2013-06")).unwrap().unwrap();
        assert_eq!(spec.categories.len(), 1);
        assert_eq!(spec.lines[0].values, [None]);
    }

    #[test]
    fn missing_data_gives_a_reason_not_a_panic() {
        let empty = Data::default();
        for id in [
            "output-growth",
            "value-added-growth",
            "output-by-industry",
            "projects-by-status",
            "problems-resolution",
        ] {
            assert!(
                chart(
                    &empty,
                    id,
                    AsOf {
                        period: None,
                        date: "2013-06-30".parse().unwrap()
                    }
                )
                .unwrap()
                .is_err(),
                "{id}"
            );
        }
        // An industry with no figures at all.
        let data = data_with(&[("2013-06", 40.0, None)]);
        assert!(chart(&data, "industry-food", at("2013-06")).unwrap().is_err());
        assert!(chart(&data, "no-such-chart", at("2013-06")).is_none());
        assert!(chart(&data, "industry-nope", at("2013-06")).is_none());
    }
}
