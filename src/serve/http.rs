//! A small HTTP/1.1 server for the preview: GET and HEAD of files held in
//! memory, server-sent events for reloading, nothing from the disk. Paths
//! are decoded and checked, so `..`, `%2e%2e` and absolute paths reach
//! nothing outside the built site.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::Duration;

/// A request line we answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    /// Path without the query, percent-decoded.
    pub path: String,
}

/// A response to write.
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    pub location: Option<String>,
}

/// Content type by file extension.
pub fn content_type(path: &str) -> &'static str {
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
pub fn clean_path(target: &str) -> Option<String> {
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

/// Reads the request line and headers of one request.
pub fn read_request(stream: &TcpStream) -> Option<Request> {
    stream.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let target = parts.next()?.to_string();
    // Drain the headers; bodies are not expected.
    let mut header = String::new();
    for _ in 0..100 {
        header.clear();
        if reader.read_line(&mut header).ok()? == 0 || header == "\r\n" || header == "\n" {
            break;
        }
    }
    let path = clean_path(&target).unwrap_or_else(|| "/\0invalid".to_string());
    Some(Request { method, path })
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Internal Server Error",
    }
}

/// Writes `response` (headers only for HEAD).
pub fn write_response(mut stream: &TcpStream, response: &Response, head_only: bool) -> std::io::Result<()> {
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
        ] {
            assert_eq!(clean_path(bad), None, "{bad}");
        }
        assert_eq!(
            clean_path("/briefings/%E7%AE%80%E6%8A%A5/?q=1").as_deref(),
            Some("/briefings/简报/")
        );
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
