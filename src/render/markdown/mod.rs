//! Markdown to HTML: pulldown-cmark's events, passed through the stages of
//! "How Markdown is read" (DESIGN.md), each a module:
//!
//! 1. parse: CommonMark + GFM tables, footnotes, strikethrough and task
//!    lists; a raw `<script>`/`<textarea>` block that is never closed stops
//!    after its start tag instead of swallowing the page; a shortcode in a
//!    link destination keeps it a link ([`destinations`]);
//! 2. [`emphasis`]: the CJK-friendly emphasis amendment;
//! 3. [`raw_html`]: raw HTML sanitised fragment by fragment (read through
//!    [`html_tags`]);
//! 4. [`expand`]: shortcodes evaluated in text (never in code or HTML: a
//!    call in raw HTML is a warning);
//! 5. [`targets`]: links and images — of Markdown and of raw HTML —
//!    checked and rewritten for the build;
//! 6. [`anchors`]: heading, footnote and figure ids, unique on the page;
//! 7. [`signoff`]: the closing signer and date set flush right.
//!
//! Problems are reported at their byte offset and turned into lines and
//! columns of the body.

pub(crate) mod anchors;
mod cjk;
mod destinations;
mod emphasis;
mod expand;
mod html_tags;
mod punctuation;
pub(crate) mod raw_html;
mod signoff;
mod targets;

use std::collections::BTreeSet;

use pulldown_cmark::{BrokenLink, CowStr, Event, Options, Parser, Tag, TagEnd, html};

pub(crate) use anchors::Heading;
use emphasis::Piece;
use expand::Item;
pub use raw_html::Sanitizer;

use crate::load::shortcodes::Call;
use crate::render::html_depth::HtmlDepth;
use crate::render::urls::Links;

/// What a shortcode call becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expansion {
    pub html: String,
    /// Its plain text (heading ids, alt text, link destinations).
    pub text: String,
}

/// Evaluates shortcodes for the Markdown pipeline.
pub trait Expander {
    /// Whether calls of `name` are blocks (a figure, a table) rather than
    /// inline text.
    fn is_block(&self, name: &str) -> bool;
    /// The result of `call`, the `index`-th call of the body and the
    /// `repeat`-th earlier call just like it (0 for the first); or a
    /// message and hint.
    fn expand(&self, call: &Call, index: usize, repeat: usize) -> Result<Expansion, (String, Option<String>)>;
}

/// A problem found in a body, at a byte offset of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub(crate) error: bool,
    pub(crate) offset: usize,
    pub(crate) message: String,
    pub(crate) hint: String,
}

impl Found {
    pub(crate) fn error(offset: usize, message: impl Into<String>, hint: impl Into<String>) -> Found {
        Found {
            error: true,
            offset,
            message: message.into(),
            hint: hint.into(),
        }
    }

    pub(crate) fn warning(offset: usize, message: impl Into<String>, hint: impl Into<String>) -> Found {
        Found {
            error: false,
            ..Found::error(offset, message, hint)
        }
    }
}

/// A problem of a body at its place: 0-based line of the body, 1-based
/// column (characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub(crate) error: bool,
    pub line: usize,
    pub(crate) column: usize,
    pub(crate) message: String,
    pub(crate) hint: String,
}

/// A link or image source inside the site, with the body line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SiteLink {
    /// As written.
    pub(crate) target: String,
    /// The site target an absolute URL on the site's own host stands for.
    pub(crate) path: Option<String>,
    /// 0-based line within the Markdown body.
    pub(crate) body_line: usize,
    pub(crate) column: usize,
}

/// The result of rendering one Markdown body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub(crate) html: String,
    pub(crate) headings: Vec<Heading>,
    pub(crate) site_links: Vec<SiteLink>,
    /// Every id the body defines (headings, footnotes, figures).
    pub(crate) anchors: BTreeSet<String>,
    /// Errors and warnings, in body order.
    pub problems: Vec<Problem>,
}

/// What a body is rendered with.
pub struct Context<'c> {
    /// Site path of the page.
    pub page: &'c str,
    pub links: &'c Links,
    pub sanitizer: &'c Sanitizer,
    pub expander: &'c dyn Expander,
    /// Ids the page's template uses (`main`, …): headings step around them.
    pub reserved_ids: &'c BTreeSet<String>,
}

