//! Safety under attack (issue 12): no file outside the output folder is
//! ever touched, a rebuild is atomic whatever the moment it is killed, two
//! builds never mix their files, links out of the site are not followed,
//! nesting bombs are refused quickly, and the preview server has limits.

mod common;

use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// Every file of a folder with its bytes, as [`snapshot`] gives them.
type Files = std::collections::BTreeMap<String, Vec<u8>>;

/// Adds `n` bulletins with figures and links to the site in `dir`.
fn grow(dir: &Path, n: usize, words: &str) {
    for i in 0..n {
        let text = format!(
            "---\ntitle: 第{i}号工作动态\ndate: 2013-07-{:02}\ntags: [动态{}]\n---\n\n## 一、进展\n\n{words}，总产值{{{{ metric(name=\"output.gross_output.total\") }}}}，销号率{{{{ metric(name=\"problems.close_rate\") }}}}。见[项目](/projects/)。\n\n| 项目 | 状态 |\n| --- | --- |\n| 甲 | 在建 |\n",
            1 + i % 28,
            i % 7
        );
        fs::write(dir.join(format!("content/briefings/2013-07-01-bulk-{i:04}.md")), text).expect("write briefing");
    }
}

fn build_cmd(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_briefing"));
    command.env("BRIEFING_LANG", "en");
    command
        .arg("build")
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

/// Writes `files` as the whole contents of `dir`.
fn restore(dir: &Path, files: &Files) {
    if dir.exists() {
        fs::remove_dir_all(dir).expect("clear");
    }
    for (path, bytes) in files {
        let target = dir.join(path);
        fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        fs::write(target, bytes).expect("write");
    }
}

fn siblings_left(output: &Path) -> Vec<String> {
    let name = output.file_name().expect("name").to_string_lossy().into_owned();
    fs::read_dir(output.parent().expect("parent"))
        .expect("list")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&format!(".{name}.")) && !n.ends_with(".briefing-lock") && !n.ends_with(".briefing-spare"))
        .collect()
}

// 1. The manifest is untrusted.

#[test]
fn a_manifest_pointing_outside_the_output_deletes_nothing() {
    let site = fixture("basic");
    let victim = site.path().join("victim.txt");
    fs::write(&victim, "clerk's file").expect("write");
    fs::write(site.path().join("content/keep.bak"), "backup").expect("write");
    build_ok(site.path(), &[]);
    let manifest = site.path().join("output/.briefing-manifest");
    let mut text = fs::read_to_string(&manifest).expect("manifest");
    text.push_str(&format!(
        "{}\n../content/keep.bak\n../victim.txt\nbriefings/../../victim.txt\n",
        victim.display()
    ));
    fs::write(&manifest, text).expect("append");
    // Something must change, so that stale files are looked for.
    grow(site.path(), 1, "新增一期");
    let output = build_ok(site.path(), &[]);
    assert_eq!(fs::read_to_string(&victim).expect("victim"), "clerk's file");
    assert_eq!(fs::read_to_string(site.path().join("content/keep.bak")).expect("backup"), "backup");
    let err = stderr(&output);
    assert!(err.contains("ignored the manifest entry"), "{err}");
    assert!(err.contains("output/.briefing-manifest:"), "{err}");
}

// 2. Paths are judged where the operating system will write.

#[test]
fn dot_dot_after_a_missing_folder_cannot_reach_a_foreign_folder() {
    let site = fixture("basic");
    let foreign = site.path().join("foreign");
    fs::create_dir_all(&foreign).expect("mkdir");
    fs::write(foreign.join("report.docx"), "not the tool's").expect("write");
    let output = briefing(site.path(), &["build", "--output", "foreign/zz/.."]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("that briefing did not write"), "{}", stderr(&output));
    assert_eq!(fs::read_to_string(foreign.join("report.docx")).expect("kept"), "not the tool's");
    assert_eq!(fs::read_dir(&foreign).expect("list").count(), 1);
}

