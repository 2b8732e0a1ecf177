//! YAML is read whole or not at all: a stray line (a key at column 0 in the
//! middle of a list of records, or under its last record) is an error at
//! that line, never the end of what is read (issue 27, point 7).

mod common;

use common::*;

const PROBLEMS: &str = "content/data/problems.yaml";

#[test]
fn a_stray_key_in_the_middle_of_a_list_is_an_error_at_its_line() {
    // Line 17 of problems.yaml starts record p3; the stray line takes its
    // place and the records after it must not be dropped in silence.
    fails_after_edit(
        PROBLEMS,
        "- id: p3\n",
        "note: x\n- id: p3\n",
        "content/data/problems.yaml:17:1",
        "this line is outside every record of the list",
    );
}

#[test]
fn a_stray_key_under_the_last_record_is_an_error_at_its_line() {
    let edit = |site: &std::path::Path| {
        let path = site.join(PROBLEMS);
        let mut text = std::fs::read_to_string(&path).expect("read");
        let line = text.lines().count() + 1;
        text.push_str("internal: true\n");
        std::fs::write(&path, text).expect("write");
        assert_eq!(line, 39, "the fixture changed");
    };
    fails_after(
        edit,
        "content/data/problems.yaml:39:1",
        "this line is outside every record of the list",
    );
}

#[test]
fn every_bad_record_is_still_reported_with_the_stray_line() {
    let site = fixture("basic");
    let path = site.path().join(PROBLEMS);
    let text = std::fs::read_to_string(&path).expect("read");
    let text = text
        .replacen("  key: true\n", "  key: maybe\n", 1)
        .replacen("- id: p3\n", "note: x\n- id: p3\n", 1);
    std::fs::write(&path, text).expect("write");
    let output = briefing(site.path(), &["build"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("--> content/data/problems.yaml:5:"), "{err}");
    assert!(err.contains("--> content/data/problems.yaml:17:1"), "{err}");
}

#[test]
fn a_stray_line_in_front_matter_is_an_error_at_its_line() {
    let briefing_file = "content/briefings/2013-07-15-no3.md";
    fails_after_edit(
        briefing_file,
        "issue: 3\n",
        "tags:\n- 工业\n- 项目\nnote: x\nissue: 3\n",
        "content/briefings/2013-07-15-no3.md:7:1",
        "unknown field `note`",
    );
    // A second document after `...` is refused where it starts, not at line 1.
    fails_after_edit(
        briefing_file,
        "issue: 3\n",
        "issue: 3\n...\ninternal: true\n",
        "content/briefings/2013-07-15-no3.md:5:1",
        "a second YAML document starts here",
    );
}

#[test]
fn a_second_document_in_a_data_file_is_an_error_at_its_line() {
    fails_after_edit(
        PROBLEMS,
        "- id: p3\n",
        "...\n- id: p3\n",
        "content/data/problems.yaml:17:1",
        "a second YAML document starts here",
    );
}