/// The Markdown extensions of the site.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Line starts of `text`, for turning byte offsets into lines and columns.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// 0-based line and 1-based column (in characters) of byte `offset`.
    fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let start = self.starts[line];
        let column = text.get(start..offset.min(text.len())).map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }
}

/// The events of `markdown` with their source ranges. A raw `<script>`,
/// `<pre>`, `<style>` or `<textarea>` block at the top level that is never
/// closed would run to the end of the document; it is cut after the line
/// on which its start tag ends, and the rest is read as Markdown again.
fn parse(markdown: &str) -> Vec<Piece<'_>> {
    let mut pieces: Vec<Piece<'_>> = Parser::new_ext(markdown, options()).into_offset_iter().collect();
    let mut from = 0;
    let mut definitions: Option<Vec<(String, String, String)>> = None;
    while let Some((start, end)) = swallowing_block(&pieces, from) {
        // Link definitions of the whole text, for the part read again.
        let definitions = definitions.get_or_insert_with(|| {
            Parser::new_ext(markdown, options())
                .reference_definitions()
                .iter()
                .map(|(label, def)| {
                    (
                        label.to_lowercase(),
                        def.dest.to_string(),
                        def.title.as_deref().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        });
        let block = pieces[start].1.clone();
        let block_end = pieces[end].1.end.max(block.end);
        let first_line = block.start + raw_html::start_tag_lines(&markdown[block.start..block_end]);
        from = start + 3;
        if first_line >= block_end {
            continue;
        }
        let head = vec![
            (Event::Start(Tag::HtmlBlock), block.start..first_line),
            (
                Event::Html(CowStr::Borrowed(&markdown[block.start..first_line])),
                block.start..first_line,
            ),
            (Event::End(TagEnd::HtmlBlock), block.start..first_line),
        ];
        let lookup = |link: BrokenLink<'_>| {
            let wanted = link.reference.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
            definitions
                .iter()
                .find(|(label, _, _)| *label == wanted)
                .map(|(_, dest, title)| (CowStr::from(dest.clone()), CowStr::from(title.clone())))
        };
        let rest = Parser::new_with_broken_link_callback(&markdown[first_line..block_end], options(), Some(lookup))
            .into_offset_iter()
            .map(|(event, range)| (event, range.start + first_line..range.end + first_line));
        pieces.splice(start..=end, head.into_iter().chain(rest));
    }
    pieces
}

/// The first top-level HTML block at or after `from` that is an unclosed
/// raw block: its start and end indexes.
fn swallowing_block(pieces: &[Piece<'_>], from: usize) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut index = 0;
    while index < pieces.len() {
        match &pieces[index].0 {
            Event::Start(Tag::HtmlBlock) if depth == 0 && index >= from => {
                let end = index
                    + pieces[index..]
                        .iter()
                        .position(|(e, _)| matches!(e, Event::End(TagEnd::HtmlBlock)))?;
                let html: String = pieces[index..end]
                    .iter()
                    .filter_map(|(e, _)| match e {
                        Event::Html(h) => Some(h.as_ref()),
                        _ => None,
                    })
                    .collect();
                if raw_html::unclosed_raw_block(&html).is_some() {
                    return Some((index, end));
                }
                index = end;
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        index += 1;
    }
    None
}

/// Where raw HTML first nests too deeply to be sanitised in reasonable
/// time.
fn too_deep(pieces: &[Piece<'_>]) -> Option<usize> {
    let mut depth = HtmlDepth::default();
    pieces.iter().find_map(|(event, range)| match event {
        Event::Html(html) | Event::InlineHtml(html) => depth.feed(html).map(|offset| (range.start + offset).min(range.end)),
        _ => None,
    })
}

/// Renders the Markdown body `markdown` for the page of `context`.
pub fn render(markdown: &str, context: &Context<'_>) -> Rendered {
    let index = LineIndex::new(markdown);
    let mut found: Vec<Found> = Vec::new();
    let mut rendered = Rendered::default();
    let place = |found: Vec<Found>| -> Vec<Problem> {
        found
            .into_iter()
            .map(|f| {
                let (line, column) = index.position(markdown, f.offset);
                Problem {
                    error: f.error,
                    line,
                    column,
                    message: f.message,
                    hint: f.hint,
                }
            })
            .collect()
    };
    // Calls in link destinations hold spaces: masked for the parser.
    let masked = destinations::mask(markdown);
    let mut pieces = parse(masked.as_deref().unwrap_or(markdown));
    if masked.is_some() {
        destinations::unmask(&mut pieces);
    }
    if let Some(offset) = too_deep(&pieces) {
        found.push(Found::error(
            offset,
            format!("raw HTML nests deeper than {} elements here", crate::render::html_depth::MAX_DEPTH),
            "close the elements you open (`<div>` … `</div>`), or write the text as Markdown",
        ));
        rendered.problems = place(found);
        return rendered;
    }
    let pieces = emphasis::cjk_friendly(markdown, pieces);
    for offset in emphasis::leftover_runs(markdown, &pieces) {
        let run = &markdown[offset..offset + 2];
        found.push(Found::warning(
            offset,
            format!("`{run}` is shown as text: it does not open or close bold text here"),
            format!(
                "put `{run}` right against the words to make bold, or write `\\{}` to show the characters",
                &run[..1]
            ),
        ));
    }
    expand::warn_in_html(&pieces, &mut found);
    let pieces = raw_html::sanitize(pieces, context.sanitizer, &mut found);
    let mut items = expand::expand(markdown, pieces, context.expander, &mut found);
    let page = targets::Page {
        source: markdown,
        path: context.page,
        links: context.links,
        check_schemes: !context.sanitizer.allows_everything(),
    };
    let site_links = targets::rewrite(&mut items, &page, &mut found);
    let anchors = anchors::assign(markdown, &mut items, context.reserved_ids, &mut found);
    signoff::mark(&mut items);
    rendered.site_links = site_links
        .into_iter()
        .map(|(offset, link)| {
            let (body_line, column) = index.position(markdown, offset);
            SiteLink { body_line, column, ..link }
        })
        .collect();
    rendered.headings = anchors.headings;
    rendered.anchors = anchors.ids;
    found.sort_by_key(|f| f.offset);
    rendered.problems = place(found);
    html::push_html(&mut rendered.html, to_events(items));
    rendered
}

/// Plain pulldown-cmark's HTML for `markdown` with only the sanitising of
/// this pipeline applied (raw HTML fragment by fragment, unclosed raw
/// blocks cut, unsafe link schemes removed): the reference the whole
/// pipeline must give, but for emphasis, shortcodes and ids.
pub fn sanitised_reference(markdown: &str, sanitizer: &Sanitizer, links: &Links) -> String {
    let mut found = Vec::new();
    let pieces = raw_html::sanitize(parse(markdown), sanitizer, &mut found);
    let mut items: Vec<Item<'_>> = pieces.into_iter().map(|(event, range)| Item::Md(event, range)).collect();
    let page = targets::Page {
        source: markdown,
        path: "/",
        links,
        check_schemes: !sanitizer.allows_everything(),
    };
    targets::rewrite(&mut items, &page, &mut found);
    let mut html = String::new();
    html::push_html(&mut html, to_events(items));
    html
}

/// The events pulldown-cmark writes as HTML: a figure standing alone in
/// its paragraph replaces the paragraph.
fn to_events(items: Vec<Item<'_>>) -> impl Iterator<Item = Event<'_>> {
    let mut events = Vec::with_capacity(items.len());
    let mut items = items.into_iter().peekable();
    while let Some(item) = items.next() {
        match item {
            Item::Md(Event::Start(Tag::Paragraph), range) => {
                if let Some(Item::Figure { block: true, .. }) = items.peek()
                    && let Some(Item::Figure { html, .. }) = items.next()
                {
                    if let Some(Item::Md(Event::End(TagEnd::Paragraph), _)) = items.peek() {
                        items.next();
                    }
                    events.push(Event::Html(CowStr::from(format!("{html}\n"))));
                } else {
                    let _ = range;
                    events.push(Event::Start(Tag::Paragraph));
                }
            }
            Item::Md(event, _) => events.push(event),
            Item::Figure { html, block: true, .. } => events.push(Event::Html(CowStr::from(format!("{html}\n")))),
            Item::Figure { html, .. } => events.push(Event::InlineHtml(CowStr::from(html))),
        }
    }
    events.into_iter()
}

/// Ids written literally (`id="…"`) in a template and in every template it
/// extends or includes, as found in their sources.
pub(crate) fn template_ids<'s>(sources: impl IntoIterator<Item = &'s str>) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for source in sources {
        for id in anchors::ids_in(source) {
            if !id.contains(['{', '}', '%']) {
                ids.insert(id.to_string());
            }
        }
    }
    ids
}

#[cfg(test)]
mod tests;
