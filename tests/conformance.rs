//! Conformance of the Markdown pipeline: every example of the CommonMark
//! spec 0.31.2 and of the GFM extensions (tests/spec/, CC-BY-SA 4.0) goes
//! through the whole pipeline of the build — CJK-friendly emphasis, raw
//! HTML sanitising, shortcodes, links, ids — and must give plain
//! pulldown-cmark's HTML, but for the differences made on purpose:
//!
//! - heading ids (every heading gets one) and footnote ids (`fn-` first);
//! - raw HTML and unsafe link schemes, which are sanitised: where the
//!   example has any, both sides are compared after the sanitiser;
//! - an `--output`-free rendering detail: nothing else.
//!
//! A second pass puts a `metric` shortcode in place of a word of every
//! example where the word stands in text or code, and checks the same
//! structure comes out with the figure in the prose and the shortcode,
//! literally, in the code.

mod common;

use briefing::render::markdown::{Sanitizer, options, sanitised_reference};
use briefing::render::urls::Links;
use briefing::render::{RenderOptions, render_bodies};
use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd, html};

/// One example of a spec file.
#[derive(Debug, Clone)]
struct Example {
    file: &'static str,
    number: usize,
    line: usize,
    markdown: String,
}

const FENCE: &str = "````````````````````````````````";

fn examples(file: &'static str) -> Vec<Example> {
    let text = std::fs::read_to_string(common::repo().join("tests/spec").join(file)).expect("spec file");
    let mut found = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((number, line)) = lines.next() {
        if !line.starts_with(&format!("{FENCE} example")) {
            continue;
        }
        let mut markdown = String::new();
        for (_, line) in lines.by_ref() {
            if line == "." {
                break;
            }
            markdown.push_str(&line.replace('→', "\t"));
            markdown.push('\n');
        }
        for (_, line) in lines.by_ref() {
            if line == FENCE {
                break;
            }
        }
        found.push(Example {
            file,
            number: found.len() + 1,
            line: number + 1,
            markdown,
        });
    }
    found
}

fn all_examples() -> Vec<Example> {
    let mut all = examples("commonmark-0.31.2.txt");
    assert_eq!(all.len(), 655, "the CommonMark spec has 655 examples");
    all.extend(examples("gfm-0.29-extensions.txt"));
    all.extend(examples("cmark-gfm-extensions.txt"));
    all
}

fn plain(markdown: &str) -> String {
    let mut out = String::new();
    html::push_html(&mut out, Parser::new_ext(markdown, options()));
    out
}

/// Removes what differs on purpose: heading ids, the `fn-` of footnotes.
fn normalise(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<h") {
        out.push_str(&rest[..at]);
        let tag_end = rest[at..].find('>').map_or(rest.len(), |i| at + i);
        let tag = &rest[at..tag_end];
        let is_heading = tag.len() > 2 && tag.as_bytes()[2].is_ascii_digit();
        if is_heading && let Some(id) = tag.find(" id=\"") {
            let close = tag[id + 5..].find('"').map_or(tag.len(), |i| id + 5 + i + 1);
            out.push_str(&tag[..id]);
            out.push_str(&tag[close..]);
        } else {
            out.push_str(tag);
        }
        rest = &rest[tag_end..];
    }
    out.push_str(rest);
    out.replace("id=\"fn-", "id=\"").replace("href=\"#fn-", "href=\"#")
}

/// Whether the plain output of `markdown` has raw HTML or a link the
/// sanitiser acts on.
fn sanitised(markdown: &str) -> bool {
    Parser::new_ext(markdown, options()).any(|event| match event {
        Event::Html(_) | Event::InlineHtml(_) => true,
        Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
            let scheme = dest_url.split(':').next().unwrap_or_default().to_ascii_lowercase();
            dest_url.contains(':') && !["http", "https", "mailto", "tel"].contains(&scheme.as_str()) && !scheme.contains('/')
        }
        _ => false,
    })
}

fn site() -> (tempfile::TempDir, briefing::load::Site) {
    let dir = common::fixture("basic");
    let (site, _) = briefing::load_and_validate(dir.path(), false).expect("the basic site loads");
    (dir, site)
}

fn options_at_root() -> RenderOptions {
    RenderOptions {
        base_url: Some("/".to_string()),
        ..RenderOptions::default()
    }
}

fn root_links() -> Links {
    Links {
        base_path: "/".to_string(),
        origin: String::new(),
        relative: false,
    }
}

