//! The texts of a workbook: the shared strings (`xl/sharedStrings.xml`),
//! kept in one buffer, and the rich text of a string (`<t>` runs, the
//! phonetic guide `<rPh>` left out) as in an inline string cell. A text
//! past [`MAX_TEXT`] characters is kept as its length only, and refused
//! at the cell that shows it.

use quick_xml::events::Event;

use super::part::{NOT_EXCEL, Text, Xml, unescape_excel};
use crate::sheets::limits::{MAX_CELLS, thousands};
use crate::sheets::{At, Cell, Problem};

/// One shared string: where it is in the buffer, or its length when too
/// long to keep.
#[derive(Debug, Clone, Copy)]
enum Span {
    Text { start: u32, end: u32 },
    TooLong(usize),
}

/// The shared strings of a workbook.
#[derive(Debug, Default)]
pub(super) struct Strings {
    text: String,
    spans: Vec<Span>,
}

impl Strings {
    /// The cell showing shared string `index`, `None` when there is none.
    pub(super) fn cell(&self, index: usize) -> Option<Cell> {
        Some(match *self.spans.get(index)? {
            Span::Text { start, end } => text_cell(&self.text[start as usize..end as usize]),
            Span::TooLong(chars) => Cell::TooLong(chars),
        })
    }
}

/// The cell of a text as read.
pub(super) fn text_cell(text: &str) -> Cell {
    if text.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(text.to_string())
    }
}

/// The shared strings of the part `xml`.
pub(super) fn read_strings(xml: &mut Xml<'_, '_>) -> Result<Strings, Problem> {
    let mut strings = Strings::default();
    let mut text = Text::default();
    let mut buf = Vec::new();
    loop {
        match xml.event(&mut buf)? {
            Event::Start(e) if e.local_name().as_ref() == b"si" => {
                if strings.spans.len() == MAX_CELLS {
                    return Err(
                        Problem::error(At::File, format!("more than {} shared strings", thousands(MAX_CELLS))).with_hint(NOT_EXCEL),
                    );
                }
                text.clear();
                read_rich(xml, b"si", &mut text)?;
                let span = if text.too_long() {
                    Span::TooLong(text.chars)
                } else {
                    let value = unescape_excel(&text.value);
                    let start = strings.text.len();
                    strings.text.push_str(&value);
                    // Within u32: the XML read is far smaller.
                    Span::Text {
                        start: start as u32,
                        end: strings.text.len() as u32,
                    }
                };
                strings.spans.push(span);
            }
            Event::Eof => return Ok(strings),
            _ => {}
        }
    }
}

/// The text of a string element (`<si>`, `<is>`) just started, whose
/// local name is `end`: its `<t>` runs, without the phonetic guide.
pub(super) fn read_rich(xml: &mut Xml<'_, '_>, end: &[u8], text: &mut Text) -> Result<(), Problem> {
    let mut buf = Vec::new();
    loop {
        match xml.event(&mut buf)? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"t" => xml.text_into(b"t", text)?,
                b"rPh" | b"phoneticPr" => {
                    let e = e.into_owned();
                    xml.skip(&e)?;
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == end => return Ok(()),
            Event::Eof => return Err(xml.truncated()),
            _ => {}
        }
    }
}
