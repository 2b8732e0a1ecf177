//! A briefing's rendered body (the HTML the site shows, shortcodes already
//! replaced by their figures and tables) read back as the blocks of a
//! printed document: headings, paragraphs, list items, tables, charts
//! (their title, caption and numbers), quotations and notes. The HTML is
//! the tool's own, sanitised output; html5ever's tokenizer reads it, and
//! what a paper cannot hold (drawings, buttons, links' targets) is left out.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};

/// A run of text with its emphasis.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Span {
    pub(crate) text: String,
    pub(crate) bold: bool,
    pub(crate) italic: bool,
    /// A footnote mark.
    pub(crate) sup: bool,
}

/// A cell of a table.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Cell {
    pub(crate) spans: Vec<Span>,
    pub(crate) header: bool,
}

/// A block of the document.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    /// `level` 2 for 一、, 3 for （一）, 4 below.
    Heading(u8, Vec<Span>),
    Paragraph {
        spans: Vec<Span>,
        signoff: bool,
    },
    /// A list item: its number in an ordered list, or none for a bullet.
    Item {
        number: Option<usize>,
        spans: Vec<Span>,
    },
    Table(Vec<Vec<Cell>>),
    /// A chart: its id (when the theme gives it), title, the sentence
    /// under it, and its numbers.
    Chart {
        id: String,
        title: String,
        caption: String,
        table: Vec<Vec<Cell>>,
    },
    Quote(Vec<Span>),
    /// A footnote: its number and text.
    Note(String, Vec<Span>),
}

/// Collects the tokens of a fragment.
#[derive(Default)]
struct Collect(RefCell<Vec<Token>>);

impl TokenSink for Collect {
    type Handle = ();
    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        self.0.borrow_mut().push(token);
        TokenSinkResult::Continue
    }
}

fn tokens(html: &str) -> Vec<Token> {
    let tokenizer = Tokenizer::new(Collect::default(), TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from(html));
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    tokenizer.sink.0.into_inner()
}

/// What is being read.
#[derive(Default)]
struct Reader {
    blocks: Vec<Block>,
    /// The text of the block being read.
    spans: Vec<Span>,
    bold: usize,
    italic: usize,
    sup: usize,
    /// Inside an element whose text is not printed (svg, summary, buttons).
    skip: usize,
    /// Open lists: ordered and the next number.
    lists: Vec<Option<usize>>,
    /// Open list items.
    items: usize,
    /// The table being read, its row, and its cell being read.
    table: Option<Vec<Vec<Cell>>>,
    header_cell: bool,
    /// Inside a chart figure: its title (from the drawing) and caption.
    chart: Option<(String, String)>,
    chart_id: String,
    /// The numbers of the chart being read.
    pending_chart_table: Option<Vec<Vec<Cell>>>,
    in_chart_title: bool,
    in_caption: bool,
    /// Inside a footnote definition: its label.
    note: Option<String>,
    in_note_label: bool,
    in_quote: bool,
    /// Inside a chart's download line (not printed).
    in_download: bool,
    signoff: bool,
}

impl Reader {
    fn text(&mut self, text: &str) {
        if self.in_chart_title {
            if let Some((title, _)) = &mut self.chart
                && title.is_empty()
            {
                title.push_str(text.trim());
            }
            return;
        }
        if self.skip > 0 {
            return;
        }
        if self.in_note_label {
            if let Some(label) = &mut self.note {
                label.push_str(text.trim());
            }
            return;
        }
        if self.in_caption {
            if let Some((_, caption)) = &mut self.chart {
                caption.push_str(text);
            }
            return;
        }
        if text.trim().is_empty() && self.spans.is_empty() {
            return;
        }
        let span = Span {
            text: text.replace('\n', " "),
            bold: self.bold > 0,
            italic: self.italic > 0,
            sup: self.sup > 0,
        };
        match self.spans.last_mut() {
            Some(last) if (last.bold, last.italic, last.sup) == (span.bold, span.italic, span.sup) => last.text.push_str(&span.text),
            _ => self.spans.push(span),
        }
    }

    /// The spans read so far, trimmed; empty spans dropped.
    fn take(&mut self) -> Vec<Span> {
        let mut spans = std::mem::take(&mut self.spans);
        if let Some(first) = spans.first_mut() {
            first.text = first.text.trim_start().to_string();
        }
        if let Some(last) = spans.last_mut() {
            last.text = last.text.trim_end().to_string();
        }
        spans.retain(|s| !s.text.is_empty());
        spans
    }

