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
