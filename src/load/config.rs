//! `site.yaml`: the site's settings, typed and checked.

use serde::Deserialize;

use crate::diagnostics::Diagnostic;
use crate::yaml::{self, YamlSource};

pub(crate) const CONFIG_FILE: &str = "site.yaml";

/// Language of the site's interface and of formatted dates and numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
pub enum Language {
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

/// The language the command line speaks for the site at `root`: the
/// environment's `BRIEFING_LANG` (`en` or `zh-CN`) if set, else the
/// `language:` of its site.yaml, else Chinese. Read leniently, so that a
/// site.yaml with errors still has its errors told in its language.
pub fn messages_language(root: &std::path::Path) -> Language {
    let named = |value: &str| match value.trim().trim_matches(['"', '\'']).to_ascii_lowercase().as_str() {
        "en" | "en-us" | "en-gb" | "english" => Some(Language::En),
        "zh-cn" | "zh" | "zh-hans" => Some(Language::ZhCn),
        _ => None,
    };
    if let Some(language) = std::env::var("BRIEFING_LANG").ok().as_deref().and_then(named) {
        return language;
    }
    let text = std::fs::read_to_string(root.join("site.yaml")).unwrap_or_default();
    text.lines()
        .filter_map(|line| line.strip_prefix("language:"))
        .find_map(|value| named(value.split('#').next().unwrap_or_default()))
        .unwrap_or_default()
}

impl Language {
    /// The value of `<html lang>`.
    pub(crate) fn code(self) -> &'static str {
        match self {
            Language::ZhCn => "zh-CN",
            Language::En => "en",
        }
    }
}

/// The contents of `site.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub(crate) title: String,
    #[serde(default)]
    pub(crate) description: Option<String>,
    /// Where the site is published: `/`, `/bangfu/` or `https://host/bangfu/`.
    #[serde(default = "default_base_url")]
    pub(crate) base_url: String,
    #[serde(default)]
    pub(crate) language: Language,
    #[serde(default = "default_theme")]
    pub(crate) theme: String,
    /// Name of the bulletin series printed in the masthead (《联手帮扶简报》).
    #[serde(default)]
    pub(crate) bulletin_name: Option<String>,
    /// Default issuing unit printed in the masthead.
    #[serde(default)]
    pub(crate) issuer: Option<String>,
    /// Make every link relative (works from any sub-path and from `file://`).
    #[serde(default)]
    pub(crate) relative_links: bool,
    /// Let raw HTML of Markdown through unsanitised (scripts included).
    #[serde(default)]
    pub(crate) unsafe_html: bool,
    /// Briefings per page of the archive.
    #[serde(default = "default_paginate")]
    pub(crate) paginate: usize,
    /// Number of briefings on the home page.
    #[serde(default = "default_home_briefings")]
    pub(crate) home_briefings: usize,
    /// How many of the newest briefings also get a Word edition
    /// (`<slug>.docx`); 0 for none.
    #[serde(default = "default_word_editions")]
    pub(crate) word_editions: usize,
    /// Days a problem may stay open before it is overdue (蓝/黄/红).
    #[serde(default)]
    pub(crate) supervision: crate::load::data::Limits,
    /// Free-form values for templates, as `site.extra` (the default theme's
    /// footer shows `sponsor`, `contact` and `icp`).
    #[serde(default)]
    pub(crate) extra: serde_json::Map<String, serde_json::Value>,
    /// Data fields only the internal edition shows (`enterprises.contact`).
    #[serde(default)]
    pub(crate) internal_fields: Vec<String>,
    /// The line of `internal_fields` in site.yaml, for diagnostics.
    #[serde(skip)]
    pub(crate) internal_fields_line: usize,
    /// The line of `base_url` in site.yaml, for diagnostics.
    #[serde(skip)]
    pub(crate) base_url_line: usize,
}

fn default_base_url() -> String {
    "/".to_string()
}

fn default_theme() -> String {
    "default".to_string()
}

fn default_paginate() -> usize {
    20
}

fn default_word_editions() -> usize {
    100
}

fn default_home_briefings() -> usize {
    8
}

