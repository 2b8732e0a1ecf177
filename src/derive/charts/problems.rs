//! The problems charts: problems raised and closed, month by month, with
//! the close rate; and the units ranked by their close rate.
//!
//! `problems-resolution` draws one population in every month (DESIGN.md,
//! tallies): the counts `tallies.yaml` states, where it states them for
//! every month the chart draws; else the register, month by month (also
//! in a month the tallies state, whose stated counts are of another
//! population). Stated counts are marked so (据统计报表), and a register
//! that holds key problems only says so. A month with nothing stated is a
//! gap, not a zero.

use crate::calendar::{Date, Period};
use crate::derive::counts::{ProblemFigures, register_problems, stated_for};
use crate::derive::figures::AsOf;
use crate::derive::locale::Locale;
use crate::load::data::Data;

use super::parts::{LINE_COLOR, rate_text};
use super::{Category, ChartSpec, DataTable, NoData, Series};

/// The most months the chart draws (the latest).
const MONTHS: usize = 24;

fn month_end(year: i32, month: u32) -> Date {
    Period { year, month }.last_day()
}

fn next(period: Period) -> Period {
    if period.month == 12 {
        Period {
            year: period.year + 1,
            month: 1,
        }
    } else {
        Period {
            year: period.year,
            month: period.month + 1,
        }
    }
}

/// Where the chart's figures come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Basis {
    /// Stated in `tallies.yaml`, every month drawn.
    Stated,
    /// Counted from the register; `key_only` when it holds key problems
    /// only.
    Register { key_only: bool },
}

/// The months the chart draws, each with the day it is counted at, and
/// the one population its figures come from.
fn months_and_basis(data: &Data, as_of: AsOf) -> Option<(Vec<(Period, Date)>, Basis)> {
    let records = &data.problems.records;
    let first_raised = records.iter().map(|p| p.raised).filter(|d| *d <= as_of.date).min();
    if let Some(first) = first_raised {
        // Every month from the first problem raised to the page's date.
        let mut months = Vec::new();
        let mut period = Period {
            year: first.year,
            month: first.month,
        };
        loop {
            let end = month_end(period.year, period.month).min(as_of.date);
            months.push((period, end));
            if end >= as_of.date {
                break;
            }
            period = next(period);
        }
        let months = months.split_off(months.len().saturating_sub(MONTHS));
        let all_stated = months.iter().all(|(p, _)| stated_for(data, *p, false).is_some());
        let basis = if all_stated {
            Basis::Stated
        } else {
            Basis::Register {
                key_only: records.iter().all(|p| p.key),
            }
        };
        return Some((months, basis));
    }
    // Totals without records: the months from the first stated to the
    // last stated by the page's date, a gap where a month is not stated.
    let mut stated: Vec<Period> = (data.tallies.records.iter())
        .filter(|t| t.problems.is_some() && t.period.last_day() <= as_of.date)
        .map(|t| t.period)
        .collect();
    stated.sort();
    let (&first, &last) = (stated.first()?, stated.last()?);
    let mut months = Vec::new();
    let mut period = first;
    while period <= last {
        months.push((period, period.last_day()));
        period = next(period);
    }
    Some((months.split_off(months.len().saturating_sub(MONTHS)), Basis::Stated))
}

