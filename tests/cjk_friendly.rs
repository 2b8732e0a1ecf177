//! The test cases of the CJK-friendly emphasis amendment
//! (tats-u/markdown-cjk-friendly, `testcases/` and the expected HTML of
//! its micromark extension's snapshots; MIT and CC-BY-SA 4.0, see
//! tests/cjk_friendly/LICENSE), run through the whole Markdown pipeline.
//! The two HTML writers differ only in spelling: micromark writes `&quot;`
//! in text and `<img …>` where pulldown-cmark writes `"` and `<img … />`.

mod common;

use briefing::render::{RenderOptions, render_bodies};

fn spelled_alike(html: &str) -> String {
    html.replace("&quot;", "\"").replace(" />", ">").trim_end().to_string()
}

#[test]
fn every_case_of_the_amendment_renders_as_its_reference() {
    let dir = common::fixture("basic");
    let (site, _) = briefing::load_and_validate(dir.path(), false).expect("site");
    let folder = common::repo().join("tests/cjk_friendly");
    let names = [
        "strong",
        "korean",
        "pseudo-emoji",
        "non-bmp",
        "underscore-cjk-punct",
        "readme-example",
    ];
    let markdown: Vec<String> = names
        .iter()
        .map(|name| std::fs::read_to_string(folder.join(format!("{name}.md"))).expect("case"))
        .collect();
    let bodies: Vec<&str> = markdown.iter().map(String::as_str).collect();
    let options = RenderOptions {
        base_url: Some("/".to_string()),
        ..RenderOptions::default()
    };
    let results = render_bodies(&site, &briefing::derive::derive(&site).expect("derive"), &options, &bodies).expect("renderer");
    let mut paragraphs = 0;
    for (name, result) in names.iter().zip(results) {
        let (html, _) = result.unwrap_or_else(|errors| panic!("{name}: {errors:?}"));
        let expected = std::fs::read_to_string(folder.join(format!("{name}.html"))).expect("expected html");
        let (actual, expected) = (spelled_alike(&html), spelled_alike(&expected));
        for (number, (a, e)) in actual.lines().zip(expected.lines()).enumerate() {
            assert_eq!(a, e, "{name}.md, paragraph {}", number + 1);
        }
        assert_eq!(actual.lines().count(), expected.lines().count(), "{name}");
        paragraphs += expected.lines().count();
        // As the amendment's own tests check: no `**…**` left as text, and
        // non-BMP punctuation that must not be bold is not.
        if *name == "non-bmp" {
            assert!(!actual.contains("<strong>"), "{actual}");
        } else {
            assert!(actual.lines().all(|l| !l.contains("**")), "{name}: {actual}");
        }
    }
    assert!(paragraphs > 100, "{paragraphs}");
}

#[test]
fn the_example_speech_shows_no_literal_asterisks() {
    let out = tempfile::tempdir().expect("temp");
    let output = common::briefing(
        &common::repo(),
        &["build", "--output", out.path().join("site").to_str().expect("utf-8")],
    );
    assert!(output.status.success(), "{}", common::stderr(&output));
    assert!(!common::stderr(&output).contains("is shown as text"), "{}", common::stderr(&output));
    let speech = common::read(out.path(), "site/briefings/2013-07-20-review-meeting-speech/index.html");
    assert!(!speech.contains("**"), "literal ** in the speech");
    assert!(
        speech.contains("<strong>组织推动更加有力。</strong>县里"),
        "the CJK bold heading of the speech"
    );
}
