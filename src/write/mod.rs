//! Stage 5, write: put the rendered files on disk atomically. The new site
//! is written into a staging folder beside the output and swapped in only
//! when complete, so a failed build leaves the previous output untouched.
//! Only files this tool wrote (listed in its manifest) are ever removed.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::diagnostics::Diagnostic;
use crate::render::{OutputFile, Sink};

/// File in the output folder listing every file the tool wrote there.
pub const MANIFEST: &str = ".briefing-manifest";

fn error(output: &Path, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(output.display().to_string(), 0, 0, message)
}

/// Absolute, normalised form of `path` (which need not exist).
fn normalize(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    // Resolve the longest existing ancestor through the file system, so
    // links and `..` are judged by where they really lead.
    let mut existing = absolute.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = fs::canonicalize(&existing).unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    let mut clean = PathBuf::new();
    for component in resolved.components() {
        match component {
            Component::ParentDir => {
                clean.pop();
            }
            Component::CurDir => {}
            other => clean.push(other),
        }
    }
    clean
}

/// Refuses output folders whose replacement would destroy the site itself.
pub fn check_output_location(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let root = normalize(root);
    let out = normalize(output);
    let hint = "choose a folder of its own, such as the default `output/`";
    if out.parent().is_none() {
        return Err(error(output, "refusing to write the site to the file system root").with_hint(hint));
    }
    if root.starts_with(&out) {
        return Err(error(output, "the output folder contains the site itself and would be replaced").with_hint(hint));
    }
    for protected in ["content", "themes", "site.yaml", "src", ".git"] {
        if out.starts_with(root.join(protected)) {
            return Err(error(output, format!("the output folder lies inside `{protected}`")).with_hint(hint));
        }
    }
    if std::env::var_os("HOME").is_some_and(|home| normalize(Path::new(&home)) == out) {
        return Err(error(output, "refusing to use the home folder as the output").with_hint(hint));
    }
    Ok(())
}

/// The files listed in the manifest of `output`, with the hash of their
/// contents when recorded (`path\thash` lines; older manifests: `path`).
fn read_manifest(output: &Path) -> Option<BTreeMap<String, Option<u64>>> {
    let text = fs::read_to_string(output.join(MANIFEST)).ok()?;
    Some(
        text.lines()
            .filter(|l| !l.is_empty())
            .map(|line| match line.split_once('\t') {
                Some((path, hash)) => (path.to_string(), u64::from_str_radix(hash, 16).ok()),
                None => (line.to_string(), None),
            })
            .collect(),
    )
}

fn content_hash(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

/// Files present under `dir`, as `/`-separated relative paths.
fn existing_files(dir: &Path) -> Result<Vec<String>, std::io::Error> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).follow_links(false).sort_by_file_name() {
        let entry = entry.map_err(std::io::Error::other)?;
        if entry.file_type().is_dir() {
            continue;
        }
        let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        files.push(
            relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
        );
    }
    Ok(files)
}

/// Checks that replacing `output` removes only files this tool wrote.
fn check_replaceable(output: &Path) -> Result<(), Diagnostic> {
    if !output.exists() {
        return Ok(());
    }
    if !output.is_dir() {
        return Err(error(output, "the output path exists and is not a folder"));
    }
    let present = existing_files(output).map_err(|e| error(output, format!("cannot read the output folder: {e}")))?;
    if present.is_empty() {
        return Ok(());
    }
    let Some(manifest) = read_manifest(output) else {
        return Err(error(output, "the output folder holds files that briefing did not write")
            .with_hint("move them elsewhere or choose another `--output`; briefing never deletes files it did not create"));
    };
    if let Some(foreign) = present.iter().find(|f| f.as_str() != MANIFEST && !manifest.contains_key(*f)) {
        return Err(
            error(output, format!("`{foreign}` in the output folder was not written by briefing"))
                .with_hint("move it into the theme's `static/` folder or elsewhere; briefing never deletes files it did not create"),
        );
    }
    Ok(())
}

