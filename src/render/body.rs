//! A Markdown body of a page rendered through the Markdown pipeline, with
//! its shortcodes — `metric`, `projects`, `chart` — evaluated as of the
//! page's moment through the theme's `shortcodes/*.html` templates, and
//! its problems turned into diagnostics at the lines of its file.

use tera::Context;

use crate::derive::charts::ChartId;
use crate::derive::figures::{self, AsOf};
use crate::derive::moments::ScoreRow;
use crate::derive::needs::{self, Need};
use crate::derive::scorecard::ScoreView;
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::load::data::Status;
use crate::load::shortcodes::{Arg, Call};
use crate::render::Renderer;
use crate::render::markdown::{self, Expander, Expansion, Rendered};
use crate::routes::Route;

/// Names of the shortcodes and the arguments each accepts.
const SHORTCODES: &[(&str, &[&str])] = &[
    ("chart", &["id"]),
    ("metric", &["name", "digits"]),
    ("projects", &["industry", "status", "enterprise"]),
    ("units", &["sort"]),
];

/// What identifies a rendered shortcode: the call, the moment, the place
/// (for charts) and the page depth.
pub(crate) type MemoKey = (u64, AsOf, usize, usize, usize);

/// A Markdown body to render: where it comes from (for diagnostics and
/// links), the page it is shown on and the moment of its figures.
pub(crate) struct BodySource<'a> {
    /// Source file relative to the site root.
    pub(crate) file: &'a str,
    pub(crate) body: &'a str,
    /// File line on which the body begins.
    pub(crate) body_line: usize,
    /// Site path of the page.
    pub(crate) page: String,
    pub(crate) as_of: AsOf,
    /// The briefing the body is the text of, if it is one (its text's
    /// fingerprint is remembered across rebuilds).
    pub(crate) briefing: Option<&'a crate::load::Briefing>,
}

/// Where a call stands in its body: its number among all calls, and how
/// many calls just like it came before.
#[derive(Debug, Clone, Copy)]
struct Place {
    index: usize,
    repeat: usize,
}

/// A rendered body with the warnings it gave.
pub(crate) type RenderedBody = (Rendered, Vec<Diagnostic>);

/// The shortcodes of one body, evaluated by the renderer.
struct BodyShortcodes<'r, 's> {
    renderer: &'r Renderer<'r>,
    source: &'s BodySource<'s>,
}

impl Expander for BodyShortcodes<'_, '_> {
    fn is_block(&self, name: &str) -> bool {
        matches!(name, "chart" | "projects" | "units")
    }

    fn expand(&self, call: &Call, index: usize, repeat: usize) -> Result<Expansion, (String, Option<String>)> {
        self.renderer.shortcode(call, Place { index, repeat }, self.source)
    }
}

