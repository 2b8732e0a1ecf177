//! Who makes each file of the output. Two files at one path, or a file
//! where another output needs a folder, would leave one of them lost (the
//! one written last wins, and which that is depends on the threads): each
//! such clash is an error naming every maker, in an order that depends on
//! nothing but the site. The catalogue of delivered files
//! ([`links::Catalogue`](super::links::Catalogue)) notes the clashes; this
//! module names them.

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::content::front_line;
use crate::render::Renderer;
use crate::render::pages::PageId;

/// What made a file of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Maker {
    Page(PageId),
    /// The theme's static file at this place of `theme.static_files`.
    Static(usize),
    SearchIndex,
    Sitemap,
    Robots,
}

/// Output paths claimed twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Clash {
    /// Two or more makers of the file `path`.
    Same { path: String, makers: Vec<Maker> },
    /// `maker` writes the file `file`, which must be a folder for `inside`
    /// of `inner`.
    Folder {
        file: String,
        maker: Maker,
        inside: String,
        inner: Maker,
    },
}

/// A maker as a diagnostic names it, with the site's own file and line to
/// point at when it is one.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Named {
    at: Option<(String, usize)>,
    text: String,
}

impl Named {
    fn generated(text: String) -> Named {
        Named { at: None, text }
    }

    fn file(path: &str, line: usize, text: String) -> Named {
        Named {
            at: Some((path.to_string(), line)),
            text,
        }
    }
}

/// `maker` named for a diagnostic: the site's own file that made it, or
/// the key of what the build generated (`tags`, `project:p1`,
/// `download:problems.csv`), so that a new kind of page is named without
/// a word here.
fn named(maker: Maker, renderer: &Renderer<'_>) -> Named {
    let site = renderer.site;
    let briefing = |i: usize| {
        renderer
            .derived
            .briefings
            .get(i)
            .and_then(|listed| site.briefings.get(listed.source))
    };
    let generated = |key: &str| Named::generated(format!("the generated `{key}`"));
    match maker {
        Maker::Page(PageId::Briefing(i)) if let Some(b) = briefing(i) => {
            Named::file(&b.path, front_line(&b.front, "slug"), format!("`{}`", b.path))
        }
        Maker::Page(PageId::Word(i)) if let Some(b) = briefing(i) => {
            Named::file(&b.path, front_line(&b.front, "slug"), format!("the Word edition of `{}`", b.path))
        }
        Maker::Page(PageId::Standalone(i)) if let Some(p) = site.pages.get(i) => {
            Named::file(&p.path, front_line(&p.front, "slug"), format!("`{}`", p.path))
        }
        Maker::Page(page) => generated(&renderer.recipe(page).key),
        Maker::Static(i) => {
            let name = site.theme.static_files.get(i).map_or("?", |f| f.name.as_str());
            let path = format!("{}/static/{name}", site.theme.dir);
            let text = format!("`{path}`");
            Named::file(&path, 0, text)
        }
        Maker::SearchIndex => generated("search-index"),
        Maker::Sitemap => generated("sitemap"),
        Maker::Robots => generated("robots"),
    }
}

/// Where a clash between `names` is reported: the first of the site's own
/// files among them (they sort first), else the site itself.
fn location(names: &[&Named]) -> (String, usize) {
    names.iter().find_map(|n| n.at.clone()).unwrap_or_else(|| (".".to_string(), 0))
}

const HINT: &str = "each file of the output has one source: rename or remove one of them";

