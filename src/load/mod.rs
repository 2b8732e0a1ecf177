//! Stage 1, load: read `site.yaml`, the content files and the theme from
//! disk into a typed [`Site`]. Nothing after this stage reads the disk.

pub(crate) mod clean;
pub mod config;
pub(crate) mod content;
pub mod data;
pub mod front_matter;
pub mod shortcodes;
pub mod source;
pub(crate) mod theme;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Diagnostics};
pub use config::{Config, Language};
pub(crate) use content::{Briefing, Issued, Page};
pub use data::Data;
pub(crate) use theme::Theme;

/// The folder of everything a site publishes.
pub(crate) const CONTENT_DIR: &str = "content";

/// Everything the site is made of, in memory.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    /// Shared, so that `serve` reuses unchanged briefings without copying.
    pub(crate) briefings: Vec<Arc<Briefing>>,
    pub(crate) pages: Vec<Page>,
    /// Shared: templates hold it, and `serve` keeps it while no data file
    /// changes, without copying 20,000 records on every rebuild.
    pub(crate) data: Arc<Data>,
    /// The data in full, internal records included, whatever the edition:
    /// only the headline figures are taken from it, and only by
    /// `derive::headline`.
    pub(crate) full: Arc<Data>,
    /// Every bulletin issued, internal ones included, whatever the
    /// edition: like [`Site::full`], read only by `derive::headline` (the
    /// `briefings.bulletins` figures, a headline total).
    pub(crate) issued: Arc<Vec<Issued>>,
    pub(crate) theme: Theme,
    /// Whether this is the internal edition (every page marked 内部资料).
    pub(crate) internal_edition: bool,
    /// What the public edition leaves out, by output file (with
    /// `#problem-<id>` for a problem): what it was, for the errors of links
    /// to it.
    pub(crate) withheld: Arc<std::collections::BTreeMap<String, String>>,
    /// Every headline figure written as a placeholder: set only by
    /// `validate::probe`, for the edition-difference test.
    pub(crate) headline_placeholders: bool,
}

/// What `serve` keeps between rebuilds: parsed content files, and the data
/// with its problems (and, once validated, its validation) while no data
/// file changes.
#[derive(Debug, Default)]
pub struct LoadCache {
    content: content::ContentCache,
    data: Option<CachedData>,
    /// Checks across content files, by a fingerprint of what they read.
    content_checks: Option<(u64, Diagnostics)>,
}

/// Data loaded earlier: the file stamps it was read at, the data, the
/// problems found loading it and, once validated, its validation.
type CachedData = (
    Vec<(String, Option<data::FileStamp>)>,
    Arc<Data>,
    Vec<Diagnostic>,
    Option<Diagnostics>,
);

impl LoadCache {
    /// Validation of the data remembered for the data now loaded.
    pub(crate) fn data_validation(&self) -> Option<&Diagnostics> {
        self.data.as_ref().and_then(|(_, _, _, validated)| validated.as_ref())
    }

    /// Tells the next load that only these files changed (in place) since
    /// the last one; `None` when files may have appeared or gone.
    pub fn set_changed_files(&mut self, changed: Option<std::collections::HashSet<PathBuf>>) {
        self.content.hint = changed;
    }

    /// Content checks remembered for content with fingerprint `print`.
    pub(crate) fn content_checks(&self, print: u64) -> Option<&Diagnostics> {
        self.content_checks
            .as_ref()
            .filter(|(seen, _)| *seen == print)
            .map(|(_, checks)| checks)
    }

    /// Remembers the content checks for content with fingerprint `print`.
    pub(crate) fn remember_content_checks(&mut self, print: u64, checks: Diagnostics) {
        self.content_checks = Some((print, checks));
    }

    /// Remembers the validation of the data now loaded.
    pub(crate) fn remember_data_validation(&mut self, diagnostics: Diagnostics) {
        if let Some(entry) = &mut self.data {
            entry.3 = Some(diagnostics);
        }
    }
}

/// Options that change what is loaded.
#[derive(Debug, Clone, Default)]
pub(crate) struct LoadOptions {
    /// Keep briefings marked `draft: true`.
    pub(crate) drafts: bool,
}