impl Renderer<'_> {
    /// Renders a body with its warnings, or every error found in it.
    pub(crate) fn render_body(&self, source: &BodySource<'_>) -> Result<RenderedBody, Vec<Diagnostic>> {
        let shortcodes = BodyShortcodes { renderer: self, source };
        let context = markdown::Context {
            page: &source.page,
            links: &self.links,
            sanitizer: &self.sanitizer,
            expander: &shortcodes,
            reserved_ids: &self.template_ids,
        };
        let mut rendered = markdown::render(source.body, &context);
        let problems: Vec<Diagnostic> = std::mem::take(&mut rendered.problems)
            .into_iter()
            .map(|problem| {
                let line = source.body_line + problem.line;
                let diagnostic = if problem.error {
                    Diagnostic::error(source.file, line, problem.column, problem.message)
                } else {
                    Diagnostic::warning(source.file, line, problem.column, problem.message)
                };
                if problem.hint.is_empty() {
                    diagnostic
                } else {
                    diagnostic.with_hint(problem.hint)
                }
            })
            .collect();
        if problems.iter().any(Diagnostic::is_error) {
            return Err(problems);
        }
        Ok((rendered, problems))
    }

    fn shortcode(&self, call: &Call, place: Place, source: &BodySource<'_>) -> Result<Expansion, (String, Option<String>)> {
        let Some((_, allowed)) = SHORTCODES.iter().find(|(name, _)| *name == call.name) else {
            let names = SHORTCODES.iter().map(|(n, _)| *n);
            let hint = match did_you_mean(&call.name, names.clone()) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("shortcodes: {}", names.collect::<Vec<_>>().join(", ")),
            };
            return Err((format!("unknown shortcode `{}`", call.name), Some(hint)));
        };
        for (key, _) in &call.args {
            if !allowed.contains(&key.as_str()) {
                let hint = match did_you_mean(key, allowed.iter().copied()) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => format!("`{}` takes: {}", call.name, allowed.join(", ")),
                };
                return Err((format!("`{}` has no argument `{key}`", call.name), Some(hint)));
            }
        }
        // The same call at the same moment renders the same HTML: many
        // bulletins of one period share their figures and charts.
        // Keyed by the call, the moment, the place (chart ids carry it) and
        // the page depth (relative links depend on it).
        let is_chart = call.name == "chart";
        let memo_key: MemoKey = (
            call.fingerprint(),
            source.as_of,
            if is_chart { place.index } else { 0 },
            if is_chart { place.repeat } else { 0 },
            source.page.matches('/').count(),
        );
        if let Some(html) = self.shortcode_memo.lock().ok().and_then(|memo| memo.get(&memo_key).cloned()) {
            return Ok(html);
        }
        let html = self.evaluate_shortcode(call, place, source)?;
        if let Ok(mut memo) = self.shortcode_memo.lock() {
            memo.insert(memo_key, html.clone());
        }
        Ok(html)
    }

    fn evaluate_shortcode(&self, call: &Call, place: Place, source: &BodySource<'_>) -> Result<Expansion, (String, Option<String>)> {
        match call.name.as_str() {
            "metric" => self.metric_shortcode(call, source),
            "chart" => {
                let id = self.string_arg(call, "id")?.ok_or_else(|| {
                    (
                        "`chart` needs `id`".to_string(),
                        Some("e.g. {{ chart(id=\"output-growth\") }}".to_string()),
                    )
                })?;
                // The first figure of a chart on a page is `figure-<id>`, a
                // repeat `figure-<id>-2`, …
                let anchor = match place.repeat {
                    0 => format!("figure-{id}"),
                    n => format!("figure-{id}-{}", n + 1),
                };
                // A chart of a file that is absent is an error, not an
                // empty chart.
                let data = &*self.site.data;
                if let Some(chart) = ChartId::find(data, id)
                    && let Some(message) = needs::missing(data, id, &needs::of_chart(data, &chart))
                {
                    return Err((message, None));
                }
                let dom_id = format!("chart-{id}-{}", place.index);
                let html = self.chart_figure(id, source.as_of, &dom_id, &anchor, &source.page)?;
                Ok(Expansion { html, text: String::new() })
            }
            "units" => self
                .units_shortcode(call, source)
                .map(|html| Expansion { html, text: String::new() }),
            _ => self
                .projects_shortcode(call, source)
                .map(|html| Expansion { html, text: String::new() }),
        }
    }

    fn string_arg<'c>(&self, call: &'c Call, key: &str) -> Result<Option<&'c str>, (String, Option<String>)> {
        match call.arg(key) {
            None => Ok(None),
            Some(Arg::Str(value)) => Ok(Some(value)),
            Some(other) => Err((format!("`{key}` must be a quoted string, not {}", other.type_name()), None)),
        }
    }

    /// Renders `shortcodes/<name>.html` with `context` and the moment
    /// `as_of` (a `metric()` there is of the page's moment).
    fn shortcode_template(&self, name: &str, mut context: Context, as_of: AsOf) -> Result<String, (String, Option<String>)> {
        insert_moment(&mut context, as_of);
        let context = &context;
        let template = format!("shortcodes/{name}.html");
        self.clock
            .render_string(&self.tera, &template, context)
            .map(|html| html.trim().to_string())
            .map_err(|error| {
                let diagnostic = crate::render::templates::to_diagnostic(&self.site.theme, &error, Some(&template));
                (format!("{} ({})", diagnostic.message, diagnostic.location()), None)
            })
    }

    /// The figure named by a `metric` call as of `as_of`, as the moment
    /// holds it.
    pub(crate) fn metric_figure(&self, call: &Call, as_of: AsOf) -> Result<figures::Figure, (String, Option<String>)> {
        let name = self.string_arg(call, "name")?.ok_or_else(|| {
            (
                "`metric` needs `name`".to_string(),
                Some("e.g. {{ metric(name=\"problems.close_rate\") }}".to_string()),
            )
        })?;
        let digits = figures::digits_of(call)?;
        self.derived.moments.metric(as_of, name, digits).map_err(|message| (message, None))
    }

    fn metric_shortcode(&self, call: &Call, source: &BodySource<'_>) -> Result<Expansion, (String, Option<String>)> {
        let figure = self.metric_figure(call, source.as_of)?;
        let mut context = Context::new();
        context.insert("name", &self.string_arg(call, "name")?.unwrap_or_default());
        context.insert("text", &figure.text);
        context.insert("value", &figure.value);
        let html = self.shortcode_template("metric", context, source.as_of)?;
        Ok(Expansion { html, text: figure.text })
    }

    fn projects_shortcode(&self, call: &Call, source: &BodySource<'_>) -> Result<String, (String, Option<String>)> {
        let data = &self.site.data;
        if let Some(message) = needs::missing(data, "projects()", &[Need::Projects]) {
            return Err((message, None));
        }
        let industry = self.string_arg(call, "industry")?;
        let enterprise = self.string_arg(call, "enterprise")?;
        let status = match self.string_arg(call, "status")? {
            None => None,
            Some(text) => Some(Status::parse(text).ok_or_else(|| {
                let names = Status::ALL.map(Status::as_str);
                (format!("unknown status `{text}`"), Some(format!("statuses: {}", names.join(", "))))
            })?),
        };
        if let Some(id) = industry
            && data.industry(id).is_none()
        {
            let hint = did_you_mean(id, data.industries.records.iter().map(|i| i.id.as_str())).map(|c| format!("did you mean `{c}`?"));
            return Err((format!("unknown industry `{id}`"), hint));
        }
        if let Some(id) = enterprise
            && data.enterprise(id).is_none()
        {
            if self.site.withheld.contains_key(&Route::enterprise(id).output_file()) {
                return Err((
                    format!(
                        "`projects(enterprise=\"{id}\")` would list the projects of the internal enterprise `{id}` in the public edition"
                    ),
                    Some("leave the table to the internal edition: mark this briefing `internal: true`".to_string()),
                ));
            }
            let hint = did_you_mean(id, data.enterprises.records.iter().map(|e| e.id.as_str())).map(|c| format!("did you mean `{c}`?"));
            return Err((format!("unknown enterprise `{id}`"), hint));
        }
        // The rows, their count and their total are the edition's at the
        // moment: a table is a breakdown (see derive::headline).
        let table = self.derived.moments.project_table(source.as_of, industry, enterprise, status)?;
        let mut context = Context::new();
        context.insert("projects", &table.projects);
        context.insert("count", &table.counts.count);
        context.insert("investment_text", &self.derived.locale.investment_total(table.counts.investment));
        context.insert("current_path", &source.page);
        self.shortcode_template("projects", context, source.as_of)
    }
}

