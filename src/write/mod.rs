//! Stage 5, write: put the rendered files on disk atomically.
//!
//! Two trees are kept side by side: the published output, and beside it a
//! spare (`.<name>.briefing-spare`) holding the site as it was one build
//! earlier. A build turns the spare into the new site — writing the files
//! that changed, hard-linking from the output those that the output already
//! has, deleting those the new site no longer has, so the work is in
//! proportion to what changed — and then the two trees trade places in one
//! atomic exchange ([`swap`]). At every moment, also when a build is
//! killed, the output is entirely the old site or entirely the new one;
//! the old one becomes the next build's spare. The spare lives beside the
//! output because hard links and the exchange work only within one file
//! system, so a server publishing the output's parent would publish it
//! too: it is kept only while it holds the edition of the output (the
//! manifest names it). A spare of another edition is emptied before a
//! build uses it, the previous output is emptied after the exchange when
//! it was of another edition, and a failed build empties what it prepared
//! unless the output is of its own edition. Nothing the tool did not
//! write is ever deleted ([`manifest`]), a build whose output would not
//! change touches nothing, and one build at a time may write to an output
//! folder ([`lock`]).

pub(crate) mod lock;
pub(crate) mod manifest;
pub(crate) mod paths;
mod spare;
pub(crate) mod swap;

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::render::{OutputFile, Sink};
use lock::OutputLock;
pub(crate) use manifest::{Edition, MANIFEST};
use manifest::{Entries, content_hash};
pub(crate) use paths::{check_output_location, resolve};
use paths::{is_plain_relative, sibling, stays_inside};
use spare::{check_replaceable, empty, mark_dirty, ready_spare, remove_files};

/// Marks the spare while it is being changed: a spare that holds it was
/// left half-changed by a killed build and is rebuilt from scratch.
pub(crate) const DIRTY_MARKER: &str = ".briefing-staging";

/// What a write did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct WriteReport {
    pub(crate) files: usize,
    /// Files identical to the published ones, which were not rewritten.
    pub(crate) unchanged: usize,
    pub(crate) bytes: u64,
    /// Problems that did not stop the write (a manifest edited by hand,
    /// files left behind because briefing did not write them).
    pub(crate) warnings: Vec<Diagnostic>,
}

/// How a file of the new site gets into the spare tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Source {
    /// The spare already holds it.
    Kept,
    /// The published output holds it: linked from there at commit.
    Published,
    /// New contents, written into the spare at once.
    Written,
}

/// A file of the new site: path, hash, where it comes from, and whether
/// the published output already has it.
type Entry = (String, u64, Source, bool);

/// A new output being prepared in the spare tree. Files arrive one by one
/// from several threads. Nothing in the output changes until `commit`;
/// dropping the staging uncommitted leaves the output untouched (and the
/// spare marked dirty, to be rebuilt by the next build).
pub(crate) struct Staging {
    /// The output folder, resolved.
    output: PathBuf,
    /// How the output is named in diagnostics.
    shown: String,
    /// The spare, being made into the new site.
    tree: PathBuf,
    /// The edition being built.
    edition: Edition,
    /// What the spare holds (its manifest); empty for a fresh spare.
    base: Entries,
    /// The spare was made by this build (empty, no links in it).
    fresh_spare: bool,
    /// The manifest of the output being replaced.
    previous: Entries,
    /// The edition of the output being replaced (`None`: no output, or one
    /// whose manifest does not say).
    previous_edition: Option<Edition>,
    written: Mutex<Vec<Entry>>,
    /// Folders of the spare known to exist (relative paths): each is
    /// created once, not once per file written into it.
    folders: Mutex<HashSet<String>>,
    bytes: AtomicU64,
    warnings: Vec<Diagnostic>,
    committed: bool,
    _lock: OutputLock,
}

pub(crate) fn error(shown: &str, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(shown, 0, 0, message)
}

pub(crate) fn io_error(shown: &str, what: &str, e: std::io::Error) -> Diagnostic {
    error(shown, format!("{what}: {e}"))
}

