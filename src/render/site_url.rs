//! Absolute URLs that lead into the site: an http(s) URL (or a
//! scheme-relative `//host/…`) whose host is `base_url`'s and whose path
//! lies under `base_url`'s path is a site link like `/projects/`, checked
//! and rewritten as one. URLs are read the way a browser reads them: any
//! case in the scheme and host, the default port or `base_url`'s own,
//! user names, backslashes, tabs and newlines, `.` and `..` segments
//! (also as `%2e`), percent escapes and the other spellings of an IPv4
//! address in the host.

use crate::render::urls::percent_decode;

/// A host, compared the way a browser compares hosts.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Host {
    Ipv4(u32),
    Name(String),
}

/// Scheme, host and port of `base_url`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Origin {
    https: bool,
    host: Host,
    port: u16,
}

fn default_port(https: bool) -> u16 {
    if https { 443 } else { 80 }
}

/// `http` or `https` (any case) at the start of `url`, with the rest.
fn scheme(url: &str) -> Option<(bool, &str)> {
    let colon = url.find(':')?;
    let https = match url[..colon].to_ascii_lowercase().as_str() {
        "http" => false,
        "https" => true,
        _ => return None,
    };
    Some((https, &url[colon + 1..]))
}

/// One part of an IPv4 address: decimal, `0x` hexadecimal or `0` octal.
fn ipv4_number(part: &str) -> Option<u64> {
    if let Some(hex) = part.strip_prefix("0x").or_else(|| part.strip_prefix("0X")) {
        return if hex.is_empty() {
            Some(0)
        } else {
            u64::from_str_radix(hex, 16).ok()
        };
    }
    if part.len() > 1 && part.starts_with('0') {
        return u64::from_str_radix(&part[1..], 8).ok();
    }
    part.parse().ok()
}

/// The host `10.1.1.20`, `0x0a.1.1.20`, `167837972` … as a number; `None`
/// for a host name.
fn ipv4(host: &str) -> Option<u32> {
    let host = host.strip_suffix('.').unwrap_or(host);
    let parts: Vec<&str> = host.split('.').collect();
    let last = parts.last()?;
    if last.is_empty() || !(last.bytes().all(|b| b.is_ascii_digit()) || last.starts_with("0x") || last.starts_with("0X")) {
        return None;
    }
    if parts.len() > 4 {
        return None;
    }
    let numbers: Vec<u64> = parts.iter().map(|p| ipv4_number(p)).collect::<Option<_>>()?;
    let (last, first) = numbers.split_last()?;
    if first.iter().any(|&n| n > 255) || *last >= 1u64 << (8 * (5 - numbers.len())) {
        return None;
    }
    let mut address = *last;
    for (i, n) in first.iter().enumerate() {
        address += n << (8 * (3 - i));
    }
    u32::try_from(address).ok()
}

/// Host and port of an authority (`user@Host:port`); `None` when it is not
/// a usable one.
fn host_and_port(authority: &str, https: bool) -> Option<(Host, u16)> {
    let host_port = authority.rsplit('@').next().unwrap_or(authority);
    let (host, port) = if host_port.starts_with('[') {
        let close = host_port.find(']')?;
        (&host_port[..=close], &host_port[close + 1..])
    } else {
        match host_port.rfind(':') {
            Some(colon) => (&host_port[..colon], &host_port[colon..]),
            None => (host_port, ""),
        }
    };
    let port = match port {
        "" | ":" => default_port(https),
        _ => {
            let digits = port.strip_prefix(':').filter(|d| d.bytes().all(|b| b.is_ascii_digit()))?;
            digits.parse().ok()?
        }
    };
    let host = String::from_utf8_lossy(&percent_decode(host).0).to_lowercase();
    if host.is_empty() {
        return None;
    }
    let host = match ipv4(&host) {
        Some(address) => Host::Ipv4(address),
        None => Host::Name(host.strip_suffix('.').unwrap_or(&host).to_string()),
    };
    Some((host, port))
}

impl Origin {
    /// The origin of `https://host:port` (as `Links::origin` holds it).
    pub(crate) fn parse(origin: &str) -> Option<Origin> {
        let (https, rest) = scheme(origin)?;
        let authority = rest.strip_prefix("//")?;
        let (host, port) = host_and_port(authority, https)?;
        Some(Origin { https, host, port })
    }
}

/// `path` with its `.` and `..` segments (also written `%2e`) resolved;
/// as in a browser, `..` stops at the root.
fn without_dot_segments(path: &str) -> String {
    let is = |segment: &str, dots: &str| segment.to_ascii_lowercase().replace("%2e", ".") == dots;
    let mut parts: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let mut trailing = false;
    for segment in &segments {
        trailing = false;
        if is(segment, ".") {
            trailing = true;
        } else if is(segment, "..") {
            parts.pop();
            trailing = true;
        } else {
            parts.push(segment);
        }
    }
    let mut out = format!("/{}", parts.join("/"));
    if trailing && !out.ends_with('/') {
        out.push('/');
    }
    out
}

