//! Charts defined in `content/data/charts.yaml`: output series as bars,
//! lines, bars with growth, or stacks; and projects by status per industry.

use crate::derive::figures::AsOf;
use crate::derive::growth;
use crate::derive::locale::Locale;
use crate::load::data::{ChartDef, ChartType, Data, Measure, Show, Status};

use super::parts::{amount_text, growth_line, industry_color, industry_name, period_categories, periods, rate_text, status_categories};
use super::{ChartSpec, DataTable, NoData, Series};

/// A chart of `charts.yaml` as of `as_of`.
pub(super) fn chart(w: &Locale, data: &Data, def: &ChartDef, as_of: AsOf) -> Result<ChartSpec, NoData> {
    if def.measure == "projects" {
        return projects_chart(w, data, def, as_of);
    }
    let Some(measure) = Measure::parse(&def.measure) else {
        return Err(w.fill("chart_reason_unknown_measure", "未知指标 `{measure}`", &[("measure", &def.measure)]));
    };
    let to = match (def.to, as_of.period) {
        (Some(to), Some(page)) => Some(to.min(page)),
        (to, page) => to.or(page),
    };
    let periods = periods(data, def.from, to);
    if periods.is_empty() {
        return Err(w.fill("chart_reason_no_periods", "所选范围内没有数据期", &[]));
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
        return Err(w.fill("chart_reason_no_series_figures", "这些系列没有数据", &[]));
    }
    let mut headers = vec![w.fill("chart_period", "时期", &[])];
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
        horizontal: false,
        summary: w.fill(
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

fn projects_chart(w: &Locale, data: &Data, def: &ChartDef, as_of: AsOf) -> Result<ChartSpec, NoData> {
    let statuses: Vec<Status> = if def.statuses.is_empty() {
        Status::ALL.to_vec()
    } else {
        def.statuses.clone()
    };
    let date = as_of.date;
    // Unless the chart names its series: the industries with a project by
    // the date (an industry whose first project comes later is not yet on
    // a chart of this moment), each keeping its colour by its place.
    let keys: Vec<(usize, String)> = if def.series.is_empty() {
        data.industries
            .records
            .iter()
            .enumerate()
            .filter(|(_, i)| {
                data.projects
                    .records
                    .iter()
                    .any(|p| p.industry == i.id && p.status_at(date).is_some())
            })
            .map(|(n, i)| (n, i.id.clone()))
            .collect()
    } else {
        def.series.iter().cloned().enumerate().collect()
    };
    let bars: Vec<Series> = keys
        .iter()
        .map(|(n, key)| Series {
            name: industry_name(w, data, key),
            color: industry_color(data, key, *n),
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
        return Err(w.fill("chart_reason_no_projects", "这一日期没有项目", &[]));
    }
    let mut headers = vec![w.fill("chart_status", "状态", &[])];
    headers.extend(bars.iter().map(|s| s.name.clone()));
    let rows = statuses
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut row = vec![w.status_name(Some(*s)).to_string()];
            row.extend(bars.iter().map(|b| format!("{}", b.values[i].unwrap_or(0.0) as u64)));
            row
        })
        .collect();
    Ok(ChartSpec {
        id: def.id.clone(),
        title: def.title.clone(),
        categories: status_categories(w, &statuses),
        stacked: def.kind == ChartType::Stacked,
        horizontal: false,
        summary: w.fill(
            "chart_summary_custom_projects",
            "{title}：截至{date}各状态项目数。",
            &[("title", &def.title), ("date", &w.date(date))],
        ),
        caption: def.caption.clone().unwrap_or_default(),
        table: DataTable { headers, rows },
        bars,
        lines: Vec::new(),
        bar_unit: w.fill("chart_unit_count", "个", &[]),
        line_unit: String::new(),
        connect: true,
    })
}
