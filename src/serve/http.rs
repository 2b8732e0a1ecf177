//! A small HTTP/1.1 server for the preview: GET and HEAD of files held in
//! memory, server-sent events for reloading, nothing from the disk. Paths
//! are decoded and checked, so `..`, `%2e%2e` and absolute paths reach
//! nothing outside the built site. A request head is read, and a response
//! written, within a deadline for the whole of it ([`Deadline`]).

use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// A request line we answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Request {
    pub(crate) method: String,
    /// Path without the query, percent-decoded.
    pub(crate) path: String,
    /// The `Host` header, if sent.
    pub(crate) host: Option<String>,
}

/// Why a request was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// The request line is longer than [`MAX_LINE`] (414).
    LineTooLong,
    /// The headers are longer than [`MAX_HEADERS`] bytes or lines (431).
    HeadersTooLarge,
    /// The head did not arrive within its deadline (408).
    TimedOut,
    /// The connection closed, failed or sent no request line.
    Gone,
}

/// A connection read or written within a deadline for the whole exchange:
/// each read or write waits only for what is left of the time, so a
/// client that sends (or takes) a byte now and then cannot hold the
/// connection longer than that.
pub(crate) struct Deadline<'s> {
    stream: &'s TcpStream,
    until: Instant,
}

impl<'s> Deadline<'s> {
    pub(crate) fn new(stream: &'s TcpStream, within: Duration) -> Deadline<'s> {
        Deadline {
            stream,
            until: Instant::now() + within,
        }
    }

    /// The time left, or a time-out error when there is none.
    fn left(&self) -> io::Result<Duration> {
        let left = self.until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::Error::from(io::ErrorKind::TimedOut));
        }
        Ok(left)
    }
}

impl Read for Deadline<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.stream.set_read_timeout(Some(self.left()?))?;
        let mut stream = self.stream;
        stream.read(buf)
    }
}

impl Write for Deadline<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.stream.set_write_timeout(Some(self.left()?))?;
        let mut stream = self.stream;
        stream.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        let mut stream = self.stream;
        stream.flush()
    }
}

/// Whether `error` is a read or write that ran out of time.
fn timed_out(error: &io::Error) -> bool {
    matches!(error.kind(), io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock)
}

/// Why reading failed: out of time, or anything else.
fn refusal(error: io::Error) -> Refusal {
    if timed_out(&error) { Refusal::TimedOut } else { Refusal::Gone }
}

/// Longest request line read.
pub(crate) const MAX_LINE: usize = 8 * 1024;
/// Most bytes of headers read, and most header lines.
pub(crate) const MAX_HEADERS: usize = 32 * 1024;
const MAX_HEADER_LINES: usize = 100;

/// A response to write.
pub(crate) struct Response {
    pub(crate) status: u16,
    pub(crate) content_type: &'static str,
    pub(crate) body: Vec<u8>,
    pub(crate) location: Option<String>,
}

/// Content type by file extension.
pub(crate) fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit('.').next().unwrap_or_default().to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// `%XX` escapes decoded, or `None` for an invalid escape or bad UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let (bytes, valid) = crate::render::urls::percent_decode(text);
    if valid { String::from_utf8(bytes).ok() } else { None }
}

/// Turns a request target into a clean site path, or `None` when it tries
/// to climb out (`..`), uses backslashes or NUL, or is not a path.
pub(crate) fn clean_path(target: &str) -> Option<String> {
    let raw = target.split(['?', '#']).next().unwrap_or_default();
    if !raw.starts_with('/') {
        return None;
    }
    let decoded = percent_decode(raw)?;
    if decoded.contains('\\') || decoded.contains('\0') || decoded.split('/').any(|s| s == ".." || s == ".") || decoded.contains("//") {
        return None;
    }
    Some(decoded)
}

/// Reads one line of at most `limit` bytes; `Ok(None)` when it is longer.
fn read_line_within(reader: &mut impl BufRead, limit: usize) -> std::io::Result<Option<String>> {
    let mut bytes = Vec::new();
    reader.take(limit as u64 + 1).read_until(b'\n', &mut bytes)?;
    if bytes.len() > limit {
        return Ok(None);
    }
    Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
}

