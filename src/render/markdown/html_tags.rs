//! The tags of a fragment of raw HTML as a browser's tokenizer reads them:
//! names, attributes with the places of their values, comments skipped and
//! the text of `<script>`, `<textarea>`, `<xmp>` … taken as text up to
//! their end tag. One pass, no allocation but the names. The sanitiser's
//! report, the link check of raw HTML and the shortcode warning read raw
//! HTML through it.

use std::ops::Range;

/// Elements whose content is text up to their end tag (raw text and
/// RCDATA): a tag inside them is no tag.
pub(super) const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// An attribute of a start tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Attribute {
    /// Lowercase.
    pub(super) name: String,
    /// The value as written, without its quotes; `None` for a bare name.
    pub(super) value: Option<Range<usize>>,
    /// The value with its quotes, for writing another in its place.
    pub(super) span: Range<usize>,
}

/// A start or end tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct HtmlTag {
    /// Lowercase.
    pub(super) name: String,
    pub(super) closing: bool,
    /// From its `<` to just past its `>` (or the end of the fragment).
    pub(super) range: Range<usize>,
    pub(super) attributes: Vec<Attribute>,
    /// A raw-text element (`<xmp>`, `<textarea>` …) never closed in the
    /// fragment: a browser would take all the rest as its text. Its
    /// content is read as HTML here.
    pub(super) unclosed: bool,
}

/// What a fragment holds besides text.
#[derive(Debug, Default)]
pub(super) struct Scan {
    pub(super) tags: Vec<HtmlTag>,
    /// Comments, `<!…>` and `<?…>`, from `<` to just past `>`.
    pub(super) comments: Vec<Range<usize>>,
}

impl Scan {
    /// The stretches of the fragment of `length` bytes outside comments.
    pub(super) fn outside_comments(&self, length: usize) -> Vec<Range<usize>> {
        let mut outside = Vec::new();
        let mut at = 0;
        for comment in &self.comments {
            if comment.start > at {
                outside.push(at..comment.start);
            }
            at = at.max(comment.end);
        }
        if at < length {
            outside.push(at..length);
        }
        outside
    }
}

/// An HTML block gathered from its lines (pulldown-cmark gives one event a
/// line), with where each line starts in the text and in the body.
#[derive(Debug, Default)]
pub(super) struct Block {
    pub(super) text: String,
    /// Body offset of the block.
    pub(super) start: usize,
    /// Offset in `text` and in the body of each line.
    lines: Vec<(usize, usize)>,
}

impl Block {
    pub(super) fn at(start: usize) -> Block {
        Block { start, ..Block::default() }
    }

    /// Adds the line `html`, which starts at `offset` of the body.
    pub(super) fn push(&mut self, html: &str, offset: usize) {
        self.lines.push((self.text.len(), offset));
        self.text.push_str(html);
    }

    /// The body offset of `offset` in the text.
    pub(super) fn place(&self, offset: usize) -> usize {
        let line = self.lines.partition_point(|&(at, _)| at <= offset).saturating_sub(1);
        self.lines.get(line).map_or(self.start, |&(at, body)| body + (offset - at))
    }
}

