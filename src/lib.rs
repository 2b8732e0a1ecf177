//! `briefing`: a static briefing-site generator.
//!
//! The pipeline runs in one direction, one folder per stage:
//! [`load`] → [`validate`] → [`derive`](mod@derive) → [`render`] → [`write`]. Each stage reports
//! problems as [`diagnostics::Diagnostic`]s; a run gathers all of them.
//! Below the stages lie what any of them may use and which uses none of
//! them: [`diagnostics`], [`calendar`], `names` and [`routes`] (every site
//! path and output file the tool produces).

// Only what tests, benches, fuzz targets and the binary use is `pub`; the
// rest is `pub(crate)`, so the compiler sees dead code.
#![warn(unreachable_pub)]
// The module docs link to private modules: they are read with
// `cargo doc --document-private-items`.
#![allow(rustdoc::private_intra_doc_links)]

mod background;
pub mod calendar;
pub(crate) mod chars;
pub mod derive;
pub mod diagnostics;
pub mod export;
pub mod load;
pub(crate) mod names;
pub mod render;
pub mod routes;
pub mod scaffold;
pub mod serve;
mod sheets;
pub(crate) mod timing;
pub mod validate;
pub(crate) mod write;
mod yaml;

use std::path::{Path, PathBuf};
use std::time::Instant;

use diagnostics::{Diagnostic, Diagnostics};
use load::{LoadOptions, Site};
use render::RenderOptions;

/// What `briefing build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Output folder; default `<root>/output`.
    pub output: Option<PathBuf>,
    pub drafts: bool,
    pub base_url: Option<String>,
    pub relative: bool,
    /// The internal edition: everything, every page marked 内部资料.
    pub internal: bool,
    /// The process exits when the build ends (the command line): the
    /// build's large values are left to the operating system instead of
    /// being freed one by one. A caller that goes on leaves this off.
    pub exits_after: bool,
}

/// A step of a build, for progress reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Loading,
    Rendering,
    Writing { files: usize },
}

/// What a successful build produced.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    pub pages: usize,
    pub charts: usize,
    pub search_index_bytes: usize,
    pub files: usize,
    pub bytes: u64,
    pub seconds: f64,
    pub output: PathBuf,
    /// Warnings of the run.
    pub diagnostics: Diagnostics,
}

/// Loads and validates the site; errors abort with every problem found.
pub fn load_and_validate(root: &Path, drafts: bool) -> Result<(Site, Diagnostics), Diagnostics> {
    load_and_validate_with(root, drafts, None)
}

/// [`load_and_validate`] reusing what `cache` remembers of unchanged files.
pub fn load_and_validate_with(root: &Path, drafts: bool, cache: Option<&mut load::LoadCache>) -> Result<(Site, Diagnostics), Diagnostics> {
    load_edition(root, drafts, false, cache)
}

/// Loads and validates the site as the public edition shows it, or the
/// internal one (`internal`), reusing what `cache` remembers.
pub fn load_edition(
    root: &Path,
    drafts: bool,
    internal: bool,
    mut cache: Option<&mut load::LoadCache>,
) -> Result<(Site, Diagnostics), Diagnostics> {
    let mut lap = timing::Lap::start();
    let (site, mut diagnostics) = load::load_with(root, &LoadOptions { drafts }, cache.as_deref_mut());
    lap.mark("load");
    let Some(site) = site else {
        return Err(diagnostics);
    };
    // Checks across content files read front matter and the data's unit
    // ids and periods: while those stay the same, so do they.
    let print = cache.is_some().then(|| validate::content_fingerprint(&site));
    let known_content = cache
        .as_deref()
        .zip(print)
        .and_then(|(cache, print)| cache.content_checks(print).cloned());
    // Every record that parsed is checked, also beside records that did
    // not: references to those are not reported again (see `Lost`).
    let known_data = cache.as_deref().and_then(|cache| cache.data_validation().cloned());
    // Content and data are checked side by side.
    let (content_checks, data_checks) = rayon::join(
        || known_content.unwrap_or_else(|| validate::validate_content(&site)),
        || known_data.unwrap_or_else(|| validate::data::validate_data(&site.data)),
    );
    if let Some(cache) = cache {
        if let Some(print) = print {
            cache.remember_content_checks(print, content_checks.clone());
        }
        cache.remember_data_validation(data_checks.clone());
    }
    diagnostics.extend(content_checks);
    diagnostics.extend(data_checks);
    lap.mark("validate");
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    match validate::edition::edition(site, internal) {
        Ok(site) => Ok((site, diagnostics)),
        Err(problems) => {
            diagnostics.extend(problems);
            Err(diagnostics)
        }
    }
}