fn safe_relative(path: &str) -> bool {
    !path.is_empty() && Path::new(path).components().all(|c| matches!(c, Component::Normal(_))) && !path.contains('\\')
}

fn sibling(output: &Path, suffix: &str) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".to_string());
    output.with_file_name(format!(".{name}.{suffix}"))
}

/// What a write did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteReport {
    pub files: usize,
    /// Files identical to the previous build, linked instead of rewritten.
    pub unchanged: usize,
    pub bytes: u64,
}

/// A new output being prepared beside the old one. Files arrive one by one
/// (from several threads): a file identical to the one already published
/// (same hash in the manifest) is left alone, any other goes into a staging
/// folder. Nothing in the output changes until `commit`; dropping the
/// staging uncommitted removes it and leaves the old output untouched.
///
/// `commit` moves the whole staging folder into place for a first build,
/// and otherwise moves just the new and changed files in (each replaced
/// atomically by a rename) and removes the files of the old manifest that
/// the new site no longer has.
pub struct Staging {
    output: PathBuf,
    staging: PathBuf,
    /// The manifest of the output being replaced.
    previous: BTreeMap<String, Option<u64>>,
    /// Every file of the new site: path, hash, whether it changed.
    written: Mutex<Vec<(String, u64, bool)>>,
    bytes: AtomicU64,
    committed: bool,
}

fn io_error(output: &Path, what: &str, e: std::io::Error) -> Diagnostic {
    error(output, format!("{what}: {e}"))
}