/// Where the end tag `</name` of a raw-text element starts, at or after
/// `from`: followed by a space, `/` or `>` (or the end), in any case.
fn end_tag(html: &str, name: &str, from: usize) -> Option<usize> {
    let bytes = html.as_bytes();
    memchr::memmem::find_iter(&bytes[from..], b"</").map(|i| from + i).find(|&at| {
        let after = at + 2 + name.len();
        bytes.get(at + 2..after).is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
            && bytes.get(after).is_none_or(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
    })
}

/// Reads the tag whose name starts at `at` (just after `<` or `</`): its
/// name, attributes and the offset just past its end.
fn read_tag(html: &str, at: usize) -> (String, Vec<Attribute>, usize) {
    let bytes = html.as_bytes();
    let is_space = |b: u8| b.is_ascii_whitespace();
    let mut i = at;
    while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'/' && bytes[i] != b'>' {
        i += 1;
    }
    let name = html[at..i].to_ascii_lowercase();
    let mut attributes = Vec::new();
    loop {
        while i < bytes.len() && (is_space(bytes[i]) || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            return (name, attributes, bytes.len());
        }
        if bytes[i] == b'>' {
            return (name, attributes, i + 1);
        }
        let name_start = i;
        i += 1;
        while i < bytes.len() && !is_space(bytes[i]) && !matches!(bytes[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let attribute = html[name_start..i].to_ascii_lowercase();
        let mut j = i;
        while j < bytes.len() && is_space(bytes[j]) {
            j += 1;
        }
        if bytes.get(j) != Some(&b'=') {
            attributes.push(Attribute {
                name: attribute,
                value: None,
                span: i..i,
            });
            continue;
        }
        j += 1;
        while j < bytes.len() && is_space(bytes[j]) {
            j += 1;
        }
        let (value, span) = match bytes.get(j) {
            Some(&quote @ (b'"' | b'\'')) => {
                let close = memchr::memchr(quote, &bytes[j + 1..]).map_or(bytes.len(), |k| j + 1 + k);
                (j + 1..close, j..(close + 1).min(bytes.len()))
            }
            _ => {
                let mut k = j;
                while k < bytes.len() && !is_space(bytes[k]) && bytes[k] != b'>' {
                    k += 1;
                }
                (j..k, j..k)
            }
        };
        i = span.end;
        attributes.push(Attribute {
            name: attribute,
            value: Some(value),
            span,
        });
    }
}

/// The tags and comments of `html`.
pub(super) fn scan(html: &str) -> Scan {
    let bytes = html.as_bytes();
    let mut scan = Scan::default();
    let mut at = 0;
    while let Some(found) = memchr::memchr(b'<', &bytes[at..]) {
        let open = at + found;
        let rest = &bytes[open + 1..];
        at = open + 1;
        if rest.starts_with(b"!--") {
            let end = memchr::memmem::find(&bytes[open + 4..], b"-->").map_or(bytes.len(), |i| open + 4 + i + 3);
            scan.comments.push(open..end);
            at = end;
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_at = open + 1 + usize::from(closing);
        match bytes.get(name_at) {
            Some(b) if b.is_ascii_alphabetic() => {}
            // `<!…>`, `<?…>` and `</…>` not followed by a name are bogus
            // comments; any other `<` is text.
            _ if closing || matches!(rest.first(), Some(b'!' | b'?')) => {
                let end = memchr::memchr(b'>', &bytes[open..]).map_or(bytes.len(), |i| open + i + 1);
                scan.comments.push(open..end);
                at = end;
                continue;
            }
            _ => continue,
        }
        let (name, attributes, end) = read_tag(html, name_at);
        at = end;
        let mut unclosed = false;
        if !closing && RAW_TEXT.contains(&name.as_str()) {
            match end_tag(html, &name, end).filter(|_| name != "plaintext") {
                Some(close) => at = close,
                None => unclosed = true,
            }
        }
        scan.tags.push(HtmlTag {
            name,
            closing,
            range: open..end,
            attributes,
            unclosed,
        });
    }
    scan
}

/// `value` (an attribute value as written) with its character references
/// decoded: the named ones a sanitiser writes, and every numeric one.
pub(super) fn decode(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..].find(';').map(|i| i + 1).filter(|&i| i <= 10);
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "nbsp" => Some('\u{a0}'),
                "sol" => Some('/'),
                "colon" => Some(':'),
                "period" => Some('.'),
                "bsol" => Some('\\'),
                _ => {
                    let number = name.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            }?;
            Some((c, end + 1))
        });
        match decoded {
            Some((c, length)) => {
                out.push(c);
                rest = &rest[length..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `value` written as a double-quoted attribute value.
pub(super) fn quoted(value: &str) -> String {
    format!("\"{}\"", value.replace('&', "&amp;").replace('"', "&quot;"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_attributes_and_their_places() {
        let html = "<p class=x>a <A HREF = '/x/' title=\"t>u\" hidden>b</a><!-- <img src=y> --><img\nsrc=/z.png></p>";
        let scan = scan(html);
        let names: Vec<(&str, bool)> = scan.tags.iter().map(|t| (t.name.as_str(), t.closing)).collect();
        assert_eq!(names, [("p", false), ("a", false), ("a", true), ("img", false), ("p", true)]);
        let a = &scan.tags[1];
        let attributes: Vec<(&str, Option<&str>)> = a
            .attributes
            .iter()
            .map(|at| (at.name.as_str(), at.value.clone().map(|v| &html[v])))
            .collect();
        assert_eq!(attributes, [("href", Some("/x/")), ("title", Some("t>u")), ("hidden", None)]);
        assert_eq!(&html[a.attributes[0].span.clone()], "'/x/'");
        assert_eq!(&html[scan.tags[3].attributes[0].value.clone().unwrap()], "/z.png");
        assert_eq!(scan.comments.len(), 1);
        let outside: Vec<&str> = scan.outside_comments(html.len()).into_iter().map(|r| &html[r]).collect();
        assert_eq!(outside.len(), 2);
        assert!(outside[0].ends_with("</a>") && outside[1].starts_with("<img"), "{outside:?}");
    }

    #[test]
    fn raw_text_is_text_unless_never_closed() {
        let scan = scan("<textarea><a href=/x/></TEXTAREA ><b>");
        let names: Vec<&str> = scan.tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["textarea", "textarea", "b"]);
        assert!(!scan.tags[0].unclosed);
        let scan = super::scan("<div>\n<xmp>\n</div>");
        let names: Vec<(&str, bool)> = scan.tags.iter().map(|t| (t.name.as_str(), t.unclosed)).collect();
        assert_eq!(names, [("div", false), ("xmp", true), ("div", false)]);
    }

    #[test]
    fn a_block_places_offsets_on_its_lines() {
        let mut block = Block::at(10);
        block.push("<div>\n", 10);
        block.push("<a>\n", 20);
        assert_eq!(block.text, "<div>\n<a>\n");
        assert_eq!((block.place(0), block.place(5), block.place(6), block.place(8)), (10, 15, 20, 22));
    }

    #[test]
    fn values_are_decoded_and_quoted() {
        assert_eq!(decode("/a?x=1&amp;y=&#50;&#x33;&sol;&bogus;&"), "/a?x=1&y=23/&bogus;&");
        assert_eq!(quoted("/a?x=1&y=\"2\""), "\"/a?x=1&amp;y=&quot;2&quot;\"");
    }
}
