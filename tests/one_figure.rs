//! One figure, one value (issue 28, point 1): a figure of a moment is
//! computed once, and a template's `metric()` and the body's `metric`
//! shortcode on the same page show the same text for every metric name
//! the data gives — in the public edition (where headline totals count
//! internal records and breakdowns do not) and in the internal one.
//!
//! The fixture is the basic site with internal records of every kind (a
//! problem, a project, an enterprise, a visit, a plan). A theme override
//! of `briefing.html` writes `metric(name=…)` for every name on two
//! briefings — one with an output period, one before any period — whose
//! bodies write `{{ metric(name="…") }}` for every name too.

mod common;

use std::fs;
use std::path::Path;

use common::*;

fn append(site: &Path, file: &str, text: &str) {
    let path = site.join(file);
    let mut all = fs::read_to_string(&path).unwrap_or_default();
    all.push_str(text);
    fs::write(path, all).expect("write");
}

/// The output of the fixture with every industry of both measures, so
/// that every `output.*` name has a value in 2013-06.
const OUTPUT: &str = r#"unit: 亿元
periods:
  - period: "2012-05"
    gross_output: {total: 40, food: 15, machinery: 20}
    value_added: {total: 10, food: 4, machinery: 5}
  - period: "2012-06"
    gross_output: {total: 50, food: 20, machinery: 25}
    value_added: {total: 12.5, food: 5, machinery: 6}
  - period: "2013-05"
    gross_output: {total: 52, food: 18, machinery: 28}
    value_added: {total: 13, food: 4.5, machinery: 6.5}
  - period: "2013-06"
    gross_output: {total: 60, food: 25, machinery: 30}
    value_added: {total: 15, food: 6, machinery: 7}
    gross_output_yoy: {total: 21.0}
"#;

const VISITS: &str = r#"- {date: 2013-03-05, enterprise: haoshi, units: [commerce, water, industry-bureau]}
- {date: 2013-06-05, enterprise: haoshi, units: [commerce]}
- {date: 2013-06-06, enterprise: tiande, units: [land], internal: true}
- {date: 2013-06-07, enterprise: secret-works, units: [land], internal: true}
"#;

const PLANS: &str = r#"- {unit: industry-bureau, enterprise: tiande, filed: 2013-03-01}
- {unit: water, enterprise: tiande, filed: 2013-03-02, internal: true}
- {unit: commerce, enterprise: haoshi, filed: 2013-03-03}
- {unit: land, enterprise: secret-works, filed: 2013-03-04, internal: true}
"#;

const INTERNAL_ENTERPRISE: &str = r#"- id: secret-works
  name: 内部机械
  industry: machinery
  key: true
  lead_unit: land
  units: [land]
  internal: true
"#;

const INTERNAL_PROBLEMS: &str = r#"- id: p6
  enterprise: haoshi
  raised: 2013-06-01
  summary: 贷款担保
  key: true
  units: [commerce]
  status: closed
  closed: 2013-06-20
  internal: true
- id: p7
  enterprise: secret-works
  raised: 2012-01-02
  summary: 厂房用地
  units: [land]
  status: open
  internal: true
"#;

/// A public problem raised after the last period: the latest moment's
/// date is later than the end of the latest period.
const LATE_PROBLEM: &str = r#"- id: p8
  enterprise: tiande
  raised: 2013-07-10
  summary: 招工难
  units: [land]
  status: open
"#;

const INTERNAL_PROJECT: &str = r#"- id: secret-line
  name: 内部生产线
  industry: machinery
  enterprise: secret-works
  investment: 5000
  internal: true
  updates:
    - {date: 2012-01-01, status: started}
"#;

/// The briefings whose pages compare the two paths: slug, date, and
/// whether their moment has an output period.
const PAGES: [(&str, &str, bool); 2] = [("figures-june", "2013-07-15", true), ("figures-early", "2012-03-01", false)];

