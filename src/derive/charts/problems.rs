//! The problems chart: problems raised and closed, month by month, and the
//! close rate.

use crate::calendar::{Date, Period};
use crate::derive::figures::{AsOf, ProblemCounts, programme_problems};
use crate::derive::locale::Locale;
use crate::load::data::Data;

use super::parts::{LINE_COLOR, rate_text};
use super::{Category, ChartSpec, DataTable, NoData, Series};

fn month_end(year: i32, month: u32) -> Date {
    Period { year, month }.last_day()
}

pub(super) fn resolution(w: &Locale, data: &Data, as_of: AsOf) -> Result<ChartSpec, NoData> {
    let problems = &data.problems.records;
    let tallied = data.tallies.records.iter().filter(|t| t.problems.is_some()).map(|t| t.period);
    let mut months = Vec::new();
    if problems.is_empty() {
        // Totals without records: the months stated.
        months.extend(tallied.map(|p| (p, p.last_day())).filter(|(_, end)| *end <= as_of.date));
        months.sort();
        months.dedup();
    } else if let Some(first) = problems
        .iter()
        .map(|p| p.raised)
        .chain(tallied.map(Period::last_day))
        .filter(|d| *d <= as_of.date)
        .min()
    {
        let (mut year, mut month) = (first.year, first.month);
        loop {
            let end = month_end(year, month).min(as_of.date);
            months.push((Period { year, month }, end));
            if end >= as_of.date {
                break;
            }
            (year, month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
        }
    }
    if months.is_empty() {
        return Err(w.fill("chart_reason_no_problems", "这一日期前没有反映问题", &[]));
    }
    let skip = months.len().saturating_sub(24);
    let months = &months[skip..];
    let counts: Vec<ProblemCounts> = months.iter().map(|(_, end)| programme_problems(data, *end, false)).collect();
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
        title: w.fill("chart_title_problems", "企业问题登记与销号", &[]),
        categories,
        bars: vec![
            Series {
                name: w.unit_name(&w.fill("chart_raised", "累计登记", &[]), &w.fill("chart_unit_count", "个", &[])),
                color: "#d97706".into(),
                point_colors: None,
                values: counts.iter().map(|c| Some(c.raised as f64)).collect(),
            },
            Series {
                name: w.unit_name(&w.fill("chart_closed", "累计销号", &[]), &w.fill("chart_unit_count", "个", &[])),
                color: "#15803d".into(),
                point_colors: None,
                values: counts.iter().map(|c| Some(c.closed as f64)).collect(),
            },
        ],
        stacked: false,
        horizontal: false,
        lines: vec![Series {
            name: w.unit_name(&w.fill("chart_close_rate", "销号率", &[]), "%"),
            color: LINE_COLOR.into(),
            point_colors: None,
            values: counts.iter().map(|c| c.close_rate).collect(),
        }],
        bar_unit: w.fill("chart_unit_count", "个", &[]),
        line_unit: "%".into(),
        connect: true,
        summary: w.fill(
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
                w.fill("chart_month", "月份", &[]),
                w.fill("chart_raised", "累计登记", &[]),
                w.fill("chart_closed", "累计销号", &[]),
                w.fill("chart_close_rate", "销号率", &[]),
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

/// `units-close-rate`: the units ranked by the share of their problems
/// closed (those with problems), with the count they handle.
pub(super) fn units_close_rate(w: &Locale, data: &Data, as_of: AsOf) -> Result<ChartSpec, NoData> {
    let mut scores: Vec<(String, crate::derive::supervision::UnitScore)> = data
        .units
        .records
        .iter()
        .map(|u| (u.name.clone(), crate::derive::supervision::unit_score(data, &u.id, as_of.date)))
        .filter(|(_, s)| s.raised > 0)
        .collect();
    if scores.is_empty() {
        return Err(w.fill("chart_reason_no_problems", "这一日期前没有反映问题", &[]));
    }
    scores.sort_by(|a, b| {
        let rate = |s: &crate::derive::supervision::UnitScore| s.close_rate.unwrap_or(0.0);
        rate(&b.1)
            .total_cmp(&rate(&a.1))
            .then(b.1.raised.cmp(&a.1.raised))
            .then(a.0.cmp(&b.0))
    });
    let count = w.fill("chart_unit_count", "个", &[]);
    let best = &scores[0];
    let worst = &scores[scores.len() - 1];
    Ok(ChartSpec {
        id: "units-close-rate".into(),
        title: w.fill("chart_title_units_close_rate", "各单位问题销号率", &[]),
        categories: scores
            .iter()
            .map(|(name, _)| Category {
                label: name.clone(),
                group: None,
            })
            .collect(),
        bars: vec![Series {
            name: w.unit_name(&w.fill("chart_close_rate", "销号率", &[]), "%"),
            color: "#15803d".into(),
            point_colors: None,
            values: scores.iter().map(|(_, s)| s.close_rate).collect(),
        }],
        stacked: false,
        horizontal: true,
        lines: vec![Series {
            name: w.unit_name(&w.fill("chart_handled", "承办问题", &[]), &count),
            color: LINE_COLOR.into(),
            point_colors: None,
            values: scores.iter().map(|(_, s)| Some(s.raised as f64)).collect(),
        }],
        bar_unit: "%".into(),
        line_unit: count,
        connect: false,
        summary: w.fill(
            "chart_summary_units_close_rate",
            "截至{date}，{best}销号率最高（{best_rate}），{worst}最低（{worst_rate}）。",
            &[
                ("date", &w.date(as_of.date)),
                ("best", &best.0),
                ("best_rate", &rate_text(best.1.close_rate)),
                ("worst", &worst.0),
                ("worst_rate", &rate_text(worst.1.close_rate)),
            ],
        ),
        caption: String::new(),
        table: DataTable {
            headers: vec![
                w.fill("chart_unit", "单位", &[]),
                w.fill("chart_handled", "承办问题", &[]),
                w.fill("chart_closed_count", "已销号", &[]),
                w.fill("chart_close_rate", "销号率", &[]),
            ],
            rows: scores
                .iter()
                .map(|(name, s)| vec![name.clone(), s.raised.to_string(), s.closed.to_string(), rate_text(s.close_rate)])
                .collect(),
        },
    })
}
