//! Checks of `charts.yaml`: ids (unique, not a built-in chart), measure,
//! series, statuses, range and type fitting together, at `path:line:col`.

use std::collections::BTreeSet;

use crate::derive::charts::builtin_ids;
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::load::data::{ChartType, Data, Show, Spot};
use crate::validate::data::check_id;

const MEASURES: [&str; 3] = ["gross_output", "value_added", "projects"];

pub(crate) fn validate(data: &Data) -> Diagnostics {
    let mut problems = Diagnostics::new();
    let file = &data.charts;
    let locator = file.locator();
    let builtin = builtin_ids(data);
    let industries: Vec<&str> = data.industries.records.iter().map(|i| i.id.as_str()).collect();
    let mut seen = BTreeSet::new();
    let mut error = |spot: Spot, message: String, hint: Option<String>| {
        let diagnostic = Diagnostic::error_at(&file.path, spot, message);
        problems.push(match hint {
            Some(hint) => diagnostic.with_hint(hint),
            None => diagnostic,
        });
    };
    for (index, chart) in file.records.iter().enumerate() {
        let at = |key: &str| locator.field(index, key);
        if let Err(message) = check_id(&chart.id) {
            error(at("id"), message, None);
        } else if builtin.contains(&chart.id) {
            error(
                at("id"),
                format!("`{}` is a built-in chart", chart.id),
                Some("choose another id".to_string()),
            );
        } else if !seen.insert(chart.id.as_str()) {
            error(at("id"), format!("duplicate id `{}`", chart.id), None);
        }
        if chart.title.trim().is_empty() {
            error(at("title"), "`title` is empty".to_string(), None);
        }
        if !MEASURES.contains(&chart.measure.as_str()) {
            let hint = did_you_mean(&chart.measure, MEASURES)
                .map_or_else(|| format!("measures: {}", MEASURES.join(", ")), |c| format!("did you mean `{c}`?"));
            error(at("measure"), format!("unknown measure `{}`", chart.measure), Some(hint));
            continue;
        }
        let projects = chart.measure == "projects";
        let mut keys: Vec<&str> = industries.clone();
        if !projects {
            keys.push("total");
        }
        for key in &chart.series {
            if !keys.contains(&key.as_str()) && !data.industries.reading.lost.covers(key) {
                let hint = did_you_mean(key, keys.iter().copied())
                    .map_or_else(|| format!("series: {}", keys.join(", ")), |c| format!("did you mean `{c}`?"));
                error(
                    locator.list_element(index, "series", key),
                    format!("unknown series `{key}`"),
                    Some(hint),
                );
            }
        }
        if projects {
            if chart.kind == ChartType::Line || chart.kind == ChartType::BarLine {
                error(at("type"), "a `projects` chart is `bar` or `stacked`".to_string(), None);
            }
            if chart.show == Show::Growth {
                error(at("show"), "`show: growth` needs an output measure".to_string(), None);
            }
            if chart.from.is_some() || chart.to.is_some() {
                error(
                    at(if chart.from.is_some() { "from" } else { "to" }),
                    "`from` and `to` apply to output measures only".to_string(),
                    None,
                );
            }
        } else if !chart.statuses.is_empty() {
            error(at("statuses"), "`statuses` apply to `measure: projects` only".to_string(), None);
        }
        if chart.kind == ChartType::BarLine && chart.series.len() > 1 {
            error(
                at("series"),
                "a `bar+line` chart shows one series (bars) and its growth (line)".to_string(),
                None,
            );
        }
        if let (Some(from), Some(to)) = (chart.from, chart.to)
            && from > to
        {
            error(at("from"), format!("`from` {from} is after `to` {to}"), None);
        }
    }
    problems
}
