//! The character classes of the CJK-friendly emphasis amendment
//! (github.com/tats-u/markdown-cjk-friendly, `specification.md`): CJK
//! characters, variation selectors, and how the characters around a
//! delimiter run are classified. The ranges are those the amendment
//! publishes for Unicode 17 (`ranges.md`), which already leave out the
//! characters that default to emoji presentation.

use super::punctuation::is_punctuation;

/// CJK characters (East Asian Width W, F or H and not emoji, or Hangul),
/// as inclusive ranges sorted by start.
const CJK_RANGES: &[(u32, u32)] = &[
    (0x1100, 0x11FF),
    (0x20A9, 0x20A9),
    (0x2329, 0x232A),
    (0x2630, 0x2637),
    (0x268A, 0x268F),
    (0x2E80, 0x2E99),
    (0x2E9B, 0x2EF3),
    (0x2F00, 0x2FD5),
    (0x2FF0, 0x303E),
    (0x3041, 0x3096),
    (0x3099, 0x30FF),
    (0x3105, 0x312F),
    (0x3131, 0x318E),
    (0x3190, 0x31E5),
    (0x31EF, 0x321E),
    (0x3220, 0x3247),
    (0x3250, 0xA48C),
    (0xA490, 0xA4C6),
    (0xA960, 0xA97C),
    (0xAC00, 0xD7A3),
    (0xD7B0, 0xD7C6),
    (0xD7CB, 0xD7FB),
    (0xF900, 0xFAFF),
    (0xFE10, 0xFE19),
    (0xFE30, 0xFE52),
    (0xFE54, 0xFE66),
    (0xFE68, 0xFE6B),
    (0xFF01, 0xFFBE),
    (0xFFC2, 0xFFC7),
    (0xFFCA, 0xFFCF),
    (0xFFD2, 0xFFD7),
    (0xFFDA, 0xFFDC),
    (0xFFE0, 0xFFE6),
    (0xFFE8, 0xFFEE),
    (0x16FE0, 0x16FE4),
    (0x16FF0, 0x16FF6),
    (0x17000, 0x18CD5),
    (0x18CFF, 0x18D1E),
    (0x18D80, 0x18DF2),
    (0x1AFF0, 0x1AFF3),
    (0x1AFF5, 0x1AFFB),
    (0x1AFFD, 0x1AFFE),
    (0x1B000, 0x1B122),
    (0x1B132, 0x1B132),
    (0x1B150, 0x1B152),
    (0x1B155, 0x1B155),
    (0x1B164, 0x1B167),
    (0x1B170, 0x1B2FB),
    (0x1D300, 0x1D356),
    (0x1D360, 0x1D376),
    (0x1F200, 0x1F200),
    (0x1F202, 0x1F202),
    (0x1F210, 0x1F219),
    (0x1F21B, 0x1F22E),
    (0x1F230, 0x1F231),
    (0x1F237, 0x1F237),
    (0x1F23B, 0x1F23B),
    (0x1F240, 0x1F248),
    (0x1F260, 0x1F265),
    (0x20000, 0x3FFFD),
];

/// Whether `c` is a CJK character.
pub(super) fn is_cjk(c: char) -> bool {
    let cp = c as u32;
    if cp < 0x1100 {
        return false;
    }
    let index = CJK_RANGES.partition_point(|&(start, _)| start <= cp);
    index > 0 && cp <= CJK_RANGES[index - 1].1
}

/// Non-emoji general-use variation selectors (U+FE00–U+FE0E).
pub(super) fn is_standard_selector(c: char) -> bool {
    ('\u{FE00}'..='\u{FE0E}').contains(&c)
}

/// Ideographic variation selectors (U+E0100–U+E01EF).
pub(super) fn is_ideographic_selector(c: char) -> bool {
    ('\u{E0100}'..='\u{E01EF}').contains(&c)
}

/// Unicode whitespace as CommonMark defines it: Zs, tab, line feed, form
/// feed, carriage return.
pub(super) fn is_whitespace(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\x0C' | '\r' | ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// How the text beside a delimiter run counts for flanking.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Side {
    /// Whitespace, or the start or end of a line.
    pub(crate) space: bool,
    /// A Unicode punctuation character (or sequence).
    pub(crate) punct: bool,
    /// A CJK character (or sequence).
    pub(crate) cjk: bool,
    /// An ideographic variation selector (before the run only).
    pub(crate) ideographic_selector: bool,
    /// A variation sequence, classified by its base (before the run only).
    pub(crate) sequence: bool,
}

