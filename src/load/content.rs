//! Briefings (`content/briefings/*.md`) and standalone pages
//! (`content/pages/*.md`): read, split, typed front matter, slugs.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;

use crate::calendar::{Date, Period};
use crate::diagnostics::Diagnostic;
use crate::load::clean;
use crate::load::front_matter::{self, BriefingFront, Distribution, Kind, PageFront};
use crate::load::source::{TextFile, read_text, walk_files};

pub(crate) const BRIEFINGS_DIR: &str = "content/briefings";
pub(crate) const PAGES_DIR: &str = "content/pages";

/// A bulletin, speech, notice, circular or report.
#[derive(Debug, Clone)]
pub(crate) struct Briefing {
    /// Source path relative to the site root.
    pub(crate) path: String,
    pub(crate) slug: String,
    pub(crate) title: String,
    pub(crate) date: Date,
    pub(crate) kind: Kind,
    pub(crate) issue: Option<u32>,
    /// The data period the page reports on, as written (the default is
    /// derived later from the data).
    pub(crate) as_of: Option<Period>,
    pub(crate) unit: Option<String>,
    pub(crate) tags: Vec<String>,
    pub(crate) summary: Option<String>,
    pub(crate) draft: bool,
    /// Only in the internal edition.
    pub(crate) internal: bool,
    pub(crate) distribution: Option<Distribution>,
    /// Markdown body and the file line on which it begins.
    pub(crate) body: String,
    pub(crate) body_line: usize,
    /// Front matter text and its first line, for locating fields.
    pub(crate) front: String,
}

/// A bulletin issued: its date and its number (期).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Issued {
    pub(crate) date: Date,
    pub(crate) number: u32,
}

impl Issued {
    /// The numbered bulletins among `briefings` (drafts aside: a draft is
    /// not issued, also in a build with `--drafts`), by date.
    pub(crate) fn of(briefings: &[Arc<Briefing>]) -> Vec<Issued> {
        let mut issued: Vec<Issued> = briefings
            .iter()
            .filter(|b| b.kind == Kind::Bulletin && !b.draft)
            .filter_map(|b| b.issue.map(|number| Issued { date: b.date, number }))
            .collect();
        issued.sort_unstable();
        issued
    }
}

/// A standalone page such as "about".
#[derive(Debug, Clone)]
pub(crate) struct Page {
    pub(crate) path: String,
    pub(crate) slug: String,
    pub(crate) title: String,
    pub(crate) weight: i64,
    pub(crate) menu: bool,
    pub(crate) body: String,
    pub(crate) body_line: usize,
    pub(crate) front: String,
}

/// 1-based line in the file of `key:` within front matter text (which starts
/// on line 2), or line 1 when absent.
pub(crate) fn front_line(front: &str, key: &str) -> usize {
    crate::load::config::key_index(front, key).map_or(1, |i| i + 2)
}

/// Checks a slug is one path segment that stays inside the output folder.
pub(crate) fn check_slug(slug: &str) -> Result<(), String> {
    if slug.is_empty() {
        return Err("the slug is empty".to_string());
    }
    if slug.contains(['/', '\\']) || slug.contains("..") || slug.starts_with('.') {
        return Err(format!("slug `{slug}` would leave its folder (no `/`, `\\`, `..` or leading `.`)"));
    }
    if let Some(bad) = slug.chars().find(|c| !(c.is_alphanumeric() || *c == '-' || *c == '_')) {
        return Err(format!("slug `{slug}` contains `{bad}`; use letters, digits, `-` and `_`"));
    }
    if crate::names::is_windows_device(slug) {
        return Err(crate::names::device_problem(slug));
    }
    Ok(())
}

fn file_stem(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".md").unwrap_or(name).to_string()
}

fn resolve_slug(file: &TextFile, front: &str, explicit: Option<String>, problems: &mut Vec<Diagnostic>) -> Option<String> {
    let from_front = explicit.is_some();
    let slug = explicit.unwrap_or_else(|| file_stem(&file.path));
    match check_slug(&slug) {
        Ok(()) => Some(slug),
        Err(message) => {
            let line = if from_front { front_line(front, "slug") } else { 1 };
            let hint = if from_front {
                "set `slug:` to a simple name such as `h1-review`"
            } else {
                "rename the file, or set `slug:` in the front matter"
            };
            problems.push(Diagnostic::error(&file.path, line, 1, message).with_hint(hint));
            None
        }
    }
}