/// Renders `bodies` as briefings of `site` served at the root.
fn render_at_root(site: &briefing::load::Site, bodies: &[&str]) -> Vec<briefing::render::BodyResult> {
    let derived = briefing::derive::derive(site).expect("derive");
    render_bodies(site, &derived, &options_at_root(), bodies).expect("renderer")
}

#[test]
fn every_spec_example_reads_as_plain_pulldown_cmark_reads_it() {
    let (_dir, site) = site();
    let all = all_examples();
    let bodies: Vec<&str> = all.iter().map(|e| e.markdown.as_str()).collect();
    let results = render_at_root(&site, &bodies);
    let sanitizer = Sanitizer::new(false);
    let mut failures = Vec::new();
    let mut with_raw_html = 0;
    for (example, result) in all.iter().zip(results) {
        let actual = match result {
            Ok((html, _)) => html,
            Err(errors) => {
                failures.push(format!(
                    "{} example {} (line {}): errors {errors:?}",
                    example.file, example.number, example.line
                ));
                continue;
            }
        };
        // Raw HTML and unsafe links differ on purpose: the reference is
        // pulldown-cmark's output with the pipeline's sanitising alone,
        // and it must be free of what sanitising removes.
        let expected = if sanitised(&example.markdown) {
            with_raw_html += 1;
            let reference = sanitised_reference(&example.markdown, &sanitizer, &root_links());
            let lower = reference.to_ascii_lowercase();
            for banned in ["<script", "<style", "<textarea", "<iframe", "javascript:", " onclick", " onerror"] {
                assert!(!lower.contains(banned), "example {}: `{banned}` in {reference}", example.number);
            }
            reference
        } else {
            plain(&example.markdown)
        };
        let (actual, expected) = (normalise(&actual), normalise(&expected));
        if actual != expected {
            failures.push(format!(
                "{} example {} (line {}):\n--- markdown\n{}--- expected\n{expected}--- actual\n{actual}",
                example.file, example.number, example.line, example.markdown
            ));
        }
    }
    assert!(with_raw_html > 50, "{with_raw_html}");
    assert!(
        failures.is_empty(),
        "{} of {} examples differ:\n\n{}",
        failures.len(),
        all.len(),
        failures.join("\n\n")
    );
}

/// The shortcode put in place of a word, and a word of letters that
/// Markdown treats as any other word, for the reference.
const SHORTCODE: &str = "{{ metric(name=\"problems.raised\") }}";
const TOKEN: &str = "Zqxmetricword";

/// Where a word stands in the plain reading of an example.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Prose,
    Code,
}

/// The first word (ASCII letters, three or more) whose every occurrence
/// stands in text as written or in code, away from emphasis delimiters
/// and never in a link's destination or title.
fn substitutable_word(markdown: &str) -> Option<String> {
    let events: Vec<(Event<'_>, std::ops::Range<usize>)> = Parser::new_ext(markdown, options()).into_offset_iter().collect();
    let mut places: Vec<(std::ops::Range<usize>, Place)> = Vec::new();
    let mut destinations = String::new();
    let mut in_code_block = false;
    for (event, range) in &events {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::Start(Tag::Link { dest_url, title, .. } | Tag::Image { dest_url, title, .. }) => {
                destinations.push_str(dest_url);
                destinations.push(' ');
                destinations.push_str(title);
                destinations.push(' ');
            }
            Event::Text(text) if in_code_block => places.push((range.clone(), Place::Code)),
            Event::Text(text) if markdown.get(range.clone()) == Some(&**text) => places.push((range.clone(), Place::Prose)),
            Event::Code(_) => places.push((range.clone(), Place::Code)),
            _ => {}
        }
    }
    let bytes = markdown.as_bytes();
    let mut candidates: Vec<&str> = markdown
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3 && *w != "metric")
        .collect();
    candidates.dedup();
    candidates.into_iter().find_map(|word| {
        if destinations.contains(word) {
            return None;
        }
        let occurrences: Vec<usize> = markdown
            .match_indices(word)
            .map(|(at, _)| at)
            .filter(|&at| {
                let before = at.checked_sub(1).map(|i| bytes[i]);
                let after = bytes.get(at + word.len()).copied();
                !before.is_some_and(|b| b.is_ascii_alphanumeric()) && !after.is_some_and(|b| b.is_ascii_alphanumeric())
            })
            .collect();
        let fits = !occurrences.is_empty()
            && occurrences.iter().all(|&at| {
                let around = [at.checked_sub(1).map(|i| bytes[i]), bytes.get(at + word.len()).copied()];
                let clear = around.iter().flatten().all(|b| !matches!(b, b'*' | b'_' | b'~' | b'\\' | b'&' | b'<' | b'>'));
                clear && places.iter().any(|(range, _)| range.start <= at && at + word.len() <= range.end)
            })
            // A word in the middle of another word's stretch (`foo_bar`) is
            // not a word of its own.
            && markdown.matches(word).count() == occurrences.len();
        fits.then(|| word.to_string())
    })
}