pub(super) fn resolution(w: &Locale, data: &Data, as_of: AsOf) -> Result<ChartSpec, NoData> {
    let Some((months, basis)) = months_and_basis(data, as_of) else {
        return Err(w.fill("chart_reason_no_problems", "这一日期前没有反映问题", &[]));
    };
    let counts: Vec<Option<ProblemFigures>> = months
        .iter()
        .map(|(period, end)| match basis {
            Basis::Stated => stated_for(data, *period, false).map(ProblemFigures::stated),
            Basis::Register { .. } => Some(register_problems(data, *end, false).into()),
        })
        .collect();
    let categories = months
        .iter()
        .enumerate()
        .map(|(i, (p, _))| Category {
            label: w.month(p.month),
            group: (i == 0 || months[i - 1].0.year != p.year).then(|| w.year(p.year)),
        })
        .collect();
    // The last month drawn has figures: the register's to the page's
    // date, or the last month stated.
    let (last_month, last) = months
        .iter()
        .zip(&counts)
        .rev()
        .find_map(|((p, _), c)| c.map(|c| (*p, c)))
        .ok_or_else(|| w.fill("chart_reason_no_problems", "这一日期前没有反映问题", &[]))?;
    let date = match basis {
        Basis::Stated => w.year_month(last_month.year, last_month.month),
        Basis::Register { .. } => w.date(as_of.date),
    };
    let (raised, closed, rate) = (last.raised.to_string(), last.closed.to_string(), rate_text(last.close_rate));
    let summary = match last.extended {
        Some(extended) => w.fill(
            "chart_summary_problems",
            "截至{date}，累计登记问题{raised}个，销号{closed}个，延期{extended}个，销号率{rate}。",
            &[
                ("date", &date),
                ("raised", &raised),
                ("closed", &closed),
                ("extended", &extended.to_string()),
                ("rate", &rate),
            ],
        ),
        // The tallies state no extensions: none are invented.
        None => w.fill(
            "chart_summary_problems_no_extended",
            "截至{date}，累计登记问题{raised}个，销号{closed}个，销号率{rate}。",
            &[("date", &date), ("raised", &raised), ("closed", &closed), ("rate", &rate)],
        ),
    };
    let caption = match basis {
        Basis::Stated => w.fill("chart_basis_stated", "据统计报表。", &[]),
        Basis::Register { key_only: true } => w.fill("chart_basis_key_register", "据问题台账，台账只登记重点问题。", &[]),
        Basis::Register { key_only: false } => String::new(),
    };
    let count = |value: Option<usize>| value.map_or_else(|| "—".to_string(), |n| n.to_string());
    Ok(ChartSpec {
        id: "problems-resolution".into(),
        title: w.fill("chart_title_problems", "企业问题登记与销号", &[]),
        categories,
        bars: vec![
            Series {
                name: w.unit_name(&w.fill("chart_raised", "累计登记", &[]), &w.fill("chart_unit_count", "个", &[])),
                color: "#d97706".into(),
                point_colors: None,
                values: counts.iter().map(|c| c.map(|c| c.raised as f64)).collect(),
            },
            Series {
                name: w.unit_name(&w.fill("chart_closed", "累计销号", &[]), &w.fill("chart_unit_count", "个", &[])),
                color: "#15803d".into(),
                point_colors: None,
                values: counts.iter().map(|c| c.map(|c| c.closed as f64)).collect(),
            },
        ],
        stacked: false,
        horizontal: false,
        lines: vec![Series {
            name: w.unit_name(&w.fill("chart_close_rate", "销号率", &[]), "%"),
            color: LINE_COLOR.into(),
            point_colors: None,
            values: counts.iter().map(|c| c.and_then(|c| c.close_rate)).collect(),
        }],
        bar_unit: w.fill("chart_unit_count", "个", &[]),
        line_unit: "%".into(),
        connect: true,
        summary,
        caption,
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
                        count(c.map(|c| c.raised)),
                        count(c.map(|c| c.closed)),
                        rate_text(c.and_then(|c| c.close_rate)),
                    ]
                })
                .collect(),
        },
    })
}

