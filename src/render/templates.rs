//! Tera: the theme's templates compiled once per build, the functions and
//! filters templates may use, and Tera errors turned into diagnostics that
//! name the template file and line.

use tera::{Kwargs, State, Tera, TeraResult};

use std::borrow::Cow;
use std::sync::Arc;

use crate::derive::Locale;
use crate::derive::figures::AsOf;
use crate::derive::format;
use crate::derive::moments::Moments;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{Site, Theme};
use crate::render::deadline::{self, Clock};
use crate::render::urls::Links;

/// Names of the templates `source` extends or includes.
pub(crate) fn referenced(source: &str) -> Vec<&str> {
    let mut names = Vec::new();
    for keyword in ["extends", "include"] {
        for piece in source.split(keyword).skip(1) {
            let piece = piece.trim_start();
            if let Some(quote) = piece.chars().next().filter(|c| *c == '"' || *c == '\'')
                && let Some(end) = piece[1..].find(quote)
            {
                names.push(&piece[1..1 + end]);
            }
        }
    }
    names
}

/// The fingerprint of every template together with all it extends or
/// includes, whether that closure calls `metric()` (and so reads the
/// data), and the fingerprint of the shortcode templates: computed once per
/// build, for the pages' fingerprints.
#[derive(Debug, Default)]
pub(crate) struct TemplatePrints {
    prints: std::collections::HashMap<String, (u64, bool)>,
    shortcodes: u64,
}

impl TemplatePrints {
    pub(crate) fn of(theme: &Theme) -> TemplatePrints {
        use std::hash::{Hash, Hasher};
        let sources: std::collections::HashMap<&str, &str> = theme.templates.iter().map(|t| (t.name.as_str(), t.source.as_str())).collect();
        let mut prints = std::collections::HashMap::new();
        for name in sources.keys() {
            // The template and everything it reaches, in a fixed order.
            let mut seen = std::collections::BTreeSet::new();
            let mut todo = vec![*name];
            while let Some(next) = todo.pop() {
                if seen.insert(next) {
                    todo.extend(sources.get(next).map(|s| referenced(s)).unwrap_or_default());
                }
            }
            let closure: Vec<(&str, Option<&&str>)> = seen.iter().map(|n| (*n, sources.get(n))).collect();
            let mut hasher = std::hash::DefaultHasher::new();
            closure.hash(&mut hasher);
            let calls_metric = closure.iter().any(|(_, source)| source.is_some_and(|s| s.contains("metric(")));
            prints.insert(name.to_string(), (hasher.finish(), calls_metric));
        }
        let mut hasher = std::hash::DefaultHasher::new();
        let mut shortcodes: Vec<(&String, &(u64, bool))> = prints.iter().filter(|(name, _)| name.starts_with("shortcodes/")).collect();
        shortcodes.sort();
        shortcodes.hash(&mut hasher);
        TemplatePrints {
            shortcodes: hasher.finish(),
            prints,
        }
    }

    /// Fingerprint of template `name` and all it extends or includes.
    pub(crate) fn print(&self, name: &str) -> u64 {
        self.prints.get(name).map_or(0, |(print, _)| *print)
    }

    /// Whether template `name` (or one it reaches) calls `metric()`.
    pub(crate) fn calls_metric(&self, name: &str) -> bool {
        self.prints.get(name).is_some_and(|(_, calls)| *calls)
    }

    /// Fingerprint of the shortcode templates.
    pub(crate) fn shortcodes_print(&self) -> u64 {
        self.shortcodes
    }
}

/// Ids written literally (`id="main"`) in the templates `names` and every
/// template they extend or include.
pub(crate) fn literal_ids(theme: &Theme, names: &[&str]) -> std::collections::BTreeSet<String> {
    let mut seen = std::collections::BTreeSet::new();
    let mut todo: Vec<&str> = names.to_vec();
    let mut sources = Vec::new();
    while let Some(name) = todo.pop() {
        if !seen.insert(name) {
            continue;
        }
        if let Some(template) = theme.templates.iter().find(|t| t.name == name) {
            todo.extend(referenced(&template.source));
            sources.push(template.source.as_str());
        }
    }
    crate::render::markdown::template_ids(sources)
}

/// Templates the page types and shortcodes need.
pub(crate) const REQUIRED_TEMPLATES: &[&str] = &[
    "index.html",
    "briefing.html",
    "archive.html",
    "page.html",
    "404.html",
    "industries.html",
    "industry.html",
    "projects.html",
    "project.html",
    "enterprises.html",
    "enterprise.html",
    "units.html",
    "unit.html",
    "problems.html",
    "tags.html",
    "tag.html",
    "search.html",
    "shortcodes/chart.html",
    "shortcodes/metric.html",
    "shortcodes/projects.html",
];

/// What the template functions need to know about the site.
#[derive(Clone)]
struct Helpers {
    links: Links,
    locale: Locale,
    moments: Arc<Moments>,
    clock: Arc<Clock>,
}