impl Staging {
    /// Starts a new output for `output`, after checking that replacing it
    /// removes only files this tool wrote.
    pub fn begin(output: &Path) -> Result<Staging, Diagnostic> {
        check_replaceable(output)?;
        if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(|e| io_error(output, "cannot create the output's parent folder", e))?;
        }
        let staging = sibling(output, "briefing-new");
        if staging.exists() {
            fs::remove_dir_all(&staging).map_err(|e| io_error(output, "cannot clear the staging folder of an earlier run", e))?;
        }
        fs::create_dir_all(&staging).map_err(|e| io_error(output, "cannot create the staging folder", e))?;
        Ok(Staging {
            output: output.to_path_buf(),
            staging,
            previous: read_manifest(output).unwrap_or_default(),
            written: Mutex::new(Vec::new()),
            bytes: AtomicU64::new(0),
            committed: false,
        })
    }

    /// Takes one file of the new site.
    pub fn write(&self, file: &OutputFile) -> Result<(), Diagnostic> {
        let output = &self.output;
        if !safe_relative(&file.path) || file.path == MANIFEST {
            return Err(error(
                output,
                format!("refusing to write `{}` outside the output folder", file.path),
            ));
        }
        let hash = content_hash(&file.bytes);
        // Unchanged files are not rewritten: they keep their modification
        // time, so copying tools see what really changed.
        let unchanged = self.previous.get(&file.path) == Some(&Some(hash))
            && fs::metadata(output.join(&file.path)).is_ok_and(|m| m.is_file() && m.len() == file.bytes.len() as u64);
        if !unchanged {
            let target = self.staging.join(&file.path);
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent).map_err(|e| io_error(output, "cannot create a folder", e))?;
            }
            fs::write(&target, file.bytes.as_slice()).map_err(|e| io_error(output, &format!("cannot write `{}`", file.path), e))?;
        }
        self.bytes.fetch_add(file.bytes.len() as u64, Ordering::Relaxed);
        if let Ok(mut written) = self.written.lock() {
            written.push((file.path.clone(), hash, !unchanged));
        }
        Ok(())
    }

    /// Puts the new site in place of the old one.
    pub fn commit(mut self) -> Result<WriteReport, Diagnostic> {
        let output = self.output.clone();
        let mut written = std::mem::take(
            &mut *self
                .written
                .lock()
                .map_err(|_| error(&output, "the list of written files is unusable"))?,
        );
        written.sort();
        let manifest: String = written.iter().map(|(path, hash, _)| format!("{path}\t{hash:016x}\n")).collect();
        let unchanged = written.iter().filter(|(_, _, changed)| !changed).count();
        let mut lap = crate::timing::Lap::start();
        if !output.exists() || (self.previous.is_empty() && existing_files(&output).map(|f| f.is_empty()).unwrap_or(false)) {
            // A first build: the staging folder becomes the output.
            fs::write(self.staging.join(MANIFEST), &manifest).map_err(|e| io_error(&output, "cannot write the manifest", e))?;
            if output.exists() {
                fs::remove_dir(&output).map_err(|e| io_error(&output, "cannot replace the empty output folder", e))?;
            }
            fs::rename(&self.staging, &output).map_err(|e| io_error(&output, "cannot move the new output into place", e))?;
        } else {
            let changed: Vec<&String> = written.iter().filter(|(_, _, changed)| *changed).map(|(path, _, _)| path).collect();
            changed.par_iter().try_for_each(|path| {
                let target = output.join(path);
                if let Some(parent) = target.parent() {
                    fs::create_dir_all(parent).map_err(|e| io_error(&output, "cannot create a folder", e))?;
                }
                if target.is_dir() {
                    fs::remove_dir_all(&target).map_err(|e| io_error(&output, &format!("cannot replace the folder `{path}`"), e))?;
                }
                fs::rename(self.staging.join(path), &target).map_err(|e| io_error(&output, &format!("cannot move `{path}` into place"), e))
            })?;
            let kept: BTreeSet<&str> = written.iter().map(|(path, _, _)| path.as_str()).collect();
            let stale: Vec<&String> = self.previous.keys().filter(|path| !kept.contains(path.as_str())).collect();
            for path in &stale {
                let target = output.join(path);
                if target.is_file() {
                    fs::remove_file(&target).map_err(|e| io_error(&output, &format!("cannot remove the stale `{path}`"), e))?;
                }
                // Remove folders the stale file leaves empty.
                let mut folder = target.parent();
                while let Some(dir) = folder.filter(|d| *d != output && d.starts_with(&output)) {
                    if fs::remove_dir(dir).is_err() {
                        break;
                    }
                    folder = dir.parent();
                }
            }
            let temporary = output.join(format!("{MANIFEST}.new"));
            fs::write(&temporary, &manifest).map_err(|e| io_error(&output, "cannot write the manifest", e))?;
            fs::rename(&temporary, output.join(MANIFEST)).map_err(|e| io_error(&output, "cannot write the manifest", e))?;
            let _ = fs::remove_dir_all(&self.staging);
        }
        self.committed = true;
        lap.mark("put in place");
        Ok(WriteReport {
            files: written.len(),
            unchanged,
            bytes: self.bytes.load(Ordering::Relaxed),
        })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.staging);
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
        let staging = Staging::begin(output)?;
        files.iter().try_for_each(|file| staging.write(file))?;
        staging.commit()
    }

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.to_string(),
            bytes: std::sync::Arc::new(text.as_bytes().to_vec()),
        }
    }

    #[test]
    fn replaces_previous_output_and_drops_stale_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        write_site(&out, &[file("index.html", "a"), file("old/index.html", "x")]).unwrap();
        write_site(&out, &[file("index.html", "b")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "b");
        assert!(!out.join("old").exists());
        assert!(!sibling(&out, "briefing-old").exists());
        assert!(!sibling(&out, "briefing-new").exists());
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
        assert!(!dir.path().join("evil.html").exists());
        assert!(!out.exists());
    }

    #[test]
    fn refuses_dangerous_output_locations() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content")).unwrap();
        assert!(check_output_location(root, root).is_err());
        assert!(check_output_location(root, &root.join("content")).is_err());
        assert!(check_output_location(root, &root.join("content/x")).is_err());
        assert!(check_output_location(root, root.parent().unwrap()).is_err());
        assert!(check_output_location(root, Path::new("/")).is_err());
        assert!(check_output_location(root, &root.join("output")).is_ok());
        assert!(check_output_location(root, &root.join("x/../output")).is_ok());
    }
}