/// The reference for `markdown` with `word` in place of the shortcode:
/// plain pulldown-cmark on the text with a plain word there, the word
/// then shown as the figure in prose (its text in an image's alt) and as
/// the shortcode itself in code.
fn reference_with_figure(markdown_with_token: &str, figure_html: &str, figure_text: &str) -> String {
    let mut events = Vec::new();
    let mut in_code_block = false;
    let mut in_image = 0;
    for event in Parser::new_ext(markdown_with_token, options()) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => {
                in_code_block = true;
                events.push(event);
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                events.push(event);
            }
            Event::Start(Tag::Image { .. }) => {
                in_image += 1;
                events.push(event);
            }
            Event::End(TagEnd::Image) => {
                in_image -= 1;
                events.push(event);
            }
            Event::Text(text) if in_code_block => events.push(Event::Text(CowStr::from(text.replace(TOKEN, SHORTCODE)))),
            Event::Code(text) => events.push(Event::Code(CowStr::from(text.replace(TOKEN, SHORTCODE)))),
            Event::Text(text) if in_image > 0 => events.push(Event::Text(CowStr::from(text.replace(TOKEN, figure_text)))),
            Event::Text(text) if text.contains(TOKEN) => {
                let mut pieces = text.split(TOKEN).peekable();
                while let Some(piece) = pieces.next() {
                    if !piece.is_empty() {
                        events.push(Event::Text(CowStr::from(piece.to_string())));
                    }
                    if pieces.peek().is_some() {
                        events.push(Event::InlineHtml(CowStr::from(figure_html.to_string())));
                    }
                }
            }
            other => events.push(other),
        }
    }
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter());
    out
}

#[test]
fn a_metric_in_place_of_a_word_keeps_every_example_s_structure() {
    let (_dir, site) = site();
    let figure = render_at_root(&site, &[SHORTCODE]).remove(0).expect("the metric renders").0;
    let figure_html = figure
        .trim()
        .strip_prefix("<p>")
        .and_then(|f| f.strip_suffix("</p>"))
        .expect("one paragraph")
        .to_string();
    let figure_text = figure_html
        .split('>')
        .nth(1)
        .and_then(|t| t.split('<').next())
        .expect("figure text")
        .to_string();
    let mut cases = Vec::new();
    for example in all_examples().into_iter().filter(|e| !sanitised(&e.markdown)) {
        if let Some(word) = substitutable_word(&example.markdown) {
            let with_shortcode = example.markdown.replace(&word, SHORTCODE);
            let with_token = example.markdown.replace(&word, TOKEN);
            let in_code = Parser::new_ext(&with_token, options()).any(|e| matches!(e, Event::Code(ref c) if c.contains(TOKEN)))
                || with_token.contains(&format!("```\n{TOKEN}"))
                || with_token.lines().any(|l| l.starts_with("    ") && l.contains(TOKEN));
            cases.push((example, with_shortcode, with_token, in_code));
        }
    }
    let bodies: Vec<&str> = cases.iter().map(|(_, with_shortcode, _, _)| with_shortcode.as_str()).collect();
    let results = render_at_root(&site, &bodies);
    let mut failures = Vec::new();
    for ((example, with_shortcode, with_token, _), result) in cases.iter().zip(results) {
        let expected = normalise(&reference_with_figure(with_token, &figure_html, &figure_text));
        match result {
            Ok((html, _)) if normalise(&html) == expected => {}
            Ok((html, _)) => failures.push(format!(
                "{} example {} (line {}):\n--- markdown\n{with_shortcode}--- expected\n{expected}--- actual\n{}",
                example.file,
                example.number,
                example.line,
                normalise(&html)
            )),
            Err(errors) => failures.push(format!("{} example {}: {errors:?}", example.file, example.number)),
        }
    }
    let in_code = cases.iter().filter(|case| case.3).count();
    eprintln!(
        "{} examples with a metric in place of a word, {in_code} of them in code",
        cases.len()
    );
    assert!(cases.len() > 300, "only {} examples have a word to replace", cases.len());
    assert!(in_code >= 30, "only {in_code} examples put the shortcode in code");
    assert!(
        failures.is_empty(),
        "{} of {} differ:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
