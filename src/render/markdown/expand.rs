//! Shortcodes on the event stream. Only text as written is looked at —
//! never code spans, code blocks, raw HTML or comments, and not text that
//! came from an escape (`\{{` writes a literal `{{`). A `metric` becomes
//! inline HTML wherever it stands (its plain text inside an image's alt,
//! a link's destination or title); `chart` and `projects` are blocks and
//! must stand alone in their paragraph.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::emphasis::{Piece, inline_scopes, is_escaped};
use super::{Expander, Found, html_tags};
use crate::load::shortcodes::{self, Call};

/// An event of the body, or a shortcode's result.
#[derive(Debug, Clone)]
pub(crate) enum Item<'a> {
    Md(Event<'a>, Range<usize>),
    Figure {
        html: String,
        /// Its plain text, for heading ids and the table of contents.
        text: String,
        /// A block (chart, table) that replaced its paragraph.
        block: bool,
        range: Range<usize>,
    },
}

/// Warns of the calls written inside raw HTML (its text or attributes, not
/// its comments): they are not evaluated there, and would be published as
/// written without a word.
pub(super) fn warn_in_html(pieces: &[Piece<'_>], found: &mut Vec<Found>) {
    let mut block: Option<html_tags::Block> = None;
    for (event, range) in pieces {
        match event {
            Event::Start(Tag::HtmlBlock) => block = Some(html_tags::Block::at(range.start)),
            Event::End(TagEnd::HtmlBlock) => {
                if let Some(block) = block.take() {
                    warn_in_fragment(&block.text, |at| block.place(at), found);
                }
            }
            Event::Html(html) => match &mut block {
                Some(block) => block.push(html, range.start),
                None => warn_in_fragment(html, |at| range.start + at, found),
            },
            Event::InlineHtml(html) => warn_in_fragment(html, |at| range.start + at, found),
            _ => {}
        }
    }
}

fn warn_in_fragment(html: &str, place: impl Fn(usize) -> usize, found: &mut Vec<Found>) {
    if !shortcodes::may_hold_calls(html) {
        return;
    }
    for part in html_tags::scan(html).outside_comments(html.len()) {
        for call in shortcodes::calls_in(&html[part.clone()]).0 {
            let at = part.start + call.start;
            if is_escaped(html, at) {
                continue;
            }
            found.push(Found::warning(
                place(at),
                format!("shortcode `{}` is not evaluated inside raw HTML and is shown as written", call.name),
                "leave a blank line after the opening tag and before the closing one (`<div>`, a blank line, the text, a blank line, `</div>`): the text between is Markdown, and its shortcodes are evaluated",
            ));
        }
    }
}

/// Evaluates the shortcodes of `pieces`.
pub(super) fn expand<'a>(source: &'a str, pieces: Vec<Piece<'a>>, expander: &dyn Expander, found: &mut Vec<Found>) -> Vec<Item<'a>> {
    let scopes = inline_scopes(pieces.iter().map(|(event, _)| event));
    let mut state = State {
        source,
        expander,
        found,
        index: 0,
        seen: std::collections::HashMap::new(),
    };
    let mut out: Vec<Item<'a>> = Vec::with_capacity(pieces.len());
    let mut rest = pieces.into_iter();
    let mut at = 0;
    for scope in scopes {
        out.extend(rest.by_ref().take(scope.start - at).map(|(event, range)| Item::Md(event, range)));
        let inline: Vec<Piece<'a>> = rest.by_ref().take(scope.len()).collect();
        at = scope.end;
        state.scope(inline, &mut out);
    }
    out.extend(rest.map(|(event, range)| Item::Md(event, range)));
    out
}

struct State<'s, 'a> {
    source: &'a str,
    expander: &'s dyn Expander,
    found: &'s mut Vec<Found>,
    /// Calls met so far in the body (chart figures number by it).
    index: usize,
    /// How often each call (name and arguments) was met.
    seen: std::collections::HashMap<u64, usize>,
}

/// A stretch of text events that is the source as written.
fn written<'a>(source: &'a str, event: &Event<'_>, range: &Range<usize>) -> Option<&'a str> {
    match event {
        Event::Text(text) => source.get(range.clone()).filter(|w| **w == **text),
        _ => None,
    }
}

impl<'a> State<'_, 'a> {
    fn error(&mut self, offset: usize, message: String, hint: impl Into<String>) {
        self.found.push(Found::error(offset, message, hint));
    }

    /// Evaluates one call; `None` (with the problem noted) when it fails.
    fn evaluate(&mut self, call: &Call, offset: usize) -> Option<super::Expansion> {
        let index = self.index;
        self.index += 1;
        let seen = self.seen.entry(call.fingerprint()).or_insert(0);
        let repeat = *seen;
        *seen += 1;
        match self.expander.expand(call, index, repeat) {
            Ok(expansion) => Some(expansion),
            Err((message, hint)) => {
                self.error(offset, message, hint.unwrap_or_default());
                None
            }
        }
    }

    /// Replaces the calls in a link's destination or title by their text.
    fn plain(&mut self, text: CowStr<'a>, offset: usize) -> CowStr<'a> {
        if !shortcodes::may_hold_calls(&text) {
            return text;
        }
        let expander = self.expander;
        let mut index = self.index;
        let result = shortcodes::plain(&text, |call| {
            index += 1;
            expander.expand(call, index - 1, 0).map(|e| e.text)
        });
        self.index = index;
        match result {
            Ok(plain) => CowStr::from(plain),
            Err(errors) => {
                for error in errors {
                    self.error(offset, error.message, error.hint);
                }
                text
            }
        }
    }

    fn scope(&mut self, inline: Vec<Piece<'a>>, out: &mut Vec<Item<'a>>) {
        let mut depth_in_image = 0usize;
        let count = inline.len();
        let mut pieces = inline.into_iter().peekable();
        let mut items: Vec<Item<'a>> = Vec::with_capacity(count);
        let mut blocks = Vec::new();
        while let Some((event, range)) = pieces.next() {
            let event = match event {
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => Event::Start(Tag::Link {
                    link_type,
                    dest_url: self.plain(dest_url, range.start),
                    title: self.plain(title, range.start),
                    id,
                }),
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    depth_in_image += 1;
                    Event::Start(Tag::Image {
                        link_type,
                        dest_url: self.plain(dest_url, range.start),
                        title: self.plain(title, range.start),
                        id,
                    })
                }
                Event::End(TagEnd::Image) => {
                    depth_in_image = depth_in_image.saturating_sub(1);
                    Event::End(TagEnd::Image)
                }
                other => other,
            };
            if written(self.source, &event, &range).is_none() {
                items.push(Item::Md(event, range));
                continue;
            }
            // The whole stretch of text as written, over several events.
            let mut stretch = range.clone();
            while let Some((next, next_range)) = pieces.peek() {
                if next_range.start != stretch.end || written(self.source, next, next_range).is_none() {
                    break;
                }
                stretch.end = next_range.end;
                pieces.next();
            }
            self.stretch(stretch, depth_in_image > 0, &mut items, &mut blocks);
        }
        // A block call must be all there is in its paragraph.
        if !blocks.is_empty() {
            let blank = |item: &Item<'_>| match item {
                Item::Md(Event::Text(text), _) => text.trim().is_empty(),
                Item::Md(Event::SoftBreak, _) => true,
                _ => false,
            };
            let others = items.iter().filter(|item| !blank(item)).count();
            if blocks.len() == 1 && others == 1 {
                items.retain(|item| !blank(item));
            } else {
                for (offset, name) in blocks {
                    self.error(
                        offset,
                        format!("`{name}` must stand alone in its paragraph"),
                        "put it on a line of its own, with a blank line before and after",
                    );
                }
            }
        }
        out.extend(items);
    }

    /// Evaluates the calls in the text `stretch` of the source.
    fn stretch(&mut self, stretch: Range<usize>, in_image: bool, items: &mut Vec<Item<'a>>, blocks: &mut Vec<(usize, String)>) {
        let text = &self.source[stretch.clone()];
        let (calls, errors) = if shortcodes::may_hold_calls(text) {
            shortcodes::calls_in(text)
        } else {
            (Vec::new(), Vec::new())
        };
        for error in errors {
            self.error(stretch.start + error.offset, error.message, error.hint);
        }
        let mut last = 0;
        for call in calls {
            let offset = stretch.start + call.start;
            // `\{{` writes the braces themselves.
            if is_escaped(self.source, offset) {
                continue;
            }
            if call.start > last {
                let range = stretch.start + last..offset;
                items.push(Item::Md(Event::Text(CowStr::Borrowed(&self.source[range.clone()])), range));
            }
            last = call.end;
            let block = self.expander.is_block(&call.name);
            let Some(expansion) = self.evaluate(&call, offset) else { continue };
            let range = offset..stretch.start + call.end;
            if in_image {
                items.push(Item::Md(Event::Text(CowStr::from(expansion.text)), range));
                continue;
            }
            if block {
                blocks.push((offset, call.name.clone()));
            }
            items.push(Item::Figure {
                html: expansion.html,
                text: expansion.text,
                block,
                range,
            });
        }
        if last < text.len() {
            let range = stretch.start + last..stretch.end;
            items.push(Item::Md(Event::Text(CowStr::Borrowed(&self.source[range.clone()])), range));
        }
    }
}