impl Staging {
    /// Starts a new output of `edition` for `output` (a [`resolve`]d path),
    /// after taking its lock and checking that replacing it removes only
    /// files this tool wrote. `shown` names it in diagnostics.
    pub(crate) fn begin(output: &Path, shown: &str, edition: Edition) -> Result<Staging, Diagnostic> {
        if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(|e| io_error(shown, "cannot create the output's parent folder", e))?;
        }
        let lock = OutputLock::take(output, shown)?;
        let tree = sibling(output, "briefing-spare");
        let mut warnings = Vec::new();
        let base = ready_spare(output, &tree, shown, edition, &mut warnings)?;
        let fresh_spare = base.is_none();
        let base = base.unwrap_or_default();
        let previous = check_replaceable(output, shown, &mut warnings)?;
        mark_dirty(&tree).map_err(|e| io_error(shown, "cannot prepare the staging folder", e))?;
        Ok(Staging {
            output: output.to_path_buf(),
            shown: shown.to_string(),
            tree,
            edition,
            base,
            fresh_spare,
            previous: previous.entries,
            previous_edition: previous.edition,
            written: Mutex::new(Vec::new()),
            folders: Mutex::new(HashSet::new()),
            bytes: AtomicU64::new(0),
            warnings,
            committed: false,
            _lock: lock,
        })
    }

    /// Whether the copy of `path` under `dir`, listed in `entries`, has
    /// these contents.
    fn holds(dir: &Path, entries: &Entries, path: &str, hash: u64, len: usize) -> bool {
        entries.get(path) == Some(&Some(hash)) && fs::symlink_metadata(dir.join(path)).is_ok_and(|m| m.is_file() && m.len() == len as u64)
    }

    /// Makes room for `path` in the spare: the old copy is unlinked (never
    /// written through: it may be shared with the published output) and
    /// its folder created.
    fn clear_in_tree(&self, path: &str) -> Result<PathBuf, Diagnostic> {
        let shown = &self.shown;
        let target = self.tree.join(path);
        // A spare made by this build holds only what it wrote; one kept
        // from earlier builds is looked at before anything goes into it.
        if self.fresh_spare {
            self.make_folder_of(path)?;
            return Ok(target);
        }
        if !stays_inside(&self.tree, path) {
            return Err(error(
                shown,
                format!("refusing to write `{path}` through a link in the staging folder"),
            ));
        }
        match fs::remove_file(&target) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => self.make_folder_of(path)?,
            Err(e) => return Err(io_error(shown, &format!("cannot replace `{path}`"), e)),
        }
        Ok(target)
    }

    /// Creates the folder that `path` (plain, relative) goes into in the
    /// spare, unless this build already made or found it.
    fn make_folder_of(&self, path: &str) -> Result<(), Diagnostic> {
        let Some((folder, _)) = path.rsplit_once('/') else {
            return Ok(());
        };
        if self.folders.lock().is_ok_and(|folders| folders.contains(folder)) {
            return Ok(());
        }
        fs::create_dir_all(self.tree.join(folder)).map_err(|e| io_error(&self.shown, "cannot create a folder", e))?;
        if let Ok(mut folders) = self.folders.lock() {
            folders.insert(folder.to_string());
        }
        Ok(())
    }

    /// Takes one file of the new site.
    pub(crate) fn write(&self, file: &OutputFile) -> Result<(), Diagnostic> {
        let shown = &self.shown;
        // (A name starting with `#` would be read back as a line of the
        // manifest's header, not as a file.)
        if !is_plain_relative(&file.path) || file.path == MANIFEST || file.path == DIRTY_MARKER || file.path.starts_with('#') {
            return Err(error(shown, format!("refusing to write `{}` outside the output folder", file.path)));
        }
        let hash = content_hash(&file.bytes);
        let len = file.bytes.len();
        // Unchanged files are not rewritten: they keep their modification
        // time, so copying tools see what really changed. (The output holds
        // no links: `check_replaceable` refused it otherwise.)
        let published = Self::holds(&self.output, &self.previous, &file.path, hash, len);
        let in_spare = self.base.get(&file.path) == Some(&Some(hash));
        let source = if published && in_spare {
            // Where the spare and the output agree they share one file
            // (each build links what it keeps), so one look suffices.
            Source::Kept
        } else if published {
            Source::Published
        } else if in_spare && Self::holds(&self.tree, &self.base, &file.path, hash, len) {
            Source::Kept
        } else {
            let target = self.clear_in_tree(&file.path)?;
            fs::write(&target, file.bytes.as_slice()).map_err(|e| io_error(shown, &format!("cannot write `{}`", file.path), e))?;
            Source::Written
        };
        self.bytes.fetch_add(len as u64, Ordering::Relaxed);
        if let Ok(mut written) = self.written.lock() {
            written.push((file.path.clone(), hash, source, published));
        }
        Ok(())
    }

    /// Links into the spare the files the published output already has,
    /// copying where the file system cannot link.
    fn link_published(&self, written: &[Entry]) -> Result<(), Diagnostic> {
        let shown = &self.shown;
        written
            .par_iter()
            .filter(|(_, _, source, _)| *source == Source::Published)
            .try_for_each(|(path, _, _, _)| {
                let from = self.output.join(path);
                let to = self.clear_in_tree(path)?;
                fs::hard_link(&from, &to)
                    .or_else(|_| fs::copy(&from, &to).map(|_| ()))
                    .map_err(|e| io_error(shown, &format!("cannot carry `{path}` over from the previous output"), e))
            })
    }

    /// Puts the new site in place of the old one.
    pub(crate) fn commit(mut self) -> Result<WriteReport, Diagnostic> {
        let shown = self.shown.clone();
        let mut written = std::mem::take(
            &mut *self
                .written
                .lock()
                .map_err(|_| error(&shown, "the list of written files is unusable"))?,
        );
        written.sort_unstable();
        // Two files at one path: the one written last would win. (Render
        // refuses them first, naming their sources; this is the last line.)
        if let Some(pair) = written.windows(2).find(|pair| pair[0].0 == pair[1].0) {
            return Err(error(
                &shown,
                format!("two files at `{}`: the output was left as it was", pair[0].0),
            ));
        }
        let unchanged = written.iter().filter(|entry| entry.3).count();
        let mut lap = crate::timing::Lap::start();
        let output_exists = fs::symlink_metadata(&self.output).is_ok();
        let same_files = written.len() == self.previous.len() && written.iter().all(|entry| self.previous.contains_key(&entry.0));
        let same_edition = self.previous_edition == Some(self.edition);
        if output_exists && unchanged == written.len() && same_files && same_edition {
            // The published site is already exactly the new one; the spare
            // was not changed (a spare just made, still empty, goes again).
            let _ = fs::remove_file(self.tree.join(DIRTY_MARKER));
            if self.fresh_spare {
                let _ = fs::remove_dir(&self.tree);
            }
        } else {
            self.link_published(&written)?;
            let kept: BTreeSet<&str> = written.iter().map(|entry| entry.0.as_str()).collect();
            remove_files(
                &self.tree,
                self.base.keys().filter(|path| !kept.contains(path.as_str())).collect::<Vec<_>>(),
            );
            lap.mark("spare updated");
            let manifest = manifest::render(self.edition, written.iter().map(|(path, hash, _, _)| (path.as_str(), *hash)));
            fs::write(self.tree.join(MANIFEST), manifest).map_err(|e| io_error(&shown, "cannot write the manifest", e))?;
            fs::remove_file(self.tree.join(DIRTY_MARKER)).map_err(|e| io_error(&shown, "cannot finish the staging folder", e))?;
            if output_exists {
                // Afterwards the spare holds the previous site.
                swap::exchange(&self.tree, &self.output).map_err(|e| io_error(&shown, "cannot put the new output in place", e))?;
                if !same_edition {
                    // Of another edition: it must not stay beside this one
                    // (the internal site beside a public output that a
                    // server publishes with its parent folder).
                    let left = empty(&self.tree, &self.previous, &shown);
                    self.warnings.extend(left);
                }
            } else {
                fs::rename(&self.tree, &self.output).map_err(|e| io_error(&shown, "cannot move the new output into place", e))?;
            }
        }
        self.committed = true;
        lap.mark("put in place");
        Ok(WriteReport {
            files: written.len(),
            unchanged,
            bytes: self.bytes.load(Ordering::Relaxed),
            warnings: std::mem::take(&mut self.warnings),
        })
    }
}

