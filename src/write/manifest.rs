//! The manifest: the list of files a build wrote into the output folder,
//! with a hash of each, under a first line naming the edition the files
//! belong to (`# edition: public`). It decides what a later build may
//! replace or remove, and whether a tree kept beside the output may stay
//! there, so it is read as untrusted text: only plain relative paths
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

/// Which of the two sites from one source a tree holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Edition {
    Public,
    Internal,
}

impl Edition {
    /// The edition built with `--internal` or without.
    pub(crate) fn of(internal: bool) -> Edition {
        if internal { Edition::Internal } else { Edition::Public }
    }

    fn name(self) -> &'static str {
        match self {
            Edition::Public => "public",
            Edition::Internal => "internal",
        }
    }
}

/// The line of the manifest naming the edition; the paths it lists are
/// never the names of files at the top of a site, which start with a
/// letter, a digit or `.`.
const EDITION_LINE: &str = "# edition: ";

/// What a manifest says: the files, and the edition they belong to
/// (`None` when it does not say, as in the manifests of older releases).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Manifest {
    pub(crate) entries: Entries,
    pub(crate) edition: Option<Edition>,
}

/// The manifest of `folder` (`None` when it has none), and a warning for
/// every line that is not a plain path inside the folder.
pub(crate) fn read(folder: &Path, shown: &str) -> (Option<Manifest>, Vec<Diagnostic>) {
    let Ok(text) = fs::read_to_string(folder.join(MANIFEST)) else {
        return (None, Vec::new());
    };
    let mut entries = Entries::new();
    let mut edition = None;
    let mut warnings = Vec::new();
    for (number, line) in text.lines().enumerate().filter(|(_, l)| !l.is_empty()) {
        if line.starts_with('#') {
            // The edition, or a comment.
            if let Some(name) = line.strip_prefix(EDITION_LINE) {
                edition = [Edition::Public, Edition::Internal].into_iter().find(|e| e.name() == name);
            }
            continue;
        }
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
    (Some(Manifest { entries, edition }), warnings)
}

/// The manifest text for `files` (path and hash, sorted by path) of
/// `edition`.
pub(crate) fn render<'a>(edition: Edition, files: impl IntoIterator<Item = (&'a str, u64)>) -> String {
    let mut lines: Vec<(&str, u64)> = files.into_iter().collect();
    lines.sort_unstable();
    let mut text = format!("{EDITION_LINE}{}\n", edition.name());
    text.extend(lines.iter().map(|(path, hash)| format!("{path}\t{hash:016x}\n")));
    text
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
        let (manifest, warnings) = read(dir.path(), "output");
        let Manifest { entries, edition } = manifest.unwrap();
        assert_eq!(edition, None, "an older manifest names no edition");
        assert_eq!(entries.keys().collect::<Vec<_>>(), ["index.html", "old/index.html"]);
        assert_eq!(entries["index.html"], Some(255));
        assert_eq!(warnings.len(), 3);
        assert_eq!(warnings[0].location(), "output/.briefing-manifest:2:1");
        assert!(warnings[0].message.contains("/home/clerk/victim.txt"));
    }

    #[test]
    fn renders_sorted_lines_under_the_edition() {
        assert_eq!(
            render(Edition::Internal, [("b", 1), ("a", 2)]),
            "# edition: internal\na\t0000000000000002\nb\t0000000000000001\n"
        );
    }

    #[test]
    fn the_edition_is_read_back() {
        let dir = tempfile::tempdir().unwrap();
        for edition in [Edition::Public, Edition::Internal] {
            fs::write(dir.path().join(MANIFEST), render(edition, [("index.html", 7)])).unwrap();
            let (manifest, warnings) = read(dir.path(), "output");
            let manifest = manifest.unwrap();
            assert_eq!((manifest.edition, manifest.entries.len(), warnings.len()), (Some(edition), 1, 0));
        }
        fs::write(dir.path().join(MANIFEST), "# edition: secret\nindex.html\n").unwrap();
        assert_eq!(read(dir.path(), "output").0.unwrap().edition, None);
    }
}
