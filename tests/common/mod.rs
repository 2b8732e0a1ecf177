//! Shared helpers of the integration tests: fixture sites copied into temp
//! folders, the `briefing` binary run on them, output snapshots.

#![allow(dead_code)]

pub mod chromium;
pub mod xlsx;

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let target = to.join(entry.path().strip_prefix(from).expect("prefix"));
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("create dir");
        } else {
            fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// A temp copy of `tests/fixtures/<name>` with the repository's themes
/// added when the fixture has none.
pub fn fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&repo().join("tests/fixtures").join(name), dir.path());
    if !dir.path().join("themes").exists() {
        copy_dir(&repo().join("themes"), &dir.path().join("themes"));
    }
    dir
}

/// Runs `briefing ARGS` in `dir`.
pub fn briefing(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .env("BRIEFING_LANG", "en")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run briefing")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Builds the site in `dir` and asserts success.
pub fn build_ok(dir: &Path, args: &[&str]) -> Output {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let output = briefing(dir, &all);
    assert!(output.status.success(), "build failed:\n{}", stderr(&output));
    output
}

/// Every file under `dir` with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    if !dir.exists() {
        return files;
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walk output");
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(dir).expect("prefix").to_string_lossy().replace('\\', "/");
            files.insert(relative, fs::read(entry.path()).expect("read output"));
        }
    }
    files
}

pub fn read(dir: &Path, path: &str) -> String {
    fs::read_to_string(dir.join(path)).unwrap_or_else(|e| panic!("read {path}: {e}"))
}

/// Copies the basic site, builds it, applies `edit` to the copy, builds
/// again and checks the failure: exit 1, `--> location`, `message`, and
/// the previous output left exactly as it was.
pub fn fails_after(edit: impl FnOnce(&Path), location: &str, message: &str) {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let before = snapshot(&site.path().join("output"));
    edit(site.path());
    let output = briefing(site.path(), &["build"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("--> {location}")), "expected `{location}` in:\n{err}");
    assert!(err.contains(message), "expected `{message}` in:\n{err}");
    assert!(
        before == snapshot(&site.path().join("output")),
        "output changed after a failed build"
    );
}

/// [`fails_after`] an edit that replaces `find` by `replace` in `file`.
pub fn fails_after_edit(file: &str, find: &str, replace: &str, location: &str, message: &str) {
    let edit = |site: &Path| {
        let path = site.join(file);
        let text = fs::read_to_string(&path).expect("read fixture file");
        assert!(text.contains(find), "`{find}` not in {file}");
        fs::write(&path, text.replacen(find, replace, 1)).expect("write");
    };
    fails_after(edit, location, message);
}

/// A running `briefing serve`, stopped when dropped.
pub struct Server {
    pub child: Child,
    pub address: String,
    pub base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn serve(root: &std::path::Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .env("BRIEFING_LANG", "en")
        .args(["serve", "--port", "0"])
        .current_dir(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start serve");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("read address");
    let url = line.trim().strip_prefix("serving http://").expect("serving line").to_string();
    let (address, base) = url
        .split_once('/')
        .map(|(a, b)| (a.to_string(), format!("/{b}")))
        .expect("address and path");
    Server { child, address, base }
}

/// GET `path` (sent as is); status and body.
pub fn get(server: &Server, path: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(&server.address).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").expect("send");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("read");
    let text = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, head.to_string(), body.to_string())
}

pub fn wait_for(mut condition: impl FnMut() -> bool) -> bool {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(20) {
        if condition() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

/// The text of HTML with its tags removed (entities left as they are).
pub fn text_of(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}
