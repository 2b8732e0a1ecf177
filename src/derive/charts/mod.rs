//! Chart specifications: what each chart shows as of a moment — its
//! categories, bar and line series, units, a one-line summary and the data
//! table — computed from the data, in the site's language. One module per
//! kind of chart ([`output`], [`projects`], [`problems`], [`user`] for
//! `charts.yaml`), the pieces they share in [`parts`]. Drawing is
//! `render::svg`'s job.

mod output;
mod parts;
mod problems;
mod projects;
mod user;

use std::fmt;

use serde::Serialize;

use crate::derive::figures::AsOf;
use crate::derive::locale::Locale;
use crate::load::data::{Data, Measure};

/// Default colours, used where `industries.yaml` gives none.
pub(crate) const PALETTE: [&str; 8] = [
    "#c0392b", "#2b6cb0", "#d97706", "#15803d", "#7c3aed", "#0e7490", "#be185d", "#4b5563",
];

/// A label on the category axis, with the year it starts (for periods).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Category {
    pub(crate) label: String,
    /// Printed under the first category of each year (`2013年`).
    pub(crate) group: Option<String>,
}

/// One series: a name for the legend, a colour, one value per category.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Series {
    pub(crate) name: String,
    pub(crate) color: String,
    /// Per-category colours (one bar colour per industry), if any.
    pub(crate) point_colors: Option<Vec<String>>,
    pub(crate) values: Vec<Option<f64>>,
}

/// The numbers of a chart as a table.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(crate) struct DataTable {
    pub(crate) headers: Vec<String>,
    pub(crate) rows: Vec<Vec<String>>,
}

/// Everything needed to draw a chart and describe it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ChartSpec {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) categories: Vec<Category>,
    pub(crate) bars: Vec<Series>,
    pub(crate) stacked: bool,
    /// A ranking: categories down the side, one row each (so every name
    /// is written), bars across; a line series is shown as a column of
    /// numbers beside them.
    pub(crate) horizontal: bool,
    /// Lines; on a second axis when there are bars too.
    pub(crate) lines: Vec<Series>,
    /// Join a line's points: over periods yes, across unrelated categories
    /// (industries, statuses) no — those show points only.
    pub(crate) connect: bool,
    pub(crate) bar_unit: String,
    pub(crate) line_unit: String,
    /// One sentence with the latest figures (`<desc>`).
    pub(crate) summary: String,
    pub(crate) caption: String,
    pub(crate) table: DataTable,
}

/// A chart that could not be drawn for lack of data: the reason, in the
/// language of the build.
pub(crate) type NoData = String;

/// A chart the site knows.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum ChartId {
    /// `output-growth`: gross output bars and growth line over periods.
    OutputGrowth,
    /// `value-added-growth`: the same for value added.
    ValueAddedGrowth,
    /// `output-by-industry`: each industry in the latest period.
    OutputByIndustry,
    /// `projects-by-status`: counts and investment by status.
    ProjectsByStatus,
    /// `problems-resolution`: raised vs closed and the close rate.
    ProblemsResolution,
    /// `units-close-rate`: the units ranked by their close rate.
    UnitsCloseRate,
    /// `industry-<id>`: one industry's output and growth over periods.
    Industry(String),
    /// A chart of `charts.yaml`, by its id.
    User(String),
}

impl ChartId {
    /// The built-in charts of the whole programme, on the dashboard.
    pub(crate) const HEADLINE: [ChartId; 5] = [
        ChartId::OutputGrowth,
        ChartId::ValueAddedGrowth,
        ChartId::OutputByIndustry,
        ChartId::ProjectsByStatus,
        ChartId::ProblemsResolution,
    ];

    /// The chart called `id` in `data`, if there is one.
    pub(crate) fn find(data: &Data, id: &str) -> Option<ChartId> {
        let builtin = ChartId::HEADLINE
            .into_iter()
            .chain([ChartId::UnitsCloseRate])
            .find(|chart| chart.to_string() == id);
        builtin
            .or_else(|| {
                id.strip_prefix("industry-")
                    .filter(|industry| data.industry(industry).is_some())
                    .map(|industry| ChartId::Industry(industry.to_string()))
            })
            .or_else(|| {
                data.charts
                    .records
                    .iter()
                    .any(|c| c.id == id)
                    .then(|| ChartId::User(id.to_string()))
            })
    }