impl Config {
    /// Parses and checks `site.yaml` text.
    pub(crate) fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        let source = YamlSource {
            path: CONFIG_FILE,
            text,
            first_line: 1,
        };
        let mut config: Config = yaml::parse(&source).map_err(|d| vec![d])?;
        let mut problems = Vec::new();
        let line_of = |key: &str| key_line(text, key);
        config.base_url_line = line_of("base_url");
        config.internal_fields_line = line_of("internal_fields");
        for field in &config.internal_fields {
            if let Err(hint) = crate::load::data::fields::InternalField::parse(field) {
                problems.push(
                    Diagnostic::error(
                        CONFIG_FILE,
                        config.internal_fields_line,
                        1,
                        format!("`{field}` cannot be kept internal"),
                    )
                    .with_hint(hint),
                );
            }
        }
        if config.title.trim().is_empty() {
            problems.push(Diagnostic::error(CONFIG_FILE, line_of("title"), 1, "`title` is empty"));
        }
        if let Err(message) = base_path_of(&config.base_url) {
            problems.push(Diagnostic::error(CONFIG_FILE, line_of("base_url"), 1, message).with_hint(BASE_URL_HINT));
        }
        let limits = config.supervision;
        if !(0 < limits.blue && limits.blue < limits.yellow && limits.yellow < limits.red) {
            problems.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    line_of("supervision"),
                    1,
                    format!(
                        "the supervision limits must grow: blue {} < yellow {} < red {}",
                        limits.blue, limits.yellow, limits.red
                    ),
                )
                .with_hint("days a problem may stay open, e.g. `supervision: {blue: 30, yellow: 60, red: 90}`"),
            );
        }
        if config.paginate == 0 {
            problems.push(Diagnostic::error(
                CONFIG_FILE,
                line_of("paginate"),
                1,
                "`paginate` must be at least 1",
            ));
        }
        if !is_safe_name(&config.theme) {
            problems.push(Diagnostic::error(
                CONFIG_FILE,
                line_of("theme"),
                1,
                format!("theme name `{}` must be a plain folder name", config.theme),
            ));
        }
        if problems.is_empty() { Ok(config) } else { Err(problems) }
    }

    /// The path part of `base_url`, always starting and ending with `/`.
    pub fn base_path(&self) -> String {
        base_path_of(&self.base_url).unwrap_or_else(|_| "/".to_string())
    }

    /// `base_url` with any trailing `/` removed, for absolute URLs in feeds;
    /// empty when `base_url` is only a path.
    pub(crate) fn absolute_origin(&self) -> String {
        match self.base_url.find("://") {
            Some(scheme_end) => {
                let rest = &self.base_url[scheme_end + 3..];
                let host_end = rest.find('/').map_or(self.base_url.len(), |i| scheme_end + 3 + i);
                self.base_url[..host_end].to_string()
            }
            None => String::new(),
        }
    }
}

/// What a `base_url` may look like.
pub const BASE_URL_HINT: &str = "write `/`, a path such as `/bangfu/`, or a full address such as `https://example.gov.cn/bangfu/`";

/// `https://host/a/b` → `/a/b/`; `/` → `/`; an error for anything that is
/// neither a path nor an http(s) address.
pub fn base_path_of(base_url: &str) -> Result<String, String> {
    let path = if let Some(scheme_end) = base_url.find("://") {
        let scheme = &base_url[..scheme_end];
        if scheme != "http" && scheme != "https" {
            return Err(format!("`base_url` must use http or https, not `{scheme}`"));
        }
        let rest = &base_url[scheme_end + 3..];
        let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        let host_ok = !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '_' | ':' | '[' | ']'));
        if !host_ok {
            return Err(format!("`base_url` `{base_url}` has no usable host name"));
        }
        if path.is_empty() { "/" } else { path }
    } else if base_url.starts_with('/') {
        base_url
    } else {
        return Err(format!("`base_url` `{base_url}` is neither a path nor an address"));
    };
    if path.contains(['?', '#', ' ', '\\', '\0']) || path.contains("//") || path.split('/').any(|s| s == ".." || s == ".") {
        return Err(format!("`base_url` `{base_url}` has an unusable path"));
    }
    let trimmed = path.trim_matches('/');
    Ok(if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    })
}

/// A name usable as one path segment: no separators, no `..`, not hidden.
pub(crate) fn is_safe_name(name: &str) -> bool {
    !name.is_empty() && !name.starts_with('.') && !name.contains(['/', '\\', ':', '\0'])
}

/// 0-based index of the first line of YAML `text` with the top-level `key:`.
pub(crate) fn key_index(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| line.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with(':')))
}

/// 1-based line of the first top-level `key:` in YAML `text`, or 1.
pub(crate) fn key_line(text: &str, key: &str) -> usize {
    key_index(text, key).map_or(1, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_from_any_form() {
        assert_eq!(base_path_of("/").unwrap(), "/");
        assert_eq!(base_path_of("https://host/bangfu").unwrap(), "/bangfu/");
        assert_eq!(base_path_of("https://host").unwrap(), "/");
        assert_eq!(base_path_of("/a/b/").unwrap(), "/a/b/");
        assert!(base_path_of("ftp://x/").is_err());
        assert!(base_path_of("bangfu").is_err());
        for bad in [
            "https:///x",
            "https://ho st/",
            "http://",
            "//evil.example/",
            "/a//b/",
            "/a/./b",
            "https://h/a/../b",
        ] {
            assert!(base_path_of(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn parses_with_defaults() {
        let config = Config::parse("title: 简报\nbase_url: https://x.cn/bf/\n").unwrap();
        assert_eq!(config.language, Language::ZhCn);
        assert_eq!(config.theme, "default");
        assert_eq!(config.base_path(), "/bf/");
        assert_eq!(config.absolute_origin(), "https://x.cn");
    }

    #[test]
    fn rejects_unknown_language_with_line() {
        let errors = Config::parse("title: 简报\nlanguage: fr\n").unwrap_err();
        assert_eq!(errors[0].line, 2);
        assert!(errors[0].hint.as_deref().unwrap_or_default().contains("zh-CN"));
    }
}
