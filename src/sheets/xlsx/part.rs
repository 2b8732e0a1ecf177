//! The parts of a workbook's zip archive read as XML, within the limits: a
//! part is decompressed as it is parsed (never whole into memory), every
//! byte counts against [`MAX_XML_BYTES`] for the workbook, and no piece
//! between two `<` or `>` may pass [`MAX_XML_RUN`] — so that neither a
//! zip bomb nor one enormous text can make the reader allocate its size.
//! Texts are gathered by [`Text`], which stops keeping characters past
//! [`MAX_TEXT`] (and only counts them).

use std::collections::HashMap;
use std::io::{self, BufReader, Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::QName;
use quick_xml::{Reader, XmlVersion};
use zip::ZipArchive;
use zip::read::ZipFile;

use super::super::limits::{MAX_TEXT, MAX_XML_BYTES, MAX_XML_RUN};
use super::super::{At, Problem};

/// The hint for a workbook no office program wrote.
pub(super) const NOT_EXCEL: &str = "the workbook was not written by Excel or WPS; open it in one of them and save it again";

/// Why a part stopped being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Exceeded {
    Bytes,
    Run,
}

/// A reader of a part that counts what it gives against the limits.
struct Bounded<'a, R> {
    inner: R,
    /// Bytes left for the workbook.
    left: &'a mut u64,
    /// Bytes since the last `<` or `>`.
    run: usize,
    exceeded: Option<Exceeded>,
}

impl<R: Read> Read for Bounded<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n as u64 > *self.left {
            self.exceeded = Some(Exceeded::Bytes);
            return Err(io::Error::other("too much XML"));
        }
        *self.left -= n as u64;
        let read = &buf[..n];
        self.run = match memchr::memrchr2(b'<', b'>', read) {
            Some(last) => n - last - 1,
            None => self.run + n,
        };
        if self.run > MAX_XML_RUN {
            self.exceeded = Some(Exceeded::Run);
            return Err(io::Error::other("too long a piece of XML"));
        }
        Ok(n)
    }
}

/// The workbook's archive, and the bytes of XML it may still give.
pub(super) struct Archive<'b> {
    zip: ZipArchive<Cursor<&'b [u8]>>,
    /// Index of each part by its name in lower case (Excel looks names up
    /// so, and some writers use `\`).
    names: HashMap<String, usize>,
    left: u64,
}

