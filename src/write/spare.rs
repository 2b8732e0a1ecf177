//! The folders around the output: what is in the published output (and
//! whether briefing wrote all of it), and the spare tree beside it — made
//! ready after whatever a killed build left, kept only while it holds the
//! edition being built, and emptied file by file from its manifest, so
//! that nothing the tool did not write is ever deleted.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::write::manifest::{self, Edition, Entries, MANIFEST, Manifest};
use crate::write::paths::{sibling, stays_inside};
use crate::write::{DIRTY_MARKER, error, io_error, swap};

/// Files present under `dir`, as `/`-separated relative paths, each with
/// whether it is a symbolic link (links are listed, not followed).
pub(crate) fn existing_entries(dir: &Path) -> Result<Vec<(String, bool)>, std::io::Error> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).follow_links(false).sort_by_file_name() {
        let entry = entry.map_err(std::io::Error::other)?;
        if entry.file_type().is_dir() {
            continue;
        }
        let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let path = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        files.push((path, entry.path_is_symlink()));
    }
    Ok(files)
}

/// Files present under `dir`, as `/`-separated relative paths.
pub(crate) fn existing_files(dir: &Path) -> Result<Vec<String>, std::io::Error> {
    Ok(existing_entries(dir)?.into_iter().map(|(path, _)| path).collect())
}

/// Checks that replacing `output` removes only files this tool wrote, and
/// returns its manifest.
pub(crate) fn check_replaceable(output: &Path, shown: &str, warnings: &mut Vec<Diagnostic>) -> Result<Manifest, Diagnostic> {
    let Ok(meta) = fs::symlink_metadata(output) else {
        return Ok(Manifest::default());
    };
    if !meta.is_dir() {
        return Err(error(shown, "the output path exists and is not a folder"));
    }
    let present = existing_entries(output).map_err(|e| error(shown, format!("cannot read the output folder: {e}")))?;
    let (manifest, found) = manifest::read(output, shown);
    warnings.extend(found);
    if present.is_empty() {
        return Ok(manifest.unwrap_or_default());
    }
    // briefing writes no links: one in the output was put there by someone
    // else, and nothing is read or written through it.
    if let Some((link, _)) = present.iter().find(|(_, is_link)| *is_link) {
        return Err(error(
            shown,
            format!("`{link}` in the output folder is a symbolic link, which briefing did not make"),
        )
        .with_hint("remove the link; briefing never follows links in its output"));
    }
    let Some(manifest) = manifest else {
        return Err(error(shown, "the output folder holds files that briefing did not write")
            .with_hint("move them elsewhere or choose another `--output`; briefing never deletes files it did not create"));
    };
    if let Some((foreign, _)) = present
        .iter()
        .find(|(f, _)| f.as_str() != MANIFEST && !manifest.entries.contains_key(f))
    {
        return Err(
            error(shown, format!("`{foreign}` in the output folder was not written by briefing"))
                .with_hint("move it into the theme's `static/` folder or elsewhere; briefing never deletes files it did not create"),
        );
    }
    Ok(manifest)
}

/// Removes from `dir` the files `paths` (validated manifest entries), then
/// the folders they leave empty, deepest first.
pub(crate) fn remove_files<'a>(dir: &Path, paths: impl IntoParallelIterator<Item = &'a String>) {
    let paths: Vec<&String> = paths.into_par_iter().filter(|path| stays_inside(dir, path)).collect();
    paths.par_iter().for_each(|path| {
        let _ = fs::remove_file(dir.join(path));
    });
    let mut folders: BTreeSet<&str> = BTreeSet::new();
    for path in &paths {
        let mut rest = path.as_str();
        while let Some((parent, _)) = rest.rsplit_once('/') {
            folders.insert(parent);
            rest = parent;
        }
    }
    let mut folders: Vec<&str> = folders.into_iter().collect();
    folders.sort_by_key(|f| std::cmp::Reverse(f.matches('/').count()));
    for folder in folders {
        let _ = fs::remove_dir(dir.join(folder));
    }
}

