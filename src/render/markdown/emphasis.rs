//! CJK-friendly emphasis on pulldown-cmark's event stream. CommonMark
//! leaves `**组织推动更加有力。**县里……` as literal asterisks (a run after
//! `。` and before `县` is not right-flanking); the amendment of
//! tats-u/markdown-cjk-friendly counts CJK characters beside a run. Here
//! each inline scope (a paragraph, heading, cell…) in which some delimiter
//! run has a CJK character or a variation selector beside it is paired
//! afresh: its emphasis is turned back into delimiter runs, classified
//! under the amendment, and matched with CommonMark's own algorithm
//! ("process emphasis"). Scopes where the amendment changes nothing keep
//! pulldown-cmark's events untouched.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::cjk::{self, Side};

/// An event with its byte range in the Markdown source.
pub(super) type Piece<'a> = (Event<'a>, Range<usize>);

/// Whether `event` belongs to inline content.
pub(super) fn is_inline(event: &Event<'_>) -> bool {
    match event {
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineMath(_)
        | Event::DisplayMath(_)
        | Event::InlineHtml(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::FootnoteReference(_)
        | Event::TaskListMarker(_) => true,
        Event::Start(tag) => matches!(
            tag,
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Superscript | Tag::Subscript | Tag::Link { .. } | Tag::Image { .. }
        ),
        Event::End(end) => matches!(
            end,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image
        ),
        _ => false,
    }
}

/// The index ranges of `events` that are runs of inline content (the
/// text of code blocks is not).
pub(super) fn inline_scopes<'e, 'a: 'e>(events: impl Iterator<Item = &'e Event<'a>>) -> Vec<Range<usize>> {
    let mut scopes = Vec::new();
    let mut start = None;
    let mut count = 0;
    // The text of a code block is code, not inline content.
    let mut in_code = false;
    for (index, event) in events.enumerate() {
        count = index + 1;
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_)) => in_code = false,
            _ => {}
        }
        match (is_inline(event) && !in_code, start) {
            (true, None) => start = Some(index),
            (false, Some(from)) => {
                scopes.push(from..index);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        scopes.push(from..count);
    }
    scopes
}

/// Re-pairs the emphasis of every inline scope of `pieces` under the
/// CJK-friendly amendment.
pub(super) fn cjk_friendly<'a>(source: &'a str, pieces: Vec<Piece<'a>>) -> Vec<Piece<'a>> {
    let scopes = inline_scopes(pieces.iter().map(|(event, _)| event));
    let mut out = Vec::with_capacity(pieces.len() + 8);
    let mut rest = pieces.into_iter();
    let mut at = 0;
    for scope in scopes {
        out.extend(rest.by_ref().take(scope.start - at));
        let inline: Vec<Piece<'a>> = rest.by_ref().take(scope.len()).collect();
        at = scope.end;
        out.extend(repair(source, inline));
    }
    out.extend(rest);
    out
}