fn load_briefing(file: TextFile, problems: &mut Vec<Diagnostic>) -> Option<Briefing> {
    let split = match front_matter::split(&file.text) {
        Ok(split) => split,
        Err(error) => {
            problems.push(error.diagnostic(&file.path));
            return None;
        }
    };
    let front: BriefingFront = match front_matter::parse(&file.path, &split) {
        Ok(front) => front,
        Err(error) => {
            problems.push(error);
            return None;
        }
    };
    let mut ok = true;
    if split.body.trim().is_empty() {
        problems.push(
            Diagnostic::error(
                &file.path,
                split.body_line.saturating_sub(1),
                1,
                "the briefing has no text after its front matter",
            )
            .with_hint("write the Markdown text after the closing `---`, or mark it `draft: true` until it is ready"),
        );
        ok = false;
    }
    if front.title.trim().is_empty() {
        problems.push(Diagnostic::error(
            &file.path,
            front_line(split.front, "title"),
            1,
            "`title` is empty",
        ));
        ok = false;
    }
    if front.issue == Some(0) {
        problems.push(Diagnostic::error(
            &file.path,
            front_line(split.front, "issue"),
            1,
            "bulletin numbers start at 1",
        ));
        ok = false;
    }
    if front.issue.is_some() && front.kind != Kind::Bulletin {
        problems.push(
            Diagnostic::error(
                &file.path,
                front_line(split.front, "issue"),
                1,
                format!("a {} has no bulletin number", front.kind.as_str()),
            )
            .with_hint("remove `issue:`, or set `kind: bulletin`"),
        );
        ok = false;
    }
    for tag in &front.tags {
        if check_slug(tag).is_err() {
            problems.push(
                Diagnostic::error(
                    &file.path,
                    front_line(split.front, "tags"),
                    1,
                    format!("tag `{tag}` cannot be part of a URL"),
                )
                .with_hint("use letters (Chinese is fine), digits, `-` and `_`"),
            );
            ok = false;
        }
    }
    let front_text = split.front.to_string();
    let body = split.body.to_string();
    let body_line = split.body_line;
    let slug = resolve_slug(&file, &front_text, front.slug, problems)?;
    ok.then(|| Briefing {
        path: file.path,
        slug,
        title: front.title.trim().to_string(),
        date: front.date,
        kind: front.kind,
        issue: front.issue,
        as_of: front.as_of,
        unit: front.unit,
        tags: front.tags,
        summary: front.summary,
        draft: front.draft,
        internal: front.internal,
        distribution: front.distribution,
        body,
        body_line,
        front: front_text,
    })
}

fn load_page(file: TextFile, problems: &mut Vec<Diagnostic>) -> Option<Page> {
    let split = match front_matter::split(&file.text) {
        Ok(split) => split,
        Err(error) => {
            problems.push(error.diagnostic(&file.path));
            return None;
        }
    };
    let front: PageFront = match front_matter::parse(&file.path, &split) {
        Ok(front) => front,
        Err(error) => {
            problems.push(error);
            return None;
        }
    };
    if front.title.trim().is_empty() {
        problems.push(Diagnostic::error(
            &file.path,
            front_line(split.front, "title"),
            1,
            "`title` is empty",
        ));
        return None;
    }
    let front_text = split.front.to_string();
    let body = split.body.to_string();
    let body_line = split.body_line;
    let slug = resolve_slug(&file, &front_text, front.slug, problems)?;
    Some(Page {
        path: file.path,
        slug,
        title: front.title.trim().to_string(),
        weight: front.weight,
        menu: front.menu,
        body,
        body_line,
        front: front_text,
    })
}

/// What loading one file gave: the record, or the problems found.
type Loaded<T> = (Option<T>, Vec<Diagnostic>);

/// Parsed files remembered between loads (for `serve`): a file whose size
/// and modification time are unchanged is not read or parsed again.
#[derive(Debug, Default)]
pub(crate) struct ContentCache {
    briefings: KindCache<Arc<Briefing>>,
    pages: KindCache<Page>,
    /// Files the watcher saw change since the last load, when it saw no
    /// file appear or disappear; then no other file is looked at.
    pub(crate) hint: Option<std::collections::HashSet<PathBuf>>,
}

/// Loaded files of one folder, and their order.
#[derive(Debug)]
struct KindCache<T> {
    entries: HashMap<PathBuf, (FileStamp, Loaded<T>)>,
    order: Vec<PathBuf>,
}

impl<T> Default for KindCache<T> {
    fn default() -> Self {
        KindCache {
            entries: HashMap::new(),
            order: Vec::new(),
        }
    }
}

/// Size and modification time of a file.
type FileStamp = (u64, Option<SystemTime>);

fn stamp(path: &Path) -> Option<FileStamp> {
    std::fs::metadata(path).ok().map(|m| (m.len(), m.modified().ok()))
}