#[cfg(unix)]
#[test]
fn dot_dot_through_a_link_cannot_reach_the_site_root() {
    let site = fixture("basic");
    let outside = tempfile::tempdir().expect("temp");
    let link = outside.path().join("to-content");
    std::os::unix::fs::symlink(site.path().join("content"), &link).expect("link");
    let before = snapshot(site.path());
    // `to-content/zz/../..` is `content/`'s parent as the OS sees it (the
    // site), not the folder holding the link.
    let target = link.join("zz/../..");
    let output = briefing(site.path(), &["build", "--output", target.to_str().expect("utf-8")]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("contains the site itself"), "{}", stderr(&output));
    assert!(before == snapshot(site.path()), "the site changed");
}

#[test]
fn new_site_through_dot_dot_does_not_overwrite_a_site() {
    let site = fixture("basic");
    let before = fs::read_to_string(site.path().join("site.yaml")).expect("site.yaml");
    let target = site.path().join("zz/..");
    let output = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .env("BRIEFING_LANG", "en")
        .args(["new", "site", target.to_str().expect("utf-8")])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("not empty"), "{}", stderr(&output));
    assert_eq!(fs::read_to_string(site.path().join("site.yaml")).expect("site.yaml"), before);
    assert!(!site.path().join("zz").exists());
}

// 3. One build at a time.

#[test]
fn two_builds_at_once_never_leave_a_partial_site() {
    let site = fixture("basic");
    grow(site.path(), 600, "两个构建同时运行");
    let reference = site.path().join("reference");
    build_ok(site.path(), &["--output", reference.to_str().expect("utf-8")]);
    let expected = snapshot(&reference);
    let output = site.path().join("output");
    let staging = site.path().join(".output.briefing-spare/.briefing-staging");
    let mut conflicts = 0;
    for round in 0..4 {
        if output.exists() && round % 2 == 0 {
            fs::remove_dir_all(&output).expect("clear");
        }
        let first = build_cmd(site.path(), &[]).spawn().expect("first build");
        // The second starts once the first holds the output.
        let started = Instant::now();
        while !staging.exists() && started.elapsed() < Duration::from_secs(60) {
            std::thread::sleep(Duration::from_millis(2));
        }
        let second = build_cmd(site.path(), &[]).output().expect("second build");
        let first = first.wait_with_output().expect("first build");
        let second_err = stderr(&second);
        assert!(first.status.success(), "{}", stderr(&first));
        if !second.status.success() {
            assert_eq!(second.status.code(), Some(1));
            assert!(second_err.contains("another briefing build is writing"), "{second_err}");
            conflicts += 1;
        }
        let built = snapshot(&output);
        assert_eq!(built.len(), expected.len(), "round {round}: files missing");
        assert!(built == expected, "round {round}: the output differs from a lone build");
    }
    assert!(conflicts > 0, "the two builds never overlapped, so the test proved nothing");
}

// 4. Atomic rebuilds.

/// The site in its first and second versions, built into snapshots: the
/// second changes every page's figures, adds and removes briefings.
fn two_versions() -> (tempfile::TempDir, Files, Files) {
    let site = fixture("basic");
    grow(site.path(), 150, "第一版");
    let first = site.path().join("first");
    build_ok(site.path(), &["--output", first.to_str().expect("utf-8")]);
    grow(site.path(), 120, "第二版");
    fs::remove_file(site.path().join("content/briefings/2013-07-20-speech.md")).expect("remove");
    let problems = site.path().join("content/data/problems.yaml");
    let text = fs::read_to_string(&problems).expect("problems");
    fs::write(&problems, text.replacen("status: open", "status: extended", 1)).expect("edit");
    let second = site.path().join("second");
    build_ok(site.path(), &["--output", second.to_str().expect("utf-8")]);
    let (a, b) = (snapshot(&first), snapshot(&second));
    assert_ne!(a, b);
    fs::remove_dir_all(&first).expect("clear");
    fs::remove_dir_all(&second).expect("clear");
    (site, a, b)
}