/// The errors of `clashes`, sorted.
pub(crate) fn errors(clashes: &[Clash], renderer: &Renderer<'_>) -> Diagnostics {
    let mut problems = Vec::new();
    for clash in clashes {
        match clash {
            Clash::Same { path, makers } => {
                let mut names: Vec<Named> = makers.iter().map(|m| named(*m, renderer)).collect();
                // The site's own files first: they are what a person changes.
                names.sort_by(|a, b| (a.at.is_none(), &a.at, &a.text).cmp(&(b.at.is_none(), &b.at, &b.text)));
                let Some((first, others)) = names.split_first() else { continue };
                for other in others {
                    let (file, line) = location(&[first, other]);
                    problems.push(
                        Diagnostic::error(
                            file,
                            line,
                            usize::from(line > 0),
                            format!("two outputs at `{path}`: {} and {}", first.text, other.text),
                        )
                        .with_hint(HINT),
                    );
                }
            }
            Clash::Folder {
                file,
                maker,
                inside,
                inner,
            } => {
                let (outer, inner) = (named(*maker, renderer), named(*inner, renderer));
                let (path, line) = location(&[&inner, &outer]);
                problems.push(
                    Diagnostic::error(
                        path,
                        line,
                        usize::from(line > 0),
                        format!(
                            "the file `{file}` of {} would be the folder of `{inside}` of {}",
                            outer.text, inner.text
                        ),
                    )
                    .with_hint(HINT),
                );
            }
        }
    }
    problems.sort_by(|a, b| (&a.path, a.line, &a.message).cmp(&(&b.path, b.line, &b.message)));
    problems.into_iter().collect()
}