    /// Every chart of `data`: built-in, per industry, and `charts.yaml`.
    pub(crate) fn all(data: &Data) -> Vec<ChartId> {
        let mut ids: Vec<ChartId> = ChartId::HEADLINE.to_vec();
        ids.push(ChartId::UnitsCloseRate);
        ids.extend(data.industries.records.iter().map(|i| ChartId::Industry(i.id.clone())));
        ids.extend(data.charts.records.iter().map(|c| ChartId::User(c.id.clone())));
        ids
    }
}

impl fmt::Display for ChartId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChartId::OutputGrowth => f.write_str("output-growth"),
            ChartId::ValueAddedGrowth => f.write_str("value-added-growth"),
            ChartId::OutputByIndustry => f.write_str("output-by-industry"),
            ChartId::ProjectsByStatus => f.write_str("projects-by-status"),
            ChartId::ProblemsResolution => f.write_str("problems-resolution"),
            ChartId::UnitsCloseRate => f.write_str("units-close-rate"),
            ChartId::Industry(id) => write!(f, "industry-{id}"),
            ChartId::User(id) => f.write_str(id),
        }
    }
}

/// Ids of the built-in charts for `data`.
pub(crate) fn builtin_ids(data: &Data) -> Vec<String> {
    ChartId::all(data)
        .into_iter()
        .filter(|id| !matches!(id, ChartId::User(_)))
        .map(|id| id.to_string())
        .collect()
}

/// Every chart id the site knows: built-in and from `charts.yaml`.
pub fn all_ids(data: &Data) -> Vec<String> {
    ChartId::all(data).into_iter().map(|id| id.to_string()).collect()
}

/// The chart `id` as of `as_of` in Chinese: `None` for an unknown id,
/// `Err` when the data has nothing to draw.
pub fn chart(data: &Data, id: &str, as_of: AsOf) -> Option<Result<ChartSpec, NoData>> {
    chart_in(&Locale::builtin(crate::load::Language::ZhCn), data, id, as_of)
}

/// [`chart`] in the language of `locale`.
pub(crate) fn chart_in(locale: &Locale, data: &Data, id: &str, as_of: AsOf) -> Option<Result<ChartSpec, NoData>> {
    ChartId::find(data, id).map(|chart| spec(locale, data, &chart, as_of))
}

/// The specification of `chart` as of `as_of`.
pub(crate) fn spec(w: &Locale, data: &Data, chart: &ChartId, as_of: AsOf) -> Result<ChartSpec, NoData> {
    let id = chart.to_string();
    match chart {
        ChartId::OutputGrowth => output::over_periods(w, data, &id, Measure::GrossOutput, "total", as_of),
        ChartId::ValueAddedGrowth => output::over_periods(w, data, &id, Measure::ValueAdded, "total", as_of),
        ChartId::OutputByIndustry => output::by_industry(w, data, as_of),
        ChartId::ProjectsByStatus => projects::by_status(w, data, as_of),
        ChartId::ProblemsResolution => problems::resolution(w, data, as_of),
        ChartId::UnitsCloseRate => problems::units_close_rate(w, data, as_of),
        ChartId::Industry(industry) => output::over_periods(w, data, &id, Measure::GrossOutput, industry, as_of),
        ChartId::User(user) => match data.charts.records.iter().find(|c| c.id == *user) {
            Some(def) => user::chart(w, data, def, as_of),
            None => Err(w.fill("chart_reason_not_defined", "charts.yaml 中没有图表 `{id}`", &[("id", user)])),
        },
    }
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
            sheet: None,
            print: 0,
            reading: crate::load::data::Reading::found(),
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
        let headline = ChartId::all(&empty);
        assert_eq!(headline[..5], ChartId::HEADLINE);
        assert_eq!(headline[5..], [ChartId::UnitsCloseRate]);
        for id in headline {
            let as_of = AsOf {
                period: None,
                date: "2013-06-30".parse().unwrap(),
            };
            assert!(chart(&empty, &id.to_string(), as_of).unwrap().is_err(), "{id}");
        }
        // An industry with no figures at all.
        let data = data_with(&[("2013-06", 40.0, None)]);
        assert!(chart(&data, "industry-food", at("2013-06")).unwrap().is_err());
        assert!(chart(&data, "no-such-chart", at("2013-06")).is_none());
        assert!(chart(&data, "industry-nope", at("2013-06")).is_none());
    }
}
