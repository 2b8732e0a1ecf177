//! Loading `content/data/*.yaml` into typed records. Each file keeps its
//! text so later stages can point at the line of a record or field.

pub(crate) mod charts;
pub(crate) mod locate;
pub(crate) mod model;

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use serde::de::DeserializeOwned;

use crate::diagnostics::Diagnostic;
use crate::load::source::read_text;
use crate::yaml::{self, YamlSource};
pub(crate) use charts::{ChartDef, ChartType, Show};
pub(crate) use locate::Locator;
pub use model::*;

pub(crate) const DATA_DIR: &str = "content/data";

/// One data file: where it is, its text, and its parsed contents.
#[derive(Debug, Clone, Default)]
pub struct DataFile<T> {
    /// Path relative to the site root.
    pub(crate) path: String,
    pub(crate) text: String,
    pub records: T,
}

impl<T> DataFile<T> {
    /// Locator over a top-level list file.
    pub(crate) fn locator(&self) -> Locator<'_> {
        Locator::list(&self.text)
    }
}

/// All programme data of the site.
#[derive(Debug, Clone, Default)]
pub struct Data {
    pub industries: DataFile<Vec<Industry>>,
    pub(crate) units: DataFile<Vec<Unit>>,
    pub(crate) enterprises: DataFile<Vec<Enterprise>>,
    pub(crate) projects: DataFile<Vec<Project>>,
    pub(crate) problems: DataFile<Vec<Problem>>,
    pub output: DataFile<Output>,
    pub(crate) charts: DataFile<Vec<ChartDef>>,
    /// A fingerprint of the texts of every data file: what pages made from
    /// the data depend on.
    pub(crate) print: u64,
    /// Id → position lookups, built on first use (after loading).
    index: OnceLock<Index>,
}

/// Positions of records by id, so lookups do not scan.
#[derive(Debug, Clone, Default)]
struct Index {
    industries: HashMap<String, usize>,
    units: HashMap<String, usize>,
    enterprises: HashMap<String, usize>,
    projects: HashMap<String, usize>,
}

fn positions<'a>(ids: impl Iterator<Item = &'a String>) -> HashMap<String, usize> {
    let mut map = HashMap::new();
    for (i, id) in ids.enumerate() {
        map.entry(id.clone()).or_insert(i);
    }
    map
}

impl Data {
    fn index(&self) -> &Index {
        self.index.get_or_init(|| Index {
            industries: positions(self.industries.records.iter().map(|r| &r.id)),
            units: positions(self.units.records.iter().map(|r| &r.id)),
            enterprises: positions(self.enterprises.records.iter().map(|r| &r.id)),
            projects: positions(self.projects.records.iter().map(|r| &r.id)),
        })
    }
    pub(crate) fn industry(&self, id: &str) -> Option<&Industry> {
        self.index().industries.get(id).map(|&i| &self.industries.records[i])
    }
    pub(crate) fn unit(&self, id: &str) -> Option<&Unit> {
        self.index().units.get(id).map(|&i| &self.units.records[i])
    }
    pub(crate) fn enterprise(&self, id: &str) -> Option<&Enterprise> {
        self.index().enterprises.get(id).map(|&i| &self.enterprises.records[i])
    }
    pub(crate) fn project(&self, id: &str) -> Option<&Project> {
        self.index().projects.get(id).map(|&i| &self.projects.records[i])
    }
}

fn is_blank_yaml(text: &str) -> bool {
    text.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#') || t == "---"
    })
}

/// Parses the text of data file `name` (None when the file is absent).
fn parse_file<T: DeserializeOwned + Default>(name: &str, text: Option<String>, problems: &mut Vec<Diagnostic>) -> DataFile<T> {
    let shown = format!("{DATA_DIR}/{name}");
    let Some(text) = text else {
        return DataFile {
            path: shown,
            ..DataFile::default()
        };
    };
    if is_blank_yaml(&text) {
        problems.push(Diagnostic::warning(&shown, 1, 1, "the data file is empty").with_hint("add records, or delete the file"));
        return DataFile {
            path: shown,
            text,
            records: T::default(),
        };
    }
    let records = yaml::parse(&YamlSource {
        path: &shown,
        text: &text,
        first_line: 1,
    })
    .unwrap_or_else(|problem| {
        problems.push(problem);
        T::default()
    });
    DataFile {
        path: shown,
        text,
        records,
    }
}

