//! Diagnostics in Chinese: the English text of a message or hint matched
//! against a catalogue of patterns and written out in Chinese, at the edge
//! where diagnostics are printed. Messages are built in English throughout
//! the code (one language to grep and test); a site in `zh-CN` shows them
//! in Chinese. A pattern holds `{}` for each varying part; the Chinese
//! text takes the parts in order with `{}`, or by number with `{1}`, `{2}`.
//! A part that is itself in the catalogue (`industry`, ` (did you mean
//! `food`?)`) is translated too. Text no pattern matches stays English.

mod content;
mod data;
mod edition;
mod general;
mod routes;
mod sheets;

use std::sync::OnceLock;

/// One entry of the catalogue: the English pattern and its Chinese.
type Entry = (&'static str, &'static str);

/// A pattern split at its `{}`s, with its Chinese.
struct Pattern {
    pieces: Vec<&'static str>,
    zh: &'static str,
}

/// The hand-written tables of messages, one per area.
const TABLES: [&[Entry]; 6] = [
    general::ENTRIES,
    data::ENTRIES,
    sheets::ENTRIES,
    content::ENTRIES,
    edition::ENTRIES,
    routes::ENTRIES,
];

/// The catalogue, most literal text first (the most specific pattern wins).
fn catalogue() -> &'static [Pattern] {
    static CATALOGUE: OnceLock<Vec<Pattern>> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        // The messages that name the data files are made from their
        // declarations (`load::data::kinds`).
        let generated = crate::load::data::kinds::catalogue();
        let mut patterns: Vec<Pattern> = TABLES
            .into_iter()
            .flatten()
            .chain(generated.iter())
            .map(|(en, zh)| Pattern {
                pieces: en.split("{}").collect(),
                zh,
            })
            .collect();
        patterns.sort_by_key(|p| std::cmp::Reverse(p.pieces.iter().map(|s| s.len()).sum::<usize>()));
        patterns
    })
}

/// The parts of `text` that fill the `{}`s of `pieces`, if it matches.
fn parts<'t>(pieces: &[&str], text: &'t str) -> Option<Vec<&'t str>> {
    let (first, rest) = pieces.split_first()?;
    let mut remaining = text.strip_prefix(first)?;
    let mut found = Vec::with_capacity(rest.len());
    for (i, piece) in rest.iter().enumerate() {
        let last = i + 1 == rest.len();
        let at = if last {
            // The last piece ends the text.
            if !remaining.ends_with(piece) {
                return None;
            }
            remaining.len() - piece.len()
        } else if piece.is_empty() {
            return None;
        } else {
            remaining.find(piece)?
        };
        found.push(&remaining[..at]);
        remaining = &remaining[at + piece.len()..];
    }
    (remaining.is_empty() || pieces.len() == 1 && text == *first).then_some(found)
}

/// `zh` with the parts filled in: `{}` in order, `{N}` by number.
fn fill(zh: &str, parts: &[String]) -> String {
    let mut out = String::with_capacity(zh.len() + parts.iter().map(String::len).sum::<usize>());
    let mut next = 0;
    let mut rest = zh;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let inside = &after[..close];
        let index = if inside.is_empty() {
            next += 1;
            Some(next - 1)
        } else {
            inside.parse::<usize>().ok().and_then(|n| n.checked_sub(1))
        };
        match index.and_then(|i| parts.get(i)) {
            Some(part) => out.push_str(part),
            None => out.push_str(&rest[open..open + close + 2]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// `text` in Chinese, or `None` when the catalogue has no pattern for it.
pub(crate) fn translate(text: &str) -> Option<String> {
    translate_at(text, 0)
}

fn translate_at(text: &str, depth: usize) -> Option<String> {
    if depth > 4 || text.is_empty() {
        return None;
    }
    catalogue().iter().find_map(|pattern| {
        let found = parts(&pattern.pieces, text)?;
        // A part in backticks is a name as typed (`unit`): never translated.
        let quoted = |i: usize| pattern.pieces[i].ends_with('`') && pattern.pieces.get(i + 1).is_some_and(|p| p.starts_with('`'));
        let filled: Vec<String> = found
            .iter()
            .enumerate()
            .map(|(i, part)| match quoted(i) {
                true => part.to_string(),
                false => translate_at(part, depth + 1).unwrap_or_else(|| part.to_string()),
            })
            .collect();
        Some(fill(pattern.zh, &filled))
    })
}

/// `text` in Chinese where the catalogue knows it, else as it is.
pub(crate) fn chinese(text: &str) -> String {
    translate(text).unwrap_or_else(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_take_their_parts_and_parts_are_translated() {
        assert_eq!(
            parts(&["unknown ", " `", "`", ""], "unknown industry `fod` (did you mean `food`?)"),
            Some(vec!["industry", "fod", " (did you mean `food`?)"])
        );
        assert_eq!(fill("{2}：{1}", &["a".into(), "b".into()]), "b：a");
        assert_eq!(fill("未知{}“{}”", &["产业".into(), "fod".into()]), "未知产业“fod”");
        assert_eq!(
            chinese("unknown industry `fod` (did you mean `food`?)"),
            "未知的产业 `fod`（是不是 `food`？）"
        );
        assert_eq!(chinese("no such thing at all, surely"), "no such thing at all, surely");
        // Names in backticks stay as typed.
        assert_eq!(chinese("did you mean `unit`?"), "是不是 `unit`？");
    }

    #[test]
    fn every_pattern_is_well_formed() {
        for pattern in catalogue() {
            let holes = pattern.pieces.len() - 1;
            assert!(
                pattern.pieces.windows(2).all(|w| !(w[0].is_empty() && w[1].is_empty())) || holes <= 1,
                "{:?}",
                pattern.pieces
            );
            // The Chinese uses no part that is not there.
            let mut rest = pattern.zh;
            while let Some(open) = rest.find('{') {
                let after = &rest[open + 1..];
                let close = after.find('}').unwrap_or(0);
                let inside = &after[..close];
                if let Ok(n) = inside.parse::<usize>() {
                    assert!(n >= 1 && n <= holes, "{} uses {{{n}}} of {holes}", pattern.zh);
                }
                rest = &after[close..];
            }
            assert!(
                pattern.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "not Chinese: {}",
                pattern.zh
            );
        }
    }

    #[test]
    fn no_two_patterns_are_the_same() {
        let mut seen = std::collections::BTreeSet::new();
        for (en, _) in TABLES.into_iter().flatten() {
            assert!(seen.insert(*en), "`{en}` twice");
        }
    }
}
