//! Checking the links written in Markdown against the site actually built:
//! every site path (`/projects/x/`, `../other/`) must be a page or file of
//! the output, and every `#anchor` an id on the page it points to.

use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, HashMap};

use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::render::claims::{self, Clash, Maker};
use crate::render::urls;
use crate::routes::{self, output_file};

/// A link found in a Markdown body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LinkRecord {
    /// Source file relative to the site root.
    pub(crate) file: String,
    pub(crate) line: usize,
    pub(crate) column: usize,
    /// Site path of the page holding the link.
    pub(crate) page: String,
    /// The target as written.
    pub(crate) target: String,
    /// The site target an absolute URL on the site's own host stands for:
    /// what is checked in its place.
    pub(crate) path: Option<String>,
}

/// `%XX` escapes decoded; invalid ones and bad UTF-8 are kept readable.
fn percent_decode(text: &str) -> String {
    String::from_utf8_lossy(&urls::percent_decode(text).0).into_owned()
}

/// The site path `target` leads to from `page` (its `.` and `..` segments
/// resolved, also in a site path: `/x/../enterprises/a/` is checked as
/// `/enterprises/a/`), or `None` when it climbs above the site root.
fn resolve(page: &str, target: &str) -> Option<String> {
    let directory = if target.starts_with('/') {
        ""
    } else {
        &page[..page.rfind('/').map_or(0, |i| i + 1)]
    };
    let mut parts: Vec<&str> = directory.split('/').filter(|p| !p.is_empty()).collect();
    let trailing = target.ends_with('/') || target.is_empty();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    let mut path = format!("/{}", parts.join("/"));
    if trailing && !path.ends_with('/') {
        path.push('/');
    }
    Some(path)
}

/// The files of the site as the link check sees them: their paths, the
/// ids each HTML page defines and what made each; and the claims on a
/// path already taken (see [`claims`]).
#[derive(Debug, Default)]
pub(crate) struct Catalogue {
    files: HashMap<String, Noted>,
    /// Further claims on paths of `files`, in the order they came.
    seconds: Vec<(String, Maker)>,
    /// What the public edition leaves out (see `validate::edition`), by
    /// output file: a link to it names what it is.
    pub(crate) withheld: Arc<std::collections::BTreeMap<String, String>>,
}

/// A file of the catalogue.
#[derive(Debug)]
struct Noted {
    ids: Option<Arc<BTreeSet<String>>>,
    maker: Maker,
}

/// The error of a link to `what`, which only the internal edition has.
fn withheld_error(link: &LinkRecord, what: &str) -> Diagnostic {
    Diagnostic::error(
        &link.file,
        link.line,
        link.column,
        format!("link `{}` would reveal {what} in the public edition", link.target),
    )
    .with_hint("remove the link, or mark this page `internal: true` so that only the internal edition (`--internal`) has it")
}

impl Catalogue {
    /// An empty catalogue of an edition that leaves out `withheld`.
    pub(crate) fn withholding(withheld: Arc<std::collections::BTreeMap<String, String>>) -> Catalogue {
        Catalogue {
            withheld,
            ..Catalogue::default()
        }
    }

    /// Notes the file at `path` made by `maker`, with the ids it defines if
    /// it is a page; whether the path is new. A path noted before keeps
    /// its first file; the claim is kept for [`clashes`](Catalogue::clashes).
    pub(crate) fn add(&mut self, path: &str, ids: Option<Arc<BTreeSet<String>>>, maker: Maker) -> bool {
        match self.files.entry(path.to_string()) {
            Entry::Occupied(_) => {
                self.seconds.push((path.to_string(), maker));
                false
            }
            Entry::Vacant(slot) => {
                slot.insert(Noted { ids, maker });
                true
            }
        }
    }

    /// Every path noted.
    pub(crate) fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// Every path claimed twice, and every file where a folder must be.
    pub(crate) fn clashes(&self) -> Vec<Clash> {
        claims::clashes(
            |path| self.files.get(path).map(|noted| noted.maker),
            self.files.iter().map(|(path, noted)| (path.as_str(), noted.maker)),
            &self.seconds,
        )
    }
}

