//! The theme: Tera templates from `themes/<name>/templates/` and the files
//! of `themes/<name>/static/`, read into memory so rendering never touches
//! the disk.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostics::{Diagnostic, display_path};
use crate::load::clean;
use crate::load::source::{read_text, walk_files};
use crate::yaml::{self, YamlSource};

/// One template: its Tera name (path under `templates/`) and source.
#[derive(Debug, Clone)]
pub(crate) struct Template {
    pub(crate) name: String,
    pub(crate) source: String,
}

/// One file copied verbatim into the output.
#[derive(Debug, Clone)]
pub(crate) struct StaticFile {
    /// Path under `static/`, with `/` separators; also its output path.
    pub(crate) name: String,
    pub(crate) bytes: Vec<u8>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Theme {
    pub(crate) name: String,
    /// Interface strings by language code (`zh-CN`, `en`), from `i18n/`.
    pub(crate) i18n: BTreeMap<String, BTreeMap<String, String>>,
    /// Folder of the theme relative to the site root (`themes/default`).
    pub(crate) dir: String,
    pub(crate) templates: Vec<Template>,
    pub(crate) static_files: Vec<StaticFile>,
}

impl Theme {
    /// Path relative to the site root of the template called `name`.
    pub(crate) fn template_path(&self, name: &str) -> String {
        format!("{}/templates/{name}", self.dir)
    }
}

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));
}

/// The built-in default theme, as compiled into the binary.
pub(crate) fn builtin() -> Theme {
    let mut theme = Theme {
        name: "default".to_string(),
        dir: "themes/default".to_string(),
        ..Theme::default()
    };
    for (path, bytes) in embedded::DEFAULT_THEME {
        if let Some(name) = path.strip_prefix("templates/") {
            theme.templates.push(Template {
                name: name.to_string(),
                source: String::from_utf8_lossy(bytes).into_owned(),
            });
        } else if let Some(file) = path.strip_prefix("i18n/").and_then(|f| f.strip_suffix(".yaml")) {
            let text = String::from_utf8_lossy(bytes);
            let source = YamlSource {
                path,
                text: &text,
                first_line: 1,
            };
            if let Ok(strings) = yaml::parse::<BTreeMap<String, String>>(&source) {
                theme.i18n.insert(file.to_string(), strings);
            }
        } else if let Some(name) = path.strip_prefix("static/") {
            theme.static_files.push(StaticFile {
                name: name.to_string(),
                bytes: bytes.to_vec(),
            });
        }
    }
    theme
}

/// Loads theme `name`: the built-in default theme, overridden file by file
/// by the site's own `themes/<name>/` (which must exist unless the name is
/// `default`).
pub(crate) fn load(root: &Path, name: &str, theme_line: usize, problems: &mut Vec<Diagnostic>) -> Theme {
    let dir = root.join("themes").join(name);
    let mut theme = builtin();
    theme.name = name.to_string();
    theme.dir = format!("themes/{name}");
    if let Some(link) = crate::load::source::linked_part(root, &dir) {
        problems.push(crate::load::source::linked_folder(root, &link));
        return theme;
    }
    if !dir.is_dir() {
        if name == "default" {
            return theme;
        }
        let mut known: Vec<String> = std::fs::read_dir(root.join("themes"))
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        known.push("default (built in)".to_string());
        known.sort();
        known.dedup();
        problems.push(
            Diagnostic::error("site.yaml", theme_line, 1, format!("unknown theme `{name}`"))
                .with_hint(format!("themes available: {}", known.join(", "))),
        );
        return theme;
    }
    let templates_dir = dir.join("templates");
    let (paths, walk_problems) = walk_files(root, &templates_dir, &[".html", ".xml", ".txt", ".json", ".js", ".svg"]);
    problems.extend(walk_problems);
    for path in paths {
        match read_text(root, &path) {
            Ok(mut file) => {
                clean::file(&file.path, &mut file.text, clean::Form::Template, problems);
                let name = display_path(&templates_dir, &path);
                theme.templates.retain(|t| t.name != name);
                theme.templates.push(Template { name, source: file.text });
            }
            Err(error) => problems.push(error),
        }
    }
    let i18n_dir = dir.join("i18n");
    let (paths, walk_problems) = walk_files(root, &i18n_dir, &[".yaml"]);
    problems.extend(walk_problems);
    for path in paths {
        let Ok(mut file) = read_text(root, &path).map_err(|e| problems.push(e)) else {
            continue;
        };
        clean::file(&file.path, &mut file.text, clean::Form::Yaml, problems);
        let language = display_path(&i18n_dir, &path).trim_end_matches(".yaml").to_string();
        let source = YamlSource {
            path: &file.path,
            text: &file.text,
            first_line: 1,
        };
        match yaml::parse::<BTreeMap<String, String>>(&source) {
            Ok(strings) => theme.i18n.entry(language).or_default().extend(strings),
            Err(problem) => problems.push(problem),
        }
    }
    let static_dir = dir.join("static");
    let (paths, walk_problems) = walk_files(root, &static_dir, &[]);
    problems.extend(walk_problems);
    for path in paths {
        match std::fs::read(&path) {
            Ok(bytes) => {
                let name = display_path(&static_dir, &path);
                theme.static_files.retain(|f| f.name != name);
                theme.static_files.push(StaticFile { name, bytes });
            }
            Err(error) => problems.push(Diagnostic::error(display_path(root, &path), 0, 0, format!("cannot read: {error}"))),
        }
    }
    theme.templates.sort_by(|a, b| a.name.cmp(&b.name));
    theme.static_files.sort_by(|a, b| a.name.cmp(&b.name));
    theme
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_of_the_builtin_theme_has_every_text() {
        let theme = builtin();
        let keys = |language: &str| theme.i18n[language].keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys("zh-CN"), keys("en"));
    }

    #[test]
    fn the_builtin_theme_is_the_default_folder() {
        let theme = builtin();
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let (files, _) = walk_files(&folder, &folder, &[]);
        assert_eq!(files.len(), theme.templates.len() + theme.static_files.len() + theme.i18n.len());
        assert_eq!(theme.i18n.keys().collect::<Vec<_>>(), ["en", "zh-CN"]);
        for template in &theme.templates {
            let on_disk = std::fs::read_to_string(folder.join("templates").join(&template.name)).unwrap();
            assert_eq!(on_disk, template.source, "{}", template.name);
        }
        assert!(theme.static_files.iter().any(|f| f.name == "style.css"));
    }

    #[test]
    fn every_interface_string_exists_in_every_language() {
        let theme = builtin();
        let zh = &theme.i18n["zh-CN"];
        let en = &theme.i18n["en"];
        assert_eq!(zh.keys().collect::<Vec<_>>(), en.keys().collect::<Vec<_>>());
        for template in &theme.templates {
            for piece in template.source.split("t(key=\"").skip(1) {
                let key = piece.split('"').next().unwrap_or_default();
                assert!(zh.contains_key(key), "{}: `{key}` missing in zh-CN.yaml", template.name);
            }
        }
    }
}
