//! A Markdown body with its shortcodes: each `metric`, `projects` (and
//! `chart`) call evaluated as of the page's moment through the theme's
//! `shortcodes/*.html` templates, then put in place of its placeholder.

use tera::Context;

use crate::derive::figures::{self, AsOf, ProjectCounts};
use crate::derive::format;
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::load::data::Status;
use crate::render::Renderer;
use crate::render::markdown::{self, Rendered};
use crate::render::shortcodes::{self, Arg, Call};
use crate::render::views::ViewBuilder;

/// Names of the shortcodes and the arguments each accepts.
const SHORTCODES: &[(&str, &[&str])] = &[
    ("chart", &["id"]),
    ("metric", &["name"]),
    ("projects", &["industry", "status", "enterprise"]),
];

/// What identifies a rendered shortcode.
pub(crate) type MemoKey = (String, AsOf, usize, usize);

/// Where a body comes from, for diagnostics and links.
pub struct BodySource<'a> {
    /// Source file relative to the site root.
    pub file: &'a str,
    pub body: &'a str,
    /// File line on which the body begins.
    pub body_line: usize,
    /// Site path of the page.
    pub page: &'a str,
    pub as_of: AsOf,
}

impl Renderer<'_> {
    /// Renders a body, or every problem found in its shortcodes.
    pub(crate) fn render_body(&self, source: &BodySource<'_>) -> Result<Rendered, Vec<Diagnostic>> {
        let (calls, syntax_errors) = shortcodes::find(source.body);
        let mut problems: Vec<Diagnostic> = syntax_errors
            .into_iter()
            .map(|e| {
                Diagnostic::error(source.file, source.body_line + e.line, e.column, e.message)
                    .with_hint("write it as {{ metric(name=\"problems.close_rate\") }}")
            })
            .collect();
        let mut pieces = Vec::with_capacity(calls.len());
        for (index, call) in calls.iter().enumerate() {
            match self.shortcode(call, index, source) {
                Ok(html) => pieces.push(html),
                Err(problem) => {
                    let diagnostic = Diagnostic::error(source.file, source.body_line + call.line, call.column, problem.0);
                    problems.push(match problem.1 {
                        Some(hint) => diagnostic.with_hint(hint),
                        None => diagnostic,
                    });
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let text = shortcodes::with_placeholders(source.body, &calls);
        let mut rendered = markdown::render(&text, source.page, &self.links);
        if let Some((line, column)) = rendered.html_too_deep {
            let line = source.body_line + original_line(&calls, line);
            return Err(vec![
                Diagnostic::error(
                    source.file,
                    line,
                    column,
                    format!("raw HTML nests deeper than {} elements here", crate::render::html_depth::MAX_DEPTH),
                )
                .with_hint("close the elements you open (`<div>` … `</div>`), or write the text as Markdown"),
            ]);
        }
        let safe = if rendered.needs_sanitizing {
            self.sanitizer.clean(&rendered.html)
        } else {
            std::mem::take(&mut rendered.html)
        };
        rendered.html = shortcodes::restore(&safe, &pieces);
        for link in &mut rendered.site_links {
            link.body_line = original_line(&calls, link.body_line);
        }
        Ok(rendered)
    }

    fn shortcode(&self, call: &Call, index: usize, source: &BodySource<'_>) -> Result<String, (String, Option<String>)> {
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
        // Keyed by the call as written, the moment, the position (chart ids
        // carry it) and the page depth (relative links depend on it).
        let memo_key: MemoKey = (
            source.body[call.start..call.end].to_string(),
            source.as_of,
            if call.name == "chart" { index } else { 0 },
            source.page.matches('/').count(),
        );
        if let Some(html) = self.shortcode_memo.lock().ok().and_then(|memo| memo.get(&memo_key).cloned()) {
            return Ok(html);
        }
        let html = self.evaluate_shortcode(call, index, source)?;
        if let Ok(mut memo) = self.shortcode_memo.lock() {
            memo.insert(memo_key, html.clone());
        }
        Ok(html)
    }

    fn evaluate_shortcode(&self, call: &Call, index: usize, source: &BodySource<'_>) -> Result<String, (String, Option<String>)> {
        match call.name.as_str() {
            "metric" => self.metric_shortcode(call, source),
            "chart" => {
                let id = self.string_arg(call, "id")?.ok_or_else(|| {
                    (
                        "`chart` needs `id`".to_string(),
                        Some("e.g. {{ chart(id=\"output-growth\") }}".to_string()),
                    )
                })?;
                self.chart_figure(id, source.as_of, &format!("chart-{id}-{index}"), source.page)
            }
            _ => self.projects_shortcode(call, source),
        }
    }

    fn string_arg<'c>(&self, call: &'c Call, key: &str) -> Result<Option<&'c str>, (String, Option<String>)> {
        match call.arg(key) {
            None => Ok(None),
            Some(Arg::Str(value)) => Ok(Some(value)),
            Some(other) => Err((format!("`{key}` must be a quoted string, not {}", other.type_name()), None)),
        }
    }

    fn shortcode_template(&self, name: &str, context: &Context) -> Result<String, (String, Option<String>)> {
        let template = format!("shortcodes/{name}.html");
        self.tera
            .render(&template, context)
            .map(|html| html.trim().to_string())
            .map_err(|error| {
                let diagnostic = crate::render::templates::to_diagnostic(&self.site.theme, &error, Some(&template));
                (format!("{} ({})", diagnostic.message, diagnostic.location()), None)
            })
    }

    fn metric_shortcode(&self, call: &Call, source: &BodySource<'_>) -> Result<String, (String, Option<String>)> {
        let name = self.string_arg(call, "name")?.ok_or_else(|| {
            (
                "`metric` needs `name`".to_string(),
                Some("e.g. {{ metric(name=\"problems.close_rate\") }}".to_string()),
            )
        })?;
        let snapshot = self.snapshot(source.as_of.date);
        let figure = figures::metric_with(&self.site.data, &snapshot, name, source.as_of, self.site.config.language)
            .map_err(|message| (message, None))?;
        let mut context = Context::new();
        context.insert("name", name);
        context.insert("text", &figure.text);
        context.insert("value", &figure.value);
        self.shortcode_template("metric", &context)
    }

    fn projects_shortcode(&self, call: &Call, source: &BodySource<'_>) -> Result<String, (String, Option<String>)> {
        let data = &self.site.data;
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
            let hint = did_you_mean(id, data.enterprises.records.iter().map(|e| e.id.as_str())).map(|c| format!("did you mean `{c}`?"));
            return Err((format!("unknown enterprise `{id}`"), hint));
        }
        let date = source.as_of.date;
        let selected: Vec<_> = data
            .projects
            .records
            .iter()
            .filter(|p| industry.is_none_or(|i| p.industry == i))
            .filter(|p| enterprise.is_none_or(|e| p.enterprise.as_deref() == Some(e)))
            .filter(|p| p.status_at(date).is_some_and(|s| status.is_none_or(|wanted| s == wanted)))
            .collect();
        let builder = ViewBuilder {
            data,
            as_of: source.as_of,
            language: self.site.config.language,
        };
        let counts = ProjectCounts::at(selected.iter().copied(), date);
        let mut context = Context::new();
        context.insert("projects", &selected.iter().map(|p| builder.project(p)).collect::<Vec<_>>());
        context.insert("count", &counts.count);
        context.insert("investment_text", &format::investment_yi(counts.investment));
        context.insert("current_path", source.page);
        self.shortcode_template("projects", &context)
    }
}

/// Maps a line of the placeholder text back to the line of the original
/// body (block placeholders add two lines each).
fn original_line(calls: &[Call], line: usize) -> usize {
    let mut shift = 0;
    for call in calls.iter().filter(|c| c.alone) {
        if call.line + shift + 2 <= line {
            shift += 2;
        }
    }
    line - shift.min(line)
}