/// `units-close-rate`: the units ranked by the share of their problems
/// closed (those with problems), with the count they handle.
pub(super) fn units_close_rate(w: &Locale, data: &Data, as_of: AsOf) -> Result<ChartSpec, NoData> {
    let all = crate::derive::supervision::unit_scores(data, as_of.date);
    let mut scores: Vec<(String, crate::derive::supervision::UnitScore)> = (data.units.records.iter())
        .zip(all)
        .map(|(u, score)| (u.name.clone(), score))
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

#[cfg(test)]
mod tests {
    use super::*;

    const UNITS: &str = "- {id: water, name: 县水务局}\n";
    const ENTERPRISES: &str = "- {id: tiande, name: 天德, industry: m, key: true, lead_unit: water, units: [water]}\n";

    /// One enterprise with the register `problems` and `tallies`.
    fn data(problems: &str, tallies: &str) -> Data {
        let mut found = Vec::new();
        let data = crate::load::data::parse_named(
            &crate::load::data::present(&[
                ("units", UNITS),
                ("enterprises", ENTERPRISES),
                ("problems", problems),
                ("tallies", tallies),
            ]),
            &mut found,
        );
        assert!(found.is_empty(), "{found:?}");
        data
    }

    /// Key problems only: two raised in May, one closed in June, one
    /// raised in July.
    const KEY_REGISTER: &str = "- {id: a, enterprise: tiande, raised: 2013-05-02, summary: a, key: true, units: [water], status: closed, closed: 2013-06-10}\n\
        - {id: b, enterprise: tiande, raised: 2013-05-20, summary: b, key: true, units: [water], status: extended}\n\
        - {id: c, enterprise: tiande, raised: 2013-07-01, summary: c, key: true, units: [water], status: open}\n";

    fn at(date: &str) -> AsOf {
        AsOf {
            period: None,
            date: date.parse().expect("date"),
        }
    }

    fn zh() -> Locale {
        Locale::builtin(crate::load::Language::ZhCn)
    }

    #[test]
    fn a_series_never_switches_to_the_tallies_for_one_month() {
        // 475 problems stated for June only: the register is drawn in
        // every month, June too.
        let data = data(KEY_REGISTER, "- period: \"2013-06\"\n  problems: {raised: 475, closed: 328}\n");
        let spec = resolution(&zh(), &data, at("2013-07-31")).expect("a chart");
        assert_eq!(spec.bars[0].values, [Some(2.0), Some(2.0), Some(3.0)]);
        assert_eq!(spec.bars[1].values, [Some(0.0), Some(1.0), Some(1.0)]);
        assert_eq!(spec.lines[0].values[1], Some(50.0));
        assert_eq!(spec.table.rows[1], ["2013年6月", "2", "1", "50.0%"]);
        assert_eq!(spec.caption, "据问题台账，台账只登记重点问题。");
        assert_eq!(spec.summary, "截至2013年7月31日，累计登记问题3个，销号1个，延期1个，销号率33.3%。");
    }

    #[test]
    fn tallies_stated_for_every_month_drawn_are_the_series() {
        let tallies = "- period: \"2013-05\"\n  problems: {raised: 300, closed: 100, close_rate: 33}\n\
            - period: \"2013-06\"\n  problems: {raised: 475, closed: 328}\n";
        let data = data(KEY_REGISTER, tallies);
        let spec = resolution(&zh(), &data, at("2013-06-30")).expect("a chart");
        assert_eq!(spec.bars[0].values, [Some(300.0), Some(475.0)]);
        // The stated rate wins, as in a metric.
        assert_eq!(spec.lines[0].values[0], Some(33.0));
        assert_eq!(spec.caption, "据统计报表。");
        // Nothing is stated of extensions: none is invented.
        assert_eq!(spec.summary, "截至2013年6月，累计登记问题475个，销号328个，销号率69.1%。");
    }

    #[test]
    fn months_the_tallies_leave_out_are_gaps() {
        let tallies = "- period: \"2013-03\"\n  problems: {raised: 100, closed: 40}\n\
            - period: \"2013-06\"\n  problems: {raised: 475, closed: 328, extended: 5}\n";
        let data = data("", tallies);
        let spec = resolution(&zh(), &data, at("2013-07-31")).expect("a chart");
        assert_eq!(spec.categories.len(), 4, "March to June");
        assert_eq!(spec.bars[0].values, [Some(100.0), None, None, Some(475.0)]);
        assert_eq!(spec.lines[0].values[1], None);
        assert_eq!(spec.table.rows[1], ["2013年4月", "—", "—", "—"]);
        assert_eq!(spec.summary, "截至2013年6月，累计登记问题475个，销号328个，延期5个，销号率69.1%。");
    }
}