/// Ids defined in an HTML page. Works on the bytes as rendered: every page
/// passes through here, and a UTF-8 check of each would cost more than the
/// search (only the ids found are decoded).
pub(crate) fn ids(html: &[u8]) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for index in memchr::memmem::find_iter(html, b" id=\"") {
        let rest = &html[index + 5..];
        if let Some(end) = memchr::memchr(b'"', rest) {
            found.insert(String::from_utf8_lossy(&rest[..end]).replace("&amp;", "&"));
        }
    }
    found
}

/// A link that leads to a page and names an anchor on it.
struct AnchorLink<'a> {
    link: &'a LinkRecord,
    ids: Option<&'a BTreeSet<String>>,
    fragment: String,
    target_page: String,
}

/// Checks the page a link leads to; returns the anchor still to check.
fn check_page<'a>(link: &'a LinkRecord, catalogue: &'a Catalogue) -> Result<Option<AnchorLink<'a>>, Diagnostic> {
    let target = link.path.as_deref().unwrap_or(&link.target);
    let (before_fragment, fragment) = match target.split_once('#') {
        Some((path, fragment)) => (path, Some(percent_decode(fragment))),
        None => (target, None),
    };
    let path_part = before_fragment.split('?').next().unwrap_or_default();
    let error = |message: String, hint: &str| Diagnostic::error(&link.file, link.line, link.column, message).with_hint(hint.to_string());
    let target_page = if path_part.is_empty() {
        link.page.clone()
    } else {
        resolve(&link.page, &percent_decode(path_part)).ok_or_else(|| {
            error(
                format!("link `{}` leads outside the site", link.target),
                "site links start with `/`, e.g. `/projects/`",
            )
        })?
    };
    let candidates = [
        output_file(&target_page),
        output_file(&format!("{}/", target_page.trim_end_matches('/'))),
    ];
    if !catalogue.withheld.is_empty() {
        // A file inside the folder of a withheld page names it as well.
        let folders = target_page.match_indices('/').map(|(i, _)| output_file(&target_page[..=i]));
        if let Some(what) = candidates.iter().cloned().chain(folders).find_map(|c| catalogue.withheld.get(&c)) {
            return Err(withheld_error(link, what));
        }
    }
    let ids = candidates.iter().find_map(|c| catalogue.files.get(c.as_str()).map(|noted| &noted.ids)).ok_or_else(|| {
        let wanted = output_file(&format!("{}/", target_page.trim_end_matches('/')));
        let close = crate::diagnostics::did_you_mean(&wanted, catalogue.paths()).map(routes::site_path);
        let message = match &close {
            Some(close) => format!("link to `{}`, which is not a page of the site (did you mean `{close}`?)", link.target),
            None => format!("link to `{}`, which is not a page of the site", link.target),
        };
        error(
            message,
            "site pages are /briefings/<slug>/, /<page slug>/, /industries/<id>/, /projects/<id>/, /enterprises/<id>/, /units/<id>/, /problems/, /tags/<tag>/, /charts/<id>.svg",
        )
    })?;
    Ok(fragment.filter(|f| !f.is_empty()).map(|fragment| AnchorLink {
        link,
        ids: ids.as_deref(),
        fragment,
        target_page,
    }))
}