/// Reads the request line and headers of one request, within the limits:
/// a request line of [`MAX_LINE`] bytes, headers of [`MAX_HEADERS`] bytes
/// and 100 lines, all of it `within` the time given. Nothing beyond them
/// is read into memory.
pub(crate) fn read_request(stream: &TcpStream, within: Duration) -> Result<Request, Refusal> {
    let mut reader = BufReader::new(Deadline::new(stream, within));
    let line = read_line_within(&mut reader, MAX_LINE)
        .map_err(refusal)?
        .ok_or(Refusal::LineTooLong)?;
    let mut parts = line.split_whitespace();
    let method = parts.next().ok_or(Refusal::Gone)?.to_string();
    let target = parts.next().ok_or(Refusal::Gone)?.to_string();
    let mut host = None;
    let mut budget = MAX_HEADERS;
    for lines in 0.. {
        let header = read_line_within(&mut reader, budget)
            .map_err(refusal)?
            .ok_or(Refusal::HeadersTooLarge)?;
        if header.is_empty() || header == "\r\n" || header == "\n" {
            break;
        }
        if lines >= MAX_HEADER_LINES {
            return Err(Refusal::HeadersTooLarge);
        }
        budget -= header.len();
        if let Some((name, value)) = header.split_once(':')
            && name.trim().eq_ignore_ascii_case("host")
        {
            host = Some(value.trim().to_string());
        }
    }
    let path = clean_path(&target).unwrap_or_else(|| "/\0invalid".to_string());
    Ok(Request { method, path, host })
}

/// Whether a `Host` header names this server rather than some other name
/// that resolves to it (a DNS-rebinding page): `localhost` and loopback
/// addresses, the address listened on, and any address literal when
/// listening on all of them. The port is not compared.
pub(crate) fn host_allowed(host: &str, bound: std::net::IpAddr) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => match rest.split_once(']') {
            Some((address, _)) => address,
            None => return false,
        },
        None => host.rsplit_once(':').map_or(
            host,
            |(name, port)| if port.chars().all(|c| c.is_ascii_digit()) { name } else { host },
        ),
    };
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    match name.parse::<std::net::IpAddr>() {
        Ok(address) => address.is_loopback() || address == bound || bound.is_unspecified(),
        Err(_) => false,
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        408 => "Request Timeout",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Internal Server Error",
    }
}

/// Writes `response` (headers only for HEAD).
pub(crate) fn write_response(stream: &mut impl Write, response: &Response, head_only: bool) -> std::io::Result<()> {
    let mut headers: HashMap<&str, String> = HashMap::new();
    headers.insert("Content-Type", response.content_type.to_string());
    headers.insert("Content-Length", response.body.len().to_string());
    headers.insert("Cache-Control", "no-store".to_string());
    headers.insert("X-Content-Type-Options", "nosniff".to_string());
    if let Some(location) = &response.location {
        headers.insert("Location", location.clone());
    }
    let mut head = format!("HTTP/1.1 {} {}\r\nConnection: close\r\n", response.status, reason(response.status));
    let mut names: Vec<_> = headers.keys().copied().collect();
    names.sort_unstable();
    for name in names {
        head.push_str(&format!("{name}: {}\r\n", headers[name]));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(&response.body)?;
    }
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_is_refused() {
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/a/%2E%2E/%2e%2e/x",
            "/a\\b",
            "//etc/passwd",
            "etc/passwd",
            "/%00",
            "/./x",
            "/%+1",
            "/%2",
        ] {
            assert_eq!(clean_path(bad), None, "{bad}");
        }
        assert_eq!(
            clean_path("/briefings/%E7%AE%80%E6%8A%A5/?q=1").as_deref(),
            Some("/briefings/简报/")
        );
    }

    #[test]
    fn only_names_of_this_server_are_answered() {
        let loopback: std::net::IpAddr = "127.0.0.1".parse().unwrap();
        for good in [
            "localhost",
            "localhost:1111",
            "LOCALHOST:1111",
            "127.0.0.1:1111",
            "[::1]:1111",
            "127.0.0.2",
        ] {
            assert!(host_allowed(good, loopback), "{good}");
        }
        for bad in [
            "evil.example:1111",
            "evil.example",
            "localhost.evil.example",
            "192.168.1.5:1111",
            "",
            "[::1",
        ] {
            assert!(!host_allowed(bad, loopback), "{bad}");
        }
        let lan: std::net::IpAddr = "192.168.1.5".parse().unwrap();
        assert!(host_allowed("192.168.1.5:1111", lan));
        assert!(!host_allowed("intranet.example:1111", lan));
        let any: std::net::IpAddr = "0.0.0.0".parse().unwrap();
        assert!(host_allowed("10.0.0.7:1111", any));
        assert!(!host_allowed("rebind.example:1111", any));
    }

    #[test]
    fn long_lines_are_cut_off() {
        let mut short = std::io::Cursor::new(b"GET / HTTP/1.1\r\n".to_vec());
        assert_eq!(read_line_within(&mut short, 100).unwrap().as_deref(), Some("GET / HTTP/1.1\r\n"));
        let mut long = std::io::Cursor::new(vec![b'a'; 1000]);
        assert_eq!(read_line_within(&mut long, 100).unwrap(), None);
        assert_eq!(long.position(), 101);
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("charts/a.svg"), "image/svg+xml");
        assert_eq!(content_type("feed.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("search.json"), "application/json");
        assert_eq!(content_type("static/search.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("static/style.css"), "text/css; charset=utf-8");
    }
}
