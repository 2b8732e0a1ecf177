//! Bad data: one case per kind of error, each exiting 1 with the file,
//! line and message, and leaving the previous output as it was.

mod common;

use common::*;

const PROJECTS: &str = "content/data/projects.yaml";
const PROBLEMS: &str = "content/data/problems.yaml";
const ENTERPRISES: &str = "content/data/enterprises.yaml";
const OUTPUT: &str = "content/data/output.yaml";

#[test]
fn unknown_field_suggests_the_right_one() {
    fails_after_edit(
        PROJECTS,
        "  investment: 18000",
        "  investmnt: 18000",
        "content/data/projects.yaml:5:3",
        "did you mean `investment`?",
    );
}

#[test]
fn wrong_type_says_what_was_expected() {
    fails_after_edit(
        PROJECTS,
        "investment: 18000",
        "investment: 三千",
        "content/data/projects.yaml:5:15",
        "expected a number, found text \"三千\"",
    );
}

#[test]
fn unknown_reference_suggests_the_right_id() {
    fails_after_edit(
        PROJECTS,
        "industry: food\n  enterprise: haoshi",
        "industry: fod\n  enterprise: haoshi",
        "content/data/projects.yaml:15:13",
        "unknown industry `fod`",
    );
}

#[test]
fn unknown_unit_in_a_list() {
    fails_after_edit(
        ENTERPRISES,
        "units: [commerce, water, industry-bureau]",
        "units: [commerce, watr, industry-bureau]",
        "content/data/enterprises.yaml:13:21",
        "unknown unit `watr`",
    );
}

#[test]
fn lead_unit_must_be_among_units() {
    fails_after_edit(
        ENTERPRISES,
        "units: [commerce, water, industry-bureau]",
        "units: [land, water, industry-bureau]",
        "content/data/enterprises.yaml:12:14",
        "lead unit `commerce` is not among the helping `units`",
    );
}

#[test]
fn bad_id_format() {
    fails_after_edit(
        ENTERPRISES,
        "- id: haoshi",
        "- id: Haoshi",
        "content/data/enterprises.yaml:9:7",
        "id `Haoshi` contains `H`",
    );
}

#[test]
fn duplicate_id() {
    fails_after_edit(
        PROBLEMS,
        "- id: p2",
        "- id: p1",
        "content/data/problems.yaml:9:7",
        "duplicate id `p1`",
    );
}

#[test]
fn closed_problem_needs_its_date() {
    fails_after_edit(
        PROBLEMS,
        "  status: closed\n  closed: 2013-04-10\n",
        "  status: closed\n",
        "content/data/problems.yaml:7:11",
        "a closed problem needs its `closed` date",
    );
}

#[test]
fn closed_only_with_status_closed() {
    fails_after_edit(
        PROBLEMS,
        "  status: extended\n",
        "  status: extended\n  closed: 2013-05-01\n",
        "content/data/problems.yaml:16:11",
        "`closed` is set but the status is not `closed`",
    );
}

#[test]
fn closed_not_before_raised() {
    fails_after_edit(
        PROBLEMS,
        "closed: 2013-04-10",
        "closed: 2013-02-10",
        "content/data/problems.yaml:8:11",
        "closed on 2013-02-10, before it was raised on 2013-03-01",
    );
}

#[test]
fn unknown_status_suggests_the_right_one() {
    fails_after_edit(
        PROJECTS,
        "      status: producing",
        "      status: prodcing",
        "content/data/projects.yaml:",
        "unknown value `prodcing`",
    );
}

#[test]
fn invalid_date() {
    fails_after_edit(
        PROBLEMS,
        "raised: 2013-04-01",
        "raised: 2013-02-30",
        "content/data/problems.yaml:11:",
        "`2013-02-30` is not a day of the calendar",
    );
}

#[test]
fn negative_investment() {
    fails_after_edit(
        PROJECTS,
        "investment: 20000",
        "investment: -20000",
        "content/data/projects.yaml:24:15",
        "`investment` must be a number of 万元, zero or more",
    );
}

#[test]
fn invalid_period() {
    fails_after_edit(
        OUTPUT,
        "period: \"2012-06\"",
        "period: \"2012-13\"",
        "content/data/output.yaml:6:",
        "`2012-13` is not a valid period",
    );
}

#[test]
fn duplicate_period() {
    fails_after_edit(
        OUTPUT,
        "period: \"2012-06\"",
        "period: \"2012-05\"",
        "content/data/output.yaml:6:13",
        "period 2012-05 appears twice",
    );
}

#[test]
fn unknown_industry_in_output() {
    fails_after_edit(
        OUTPUT,
        "{total: 50, food: 20,",
        "{total: 50, fod: 20,",
        "content/data/output.yaml:7:",
        "unknown industry `fod`",
    );
}

