//! Stage 1, load: read `site.yaml`, the content files and the theme from
//! disk into a typed [`Site`]. Nothing after this stage reads the disk.

pub mod config;
pub mod content;
pub mod data;
pub mod front_matter;
pub mod source;
pub mod theme;

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};
pub use config::{Config, Language};
pub use content::{Briefing, Page};
pub use data::Data;
pub use theme::Theme;

/// Everything the site is made of, in memory.
#[derive(Debug, Clone)]
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub briefings: Vec<Briefing>,
    pub pages: Vec<Page>,
    pub data: Data,
    pub theme: Theme,
}

/// Options that change what is loaded.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Keep briefings marked `draft: true`.
    pub drafts: bool,
}

/// Loads the site under `root`. Returns the site (possibly incomplete) and
/// every problem found; the site is `None` only when `site.yaml` is unusable.
pub fn load(root: &Path, options: &LoadOptions) -> (Option<Site>, Diagnostics) {
    let mut problems: Vec<Diagnostic> = Vec::new();
    let config_path = root.join(config::CONFIG_FILE);
    if !config_path.is_file() {
        let diagnostic = Diagnostic::error(config::CONFIG_FILE, 0, 0, format!("no `site.yaml` in `{}`", root.display()))
            .with_hint("run the command in a site folder, pass `--root DIR`, or start one with `briefing new site DIR`");
        return (None, diagnostic.into());
    }
    let config_text = match source::read_text(root, &config_path) {
        Ok(file) => file.text,
        Err(error) => return (None, error.into()),
    };
    let config = match Config::parse(&config_text) {
        Ok(config) => config,
        Err(errors) => return (None, errors.into_iter().collect()),
    };
    let theme = theme::load(root, &config.theme, config::key_line(&config_text, "theme"), &mut problems);
    let mut briefings = content::load_briefings(root, &mut problems);
    if !options.drafts {
        briefings.retain(|b| !b.draft);
    }
    let pages = content::load_pages(root, &mut problems);
    let data = data::load(root, &mut problems);
    let site = Site {
        root: root.to_path_buf(),
        config,
        briefings,
        pages,
        data,
        theme,
    };
    (Some(site), problems.into_iter().collect())
}
