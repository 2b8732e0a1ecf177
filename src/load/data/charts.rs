//! `charts.yaml`: charts defined by the site, in addition to the built-in
//! ones. Typed here; checked in `validate::charts`; drawn like the rest.

use serde::{Deserialize, Serialize};

use crate::calendar::Period;
use crate::load::data::Status;

/// How a chart draws its series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub(crate) enum ChartType {
    #[serde(rename = "bar")]
    Bar,
    #[serde(rename = "line")]
    Line,
    #[serde(rename = "bar+line")]
    BarLine,
    #[serde(rename = "stacked")]
    Stacked,
}

/// What a chart's values are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Show {
    /// Year-to-date amounts (or project counts).
    #[default]
    Value,
    /// Year-on-year growth in percent.
    Growth,
}

/// One chart of `charts.yaml`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ChartDef {
    pub(crate) id: String,
    pub(crate) title: String,
    #[serde(rename = "type")]
    pub(crate) kind: ChartType,
    /// `gross_output`, `value_added` or `projects`.
    pub(crate) measure: String,
    /// `total` and/or industry ids; default `total` for output measures and
    /// every industry for projects.
    #[serde(default)]
    pub(crate) series: Vec<String>,
    /// For `projects`: the statuses shown (default all).
    #[serde(default)]
    pub(crate) statuses: Vec<Status>,
    #[serde(default)]
    pub(crate) show: Show,
    /// First and last period shown (default: all up to the page's period).
    #[serde(default)]
    pub(crate) from: Option<Period>,
    #[serde(default)]
    pub(crate) to: Option<Period>,
    #[serde(default)]
    pub(crate) caption: Option<String>,
}
