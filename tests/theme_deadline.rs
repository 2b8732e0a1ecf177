//! A theme's templates render under a deadline: a loop nested in a loop
//! over `range()` is an error naming the template and the line where it
//! was stopped, within seconds rather than hours, and the previous output
//! stays as it was (issue 27, point 10).

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::*;

/// Runs `briefing build` in `site` with a one-second deadline.
fn build_with_deadline(site: &Path) -> (std::process::Output, Duration) {
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .env("BRIEFING_LANG", "en")
        .env("BRIEFING_TEMPLATE_SECONDS", "1")
        .arg("build")
        .current_dir(site)
        .output()
        .expect("run briefing");
    (output, started.elapsed())
}

fn edit(site: &Path, file: &str, find: &str, replace: &str) {
    let path = site.join(file);
    let text = std::fs::read_to_string(&path).expect("read template");
    assert!(text.contains(find), "`{find}` not in {file}");
    std::fs::write(&path, text.replacen(find, replace, 1)).expect("write");
}

/// 10^10 steps that write nothing.
const RUNAWAY: &str = "{%- for i in range(end=100000) -%}{%- for j in range(end=100000) -%}{%- endfor -%}{%- endfor -%}";

#[test]
fn a_runaway_loop_in_a_page_template_is_an_error_naming_it() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let before = snapshot(&site.path().join("output"));
    // briefing.html: every briefing's page runs into it.
    edit(
        site.path(),
        "themes/default/templates/briefing.html",
        "{% block content %}",
        &format!("{{% block content %}}\n{RUNAWAY}"),
    );
    let (output, took) = build_with_deadline(site.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(took < Duration::from_secs(60), "took {took:?}:\n{err}");
    assert!(err.contains("--> themes/default/templates/briefing.html:"), "{err}");
    assert!(err.contains("rendering took longer than 1 s"), "{err}");
    // The pages stopped after it are not reported one by one.
    assert!(!err.contains("rendering stopped"), "{err}");
    assert!(before == snapshot(&site.path().join("output")), "output changed");
}

#[test]
fn a_runaway_loop_in_a_shortcode_template_is_an_error_too() {
    let site = fixture("basic");
    let path = site.path().join("themes/default/templates/shortcodes/metric.html");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, format!("{RUNAWAY}{text}")).expect("write");
    let (output, took) = build_with_deadline(site.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(took < Duration::from_secs(60), "took {took:?}:\n{err}");
    assert!(err.contains("rendering took longer than 1 s"), "{err}");
    assert!(err.contains("themes/default/templates/shortcodes/metric.html:1"), "{err}");
}

#[test]
fn template_errors_keep_their_lines_and_columns_in_guarded_templates() {
    // A call to the clock is put after `{% for … %}`: the column of an
    // error after it on the same line is still the file's.
    let site = fixture("basic");
    std::fs::write(
        site.path().join("themes/default/templates/page.html"),
        "{% extends \"base.html\" %}\n{% block content %}\n<ul>{% for i in [1, 2] %}<li>{{ page.nope.x }}</li>{% endfor %}</ul>\n{% endblock content %}\n",
    )
    .expect("write");
    let output = briefing(site.path(), &["build"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("--> themes/default/templates/page.html:3:38\n"), "{err}");
}

#[test]
fn a_page_writing_without_end_is_stopped_at_the_cap() {
    let site = fixture("basic");
    edit(
        site.path(),
        "themes/default/templates/page.html",
        "{% block content %}",
        "{% block content %}{% for i in range(end=100000) %}{% for j in range(end=100000) %}0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef{% endfor %}{% endfor %}",
    );
    let output = briefing(site.path(), &["build"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains("template error: the template writes more than 256 MB for one page\n  --> themes/default/templates/page.html"),
        "{err}"
    );
}