/// Loads the files of `dir` in parallel, through `cache` when given.
fn load_all<T: Clone + Send + Sync>(
    root: &Path,
    dir: &str,
    parse: fn(TextFile, &mut Vec<Diagnostic>) -> Option<T>,
    cache: Option<(&mut KindCache<T>, Option<&std::collections::HashSet<PathBuf>>)>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<T> {
    let load_one = |path: &PathBuf| -> Loaded<T> {
        let mut found = Vec::new();
        let record = read_text(root, path).map_err(|d| found.push(d)).ok().and_then(|mut file| {
            clean::file(&file.path, &mut file.text, clean::Form::Markdown, &mut found);
            parse(file, &mut found)
        });
        (record, found)
    };
    let results: Vec<Loaded<T>> = match cache {
        None => {
            let (paths, walk_problems) = walk_files(root, &root.join(dir), &[".md"]);
            problems.extend(walk_problems);
            paths.par_iter().map(load_one).collect()
        }
        Some((cache, hint)) => {
            let folder = root.join(dir);
            // Only files changed in place: the folder is not walked again.
            let trusted = hint.filter(|hint| {
                !cache.order.is_empty()
                    && hint
                        .iter()
                        .filter(|p| p.starts_with(&folder))
                        .all(|p| cache.entries.contains_key(p))
            });
            let paths = match trusted {
                Some(_) => cache.order.clone(),
                None => {
                    let (paths, walk_problems) = walk_files(root, &folder, &[".md"]);
                    problems.extend(walk_problems);
                    paths
                }
            };
            let stamps: Vec<Option<FileStamp>> = paths
                .par_iter()
                .map(|p| match (trusted, cache.entries.get(p)) {
                    (Some(hint), Some((seen, _))) if !hint.contains(p) => Some(*seen),
                    _ => stamp(p),
                })
                .collect();
            let results: Vec<Loaded<T>> = paths
                .par_iter()
                .zip(&stamps)
                .map(|(path, stamp)| match cache.entries.get(path) {
                    Some((seen, loaded)) if stamp.as_ref() == Some(seen) && trusted.is_none_or(|hint| !hint.contains(path)) => {
                        loaded.clone()
                    }
                    _ => load_one(path),
                })
                .collect();
            cache.entries.clear();
            for ((path, stamp), loaded) in paths.iter().zip(stamps).zip(&results) {
                if let Some(stamp) = stamp {
                    cache.entries.insert(path.clone(), (stamp, loaded.clone()));
                }
            }
            cache.order = paths;
            results
        }
    };
    let mut records = Vec::with_capacity(results.len());
    for (record, found) in results {
        problems.extend(found);
        records.extend(record);
    }
    records
}

/// Loads every briefing under `root`, reporting each bad file.
pub(crate) fn load_briefings(root: &Path, cache: Option<&mut ContentCache>, problems: &mut Vec<Diagnostic>) -> Vec<Arc<Briefing>> {
    let cache = cache.map(|c| (&mut c.briefings, c.hint.as_ref()));
    load_all(
        root,
        BRIEFINGS_DIR,
        |file, found| load_briefing(file, found).map(Arc::new),
        cache,
        problems,
    )
}

/// Loads every standalone page under `root`, reporting each bad file.
pub(crate) fn load_pages(root: &Path, cache: Option<&mut ContentCache>, problems: &mut Vec<Diagnostic>) -> Vec<Page> {
    let cache = cache.map(|c| (&mut c.pages, c.hint.as_ref()));
    load_all(root, PAGES_DIR, load_page, cache, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn briefing(text: &str) -> (Option<Briefing>, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let file = TextFile {
            path: "content/briefings/2013-07-15-no8.md".to_string(),
            text: text.to_string(),
        };
        (load_briefing(file, &mut problems), problems)
    }

    #[test]
    fn slug_defaults_to_the_file_name() {
        let (b, problems) = briefing("---\ntitle: 第八期\ndate: 2013-07-15\nissue: 8\n---\n正文\n");
        assert!(problems.is_empty(), "{problems:?}");
        let b = b.unwrap();
        assert_eq!(b.slug, "2013-07-15-no8");
        assert_eq!(b.kind, Kind::Bulletin);
        assert_eq!(b.body_line, 6);
    }

    #[test]
    fn slugs_that_escape_are_refused() {
        for slug in ["../x", "a/b", "a\\b", ".hidden", "", "con", "NUL", "com1"] {
            assert!(check_slug(slug).is_err(), "{slug}");
        }
        assert!(check_slug("上半年讲评").is_ok());
        let (b, problems) = briefing("---\ntitle: x\ndate: 2013-07-15\nslug: ../../etc\n---\n正文\n");
        assert!(b.is_none());
        assert_eq!(problems[0].line, 4);
    }

    #[test]
    fn speeches_have_no_issue_number() {
        let (b, problems) = briefing("---\ntitle: x\ndate: 2013-07-15\nkind: speech\nissue: 3\n---\n正文\n");
        assert!(b.is_none());
        assert_eq!(problems[0].line, 5);
    }
}