/// The site target `url` stands for, when it is an absolute URL on the
/// host of `origin` under `base_path` (`/…`, with its query and fragment),
/// or a same-scheme relative one (`http:x/`, which a browser reads as
/// `x/`); `None` for every other URL.
pub(crate) fn site_target(url: &str, origin: &Origin, base_path: &str) -> Option<String> {
    // A browser drops tabs and newlines anywhere, spaces and controls at
    // the ends.
    let url: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let is_slash = |c: char| c == '/' || c == '\\';
    let (https, rest) = match scheme(&url) {
        Some((https, rest)) => {
            // With the page's own scheme, fewer than two slashes make a
            // relative URL: `http:/x/` is `/x/` on this host, `http:x/`
            // is `x/`.
            let mut start = rest.chars().map(is_slash);
            if https == origin.https {
                match (start.next(), start.next()) {
                    (Some(true), Some(true)) => {}
                    (Some(true), _) => return under(&rest.replace('\\', "/"), base_path),
                    _ => return Some(rest.to_string()),
                }
            }
            (https, rest)
        }
        None if url.starts_with("//") || url.starts_with("\\\\") || url.starts_with("/\\") || url.starts_with("\\/") => {
            (origin.https, url.as_str())
        }
        None => return None,
    };
    let rest = rest.trim_start_matches(is_slash);
    let authority_end = rest.find(['/', '\\', '?', '#']).unwrap_or(rest.len());
    let (host, port) = host_and_port(&rest[..authority_end], https)?;
    if host != origin.host || (port != default_port(https) && port != origin.port) {
        return None;
    }
    let rest = &rest[authority_end..];
    let path_end = rest.find(['?', '#']).unwrap_or(rest.len());
    let path = rest[..path_end].replace('\\', "/");
    let path = if path.is_empty() { "/".to_string() } else { path };
    under(&format!("{path}{}", &rest[path_end..]), base_path)
}

/// The site path of the host path `path` (with its query and fragment),
/// when it lies under `base_path`.
fn under(path: &str, base_path: &str) -> Option<String> {
    let path_end = path.find(['?', '#']).unwrap_or(path.len());
    let (path, suffix) = path.split_at(path_end);
    let inside = |path: &str| match path.strip_prefix(base_path) {
        Some(inside) => Some(inside.to_string()),
        None if path == base_path.trim_end_matches('/') => Some(String::new()),
        None => None,
    };
    let path = without_dot_segments(path);
    // A server decodes `%XX` before it looks for the file.
    let inside = inside(&path).or_else(|| inside(&without_dot_segments(&String::from_utf8_lossy(&percent_decode(&path).0))))?;
    Some(format!("/{inside}{suffix}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(url: &str, origin: &str, base_path: &str) -> Option<String> {
        site_target(url, &Origin::parse(origin).expect("origin"), base_path)
    }

    #[test]
    fn urls_on_the_host_of_base_url_are_site_links() {
        let at = |url: &str| target(url, "http://10.1.1.20", "/");
        for url in [
            "http://10.1.1.20/enterprises/x/",
            "HTTP://10.1.1.20:80/enterprises/x/",
            "https://10.1.1.20/enterprises/x/",
            "//10.1.1.20/enterprises/x/",
            "http://user:pw@10.1.1.20/enterprises/x/",
            "http:\\\\10.1.1.20\\enterprises\\x\\",
            "http:///10.1.1.20/enterprises/x/",
            "  http://10.1.1.20/enter\nprises/x/ ",
            "http://0x0a.1.1.20/enterprises/x/",
            "http://167837972/enterprises/x/",
            "http://%31%30.1.1.20/enterprises/x/",
            "http://10.1.1.20/a/../enterprises/./x/",
            "http://10.1.1.20/a/%2E%2e/enterprises/x/",
            "http:/enterprises/x/",
        ] {
            assert_eq!(at(url).as_deref(), Some("/enterprises/x/"), "{url}");
        }
        assert_eq!(at("http://10.1.1.20").as_deref(), Some("/"));
        assert_eq!(at("http://10.1.1.20/p/?q=1#a").as_deref(), Some("/p/?q=1#a"));
        assert_eq!(at("http:x/").as_deref(), Some("x/"));
        // `..` stops at the root, as in a browser.
        assert_eq!(at("http://10.1.1.20/../x/").as_deref(), Some("/x/"));
        for url in [
            "http://10.1.1.21/enterprises/x/",
            "http://10.1.1.20:8080/enterprises/x/",
            "http://10.1.1.20.example.cn/x/",
            "ftp://10.1.1.20/x/",
            "mailto:a@10.1.1.20",
            "/enterprises/x/",
            "x/",
            "https:x/",
        ] {
            assert_eq!(at(url), None, "{url}");
        }
    }

    #[test]
    fn the_port_and_path_of_base_url_count() {
        let at = |url: &str| target(url, "https://Example.gov.cn:8443", "/bangfu/");
        assert_eq!(at("https://example.GOV.cn:8443/bangfu/x/").as_deref(), Some("/x/"));
        assert_eq!(at("https://example.gov.cn/bangfu/x/").as_deref(), Some("/x/"));
        assert_eq!(at("http://example.gov.cn.:80/bangfu").as_deref(), Some("/"));
        assert_eq!(at("https://example.gov.cn:9443/bangfu/x/"), None);
        assert_eq!(at("https://example.gov.cn/other/x/"), None);
        assert_eq!(at("https://example.gov.cn/bangfux/"), None);
        assert_eq!(at("https://example.gov.cn/other/../bangfu/x/").as_deref(), Some("/x/"));
        assert_eq!(at("https://example.gov.cn/bang%66u/x/").as_deref(), Some("/x/"));
    }
}