/// Marks the tree `dir` as being changed ([`DIRTY_MARKER`]). The mark is
/// made anew, never written through a link found in its place.
pub(crate) fn mark_dirty(dir: &Path) -> std::io::Result<()> {
    let mark = dir.join(DIRTY_MARKER);
    match fs::OpenOptions::new().write(true).create_new(true).open(&mark) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && fs::symlink_metadata(&mark).is_ok_and(|m| m.is_file()) => Ok(()),
        Err(e) => Err(e),
    }
}

/// Whether `path` is a folder itself, not a link to one.
fn is_real_folder(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|meta| meta.is_dir())
}

/// Removes from `dir` the files its manifest lists, then the folders they
/// leave empty, then `dir` itself if it is empty. Anything else stays, and
/// is reported.
pub(crate) fn remove_listed(dir: &Path, shown: &str) -> Vec<Diagnostic> {
    let (manifest, mut warnings) = manifest::read(dir, shown);
    warnings.extend(empty(dir, &manifest.unwrap_or_default().entries, shown));
    warnings
}

/// Removes from `dir` the files `entries` lists (what it holds), then the
/// folders they leave empty, then `dir` itself if it is empty. Anything
/// else stays, and is reported. While this goes on a tree of the tool's
/// (one with a manifest) is marked dirty, so that a build killed half-way
/// leaves it to be cleared by the next one, not taken for a complete tree.
pub(crate) fn empty(dir: &Path, entries: &Entries, shown: &str) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    // Nothing is done through a link (or to a file) put in its place.
    if !is_real_folder(dir) {
        return warnings;
    }
    if dir.join(MANIFEST).is_file() {
        let _ = mark_dirty(dir);
    }
    remove_files(dir, entries.keys().collect::<Vec<_>>());
    let _ = fs::remove_file(dir.join(MANIFEST));
    let _ = fs::remove_file(dir.join(DIRTY_MARKER));
    if fs::remove_dir(dir).is_err() && dir.exists() {
        let left = existing_files(dir).map(|f| f.len()).unwrap_or(0);
        warnings.push(
            Diagnostic::warning(
                shown,
                0,
                0,
                format!("kept `{}`: it holds {left} file(s) that briefing did not write", dir.display()),
            )
            .with_hint("look at them and delete the folder yourself; briefing never deletes files it did not create"),
        );
    }
    warnings
}

/// Readies the spare beside `output` for a build of `edition` after
/// whatever a killed build left: a half-finished fallback swap is
/// completed, a half-changed spare is cleared, and a spare holding another
/// edition (or one that does not say which) is emptied — its files are of
/// no use to this build, and must not stay beside its output. Returns
/// what the spare holds, `None` when it starts afresh.
pub(crate) fn ready_spare(
    output: &Path,
    spare: &Path,
    shown: &str,
    edition: Edition,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Option<Entries>, Diagnostic> {
    swap::recover(output).map_err(|e| io_error(shown, "cannot restore the output of an interrupted build", e))?;
    let parked = sibling(output, "briefing-parked");
    if parked.is_dir() {
        // Killed after the new tree went in: the parked tree is the spare.
        if fs::symlink_metadata(spare).is_err() {
            fs::rename(&parked, spare).map_err(|e| io_error(shown, "cannot restore the spare of an interrupted build", e))?;
        } else {
            warnings.extend(remove_listed(&parked, shown));
        }
    }
    if fs::symlink_metadata(spare).is_ok() {
        if spare.join(DIRTY_MARKER).is_file() {
            // Half-changed by a killed build: every file in it is the tool's.
            fs::remove_dir_all(spare).map_err(|e| io_error(shown, "cannot clear the spare left by an interrupted build", e))?;
        } else {
            let (manifest, found) = manifest::read(spare, shown);
            warnings.extend(found);
            match manifest {
                Some(manifest) if is_real_folder(spare) && manifest.edition == Some(edition) => return Ok(Some(manifest.entries)),
                manifest => {
                    warnings.extend(empty(spare, &manifest.unwrap_or_default().entries, shown));
                    if fs::symlink_metadata(spare).is_ok() {
                        return Err(
                            error(shown, format!("`{}` holds files that briefing did not write", spare.display()))
                                .with_hint("move them away; briefing keeps the previous version of the site in this folder"),
                        );
                    }
                }
            }
        }
    }
    fs::create_dir_all(spare).map_err(|e| io_error(shown, "cannot create the staging folder", e))?;
    Ok(None)
}
