//! Charts on pages: a chart drawn as of a page's moment and wrapped by the
//! theme's `shortcodes/chart.html` into a figure with caption and data
//! table, and the standalone `/charts/<id>.svg` files.

use serde::Serialize;
use tera::Context;

use crate::derive::charts::{self, ChartId, ChartSpec, DataTable};
use crate::derive::figures::AsOf;
use crate::derive::needs;
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::render::Renderer;
use crate::render::svg;
use crate::routes::Route;

/// What `shortcodes/chart.html` receives.
#[derive(Debug, Clone, Serialize)]
struct ChartFigure {
    id: String,
    /// The figure's id on the page: unique also when the chart is shown
    /// twice (`figure-output-growth-0`, `figure-output-growth-1`).
    anchor: String,
    title: String,
    caption: String,
    summary: String,
    /// The inline SVG drawn wide, or empty when there is nothing to draw.
    svg: String,
    /// The same drawn narrow, for phones and the dashboard's grid.
    svg_narrow: String,
    /// Why the chart is left out, when it is.
    note: String,
    table: Option<DataTable>,
    /// Site path of the standalone SVG.
    path: String,
    /// Site path of the chart's numbers as CSV (empty with nothing drawn).
    data_path: String,
}

/// A figure could not be made: message and hint.
pub(crate) type FigureError = (String, Option<String>);

impl Renderer<'_> {
    /// The figure HTML of chart `id` as of `as_of`; `dom_id` (of the
    /// drawing) and `anchor` (of the figure) must be unique on the page.
    pub(crate) fn chart_figure(&self, id: &str, as_of: AsOf, dom_id: &str, anchor: &str, page: &str) -> Result<String, FigureError> {
        let data = &*self.site.data;
        let moment = self.derived.moments.at(as_of)?;
        let Some(spec) = moment.chart(id) else {
            if ChartId::find(data, id).is_some() {
                // Derive holds every chart a text of the moment calls.
                return Err((format!("the chart `{id}` was not derived for this page's moment"), None));
            }
            let ids = charts::all_ids(data);
            let hint = match did_you_mean(id, ids.iter().map(String::as_str)) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("charts: {}", ids.join(", ")),
            };
            return Err((format!("unknown chart `{id}`"), Some(hint)));
        };
        let figure = match spec {
            Ok(spec) => {
                let draw = |canvas, dom_id: &str| svg::draw(spec, dom_id, canvas).map_err(|message| (message, None));
                let svg = draw(svg::Canvas::Wide, dom_id)?;
                let svg_narrow = draw(svg::Canvas::Narrow, &format!("{dom_id}-narrow"))?;
                ChartFigure {
                    id: id.to_string(),
                    anchor: anchor.to_string(),
                    title: spec.title.clone(),
                    caption: self.caption_with_note(id, &spec.caption),
                    summary: spec.summary.clone(),
                    svg,
                    svg_narrow,
                    note: String::new(),
                    table: Some(spec.table.clone()),
                    path: Route::chart_svg(id).into_path(),
                    data_path: Route::chart_csv(id).into_path(),
                }
            }
            Err(reason) => ChartFigure {
                id: id.to_string(),
                anchor: anchor.to_string(),
                title: String::new(),
                caption: String::new(),
                summary: String::new(),
                svg: String::new(),
                svg_narrow: String::new(),
                note: self.derived.locale.fill(
                    "chart_no_data",
                    "图表 {id} 暂无数据（{reason}），未生成。",
                    &[("id", id), ("reason", reason)],
                ),
                table: None,
                path: String::new(),
                data_path: String::new(),
            },
        };
        let mut context = Context::new();
        context.insert("chart", &figure);
        context.insert("current_path", page);
        crate::render::body::insert_moment(&mut context, as_of);
        let template = "shortcodes/chart.html";
        self.clock
            .render_string(&self.tera, template, &context)
            .map(|html| html.trim().to_string())
            .map_err(|error| {
                let diagnostic = crate::render::templates::to_diagnostic(&self.site.theme, &error, Some(template));
                (format!("{} ({})", diagnostic.message, diagnostic.location()), None)
            })
    }

    /// The caption of chart `id` with, in the public edition, the note that
    /// a chart of problems or projects is drawn from the public records
    /// when some are internal (the headline figures beside it count them).
    fn caption_with_note(&self, id: &str, caption: &str) -> String {
        let data = &*self.site.data;
        let notes = &self.derived.views.notes;
        let note = match ChartId::find(data, id) {
            Some(ChartId::ProblemsResolution | ChartId::UnitsCloseRate) => &notes.problems_chart,
            Some(ChartId::ProjectsByStatus) => &notes.projects_chart,
            Some(ChartId::User(user)) if data.charts.records.iter().any(|c| c.id == user && c.measure == "projects") => {
                &notes.projects_chart
            }
            _ => return caption.to_string(),
        };
        match (caption.is_empty(), note.is_empty()) {
            (_, true) => caption.to_string(),
            (true, false) => note.clone(),
            (false, false) => format!("{caption} {note}"),
        }
    }

    /// The figures of `charts` as of `as_of`, for a data page at `page`.
    /// A chart of a file the site does not keep is left out: the theme
    /// shows what the site has.
    pub(crate) fn figures(&self, charts: &[&ChartId], as_of: AsOf, page: &str) -> Result<Vec<String>, Vec<Diagnostic>> {
        let data = &*self.site.data;
        charts
            .iter()
            .filter(|chart| needs::all_kept(data, &needs::of_chart(data, chart)))
            .map(|chart| {
                let id = chart.to_string();
                self.chart_figure(&id, as_of, &format!("chart-{id}"), &format!("figure-{id}"), page)
                    .map_err(|(message, _)| {
                        vec![Diagnostic::error(
                            self.site.theme.template_path("shortcodes/chart.html"),
                            0,
                            0,
                            message,
                        )]
                    })
            })
            .collect()
    }

    /// The spec of `chart` as of `as_of`, or `None` with nothing to draw.
    pub(crate) fn chart_spec(&self, chart: &ChartId, as_of: AsOf) -> Option<&ChartSpec> {
        let moment = self.derived.moments.at(as_of).ok()?;
        moment.chart(&chart.to_string())?.as_ref().ok()
    }

    /// The standalone SVG of `chart` as of `as_of`, if drawable.
    pub(crate) fn chart_file(&self, chart: &ChartId, as_of: AsOf) -> Option<Result<String, String>> {
        let spec = self.chart_spec(chart, as_of)?;
        let svg = svg::draw(spec, &format!("chart-{chart}"), svg::Canvas::Wide);
        Some(svg.map(|svg| format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{svg}\n")))
    }
}