    fn close_block(&mut self, name: &str) {
        let spans = self.take();
        if let Some(table) = &mut self.table {
            if matches!(name, "td" | "th")
                && let Some(row) = table.last_mut()
            {
                row.push(Cell {
                    spans,
                    header: self.header_cell,
                });
            }
            return;
        }
        if spans.is_empty() {
            return;
        }
        let block = match name {
            "h1" | "h2" => Block::Heading(2, spans),
            "h3" => Block::Heading(3, spans),
            "h4" | "h5" | "h6" => Block::Heading(4, spans),
            "li" => {
                let number = self.lists.last_mut().and_then(|n| {
                    let current = *n;
                    if let Some(next) = n {
                        *next += 1;
                    }
                    current
                });
                Block::Item { number, spans }
            }
            _ if self.note.is_some() => Block::Note(self.note.clone().unwrap_or_default(), spans),
            _ if self.in_quote => Block::Quote(spans),
            _ => Block::Paragraph {
                spans,
                signoff: self.signoff,
            },
        };
        self.blocks.push(block);
    }

    fn start(&mut self, name: &str, class: &str, chart: &str) {
        match name {
            "svg" | "button" | "summary" | "script" | "style" | "nav" => self.skip += 1,
            "title" if self.chart.is_some() => self.in_chart_title = true,
            _ if self.skip > 0 => {}
            "strong" | "b" => self.bold += 1,
            "em" | "i" => self.italic += 1,
            "sup" if class.contains("footnote-definition-label") => self.in_note_label = true,
            "sup" => self.sup += 1,
            "br" => self.text("\n"),
            "figure" if class.contains("chart") => {
                self.chart = Some((String::new(), String::new()));
                self.chart_id = chart.to_string();
            }
            "figcaption" => self.in_caption = self.chart.is_some(),
            "table" => self.table = Some(Vec::new()),
            "tr" => {
                if let Some(table) = &mut self.table {
                    table.push(Vec::new());
                }
            }
            "td" | "th" => {
                self.spans.clear();
                self.header_cell = name == "th";
            }
            "ul" | "ol" => {
                // The text of an item that holds a list is an item itself.
                if self.items > 0 && !self.spans.is_empty() {
                    self.close_block("li");
                }
                self.lists.push((name == "ol").then_some(1));
            }
            "blockquote" => self.in_quote = true,
            "div" if class.contains("footnote-definition") => self.note = Some(String::new()),
            "p" => {
                self.signoff = class.contains("signoff");
                if class.contains("chart-download") {
                    self.in_download = true;
                    self.skip += 1;
                }
            }
            "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                if name == "li" {
                    self.items += 1;
                }
                self.spans.clear();
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "svg" | "button" | "summary" | "script" | "style" | "nav" => self.skip = self.skip.saturating_sub(1),
            "title" => self.in_chart_title = false,
            // The download line of a chart ends.
            "p" if self.in_download => {
                self.in_download = false;
                self.skip = self.skip.saturating_sub(1);
            }
            _ if self.skip > 0 => {}
            "strong" | "b" => self.bold = self.bold.saturating_sub(1),
            "em" | "i" => self.italic = self.italic.saturating_sub(1),
            "sup" if self.in_note_label => self.in_note_label = false,
            "sup" => self.sup = self.sup.saturating_sub(1),
            "figcaption" => self.in_caption = false,
            "figure" => {
                if let Some((title, caption)) = self.chart.take() {
                    let table = self.pending_chart_table.take().unwrap_or_default();
                    self.blocks.push(Block::Chart {
                        id: std::mem::take(&mut self.chart_id),
                        title,
                        caption: caption.trim().to_string(),
                        table,
                    });
                }
            }
            "td" | "th" => self.close_block(name),
            "table" => {
                let table = self.table.take().unwrap_or_default();
                if self.chart.is_some() {
                    self.pending_chart_table = Some(table);
                } else if !table.is_empty() {
                    self.blocks.push(Block::Table(table));
                }
            }
            "ul" | "ol" => {
                self.lists.pop();
            }
            "blockquote" => self.in_quote = false,
            "div" if self.note.is_some() => self.note = None,
            // A paragraph in a list item is part of the item.
            "p" if self.items > 0 => self.text(" "),
            "p" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                if self.table.is_none() {
                    self.close_block(name);
                }
                if name == "li" {
                    self.items = self.items.saturating_sub(1);
                }
                self.signoff = false;
            }
            _ => {}
        }
    }
}

