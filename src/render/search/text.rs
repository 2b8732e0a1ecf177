//! A rendered page body as the text a reader sees: tags dropped, entities
//! decoded, charts' drawings (SVG) and scripts left out — their captions
//! and data tables stay, as do the figures the shortcodes printed.

/// The visible text of `html`, blocks separated by a space, runs of
/// white space as one space.
pub(crate) fn visible_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    // Inside an element whose content is not text (svg, script, style),
    // and how deep in elements of its name.
    let mut skip_until: Option<(&'static str, usize)> = None;
    // Searches use the memchr crate (vectorised): std's `str::find` took
    // a third of the time on pages of Chinese text.
    while let Some(lt) = memchr::memchr(b'<', rest.as_bytes()) {
        if skip_until.is_none() {
            push_text(&mut out, &rest[..lt]);
        }
        let tag_end = match memchr::memchr(b'>', &rest.as_bytes()[lt..]) {
            Some(end) => lt + end + 1,
            None => rest.len(),
        };
        let tag = &rest[lt + 1..tag_end.saturating_sub(1).max(lt + 1)];
        let closing = tag.starts_with('/');
        let name_start = usize::from(closing);
        let name_len = tag[name_start..].bytes().take_while(u8::is_ascii_alphanumeric).count();
        let name = &tag[name_start..name_start + name_len];
        let self_closing = tag.ends_with('/');
        match skip_until {
            Some((until, depth)) => {
                if name.eq_ignore_ascii_case(until) && !self_closing {
                    skip_until = if closing {
                        (depth > 1).then_some((until, depth - 1))
                    } else {
                        Some((until, depth + 1))
                    };
                }
            }
            None => {
                if !closing && !self_closing {
                    skip_until = skipped(name).map(|n| (n, 1));
                    // A drawing is skipped in one search for its end (this
                    // theme writes its tags in lower case) rather than tag
                    // by tag.
                    if let Some(("svg", _)) = skip_until
                        && let Some(end) = svg_end(&rest[tag_end..])
                    {
                        skip_until = None;
                        rest = &rest[tag_end + end..];
                        continue;
                    }
                }
                if is_break(name) {
                    push_space(&mut out);
                }
            }
        }
        rest = &rest[tag_end..];
    }
    if skip_until.is_none() {
        push_text(&mut out, rest);
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The name of an element whose content is not text (`svg`, `script`,
/// `style`, `template`), when `name` is one.
fn skipped(name: &str) -> Option<&'static str> {
    // Most tags start with another letter: those are not compared.
    if !matches!(name.as_bytes().first(), Some(b's' | b'S' | b't' | b'T')) {
        return None;
    }
    ["svg", "script", "style", "template"]
        .into_iter()
        .find(|n| name.eq_ignore_ascii_case(n))
}

/// Where the `<svg>` element whose content starts `rest` ends (after its
/// `</svg>`), nested drawings counted; `None` when it does not end.
fn svg_end(rest: &str) -> Option<usize> {
    let mut depth = 1;
    let mut at = 0;
    let bytes = rest.as_bytes();
    while depth > 0 {
        let close = memchr::memmem::find(&bytes[at..], b"</svg>")? + at;
        depth -= 1;
        depth += memchr::memmem::find_iter(&bytes[at..close], b"<svg").count();
        at = close + "</svg>".len();
    }
    Some(at)
}

/// A space, unless the text is empty or already ends with one.
fn push_space(out: &mut String) {
    if !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

/// Appends `text`, white space collapsed (ASCII white space only, found
/// byte by byte: it never splits a character; the runs of text between
/// tags are short, and a vectorised search was slower here).
fn push_plain(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut start = 0;
    for (at, byte) in bytes.iter().enumerate() {
        if byte.is_ascii_whitespace() {
            out.push_str(&text[start..at]);
            push_space(out);
            start = at + 1;
        }
    }
    out.push_str(&text[start..]);
}

/// Tags that end a run of text: blocks, cells, line breaks.
fn is_break(name: &str) -> bool {
    let mut lower = [0u8; 10];
    if name.len() > lower.len() {
        return false;
    }
    for (to, from) in lower.iter_mut().zip(name.bytes()) {
        *to = from.to_ascii_lowercase();
    }
    matches!(
        &lower[..name.len()],
        b"p" | b"br"
            | b"li"
            | b"td"
            | b"th"
            | b"tr"
            | b"div"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"figcaption"
            | b"caption"
            | b"blockquote"
            | b"section"
            | b"summary"
            | b"dt"
            | b"dd"
            | b"hr"
            | b"table"
            | b"figure"
            | b"pre"
    )
}

/// Appends `text` with its character references decoded.
fn push_text(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = memchr::memchr(b'&', rest.as_bytes()) {
        push_plain(out, &rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| decode(&after[..e]));
        match (end, decoded) {
            (Some(e), Some(c)) => {
                if c == ' ' {
                    push_space(out);
                } else {
                    out.push(c);
                }
                rest = &after[e + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    push_plain(out, rest);
}

fn decode(entity: &str) -> Option<char> {
    match entity {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let number = entity.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::visible_text;

    #[test]
    fn tags_go_entities_are_decoded_and_drawings_are_left_out() {
        let html = "<h2 id=\"a\">一、情况</h2><p>总产值<span class=\"metric\">75.00</span>亿元，增长&lt;48.0%&gt;&#x3002;</p>\
                    <figure><svg viewBox=\"0 0 1 1\"><text>轴标签</text><svg><text>内层</text></svg><text>外层</text></svg>\
                    <figcaption>图1 产值</figcaption><table><tr><th>期间</th><td>2013年6月</td></tr></table></figure>\
                    <script>var x = \"<p>\";</script><p>A&amp;B&unknown;</p>";
        assert_eq!(
            visible_text(html),
            "一、情况 总产值75.00亿元，增长<48.0%>。 图1 产值 期间 2013年6月 A&B&unknown;"
        );
    }
}