/// When a build is killed: after a time from its start, or a time after
/// it has begun to change the spare tree, or a time after it finished the
/// spare and is about to exchange it for the output.
#[derive(Debug, Clone, Copy)]
enum Moment {
    FromStart(Duration),
    AfterBegin(Duration),
    AtSwitch(Duration),
}

/// Waits until `condition` holds (polling without sleeping, so that the
/// kill lands right after it), at most 60 s.
fn spin_until(condition: impl Fn() -> bool) {
    let started = Instant::now();
    while !condition() && started.elapsed() < Duration::from_secs(60) {
        std::hint::spin_loop();
    }
}

#[cfg(unix)]
#[test]
fn a_rebuild_killed_at_any_moment_leaves_the_old_or_the_new_site() {
    let (site, old, new) = two_versions();
    let output = site.path().join("output");
    let dirty = site.path().join(".output.briefing-spare/.briefing-staging");
    restore(&output, &old);
    let started = Instant::now();
    build_ok(site.path(), &[]);
    let total = started.elapsed();
    assert!(snapshot(&output) == new, "an undisturbed rebuild gives the new site");
    let ms = Duration::from_millis;
    let us = Duration::from_micros;
    let mut moments: Vec<Moment> = (1..=10).map(|i| Moment::FromStart(total * i / 10)).collect();
    moments.extend([0, 1, 3, 10, 30, 100].map(|t| Moment::AfterBegin(ms(t))));
    moments.extend([0, 0, 0, 20, 50, 100, 200, 400, 700, 1000, 1500, 2500, 4000, 8000].map(|t| Moment::AtSwitch(us(t))));
    let (mut saw_old, mut saw_new) = (0, 0);
    for moment in moments {
        restore(&output, &old);
        let _ = fs::remove_file(&dirty);
        let mut child = build_cmd(site.path(), &[]).stderr(Stdio::null()).spawn().expect("build");
        match moment {
            Moment::FromStart(after) => std::thread::sleep(after),
            Moment::AfterBegin(after) => {
                spin_until(|| dirty.exists());
                std::thread::sleep(after);
            }
            Moment::AtSwitch(after) => {
                spin_until(|| dirty.exists());
                spin_until(|| !dirty.exists());
                std::thread::sleep(after);
            }
        }
        // SIGKILL: no destructor, no cleanup.
        let _ = child.kill();
        let _ = child.wait();
        let now = snapshot(&output);
        if now == old {
            saw_old += 1;
        } else if now == new {
            saw_new += 1;
        } else {
            let differ = now.keys().filter(|k| old.get(*k) != now.get(*k)).count();
            panic!("killed {moment:?}: a mixed site ({differ} files differ from the old one)");
        }
        // The next build clears what the killed one left and finishes.
        build_ok(site.path(), &[]);
        assert!(snapshot(&output) == new, "after the kill {moment:?}");
        assert_eq!(siblings_left(&output), Vec::<String>::new());
    }
    eprintln!("kills: {saw_old} left the old site, {saw_new} the new one");
    assert!(saw_old > 0 && saw_new > 0, "the kills did not land on both sides of the switch");
}

// 5. Links out of the site.