/// The blocks of a rendered body.
pub(crate) fn blocks(html: &str) -> Vec<Block> {
    let mut reader = Reader::default();
    for token in tokens(html) {
        match token {
            Token::TagToken(tag) => {
                let name = tag.name.to_string();
                match tag.kind {
                    TagKind::StartTag => {
                        let attribute = |key: &str| {
                            tag.attrs
                                .iter()
                                .find(|a| &*a.name.local == key)
                                .map(|a| a.value.to_string())
                                .unwrap_or_default()
                        };
                        reader.start(&name, &attribute("class"), &attribute("data-chart"));
                        if tag.self_closing {
                            reader.end(&name);
                        }
                    }
                    TagKind::EndTag => reader.end(&name),
                }
            }
            Token::CharacterTokens(text) => reader.text(&text),
            _ => {}
        }
    }
    reader.close_block("p");
    reader.blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(spans: &[Span]) -> String {
        spans.iter().map(|s| s.text.as_str()).collect()
    }

    #[test]
    fn paragraphs_headings_lists_and_figures() {
        let html = "<h2 id=\"a\">一、会议概况</h2>\n<p>1-6月完成<span class=\"metric\" title=\"x\">75.00亿元</span>，<strong>增长</strong>48.0%。</p>\n\
            <ul>\n<li>第一</li>\n<li><p>第二</p></li>\n</ul>\n<ol><li>甲</li><li>乙</li></ol>\n\
            <div class=\"table-wrap\"><table><thead><tr><th>产业</th><th>产值</th></tr></thead><tbody><tr><td>食品</td><td>25.00亿元</td></tr></tbody></table></div>\n\
            <figure class=\"chart\" id=\"f\" data-chart=\"output-growth\"><div class=\"chart-image\"><div class=\"chart-wide\"><svg><title id=\"t\">规模工业总产值</title><text>12</text></svg></div></div>\
            <figcaption>1-6月总产值75.00亿元。</figcaption><details class=\"chart-data\"><summary>查看数据</summary><table><tr><th>时期</th><th>产值</th></tr><tr><th scope=\"row\">6月</th><td>75.00</td></tr></table>\
            <p class=\"chart-download\"><a href=\"x.csv\">图表数据（CSV）</a></p></details></figure>\n<p class=\"signoff\">2013年7月26日</p>";
        let blocks = blocks(html);
        assert_eq!(blocks.len(), 9, "{blocks:#?}");
        assert!(matches!(&blocks[0], Block::Heading(2, s) if plain(s) == "一、会议概况"));
        match &blocks[1] {
            Block::Paragraph { spans, signoff: false } => {
                assert_eq!(plain(spans), "1-6月完成75.00亿元，增长48.0%。");
                assert!(spans.iter().any(|s| s.bold && s.text == "增长"));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(&blocks[2], Block::Item { number: None, spans } if plain(spans) == "第一"));
        assert!(matches!(&blocks[3], Block::Item { number: None, spans } if plain(spans) == "第二"));
        assert!(matches!(&blocks[5], Block::Item { number: Some(2), spans } if plain(spans) == "乙"));
        match &blocks[6] {
            Block::Table(rows) => {
                assert_eq!(rows.len(), 2);
                assert!(rows[0][0].header && plain(&rows[1][1].spans) == "25.00亿元");
            }
            other => panic!("{other:?}"),
        }
        match &blocks[7] {
            Block::Chart { id, title, caption, table } => {
                assert_eq!(id, "output-growth");
                assert_eq!(title, "规模工业总产值");
                assert_eq!(caption, "1-6月总产值75.00亿元。");
                assert_eq!(table.len(), 2);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(&blocks[8], Block::Paragraph { signoff: true, .. }));
    }

    #[test]
    fn footnotes_and_quotes() {
        let html = "<p>正文<sup class=\"footnote-reference\"><a href=\"#fn-1\">1</a></sup>。</p>\
            <blockquote><p>引文</p></blockquote>\
            <div class=\"footnote-definition\" id=\"fn-1\"><sup class=\"footnote-definition-label\">1</sup><p>注释内容。</p></div>";
        let blocks = blocks(html);
        assert_eq!(blocks.len(), 3, "{blocks:#?}");
        match &blocks[0] {
            Block::Paragraph { spans, .. } => assert!(spans.iter().any(|s| s.sup && s.text == "1")),
            other => panic!("{other:?}"),
        }
        assert!(matches!(&blocks[1], Block::Quote(s) if plain(s) == "引文"));
        assert!(matches!(&blocks[2], Block::Note(label, s) if label == "1" && plain(s) == "注释内容。"));
    }
}