impl<'b> Archive<'b> {
    pub(super) fn new(bytes: &'b [u8]) -> Result<Archive<'b>, String> {
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
        let names = (0..zip.len())
            .filter_map(|i| Some((zip.name_for_index(i)?.replace('\\', "/").to_lowercase(), i)))
            .collect();
        Ok(Archive {
            zip,
            names,
            left: MAX_XML_BYTES,
        })
    }

    /// Whether the archive has the part `name`.
    pub(super) fn has(&self, name: &str) -> bool {
        self.names.contains_key(&name.to_lowercase())
    }

    /// The part `name` as XML, or `None` when there is no such part.
    pub(super) fn open(&mut self, name: &str) -> Option<Result<Xml<'_, 'b>, Problem>> {
        let index = *self.names.get(&name.to_lowercase())?;
        let Archive { zip, left, .. } = self;
        let file = match zip.by_index(index) {
            Ok(file) => file,
            Err(error) => {
                return Some(Err(Problem::error(
                    At::File,
                    format!("not a readable .xlsx workbook: {name}: {error}"),
                )));
            }
        };
        let bounded = Bounded {
            inner: file,
            left,
            run: 0,
            exceeded: None,
        };
        let mut reader = Reader::from_reader(BufReader::with_capacity(64 * 1024, bounded));
        let config = reader.config_mut();
        config.expand_empty_elements = true;
        config.check_end_names = false;
        config.check_comments = false;
        config.trim_text(false);
        Some(Ok(Xml {
            reader,
            part: name.to_string(),
            scratch: Vec::new(),
        }))
    }
}

/// A part of the archive, decompressed as read and counted.
type PartReader<'a, 'b> = BufReader<Bounded<'a, ZipFile<'a, Cursor<&'b [u8]>>>>;

/// One part being read.
pub(super) struct Xml<'a, 'b> {
    reader: Reader<PartReader<'a, 'b>>,
    part: String,
    scratch: Vec<u8>,
}

impl Xml<'_, '_> {
    /// The next event, read into `buf`; the end of the part is `Eof`.
    pub(super) fn event<'e>(&mut self, buf: &'e mut Vec<u8>) -> Result<Event<'e>, Problem> {
        buf.clear();
        match self.reader.read_event_into(buf) {
            Ok(event) => Ok(event),
            Err(error) => Err(self.failure(error)),
        }
    }

    /// Why reading stopped at `error`, as a problem.
    fn failure(&self, error: quick_xml::Error) -> Problem {
        let part = &self.part;
        match self.reader.get_ref().get_ref().exceeded {
            Some(Exceeded::Bytes) => Problem::error(
                At::File,
                format!("the workbook holds more than {} MB of XML (in {part})", MAX_XML_BYTES >> 20),
            )
            .with_hint(format!(
                "a data workbook holds at most {} MB of XML uncompressed (about 100,000 rows of 20 columns); split it",
                MAX_XML_BYTES >> 20
            )),
            Some(Exceeded::Run) => {
                Problem::error(At::File, format!("a text or tag of more than {} MB (in {part})", MAX_XML_RUN >> 20)).with_hint(NOT_EXCEL)
            }
            None => Problem::error(At::File, format!("not a readable .xlsx workbook: {part}: {error}")),
        }
    }

    /// The value of attribute `key` of `element`, unescaped.
    pub(super) fn attribute(&self, element: &BytesStart<'_>, key: &[u8]) -> Option<String> {
        let attribute = element.attributes().flatten().find(|a| a.key.local_name().as_ref() == key)?;
        attribute
            .decoded_and_normalized_value(XmlVersion::Implicit1_0, self.reader.decoder())
            .ok()
            .map(|v| v.into_owned())
    }

    /// Skips the rest of `element` (after its start).
    pub(super) fn skip(&mut self, element: &BytesStart<'_>) -> Result<(), Problem> {
        let name = element.name().as_ref().to_vec();
        let mut scratch = std::mem::take(&mut self.scratch);
        let done = self.reader.read_to_end_into(QName(&name), &mut scratch);
        self.scratch = scratch;
        done.map(|_| ()).map_err(|e| self.failure(e))
    }

    /// The text of the element just started, whose local name is `end`,
    /// added to `text` (entities resolved, elements inside skipped).
    pub(super) fn text_into(&mut self, end: &[u8], text: &mut Text) -> Result<(), Problem> {
        let mut buf = std::mem::take(&mut self.scratch);
        let result = loop {
            match self.event(&mut buf) {
                Ok(Event::Text(t)) => match t.xml10_content() {
                    Ok(content) => text.push(&content),
                    Err(e) => {
                        break Err(Problem::error(
                            At::File,
                            format!("not a readable .xlsx workbook: {}: {e}", self.part),
                        ));
                    }
                },
                Ok(Event::CData(t)) => match t.decode() {
                    Ok(content) => text.push(&content),
                    Err(e) => {
                        break Err(Problem::error(
                            At::File,
                            format!("not a readable .xlsx workbook: {}: {e}", self.part),
                        ));
                    }
                },
                Ok(Event::GeneralRef(r)) => match r.resolve_char_ref() {
                    Ok(Some(c)) => text.push(c.encode_utf8(&mut [0; 4])),
                    _ => {
                        let name = r.decode().map(|n| n.into_owned()).unwrap_or_default();
                        match quick_xml::escape::resolve_xml_entity(&name) {
                            Some(value) => text.push(value),
                            None => {
                                text.push("&");
                                text.push(&name);
                                text.push(";");
                            }
                        }
                    }
                },
                Ok(Event::Start(e)) => {
                    let e = e.into_owned();
                    if let Err(problem) = self.skip(&e) {
                        break Err(problem);
                    }
                }
                Ok(Event::End(e)) if e.local_name().as_ref() == end => break Ok(()),
                Ok(Event::Eof) => break Err(self.truncated()),
                Ok(_) => {}
                Err(problem) => break Err(problem),
            }
        };
        self.scratch = buf;
        result
    }

    /// The problem of a part that ends inside an element.
    pub(super) fn truncated(&self) -> Problem {
        Problem::error(
            At::File,
            format!("not a readable .xlsx workbook: the XML of {} ends too early", self.part),
        )
    }
}