#[cfg(unix)]
#[test]
fn linked_data_files_and_folders_are_not_followed() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().expect("temp");
    fs::write(outside.path().join("units.yaml"), "- id: leaked\n  name: 外部泄露单位\n").expect("write");
    // A linked data file: skipped with a warning, its text not published.
    let site = fixture("basic");
    let units = site.path().join("content/data/units.yaml");
    let own = fs::read_to_string(&units).expect("units");
    fs::write(outside.path().join("units.yaml"), own.replace("县商务局", "外部泄露单位")).expect("write");
    fs::remove_file(&units).expect("remove");
    symlink(outside.path().join("units.yaml"), &units).expect("link");
    let output = briefing(site.path(), &["build"]);
    let err = stderr(&output);
    assert!(err.contains("content/data/units.yaml"), "{err}");
    assert!(err.contains("symbolic link skipped"), "{err}");
    let published = snapshot(&site.path().join("output"));
    assert!(
        published
            .values()
            .all(|bytes| !String::from_utf8_lossy(bytes).contains("外部泄露单位"))
    );
    // A linked folder that the site needs: an error.
    for folder in ["content/data", "content", "content/briefings", "themes/default"] {
        let site = fixture("basic");
        let real = site.path().join(folder);
        let moved = outside.path().join(folder.replace('/', "-"));
        if moved.exists() {
            fs::remove_dir_all(&moved).expect("clear");
        }
        fs::rename(&real, &moved).expect("move");
        symlink(&moved, &real).expect("link");
        let output = briefing(site.path(), &["build"]);
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{folder}: {err}");
        assert!(err.contains("is a symbolic link"), "{folder}: {err}");
        assert!(!site.path().join("output").exists(), "{folder}");
    }
}

// 7. Nesting bombs are refused before parsing, at their line.

#[test]
fn deep_nesting_is_refused_with_its_line() {
    let bomb = format!("---\ntitle: 嵌套\ndate: 2013-07-01\ntags: {}\n---\n正文\n", "[".repeat(200_000));
    fails_after(
        |site| fs::write(site.join("content/briefings/bomb.md"), &bomb).expect("write"),
        "content/briefings/bomb.md:4:",
        "nests deeper than 64 levels",
    );
    let mut mapping = String::from("- id: deep\n  name: x\n  extra:\n");
    for level in 0..20_000 {
        mapping.push_str(&format!("{}k{level}:\n", " ".repeat(4 + level % 200)));
    }
    fails_after(
        |site| fs::write(site.join("content/data/units.yaml"), &mapping).expect("write"),
        "content/data/units.yaml:",
        "nests deeper than 64 levels",
    );
    let divs = format!("---\ntitle: 标签\ndate: 2013-07-01\n---\n\n正文\n\n{}\n", "<div>".repeat(80_000));
    fails_after(
        |site| fs::write(site.join("content/briefings/divs.md"), &divs).expect("write"),
        "content/briefings/divs.md:8:",
        "raw HTML nests deeper than 64 elements",
    );
}

// 8. Careless mistakes.

#[test]
fn a_deleted_content_folder_is_an_error_not_an_empty_site() {
    fails_after(
        |site| fs::remove_dir_all(site.join("content")).expect("remove"),
        "content",
        "the site has no `content/` folder",
    );
}

#[test]
fn names_differing_only_by_case_collide() {
    let page = "---\ntitle: 报告\n---\n正文\n";
    fails_after(
        |site| {
            fs::write(site.join("content/pages/Report.md"), page).expect("write");
            fs::write(site.join("content/pages/report.md"), page).expect("write");
        },
        "content/pages/report.md:1:1",
        "differs from `/Report/` of `content/pages/Report.md` only by case",
    );
    fails_after(
        |site| {
            let one = "---\ntitle: 一\ndate: 2013-07-01\ntags: [Report]\n---\n正文\n";
            let two = "---\ntitle: 二\ndate: 2013-07-02\ntags: [report]\n---\n正文\n";
            fs::write(site.join("content/briefings/a-one.md"), one).expect("write");
            fs::write(site.join("content/briefings/b-two.md"), two).expect("write");
        },
        "content/briefings/b-two.md:4:1",
        "tag `report` differs from tag `Report`",
    );
}

