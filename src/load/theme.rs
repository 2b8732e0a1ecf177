//! The theme: Tera templates from `themes/<name>/templates/` and the files
//! of `themes/<name>/static/`, read into memory so rendering never touches
//! the disk.

use std::path::Path;

use crate::diagnostics::{Diagnostic, display_path};
use crate::load::source::{read_text, walk_files};

/// One template: its Tera name (path under `templates/`) and source.
#[derive(Debug, Clone)]
pub struct Template {
    pub name: String,
    /// Path relative to the site root, for diagnostics.
    pub path: String,
    pub source: String,
}

/// One file copied verbatim into the output.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Path under `static/`, with `/` separators; also its output path.
    pub name: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, Default)]
pub struct Theme {
    pub name: String,
    /// Folder of the theme relative to the site root (`themes/default`).
    pub dir: String,
    pub templates: Vec<Template>,
    pub static_files: Vec<StaticFile>,
}

impl Theme {
    /// Path relative to the site root of the template called `name`.
    pub fn template_path(&self, name: &str) -> String {
        format!("{}/templates/{name}", self.dir)
    }
}

/// Loads theme `name` from `root/themes/name`.
pub fn load(root: &Path, name: &str, theme_line: usize, problems: &mut Vec<Diagnostic>) -> Theme {
    let dir = root.join("themes").join(name);
    let mut theme = Theme {
        name: name.to_string(),
        dir: format!("themes/{name}"),
        ..Theme::default()
    };
    if !dir.is_dir() {
        let known = std::fs::read_dir(root.join("themes"))
            .map(|entries| {
                let mut names: Vec<String> = entries
                    .filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect();
                names.sort();
                names
            })
            .unwrap_or_default();
        let hint = if known.is_empty() {
            "there is no `themes/` folder; create `themes/default/` or start from `briefing new site`".to_string()
        } else {
            format!("themes available: {}", known.join(", "))
        };
        problems.push(Diagnostic::error("site.yaml", theme_line, 1, format!("unknown theme `{name}`")).with_hint(hint));
        return theme;
    }
    let templates_dir = dir.join("templates");
    let (paths, walk_problems) = walk_files(root, &templates_dir, &[".html", ".xml", ".txt", ".json", ".js", ".svg"]);
    problems.extend(walk_problems);
    for path in paths {
        match read_text(root, &path) {
            Ok(file) => theme.templates.push(Template {
                name: display_path(&templates_dir, &path),
                path: file.path,
                source: file.text,
            }),
            Err(error) => problems.push(error),
        }
    }
    let static_dir = dir.join("static");
    let (paths, walk_problems) = walk_files(root, &static_dir, &[]);
    problems.extend(walk_problems);
    for path in paths {
        match std::fs::read(&path) {
            Ok(bytes) => theme.static_files.push(StaticFile {
                name: display_path(&static_dir, &path),
                bytes,
            }),
            Err(error) => problems.push(Diagnostic::error(display_path(root, &path), 0, 0, format!("cannot read: {error}"))),
        }
    }
    theme
}
