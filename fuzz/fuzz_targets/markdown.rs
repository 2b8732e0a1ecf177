//! Fuzz target: the whole Markdown pipeline (CJK-friendly emphasis, raw
//! HTML sanitising, shortcodes on the event stream, links, ids) over any
//! text must never panic, and every problem it reports must point into
//! the text.
#![no_main]

use std::collections::BTreeSet;

use briefing::render::markdown::{Context, Expander, Expansion, Sanitizer, render, sanitised_reference};
use briefing::load::shortcodes::Call;
use briefing::render::urls::Links;
use libfuzzer_sys::fuzz_target;

/// `metric` gives a figure, `chart` a block with ids, anything else fails.
struct Stub;

impl Expander for Stub {
    fn is_block(&self, name: &str) -> bool {
        name == "chart"
    }

    fn expand(&self, call: &Call, index: usize, repeat: usize) -> Result<Expansion, (String, Option<String>)> {
        match call.name.as_str() {
            "metric" => Ok(Expansion {
                html: "<span class=\"metric\">42</span>".into(),
                text: "42".into(),
            }),
            "chart" => Ok(Expansion {
                html: format!("<figure id=\"figure-{repeat}\"><svg id=\"chart-{index}\"></svg></figure>"),
                text: String::new(),
            }),
            other => Err((format!("unknown shortcode `{other}`"), None)),
        }
    }
}

fuzz_target!(|text: &str| {
    let links = Links {
        base_path: "/bangfu/".to_string(),
        origin: String::new(),
        relative: text.len() % 2 == 0,
    };
    let reserved: BTreeSet<String> = ["main".to_string()].into();
    for unsafe_html in [false, true] {
        let sanitizer = Sanitizer::new(unsafe_html);
        let context = Context {
            page: "/briefings/x/",
            links: &links,
            sanitizer: &sanitizer,
            expander: &Stub,
            reserved_ids: &reserved,
        };
        let rendered = render(text, &context);
        let lines = text.split('\n').count();
        for problem in &rendered.problems {
            assert!(problem.line < lines.max(1), "{problem:?}");
        }
        let _ = sanitised_reference(text, &sanitizer, &links);
    }
});
