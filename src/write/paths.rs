//! Where the output goes: command-line paths resolved the way the operating
//! system will resolve them, and the rules about which folders may be
//! replaced by a build.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::diagnostics::Diagnostic;

/// How many symbolic links one path may pass through (as Linux's ELOOP).
const MAX_LINKS: usize = 40;

/// The absolute path the operating system will reach through `path`: every
/// existing symbolic link on the way is followed, and `..` steps back from
/// the folder actually reached, also after a component that does not exist
/// yet (`new/..` is the folder `new` would be created in, as with
/// `mkdir -p`). The result has no `.`, `..` or links in its existing part.
pub(crate) fn resolve(path: &Path) -> Result<PathBuf, String> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| format!("cannot read the current folder: {e}"))?
            .join(path)
    };
    let mut links = 0;
    resolve_from(PathBuf::new(), &absolute, &mut links)
}

fn resolve_from(mut resolved: PathBuf, path: &Path, links: &mut usize) -> Result<PathBuf, String> {
    for component in path.components() {
        match component {
            // An absolute part (also a link's absolute target) starts over.
            Component::Prefix(_) | Component::RootDir => resolved.push(component.as_os_str()),
            Component::CurDir => {}
            // `resolved` never holds a link, so its parent is the real one.
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => {
                resolved.push(name);
                let is_link = fs::symlink_metadata(&resolved).is_ok_and(|m| m.file_type().is_symlink());
                if is_link {
                    *links += 1;
                    if *links > MAX_LINKS {
                        return Err(format!("too many symbolic links in `{}`", path.display()));
                    }
                    let target = fs::read_link(&resolved).map_err(|e| format!("cannot read the link `{}`: {e}", resolved.display()))?;
                    resolved.pop();
                    resolved = resolve_from(resolved, &target, links)?;
                }
            }
        }
    }
    if resolved.as_os_str().is_empty() {
        resolved.push(Component::RootDir.as_os_str());
    }
    Ok(resolved)
}

/// The hidden sibling `.<name>.<suffix>` of `output`, used for the staging
/// folder, the previous tree while it is removed, and the lock.
pub(crate) fn sibling(output: &Path, suffix: &str) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".to_string());
    output.with_file_name(format!(".{name}.{suffix}"))
}

fn refuse(output: &Path, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(output.display().to_string(), 0, 0, message).with_hint("choose a folder of its own, such as the default `output/`")
}

/// Refuses output folders whose replacement would destroy the site itself
/// or something else precious. Both paths must already be [`resolve`]d.
pub(crate) fn check_output_location(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    if output.parent().is_none() {
        return Err(refuse(output, "refusing to write the site to the file system root"));
    }
    if root.starts_with(output) {
        return Err(refuse(output, "the output folder contains the site itself and would be replaced"));
    }
    for protected in ["content", "themes", "site.yaml", "src", ".git"] {
        if output.starts_with(root.join(protected)) {
            return Err(refuse(output, format!("the output folder lies inside `{protected}`")));
        }
    }
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty()).map(PathBuf::from);
    if home.is_some_and(|home| resolve(&home).is_ok_and(|home| home == output)) {
        return Err(refuse(output, "refusing to use the home folder as the output"));
    }
    Ok(())
}

/// A manifest entry that may be touched: plain names separated by `/`,
/// nothing absolute, no `.`/`..`, no backslash or NUL.
pub(crate) fn is_plain_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.contains(['\\', '\0'])
        && !path.starts_with('/')
        && path.split('/').all(|part| !part.is_empty() && part != "." && part != "..")
        && Path::new(path).components().all(|c| matches!(c, Component::Normal(_)))
}

/// Whether `relative` (plain, see [`is_plain_relative`]) reaches a file
/// inside `base` without passing through a symbolic link: each folder on
/// the way must be a real folder.
pub(crate) fn stays_inside(base: &Path, relative: &str) -> bool {
    let mut at = base.to_path_buf();
    let mut parts = relative.split('/').peekable();
    while let Some(part) = parts.next() {
        at.push(part);
        if parts.peek().is_some() {
            match fs::symlink_metadata(&at) {
                Ok(meta) if meta.file_type().is_dir() => {}
                // A missing folder: nothing below it exists to be touched.
                Err(_) => return true,
                Ok(_) => return false,
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_dot_after_a_missing_folder_steps_back_from_the_real_parent() {
        let dir = tempfile::tempdir().unwrap();
        let base = resolve(dir.path()).unwrap();
        fs::create_dir_all(base.join("foreign")).unwrap();
        assert_eq!(resolve(&base.join("foreign/zz/..")).unwrap(), base.join("foreign"));
        assert_eq!(resolve(&base.join("a/b/../c/./d")).unwrap(), base.join("a/c/d"));
        assert_eq!(resolve(&base.join("x/../../y")).unwrap(), base.parent().unwrap().join("y"));
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_before_dot_dot() {
        let dir = tempfile::tempdir().unwrap();
        let base = resolve(dir.path()).unwrap();
        fs::create_dir_all(base.join("site/content")).unwrap();
        std::os::unix::fs::symlink(base.join("site/content"), base.join("link")).unwrap();
        // link/.. is the folder holding the link's target, not `base`.
        assert_eq!(resolve(&base.join("link/zz/..")).unwrap(), base.join("site/content"));
        assert_eq!(resolve(&base.join("link/..")).unwrap(), base.join("site"));
        std::os::unix::fs::symlink("loop", base.join("loop")).unwrap();
        assert!(resolve(&base.join("loop/x")).is_err());
    }

    #[test]
    fn refuses_dangerous_output_locations() {
        let dir = tempfile::tempdir().unwrap();
        let root = resolve(dir.path()).unwrap();
        fs::create_dir_all(root.join("content")).unwrap();
        let check = |p: &Path| check_output_location(&root, &resolve(p).unwrap());
        assert!(check(&root).is_err());
        assert!(check(&root.join("content")).is_err());
        assert!(check(&root.join("content/x")).is_err());
        assert!(check(root.parent().unwrap()).is_err());
        assert!(check(Path::new("/")).is_err());
        assert!(check(&root.join("output")).is_ok());
        assert!(check(&root.join("x/../output")).is_ok());
        assert!(check(&root.join("output/zz/../..")).is_err());
    }

    #[test]
    fn manifest_entries_must_be_plain() {
        for good in ["index.html", "briefings/a/index.html", "static/简报.css"] {
            assert!(is_plain_relative(good), "{good}");
        }
        for bad in ["", "/etc/passwd", "../content/x", "a/../../b", "a//b", "./a", "a\\b", "a/./b", "a/"] {
            assert!(!is_plain_relative(bad), "{bad}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_folder_is_not_inside() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().join("out");
        fs::create_dir_all(base.join("real")).unwrap();
        fs::create_dir_all(dir.path().join("elsewhere")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("elsewhere"), base.join("linked")).unwrap();
        assert!(stays_inside(&base, "real/a.html"));
        assert!(stays_inside(&base, "missing/a.html"));
        assert!(!stays_inside(&base, "linked/a.html"));
        assert!(stays_inside(&base, "linked"));
    }
}