/// Parses a data file that is a list of records. When the whole file does
/// not parse, each record is parsed alone, so every bad record of the file
/// is reported in one run (and the good ones are kept).
fn parse_list<R: DeserializeOwned>(name: &str, text: Option<String>, problems: &mut Vec<Diagnostic>) -> DataFile<Vec<R>> {
    let mut whole = Vec::new();
    let file: DataFile<Vec<R>> = parse_file(name, text, &mut whole);
    if whole.iter().all(|d| !d.is_error()) {
        problems.extend(whole);
        return file;
    }
    let chunks = Locator::list(&file.text).chunks();
    if chunks.len() < 2 {
        problems.extend(whole);
        return file;
    }
    let mut records = Vec::new();
    for (first_line, chunk) in chunks {
        let source = YamlSource {
            path: &file.path,
            text: &chunk,
            first_line,
        };
        match yaml::parse::<Vec<R>>(&source) {
            Ok(parsed) => records.extend(parsed),
            Err(problem) => problems.push(problem),
        }
    }
    DataFile { records, ..file }
}

/// The data files, by name.
pub(crate) const FILES: [&str; 7] = [
    "industries.yaml",
    "units.yaml",
    "enterprises.yaml",
    "projects.yaml",
    "problems.yaml",
    "output.yaml",
    "charts.yaml",
];

/// Size and modification time of a data file.
pub(crate) type FileStamp = (u64, Option<std::time::SystemTime>);

/// Stamps of every data file, to tell whether any changed.
pub(crate) fn stamps(root: &Path) -> Vec<Option<FileStamp>> {
    let mut stamps: Vec<Option<FileStamp>> = FILES
        .iter()
        .map(|name| {
            std::fs::metadata(root.join(DATA_DIR).join(name))
                .ok()
                .map(|m| (m.len(), m.modified().ok()))
        })
        .collect();
    // New or removed unknown files change the warnings.
    let count = std::fs::read_dir(root.join(DATA_DIR)).map(|d| d.count() as u64).unwrap_or(0);
    stamps.push(Some((count, None)));
    stamps
}

/// Parses data from file texts (`None` for an absent file), in the order
/// of [`FILES`]. This is the loader without the disk, for tests and fuzzing.
pub fn parse(texts: [Option<String>; 7], problems: &mut Vec<Diagnostic>) -> Data {
    let [industries, units, enterprises, projects, register, output, charts] = texts;
    // The files parse in parallel; problems are gathered in file order.
    let mut found: [Vec<Diagnostic>; 7] = Default::default();
    let [f0, f1, f2, f3, f4, f5, f6] = &mut found;
    let ((industries, units, enterprises), ((projects, register), (output, charts))) = rayon::join(
        || {
            (
                parse_file(FILES[0], industries, f0),
                parse_file(FILES[1], units, f1),
                parse_file(FILES[2], enterprises, f2),
            )
        },
        || {
            rayon::join(
                || rayon::join(|| parse_list(FILES[3], projects, f3), || parse_list(FILES[4], register, f4)),
                || (parse_file(FILES[5], output, f5), parse_list(FILES[6], charts, f6)),
            )
        },
    );
    problems.extend(found.into_iter().flatten());
    let print = {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        for text in [
            &industries.text,
            &units.text,
            &enterprises.text,
            &projects.text,
            &register.text,
            &output.text,
            &charts.text,
        ] {
            text.hash(&mut hasher);
        }
        hasher.finish()
    };
    Data {
        print,
        industries,
        units,
        enterprises,
        projects,
        problems: register,
        output,
        charts,
        index: OnceLock::new(),
    }
}

/// Loads every data file that exists under `root/content/data/`.
pub(crate) fn load(root: &Path, problems: &mut Vec<Diagnostic>) -> Data {
    let known = FILES;
    let folder = root.join(DATA_DIR);
    if let Some(link) = crate::load::source::linked_part(root, &folder) {
        problems.push(crate::load::source::linked_folder(root, &link));
        return parse(Default::default(), problems);
    }
    if let Ok(entries) = std::fs::read_dir(root.join(DATA_DIR)) {
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        for name in names
            .iter()
            .filter(|n| (n.ends_with(".yaml") || n.ends_with(".yml")) && !known.contains(&n.as_str()))
        {
            let hint = match crate::diagnostics::did_you_mean(name, known) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("the data files are: {}", known.join(", ")),
            };
            problems.push(Diagnostic::warning(format!("{DATA_DIR}/{name}"), 0, 0, "unknown data file is ignored").with_hint(hint));
        }
    }
    let texts = FILES.map(|name| {
        let path = folder.join(name);
        let meta = std::fs::symlink_metadata(&path).ok()?;
        if meta.file_type().is_symlink() {
            problems.push(crate::load::source::skipped_link(root, &path));
            return None;
        }
        read_text(root, &path)
            .map(|file| file.text)
            .map_err(|problem| problems.push(problem))
            .ok()
    });
    parse(texts, problems)
}
