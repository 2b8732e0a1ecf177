//! Authoring: the preview server (pages, reload events, traversal, error
//! overlay), incremental rendering, and scaffolding of sites and bulletins.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::*;

#[test]
fn serve_shows_pages_with_reload_and_right_types() {
    let site = fixture("basic");
    let server = serve(site.path());
    assert_eq!(server.base, "/bangfu/", "served under base_url's path");
    let (status, head, body) = get(&server, "/bangfu/");
    assert_eq!(status, 200);
    assert!(head.contains("Content-Type: text/html; charset=utf-8"));
    assert!(body.contains("测试县帮扶简报"));
    assert!(body.contains("/__briefing/events"), "reload script injected");
    let (status, head, _) = get(&server, "/bangfu/charts/output-growth.svg");
    assert_eq!(status, 200);
    assert!(head.contains("Content-Type: image/svg+xml"));
    let (status, head, _) = get(&server, "/bangfu/static/style.css");
    assert_eq!(status, 200);
    assert!(head.contains("text/css"));
    let (status, _, body) = get(&server, "/bangfu/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("页面不存在"), "the site's own 404 page");
    // The build output on disk is not touched by serve.
    assert!(!site.path().join("output").exists());
}

#[test]
fn serve_refuses_traversal() {
    let site = fixture("basic");
    std::fs::write(site.path().join("secret.txt"), "secret").expect("write");
    let server = serve(site.path());
    for path in [
        "/bangfu/../secret.txt",
        "/bangfu/%2e%2e/secret.txt",
        "/bangfu/%2E%2E/%2e%2e/etc/passwd",
        "/../../etc/passwd",
        "/bangfu/..%2fsecret.txt",
        "/bangfu/%5c..%5csecret.txt",
        "//etc/passwd",
        "/etc/passwd",
        "/bangfu/site.yaml",
    ] {
        let (status, _, body) = get(&server, path);
        assert!(status == 400 || status == 404, "{path}: {status}");
        assert!(!body.contains("secret") || body.contains("页面不存在"), "{path}");
        assert!(!body.contains("root:"), "{path}");
    }
}

#[test]
fn serve_rebuilds_on_change_and_shows_errors_as_an_overlay() {
    let site = fixture("basic");
    let server = serve(site.path());
    let about = site.path().join("content/pages/about.md");
    let original = std::fs::read_to_string(&about).expect("read");
    // Subscribe to reload events.
    let mut events = TcpStream::connect(&server.address).expect("connect");
    write!(events, "GET /__briefing/events HTTP/1.1\r\nHost: localhost\r\n\r\n").expect("send");
    events.set_read_timeout(Some(Duration::from_secs(20))).expect("timeout");
    std::thread::sleep(Duration::from_millis(300));
    std::fs::write(&about, original.replace("本站发布联手帮扶工作简报。", "本站内容已经更新。")).expect("edit");
    assert!(
        wait_for(|| get(&server, "/bangfu/about/").2.contains("本站内容已经更新。")),
        "the edit shows"
    );
    let mut seen = String::new();
    let mut buffer = [0u8; 512];
    let started = Instant::now();
    while !seen.contains("event: reload") && started.elapsed() < Duration::from_secs(20) {
        match events.read(&mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(n) => seen.push_str(&String::from_utf8_lossy(&buffer[..n])),
        }
    }
    assert!(seen.contains("event: reload"), "{seen}");
    // Break the site: the last good version stays, with the errors on top.
    std::fs::write(
        site.path().join("content/briefings/bad.md"),
        "---\ntitle: 坏\ndate: 2013-02-30\n---\n正文\n",
    )
    .expect("write");
    assert!(
        wait_for(|| get(&server, "/bangfu/about/").2.contains("content/briefings/bad.md:3")),
        "overlay with the location"
    );
    let (status, _, body) = get(&server, "/bangfu/about/");
    assert_eq!(status, 200);
    assert!(body.contains("本站内容已经更新。"), "last good build still served");
    std::fs::remove_file(site.path().join("content/briefings/bad.md")).expect("fix");
    assert!(
        wait_for(|| !get(&server, "/bangfu/about/").2.contains("bad.md")),
        "overlay gone when fixed"
    );
}

#[test]
fn editing_one_briefing_rerenders_only_that_page() {
    use briefing::render::RenderOptions;
    use briefing::render::incremental::RenderCache;
    let site = fixture("basic");
    let options = RenderOptions::default();
    let mut cache = RenderCache::default();
    let (loaded, _) = briefing::load_and_validate(site.path(), false).expect("load");
    let first = briefing::render::render_incremental(&loaded, &briefing::derive::derive(&loaded).expect("derive"), &options, &mut cache)
        .expect("render")
        .0;
    assert_eq!(cache.reused, 0);
    let total = cache.rendered;
    let again = briefing::render::render_incremental(&loaded, &briefing::derive::derive(&loaded).expect("derive"), &options, &mut cache)
        .expect("render")
        .0;
    assert_eq!((cache.rendered, cache.reused), (0, total));
    assert_eq!(first, again);
    let path = site.path().join("content/briefings/2013-07-20-speech.md");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, text.replace("同志们：", "同志们，大家好：")).expect("edit");
    let (loaded, _) = briefing::load_and_validate(site.path(), false).expect("load");
    let edited = briefing::render::render_incremental(&loaded, &briefing::derive::derive(&loaded).expect("derive"), &options, &mut cache)
        .expect("render")
        .0;
    assert_eq!(cache.rendered, 3, "only the edited page, its Word edition and the feed");
    // The search index follows the edit: the new words are in its documents.
    let searchable = |files: &[briefing::render::OutputFile]| {
        files
            .iter()
            .filter(|f| f.path.starts_with("search/docs/"))
            .any(|f| String::from_utf8_lossy(&f.bytes).contains("同志们，大家好："))
    };
    assert!(!searchable(&again) && searchable(&edited));
    let page = edited.iter().find(|f| f.path == "briefings/h1-review/index.html").expect("page");
    assert!(String::from_utf8_lossy(&page.bytes).contains("同志们，大家好："));
    // A change of front matter reaches the lists too.
    std::fs::write(
        &path,
        std::fs::read_to_string(&path)
            .expect("read")
            .replace("在联手帮扶工作讲评会上的讲话", "讲评会讲话"),
    )
    .expect("edit");
    let (loaded, _) = briefing::load_and_validate(site.path(), false).expect("load");
    let retitled = briefing::render::render_incremental(&loaded, &briefing::derive::derive(&loaded).expect("derive"), &options, &mut cache)
        .expect("render")
        .0;
    assert!(cache.rendered > 1);
    let archive = retitled.iter().find(|f| f.path == "briefings/index.html").expect("archive");
    assert!(String::from_utf8_lossy(&archive.bytes).contains("讲评会讲话"));
}

