//! Fuzz target: finding shortcodes in any Markdown, and putting
//! placeholders in and out, must never panic.
#![no_main]

use briefing::render::shortcodes::{find, restore, with_placeholders};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let (calls, _) = find(text);
    let replaced = with_placeholders(text, &calls);
    let pieces: Vec<String> = calls.iter().map(|c| c.name.clone()).collect();
    let _ = restore(&replaced, &pieces);
});