/// A piece of inline content as the pairing sees it.
#[derive(Debug)]
enum Atom<'a> {
    /// One `*` or `_` that may delimit emphasis, at a byte of the source.
    Delim(u8, usize),
    Text(CowStr<'a>, Range<usize>),
    /// An event that emphasis cannot see into (code, HTML, a break).
    Other(Piece<'a>),
    /// A link, image or strikethrough: its content is paired on its own.
    Group(Piece<'a>, Vec<Atom<'a>>, Option<Piece<'a>>),
}

fn needs_look(inline: &[Piece<'_>]) -> bool {
    inline.iter().any(|(event, _)| match event {
        Event::Start(Tag::Emphasis | Tag::Strong) => true,
        Event::Text(text) => memchr::memchr2(b'*', b'_', text.as_bytes()).is_some(),
        _ => false,
    })
}

/// Whether a CJK character or a variation selector stands beside some
/// `*` or `_` of `inline` in the source: only then can the amendment
/// decide anything differently. Looks at characters, builds nothing.
fn cjk_beside_a_delimiter(source: &str, inline: &[Piece<'_>]) -> bool {
    let beside = |at: usize| {
        let before = source[..at].chars().next_back();
        let after = source.get(at + 1..).and_then(|rest| rest.chars().next());
        [before, after]
            .into_iter()
            .flatten()
            .any(|c| cjk::is_cjk(c) || cjk::is_standard_selector(c) || cjk::is_ideographic_selector(c))
    };
    inline.iter().any(|(event, range)| match event {
        Event::Start(Tag::Emphasis | Tag::Strong) | Event::End(TagEnd::Emphasis | TagEnd::Strong) => {
            let ends = [
                range.start,
                range.start + 1,
                range.end.saturating_sub(2),
                range.end.saturating_sub(1),
            ];
            ends.into_iter()
                .any(|at| at < source.len() && source.is_char_boundary(at) && beside(at))
        }
        Event::Text(_) => {
            let bytes = &source.as_bytes()[range.clone()];
            memchr::memchr2_iter(b'*', b'_', bytes).any(|i| beside(range.start + i))
        }
        _ => false,
    })
}

fn repair<'a>(source: &'a str, inline: Vec<Piece<'a>>) -> Vec<Piece<'a>> {
    if !needs_look(&inline) || !cjk_beside_a_delimiter(source, &inline) {
        return inline;
    }
    let (atoms, _) = to_atoms(source, &mut inline.clone().into_iter());
    if !amendment_matters(source, &atoms, true) {
        return inline;
    }
    let mut out = Vec::with_capacity(inline.len() + 4);
    emit_scope(source, atoms, true, &mut out);
    out
}

/// The delimiter characters `count` bytes from `at`.
fn push_delims(source: &str, at: usize, count: usize, atoms: &mut Vec<Atom<'_>>) {
    for position in at..at + count {
        // Anything else is not where a delimiter was expected: nothing pairs.
        if let Some(&byte @ (b'*' | b'_')) = source.as_bytes().get(position) {
            atoms.push(Atom::Delim(byte, position));
        }
    }
}

/// Splits a text event into text and delimiter atoms. Only text that is
/// the source as written (no escapes, no entities) can hold delimiters.
fn split_text<'a>(source: &'a str, text: CowStr<'a>, range: Range<usize>, atoms: &mut Vec<Atom<'a>>) {
    let written = source.get(range.clone()).filter(|written| **written == *text);
    let Some(written) = written.filter(|w| memchr::memchr2(b'*', b'_', w.as_bytes()).is_some()) else {
        atoms.push(Atom::Text(text, range));
        return;
    };
    let mut last = 0;
    for (index, byte) in written.bytes().enumerate() {
        if (byte == b'*' || byte == b'_') && !is_escaped(source, range.start + index) {
            if index > last {
                atoms.push(Atom::Text(
                    CowStr::Borrowed(&written[last..index]),
                    range.start + last..range.start + index,
                ));
            }
            atoms.push(Atom::Delim(byte, range.start + index));
            last = index + 1;
        }
    }
    if last < written.len() {
        atoms.push(Atom::Text(CowStr::Borrowed(&written[last..]), range.start + last..range.end));
    }
}

/// Whether the character at byte `at` of `source` follows an escaping
/// backslash (pulldown-cmark's text event of `\*` starts at the `*`).
pub(super) fn is_escaped(source: &str, at: usize) -> bool {
    source.as_bytes()[..at].iter().rev().take_while(|b| **b == b'\\').count() % 2 == 1
}

/// Reads atoms until the end of the group they are in (returned too).
fn to_atoms<'a>(source: &'a str, pieces: &mut impl Iterator<Item = Piece<'a>>) -> (Vec<Atom<'a>>, Option<Piece<'a>>) {
    let mut atoms = Vec::new();
    while let Some((event, range)) = pieces.next() {
        match event {
            Event::Start(Tag::Emphasis) => push_delims(source, range.start, 1, &mut atoms),
            Event::Start(Tag::Strong) => push_delims(source, range.start, 2, &mut atoms),
            Event::End(TagEnd::Emphasis) => push_delims(source, range.end.saturating_sub(1), 1, &mut atoms),
            Event::End(TagEnd::Strong) => push_delims(source, range.end.saturating_sub(2), 2, &mut atoms),
            Event::Start(_) => {
                let (inner, end) = to_atoms(source, pieces);
                atoms.push(Atom::Group((event, range), inner, end));
            }
            Event::End(_) => return (atoms, Some((event, range))),
            Event::Text(text) => split_text(source, text, range, &mut atoms),
            other => atoms.push(Atom::Other((other, range))),
        }
    }
    (atoms, None)
}

/// A delimiter run of one scope, and how it was paired.
#[derive(Debug, Clone, Default)]
struct Run {
    byte: u8,
    /// Source range of the run.
    start: usize,
    len: usize,
    can_open: bool,
    can_close: bool,
    /// Characters not used by a pairing.
    remaining: usize,
    /// Delimiters used to open, in the order of pairing (innermost first).
    opens: Vec<usize>,
    /// Delimiters used to close, in the order of pairing.
    closes: Vec<usize>,
}

fn is_break(atom: Option<&Atom<'_>>) -> bool {
    matches!(atom, Some(Atom::Other((Event::SoftBreak | Event::HardBreak, _))))
}

/// Whether the amendment may classify some run of `atoms` (or of a group
/// inside) differently from plain CommonMark.
fn amendment_matters(source: &str, atoms: &[Atom<'_>], top: bool) -> bool {
    let inner = atoms.iter().any(|atom| match atom {
        Atom::Group(_, inner, _) => amendment_matters(source, inner, false),
        _ => false,
    });
    inner || runs_of(source, atoms, top).iter().any(|(_, differs)| *differs)
}

/// The runs of one scope: their atom spans and whether the amendment
/// classifies them differently.
fn runs_of(source: &str, atoms: &[Atom<'_>], top: bool) -> Vec<(Run, bool)> {
    let mut runs = Vec::new();
    let mut index = 0;
    while index < atoms.len() {
        let Atom::Delim(byte, start) = atoms[index] else {
            index += 1;
            continue;
        };
        let first = index;
        let mut end = start + 1;
        index += 1;
        while let Some(Atom::Delim(next, at)) = atoms.get(index) {
            if *next != byte || *at != end {
                break;
            }
            end += 1;
            index += 1;
        }
        let before = if (first == 0 && top) || is_break(first.checked_sub(1).and_then(|i| atoms.get(i))) {
            Side::LINE_EDGE
        } else {
            let mut chars = source[..start].chars().rev();
            match chars.next() {
                Some(last) => Side::before(last, chars.next()),
                None => Side::LINE_EDGE,
            }
        };
        let after = if (index == atoms.len() && top) || is_break(atoms.get(index)) {
            Side::LINE_EDGE
        } else {
            source[end..].chars().next().map_or(Side::LINE_EDGE, Side::after)
        };
        let left = cjk::left_flanking(before, after);
        let right = cjk::right_flanking(before, after);
        let (can_open, can_close) = if byte == b'*' {
            (left, right)
        } else {
            (left && (!right || before.punct), right && (!left || after.punct))
        };
        let len = end - start;
        runs.push((
            Run {
                byte,
                start,
                len,
                can_open,
                can_close,
                remaining: len,
                ..Run::default()
            },
            cjk::matters(before, after),
        ));
    }
    runs
}

/// CommonMark's "process emphasis" over the runs of one scope.
fn pair(runs: &mut [Run]) {
    let mut active = vec![true; runs.len()];
    // Per delimiter and kind of closer: below which index no opener is
    // worth looking for again.
    let mut floors: std::collections::HashMap<(u8, usize), usize> = std::collections::HashMap::new();
    let mut closer = 0;
    while closer < runs.len() {
        if !active[closer] || !runs[closer].can_close || runs[closer].remaining == 0 {
            closer += 1;
            continue;
        }
        let kind = (runs[closer].byte, usize::from(runs[closer].can_open) * 3 + runs[closer].len % 3);
        let floor = floors.get(&kind).copied().unwrap_or(0);
        let opener = (floor..closer).rev().find(|&o| {
            let (o_run, c_run) = (&runs[o], &runs[closer]);
            let odd = (c_run.can_open || o_run.can_close) && c_run.len % 3 != 0 && (o_run.len + c_run.len) % 3 == 0;
            active[o] && o_run.remaining > 0 && o_run.byte == c_run.byte && o_run.can_open && !odd
        });
        match opener {
            Some(o) => {
                let used = if runs[closer].remaining >= 2 && runs[o].remaining >= 2 {
                    2
                } else {
                    1
                };
                runs[o].remaining -= used;
                runs[o].opens.push(used);
                runs[closer].remaining -= used;
                runs[closer].closes.push(used);
                active[o + 1..closer].iter_mut().for_each(|a| *a = false);
                if runs[o].remaining == 0 {
                    active[o] = false;
                }
                if runs[closer].remaining == 0 {
                    active[closer] = false;
                    closer += 1;
                }
            }
            None => {
                floors.insert(kind, closer);
                if !runs[closer].can_open {
                    active[closer] = false;
                }
                closer += 1;
            }
        }
    }
}

fn tag(used: usize) -> (Tag<'static>, TagEnd) {
    if used == 2 {
        (Tag::Strong, TagEnd::Strong)
    } else {
        (Tag::Emphasis, TagEnd::Emphasis)
    }
}

/// Writes the events of one run: the emphasis it closes, the characters
/// left as text, the emphasis it opens.
fn emit_run<'a>(source: &'a str, run: &Run, out: &mut Vec<Piece<'a>>) {
    let mut at = run.start;
    for &used in &run.closes {
        out.push((Event::End(tag(used).1), at..at + used));
        at += used;
    }
    if run.remaining > 0 {
        out.push((
            Event::Text(CowStr::Borrowed(&source[at..at + run.remaining])),
            at..at + run.remaining,
        ));
        at += run.remaining;
    }
    for &used in run.opens.iter().rev() {
        out.push((Event::Start(tag(used).0), at..at + used));
        at += used;
    }
}

/// Pairs the runs of one scope under the amendment and writes it back as
/// events (groups inside are paired on their own).
fn emit_scope<'a>(source: &'a str, atoms: Vec<Atom<'a>>, top: bool, out: &mut Vec<Piece<'a>>) {
    let mut runs: Vec<Run> = runs_of(source, &atoms, top).into_iter().map(|(run, _)| run).collect();
    pair(&mut runs);
    let mut runs = runs.into_iter().peekable();
    for atom in atoms {
        match atom {
            Atom::Delim(_, position) => {
                if let Some(run) = runs.next_if(|run| run.start == position) {
                    emit_run(source, &run, out);
                }
            }
            Atom::Text(text, range) => out.push((Event::Text(text), range)),
            Atom::Other(piece) => out.push(piece),
            Atom::Group(start, inner, end) => {
                out.push(start);
                emit_scope(source, inner, false, out);
                out.extend(end);
            }
        }
    }
}

/// Byte offsets of `**` and `__` that are left as text in `pieces`: runs
/// that emphasis could not use (escaped ones are not counted).
pub(super) fn leftover_runs(source: &str, pieces: &[Piece<'_>]) -> Vec<usize> {
    let mut found = Vec::new();
    let mut stretch: Option<Range<usize>> = None;
    let mut flush = |stretch: &mut Option<Range<usize>>| {
        let Some(range) = stretch.take() else { return };
        let bytes = &source.as_bytes()[range.clone()];
        let mut from = 0;
        while let Some(at) = memchr::memchr2(b'*', b'_', &bytes[from..]).map(|i| from + i) {
            let run = bytes[at..].iter().take_while(|b| **b == bytes[at]).count();
            if run >= 2 {
                found.push(range.start + at);
            }
            from = at + run;
        }
    };
    for (event, range) in pieces {
        let written = matches!(event, Event::Text(text) if source.get(range.clone()) == Some(&**text)) && !is_escaped(source, range.start);
        match (&mut stretch, written) {
            (Some(open), true) if open.end == range.start => open.end = range.end,
            (_, true) => {
                flush(&mut stretch);
                stretch = Some(range.clone());
            }
            (_, false) => flush(&mut stretch),
        }
    }
    flush(&mut stretch);
    found.sort_unstable();
    found
}
