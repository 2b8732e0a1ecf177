//! Routes: where everything the tool produces lives. Every site path —
//! pages, record pages, charts, downloads, Word editions, the search
//! index, the theme's static files, the fixed files (feed, sitemap,
//! robots, 404) — is built here from a [`Section`], the first segment of
//! the path, and gives the file it is written to ([`Route::output_file`]).
//! A standalone page (`/<slug>/`) may not take a section's name
//! ([`is_reserved`]): that list is the sections themselves, so a new kind
//! of page cannot be left out of it. Depends on nothing else of the crate.

use std::fmt::Display;

/// Declares the sections, the list of all of them and their segments at
/// once, so that none can be declared without being in the list.
macro_rules! sections {
    ($($(#[$doc:meta])* $variant:ident => $segment:literal,)*) => {
        /// The first segment of a site path that the tool itself uses: a
        /// folder of the output, or a file at its top.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum Section {
            $($(#[$doc])* $variant,)*
        }

        impl Section {
            /// Every section.
            pub(crate) const ALL: &'static [Section] = &[$(Section::$variant,)*];

            /// The section's segment: its folder or file name.
            pub(crate) const fn segment(self) -> &'static str {
                match self {
                    $(Section::$variant => $segment,)*
                }
            }
        }
    };
}

sections! {
    /// `/`, written as `index.html`.
    Home => "index.html",
    /// The archive (`/briefings/`, `/briefings/page/<n>/`), each briefing
    /// and its Word edition.
    Briefings => "briefings",
    /// `/tags/` and `/tags/<tag>/`.
    Tags => "tags",
    /// The search page and the pieces of its index (`/search/keys/`,
    /// `/search/docs/`).
    Search => "search",
    /// The directory of the search index.
    SearchIndex => "search-index.js",
    Feed => "feed.xml",
    Sitemap => "sitemap.xml",
    Robots => "robots.txt",
    NotFound => "404.html",
    Industries => "industries",
    Projects => "projects",
    Enterprises => "enterprises",
    Units => "units",
    Problems => "problems",
    Supervision => "supervision",
    /// Every chart as `.svg` and its numbers as `.csv`.
    Charts => "charts",
    /// The theme's static files.
    Static => "static",
    /// What `serve` answers itself ([`SERVE_EVENTS`]).
    Serve => "__briefing",
}

/// The live-reload events of `serve`, answered at the server's root.
pub(crate) const SERVE_EVENTS: &str = "/__briefing/events";

/// A site path the tool produces (`/briefings/x/`, `/charts/a.svg`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Route(String);

impl Route {
    /// `/<section>/<rest>`: every route but the home page and standalone
    /// pages is made here.
    fn under(section: Section, rest: impl Display) -> Route {
        Route(format!("/{}/{rest}", section.segment()))
    }

    /// `/<section>/<name>/`, the page of one thing of a section: built
    /// without the formatting machinery, as there are tens of thousands
    /// (every link to a record).
    fn folder(section: Section, name: &str) -> Route {
        let segment = section.segment();
        let mut path = String::with_capacity(segment.len() + name.len() + 3);
        path.push('/');
        path.push_str(segment);
        path.push('/');
        path.push_str(name);
        path.push('/');
        Route(path)
    }

    /// `/<section>`: a file at the top of the output.
    fn top_file(section: Section) -> Route {
        Route(format!("/{}", section.segment()))
    }

    pub(crate) fn home() -> Route {
        Route("/".to_string())
    }

    /// Page `n` (from 1) of the archive.
    pub(crate) fn archive(n: usize) -> Route {
        if n <= 1 {
            Route::under(Section::Briefings, "")
        } else {
            Route::under(Section::Briefings, format_args!("page/{n}/"))
        }
    }

    pub(crate) fn briefing(slug: &str) -> Route {
        Route::folder(Section::Briefings, slug)
    }

    /// The Word edition of a briefing: `/briefings/<slug>/<slug>.docx`.
    pub(crate) fn word(slug: impl Display) -> Route {
        Route::under(Section::Briefings, format_args!("{slug}/{slug}.docx"))
    }

    /// A standalone page, `/<slug>/` (its slug is not [reserved](is_reserved)).
    pub(crate) fn page(slug: &str) -> Route {
        Route(format!("/{slug}/"))
    }

    pub(crate) fn tags() -> Route {
        Route::under(Section::Tags, "")
    }

    pub(crate) fn tag(name: &str) -> Route {
        Route::folder(Section::Tags, name)
    }

    pub(crate) fn search() -> Route {
        Route::under(Section::Search, "")
    }

    /// The directory of the search index.
    pub(crate) fn search_index() -> Route {
        Route::top_file(Section::SearchIndex)
    }

    /// Key shard `n` of the search index.
    pub(crate) fn search_keys(shard: impl Display) -> Route {
        Route::under(Section::Search, format_args!("keys/{shard}.js"))
    }

    /// A run of the search index's documents (`<kind>-<n>`).
    pub(crate) fn search_docs(run: impl Display) -> Route {
        Route::under(Section::Search, format_args!("docs/{run}.js"))
    }

    pub(crate) fn feed() -> Route {
        Route::top_file(Section::Feed)
    }

    pub(crate) fn sitemap() -> Route {
        Route::top_file(Section::Sitemap)
    }

    pub(crate) fn robots() -> Route {
        Route::top_file(Section::Robots)
    }

    pub(crate) fn not_found() -> Route {
        Route::top_file(Section::NotFound)
    }

    pub(crate) fn industries() -> Route {
        Route::under(Section::Industries, "")
    }

    pub(crate) fn industry(id: &str) -> Route {
        Route::folder(Section::Industries, id)
    }

    pub(crate) fn projects() -> Route {
        Route::under(Section::Projects, "")
    }

    pub(crate) fn project(id: &str) -> Route {
        Route::folder(Section::Projects, id)
    }

    pub(crate) fn enterprises() -> Route {
        Route::under(Section::Enterprises, "")
    }

    pub(crate) fn enterprise(id: &str) -> Route {
        Route::folder(Section::Enterprises, id)
    }

    pub(crate) fn units() -> Route {
        Route::under(Section::Units, "")
    }

    pub(crate) fn unit(id: &str) -> Route {
        Route::folder(Section::Units, id)
    }

    pub(crate) fn problems() -> Route {
        Route::under(Section::Problems, "")
    }

    pub(crate) fn supervision() -> Route {
        Route::under(Section::Supervision, "")
    }

    /// The register of `section` as a file to download:
    /// `/problems/problems.csv`.
    pub(crate) fn download(section: Section, extension: &str) -> Route {
        let name = section.segment();
        Route::under(section, format_args!("{name}.{extension}"))
    }

    pub(crate) fn chart_svg(id: impl Display) -> Route {
        Route::under(Section::Charts, format_args!("{id}.svg"))
    }

    /// The numbers of a chart.
    pub(crate) fn chart_csv(id: impl Display) -> Route {
        Route::under(Section::Charts, format_args!("{id}.csv"))
    }

    /// A file of the theme's `static/` folder, by its path there.
    pub(crate) fn static_file(name: impl Display) -> Route {
        Route::under(Section::Static, name)
    }

    /// The site path.
    pub(crate) fn path(&self) -> &str {
        &self.0
    }

    pub(crate) fn into_path(self) -> String {
        self.0
    }

    /// The file of the output this route is written to.
    pub(crate) fn output_file(&self) -> String {
        output_file(&self.0)
    }
}

impl From<Route> for String {
    fn from(route: Route) -> String {
        route.0
    }
}

/// The id of a problem's row on its enterprise's page.
pub(crate) fn problem_fragment(id: impl Display) -> String {
    format!("problem-{id}")
}

/// Output file of a site path: `/briefings/x/` → `briefings/x/index.html`,
/// `/charts/a.svg` → `charts/a.svg`.
pub(crate) fn output_file(site_path: &str) -> String {
    let trimmed = site_path.trim_start_matches('/');
    if trimmed.is_empty() || trimmed.ends_with('/') {
        format!("{trimmed}index.html")
    } else {
        trimmed.to_string()
    }
}

/// Site path of an output file, the inverse of [`output_file`]:
/// `briefings/x/index.html` → `/briefings/x/`.
pub(crate) fn site_path(output_file: &str) -> String {
    let folder = match output_file.strip_suffix("index.html") {
        Some(folder) if folder.is_empty() || folder.ends_with('/') => folder,
        _ => output_file,
    };
    format!("/{folder}")
}

/// Whether a standalone page may not take `slug`: it is a section's name,
/// in any case (on Windows and macOS `/Briefings/` is `/briefings/`).
pub(crate) fn is_reserved(slug: &str) -> bool {
    let folded = slug.to_lowercase();
    Section::ALL.iter().any(|section| section.segment() == folded)
}

/// The names a standalone page may not take (for tests of the whole
/// tool).
pub fn reserved_segments() -> impl Iterator<Item = &'static str> {
    Section::ALL.iter().map(|section| section.segment())
}

/// Whether the output file `path` is a chart's SVG.
pub(crate) fn is_chart_svg(path: &str) -> bool {
    path.strip_prefix(Section::Charts.segment())
        .is_some_and(|rest| rest.starts_with('/') && rest.ends_with(".svg"))
}

/// Whether the output file `path` is part of the search index.
pub(crate) fn is_search_index(path: &str) -> bool {
    path == Section::SearchIndex.segment()
        || path
            .strip_prefix(Section::Search.segment())
            .is_some_and(|rest| rest.starts_with("/keys/") || rest.starts_with("/docs/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_follow_the_design() {
        let cases = [
            (Route::home(), "/", "index.html"),
            (Route::archive(1), "/briefings/", "briefings/index.html"),
            (Route::archive(3), "/briefings/page/3/", "briefings/page/3/index.html"),
            (Route::briefing("h1"), "/briefings/h1/", "briefings/h1/index.html"),
            (Route::word("h1"), "/briefings/h1/h1.docx", "briefings/h1/h1.docx"),
            (Route::page("about"), "/about/", "about/index.html"),
            (Route::tags(), "/tags/", "tags/index.html"),
            (Route::tag("冷链"), "/tags/冷链/", "tags/冷链/index.html"),
            (Route::search(), "/search/", "search/index.html"),
            (Route::search_index(), "/search-index.js", "search-index.js"),
            (Route::search_keys(7), "/search/keys/7.js", "search/keys/7.js"),
            (Route::search_docs("0-2"), "/search/docs/0-2.js", "search/docs/0-2.js"),
            (Route::feed(), "/feed.xml", "feed.xml"),
            (Route::sitemap(), "/sitemap.xml", "sitemap.xml"),
            (Route::robots(), "/robots.txt", "robots.txt"),
            (Route::not_found(), "/404.html", "404.html"),
            (Route::industries(), "/industries/", "industries/index.html"),
            (Route::industry("food"), "/industries/food/", "industries/food/index.html"),
            (Route::projects(), "/projects/", "projects/index.html"),
            (Route::project("p"), "/projects/p/", "projects/p/index.html"),
            (Route::enterprises(), "/enterprises/", "enterprises/index.html"),
            (Route::enterprise("e"), "/enterprises/e/", "enterprises/e/index.html"),
            (Route::units(), "/units/", "units/index.html"),
            (Route::unit("u"), "/units/u/", "units/u/index.html"),
            (Route::problems(), "/problems/", "problems/index.html"),
            (Route::supervision(), "/supervision/", "supervision/index.html"),
            (Route::download(Section::Units, "xlsx"), "/units/units.xlsx", "units/units.xlsx"),
            (
                Route::chart_svg("output-growth"),
                "/charts/output-growth.svg",
                "charts/output-growth.svg",
            ),
            (
                Route::chart_csv("output-growth"),
                "/charts/output-growth.csv",
                "charts/output-growth.csv",
            ),
            (Route::static_file("a/style.css"), "/static/a/style.css", "static/a/style.css"),
        ];
        for (route, path, file) in cases {
            assert_eq!(route.path(), path);
            assert_eq!(route.output_file(), file, "{path}");
            assert_eq!(site_path(&route.output_file()), path.trim_end_matches("index.html"), "{path}");
        }
        assert_eq!(problem_fragment("p1"), "problem-p1");
    }

    #[test]
    fn every_route_but_standalone_pages_starts_with_a_section() {
        // The home page is the section `index.html`, a top file.
        let tops = |route: &Route| output_file(route.path()).split('/').next().unwrap_or_default().to_string();
        for route in [
            Route::home(),
            Route::feed(),
            Route::search_index(),
            Route::word("x"),
            Route::static_file("y"),
        ] {
            assert!(is_reserved(&tops(&route)), "{route:?}");
        }
        assert!(SERVE_EVENTS.starts_with(&format!("/{}/", Section::Serve.segment())));
    }

    #[test]
    fn sections_are_reserved_in_any_case_and_pages_are_not() {
        for section in Section::ALL {
            assert!(is_reserved(section.segment()));
            assert!(is_reserved(&section.segment().to_uppercase()));
        }
        assert_eq!(reserved_segments().count(), Section::ALL.len());
        for slug in ["about", "briefing", "chart", "index"] {
            assert!(!is_reserved(slug), "{slug}");
        }
    }

    #[test]
    fn output_files_and_site_paths_are_inverse() {
        assert_eq!(output_file("/"), "index.html");
        assert_eq!(site_path("index.html"), "/");
        assert_eq!(site_path("static/myindex.html"), "/static/myindex.html");
        assert_eq!(site_path("charts/a.svg"), "/charts/a.svg");
    }

    #[test]
    fn kinds_of_output_files() {
        assert!(is_chart_svg("charts/a.svg"));
        assert!(!is_chart_svg("charts/a.csv"));
        assert!(!is_chart_svg("chartsx/a.svg"));
        assert!(is_search_index("search-index.js"));
        assert!(is_search_index("search/keys/3.js"));
        assert!(is_search_index("search/docs/0-1.js"));
        assert!(!is_search_index("search/index.html"));
    }
}