#[test]
fn project_updates_in_date_order() {
    fails_after_edit(
        PROJECTS,
        "date: 2013-04-18",
        "date: 2011-04-18",
        "content/data/projects.yaml:10:13",
        "update of 2011-04-18 comes after one of 2012-04-16",
    );
}

#[test]
fn unknown_metric_names_the_briefing_line() {
    fails_after_edit(
        "content/briefings/2013-07-15-no3.md",
        "problems.close_rate",
        "problems.close_rat",
        "content/briefings/2013-07-15-no3.md:20:",
        "unknown metric `problems.close_rat` (did you mean `problems.close_rate`?)",
    );
}

#[test]
fn unknown_shortcode_names_the_briefing_line() {
    fails_after_edit(
        "content/briefings/2013-07-15-no3.md",
        "{{ projects(",
        "{{ project(",
        "content/briefings/2013-07-15-no3.md:16:1",
        "unknown shortcode `project`",
    );
}

#[test]
fn unknown_unit_of_a_briefing() {
    fails_after_edit(
        "content/briefings/2013-06-10-no2.md",
        "unit: commerce",
        "unit: comerce",
        "content/briefings/2013-06-10-no2.md:8:",
        "unknown unit `comerce`",
    );
}

#[test]
fn every_bad_record_of_a_file_is_reported_in_one_run() {
    let site = fixture("basic");
    let path = site.path().join(PROBLEMS);
    let text = std::fs::read_to_string(&path).expect("read");
    let text = text
        .replacen("raised: 2013-04-01", "raised: 2013-02-30", 1)
        .replacen("status: open", "status: opne", 1)
        .replacen("units: [land]", "unit: [land]", 1);
    std::fs::write(&path, text).expect("write");
    let output = briefing(site.path(), &["build"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(err.contains("--> content/data/problems.yaml:11:"), "the date: {err}");
    assert!(err.contains("unknown value `opne`"), "the status: {err}");
    assert!(err.contains("unknown field `unit`"), "the field: {err}");
    assert!(err.contains("3 error(s)"), "{err}");
}

#[test]
fn links_without_a_trailing_slash_and_to_charts_are_fine() {
    let site = fixture("basic");
    std::fs::write(
        site.path().join("content/briefings/2013-07-25-links.md"),
        "---\ntitle: 链接\ndate: 2013-07-25\n---\n\n见[关于](/about)和[图表](/charts/output-growth.svg)。\n",
    )
    .expect("write");
    let check = briefing(site.path(), &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    build_ok(site.path(), &["--relative"]);
    let html = read(site.path(), "output/briefings/2013-07-25-links/index.html");
    assert!(html.contains("href=\"../../about/index.html\""), "{html}");
    assert!(html.contains("href=\"../../charts/output-growth.svg\""));
    std::fs::write(
        site.path().join("content/briefings/2013-07-25-links.md"),
        "---\ntitle: 链接\ndate: 2013-07-25\n---\n\n见[台账](/problem/)。\n",
    )
    .expect("write");
    let check = briefing(site.path(), &["check"]);
    assert!(stderr(&check).contains("(did you mean `/problems/`?)"), "{}", stderr(&check));
}

#[test]
fn an_extension_granted_before_the_problem_was_raised_is_an_error_at_its_date() {
    fails_after_edit(
        PROBLEMS,
        "  extended: 2013-04-20\n",
        "  extended: 2013-03-20\n",
        "content/data/problems.yaml:16:13",
        "extended on 2013-03-20, before it was raised on 2013-04-01",
    );
}

#[test]
fn an_extension_granted_after_the_problem_was_closed_is_an_error_at_its_date() {
    fails_after_edit(
        PROBLEMS,
        "  closed: 2013-04-10\n",
        "  closed: 2013-04-10\n  extended: 2013-05-01\n",
        "content/data/problems.yaml:9:13",
        "extended on 2013-05-01, after it was closed on 2013-04-10",
    );
}

#[test]
fn an_extension_date_on_an_open_problem_is_an_error_at_its_date() {
    fails_after_edit(
        PROBLEMS,
        "  status: open\n",
        "  status: open\n  extended: 2013-06-20\n",
        "content/data/problems.yaml:32:13",
        "`extended` is set but the status is `open`",
    );
}

#[test]
fn an_extension_without_its_date_is_a_warning_and_counts_from_raised() {
    let site = fixture("basic");
    let path = site.path().join(PROBLEMS);
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, text.replacen("  extended: 2013-04-20\n", "", 1)).expect("write");
    let output = build_ok(site.path(), &[]);
    let err = stderr(&output);
    assert!(err.contains("--> content/data/problems.yaml:15:11"), "{err}");
    assert!(
        err.contains("the extension has no date: the problem counts as extended from the day it was raised, 2013-04-01"),
        "{err}"
    );
}
