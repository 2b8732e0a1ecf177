//! The manifest: the list of files a build wrote into the output folder,
//! with a hash of each. It decides what a later build may replace or
//! remove, so it is read as untrusted text: only plain relative paths
//! count, anything else is reported and ignored.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::write::paths::is_plain_relative;

/// File in the output folder listing every file the tool wrote there.
pub(crate) const MANIFEST: &str = ".briefing-manifest";

/// Files of an output folder by relative path, with the hash of their
/// contents when recorded.
pub(crate) type Entries = BTreeMap<String, Option<u64>>;

/// The manifest of `folder` (`None` when it has none), and a warning for
/// every line that is not a plain path inside the folder.
pub(crate) fn read(folder: &Path, shown: &str) -> (Option<Entries>, Vec<Diagnostic>) {
    let Ok(text) = fs::read_to_string(folder.join(MANIFEST)) else {
        return (None, Vec::new());
    };
    let mut entries = Entries::new();
    let mut warnings = Vec::new();
    for (number, line) in text.lines().enumerate().filter(|(_, l)| !l.is_empty()) {
        let (path, hash) = match line.split_once('\t') {
            Some((path, hash)) => (path, u64::from_str_radix(hash, 16).ok()),
            None => (line, None),
        };
        if is_plain_relative(path) && path != MANIFEST {
            entries.insert(path.to_string(), hash);
        } else {
            warnings.push(
                Diagnostic::warning(
                    format!("{shown}/{MANIFEST}"),
                    number + 1,
                    1,
                    format!(
                        "ignored the manifest entry `{}`: not a file inside the output folder",
                        path.escape_debug()
                    ),
                )
                .with_hint("briefing writes and removes only files inside the output folder; the manifest was edited by hand"),
            );
        }
    }
    (Some(entries), warnings)
}

/// The manifest text for `files` (path and hash, sorted by path).
pub(crate) fn render<'a>(files: impl IntoIterator<Item = (&'a str, u64)>) -> String {
    let mut lines: Vec<(&str, u64)> = files.into_iter().collect();
    lines.sort_unstable();
    lines.iter().map(|(path, hash)| format!("{path}\t{hash:016x}\n")).collect()
}

/// The hash recorded for a file's contents: XXH3, 64 bits. Every byte a
/// build writes is hashed, so the hash is one made for speed over large
/// inputs (SipHash, the standard library's, took 70 ms of CPU on a site
/// of 10,000 briefings; XXH3 a few). A manifest of an older release holds
/// other hashes: its files are then written once more, not kept.
pub(crate) fn content_hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_outside_the_folder_are_warned_and_ignored() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join(MANIFEST),
            "index.html\t00000000000000ff\n/home/clerk/victim.txt\n../content/keep.bak\na/../../b\nold/index.html\n",
        )
        .unwrap();
        let (entries, warnings) = read(dir.path(), "output");
        let entries = entries.unwrap();
        assert_eq!(entries.keys().collect::<Vec<_>>(), ["index.html", "old/index.html"]);
        assert_eq!(entries["index.html"], Some(255));
        assert_eq!(warnings.len(), 3);
        assert_eq!(warnings[0].location(), "output/.briefing-manifest:2:1");
        assert!(warnings[0].message.contains("/home/clerk/victim.txt"));
    }

    #[test]
    fn renders_sorted_lines() {
        assert_eq!(render([("b", 1), ("a", 2)]), "a\t0000000000000002\nb\t0000000000000001\n");
    }
}
