//! Fuzz target: finding shortcodes in any text (full-width ones too) and
//! evaluating them to plain text must never panic, and every call found
//! must lie inside the text, in order.
#![no_main]

use briefing::load::shortcodes::{calls_in, plain};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let (calls, errors) = calls_in(text);
    let mut last = 0;
    for call in &calls {
        assert!(last <= call.start && call.start < call.end && call.end <= text.len());
        assert!(text.is_char_boundary(call.start) && text.is_char_boundary(call.end));
        last = call.end;
    }
    for error in &errors {
        assert!(error.offset < text.len() && text.is_char_boundary(error.offset));
    }
    let _ = plain(text, |call| Ok(call.name.clone()));
});