/// The values of the attributes `keys` of `element` as written, in one
/// pass, for the plain ASCII values of a cell (its reference, type and
/// style): no copy.
pub(super) fn raw_attributes<'e, const N: usize>(element: &'e BytesStart<'_>, keys: [&[u8]; N]) -> [Option<std::borrow::Cow<'e, [u8]>>; N] {
    let mut values = [const { None }; N];
    for attribute in element.attributes().with_checks(false).flatten() {
        if let Some(i) = keys.iter().position(|k| *k == attribute.key.local_name().as_ref()) {
            values[i] = Some(attribute.value);
        }
    }
    values
}

/// A text being gathered, up to [`MAX_TEXT`] characters kept.
#[derive(Debug, Default)]
pub(super) struct Text {
    pub(super) value: String,
    pub(super) chars: usize,
}

impl Text {
    pub(super) fn push(&mut self, more: &str) {
        self.chars += more.chars().count();
        if self.chars > MAX_TEXT {
            self.value = String::new();
        } else {
            self.value.push_str(more);
        }
    }

    pub(super) fn too_long(&self) -> bool {
        self.chars > MAX_TEXT
    }

    pub(super) fn clear(&mut self) {
        self.value.clear();
        self.chars = 0;
    }
}

/// `text` with Excel's escapes of characters XML cannot hold (`_x000D_`
/// for a carriage return, `_x005F_` for `_`) undone.
pub(super) fn unescape_excel(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("_x") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("_x") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let code = after
            .get(..5)
            .filter(|s| s.ends_with('_'))
            .and_then(|s| u32::from_str_radix(&s[..4], 16).ok())
            .and_then(char::from_u32);
        match code {
            Some(c) => {
                out.push(c);
                rest = &after[5..];
            }
            None => {
                out.push_str("_x");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_escapes_are_undone() {
        assert_eq!(unescape_excel("a_x000D_b"), "a\rb");
        assert_eq!(unescape_excel("_x005F_x000D_"), "_x000D_");
        assert_eq!(unescape_excel("no_xyz_"), "no_xyz_");
        assert_eq!(unescape_excel("plain"), "plain");
    }

    #[test]
    fn texts_stop_keeping_past_the_limit() {
        let mut text = Text::default();
        text.push(&"字".repeat(MAX_TEXT));
        assert!(!text.too_long());
        text.push("多");
        assert!(text.too_long() && text.value.is_empty());
        assert_eq!(text.chars, MAX_TEXT + 1);
    }

    #[test]
    fn a_run_without_markup_is_stopped() {
        let mut left = u64::MAX;
        let data = vec![b'x'; MAX_XML_RUN + 10];
        let mut bounded = Bounded {
            inner: &data[..],
            left: &mut left,
            run: 0,
            exceeded: None,
        };
        assert!(io::copy(&mut bounded, &mut io::sink()).is_err());
        assert_eq!(bounded.exceeded, Some(Exceeded::Run));
        let mut left = 100;
        let data = b"<a>".repeat(50);
        let mut bounded = Bounded {
            inner: &data[..],
            left: &mut left,
            run: 0,
            exceeded: None,
        };
        assert!(io::copy(&mut bounded, &mut io::sink()).is_err());
        assert_eq!(bounded.exceeded, Some(Exceeded::Bytes));
    }
}