impl Side {
    /// The start or end of a line.
    pub(super) const LINE_EDGE: Side = Side {
        space: true,
        punct: false,
        cjk: false,
        ideographic_selector: false,
        sequence: false,
    };

    fn of(c: char) -> Side {
        Side {
            space: is_whitespace(c),
            punct: is_punctuation(c),
            cjk: is_cjk(c),
            ideographic_selector: false,
            sequence: false,
        }
    }

    /// The character after a run.
    pub(super) fn after(c: char) -> Side {
        Side::of(c)
    }

    /// What precedes a run, given the character just before it and the
    /// one before that (for variation sequences).
    pub(super) fn before(last: char, second_last: Option<char>) -> Side {
        if is_ideographic_selector(last) {
            return Side {
                ideographic_selector: true,
                ..Side::default()
            };
        }
        match second_last {
            // A sequence: the base character decides, and a CJK
            // ambiguous punctuation sequence (‘’“” + U+FE01) is CJK.
            Some(base) if is_standard_selector(last) => {
                let mut side = Side::of(base);
                side.sequence = true;
                if last == '\u{FE01}' && matches!(base, '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}') {
                    side.cjk = true;
                }
                side
            }
            _ => Side::of(last),
        }
    }

    /// Punctuation that is not CJK.
    fn non_cjk_punct(self) -> bool {
        self.punct && !self.cjk
    }
}

/// Whether a run between `before` and `after` is left-flanking under the
/// amendment.
pub(super) fn left_flanking(before: Side, after: Side) -> bool {
    !after.space && (!after.non_cjk_punct() || before.space || before.non_cjk_punct() || before.cjk || before.ideographic_selector)
}

/// Whether a run between `before` and `after` is right-flanking under the
/// amendment.
pub(super) fn right_flanking(before: Side, after: Side) -> bool {
    !before.space && (!before.non_cjk_punct() || after.space || after.non_cjk_punct() || after.cjk)
}

/// Whether the amendment can decide a run differently from plain
/// CommonMark: only when a CJK character or a variation selector is beside
/// it.
pub(super) fn matters(before: Side, after: Side) -> bool {
    before.cjk || after.cjk || before.ideographic_selector || before.sequence
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_characters() {
        for c in [
            '字',
            '真',
            'あ',
            'ア',
            '한',
            '。',
            '，',
            '（',
            '「',
            '〃',
            '々',
            '㋐',
            '⻲',
            '０',
            '\u{20000}',
        ] {
            assert!(is_cjk(c), "{c}");
        }
        for c in ['a', '1', '"', '—', '…', '·', '‘', '“', '😀', '\u{FE01}', '④'] {
            assert!(!is_cjk(c), "{c}");
        }
    }

    #[test]
    fn flanking_follows_the_table_of_the_amendment() {
        let space = Side::LINE_EDGE;
        let quote = Side::after('"');
        let letter = Side::after('a');
        let cjk_punct = Side::after('～');
        let han = Side::after('字');
        // (before, after) → (right-flanking "end", left-flanking "start")
        let rows = [
            (space, cjk_punct, false, true),
            (space, han, false, true),
            (quote, han, true, true),
            (cjk_punct, letter, true, true),
            (quote, letter, false, true),
            (letter, letter, true, true),
            (space, space, false, false),
        ];
        for (before, after, end, start) in rows {
            assert_eq!(right_flanking(before, after), end, "{before:?} {after:?}");
            assert_eq!(left_flanking(before, after), start, "{before:?} {after:?}");
        }
        // 。** then a Han character: right-flanking only with the amendment.
        assert!(right_flanking(Side::before('。', Some('真')), han));
    }

    #[test]
    fn variation_sequences_count_as_their_base() {
        let before = Side::before('\u{FE00}', Some('葛'));
        assert!(before.cjk && !before.punct);
        let quote = Side::before('\u{FE01}', Some('“'));
        assert!(quote.cjk && quote.punct);
        assert!(Side::before('\u{E0100}', Some('葛')).ideographic_selector);
    }
}
