//! Links: how a link from one page to another is written — under the
//! `base_url` path, or relative so the site works from any folder and from
//! `file://`. Where each page lives is [`crate::routes`].

use crate::routes::output_file;

/// How links are written for this build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Links {
    /// Path part of `base_url`, starting and ending with `/`.
    pub base_path: String,
    /// Scheme and host of `base_url` (`https://host`), or empty.
    pub origin: String,
    /// Write every link relative to the page that holds it.
    pub relative: bool,
}

/// Splits `/a/b/?q=1#x` into `/a/b/` and `?q=1#x`.
fn split_suffix(target: &str) -> (&str, &str) {
    match target.find(['?', '#']) {
        Some(i) => (&target[..i], &target[i..]),
        None => (target, ""),
    }
}

impl Links {
    /// The link written on the page at site path `from` (e.g.
    /// `/briefings/x/`) to the site path `to` (e.g. `/projects/#started`).
    /// Targets that are not site paths (`https://…`, `#x`, `mailto:`) are
    /// returned unchanged.
    pub(crate) fn href(&self, from: &str, to: &str) -> String {
        if !to.starts_with('/') || to.starts_with("//") {
            return to.to_string();
        }
        let (path, suffix) = split_suffix(to);
        if self.relative {
            let depth = from.trim_start_matches('/').matches('/').count();
            let up = "../".repeat(depth);
            // `/about` is the page `/about/`: from disk it must name the file.
            let last = path.rsplit('/').next().unwrap_or_default();
            let directory = if !last.is_empty() && !last.contains('.') {
                format!("{path}/")
            } else {
                path.to_string()
            };
            let file = output_file(&directory);
            let file = if file == "index.html" && path.is_empty() {
                String::new()
            } else {
                file
            };
            format!("{up}{file}{suffix}")
        } else {
            // Built by hand: templates call this for every link of a page.
            let path = path.trim_start_matches('/');
            let mut href = String::with_capacity(self.base_path.len() + path.len() + suffix.len());
            href.push_str(&self.base_path);
            href.push_str(path);
            href.push_str(suffix);
            href
        }
    }

    /// The site target an absolute URL on the host of `base_url` stands
    /// for (`http://host/bangfu/projects/` → `/projects/`), if `url` is
    /// one (see [`site_url`](super::site_url)).
    pub(crate) fn site_target(&self, url: &str) -> Option<String> {
        // Most links are plain paths or lead elsewhere: only those with a
        // scheme or two slashes are read further.
        let mut start = url.chars().filter(|c| !c.is_ascii_whitespace());
        let two_slashes = matches!((start.next(), start.next()), (Some('/' | '\\'), Some('/' | '\\')));
        let may_be = two_slashes || url.contains(':');
        if self.origin.is_empty() || !may_be {
            return None;
        }
        let origin = super::site_url::Origin::parse(&self.origin)?;
        super::site_url::site_target(url, &origin, &self.base_path)
    }

    /// The absolute URL of site path `to`, for feeds and sitemaps; a
    /// root-relative one when `base_url` has no host.
    pub(crate) fn absolute(&self, to: &str) -> String {
        format!("{}{}{}", self.origin, self.base_path, to.trim_start_matches('/'))
    }
}

/// Decodes `%XX` escapes. Returns the bytes and whether every `%` began a
/// valid escape, two hexadecimal digits (an invalid one is kept as written).
pub(crate) fn percent_decode(text: &str) -> (Vec<u8>, bool) {
    let bytes = text.as_bytes();
    let valid = memchr::memchr_iter(b'%', bytes).all(|i| bytes.get(i + 1..i + 3).is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit)));
    (percent_encoding::percent_decode(bytes).collect(), valid)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(base_path: &str, relative: bool) -> Links {
        Links {
            base_path: base_path.to_string(),
            origin: "https://x.cn".to_string(),
            relative,
        }
    }

    #[test]
    fn percent_escapes_decode_and_bad_ones_are_flagged() {
        assert_eq!(percent_decode("/a%2Fb%e7%AE%80"), (b"/a/b\xe7\xae\x80".to_vec(), true));
        assert_eq!(percent_decode("100%zz"), (b"100%zz".to_vec(), false));
        assert_eq!(percent_decode("%4"), (b"%4".to_vec(), false));
        // `u8::from_str_radix` would read `+1` as a number.
        assert_eq!(percent_decode("%+1"), (b"%+1".to_vec(), false));
        assert_eq!(percent_decode("a%-1b"), (b"a%-1b".to_vec(), false));
    }

    #[test]
    fn base_path_prefixes_site_links() {
        let l = links("/bangfu/", false);
        assert_eq!(l.href("/briefings/x/", "/projects/"), "/bangfu/projects/");
        assert_eq!(l.href("/", "/"), "/bangfu/");
        assert_eq!(l.href("/", "https://gov.cn/"), "https://gov.cn/");
        assert_eq!(l.href("/", "#top"), "#top");
        assert_eq!(l.absolute("/feed.xml"), "https://x.cn/bangfu/feed.xml");
    }

    #[test]
    fn relative_links_work_from_disk() {
        let l = links("/", true);
        assert_eq!(l.href("/briefings/x/", "/projects/"), "../../projects/index.html");
        assert_eq!(l.href("/briefings/x/", "/"), "../../index.html");
        assert_eq!(l.href("/", "/static/style.css"), "static/style.css");
        assert_eq!(l.href("/about/", "/search/?q=冷链"), "../search/index.html?q=冷链");
        assert_eq!(l.href("/404.html", "/briefings/#y"), "briefings/index.html#y");
        assert_eq!(l.href("/briefings/x/", "/about"), "../../about/index.html");
        assert_eq!(l.href("/briefings/x/", "/about#a"), "../../about/index.html#a");
    }
}
