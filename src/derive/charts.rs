//! Chart specifications: what each chart shows as of a moment — its
//! categories, bar and line series, units, a one-line summary and the data
//! table — computed from the data. Drawing is `render::svg`'s job.

use serde::Serialize;

use crate::calendar::{Date, Period};
use crate::derive::figures::{AsOf, ProblemCounts, ProjectCounts};
use crate::derive::{format, growth};
use crate::load::data::{ChartDef, ChartType, Data, Measure, Show, Status};

/// Default colours, used where `industries.yaml` gives none.
pub const PALETTE: [&str; 8] = [
    "#c0392b", "#2b6cb0", "#d97706", "#15803d", "#7c3aed", "#0e7490", "#be185d", "#4b5563",
];
const BAR_COLOR: &str = "#c0392b";
const LINE_COLOR: &str = "#1f4e99";
/// Legend swatch of bars coloured per category.
const NEUTRAL: &str = "#8a94a6";

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

/// Ids of the built-in charts for `data`.
pub fn builtin_ids(data: &Data) -> Vec<String> {
    let mut ids: Vec<String> = [
        "output-growth",
        "value-added-growth",
        "output-by-industry",
        "projects-by-status",
        "problems-resolution",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
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
fn period_categories(periods: &[Period]) -> Vec<Category> {
    periods
        .iter()
        .enumerate()
        .map(|(i, p)| Category {
            label: p.chinese_short(),
            group: (i == 0 || periods[i - 1].year != p.year).then(|| format!("{}年", p.year)),
        })
        .collect()
}

fn industry_name(data: &Data, key: &str) -> String {
    if key == "total" {
        "全县".to_string()
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
fn output_over_periods(data: &Data, id: &str, measure: Measure, key: &str, as_of: AsOf) -> Result<ChartSpec, NoData> {
    let Some(to) = as_of.period else {
        return Err("output.yaml has no period for this date".to_string());
    };
    let periods = periods(data, None, Some(to));
    let output = &data.output.records;
    let values: Vec<Option<f64>> = periods.iter().map(|p| growth::value(output, measure, key, *p)).collect();
    if values.iter().all(Option::is_none) {
        return Err(format!("no {} figures for {}", measure.as_str(), industry_name(data, key)));
    }
    let rates: Vec<Option<f64>> = periods.iter().map(|p| growth::yoy(output, measure, key, *p)).collect();
    let name = industry_name(data, key);
    let title = if key == "total" {
        format!("{}及增速", measure.name())
    } else {
        format!("{name}{}及增速", measure.name())
    };
    let latest = periods.len() - 1;
    let summary = format!(
        "{}{}{}{}，同比增长{}。",
        to.chinese(),
        if key == "total" { String::new() } else { name.clone() },
        measure.name(),
        values[latest].map_or_else(|| "—".to_string(), |v| format::amount(v, &output.unit)),
        rate_text(rates[latest])
    );
    let unit = output.unit.clone();
    Ok(ChartSpec {
        id: id.to_string(),
        title,
        table: DataTable {
            headers: vec!["时期".into(), format!("{}（{unit}）", measure.name()), "同比增长".into()],
            rows: periods
                .iter()
                .enumerate()
                .map(|(i, p)| vec![p.chinese(), amount_text(values[i]), rate_text(rates[i])])
                .collect(),
        },
        categories: period_categories(&periods),
        bars: vec![Series {
            name: format!("{}（{unit}）", measure.name()),
            color: if key == "total" {
                BAR_COLOR.to_string()
            } else {
                industry_color(data, key, 0)
            },
            point_colors: None,
            values,
        }],
        stacked: false,
        lines: vec![Series {
            name: "同比增长（%）".into(),
            color: LINE_COLOR.into(),
            point_colors: None,
            values: rates,
        }],
        bar_unit: unit,
        line_unit: "%".into(),
        connect: true,
        summary,
        caption: String::new(),
    })
}

fn output_by_industry(data: &Data, as_of: AsOf) -> Result<ChartSpec, NoData> {
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
        .map(|(i, v)| format!("{}最高，{}", i.name, format::amount(v, &output.unit)))
        .unwrap_or_default();
    let unit = output.unit.clone();
    Ok(ChartSpec {
        id: "output-by-industry".into(),
        title: format!("{}分产业{}", period.chinese(), measure.name()),
        categories: industries
            .iter()
            .map(|i| Category {
                label: i.name.clone(),
                group: None,
            })
            .collect(),
        bars: vec![Series {
            name: format!("{}（{unit}）", measure.name()),
            color: NEUTRAL.into(),
            point_colors: Some(colors),
            values: values.clone(),
        }],
        stacked: false,
        lines: vec![Series {
            name: "同比增长（%）".into(),
            color: LINE_COLOR.into(),
            point_colors: None,
            values: rates.clone(),
        }],
        bar_unit: unit.clone(),
        line_unit: "%".into(),
        connect: false,
        summary: format!("{}各主导产业{}：{leader}。", period.chinese(), measure.name()),
        caption: String::new(),
        table: DataTable {
            headers: vec!["产业".into(), format!("{}（{unit}）", measure.name()), "同比增长".into()],
            rows: industries
                .iter()
                .enumerate()
                .map(|(n, i)| vec![i.name.clone(), amount_text(values[n]), rate_text(rates[n])])
                .collect(),
        },
    })
}

fn status_label(status: Status) -> &'static str {
    format::status_name(Some(status), crate::load::Language::ZhCn)
}

fn projects_by_status(data: &Data, as_of: AsOf) -> Result<ChartSpec, NoData> {
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
        title: "重点项目进展".into(),
        categories: statuses
            .iter()
            .map(|s| Category {
                label: status_label(*s).to_string(),
                group: None,
            })
            .collect(),
        bars: vec![Series {
            name: "项目数（个）".into(),
            color: NEUTRAL.into(),
            point_colors: Some(colors),
            values: statuses.iter().map(|s| Some(counts.of(*s) as f64)).collect(),
        }],
        stacked: false,
        lines: vec![Series {
            name: "计划投资（亿元）".into(),
            color: LINE_COLOR.into(),
            point_colors: None,
            values: investment.clone(),
        }],
        bar_unit: "个".into(),
        line_unit: "亿元".into(),
        connect: false,
        summary: format!(
            "截至{}，重点项目{}个，其中在建{}个、建成{}个、投产{}个，计划总投资{}。",
            as_of.date.chinese(),
            counts.count,
            counts.started,
            counts.built,
            counts.producing,
            format::investment_yi(counts.investment)
        ),
        caption: String::new(),
        table: DataTable {
            headers: vec!["状态".into(), "项目数".into(), "计划投资（亿元）".into()],
            rows: statuses
                .iter()
                .enumerate()
                .map(|(n, s)| vec![status_label(*s).to_string(), counts.of(*s).to_string(), amount_text(investment[n])])
                .collect(),
        },
    })
}

fn month_end(year: i32, month: u32) -> Date {
    Period { year, month }.last_day()
}

fn problems_resolution(data: &Data, as_of: AsOf) -> Result<ChartSpec, NoData> {
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
            label: format!("{}月", p.month),
            group: (i == 0 || months[i - 1].0.year != p.year).then(|| format!("{}年", p.year)),
        })
        .collect();
    let last = counts[counts.len() - 1];
    Ok(ChartSpec {
        id: "problems-resolution".into(),
        title: "企业问题登记与销号".into(),
        categories,
        bars: vec![
            Series {
                name: "累计登记（个）".into(),
                color: "#d97706".into(),
                point_colors: None,
                values: counts.iter().map(|c| Some(c.raised as f64)).collect(),
            },
            Series {
                name: "累计销号（个）".into(),
                color: "#15803d".into(),
                point_colors: None,
                values: counts.iter().map(|c| Some(c.closed as f64)).collect(),
            },
        ],
        stacked: false,
        lines: vec![Series {
            name: "销号率（%）".into(),
            color: LINE_COLOR.into(),
            point_colors: None,
            values: counts.iter().map(|c| c.close_rate).collect(),
        }],
        bar_unit: "个".into(),
        line_unit: "%".into(),
        connect: true,
        summary: format!(
            "截至{}，累计登记问题{}个，销号{}个，延期{}个，销号率{}。",
            as_of.date.chinese(),
            last.raised,
            last.closed,
            last.extended,
            rate_text(last.close_rate)
        ),
        caption: String::new(),
        table: DataTable {
            headers: vec!["月份".into(), "累计登记".into(), "累计销号".into(), "销号率".into()],
            rows: months
                .iter()
                .zip(&counts)
                .map(|((p, _), c)| {
                    vec![
                        format!("{}年{}月", p.year, p.month),
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
fn user_chart(data: &Data, def: &ChartDef, as_of: AsOf) -> Result<ChartSpec, NoData> {
    if def.measure == "projects" {
        return user_projects_chart(data, def, as_of);
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
        name: industry_name(data, key),
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
            bar.name = format!("{}（{unit}）", industry_name(data, key));
            let mut line = series_of(key, 0, Show::Growth);
            line.name = "同比增长（%）".into();
            line.color = LINE_COLOR.into();
            (vec![bar], vec![line], unit, "%".to_string())
        }
    };
    let all: Vec<&Series> = bars.iter().chain(&lines).collect();
    if all.iter().all(|s| s.values.iter().all(Option::is_none)) {
        return Err("no figures for these series".to_string());
    }
    let mut headers = vec!["时期".to_string()];
    headers.extend(all.iter().map(|s| s.name.clone()));
    let is_rate = |s: &Series| lines.iter().any(|l| std::ptr::eq(l, s)) && line_unit == "%" || bar_unit == "%";
    let rows = periods
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut row = vec![p.chinese()];
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
        categories: period_categories(&periods),
        stacked: def.kind == ChartType::Stacked,
        summary: format!("{}：{}，{}至{}。", def.title, measure.name(), periods[0].chinese(), last.chinese()),
        caption: def.caption.clone().unwrap_or_default(),
        table: DataTable { headers, rows },
        bars,
        lines,
        bar_unit,
        line_unit,
        connect: true,
    })
}

fn user_projects_chart(data: &Data, def: &ChartDef, as_of: AsOf) -> Result<ChartSpec, NoData> {
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
            name: industry_name(data, key),
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
    let mut headers = vec!["状态".to_string()];
    headers.extend(bars.iter().map(|s| s.name.clone()));
    let rows = statuses
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut row = vec![status_label(*s).to_string()];
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
                label: status_label(*s).to_string(),
                group: None,
            })
            .collect(),
        stacked: def.kind == ChartType::Stacked,
        summary: format!("{}：截至{}各状态项目数。", def.title, date.chinese()),
        caption: def.caption.clone().unwrap_or_default(),
        table: DataTable { headers, rows },
        bars,
        lines: Vec::new(),
        bar_unit: "个".into(),
        line_unit: String::new(),
        connect: true,
    })
}

/// The chart `id` as of `as_of`: `Ok(None)` for an unknown id, `Err` when
/// the data has nothing to draw.
pub fn chart(data: &Data, id: &str, as_of: AsOf) -> Option<Result<ChartSpec, NoData>> {
    let spec = match id {
        "output-growth" => output_over_periods(data, id, Measure::GrossOutput, "total", as_of),
        "value-added-growth" => output_over_periods(data, id, Measure::ValueAdded, "total", as_of),
        "output-by-industry" => output_by_industry(data, as_of),
        "projects-by-status" => projects_by_status(data, as_of),
        "problems-resolution" => problems_resolution(data, as_of),
        other => {
            if let Some(industry) = other.strip_prefix("industry-").filter(|i| data.industry(i).is_some()) {
                output_over_periods(data, id, Measure::GrossOutput, industry, as_of)
            } else {
                let def = data.charts.records.iter().find(|c| c.id == other)?;
                user_chart(data, def, as_of)
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
        let period: Period = period.parse().unwrap();
        AsOf {
            period: Some(period),
            date: period.last_day(),
        }
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