#[test]
fn windows_device_names_are_refused() {
    fails_after(
        |site| fs::write(site.join("content/pages/con.md"), "---\ntitle: 控制台\n---\n正文\n").expect("write"),
        "content/pages/con.md:1:1",
        "device name on Windows",
    );
    fails_after(
        |site| {
            let path = site.join("content/data/units.yaml");
            let text = fs::read_to_string(&path).expect("units");
            fs::write(path, format!("{text}- id: nul\n  name: 空单位\n")).expect("write");
        },
        "content/data/units.yaml:",
        "`nul` is a device name on Windows",
    );
}

#[test]
fn a_malformed_base_url_is_bad_usage() {
    let site = fixture("basic");
    for bad in ["ht!tp://x", "https:///bangfu/", "bangfu", "/a//b/"] {
        let output = briefing(site.path(), &["build", "--base-url", bad]);
        assert_eq!(output.status.code(), Some(2), "{bad}: {}", stderr(&output));
        assert!(stderr(&output).contains("base_url"), "{bad}: {}", stderr(&output));
    }
    assert!(!site.path().join("output").exists());
}

#[test]
fn a_hidden_markdown_file_is_warned() {
    let site = fixture("basic");
    fs::write(
        site.path().join("content/briefings/..md"),
        "---\ntitle: 点\ndate: 2013-07-01\n---\n正文\n",
    )
    .expect("write");
    let output = build_ok(site.path(), &[]);
    let err = stderr(&output);
    assert!(err.contains("content/briefings/..md"), "{err}");
    assert!(err.contains("hidden file skipped"), "{err}");
}

// 6. The preview server.

/// Sends `request` raw and returns the status of the answer.
fn status_of(server: &Server, request: &[u8]) -> u16 {
    let mut stream = TcpStream::connect(&server.address).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(20))).expect("timeout");
    // The server may answer and close before all of it is sent.
    let _ = stream.write_all(request);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let text = String::from_utf8_lossy(&answer);
    text.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0)
}

#[test]
fn the_preview_server_limits_requests_and_hosts() {
    let site = fixture("basic");
    let server = serve(site.path());
    let long_line = format!("GET /{} HTTP/1.1\r\nHost: localhost\r\n\r\n", "a".repeat(1 << 20));
    assert_eq!(status_of(&server, long_line.as_bytes()), 414);
    let long_headers = format!(
        "GET / HTTP/1.1\r\nHost: localhost\r\n{}\r\n",
        "X-Padding: aaaaaaaaaaaaaaaa\r\n".repeat(10_000)
    );
    assert_eq!(status_of(&server, long_headers.as_bytes()), 431);
    // DNS rebinding: a page of another name that resolves here.
    for host in ["evil.example:1111", "localhost.evil.example", "192.168.7.7"] {
        let request = format!("GET /bangfu/ HTTP/1.1\r\nHost: {host}\r\n\r\n");
        assert_eq!(status_of(&server, request.as_bytes()), 403, "{host}");
    }
    assert_eq!(status_of(&server, b"GET /bangfu/ HTTP/1.1\r\n\r\n"), 403, "no Host");
    // Many idle connections at once do not take the server down.
    let idle: Vec<TcpStream> = (0..150).filter_map(|_| TcpStream::connect(&server.address).ok()).collect();
    drop(idle);
    assert!(wait_for(|| get(&server, "/bangfu/").0 == 200), "still answering");
}

/// The status of a GET of the home page on a new connection, or 0 when
/// none came within `within`; and how long it took.
fn home_within(server: &Server, within: Duration) -> (u16, Duration) {
    let started = Instant::now();
    let address = server.address.parse().expect("address");
    let Ok(mut stream) = TcpStream::connect_timeout(&address, within) else {
        return (0, started.elapsed());
    };
    stream.set_read_timeout(Some(within)).expect("timeout");
    let request = format!("GET {} HTTP/1.1\r\nHost: localhost\r\n\r\n", server.base);
    let _ = stream.write_all(request.as_bytes());
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let text = String::from_utf8_lossy(&answer);
    let status = text.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, started.elapsed())
}