/// Compiles the theme's templates, each guarded by `clock`
/// ([`deadline::guarded`]), and registers the site's functions.
pub(crate) fn compile(
    site: &Site,
    moments: &Arc<Moments>,
    locale: &Locale,
    links: &Links,
    clock: &Arc<Clock>,
) -> Result<Tera, Diagnostics> {
    let theme = &site.theme;
    let language = locale.code();
    if !theme.i18n.contains_key(language) {
        return Err(Diagnostic::error(
            format!("{}/i18n/{language}.yaml", theme.dir),
            0,
            0,
            format!("the theme has no interface texts for `{language}`"),
        )
        .into());
    }
    let helpers = Helpers {
        locale: locale.clone(),
        links: links.clone(),
        moments: moments.clone(),
        clock: clock.clone(),
    };
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".htm", ".xml", ".svg"]);
    register(&mut tera, helpers.clone());
    let mut problems = Diagnostics::new();
    let guarded: Vec<(&str, String)> = theme
        .templates
        .iter()
        .map(|t| (t.name.as_str(), deadline::guarded(&t.source)))
        .collect();
    // Parse each template alone first, so that every syntax error is named.
    for (name, source) in &guarded {
        let mut alone = Tera::default();
        register(&mut alone, helpers.clone());
        if let Err(error) = alone.add_raw_template(name, source)
            && matches!(error.kind(), tera::ErrorKind::SyntaxError(_))
        {
            problems.push(to_diagnostic(theme, &error, Some(name)));
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    let sources = guarded.iter().map(|(name, source)| (*name, source.as_str()));
    if let Err(error) = tera.add_raw_templates(sources) {
        return Err(to_diagnostic(theme, &error, None).into());
    }
    for name in REQUIRED_TEMPLATES {
        if !tera.contains_template(name) {
            problems.push(
                Diagnostic::error(
                    theme.template_path(name),
                    0,
                    0,
                    format!("the theme `{}` has no template `{name}`", theme.name),
                )
                .with_hint(format!("create `{}`", theme.template_path(name))),
            );
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(tera)
}

fn register(tera: &mut Tera, helpers: Helpers) {
    // The clock every loop of a guarded template calls.
    let clock = helpers.clock.clone();
    tera.register_function(deadline::TICK, move |_: Kwargs, _: &State| clock.tick());
    // t(key="nav_home", name=value…): an interface string of the site's
    // language from the theme's i18n/<language>.yaml, `{name}` filled in.
    let strings = helpers.locale.strings().clone();
    let language_code = helpers.locale.code();
    tera.register_function("t", move |kwargs: Kwargs, _: &State| -> TeraResult<String> {
        // Arguments are borrowed: `String` arguments go through `format!`,
        // and these functions run many times on every page.
        let key: Cow<str> = kwargs.must_get("key")?;
        let Some(text) = strings.get(key.as_ref()) else {
            return Err(tera::Error::message(format!("no text `{key}` in i18n/{language_code}.yaml")));
        };
        let mut text = text.clone();
        for (name, value) in kwargs.iter() {
            let name = name.to_string();
            if name != "key" {
                let value = value.as_str().map_or_else(|| value.to_string(), str::to_string);
                text = text.replace(&format!("{{{name}}}"), &value);
            }
        }
        Ok(text)
    });
    let links = helpers.links.clone();
    // url(path="/projects/"): a link from the page being rendered.
    tera.register_function("url", move |kwargs: Kwargs, state: &State| -> TeraResult<String> {
        let path: Cow<str> = kwargs.must_get("path")?;
        let from: Option<tera::Value> = state.get("current_path")?;
        Ok(links.href(from.as_ref().and_then(tera::Value::as_str).unwrap_or("/"), &path))
    });
    // metric(name="problems.close_rate" [, period="2013-06"] [, digits=0]): a figure as of
    // the page's moment (or of the end of a period of the data), as text:
    // the figure the page's shortcodes show, looked up in the moments.
    let moments = helpers.moments.clone();
    tera.register_function("metric", move |kwargs: Kwargs, state: &State| -> TeraResult<String> {
        let name: Cow<str> = kwargs.must_get("name")?;
        let as_of = match kwargs.get::<Cow<str>>("period")? {
            Some(text) => {
                let period = text.parse().map_err(tera::Error::message)?;
                moments.of_period(period).map_err(miss)?
            }
            None => page_moment(state)?,
        };
        let digits: Option<usize> = kwargs.get("digits")?;
        let figure = moments
            .metric(as_of, &name, digits.map(|d| d.min(4)))
            .map_err(tera::Error::message)?;
        Ok(figure.text)
    });
    tera.register_filter("amount", |value: f64, kwargs: Kwargs, _: &State| -> TeraResult<String> {
        let unit: String = kwargs.get("unit")?.unwrap_or_else(|| "亿元".to_string());
        Ok(format::amount(value, &unit))
    });
    tera.register_filter("percent", |value: f64, _: Kwargs, _: &State| format::percent(value));
    let locale = helpers.locale;
    let investment = locale.clone();
    tera.register_filter("points", move |value: f64, _: Kwargs, _: &State| locale.growth_change(value, 1));
    tera.register_filter("investment", move |value: f64, _: Kwargs, _: &State| investment.investment(value));
    tera.register_filter("tel", |value: String, _: Kwargs, _: &State| tel_uri(&value));
}

/// The moment of the page being rendered: its `as_of_period` (empty for
/// none) and `as_of_date`, as every page's context has them.
fn page_moment(state: &State) -> TeraResult<AsOf> {
    let period: Option<String> = state.get("as_of_period")?;
    let date: Option<String> = state.get("as_of_date")?;
    let Some(date) = date else {
        return Err(tera::Error::message(
            "`metric()` needs the page's moment (`as_of_date`), which this template is not given",
        ));
    };
    Ok(AsOf {
        period: match period.filter(|p| !p.is_empty()) {
            Some(text) => Some(text.parse().map_err(tera::Error::message)?),
            None => None,
        },
        date: date.parse().map_err(tera::Error::message)?,
    })
}

/// A lookup of the moments that failed, as a template error.
fn miss((message, hint): crate::derive::moments::Miss) -> tera::Error {
    match hint {
        Some(hint) => tera::Error::message(format!("{message} ({hint})")),
        None => tera::Error::message(message),
    }
}

/// The `tel:` address of the first phone number in a contact as written
/// (`0730-6201101`, `张经理 +86 139 0730 1234`), or empty when it has none
/// (a run of at least five digits, with spaces, `-` and brackets).
fn tel_uri(written: &str) -> String {
    let is_part = |c: char| c.is_ascii_digit() || matches!(c, '+' | '-' | '(' | ')' | ' ');
    let mut rest = written;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit() || c == '+') {
        let run = &rest[start..];
        let end = run.find(|c: char| !is_part(c)).unwrap_or(run.len());
        let digits: String = run[..end].chars().filter(char::is_ascii_digit).collect();
        if digits.len() >= 5 {
            let plus = if run.starts_with('+') { "+" } else { "" };
            return format!("tel:{plus}{digits}");
        }
        rest = &run[end.max(1)..];
    }
    String::new()
}

/// Reads Tera's own report (`error: …\n --> name:line:col`) when an error
/// carries its location only as text.
fn from_report(report: &str) -> Option<(String, usize, usize, String)> {
    let message = report.lines().next()?.trim_start_matches("error: ").to_string();
    let location = report.lines().find_map(|l| l.trim_start().strip_prefix("--> "))?;
    let mut parts = location.rsplitn(3, ':');
    let column: usize = parts.next()?.trim().parse().ok()?;
    let line: usize = parts.next()?.trim().parse().ok()?;
    let name = parts.next()?.trim().to_string();
    Some((name, line, column, message))
}

/// 1-based line and column of the byte of `source` that byte `at` of its
/// guarded text stands for.
fn line_and_column(source: &str, at: usize) -> (usize, usize) {
    let mut at = deadline::original_byte(source, at);
    while !source.is_char_boundary(at) {
        at -= 1;
    }
    let start = source[..at].rfind('\n').map_or(0, |i| i + 1);
    (source[..at].matches('\n').count() + 1, source[start..at].chars().count() + 1)
}

/// Turns a Tera error into a diagnostic naming the template file and line.
pub(crate) fn to_diagnostic(theme: &Theme, error: &tera::Error, fallback: Option<&str>) -> Diagnostic {
    use tera::ErrorKind;
    let (name, line, column, message) = match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            let name = if report.filename().is_empty() {
                fallback.unwrap_or_default().to_string()
            } else {
                report.filename().to_string()
            };
            let (line, column) = match theme.templates.iter().find(|t| t.name == name) {
                // The span is in the guarded text: found in the file.
                Some(template) if span.start_line > 0 => line_and_column(&template.source, span.range.start),
                _ => (span.start_line, span.start_col + 1),
            };
            (name, line, column, report.message().to_string())
        }
        ErrorKind::MissingParent { current, parent } => (current.clone(), 1, 0, format!("extends `{parent}`, which does not exist")),
        ErrorKind::TemplateNotFound(missing) => (
            fallback.unwrap_or_default().to_string(),
            0,
            0,
            format!("template `{missing}` not found"),
        ),
        other => from_report(&other.to_string()).unwrap_or_else(|| (fallback.unwrap_or_default().to_string(), 0, 0, other.to_string())),
    };
    let path = if name.is_empty() {
        theme.dir.clone()
    } else {
        theme.template_path(&name)
    };
    let kind = if matches!(error.kind(), ErrorKind::SyntaxError(_)) {
        "template syntax error"
    } else {
        "template error"
    };
    Diagnostic::error(path, line, column, format!("{kind}: {message}"))
}

#[cfg(test)]
mod tests {
    use super::tel_uri;

    #[test]
    fn phone_numbers_become_tel_addresses() {
        assert_eq!(tel_uri("0730-6201101"), "tel:07306201101");
        assert_eq!(tel_uri("张经理 +86 139 0730 1234，工作日"), "tel:+8613907301234");
        assert_eq!(tel_uri("第3车间 0730 (620) 1101"), "tel:07306201101");
        assert_eq!(tel_uri("见县商务局"), "");
    }
}