/// The basic site with internal records of every kind and data for every
/// kind of metric.
fn site() -> tempfile::TempDir {
    let site = fixture("basic");
    let root = site.path();
    // The fixture's own briefings are not what is compared; a bulletin
    // numbered before the early page keeps `briefings.bulletins` known.
    for entry in fs::read_dir(root.join("content/briefings")).expect("briefings") {
        fs::remove_file(entry.expect("entry").path()).expect("remove");
    }
    fs::write(
        root.join("content/briefings/2012-02-01-first.md"),
        "---\ntitle: 第一期\ndate: 2012-02-01\nissue: 1\n---\n\n开始。\n",
    )
    .expect("first bulletin");
    fs::write(
        root.join("content/briefings/2012-02-10-hidden.md"),
        "---\ntitle: 内部一期\ndate: 2012-02-10\nissue: 2\ninternal: true\n---\n\n内部。\n",
    )
    .expect("internal bulletin");
    fs::write(root.join("content/data/output.yaml"), OUTPUT).expect("output");
    fs::write(root.join("content/data/visits.yaml"), VISITS).expect("visits");
    fs::write(root.join("content/data/plans.yaml"), PLANS).expect("plans");
    append(root, "content/data/enterprises.yaml", INTERNAL_ENTERPRISE);
    append(root, "content/data/problems.yaml", INTERNAL_PROBLEMS);
    append(root, "content/data/problems.yaml", LATE_PROBLEM);
    append(root, "content/data/projects.yaml", INTERNAL_PROJECT);
    site
}

/// Every metric name the data of `root` knows (through the library, as
/// the shortcode's suggestions list them), those of output only when the
/// moment has a period.
fn names(root: &Path, with_output: bool) -> Vec<String> {
    let data_dir = root.join("content/data");
    let text = |name: &str| fs::read_to_string(data_dir.join(format!("{name}.yaml"))).ok();
    let texts = [
        "industries",
        "units",
        "enterprises",
        "projects",
        "problems",
        "output",
        "charts",
        "tallies",
        "visits",
        "plans",
    ]
    .map(text);
    let mut problems = Vec::new();
    let data = briefing::load::data::parse(texts, &mut problems);
    assert!(problems.is_empty(), "{problems:?}");
    let names = briefing::derive::figures::metric_names(&data);
    assert!(names.len() > 80, "{names:?}");
    names.into_iter().filter(|n| with_output || !n.starts_with("output.")).collect()
}

/// The body that writes every one of `names` through the shortcode.
fn body_of(names: &[String]) -> String {
    names.iter().map(|n| format!("- {n}: {{{{ metric(name=\"{n}\") }}}}\n")).collect()
}

/// The list a template writes of every one of `names` through `metric()`
/// (with `args` added to each call), shown on the page at `path` only.
fn template_list(path: &str, names: &[String], args: &str) -> String {
    let items: String = names
        .iter()
        .map(|n| format!("<li data-name=\"{n}\">{{{{ metric(name=\"{n}\"{args}) }}}}</li>\n"))
        .collect();
    format!("{{% if current_path == \"{path}\" %}}<ul id=\"from-template{args}\">\n{items}</ul>{{% endif %}}\n")
}

/// Puts `blocks` at the end of the content block of template `name`.
fn override_template(root: &Path, name: &str, blocks: &str) {
    let template = root.join("themes/default/templates").join(name);
    let source = fs::read_to_string(&template).expect("template");
    let marker = "{% endblock content %}";
    assert!(source.contains(marker), "{name}");
    fs::write(&template, source.replacen(marker, &format!("{blocks}{marker}"), 1)).expect("override");
}

/// Writes the two briefings, the standalone page and the template
/// overrides for the names of each (`latest` for the page).
fn write_pages(root: &Path, june: &[String], early: &[String], latest: &[String]) {
    let mut blocks = String::new();
    for ((slug, date, with_output), names) in PAGES.iter().zip([june, early]) {
        fs::write(
            root.join(format!("content/briefings/{date}-{slug}.md")),
            format!(
                "---\ntitle: 数字 {slug}\ndate: {date}\nkind: report\nslug: {slug}\n---\n\n{}",
                body_of(names)
            ),
        )
        .expect("briefing");
        let path = format!("/briefings/{slug}/");
        blocks.push_str(&template_list(&path, names, ""));
        // The June page's moment is the end of its period: `period=`
        // names the same moment.
        if *with_output {
            blocks.push_str(&template_list(&path, names, ", period=\"2013-06\""));
        }
    }
    override_template(root, "briefing.html", &blocks);
    fs::write(
        root.join("content/pages/figures.md"),
        format!("---\ntitle: 数字\n---\n\n{}", body_of(latest)),
    )
    .expect("page");
    override_template(root, "page.html", &template_list("/figures/", latest, ""));
}

