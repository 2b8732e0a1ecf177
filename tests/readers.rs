//! What a reader sees: documents that lead on and name the bulletin of
//! their occasion, circulars with their sign-off set right, the footer of
//! a government site, figures written as bulletins write them, records
//! that list the briefings about them, and charts on the section pages.
//! (How the pages look at 390 and 1280 px is `tests/browser.rs`.)

mod common;

use std::fs;
use std::path::Path;

use common::*;

fn write(site: &Path, relative: &str, text: &str) {
    fs::write(site.join(relative), text).expect("write fixture file");
}

fn edit(site: &Path, relative: &str, find: &str, replace: &str) {
    let path = site.join(relative);
    let text = fs::read_to_string(&path).expect("read");
    assert!(text.contains(find), "`{find}` not in {relative}");
    fs::write(path, text.replacen(find, replace, 1)).expect("write");
}

const CIRCULAR: &str = "content/briefings/2013-07-18-circular.md";

/// A circular, dated between bulletin 3 and the speech, sharing a tag
/// with bulletin 3, ending with its signer and date.
fn add_circular(site: &Path) {
    write(
        site,
        CIRCULAR,
        "---\ntitle: 关于督查情况的通报\ndate: 2013-07-18\nkind: circular\ntags: [督查]\n---\n\n\
         各单位：现将督查情况通报如下。\n\n整改情况纳入年终考评。\n\n测试县联手帮扶办公室\n\n2013年7月18日\n",
    );
    edit(
        site,
        "content/briefings/2013-07-15-no3.md",
        "issue: 3\n",
        "issue: 3\ntags: [督查]\n",
    );
}

