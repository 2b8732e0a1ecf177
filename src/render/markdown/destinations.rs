//! Shortcodes in link destinations. A call holds spaces
//! (`{{ metric(name="…") }}`), and a space ends a destination not written
//! in `<…>`: `[台账](/problems/?n={{ metric(name="…") }})` would be no link
//! at all, only text. So before parsing, the spaces of each call that
//! stands in a destination (after `](`, or after `]:` of a link
//! definition) are masked with DEL, which a destination may hold and no
//! text has; every event parsed gets its spaces back, and the expansion
//! stage finds the call in the destination as written.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag};

use super::emphasis::Piece;
use crate::load::shortcodes;

/// What stands for a space while parsing.
const MASK: u8 = 0x7f;

/// The calls in the destination that starts at `at` (it ends at a space,
/// or at the `)` of its link), as byte ranges of `text`.
fn calls_in_destination(text: &str, mut at: usize, calls: &mut Vec<std::ops::Range<usize>>) {
    let bytes = text.as_bytes();
    // Spaces and one line break may come before the destination.
    while at < bytes.len() && matches!(bytes[at], b' ' | b'\t') {
        at += 1;
    }
    if bytes.get(at) == Some(&b'\n') {
        at += 1;
    }
    while at < bytes.len() && matches!(bytes[at], b' ' | b'\t') {
        at += 1;
    }
    if bytes.get(at) == Some(&b'<') {
        // `<…>` may hold spaces.
        return;
    }
    let mut nest = 0usize;
    while at < bytes.len() {
        match bytes[at] {
            0..=b' ' => return,
            b'\\' if bytes.get(at + 1).is_some_and(u8::is_ascii_punctuation) => at += 1,
            b'(' => nest += 1,
            b')' if nest == 0 => return,
            b')' => nest -= 1,
            b'{' if bytes.get(at + 1) == Some(&b'{') => {
                let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
                let call = shortcodes::calls_in(&text[at..line_end])
                    .0
                    .into_iter()
                    .next()
                    .filter(|c| c.start == 0);
                if let Some(call) = call {
                    calls.push(at..at + call.end);
                    at += call.end;
                    continue;
                }
            }
            _ => {}
        }
        at += 1;
    }
}

/// `markdown` with the spaces of the calls in link destinations masked,
/// or `None` when it has none (nearly always).
pub(super) fn mask(markdown: &str) -> Option<String> {
    let bytes = markdown.as_bytes();
    if memchr::memmem::find(bytes, b"{{").is_none() || memchr::memchr(MASK, bytes).is_some() {
        return None;
    }
    let mut calls = Vec::new();
    for at in memchr::memmem::find_iter(bytes, b"](").chain(memchr::memmem::find_iter(bytes, b"]:")) {
        calls_in_destination(markdown, at + 2, &mut calls);
    }
    if !calls
        .iter()
        .any(|call| bytes[call.clone()].contains(&b' ') || bytes[call.clone()].contains(&b'\t'))
    {
        return None;
    }
    let mut masked = bytes.to_vec();
    for call in calls {
        for byte in &mut masked[call] {
            if matches!(*byte, b' ' | b'\t') {
                *byte = MASK;
            }
        }
    }
    String::from_utf8(masked).ok()
}

fn restore(text: &mut CowStr<'_>) {
    if text.contains(char::from(MASK)) {
        *text = CowStr::from(text.replace(char::from(MASK), " "));
    }
}

/// `pieces` parsed from a masked text, with their spaces back.
pub(super) fn unmask(pieces: &mut [Piece<'_>]) {
    for (event, _) in pieces {
        match event {
            Event::Text(text)
            | Event::Code(text)
            | Event::InlineMath(text)
            | Event::DisplayMath(text)
            | Event::Html(text)
            | Event::InlineHtml(text)
            | Event::FootnoteReference(text)
            | Event::Start(Tag::FootnoteDefinition(text) | Tag::CodeBlock(CodeBlockKind::Fenced(text))) => restore(text),
            Event::Start(Tag::Link { dest_url, title, id, .. } | Tag::Image { dest_url, title, id, .. }) => {
                for text in [dest_url, title, id] {
                    restore(text);
                }
            }
            Event::Start(Tag::Heading { id, classes, attrs, .. }) => {
                for text in id.iter_mut().chain(classes.iter_mut()) {
                    restore(text);
                }
                for (key, value) in attrs {
                    restore(key);
                    if let Some(value) = value {
                        restore(value);
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(masked: Option<String>) -> Option<String> {
        masked.map(|m| m.replace(char::from(MASK), "_"))
    }

    #[test]
    fn calls_in_destinations_are_masked() {
        let text = "[台账](/p/?n={{ metric(name=\"a b\") }}&m={{ metric(name=\"c\") }} \"共{{ metric(name=\"d\") }}\")\n\n[表]: /q/?k={{ metric(name=\"e\") }}\n";
        assert_eq!(
            shown(mask(text)).as_deref(),
            Some(
                "[台账](/p/?n={{_metric(name=\"a_b\")_}}&m={{_metric(name=\"c\")_}} \"共{{ metric(name=\"d\") }}\")\n\n[表]: /q/?k={{_metric(name=\"e\")_}}\n"
            )
        );
    }

    #[test]
    fn other_calls_are_left_alone() {
        for text in [
            "销号率{{ metric(name=\"a\") }}",
            "[a](</p/?n={{ metric(name=\"a\") }}>)",
            "[a](/p/ {{ metric(name=\"a\") }})",
            "[a](/p/)后{{ metric(name=\"a\") }}",
            "[a](/p/\u{7f}{{ metric(name=\"a\") }})",
        ] {
            assert_eq!(mask(text), None, "{text}");
        }
    }
}