/// The text between `start` and the next `end` after it in `html`.
fn between<'h>(html: &'h str, start: &str, end: &str) -> Option<&'h str> {
    let from = html.find(start)? + start.len();
    let to = html[from..].find(end)?;
    Some(&html[from..from + to])
}

/// Per name, what the template (its list `list`) and the body of the page
/// at `page` show, where they differ.
fn differences(output: &Path, page: &str, list: &str, names: &[String]) -> Vec<String> {
    let html = read(output, &format!("{page}index.html"));
    let (body, _) = html.split_once("<ul id=\"from-template").expect("the template's figures");
    let template = between(&html, &format!("<ul id=\"{list}\">"), "</ul>").expect("the list");
    names
        .iter()
        .filter_map(|name| {
            let from_template = between(template, &format!("data-name=\"{name}\">"), "</li>");
            let from_body = between(body, &format!("title=\"{name}\">"), "</span>");
            assert!(from_template.is_some(), "{page}: the template shows no `{name}`");
            assert!(from_body.is_some(), "{page}: the body shows no `{name}`");
            (from_template != from_body).then(|| format!("{page} ({list}): {name}: template {from_template:?}, body {from_body:?}"))
        })
        .collect()
}

#[test]
fn a_template_and_a_shortcode_show_one_figure_for_every_name_in_both_editions() {
    let site = site();
    let root = site.path();
    let (june, early) = (names(root, PAGES[0].2), names(root, PAGES[1].2));
    write_pages(root, &june, &early, &june);
    let mut found = Vec::new();
    for (edition, args) in [
        ("public", vec!["--output", "public"]),
        ("internal", vec!["--internal", "--output", "internal"]),
    ] {
        build_ok(root, &args);
        let output = root.join(edition);
        let lists = [
            ("/briefings/figures-june/", "from-template", &june),
            ("/briefings/figures-june/", "from-template, period=\"2013-06\"", &june),
            ("/briefings/figures-early/", "from-template", &early),
            ("/figures/", "from-template", &june),
        ];
        for (page, list, names) in lists {
            let page = page.trim_start_matches('/');
            found.extend(
                differences(&output, page, list, names)
                    .into_iter()
                    .map(|d| format!("{edition}: {d}")),
            );
        }
    }
    assert!(found.is_empty(), "{} figures differ:\n{}", found.len(), found.join("\n"));
    // The figures are what they are: headline totals count the internal
    // records in both editions (5 + 2 problems by June, the late one after),
    // a unit's the edition's.
    for edition in ["public", "internal"] {
        let output = root.join(edition);
        let june = read(&output, "briefings/figures-june/index.html");
        assert_eq!(between(&june, "data-name=\"problems.raised\">", "</li>"), Some("7"), "{edition}");
        let land = between(&june, "data-name=\"units.land.raised\">", "</li>");
        assert_eq!(land, Some(if edition == "public" { "1" } else { "2" }), "{edition}");
        let latest = read(&output, "figures/index.html");
        assert_eq!(between(&latest, "data-name=\"problems.raised\">", "</li>"), Some("8"), "{edition}");
    }
}

#[test]
fn a_template_period_must_be_a_period_of_the_data() {
    let site = site();
    let root = site.path();
    override_template(root, "index.html", "{{ metric(name=\"problems.raised\", period=\"2013-03\") }}");
    let output = briefing(root, &["build"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("index.html"), "{err}");
    assert!(
        err.contains("2013-03") && err.contains("2012-05") && err.contains("2013-06"),
        "{err}"
    );
}