/// The clashes among `files` (output path → maker) and `seconds` (further
/// claims on paths already in `files`), in the order of their paths.
pub(crate) fn clashes<'a>(
    files: impl Fn(&str) -> Option<Maker>,
    paths: impl Iterator<Item = (&'a str, Maker)>,
    seconds: &[(String, Maker)],
) -> Vec<Clash> {
    let mut same: BTreeMap<&str, Vec<Maker>> = BTreeMap::new();
    for (path, maker) in seconds {
        let makers = same.entry(path.as_str()).or_insert_with(|| files(path).into_iter().collect());
        makers.push(*maker);
    }
    // A file where a folder must be: the first path inside it tells.
    let mut folders: BTreeMap<&str, (Maker, &str, Maker)> = BTreeMap::new();
    for (path, maker) in paths {
        for (slash, _) in path.match_indices('/') {
            let folder = &path[..slash];
            if let Some(outer) = files(folder) {
                let entry = folders.entry(folder).or_insert((outer, path, maker));
                if path < entry.1 {
                    *entry = (outer, path, maker);
                }
            }
        }
    }
    let mut found: Vec<Clash> = same
        .into_iter()
        .map(|(path, makers)| Clash::Same {
            path: path.to_string(),
            makers,
        })
        .collect();
    found.extend(folders.into_iter().map(|(file, (maker, inside, inner))| Clash::Folder {
        file: file.to_string(),
        maker,
        inside: inside.to_string(),
        inner,
    }));
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::Derived;
    use crate::load::Site;
    use crate::render::downloads::{Form, Register};
    use crate::render::links::Catalogue;

    /// The basic fixture, loaded and derived.
    fn basic() -> (Site, Derived) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        let (site, _) = crate::load_and_validate(&root, false).expect("the basic fixture loads");
        let derived = crate::derive::derive(&site).expect("the basic fixture derives");
        (site, derived)
    }

    fn renderer<'a>(site: &'a Site, derived: &'a Derived) -> Renderer<'a> {
        Renderer::new(site, derived, &crate::render::RenderOptions::default(), None).expect("templates compile")
    }

    fn messages(problems: &Diagnostics) -> Vec<String> {
        problems.iter().map(|p| format!("{}:{} {}", p.path, p.line, p.message)).collect()
    }

    #[test]
    fn two_claims_on_one_path_are_an_error_naming_both_in_either_order() {
        let (site, derived) = basic();
        let page = site
            .pages
            .iter()
            .position(|p| p.path == "content/pages/about.md")
            .expect("about page");
        let mut seen = Vec::new();
        for order in [
            [Maker::Page(PageId::Feed), Maker::Page(PageId::Standalone(page))],
            [Maker::Page(PageId::Standalone(page)), Maker::Page(PageId::Feed)],
        ] {
            let mut catalogue = Catalogue::default();
            for maker in order {
                catalogue.add("feed.xml", None, maker);
            }
            catalogue.add("index.html", None, Maker::Page(PageId::Home));
            let problems = errors(&catalogue.clashes(), &renderer(&site, &derived));
            seen.push(messages(&problems));
        }
        assert_eq!(
            seen[0],
            ["content/pages/about.md:1 two outputs at `feed.xml`: `content/pages/about.md` and the generated `feed`"]
        );
        assert_eq!(seen[0], seen[1], "the order of arrival changes nothing");
    }

    #[test]
    fn a_static_file_on_a_generated_path_is_named_with_it() {
        let (site, derived) = basic();
        let style = site
            .theme
            .static_files
            .iter()
            .position(|f| f.name == "style.css")
            .expect("style.css");
        let mut catalogue = Catalogue::default();
        catalogue.add(
            "problems/problems.csv",
            None,
            Maker::Page(PageId::Download(Register::Problems, Form::Csv)),
        );
        catalogue.add("problems/problems.csv", None, Maker::Static(style));
        catalogue.add("problems/problems.csv", None, Maker::Page(PageId::Home));
        let problems = errors(&catalogue.clashes(), &renderer(&site, &derived));
        assert_eq!(
            messages(&problems),
            [
                "themes/default/static/style.css:0 two outputs at `problems/problems.csv`: `themes/default/static/style.css` and the generated `download:problems.csv`",
                "themes/default/static/style.css:0 two outputs at `problems/problems.csv`: `themes/default/static/style.css` and the generated `home`",
            ]
        );
    }

    #[test]
    fn a_file_where_a_folder_must_be_is_an_error_naming_both() {
        let (site, derived) = basic();
        let page = site
            .pages
            .iter()
            .position(|p| p.path == "content/pages/about.md")
            .expect("about page");
        let mut catalogue = Catalogue::default();
        catalogue.add("search-index.js/index.html", None, Maker::Page(PageId::Standalone(page)));
        catalogue.add("search-index.js", None, Maker::SearchIndex);
        catalogue.add("search/keys/1.js", None, Maker::SearchIndex);
        catalogue.add("search/index.html", None, Maker::Page(PageId::Search));
        let problems = errors(&catalogue.clashes(), &renderer(&site, &derived));
        assert_eq!(
            messages(&problems),
            [
                "content/pages/about.md:1 the file `search-index.js` of the generated `search-index` would be the folder of `search-index.js/index.html` of `content/pages/about.md`"
            ]
        );
    }

    #[test]
    fn a_page_that_takes_a_generated_path_fails_the_render_naming_both() {
        // Validation refuses the slug; rendering must not trust it did.
        let (mut site, _) = basic();
        let about = site
            .pages
            .iter()
            .position(|p| p.path == "content/pages/about.md")
            .expect("about page");
        site.pages[about].slug = "tags".to_string();
        let derived = crate::derive::derive(&site).expect("derives");
        for check_only in [false, true] {
            let options = crate::render::RenderOptions {
                check_only,
                ..Default::default()
            };
            let problems = crate::render::render(&site, &derived, &options).expect_err("two files at one path");
            assert_eq!(
                messages(&problems),
                ["content/pages/about.md:1 two outputs at `tags/index.html`: `content/pages/about.md` and the generated `tags`"]
            );
        }
    }

    #[test]
    fn distinct_paths_do_not_clash() {
        let mut catalogue = Catalogue::default();
        catalogue.add("briefings/page/index.html", None, Maker::Page(PageId::Briefing(0)));
        catalogue.add("briefings/page/2/index.html", None, Maker::Page(PageId::Archive(2)));
        catalogue.add("briefings/page/page.docx", None, Maker::Page(PageId::Word(0)));
        assert_eq!(catalogue.clashes(), []);
    }
}