#[test]
fn documents_lead_on_and_name_the_bulletin_of_their_occasion() {
    let site = fixture("basic");
    add_circular(site.path());
    build_ok(site.path(), &[]);
    let circular = read(site.path(), "output/briefings/2013-07-18-circular/index.html");
    // Before and after it in time, whatever their kind.
    assert!(
        circular.contains(r#"rel="prev" href="/bangfu/briefings/2013-07-15-no3/""#),
        "{circular}"
    );
    assert!(circular.contains(r#"rel="next" href="/bangfu/briefings/h1-review/""#), "{circular}");
    // The bulletin three days before shares its tag.
    assert!(
        circular.contains(r#"<p class="occasion">同期简报：<a href="/bangfu/briefings/2013-07-15-no3/">第3期 上半年主要指标</a></p>"#),
        "{circular}"
    );
    // Bulletins still follow their numbers, past the documents between.
    let no3 = read(site.path(), "output/briefings/2013-07-15-no3/index.html");
    assert!(no3.contains(r#"rel="prev" href="/bangfu/briefings/2013-06-10-no2/""#));
    assert!(!no3.contains(r#"rel="next""#), "no bulletin after 第3期 but the draft");
    assert!(!no3.contains(r#"class="occasion""#));
}

#[test]
fn a_circular_is_a_tongbao_signed_flush_right() {
    let site = fixture("basic");
    add_circular(site.path());
    build_ok(site.path(), &[]);
    let circular = read(site.path(), "output/briefings/2013-07-18-circular/index.html");
    assert!(circular.contains(r#"<p class="doc-kind">通报</p>"#), "{circular}");
    assert!(circular.contains(r#"<p class="signoff">测试县联手帮扶办公室</p>"#), "{circular}");
    assert!(circular.contains(r#"<p class="signoff">2013年7月18日</p>"#), "{circular}");
    assert!(circular.contains("<p>整改情况纳入年终考评。</p>"), "a sentence is not a signer");
    let archive = read(site.path(), "output/briefings/index.html");
    assert!(archive.contains(r#"<span class="kind kind-circular">通报</span>"#), "{archive}");
}

#[test]
fn the_footer_names_sponsor_contact_and_icp_number() {
    let site = fixture("basic");
    let config = site.path().join("site.yaml");
    let extra = "extra:\n  sponsor: 测试县人民政府办公室\n  contact: 0730-6200000\n  icp: 湘ICP备00000000号\n";
    fs::write(&config, format!("{}{extra}", fs::read_to_string(&config).expect("read"))).expect("write");
    build_ok(site.path(), &[]);
    let home = read(site.path(), "output/index.html");
    assert!(home.contains("主办：测试县人民政府办公室"), "{home}");
    assert!(home.contains(r#"<a href="tel:07306200000">0730-6200000</a>"#), "{home}");
    assert!(home.contains("湘ICP备00000000号"), "{home}");
    // Without `extra`, no empty footer lines.
    let bare = fixture("basic");
    build_ok(bare.path(), &[]);
    assert!(!read(bare.path(), "output/index.html").contains("主办："));
}

#[test]
fn phone_numbers_of_enterprises_can_be_dialled() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let tiande = read(site.path(), "output/enterprises/tiande/index.html");
    assert!(tiande.contains(r#"<a href="tel:07300000001">0730-0000001</a>"#), "{tiande}");
}

#[test]
fn the_sitemap_warns_when_base_url_has_no_host() {
    let site = fixture("basic");
    let output = build_ok(site.path(), &[]);
    assert!(!stderr(&output).contains("sitemap"), "{}", stderr(&output));
    edit(
        site.path(),
        "site.yaml",
        "base_url: https://example.gov.cn/bangfu/",
        "base_url: /bangfu/",
    );
    let output = build_ok(site.path(), &[]);
    let err = stderr(&output);
    assert!(err.contains("warning: sitemap.xml lists paths, not full addresses"), "{err}");
    assert!(err.contains("--> site.yaml:3:1"), "{err}");
    // Given on the command line, the warning names the option.
    let output = build_ok(site.path(), &["--base-url", "/x/"]);
    assert!(stderr(&output).contains("--> --base-url"), "{}", stderr(&output));
}

#[test]
fn records_list_the_briefings_that_link_to_them() {
    let site = fixture("basic");
    edit(
        site.path(),
        "content/briefings/2013-06-10-no2.md",
        "\n## ",
        "\n[天德整车项目](/projects/tiande-vehicle/)和[天德机械](../../enterprises/tiande/)进展顺利。\n\n## ",
    );
    build_ok(site.path(), &[]);
    let project = read(site.path(), "output/projects/tiande-vehicle/index.html");
    assert!(project.contains("<h2>相关简报</h2>"), "{project}");
    assert!(project.contains(r#"<a href="/bangfu/briefings/2013-06-10-no2/">"#), "{project}");
    let enterprise = read(site.path(), "output/enterprises/tiande/index.html");
    assert!(
        enterprise.contains(r#"<a href="/bangfu/briefings/2013-06-10-no2/">"#),
        "{enterprise}"
    );
    let other = read(site.path(), "output/projects/haoshi-park/index.html");
    assert!(!other.contains("相关简报"), "only what is linked");
}

#[test]
fn metric_digits_rewrite_a_figure_and_are_checked() {
    let site = fixture("basic");
    edit(
        site.path(),
        "content/briefings/2013-07-15-no3.md",
        "食品加工增长",
        "约{{ metric(name=\"output.gross_output.total\", digits=0) }}。食品加工增长",
    );
    build_ok(site.path(), &[]);
    let no3 = read(site.path(), "output/briefings/2013-07-15-no3/index.html");
    assert!(no3.contains(">60亿元</span>"), "{no3}");
    fails_after_edit(
        "content/briefings/2013-07-15-no3.md",
        "食品加工增长",
        "约{{ metric(name=\"output.gross_output.total\", digits=9) }}。食品加工增长",
        "content/briefings/2013-07-15-no3.md:10",
        "`digits` must be a whole number from 0 to 4",
    );
}

#[test]
fn section_pages_show_their_charts_and_every_chart_has_a_page() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let industries = read(site.path(), "output/industries/index.html");
    for id in ["output-by-industry", "food-vs-machinery"] {
        assert!(industries.contains(&format!(r#"id="figure-{id}""#)), "{id} on the industries page");
    }
    let projects = read(site.path(), "output/projects/index.html");
    for id in ["projects-by-status", "projects-stack"] {
        assert!(projects.contains(&format!(r#"id="figure-{id}""#)), "{id} on the project board");
    }
    // Each figure carries a wide and a narrow drawing, with ids of their own.
    for suffix in ["", "-narrow"] {
        let id = format!(r#"id="chart-output-by-industry{suffix}-title""#);
        assert_eq!(industries.matches(&id).count(), 1, "{id}");
    }
}

#[test]
fn every_chart_of_the_example_site_is_on_a_page() {
    let dir = tempfile::tempdir().expect("temp");
    let out = dir.path().join("site");
    let output = briefing(&repo(), &["build", "--output", out.to_str().expect("utf-8")]);
    assert!(output.status.success(), "{}", stderr(&output));
    // The example builds clean but for one warning it means to show: the
    // office's stated 销号率74% beside 42 closed of 56 (75.0%), as the
    // speech gives it (a stated rate is shown, and warned when it differs).
    let err = stderr(&output);
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning")).collect();
    assert!(
        warnings.len() == 1 && warnings[0].contains("stated close rate 74.0% of key_problems of 2013-06 differs from the computed 75.0%"),
        "the example builds clean: {err}"
    );
    let pages: String = snapshot(&out)
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(_, bytes)| String::from_utf8_lossy(&bytes).into_owned())
        .collect();
    let charts = fs::read_to_string(repo().join("content/data/charts.yaml")).expect("charts.yaml");
    let ids: Vec<&str> = charts.lines().filter_map(|l| l.strip_prefix("- id: ")).collect();
    assert!(ids.len() >= 3, "{ids:?}");
    for id in ids {
        assert!(
            pages.contains(&format!(r#"id="figure-{id}""#)),
            "chart `{id}` of charts.yaml is on no page"
        );
    }
}
