//! Ids of a page: heading anchors (Chinese included), footnotes and
//! figures, unique on the page together with the ids of its template. An
//! explicit `{#id}` that collides is an error; a derived id is made unique.
//! Heading attributes allow `{#id .class}` only: anything else in braces is
//! shown as the text it was.

use std::collections::BTreeSet;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};
use serde::Serialize;

use super::Found;
use super::expand::Item;

/// A heading of the document, for the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Heading {
    pub(crate) level: u8,
    pub(crate) id: String,
    pub(crate) text: String,
}

/// The prefix of footnote ids, so that `[^1]` and `## 1` do not collide.
pub(crate) const FOOTNOTE_PREFIX: &str = "fn-";

/// Turns heading text into an anchor id: letters of any script and digits
/// are kept (lowercased), spaces and dashes become `-`, punctuation goes.
pub(crate) fn anchor_id(text: &str) -> String {
    let mut id = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() {
            id.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_' || c == '.') && !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-').to_string();
    if id.is_empty() { "section".to_string() } else { id }
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Ids found in HTML made by the theme (`id="…"`).
pub(crate) fn ids_in(html: &str) -> impl Iterator<Item = &str> {
    memchr::memmem::find_iter(html.as_bytes(), " id=\"").filter_map(|at| {
        let rest = html.get(at + 5..)?;
        rest.find('"').map(|end| &rest[..end])
    })
}

/// What the ids pass found: the table of contents and every id defined.
#[derive(Debug, Default)]
pub(crate) struct Anchors {
    pub(crate) headings: Vec<Heading>,
    pub(crate) ids: BTreeSet<String>,
}

/// The `{…}` written after a heading's text in the source, if pulldown-cmark
/// read one there (by its own rule: the last `{`, with no `{}<>\\` inside,
/// on the line of the text), with the spaces before it: as written.
fn brace_block(source: &str, range: &std::ops::Range<usize>) -> Option<String> {
    let lines: Vec<&str> = source.get(range.clone())?.lines().collect();
    // A setext heading's text ends on the line above its underline.
    let underlined = lines.len() > 1
        && lines.last().is_some_and(|l| {
            let l = l.trim();
            !l.is_empty() && (l.bytes().all(|b| b == b'=') || l.bytes().all(|b| b == b'-'))
        });
    let line = if underlined { lines[lines.len() - 2] } else { lines.first()? };
    let mut line = line.trim_end();
    if !underlined {
        let closed = line.trim_end_matches('#');
        if closed.len() < line.len() && (closed.is_empty() || closed.ends_with([' ', '\t'])) {
            line = closed.trim_end();
        }
    }
    let inside = line.strip_suffix('}')?;
    let open = inside.rfind(['{', '}', '<', '>', '\\'])?;
    if !inside[open..].starts_with('{') {
        return None;
    }
    let spaces = inside[..open].len() - inside[..open].trim_end().len();
    Some(line[open - spaces..].to_string())
}

/// Whether the attribute block `block` (`{…}`) gives an id or classes and
/// nothing else.
fn only_id_and_classes(block: &str) -> bool {
    let inside = block.trim().trim_start_matches('{').trim_end_matches('}');
    let mut tokens = inside.split_ascii_whitespace().peekable();
    tokens.peek().is_some() && tokens.all(|t| t.len() > 1 && t.starts_with(['#', '.']))
}

/// Gives every heading its id and every footnote its prefixed id, checks
/// them against each other, the figures' ids and `reserved` (the ids of
/// the page's template).
pub(crate) fn assign<'a>(source: &str, items: &mut Vec<Item<'a>>, reserved: &BTreeSet<String>, found: &mut Vec<Found>) -> Anchors {
    let mut anchors = Anchors::default();
    let mut used: BTreeSet<String> = reserved.clone();
    // Footnotes and figures first: their ids are fixed.
    for item in items.iter_mut() {
        match item {
            Item::Md(Event::Start(Tag::FootnoteDefinition(name)), _) | Item::Md(Event::FootnoteReference(name), _) => {
                let prefixed = format!("{FOOTNOTE_PREFIX}{name}");
                used.insert(prefixed.clone());
                anchors.ids.insert(prefixed.clone());
                *name = CowStr::from(prefixed);
            }
            Item::Figure { html, range, .. } => {
                for id in ids_in(html) {
                    if !used.insert(id.to_string()) {
                        found.push(Found::error(
                            range.start,
                            format!("the id `{id}` of this figure is already used on this page"),
                            "the theme's shortcode template must give each figure its own id (`chart.anchor`)",
                        ));
                    }
                    anchors.ids.insert(id.to_string());
                }
            }
            _ => {}
        }
    }
    // Explicit ids next: they are kept as written, or refused.
    let mut index = 0;
    while index < items.len() {
        let Item::Md(Event::Start(Tag::Heading { .. }), range) = &items[index] else {
            index += 1;
            continue;
        };
        let range = range.clone();
        // The braces as written, unless they are still in the text.
        let block = brace_block(source, &range).filter(|block| {
            let text = items[index..]
                .iter()
                .take_while(|i| !matches!(i, Item::Md(Event::End(TagEnd::Heading(_)), _)))
                .filter_map(|i| match i {
                    Item::Md(Event::Text(text), _) => Some(text.as_ref()),
                    _ => None,
                })
                .last();
            !text.is_some_and(|t| t.trim_end().ends_with(block.trim()))
        });
        let Item::Md(Event::Start(Tag::Heading { id, classes, attrs, .. }), _) = &mut items[index] else {
            index += 1;
            continue;
        };
        // pulldown-cmark drops what it does not understand (`{x}`, `{}`):
        // the block as written decides.
        let block = block.filter(|block| !attrs.is_empty() || !only_id_and_classes(block));
        if let Some(text) = block {
            // Not `{#id .class}`: the braces were text.
            found.push(Found::warning(
                range.start,
                format!(
                    "heading attributes allow only `{{#id .class}}`; `{}` is shown as text",
                    text.trim_start()
                ),
                "write `## 标题 {#id}` for an anchor; other attributes are not allowed",
            ));
            attrs.clear();
            *id = None;
            classes.clear();
            if let Some(end) = items[index..]
                .iter()
                .position(|i| matches!(i, Item::Md(Event::End(TagEnd::Heading(_)), _)))
            {
                let at = index + end;
                items.insert(at, Item::Md(Event::Text(CowStr::from(text)), range.end..range.end));
            }
        } else if let Some(explicit) = id.as_ref().map(|i| i.to_string()) {
            if !used.insert(explicit.clone()) {
                found.push(Found::error(
                    range.start,
                    format!("the id `{explicit}` is already used on this page"),
                    "choose another `{#id}`: links to it would lead to the wrong place",
                ));
            }
            anchors.ids.insert(explicit);
        }
        index += 1;
    }
    // Then derived ids, from the heading's text as shown.
    let mut open: Option<(usize, u8, String)> = None;
    for index in 0..items.len() {
        match &items[index] {
            Item::Md(Event::Start(Tag::Heading { level, .. }), _) => open = Some((index, level_number(*level), String::new())),
            Item::Md(Event::End(TagEnd::Heading(_)), _) => {
                let Some((start, level, text)) = open.take() else { continue };
                let Item::Md(Event::Start(Tag::Heading { id, .. }), _) = &mut items[start] else {
                    continue;
                };
                let id = match id {
                    Some(explicit) => explicit.to_string(),
                    None => {
                        let unique = unique(anchor_id(&text), &mut used);
                        *id = Some(CowStr::from(unique.clone()));
                        anchors.ids.insert(unique.clone());
                        unique
                    }
                };
                anchors.headings.push(Heading {
                    level,
                    id,
                    text: text.trim().to_string(),
                });
            }
            Item::Md(Event::Text(text) | Event::Code(text), _) => {
                if let Some((_, _, heading)) = &mut open {
                    heading.push_str(text);
                }
            }
            Item::Figure { text, .. } => {
                if let Some((_, _, heading)) = &mut open {
                    heading.push_str(text);
                }
            }
            _ => {}
        }
    }
    anchors
}

