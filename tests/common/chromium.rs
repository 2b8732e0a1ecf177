//! Headless Chromium for the browser tests: running it on a page, its
//! console errors, the example site built with relative links, and a
//! plain static web server.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::{briefing, repo, stderr};

pub fn chromium() -> PathBuf {
    let path = PathBuf::from(std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_string()));
    assert!(path.exists(), "Chromium is needed: apt-get install -y chromium (or set CHROMIUM)");
    path
}

/// Runs headless Chromium with `args` on `url`, in a fresh profile.
pub fn run(profile: &Path, args: &[&str], url: &str) -> Output {
    Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=5000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .output()
        .expect("run chromium")
}

/// Console messages that are errors, from Chromium's log.
pub fn console_errors(output: &Output) -> Vec<String> {
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .filter(|l| l.contains("CONSOLE") && (l.contains("Uncaught") || l.contains("Error") || l.contains("Failed to load")))
        .map(str::to_string)
        .collect()
}

pub fn built_example() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp");
    let out = dir.path().join("site");
    let output = briefing(&repo(), &["build", "--relative", "--output", out.to_str().expect("utf-8")]);
    assert!(output.status.success(), "{}", stderr(&output));
    (dir, out)
}

pub fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// Serves `root` on 127.0.0.1 as a plain web server would, answering
/// `404.html` for what is not there; returns its address and the paths
/// asked for.
pub fn static_server(root: PathBuf) -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address").to_string();
    let asked = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = asked.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut line = String::new();
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            let path = line
                .split_whitespace()
                .nth(1)
                .unwrap_or("/")
                .split('?')
                .next()
                .unwrap_or("/")
                .to_string();
            log.lock().expect("log").push(path.clone());
            let mut file = root.join(path.trim_start_matches('/'));
            if file.is_dir() {
                file = file.join("index.html");
            }
            let (status, body) = match std::fs::read(&file) {
                Ok(body) if !path.contains("..") => ("200 OK", body),
                _ => ("404 Not Found", std::fs::read(root.join("404.html")).unwrap_or_default()),
            };
            let kind = match file.extension().and_then(|e| e.to_str()) {
                Some("css") => "text/css",
                Some("js") => "text/javascript; charset=utf-8",
                Some("svg") => "image/svg+xml",
                _ => "text/html; charset=utf-8",
            };
            let mut stream = &stream;
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(&body);
        }
    });
    (address, asked)
}
