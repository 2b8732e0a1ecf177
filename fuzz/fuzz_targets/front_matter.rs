//! Fuzz target: splitting front matter and parsing it as a briefing's and
//! a page's header must never panic, whatever the bytes.
#![no_main]

use briefing::load::front_matter::{BriefingFront, PageFront, parse, split};
use briefing::load::source::decode;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = decode("fuzz.md", bytes.to_vec()) else { return };
    if let Ok(parts) = split(&text) {
        let _ = parse::<BriefingFront>("fuzz.md", &parts);
        let _ = parse::<PageFront>("fuzz.md", &parts);
    }
});
