//! Putting a finished tree in place of the published one in a single step.
//! On Linux both folders trade places with one `renameat2(RENAME_EXCHANGE)`,
//! so whoever looks — a web server, a copy, a build killed at any moment —
//! sees either the whole old site or the whole new one. Where the file
//! system cannot exchange, the old tree is renamed away and the new one
//! renamed in; a build killed between those two renames is finished by the
//! next build (see [`recover`]).

use std::fs;
use std::io;
use std::path::Path;

/// Exchanges the folders `new` and `current`: afterwards `current` holds
/// what `new` held and `new` the previous tree.
pub(crate) fn exchange(new: &Path, current: &Path) -> io::Result<()> {
    match atomic_exchange(new, current) {
        Ok(()) => Ok(()),
        Err(error) if unsupported(&error) => two_renames(new, current),
        Err(error) => Err(error),
    }
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn atomic_exchange(new: &Path, current: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, new, CWD, current, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn atomic_exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// The file system or kernel has no exchange.
fn unsupported(error: &io::Error) -> bool {
    error.kind() == io::ErrorKind::Unsupported || matches!(error.raw_os_error(), Some(code) if code == EINVAL || code == ENOSYS)
}

const EINVAL: i32 = 22;
const ENOSYS: i32 = 38;

/// Where the old tree waits while `current` is empty, in the fallback.
fn parked(current: &Path) -> std::path::PathBuf {
    crate::write::paths::sibling(current, "briefing-parked")
}

fn two_renames(new: &Path, current: &Path) -> io::Result<()> {
    let parked = parked(current);
    fs::rename(current, &parked)?;
    fs::rename(new, current)?;
    fs::rename(&parked, new)
}

/// Finishes a fallback swap that a killed build left half done: when
/// `current` is missing and the old tree is parked, the parked tree goes
/// back in place (the new one was never put there).
pub(crate) fn recover(current: &Path) -> io::Result<()> {
    let parked = parked(current);
    if parked.is_dir() && fs::symlink_metadata(current).is_err() {
        fs::rename(&parked, current)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_trade_places() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("new"), dir.path().join("output"));
        fs::create_dir_all(&a).unwrap();
        fs::create_dir_all(&b).unwrap();
        fs::write(a.join("x"), "new").unwrap();
        fs::write(b.join("x"), "old").unwrap();
        exchange(&a, &b).unwrap();
        assert_eq!(fs::read_to_string(b.join("x")).unwrap(), "new");
        assert_eq!(fs::read_to_string(a.join("x")).unwrap(), "old");
    }

    #[test]
    fn the_fallback_trades_places_and_recovers_when_interrupted() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("new"), dir.path().join("output"));
        fs::create_dir_all(&a).unwrap();
        fs::create_dir_all(&b).unwrap();
        fs::write(b.join("x"), "old").unwrap();
        two_renames(&a, &b).unwrap();
        assert!(a.join("x").exists() && !b.join("x").exists());
        // Killed after the first rename: the old tree is parked.
        fs::rename(&a, parked(&b)).unwrap();
        fs::remove_dir_all(&b).unwrap();
        recover(&b).unwrap();
        assert_eq!(fs::read_to_string(b.join("x")).unwrap(), "old");
    }
}