/// `n` connections to the server that have sent `request` and wait.
fn waiting_clients(server: &Server, n: usize, request: &[u8]) -> Vec<TcpStream> {
    let address = server.address.parse().expect("address");
    (0..n)
        .filter_map(|_| TcpStream::connect_timeout(&address, Duration::from_millis(500)).ok())
        .map(|mut stream| {
            let _ = stream.write_all(request);
            stream
        })
        .collect()
}

#[test]
fn pages_are_answered_while_200_clients_send_their_requests_slowly() {
    let site = fixture("basic");
    let server = serve(site.path());
    // Slowloris: request heads begun, to be finished a byte at a time.
    let slow = waiting_clients(&server, 200, b"GET /bangfu/ HTTP/1.1\r\nHo");
    std::thread::sleep(Duration::from_millis(300));
    let (status, took) = home_within(&server, Duration::from_secs(3));
    assert_eq!(status, 200, "no answer within {took:?} while 200 clients are slow");
    drop(slow);
}

#[test]
fn open_live_reload_pages_do_not_block_page_requests() {
    let site = fixture("basic");
    let server = serve(site.path());
    let pages = waiting_clients(&server, 70, b"GET /__briefing/events HTTP/1.1\r\nHost: localhost\r\n\r\n");
    std::thread::sleep(Duration::from_millis(300));
    let (status, took) = home_within(&server, Duration::from_secs(3));
    assert_eq!(status, 200, "no answer within {took:?} while 70 pages are open");
    drop(pages);
}

#[cfg(target_os = "linux")]
#[test]
fn the_preview_server_does_not_spin_when_out_of_file_descriptors() {
    let site = fixture("basic");
    // A server allowed few open files.
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -n 64 && exec '{}' serve --port 0", env!("CARGO_BIN_EXE_briefing")))
        .current_dir(site.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve");
    let mut stdout = std::io::BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    std::io::BufRead::read_line(&mut stdout, &mut line).expect("address");
    let address = line
        .trim()
        .trim_start_matches("serving http://")
        .split('/')
        .next()
        .expect("address")
        .to_string();
    let connections: Vec<TcpStream> = (0..120).filter_map(|_| TcpStream::connect(&address).ok()).collect();
    let cpu = |pid: u32| -> f64 {
        let stat = fs::read_to_string(format!("/proc/{pid}/stat")).expect("stat");
        let fields: Vec<&str> = stat.rsplit_once(')').expect("comm").1.split_whitespace().collect();
        (fields[11].parse::<f64>().expect("utime") + fields[12].parse::<f64>().expect("stime")) / 100.0
    };
    std::thread::sleep(Duration::from_millis(300));
    let before = cpu(child.id());
    std::thread::sleep(Duration::from_secs(2));
    let spent = cpu(child.id()) - before;
    drop(connections);
    let alive = child.try_wait().expect("wait").is_none();
    let _ = child.kill();
    let _ = child.wait();
    assert!(alive, "the server died");
    // Spinning on accept errors burns a whole core: 2 s of CPU in 2 s.
    assert!(
        spent < 0.5,
        "the server used {spent:.2} s of CPU in 2 s while out of file descriptors"
    );
}

#[test]
fn serve_keeps_the_last_good_site_when_content_disappears() {
    let site = fixture("basic");
    let server = serve(site.path());
    assert_eq!(get(&server, "/bangfu/about/").0, 200);
    let content = site.path().join("content");
    let moved: PathBuf = site.path().join("moved-away");
    fs::rename(&content, &moved).expect("move content away");
    assert!(
        wait_for(|| get(&server, "/bangfu/about/").2.contains("the site has no `content/` folder")),
        "the error is shown"
    );
    let (status, _, body) = get(&server, "/bangfu/about/");
    assert_eq!(status, 200, "the last good page is still served");
    assert!(body.contains("关于"), "{body}");
}
