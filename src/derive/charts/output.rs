//! Output charts: a measure's bars with its growth line over periods (the
//! county's total, or one industry's), and every industry in one period.

use crate::derive::figures::AsOf;
use crate::derive::locale::Locale;
use crate::derive::{format, growth};
use crate::load::data::{Data, Measure};

use super::parts::{
    BAR_COLOR, NEUTRAL, amount_growth_table, bars_with_growth, industry_color, industry_name, period_categories, periods, rate_text,
};
use super::{Category, ChartSpec, NoData, Series};

/// Output (bars) and growth (line) of one key over periods.
pub(super) fn over_periods(w: &Locale, data: &Data, id: &str, measure: Measure, key: &str, as_of: AsOf) -> Result<ChartSpec, NoData> {
    let Some(to) = as_of.period else {
        return Err(w.fill("chart_reason_no_period", "output.yaml 中没有这一日期的数据期", &[]));
    };
    let periods = periods(data, None, Some(to));
    let output = &data.output.records;
    let values: Vec<Option<f64>> = periods.iter().map(|p| growth::value(output, measure, key, *p)).collect();
    if values.iter().all(Option::is_none) {
        return Err(w.fill(
            "chart_reason_no_figures",
            "没有{subject}的{measure}数据",
            &[("subject", &industry_name(w, data, key)), ("measure", &w.measure(measure))],
        ));
    }
    let rates: Vec<Option<f64>> = periods.iter().map(|p| growth::yoy(output, measure, key, *p)).collect();
    let name = industry_name(w, data, key);
    let subject = if key == "total" {
        w.measure(measure)
    } else {
        format!("{name}{}", w.measure(measure))
    };
    let title = w.fill("chart_title_growth", "{subject}及增速", &[("subject", &subject)]);
    let latest = periods.len() - 1;
    let summary = w.fill(
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
    let bar = Series {
        name: w.unit_name(&w.measure(measure), &unit),
        color: if key == "total" {
            BAR_COLOR.to_string()
        } else {
            industry_color(data, key, 0)
        },
        point_colors: None,
        values: values.clone(),
    };
    Ok(ChartSpec {
        id: id.to_string(),
        title,
        table: amount_growth_table(
            w,
            w.fill("chart_period", "时期", &[]),
            w.unit_name(&w.measure(measure), &unit),
            periods.iter().zip(&values).zip(&rates).map(|((p, v), r)| (w.period(*p), *v, *r)),
        ),
        categories: period_categories(w, &periods),
        connect: true,
        summary,
        ..bars_with_growth(w, bar, rates, &unit)
    })
}

pub(super) fn by_industry(w: &Locale, data: &Data, as_of: AsOf) -> Result<ChartSpec, NoData> {
    let Some(period) = as_of.period else {
        return Err(w.fill("chart_reason_no_period", "output.yaml 中没有这一日期的数据期", &[]));
    };
    let output = &data.output.records;
    let industries = &data.industries.records;
    let measure = Measure::GrossOutput;
    let values: Vec<Option<f64>> = industries.iter().map(|i| growth::value(output, measure, &i.id, period)).collect();
    if industries.is_empty() || values.iter().all(Option::is_none) {
        return Err(w.fill("chart_reason_no_industry_figures", "没有分产业数据", &[]));
    }
    let rates: Vec<Option<f64>> = industries.iter().map(|i| growth::yoy(output, measure, &i.id, period)).collect();
    let colors = industries.iter().enumerate().map(|(n, i)| industry_color(data, &i.id, n)).collect();
    let leader = industries
        .iter()
        .zip(&values)
        .filter_map(|(i, v)| v.map(|v| (i, v)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, v)| {
            w.fill(
                "chart_leader",
                "{name}最高，{value}",
                &[("name", &i.name), ("value", &format::amount(v, &output.unit))],
            )
        })
        .unwrap_or_default();
    let unit = output.unit.clone();
    let bar = Series {
        name: w.unit_name(&w.measure(measure), &unit),
        color: NEUTRAL.into(),
        point_colors: Some(colors),
        values: values.clone(),
    };
    Ok(ChartSpec {
        id: "output-by-industry".into(),
        title: w.fill(
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
        connect: false,
        summary: w.fill(
            "chart_summary_by_industry",
            "{period}各主导产业{measure}：{leader}。",
            &[("period", &w.period(period)), ("measure", &w.measure(measure)), ("leader", &leader)],
        ),
        table: amount_growth_table(
            w,
            w.fill("chart_industry", "产业", &[]),
            w.unit_name(&w.measure(measure), &unit),
            industries
                .iter()
                .zip(&values)
                .zip(&rates)
                .map(|((i, v), r)| (i.name.clone(), *v, *r)),
        ),
        ..bars_with_growth(w, bar, rates, &unit)
    })
}
