//! Files for the world outside the pages: the Atom feed (RFC 4287), the
//! sitemap and robots.txt.

use pulldown_cmark::{Event, Parser, TagEnd};

use crate::calendar::Date;
use crate::derive::briefings::Listed;
use crate::load::{Briefing, Site};
use crate::render::urls::Links;
use crate::routes::Route;

/// Text escaped for XML content and attributes, without the characters
/// XML cannot hold ([`crate::chars::scrub`]).
pub(crate) fn xml(text: &str) -> String {
    crate::chars::scrub(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// An absolute IRI for an Atom id, also when `base_url` has no host.
fn atom_id(links: &Links, path: &str) -> String {
    if links.origin.is_empty() {
        format!("urn:briefing:{}{}", links.base_path.trim_end_matches('/'), path)
    } else {
        links.absolute(path)
    }
}

/// `/feed.xml`: the newest briefings `entries` as an Atom feed, updated
/// at `updated`; `bodies` are the texts of the entries that have no
/// summary, in their order.
pub(crate) fn feed(site: &Site, links: &Links, updated: Option<Date>, entries: &[&Listed], bodies: &[&Briefing]) -> String {
    let config = &site.config;
    let updated = updated.map_or_else(|| "1970-01-01".to_string(), |date| date.to_string());
    let author = config.issuer.clone().unwrap_or_else(|| config.title.clone());
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        config.language.code()
    ));
    out.push_str(&format!("  <title>{}</title>\n", xml(&config.title)));
    if let Some(description) = &config.description {
        out.push_str(&format!("  <subtitle>{}</subtitle>\n", xml(description)));
    }
    out.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml(&links.absolute(Route::feed().path()))
    ));
    out.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml(&links.absolute(Route::home().path()))
    ));
    out.push_str(&format!("  <id>{}</id>\n", xml(&atom_id(links, Route::home().path()))));
    out.push_str(&format!("  <updated>{updated}T00:00:00+08:00</updated>\n"));
    out.push_str(&format!("  <author><name>{}</name></author>\n", xml(&author)));
    out.push_str("  <generator>briefing</generator>\n");
    let mut bodies = bodies.iter();
    for summary in entries.iter().map(|entry| &entry.summary) {
        let title = if summary.issue_text.is_empty() {
            summary.title.clone()
        } else {
            format!("{} {}", summary.issue_text, summary.title)
        };
        out.push_str("  <entry>\n");
        out.push_str(&format!("    <title>{}</title>\n", xml(&title)));
        out.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml(&links.absolute(&summary.path))
        ));
        out.push_str(&format!("    <id>{}</id>\n", xml(&atom_id(links, &summary.path))));
        out.push_str(&format!("    <published>{}T00:00:00+08:00</published>\n", summary.date));
        out.push_str(&format!("    <updated>{}T00:00:00+08:00</updated>\n", summary.date));
        let text = if summary.summary.is_empty() {
            bodies
                .next()
                .map(|b| plain_text(&b.body).chars().take(160).collect())
                .unwrap_or_default()
        } else {
            summary.summary.clone()
        };
        out.push_str(&format!("    <summary>{}</summary>\n", xml(&text)));
        out.push_str(&format!(
            "    <category term=\"{}\" label=\"{}\"/>\n",
            summary.kind,
            xml(summary.kind_name)
        ));
        for tag in &summary.tags {
            out.push_str(&format!("    <category term=\"{}\"/>\n", xml(tag)));
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// `/sitemap.xml`: every HTML page but the 404 page.
pub(crate) fn sitemap(links: &Links, pages: &[String]) -> String {
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for page in pages {
        out.push_str(&format!("  <url><loc>{}</loc></url>\n", xml(&links.absolute(page))));
    }
    out.push_str("</urlset>\n");
    out
}

/// `/robots.txt`
pub(crate) fn robots(links: &Links) -> String {
    // A sitemap must be named by a full URL: only when base_url has a host.
    if links.origin.is_empty() {
        "User-agent: *\nAllow: /\n".to_string()
    } else {
        format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", links.absolute(Route::sitemap().path()))
    }
}

/// Markdown as plain text, shortcodes left out.
pub(crate) fn plain_text(markdown: &str) -> String {
    let (calls, _) = if crate::load::shortcodes::may_hold_calls(markdown) {
        crate::load::shortcodes::calls_in(markdown)
    } else {
        (Vec::new(), Vec::new())
    };
    let mut text = String::with_capacity(markdown.len());
    let mut last = 0;
    for call in &calls {
        text.push_str(&markdown[last..call.start]);
        last = call.end;
    }
    text.push_str(&markdown[last..]);
    let mut out = String::with_capacity(text.len());
    for event in Parser::new_ext(
        &text,
        pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_FOOTNOTES,
    ) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_of_markdown() {
        let text = plain_text("## 一、情况\n\n总产值{{ metric(name=\"x\") }}，见[项目](/p/)。\n\n| a | b |\n|---|---|\n| 冷链 | 物流 |\n");
        assert_eq!(text, "一、情况 总产值，见项目。 a b 冷链 物流");
    }

    #[test]
    fn xml_is_escaped() {
        assert_eq!(xml("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
    }

    #[test]
    fn xml_never_carries_what_xml_forbids() {
        let text = xml("简\u{0}报\u{b}第\u{1b}一\u{ffff}期\u{202e}");
        assert_eq!(text, "简报\n第一期");
        assert!(roxmltree::Document::parse(&format!("<a b=\"{text}\">{text}</a>")).is_ok());
    }
}
