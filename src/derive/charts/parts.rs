//! What the charts share: texts of amounts and rates, the growth line
//! drawn over a measure's bars, the table of a measure and its growth,
//! the periods a chart shows and their labels, industries' names and
//! colours.

use crate::calendar::Period;
use crate::derive::format;
use crate::derive::growth;
use crate::derive::locale::Locale;
use crate::load::data::{Data, Status};

use super::{Category, ChartSpec, DataTable, PALETTE, Series};

pub(super) const BAR_COLOR: &str = "#c0392b";
pub(super) const LINE_COLOR: &str = "#1f4e99";
/// Legend swatch of bars coloured per category.
pub(super) const NEUTRAL: &str = "#8a94a6";

/// An amount as a table cell: two decimals, `—` when missing.
pub(super) fn amount_text(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), |v| format!("{v:.2}"))
}

/// A growth rate as a table cell: `30.0%`, `—` when missing.
pub(super) fn rate_text(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), format::percent)
}

/// The year-on-year growth line drawn over a measure's bars.
pub(super) fn growth_line(w: &Locale, rates: Vec<Option<f64>>) -> Series {
    Series {
        name: w.unit_name(&w.fill("chart_growth", "同比增长", &[]), "%"),
        color: LINE_COLOR.into(),
        point_colors: None,
        values: rates,
    }
}

/// A measure's bars with its growth line on a second axis: the chart all
/// output charts are, but for their texts (filled in by the caller).
pub(super) fn bars_with_growth(w: &Locale, bar: Series, rates: Vec<Option<f64>>, unit: &str) -> ChartSpec {
    ChartSpec {
        bars: vec![bar],
        lines: vec![growth_line(w, rates)],
        bar_unit: unit.to_string(),
        line_unit: "%".to_string(),
        ..ChartSpec::default()
    }
}

/// The data table of a measure and its growth: one row per label.
pub(super) fn amount_growth_table(
    w: &Locale,
    label_header: String,
    amount_header: String,
    rows: impl Iterator<Item = (String, Option<f64>, Option<f64>)>,
) -> DataTable {
    DataTable {
        headers: vec![label_header, amount_header, w.fill("chart_growth", "同比增长", &[])],
        rows: rows
            .map(|(label, value, rate)| vec![label, amount_text(value), rate_text(rate)])
            .collect(),
    }
}

/// Periods shown by a period chart: those of the data up to `to` (the page's
/// period by default) and from `from`, at most the last 24.
pub(super) fn periods(data: &Data, from: Option<Period>, to: Option<Period>) -> Vec<Period> {
    let all = growth::periods(&data.output.records);
    let shown: Vec<Period> = all
        .into_iter()
        .filter(|p| from.is_none_or(|f| *p >= f) && to.is_none_or(|t| *p <= t))
        .collect();
    let skip = shown.len().saturating_sub(24);
    shown[skip..].to_vec()
}

/// `1-6月` labels with the year under the first period of each year.
pub(super) fn period_categories(w: &Locale, periods: &[Period]) -> Vec<Category> {
    periods
        .iter()
        .enumerate()
        .map(|(i, p)| Category {
            label: w.period_short(*p),
            group: (i == 0 || periods[i - 1].year != p.year).then(|| w.year(p.year)),
        })
        .collect()
}

/// One category for each of `statuses`, named in the language of `w`.
pub(super) fn status_categories(w: &Locale, statuses: &[Status]) -> Vec<Category> {
    statuses
        .iter()
        .map(|s| Category {
            label: w.status_name(Some(*s)).to_string(),
            group: None,
        })
        .collect()
}

/// `全县` for the total, else the industry's name.
pub(super) fn industry_name(w: &Locale, data: &Data, key: &str) -> String {
    if key == "total" {
        w.fill("chart_county", "全县", &[])
    } else {
        data.industry(key).map_or_else(|| key.to_string(), |i| i.name.clone())
    }
}

/// The colour of an industry (of `industries.yaml`, or of the palette by
/// its place `index`); the total's is the bar colour.
pub(super) fn industry_color(data: &Data, key: &str, index: usize) -> String {
    data.industry(key).and_then(|i| i.color.clone()).unwrap_or_else(|| {
        if key == "total" {
            BAR_COLOR.to_string()
        } else {
            PALETTE[(index + 1) % PALETTE.len()].to_string()
        }
    })
}
