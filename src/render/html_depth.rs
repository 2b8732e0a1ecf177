//! A guard run on the raw HTML inside Markdown before it is sanitised:
//! how deeply its elements nest. html5ever takes time quadratic in the
//! depth of unclosed elements (80,000 `<div>` took 36 s), and no briefing
//! needs more than a few levels, so raw HTML nesting deeper than
//! [`MAX_DEPTH`] is refused at the line where it goes too deep.

/// The deepest nesting of raw HTML elements accepted.
pub(super) const MAX_DEPTH: usize = 64;

/// Elements without content: they never nest.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose end tag may be left out: a browser closes them by
/// itself, so they are not counted.
const SELF_CLOSING: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup", "rb", "rt", "rp", "colgroup", "caption",
];

/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// The open elements of the raw HTML of one document, fed fragment by
/// fragment.
#[derive(Debug, Default)]
pub(super) struct HtmlDepth {
    open: Vec<String>,
    /// Inside a comment, or the raw text of this element.
    skipping: Option<String>,
}

fn name_at(text: &str) -> &str {
    let end = text.find(|c: char| !c.is_ascii_alphanumeric() && c != '-').unwrap_or(text.len());
    &text[..end]
}

impl HtmlDepth {
    /// Reads one fragment of raw HTML; returns the byte offset within it of
    /// the tag that opens one level too many.
    pub(super) fn feed(&mut self, html: &str) -> Option<usize> {
        let mut at = 0;
        while at < html.len() {
            if let Some(until) = &self.skipping {
                let end = if until == "--" {
                    html[at..].find("-->").map(|i| at + i + 3)
                } else {
                    let lower = html[at..].to_ascii_lowercase();
                    lower.find(&format!("</{until}")).map(|i| at + i)
                };
                match end {
                    Some(end) => {
                        self.skipping = None;
                        at = end;
                    }
                    None => return None,
                }
                continue;
            }
            let found = html[at..].find('<')?;
            let tag = at + found;
            let rest = &html[tag + 1..];
            at = tag + 1;
            if rest.starts_with("!--") {
                self.skipping = Some("--".to_string());
                at += 3;
            } else if let Some(close) = rest.strip_prefix('/') {
                let name = name_at(close).to_ascii_lowercase();
                if let Some(position) = self.open.iter().rposition(|open| *open == name) {
                    self.open.truncate(position);
                }
            } else {
                let name = name_at(rest).to_ascii_lowercase();
                if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
                    continue;
                }
                let end = rest.find('>').unwrap_or(rest.len());
                if RAW_TEXT.contains(&name.as_str()) {
                    self.skipping = Some(name);
                    continue;
                }
                if VOID.contains(&name.as_str()) || SELF_CLOSING.contains(&name.as_str()) || rest[..end].ends_with('/') {
                    continue;
                }
                self.open.push(name);
                if self.open.len() > MAX_DEPTH {
                    return Some(tag);
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_html_stays_shallow() {
        let mut depth = HtmlDepth::default();
        let html = "<div class=\"a\"><p>一<p>二<br><img src=x>".to_string() + &"<li>".repeat(500) + "</div><!-- <div><div> -->";
        assert_eq!(depth.feed(&html), None);
        for _ in 0..200 {
            assert_eq!(depth.feed("<span>x</span><div>y</div>"), None);
        }
        assert_eq!(depth.feed(&format!("<script>{}</script>", "<div>".repeat(100))), None);
    }

    #[test]
    fn unclosed_elements_pass_the_limit_at_their_tag() {
        let mut depth = HtmlDepth::default();
        let html = "<div>".repeat(100);
        assert_eq!(depth.feed(&html), Some(5 * MAX_DEPTH));
        // Across fragments too.
        let mut depth = HtmlDepth::default();
        for _ in 0..MAX_DEPTH {
            assert_eq!(depth.feed("<section>"), None);
        }
        assert_eq!(depth.feed("text <em>"), Some(5));
    }
}
