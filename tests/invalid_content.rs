//! Bad content: each case exits 1, names the file and line, and leaves the
//! previous output exactly as it was.

mod common;

use common::*;

/// Builds the basic site, adds `tests/fixtures/invalid/<case>.md` as a
/// briefing, builds again and checks the failure.
fn fails_cleanly(case: &str, line: usize, message: &str) {
    let name = format!("{case}.md");
    let add = |site: &std::path::Path| {
        std::fs::copy(
            repo().join("tests/fixtures/invalid").join(&name),
            site.join("content/briefings").join(&name),
        )
        .expect("copy case");
    };
    fails_after(add, &format!("content/briefings/{name}:{line}"), message);
}

#[test]
fn missing_title() {
    fails_cleanly("missing-title", 2, "missing field `title`");
}

#[test]
fn missing_date() {
    fails_cleanly("missing-date", 2, "missing field `date`");
}

#[test]
fn unterminated_front_matter() {
    fails_cleanly("unterminated", 1, "front matter is not closed");
}

#[test]
fn yaml_syntax_error_reports_the_line_in_the_markdown_file() {
    fails_cleanly("yaml-syntax", 4, "error:");
}

#[test]
fn unknown_kind() {
    fails_cleanly("unknown-kind", 4, "unknown value `spech`");
}

#[test]
fn malformed_date() {
    fails_cleanly("malformed-date", 3, "write it as YYYY-MM-DD");
}

#[test]
fn all_errors_of_a_run_are_reported_sorted() {
    let site = fixture("basic");
    for case in ["unknown-kind", "missing-title", "malformed-date"] {
        let name = format!("{case}.md");
        std::fs::copy(
            repo().join("tests/fixtures/invalid").join(&name),
            site.path().join("content/briefings").join(&name),
        )
        .expect("copy");
    }
    let output = briefing(site.path(), &["build"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1));
    let a = err.find("malformed-date.md").expect("first");
    let b = err.find("missing-title.md").expect("second");
    let c = err.find("unknown-kind.md").expect("third");
    assert!(a < b && b < c, "sorted by file:\n{err}");
    assert!(err.contains("3 error(s)"), "{err}");
    assert!(!site.path().join("output").exists(), "nothing written");
}

#[test]
fn duplicate_bulletin_numbers_name_both_files() {
    let site = fixture("basic");
    std::fs::write(
        site.path().join("content/briefings/2013-06-20-dup.md"),
        "---\ntitle: 重号\ndate: 2013-06-20\nissue: 2\n---\n正文\n",
    )
    .expect("write");
    let output = briefing(site.path(), &["build"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(err.contains("--> content/briefings/2013-06-20-dup.md:4"), "{err}");
    assert!(err.contains("content/briefings/2013-06-10-no2.md"), "{err}");
}

#[test]
fn missing_site_yaml_says_how_to_start() {
    let dir = tempfile::tempdir().expect("temp");
    let output = briefing(dir.path(), &["build"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("briefing new site"));
}

#[test]
fn bad_usage_exits_2() {
    let dir = tempfile::tempdir().expect("temp");
    assert_eq!(briefing(dir.path(), &["build", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(briefing(dir.path(), &["frobnicate"]).status.code(), Some(2));
}

#[test]
fn template_syntax_error_names_the_template_and_line() {
    let site = fixture("basic");
    std::fs::write(
        site.path().join("themes/default/templates/page.html"),
        "{% extends \"base.html\" %}\n{% block content %}\n{{ page.title \n{% endblock content %}\n",
    )
    .expect("write");
    let output = briefing(site.path(), &["build"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(err.contains("--> themes/default/templates/page.html:"), "{err}");
}

#[test]
fn diagnostics_are_coloured_only_where_asked() {
    let site = fixture("basic");
    std::fs::copy(
        repo().join("tests/fixtures/invalid/missing-title.md"),
        site.path().join("content/briefings/missing-title.md"),
    )
    .expect("copy case");
    let run = |vars: &[(&str, &str)]| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"));
        command.env("BRIEFING_LANG", "en");
        command.arg("check").current_dir(site.path());
        for var in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "TERM"] {
            command.env_remove(var);
        }
        command.envs(vars.iter().copied());
        let output = command.output().expect("run briefing");
        assert_eq!(output.status.code(), Some(1));
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    // A pipe is not a terminal: plain text.
    let piped = run(&[]);
    assert!(piped.contains("missing field `title`") && !piped.contains('\x1b'), "{piped}");
    // Colour asked for through the usual variable.
    let forced = run(&[("CLICOLOR_FORCE", "1")]);
    assert!(
        forced.contains("\x1b[1;31merror") && forced.contains("missing field `title`"),
        "{forced}"
    );
}
