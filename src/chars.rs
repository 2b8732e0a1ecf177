//! Characters no output may carry. XML 1.0 forbids the controls other than
//! tab, line feed and carriage return, and U+FFFE and U+FFFF: one of them
//! in a Word file, the feed or a chart makes it unreadable (LibreOffice
//! refuses the .docx). The bidi embedding, override and isolate controls
//! (U+202A–U+202E, U+2066–U+2069) make text show in an order other than
//! the one it is stored in, which can disguise a name or a figure. They
//! come with text pasted from other programs (U+000B is Word's manual line
//! break). The loader removes each with a warning at its line
//! (`load::clean`), so every output is clean by construction; the writers
//! of XML and CSV pass their text through [`scrub`] again, so that no path
//! the loader does not know of can bring one back.

use std::borrow::Cow;

/// What an unfit character is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unfit {
    /// U+000B, the line break Word pastes (Shift+Enter): becomes a line
    /// break where the text can hold one.
    LineBreak,
    /// Another control that XML forbids: removed.
    Control,
    /// U+FFFE or U+FFFF: removed.
    Noncharacter,
    /// A bidi embedding, override or isolate control: removed.
    Direction,
}

impl Unfit {
    /// How a warning names the kind.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Unfit::LineBreak => "a line break from Word",
            Unfit::Control => "a control character",
            Unfit::Noncharacter => "a noncharacter",
            Unfit::Direction => "a text-direction control",
        }
    }
}

/// Whether `c` may not stand in output text, and why.
pub(crate) fn unfit(c: char) -> Option<Unfit> {
    match c {
        '\u{b}' => Some(Unfit::LineBreak),
        '\t' | '\n' | '\r' => None,
        '\u{0}'..='\u{1f}' => Some(Unfit::Control),
        '\u{fffe}' | '\u{ffff}' => Some(Unfit::Noncharacter),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some(Unfit::Direction),
        _ => None,
    }
}

/// Whether `text` may hold an unfit character: a quick look at the bytes
/// (most text holds none, and is not copied).
pub(crate) fn may_hold_unfit(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Whole chunks without a branch per byte, which the compiler can
    // turn into vector instructions.
    let control = |b: u8| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r');
    if bytes
        .chunks(64)
        .any(|chunk| chunk.iter().fold(false, |found, &b| found | control(b)))
    {
        return true;
    }
    memchr::memchr2_iter(0xe2, 0xef, bytes).any(|i| match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
        // U+FFFE, U+FFFF: EF BF BE, EF BF BF.
        (0xef, Some(0xbf), Some(0xbe | 0xbf)) => true,
        // U+202A–U+202E: E2 80 AA–AE; U+2066–U+2069: E2 81 A6–A9.
        (0xe2, Some(0x80), Some(0xaa..=0xae)) | (0xe2, Some(0x81), Some(0xa6..=0xa9)) => true,
        _ => false,
    })
}

/// `text` without unfit characters: U+000B becomes a line feed, the others
/// are removed. What the writers of XML and CSV do, whatever the loader
/// let through.
pub(crate) fn scrub(text: &str) -> Cow<'_, str> {
    if !may_hold_unfit(text) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter_map(|c| match unfit(c) {
                None => Some(c),
                Some(Unfit::LineBreak) => Some('\n'),
                Some(_) => None,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unfit_character_is_found_by_the_quick_look() {
        for code in 0..=0x10ffff_u32 {
            let Some(c) = char::from_u32(code) else { continue };
            let text = format!("简{c}报");
            assert_eq!(may_hold_unfit(&text), unfit(c).is_some(), "U+{code:04X}");
        }
    }

    #[test]
    fn scrub_keeps_text_and_drops_what_xml_forbids() {
        assert!(matches!(scrub("简报\t第一期\n“引号”—"), Cow::Borrowed(_)));
        assert_eq!(scrub("第一行\u{b}第二行\u{0}\u{1b}\u{ffff}\u{202e}完"), "第一行\n第二行完");
        assert_eq!(unfit('\u{2067}'), Some(Unfit::Direction));
        assert_eq!(unfit('\u{2028}'), None);
        assert_eq!(unfit('\u{7f}'), None);
    }
}