/// Puts the moment `as_of` into a template's `context` as every page has
/// it: `as_of_period` (empty for none) and `as_of_date`, which the
/// templates' `metric()` reads.
pub(crate) fn insert_moment(context: &mut Context, as_of: AsOf) {
    context.insert("as_of_period", &as_of.period.map(|p| p.to_string()).unwrap_or_default());
    context.insert("as_of_date", &as_of.date.to_string());
}

/// The orders the `units` shortcode can rank by.
const UNIT_ORDERS: [&str; 4] = ["close_rate", "visits", "plans_missing", "overdue"];

impl Renderer<'_> {
    /// `{{ units(sort="close_rate") }}`: the scorecard of every unit taking
    /// part by the briefing's moment, as of it, ranked (best first; by `plans_missing` and
    /// `overdue`, most first), for a 督查通报.
    fn units_shortcode(&self, call: &Call, source: &BodySource<'_>) -> Result<String, (String, Option<String>)> {
        let data = &self.site.data;
        let order = self.string_arg(call, "sort")?.unwrap_or("close_rate");
        if !UNIT_ORDERS.contains(&order) {
            let hint = did_you_mean(order, UNIT_ORDERS)
                .map_or_else(|| format!("orders: {}", UNIT_ORDERS.join(", ")), |c| format!("did you mean `{c}`?"));
            return Err((format!("unknown order `{order}`"), Some(hint)));
        }
        if let Some(message) = needs::missing(data, "units()", &needs::SCORECARD) {
            return Err((message, None));
        }
        let locale = &self.derived.locale;
        let moment = self.derived.moments.at(source.as_of)?;
        let mut rows: Vec<&ScoreRow> = moment.scores()?.iter().collect();
        let key = |s: &ScoreView| match order {
            // Every figure is there: the table needs all its files.
            "visits" => s.visits.unwrap_or_default() as f64,
            "plans_missing" => s.plans_missing.unwrap_or_default() as f64,
            "overdue" => s.overdue.unwrap_or_default() as f64,
            _ => s.close_rate,
        };
        rows.sort_by(|a, b| key(&b.score).total_cmp(&key(&a.score)).then(a.name.cmp(&b.name)));
        let mut context = Context::new();
        context.insert("units", &rows);
        context.insert("date_text", &locale.date(source.as_of.date));
        context.insert("current_path", &source.page);
        self.shortcode_template("units", context, source.as_of)
    }
}
