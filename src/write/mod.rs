//! Stage 5, write: put the rendered files on disk atomically. The new site
//! is written into a staging folder beside the output and swapped in only
//! when complete, so a failed build leaves the previous output untouched.
//! Only files this tool wrote (listed in its manifest) are ever removed.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::render::OutputFile;

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

fn read_manifest(output: &Path) -> Option<BTreeSet<String>> {
    let text = fs::read_to_string(output.join(MANIFEST)).ok()?;
    Some(text.lines().filter(|l| !l.is_empty()).map(str::to_string).collect())
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
    if let Some(foreign) = present.iter().find(|f| f.as_str() != MANIFEST && !manifest.contains(*f)) {
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

/// Writes `files` as the new contents of `output`, atomically.
pub fn write_site(output: &Path, files: &[OutputFile]) -> Result<WriteReport, Diagnostic> {
    check_replaceable(output)?;
    let io = |what: &str, e: std::io::Error| error(output, format!("{what}: {e}"));
    if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(|e| io("cannot create the output's parent folder", e))?;
    }
    let staging = sibling(output, "briefing-new");
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(|e| io("cannot clear the staging folder of an earlier run", e))?;
    }
    let mut report = WriteReport::default();
    let mut manifest = String::new();
    let result = (|| {
        if let Some(bad) = files.iter().find(|f| !safe_relative(&f.path) || f.path == MANIFEST) {
            return Err(error(output, format!("refusing to write `{}` outside the output folder", bad.path)));
        }
        // Folders first, then the files in parallel.
        let folders: BTreeSet<PathBuf> = files
            .iter()
            .filter_map(|f| staging.join(&f.path).parent().map(Path::to_path_buf))
            .collect();
        for folder in &folders {
            fs::create_dir_all(folder).map_err(|e| io("cannot create a folder", e))?;
        }
        let unchanged: Vec<bool> = files
            .par_iter()
            .map(|file| {
                let target = staging.join(&file.path);
                // An unchanged file is linked, not rewritten: it keeps its
                // modification time, so copying tools see what really changed.
                let previous = output.join(&file.path);
                let same = fs::metadata(&previous).is_ok_and(|m| m.is_file() && m.len() == file.bytes.len() as u64)
                    && fs::read(&previous).is_ok_and(|old| old == *file.bytes);
                if same && fs::hard_link(&previous, &target).is_ok() {
                    return Ok(true);
                }
                fs::write(&target, file.bytes.as_slice())
                    .map(|()| false)
                    .map_err(|e| io(&format!("cannot write `{}`", file.path), e))
            })
            .collect::<Result<_, _>>()?;
        for (file, same) in files.iter().zip(unchanged) {
            report.unchanged += usize::from(same);
            report.files += 1;
            report.bytes += file.bytes.len() as u64;
            manifest.push_str(&file.path);
            manifest.push('\n');
        }
        fs::write(staging.join(MANIFEST), &manifest).map_err(|e| io("cannot write the manifest", e))
    })();
    if let Err(problem) = result {
        let _ = fs::remove_dir_all(&staging);
        return Err(problem);
    }
    let retired = sibling(output, "briefing-old");
    if retired.exists() {
        fs::remove_dir_all(&retired).map_err(|e| io("cannot clear the old output of an earlier run", e))?;
    }
    if output.exists() {
        fs::rename(output, &retired).map_err(|e| io("cannot move the previous output aside", e))?;
    }
    if let Err(e) = fs::rename(&staging, output) {
        let _ = fs::rename(&retired, output);
        return Err(io("cannot move the new output into place", e));
    }
    if retired.exists() {
        fs::remove_dir_all(&retired).map_err(|e| io("cannot remove the previous output", e))?;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

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
