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
//! the old one becomes the next build's spare. Nothing the tool did not
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
pub(crate) use manifest::MANIFEST;
use manifest::{Entries, content_hash};
pub(crate) use paths::{check_output_location, resolve};
use paths::{is_plain_relative, sibling, stays_inside};
use spare::{check_replaceable, ready_spare, remove_files};

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
    /// What the spare holds (its manifest); empty for a fresh spare.
    base: Entries,
    /// The spare was made by this build (empty, no links in it).
    fresh_spare: bool,
    /// The manifest of the output being replaced.
    previous: Entries,
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
    /// Starts a new output for `output` (a [`resolve`]d path), after taking
    /// its lock and checking that replacing it removes only files this tool
    /// wrote. `shown` names it in diagnostics.
    pub(crate) fn begin(output: &Path, shown: &str) -> Result<Staging, Diagnostic> {
        if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(|e| io_error(shown, "cannot create the output's parent folder", e))?;
        }
        let lock = OutputLock::take(output, shown)?;
        let tree = sibling(output, "briefing-spare");
        let mut warnings = Vec::new();
        let base = ready_spare(output, &tree, shown, &mut warnings)?;
        let fresh_spare = base.is_none();
        let base = base.unwrap_or_default();
        let previous = check_replaceable(output, shown, &mut warnings)?;
        fs::write(tree.join(DIRTY_MARKER), "").map_err(|e| io_error(shown, "cannot prepare the staging folder", e))?;
        Ok(Staging {
            output: output.to_path_buf(),
            shown: shown.to_string(),
            tree,
            base,
            fresh_spare,
            previous,
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
        if !is_plain_relative(&file.path) || file.path == MANIFEST || file.path == DIRTY_MARKER {
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
        let unchanged = written.iter().filter(|entry| entry.3).count();
        let mut lap = crate::timing::Lap::start();
        let output_exists = fs::symlink_metadata(&self.output).is_ok();
        let same_files = written.len() == self.previous.len() && written.iter().all(|entry| self.previous.contains_key(&entry.0));
        if output_exists && unchanged == written.len() && same_files {
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
            let manifest = manifest::render(written.iter().map(|(path, hash, _, _)| (path.as_str(), *hash)));
            fs::write(self.tree.join(MANIFEST), manifest).map_err(|e| io_error(&shown, "cannot write the manifest", e))?;
            fs::remove_file(self.tree.join(DIRTY_MARKER)).map_err(|e| io_error(&shown, "cannot finish the staging folder", e))?;
            if output_exists {
                // Afterwards the spare holds the previous site.
                swap::exchange(&self.tree, &self.output).map_err(|e| io_error(&shown, "cannot put the new output in place", e))?;
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
    /// An uncommitted staging (a failed build) leaves the spare consistent:
    /// its manifest is brought up to what it now holds, so the next build
    /// can start from it. When that fails, the dirty mark stays and the
    /// next build starts the spare afresh.
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        let mut holds = std::mem::take(&mut self.base);
        if let Ok(written) = self.written.lock() {
            for (path, hash, source, _) in written.iter() {
                if *source == Source::Written {
                    holds.insert(path.clone(), Some(*hash));
                }
            }
        }
        let manifest = manifest::render(holds.iter().filter_map(|(path, hash)| Some((path.as_str(), (*hash)?))));
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
mod tests {
    use super::*;

    /// Writes `files` as the new contents of `output`, as a build does.
    fn write_site(output: &Path, files: &[OutputFile]) -> Result<WriteReport, Diagnostic> {
        let staging = Staging::begin(output, "output")?;
        files.iter().try_for_each(|file| staging.write(file))?;
        staging.commit()
    }

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.to_string(),
            bytes: std::sync::Arc::new(text.as_bytes().to_vec()),
        }
    }

    fn no_leftovers(out: &Path) {
        assert!(!sibling(out, "briefing-parked").exists(), "parked tree left behind");
        assert!(!sibling(out, "briefing-spare").join(DIRTY_MARKER).exists(), "spare left dirty");
        assert!(!out.join(DIRTY_MARKER).exists());
    }

    #[test]
    fn replaces_previous_output_and_drops_stale_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        write_site(&out, &[file("index.html", "a"), file("old/index.html", "x")]).unwrap();
        write_site(&out, &[file("index.html", "b")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "b");
        assert!(!out.join("old").exists());
        no_leftovers(&out);
    }

    #[test]
    fn unchanged_files_are_not_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        write_site(&out, &[file("a.html", "same"), file("b.html", "old")]).unwrap();
        let before = fs::metadata(out.join("a.html")).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let report = write_site(&out, &[file("a.html", "same"), file("b.html", "new")]).unwrap();
        assert_eq!(report.unchanged, 1);
        assert_eq!(fs::metadata(out.join("a.html")).unwrap().modified().unwrap(), before);
        assert_eq!(fs::read_to_string(out.join("b.html")).unwrap(), "new");
        let manifest = fs::read_to_string(out.join(MANIFEST)).unwrap();
        assert_eq!(manifest.lines().count(), 2);
        no_leftovers(&out);
    }

    #[test]
    fn an_identical_site_touches_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let files = [file("a.html", "same"), file("b/index.html", "same too")];
        write_site(&out, &files).unwrap();
        let inode = |p: &str| fs::metadata(out.join(p)).unwrap().modified().unwrap();
        let before = (inode("a.html"), inode(MANIFEST));
        std::thread::sleep(std::time::Duration::from_millis(20));
        let report = write_site(&out, &files).unwrap();
        assert_eq!(report.unchanged, 2);
        assert_eq!((inode("a.html"), inode(MANIFEST)), before);
        no_leftovers(&out);
    }

    #[test]
    fn never_deletes_foreign_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("notes.txt"), "mine").unwrap();
        let problem = write_site(&out, &[file("index.html", "a")]).unwrap_err();
        assert!(problem.message.contains("did not write"), "{problem}");
        assert_eq!(fs::read_to_string(out.join("notes.txt")).unwrap(), "mine");
    }

    #[test]
    fn refuses_paths_that_escape() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        assert!(write_site(&out, &[file("../evil.html", "x")]).is_err());
        assert!(write_site(&out, &[file("/tmp/evil.html", "x")]).is_err());
        assert!(!dir.path().join("evil.html").exists());
        assert!(!out.exists());
        no_leftovers(&out);
    }

    #[test]
    fn a_manifest_edited_to_reach_outside_deletes_nothing_outside() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let victim = dir.path().join("victim.txt");
        fs::write(&victim, "precious").unwrap();
        write_site(&out, &[file("index.html", "a")]).unwrap();
        let mut manifest = fs::read_to_string(out.join(MANIFEST)).unwrap();
        manifest.push_str(&format!("{}\n../victim.txt\n", victim.display()));
        fs::write(out.join(MANIFEST), manifest).unwrap();
        let report = write_site(&out, &[file("index.html", "b")]).unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        assert!(
            report.warnings.iter().any(|w| w.message.contains("victim.txt")),
            "{:?}",
            report.warnings
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_folder_in_the_output_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let elsewhere = dir.path().join("elsewhere");
        fs::create_dir_all(&elsewhere).unwrap();
        fs::write(elsewhere.join("index.html"), "precious").unwrap();
        write_site(&out, &[file("index.html", "a"), file("sub/index.html", "s")]).unwrap();
        // The folder `sub` becomes a link to a foreign folder, and the
        // manifest is edited to claim it.
        fs::remove_dir_all(out.join("sub")).unwrap();
        std::os::unix::fs::symlink(&elsewhere, out.join("sub")).unwrap();
        let mut manifest = fs::read_to_string(out.join(MANIFEST)).unwrap();
        manifest.push_str("sub\n");
        fs::write(out.join(MANIFEST), manifest).unwrap();
        let problem = write_site(&out, &[file("index.html", "b"), file("sub/index.html", "t")]).unwrap_err();
        assert!(problem.message.contains("symbolic link"), "{problem}");
        assert_eq!(fs::read_to_string(elsewhere.join("index.html")).unwrap(), "precious");
    }

    #[test]
    fn a_spare_left_half_changed_by_a_killed_build_is_started_afresh() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        write_site(&out, &[file("index.html", "a")]).unwrap();
        write_site(&out, &[file("index.html", "b")]).unwrap();
        let spare = sibling(&out, "briefing-spare");
        assert_eq!(
            fs::read_to_string(spare.join("index.html")).unwrap(),
            "a",
            "the spare holds the previous site"
        );
        // Killed while changing the spare: marked dirty, contents unknown.
        fs::write(spare.join(DIRTY_MARKER), "").unwrap();
        fs::write(spare.join("index.html"), "garbage").unwrap();
        write_site(&out, &[file("index.html", "a"), file("x/index.html", "x")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "a");
        no_leftovers(&out);
    }

    #[test]
    fn the_spare_is_used_and_kept_consistent() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let v1 = [file("a.html", "1"), file("b/index.html", "1"), file("c.html", "1")];
        let v2 = [file("a.html", "2"), file("b/index.html", "1"), file("d.html", "2")];
        let v3 = [file("a.html", "1"), file("b/index.html", "1"), file("d.html", "3")];
        for (round, site) in [&v1[..], &v2, &v3, &v1, &v3].iter().enumerate() {
            write_site(&out, site).unwrap();
            let published = super::spare::existing_files(&out).unwrap();
            let mut expected: Vec<String> = site.iter().map(|f| f.path.clone()).collect();
            expected.push(MANIFEST.to_string());
            expected.sort();
            assert_eq!(published, expected, "round {round}");
            for f in site.iter() {
                assert_eq!(fs::read(out.join(&f.path)).unwrap(), *f.bytes, "round {round}: {}", f.path);
            }
            no_leftovers(&out);
        }
    }

    #[test]
    fn new_folders_are_made_in_a_fresh_and_in_a_kept_spare() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let v1 = [file("a/b/c.html", "1"), file("a/d.html", "1"), file("e.html", "1")];
        let v2 = [
            file("a/b/c.html", "2"),
            file("a/x/y/z.html", "2"),
            file("f/g.html", "2"),
            file("f/h.html", "2"),
        ];
        let v3 = [
            file("f/g.html", "3"),
            file("new/deep/one.html", "3"),
            file("new/deep/two.html", "3"),
        ];
        let v4 = [
            file("a/b/c.html", "4"),
            file("new/deep/one.html", "4"),
            file("other/deep/x.html", "4"),
        ];
        for (round, site) in [&v1[..], &v2, &v3, &v4, &v1].iter().enumerate() {
            write_site(&out, site).unwrap();
            let mut expected: Vec<String> = site.iter().map(|f| f.path.clone()).collect();
            expected.push(MANIFEST.to_string());
            expected.sort();
            assert_eq!(super::spare::existing_files(&out).unwrap(), expected, "round {round}");
            for f in site.iter() {
                assert_eq!(fs::read(out.join(&f.path)).unwrap(), *f.bytes, "round {round}: {}", f.path);
            }
            no_leftovers(&out);
        }
    }

    #[cfg(unix)]
    #[test]
    fn unchanged_files_share_their_inode_with_the_spare() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        write_site(&out, &[file("same.html", "s"), file("x.html", "1")]).unwrap();
        let inode = fs::metadata(out.join("same.html")).unwrap().ino();
        for round in 2..6 {
            write_site(&out, &[file("same.html", "s"), file("x.html", &round.to_string())]).unwrap();
            assert_eq!(fs::metadata(out.join("same.html")).unwrap().ino(), inode, "round {round}");
        }
    }

    #[test]
    fn a_failed_build_leaves_the_spare_usable() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        write_site(&out, &[file("a.html", "1"), file("b.html", "1")]).unwrap();
        write_site(&out, &[file("a.html", "2"), file("b.html", "1")]).unwrap();
        // A build that writes a file and then fails.
        let staging = Staging::begin(&out, "output").unwrap();
        staging.write(&file("a.html", "3")).unwrap();
        drop(staging);
        let spare = sibling(&out, "briefing-spare");
        assert!(!spare.join(DIRTY_MARKER).exists());
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "2", "the output is untouched");
        write_site(&out, &[file("a.html", "3"), file("b.html", "1")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "3");
        assert_eq!(fs::read_to_string(spare.join("a.html")).unwrap(), "2");
    }

    #[test]
    fn a_spare_folder_that_is_not_briefings_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let spare = sibling(&out, "briefing-spare");
        fs::create_dir_all(&spare).unwrap();
        fs::write(spare.join("mine.txt"), "mine").unwrap();
        assert!(write_site(&out, &[file("index.html", "b")]).is_err());
        assert_eq!(fs::read_to_string(spare.join("mine.txt")).unwrap(), "mine");
    }
}