fn unique(id: String, used: &mut BTreeSet<String>) -> String {
    if used.insert(id.clone()) {
        return id;
    }
    (1..)
        .map(|n| format!("{id}-{n}"))
        .find(|candidate| used.insert(candidate.clone()))
        .unwrap_or(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchor_ids_keep_letters_of_any_script() {
        assert_eq!(anchor_id("一、总体情况"), "一总体情况");
        assert_eq!(anchor_id("Key Projects 2013"), "key-projects-2013");
        assert_eq!(anchor_id("！？"), "section");
    }

    #[test]
    fn derived_ids_step_around_used_ones() {
        let mut used: BTreeSet<String> = ["main".to_string(), "main-1".to_string()].into();
        assert_eq!(unique("main".into(), &mut used), "main-2");
        assert_eq!(unique("x".into(), &mut used), "x");
    }

    #[test]
    fn brace_blocks_are_read_back_from_the_source() {
        let block = |source: &str| brace_block(source, &(0..source.len()));
        assert_eq!(block("## 取值范围 {0,1}\n").as_deref(), Some(" {0,1}"));
        assert_eq!(block("## 集合{} ##\n").as_deref(), Some("{}"));
        assert_eq!(block("公式 {x}\n---\n").as_deref(), Some(" {x}"));
        assert_eq!(block("## 销号率{{ metric(name=\"x\") }}\n"), None);
        assert_eq!(block("## a {<b>}\n"), None);
        assert!(only_id_and_classes("{#id .a .b}"));
        for block in ["{x}", "{}", "{#}", "{# x}", "{.a b}"] {
            assert!(!only_id_and_classes(block), "{block}");
        }
    }
}