impl Drop for Staging {
    /// An uncommitted staging (a failed build) beside an output of its own
    /// edition leaves the spare consistent: its manifest is brought up to
    /// what it now holds, so the next build can start from it. When that
    /// fails, the dirty mark stays and the next build starts the spare
    /// afresh. Beside no output or one of another edition, the spare is
    /// emptied.
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        let keep = self.previous_edition == Some(self.edition);
        let mut holds = std::mem::take(&mut self.base);
        if let Ok(written) = self.written.lock() {
            for (path, hash, source, _) in written.iter() {
                // (Files linked from the output count only for emptying:
                // the failure may have come before they all were.)
                if *source == Source::Written || !keep && *source == Source::Published {
                    holds.insert(path.clone(), Some(*hash));
                }
            }
        }
        if !keep {
            // Beside no output or one of another edition, what this build
            // prepared does not stay (the internal site beside a public
            // output that a server publishes with its parent folder).
            empty(&self.tree, &holds, &self.shown);
            return;
        }
        let manifest = manifest::render(
            self.edition,
            holds.iter().filter_map(|(path, hash)| Some((path.as_str(), (*hash)?))),
        );
        if fs::write(self.tree.join(MANIFEST), manifest).is_ok() {
            let _ = fs::remove_file(self.tree.join(DIRTY_MARKER));
        }
    }
}

impl Sink for Staging {
    fn accept(&self, file: OutputFile) -> Result<(), Diagnostic> {
        self.write(&file)
    }
}

#[cfg(test)]
mod tests;
