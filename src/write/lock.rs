//! One build at a time per output folder: an advisory lock on a small file
//! beside the output (`.<name>.briefing-lock`), held for the whole write.
//! The operating system releases it when the process ends, however it
//! ends, so a killed build never leaves a stale lock behind.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::write::paths::sibling;

/// The lock of an output folder, released when dropped.
#[derive(Debug)]
pub(crate) struct OutputLock {
    _file: File,
}

impl OutputLock {
    /// Takes the lock of `output`, or fails at once when another build
    /// holds it.
    pub(crate) fn take(output: &Path, shown: &str) -> Result<OutputLock, Diagnostic> {
        let path = sibling(output, "briefing-lock");
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Diagnostic::error(shown, 0, 0, format!("cannot create the lock file `{}`: {e}", path.display())))?;
        match file.try_lock() {
            Ok(()) => Ok(OutputLock { _file: file }),
            Err(TryLockError::WouldBlock) => {
                Err(
                    Diagnostic::error(shown, 0, 0, "another briefing build is writing to this output folder right now")
                        .with_hint("wait for it to finish and build again; two builds into one folder would mix their files"),
                )
            }
            Err(TryLockError::Error(e)) => Err(Diagnostic::error(shown, 0, 0, format!("cannot lock `{}`: {e}", path.display()))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("output");
        let first = OutputLock::take(&output, "output").unwrap();
        let second = OutputLock::take(&output, "output").unwrap_err();
        assert!(second.message.contains("another briefing build"), "{second}");
        drop(first);
        assert!(OutputLock::take(&output, "output").is_ok());
    }
}