/// Loads the site under `root`. Returns the site (possibly incomplete) and
/// every problem found; the site is `None` only when `site.yaml` is
/// unusable. With a `cache`, only the files changed since the last load
/// are read again.
pub(crate) fn load_with(root: &Path, options: &LoadOptions, cache: Option<&mut LoadCache>) -> (Option<Site>, Diagnostics) {
    let mut problems: Vec<Diagnostic> = Vec::new();
    let config_path = root.join(config::CONFIG_FILE);
    if std::fs::symlink_metadata(&config_path).is_ok_and(|m| m.file_type().is_symlink()) {
        let diagnostic = Diagnostic::error(
            config::CONFIG_FILE,
            0,
            0,
            "`site.yaml` is a symbolic link; briefing does not follow links out of the site",
        )
        .with_hint("replace the link by a copy of the file");
        return (None, diagnostic.into());
    }
    if !config_path.is_file() {
        let diagnostic = Diagnostic::error(config::CONFIG_FILE, 0, 0, format!("no `site.yaml` in `{}`", root.display()))
            .with_hint("run the command in a site folder, pass `--root DIR`, or start one with `briefing new site DIR`");
        return (None, diagnostic.into());
    }
    let mut config_text = match source::read_text(root, &config_path) {
        Ok(file) => file.text,
        Err(error) => return (None, error.into()),
    };
    clean::file(config::CONFIG_FILE, &mut config_text, clean::Form::Yaml, &mut problems);
    let config = match Config::parse(&config_text) {
        Ok(config) => config,
        Err(errors) => return (None, errors.into_iter().collect()),
    };
    if std::fs::symlink_metadata(root.join(CONTENT_DIR)).is_err() {
        // Building on would publish an empty site over the real one.
        problems.push(
            Diagnostic::error(CONTENT_DIR, 0, 0, "the site has no `content/` folder")
                .with_hint("restore it (briefings, pages and data live there), or start a site with `briefing new site DIR`"),
        );
    } else if let Some(link) = source::linked_part(root, &root.join(CONTENT_DIR)) {
        problems.push(source::linked_folder(root, &link));
    }
    let theme = theme::load(root, &config.theme, config::key_line(&config_text, "theme"), &mut problems);
    // Content files and data files are read and parsed side by side.
    let (content_cache, data_cache) = match cache {
        Some(cache) => (Some(&mut cache.content), Some(&mut cache.data)),
        None => (None, None),
    };
    let mut data_problems = Vec::new();
    let ((briefings, pages), data) = rayon::join(
        || load_content(root, options, content_cache, &mut problems),
        || load_data(root, config.supervision, data_cache, &mut data_problems),
    );
    problems.extend(data_problems);
    let site = Site {
        config,
        issued: Arc::new(Issued::of(&briefings)),
        briefings,
        pages,
        full: data.clone(),
        data,
        theme,
        internal_edition: false,
        withheld: Arc::default(),
        headline_placeholders: false,
    };
    (Some(site), problems.into_iter().collect())
}

/// Loads the briefings (without drafts unless asked) and the pages.
fn load_content(
    root: &Path,
    options: &LoadOptions,
    mut cache: Option<&mut content::ContentCache>,
    problems: &mut Vec<Diagnostic>,
) -> (Vec<Arc<content::Briefing>>, Vec<Page>) {
    let mut briefings = content::load_briefings(root, cache.as_deref_mut(), problems);
    if !options.drafts {
        briefings.retain(|b| !b.draft);
    }
    let pages = content::load_pages(root, cache.as_deref_mut(), problems);
    if let Some(cache) = cache {
        cache.hint = None;
    }
    (briefings, pages)
}

/// Loads the data, reusing what `cache` holds while no data file changed.
fn load_data(root: &Path, limits: data::Limits, cache: Option<&mut Option<CachedData>>, problems: &mut Vec<Diagnostic>) -> Arc<Data> {
    let Some(cache) = cache else {
        return Arc::new(data::load(root, limits, problems));
    };
    let stamps = data::stamps(root);
    match cache {
        Some((seen, data, found, _)) if *seen == stamps && data.limits == limits => {
            problems.extend(found.iter().cloned());
            data.clone()
        }
        _ => {
            let mut found = Vec::new();
            let data = Arc::new(data::load(root, limits, &mut found));
            problems.extend(found.iter().cloned());
            *cache = Some((stamps, data.clone(), found, None));
            data
        }
    }
}
