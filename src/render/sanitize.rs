//! Sanitising the HTML that Markdown produces, with ammonia: raw HTML in a
//! briefing may not bring scripts, event handlers or `javascript:` URLs
//! (unless `site.yaml` sets `unsafe_html: true`). Shortcode output comes
//! from the theme's templates and is inserted after this step.

use std::collections::HashSet;

use ammonia::Builder;

/// The sanitiser of one build.
pub struct Sanitizer {
    builder: Option<Builder<'static>>,
}

impl Sanitizer {
    /// A sanitiser; with `allow_unsafe` HTML passes through unchanged.
    pub fn new(allow_unsafe: bool) -> Sanitizer {
        if allow_unsafe {
            return Sanitizer { builder: None };
        }
        let mut builder = Builder::default();
        builder
            .add_tags(["input", "figure", "figcaption", "details", "summary", "mark"])
            .add_generic_attributes(["id", "class"])
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .add_tag_attributes("th", ["style"])
            .add_tag_attributes("td", ["style"])
            .add_tag_attributes("ol", ["start"])
            .link_rel(None)
            .attribute_filter(|element, attribute, value| match (element, attribute) {
                ("th" | "td", "style") => {
                    let allowed = ["text-align: left", "text-align: center", "text-align: right"];
                    allowed.contains(&value.trim()).then(|| value.into())
                }
                ("input", "type") => (value == "checkbox").then(|| value.into()),
                _ => Some(value.into()),
            });
        builder.url_schemes(HashSet::from(["http", "https", "mailto", "tel"]));
        Sanitizer { builder: Some(builder) }
    }

    pub fn clean(&self, html: &str) -> String {
        match &self.builder {
            Some(builder) => builder.clean(html).to_string(),
            None => html.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_scripts_handlers_and_javascript_urls() {
        let clean = Sanitizer::new(false)
            .clean(r#"<p onclick="x()">a<script>alert(1)</script><a href="javascript:alert(1)">b</a><img src="/x.png" onerror="y()"></p>"#);
        assert!(!clean.contains("script"), "{clean}");
        assert!(!clean.contains("onclick") && !clean.contains("onerror"), "{clean}");
        assert!(!clean.contains("javascript"), "{clean}");
        assert!(clean.contains(r#"<img src="/x.png">"#), "{clean}");
    }

    #[test]
    fn keeps_what_markdown_makes() {
        let html = "<h2 id=\"一总体情况\">一、总体情况</h2>\n<table><thead><tr><th style=\"text-align: right\">产值</th></tr></thead></table>\n<ul>\n<li><input disabled=\"\" type=\"checkbox\" checked=\"\"/>\n完成</li>\n</ul>\n<div class=\"footnote-definition\" id=\"1\"><sup class=\"footnote-definition-label\">1</sup></div>\n<p><del>旧</del> <a href=\"/x/\">链接</a></p>";
        let clean = Sanitizer::new(false).clean(html);
        for kept in [
            "<h2 id=\"一总体情况\">",
            "style=\"text-align: right\"",
            "type=\"checkbox\"",
            "class=\"footnote-definition\"",
            "<del>旧</del>",
            "<a href=\"/x/\">",
        ] {
            assert!(clean.contains(kept), "{kept} lost in {clean}");
        }
        assert!(
            !Sanitizer::new(false)
                .clean("<td style=\"background: url(x)\">a</td>")
                .contains("style")
        );
    }

    #[test]
    fn unsafe_html_passes_through() {
        let html = "<script>alert(1)</script>";
        assert_eq!(Sanitizer::new(true).clean(html), html);
    }
}