/// Every broken link of `links` in the site `catalogue` describes.
pub(crate) fn check<'a>(catalogue: &Catalogue, links: impl IntoIterator<Item = &'a LinkRecord>) -> Vec<Diagnostic> {
    let links: Vec<&LinkRecord> = links.into_iter().collect();
    // Only the links that need a second look are kept (most need none).
    let checked: Vec<Result<AnchorLink<'_>, Diagnostic>> = links
        .par_iter()
        .filter_map(|link| check_page(link, catalogue).transpose())
        .collect();
    let empty = BTreeSet::new();
    let mut problems = Vec::new();
    for result in checked {
        let anchor = match result {
            Ok(anchor) => anchor,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        let known = anchor.ids.unwrap_or(&empty);
        let withheld = format!("{}#{}", output_file(&anchor.target_page), anchor.fragment);
        if let Some(what) = catalogue.withheld.get(&withheld) {
            problems.push(withheld_error(anchor.link, what));
            continue;
        }
        if !known.contains(&anchor.fragment) {
            let names: Vec<&str> = known.iter().map(String::as_str).collect();
            let hint = match crate::diagnostics::did_you_mean(&anchor.fragment, names) {
                Some(close) => format!("did you mean `#{close}`?"),
                None => "heading anchors are the heading text without punctuation, e.g. `#一总体情况`".to_string(),
            };
            let link = anchor.link;
            problems.push(
                Diagnostic::error(
                    &link.file,
                    link.line,
                    link.column,
                    format!("anchor `#{}` does not exist on `{}`", anchor.fragment, anchor.target_page),
                )
                .with_hint(hint),
            );
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A catalogue of pages held in memory: path and HTML.
    fn catalogue(files: &[(&str, &str)]) -> Catalogue {
        let mut catalogue = Catalogue::default();
        for (path, html) in files {
            let ids = path.ends_with(".html").then(|| Arc::new(ids(html.as_bytes())));
            catalogue.add(path, ids, Maker::Robots);
        }
        catalogue
    }

    fn link(page: &str, target: &str) -> LinkRecord {
        LinkRecord {
            file: "content/briefings/a.md".to_string(),
            line: 7,
            column: 3,
            page: page.to_string(),
            target: target.to_string(),
            path: None,
        }
    }

    #[test]
    fn resolves_relative_links() {
        assert_eq!(resolve("/briefings/a/", "../b/").as_deref(), Some("/briefings/b/"));
        assert_eq!(resolve("/briefings/a/", "../../projects/").as_deref(), Some("/projects/"));
        assert_eq!(resolve("/briefings/a/", "../../../x/"), None);
        assert_eq!(resolve("/about/", "img.png").as_deref(), Some("/about/img.png"));
        assert_eq!(resolve("/about/", "/a/../enterprises/./x/").as_deref(), Some("/enterprises/x/"));
        assert_eq!(resolve("/about/", "/static/a.css").as_deref(), Some("/static/a.css"));
        assert_eq!(resolve("/about/", "/").as_deref(), Some("/"));
        assert_eq!(resolve("/about/", "/../x/"), None);
    }

    #[test]
    fn reports_missing_pages_and_anchors() {
        let catalogue = catalogue(&[
            ("briefings/a/index.html", r#"<h2 id="一总体情况">"#),
            ("briefings/b/index.html", r#"<h2 id="x">"#),
            ("projects/p/index.html", ""),
            ("static/style.css", ""),
        ]);
        let good = [
            link("/briefings/a/", "/projects/p/"),
            link("/briefings/a/", "/projects/p"),
            link("/briefings/a/", "../b/#x"),
            link("/briefings/a/", "#一总体情况"),
            link("/briefings/a/", "#%E4%B8%80%E6%80%BB%E4%BD%93%E6%83%85%E5%86%B5"),
            link("/briefings/a/", "/static/style.css"),
        ];
        assert!(check(&catalogue, &good).is_empty(), "{:?}", check(&catalogue, &good));
        let bad = [
            link("/briefings/a/", "/projects/q/"),
            link("/briefings/a/", "../b/#y"),
            link("/briefings/a/", "#总体情况"),
        ];
        let problems = check(&catalogue, &bad);
        assert_eq!(problems.len(), 3);
        assert!(problems[0].message.contains("`/projects/q/`"));
        assert!(problems[1].message.contains("anchor `#y`"));
        assert_eq!(problems[2].hint.as_deref(), Some("did you mean `#一总体情况`?"));
        assert_eq!(problems[0].location(), "content/briefings/a.md:7:3");
    }
}