/// `path` resolved the way the operating system will reach it, or an
/// error naming it.
fn resolved(path: &Path) -> Result<PathBuf, Diagnostic> {
    write::resolve(path).map_err(|message| Diagnostic::error(path.display().to_string(), 0, 0, message))
}

/// `briefing build`: load, validate, render and write the site, telling
/// `progress` what it is doing.
pub fn build(options: &BuildOptions, progress: &dyn Fn(Stage)) -> Result<BuildSummary, Diagnostics> {
    let started = Instant::now();
    let root = resolved(&options.root)?;
    let output = resolved(&options.output.clone().unwrap_or_else(|| root.join("output")))?;
    write::check_output_location(&root, &output)?;
    if let Some(base_url) = &options.base_url {
        load::config::base_path_of(base_url)
            .map_err(|message| Diagnostic::error("--base-url", 0, 0, message).with_hint(load::config::BASE_URL_HINT))?;
    }
    // The output as diagnostics name it: relative to the site when inside.
    let shown = match output.strip_prefix(&root) {
        Ok(inside) => diagnostics::display_path(Path::new(""), inside),
        Err(_) => output.display().to_string(),
    };
    let render_options = RenderOptions {
        base_url: options.base_url.clone(),
        relative: options.relative,
        check_only: false,
        exits_after: options.exits_after,
    };
    let mut lap = timing::Lap::start();
    progress(Stage::Loading);
    let (site, diagnostics) = load_edition(&root, options.drafts, options.internal, None)?;
    lap.mark("load+validate");
    progress(Stage::Rendering);
    // Pages are written as they are rendered; the new output is swapped in
    // only when all is well, and removed otherwise.
    let with_earlier = |problems: Diagnostics| {
        let mut all = diagnostics.clone();
        all.extend(problems);
        all
    };
    let derived = derive::derive(&site).map_err(with_earlier)?;
    lap.mark("derive");
    let staging =
        write::Staging::begin(&output, &shown, write::Edition::of(options.internal)).map_err(|problem| with_earlier(problem.into()))?;
    let rendered = render::render_into(&site, &derived, &render_options, &staging);
    background::Disposal::of(options.exits_after).free((site, derived));
    let mut rendered = rendered.map_err(with_earlier)?;
    lap.mark("render+write");
    progress(Stage::Writing { files: rendered.files });
    let report = staging.commit().map_err(|problem| with_earlier(problem.into()))?;
    lap.mark("swap");
    let mut diagnostics = diagnostics;
    diagnostics.extend(std::mem::take(&mut rendered.warnings));
    diagnostics.extend(report.warnings.into_iter().collect());
    let (pages, charts, search_index_bytes) = (rendered.pages, rendered.charts, rendered.search_index_bytes);
    Ok(BuildSummary {
        pages,
        charts,
        search_index_bytes,
        files: report.files,
        bytes: report.bytes,
        seconds: started.elapsed().as_secs_f64(),
        output,
        diagnostics,
    })
}

/// `briefing check`: everything `build` validates, writing nothing (pages
/// are rendered, checked and dropped).
pub fn check(root: &Path, internal: bool) -> Result<Diagnostics, Diagnostics> {
    let root = resolved(root)?;
    let (site, mut diagnostics) = load_edition(&root, true, internal, None)?;
    let derived = match derive::derive(&site) {
        Ok(derived) => derived,
        Err(problems) => {
            diagnostics.extend(problems);
            return Err(diagnostics);
        }
    };
    let options = RenderOptions {
        check_only: true,
        ..RenderOptions::default()
    };
    let rendered = render::render_into(&site, &derived, &options, &render::Discard);
    background::free((site, derived));
    match rendered {
        Ok(report) => {
            diagnostics.extend(report.warnings);
            Ok(diagnostics)
        }
        Err(problems) => {
            diagnostics.extend(problems);
            Err(diagnostics)
        }
    }
}