#[test]
fn new_site_builds_as_is_and_refuses_a_non_empty_folder() {
    let dir = tempfile::tempdir().expect("temp");
    let target = dir.path().join("county");
    let output = briefing(dir.path(), &["new", "site", "county"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!target.join("themes").exists(), "the theme is built in");
    build_ok(&target, &[]);
    let home = read(&target, "output/index.html");
    assert!(home.contains("联手帮扶工作简报"));
    assert!(target.join("output/charts/output-growth.svg").is_file());
    let again = briefing(dir.path(), &["new", "site", "county"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("not empty"));
}

#[test]
fn new_briefing_takes_the_next_number_drafts_included() {
    let site = fixture("basic");
    // The fixture has issues 1, 2, 3 and a draft numbered 4.
    let output = briefing(site.path(), &["new", "briefing", "--title", "第五期简报"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let printed = String::from_utf8_lossy(&output.stdout).trim().to_string();
    assert!(
        printed.starts_with("./content/briefings/") || printed.starts_with("content/briefings/"),
        "{printed}"
    );
    assert!(printed.ends_with("-issue-5.md"), "{printed}");
    let text = std::fs::read_to_string(site.path().join(&printed)).expect("read new file");
    assert!(text.contains("issue: 5\n"));
    assert!(text.contains("draft: true\n"));
    assert!(text.contains("as_of: 2013-06\n"), "latest data period: {text}");
    assert!(text.contains("title: \"第五期简报\"\n"));
    // The draft builds with --drafts.
    build_ok(site.path(), &["--drafts"]);
    let ascii = briefing(site.path(), &["new", "briefing", "--title", "H2 Review"]);
    let printed = String::from_utf8_lossy(&ascii.stdout).trim().to_string();
    assert!(printed.ends_with("-h2-review.md"), "{printed}");
    assert!(
        std::fs::read_to_string(site.path().join(&printed))
            .expect("read")
            .contains("issue: 6\n")
    );
}

#[test]
fn data_and_template_edits_rerender_only_what_uses_them() {
    use briefing::render::RenderOptions;
    use briefing::render::incremental::RenderCache;
    let site = fixture("basic");
    let options = RenderOptions::default();
    let mut cache = RenderCache::default();
    let render = |cache: &mut RenderCache| {
        let (loaded, _) = briefing::load_and_validate(site.path(), false).expect("load");
        briefing::render::render_incremental(&loaded, &briefing::derive::derive(&loaded).expect("derive"), &options, cache)
            .expect("render")
            .0
    };
    let first = render(&mut cache);
    let total = cache.rendered;
    // A data edit: pages with figures change, a briefing without any does not.
    let units = site.path().join("content/data/units.yaml");
    std::fs::write(
        &units,
        std::fs::read_to_string(&units).expect("read").replace("县水务局", "县水利局"),
    )
    .expect("edit");
    let after_data = render(&mut cache);
    assert!(cache.rendered < total, "{} of {total}", cache.rendered);
    let page =
        |files: &[briefing::render::OutputFile], path: &str| files.iter().find(|f| f.path == path).map(|f| f.bytes.clone()).expect(path);
    assert!(String::from_utf8_lossy(&page(&after_data, "units/water/index.html")).contains("县水利局"));
    assert!(
        std::sync::Arc::ptr_eq(
            &page(&first, "briefings/h1-review/index.html"),
            &page(&after_data, "briefings/h1-review/index.html")
        ),
        "a speech without figures is not re-rendered"
    );
    // A template edit: only the pages rendered through it.
    let template = site.path().join("themes/default/templates/project.html");
    std::fs::write(
        &template,
        std::fs::read_to_string(&template)
            .expect("read")
            .replace("<dl class=\"facts-list\">", "<dl class=\"facts-list changed\">"),
    )
    .expect("edit");
    let after_template = render(&mut cache);
    assert_eq!(cache.rendered, 3, "the three project pages");
    assert!(String::from_utf8_lossy(&page(&after_template, "projects/cold-chain/index.html")).contains("facts-list changed"));
}
