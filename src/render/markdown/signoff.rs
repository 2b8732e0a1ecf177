//! The sign-off (落款) of a document: the issuing body's name and the date
//! that close a notice, circular or speech, which official documents set
//! flush right (GB/T 9704). Found, not declared: the last paragraph of the
//! body when it is a date (`2013年4月28日`, `二〇一三年四月二十八日`),
//! with the short line just above it — in the same paragraph or the one
//! before — that names who signs. Those paragraphs are written as
//! `<p class="signoff">`, their lines kept as lines.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::expand::Item;

/// The longest line taken for a signer's name, in characters.
const SIGNER_MAX: usize = 40;

/// Marks the sign-off of `items`, if the body ends with one.
pub(super) fn mark(items: &mut [Item<'_>]) {
    let paragraphs = top_level_paragraphs(items);
    let Some(&(start, end)) = paragraphs.last() else {
        return;
    };
    if !ends_the_body(items, end) {
        return;
    }
    let lines = lines_of(&items[start..end]);
    let Some((last, above)) = lines.split_last() else {
        return;
    };
    if !is_date(last) || !above.iter().all(|line| is_signer(line)) {
        return;
    }
    let mut marked = vec![(start, end)];
    // The signer on a paragraph of its own, just before the date.
    if above.is_empty()
        && let Some(&(before_start, before_end)) = paragraphs.iter().rev().nth(1)
        && before_end + 1 == start
    {
        let lines = lines_of(&items[before_start..before_end]);
        if lines.len() == 1 && is_signer(&lines[0]) {
            marked.push((before_start, before_end));
        }
    }
    for (start, end) in marked {
        items[start] = Item::Md(Event::Html(CowStr::Borrowed("<p class=\"signoff\">")), range_of(&items[start]));
        items[end] = Item::Md(Event::Html(CowStr::Borrowed("</p>\n")), range_of(&items[end]));
        for item in &mut items[start + 1..end] {
            if let Item::Md(event @ Event::SoftBreak, _) = item {
                *event = Event::HardBreak;
            }
        }
    }
}

fn range_of(item: &Item<'_>) -> std::ops::Range<usize> {
    match item {
        Item::Md(_, range) | Item::Figure { range, .. } => range.clone(),
    }
}

/// The index of the start and end of every paragraph at the top level.
fn top_level_paragraphs(items: &[Item<'_>]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut depth = 0usize;
    let mut open = None;
    for (index, item) in items.iter().enumerate() {
        match item {
            Item::Md(Event::Start(Tag::Paragraph), _) if depth == 0 => {
                open = Some(index);
                depth += 1;
            }
            Item::Md(Event::End(TagEnd::Paragraph), _) if depth == 1 => {
                if let Some(start) = open.take() {
                    found.push((start, index));
                }
                depth -= 1;
            }
            Item::Md(Event::Start(_), _) => depth += 1,
            Item::Md(Event::End(_), _) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    found
}

/// Whether nothing but footnote definitions follows the item at `end`.
fn ends_the_body(items: &[Item<'_>], end: usize) -> bool {
    let mut depth = 0usize;
    for item in &items[end + 1..] {
        match item {
            Item::Md(Event::Start(Tag::FootnoteDefinition(_)), _) => depth += 1,
            Item::Md(Event::End(TagEnd::FootnoteDefinition), _) => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            _ => return false,
        }
    }
    true
}

/// The lines of a paragraph's inside as plain text, or nothing when it
/// holds more than text (a figure, a link, emphasis, a break made by HTML).
fn lines_of(inside: &[Item<'_>]) -> Vec<String> {
    let mut lines = vec![String::new()];
    for item in &inside[1..] {
        match item {
            Item::Md(Event::Text(text), _) => {
                if let Some(line) = lines.last_mut() {
                    line.push_str(text);
                }
            }
            Item::Md(Event::SoftBreak | Event::HardBreak, _) => lines.push(String::new()),
            _ => return Vec::new(),
        }
    }
    lines.iter().map(|line| line.trim().to_string()).collect()
}

/// A signer's line: short, and not a sentence.
fn is_signer(line: &str) -> bool {
    let count = line.chars().count();
    count > 0
        && count <= SIGNER_MAX
        && !line.ends_with(['。', '！', '？', '；', '：', '，', '.', '!', '?', ';', ':', ','])
        && !line.starts_with('附')
}

/// `2013年4月28日`, in Arabic or full-width digits or in Chinese numerals.
fn is_date(line: &str) -> bool {
    let Some((year, rest)) = line.split_once('年') else {
        return false;
    };
    let Some((month, rest)) = rest.split_once('月') else {
        return false;
    };
    let Some(day) = rest.strip_suffix('日') else {
        return false;
    };
    let digits = |text: &str, most: usize| {
        let count = text.chars().count();
        (1..=most).contains(&count) && text.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    };
    let numerals = |text: &str, most: usize| {
        let count = text.chars().count();
        (1..=most).contains(&count) && text.chars().all(|c| "〇零一二三四五六七八九十".contains(c))
    };
    year.chars().count() == 4
        && (digits(year, 4) || numerals(year, 4))
        && (digits(month, 2) || numerals(month, 3))
        && (digits(day, 2) || numerals(day, 3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_of_documents() {
        for date in ["2013年4月28日", "2013年12月1日", "二〇一三年四月二十八日", "２０１３年４月２８日"] {
            assert!(is_date(date), "{date}");
        }
        for text in [
            "2013年4月",
            "13年4月28日",
            "4月28日",
            "2013年4月28日上午",
            "会议于2013年4月28日召开",
        ] {
            assert!(!is_date(text), "{text}");
        }
    }

    #[test]
    fn signers_are_short_lines_not_sentences() {
        assert!(is_signer("县联手帮扶企业和产业发展升级行动工作领导小组办公室"));
        assert!(!is_signer("整改情况将纳入年终考评。"));
        assert!(!is_signer("附：截至3月底的问题清单"));
        assert!(!is_signer(&"长".repeat(41)));
    }
}
