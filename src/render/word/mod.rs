//! The Word edition of a briefing (`/briefings/<slug>/<slug>.docx`), laid
//! out as GB/T 9704-2012 lays out official documents, which 简报 borrow:
//! A4, top margin 37 mm, binding (left) margin 28 mm, a 156 × 225 mm type
//! area of 22 lines; body 3号仿宋 (16 pt) with first lines two characters
//! in, title 2号小标宋, 一、 headings 黑体, （一） headings 楷体; a bulletin's
//! 报头 (its name large in red, 第N期, issuing unit left and date right over
//! a red rule), another kind's heading; charts as native Word charts
//! ([`chart`]); the 版记 (报送, 抄送, 印发) as a ruled table anchored at the
//! foot of the last page; page numbers "— 1 —", odd pages right, even
//! pages left. Every font names the East Asian slot
//! (`w:eastAsia`), or Word would set Chinese in a Latin font. Written with
//! docx-rs, byte for byte the same for the same briefing.

mod chart;
pub(crate) mod html;

use docx_rs::{
    AlignmentType, BorderType, Docx, Footer, LineSpacing, LineSpacingType, PageMargin, PageNum, Paragraph, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, Run, RunFonts, SpecialIndentType, Tab, TabValueType, Table, TableBorder,
    TableBorderPosition, TableBorders, TableCell, TablePositionProperty, TableRow, WidthType,
};

use html::{Block, Cell, Span};

use std::collections::BTreeMap;

use crate::derive::briefings::Listed;
use crate::derive::charts::ChartSpec;
use crate::render::Renderer;

/// Twentieths of a point per millimetre.
const TWIPS_PER_MM: f64 = 1440.0 / 25.4;

fn mm(value: f64) -> i32 {
    (value * TWIPS_PER_MM).round() as i32
}

/// The type area's width, for tab stops and tables.
const TYPE_WIDTH_MM: f64 = 156.0;
/// Exactly 22 lines in 225 mm: 28.9 pt, in twips.
const LINE: i32 = 578;
/// 3号 in half-points.
const BODY_SIZE: usize = 32;
const RED: &str = "C00000";

/// The fonts of a run: Chinese in `east_asia`, digits and Latin letters in
/// Times New Roman.
fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
        .cs("Times New Roman")
}

const FANGSONG: &str = "仿宋_GB2312";
const HEITI: &str = "黑体";
const KAITI: &str = "楷体_GB2312";
const XIAOBIAOSONG: &str = "方正小标宋简体";

/// What the Word edition of one briefing holds.
#[derive(Debug, Clone, Default)]
pub(crate) struct Paper {
    /// A bulletin gets the 报头; any other kind is headed by its kind.
    pub(crate) bulletin: bool,
    /// The internal edition's mark (内部资料), empty in the public edition:
    /// above the 报头 and in the header of every page.
    pub(crate) internal_mark: String,
    pub(crate) bulletin_name: String,
    /// `第8期`.
    pub(crate) issue_text: String,
    /// `讲话`, `通知`.
    pub(crate) kind_name: String,
    pub(crate) issuer: String,
    pub(crate) date_text: String,
    pub(crate) title: String,
    pub(crate) blocks: Vec<Block>,
    /// `报送：…。` and `抄送：…。`, as the page words them (empty: none).
    pub(crate) to: String,
    pub(crate) cc: String,
    /// `2013年7月26日印发`.
    pub(crate) printed: String,
    /// `（共印60份）`, or empty.
    pub(crate) copies: String,
    /// The charts of the body as of the briefing's moment, by id, drawn
    /// as Word charts (a chart not here is given as its numbers).
    pub(crate) charts: BTreeMap<String, ChartSpec>,
}

impl Renderer<'_> {
    /// The Word edition of the briefing `listed`, whose body rendered as
    /// `html`: its words as its page has them.
    pub(crate) fn paper(&self, listed: &Listed, html: &str) -> Paper {
        let site = self.site;
        let locale = &self.derived.locale;
        let briefing = &*site.briefings[listed.source];
        let summary = &listed.summary;
        let issuer = briefing
            .unit
            .as_deref()
            .and_then(|u| site.data.unit(u).map(|unit| unit.name.clone()))
            .or_else(|| site.config.issuer.clone())
            .unwrap_or_default();
        let distribution = briefing.distribution.clone().unwrap_or_default();
        let list = |key: &str, names: &[String]| match names.is_empty() {
            true => String::new(),
            false => format!(
                "{}{}{}",
                locale.text(key),
                names.join(&locale.text("list_sep")),
                locale.text("list_end")
            ),
        };
        let blocks = html::blocks(html);
        // The charts as the page drew them: the specs of the briefing's
        // moment (an id its body rendered is there).
        let moment = self.derived.moments.at(listed.as_of).ok();
        let charts = blocks
            .iter()
            .filter_map(|block| match block {
                Block::Chart { id, .. } if !id.is_empty() => match moment.and_then(|moment| moment.chart(id)) {
                    Some(Ok(spec)) => Some((id.clone(), spec.clone())),
                    _ => None,
                },
                _ => None,
            })
            .collect();
        Paper {
            charts,
            bulletin: summary.kind == "bulletin",
            internal_mark: if site.internal_edition {
                format!("{}　{}", locale.text("internal_mark"), locale.text("internal_mark_note"))
            } else {
                String::new()
            },
            bulletin_name: site.config.bulletin_name.clone().unwrap_or_else(|| site.config.title.clone()),
            issue_text: summary.issue_text.clone(),
            kind_name: summary.kind_name.to_string(),
            issuer,
            date_text: summary.date_text.clone(),
            title: summary.title.clone(),
            blocks,
            to: list("distribution_to", &distribution.to),
            cc: list("distribution_cc", &distribution.cc),
            printed: locale.fill("printed_on", "{date}印发", &[("date", &summary.date_text)]),
            copies: distribution
                .copies
                .map(|n| locale.fill("distribution_copies", "（共印{count}份）", &[("count", &n.to_string())]))
                .unwrap_or_default(),
        }
    }
}

/// A run of `text`; docx-rs escapes it, and the characters XML cannot hold
/// are left out ([`crate::chars::scrub`]).
fn run(text: &str, font: &str, size: usize) -> Run {
    Run::new().add_text(crate::chars::scrub(text)).fonts(fonts(font)).size(size)
}

fn spaced(paragraph: Paragraph, before: u32, after: u32) -> Paragraph {
    paragraph.line_spacing(
        LineSpacing::new()
            .line_rule(LineSpacingType::Exact)
            .line(LINE)
            .before(before)
            .after(after),
    )
}

/// A paragraph of `spans` in `font`, first line two characters in.
fn text_paragraph(spans: &[Span], font: &str, indent: bool) -> Paragraph {
    let mut paragraph = Paragraph::new().align(AlignmentType::Both);
    if indent {
        paragraph = paragraph.indent(None, Some(SpecialIndentType::FirstLine(mm(0.0) + 640)), None, None);
    }
    for span in spans {
        let mut r = run(&span.text, font, if span.sup { 20 } else { BODY_SIZE });
        if span.bold {
            r = r.bold();
        }
        if span.italic {
            r = r.italic();
        }
        paragraph = paragraph.add_run(r);
    }
    spaced(paragraph, 0, 0)
}

fn border(position: ParagraphBorderPosition, size: usize, color: &str) -> ParagraphBorder {
    ParagraphBorder::new(position)
        .val(BorderType::Single)
        .size(size)
        .space(1)
        .color(color)
}

fn with_borders(mut paragraph: Paragraph, borders: Vec<ParagraphBorder>) -> Paragraph {
    let set = borders.into_iter().fold(ParagraphBorders::with_empty(), ParagraphBorders::set);
    paragraph.property = paragraph.property.set_borders(set);
    paragraph
}

/// A line with `left` at the margin and `right` flush right.
fn two_ends(left: &str, right: &str, font: &str, size: usize) -> Paragraph {
    Paragraph::new()
        .add_tab(Tab::new().val(TabValueType::Right).pos(mm(TYPE_WIDTH_MM) as usize - 1))
        .add_run(run(left, font, size))
        .add_run(Run::new().add_tab().fonts(fonts(font)).size(size))
        .add_run(run(right, font, size))
}

/// The 报头 of a bulletin, or the heading of another kind.
fn heading(paper: &Paper, mut docx: Docx) -> Docx {
    if !paper.internal_mark.is_empty() {
        docx = docx.add_paragraph(spaced(
            Paragraph::new()
                .align(AlignmentType::Left)
                .add_run(run(&paper.internal_mark, HEITI, 32).color(RED).bold()),
            0,
            120,
        ));
    }
    if paper.bulletin {
        docx = docx
            .add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_run(run(&paper.bulletin_name, XIAOBIAOSONG, 84).color(RED).bold().character_spacing(120))
                    .line_spacing(LineSpacing::new().before(0).after(240)),
            )
            .add_paragraph(spaced(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_run(run(&paper.issue_text, FANGSONG, BODY_SIZE)),
                0,
                120,
            ));
        let line = two_ends(&paper.issuer, &paper.date_text, FANGSONG, BODY_SIZE).indent(Some(320), None, Some(320), None);
        // The red rule spans the type area, under the line set one
        // character in at each end.
        let rule = Paragraph::new()
            .size(2)
            .line_spacing(LineSpacing::new().line_rule(LineSpacingType::Exact).line(40).after(360));
        docx = docx
            .add_paragraph(spaced(line, 0, 0))
            .add_paragraph(with_borders(rule, vec![border(ParagraphBorderPosition::Bottom, 18, RED)]));
    } else if !paper.kind_name.is_empty() {
        docx = docx.add_paragraph(spaced(
            Paragraph::new()
                .align(AlignmentType::Center)
                .add_run(run(&paper.kind_name, XIAOBIAOSONG, 44).color(RED).character_spacing(200)),
            0,
            120,
        ));
    }
    docx = docx.add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(run(&paper.title, XIAOBIAOSONG, 44).bold())
            .line_spacing(LineSpacing::new().line_rule(LineSpacingType::Exact).line(700).before(0).after(360)),
    );
    if !paper.bulletin {
        docx = docx.add_paragraph(spaced(
            Paragraph::new()
                .align(AlignmentType::Center)
                .add_run(run(&format!("{}　{}", paper.issuer, paper.date_text), KAITI, BODY_SIZE)),
            0,
            360,
        ));
    }
    docx
}

fn table_of(rows: &[Vec<Cell>]) -> Table {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let width = mm(TYPE_WIDTH_MM) as usize / columns;
    let rows = rows
        .iter()
        .map(|row| {
            let cells = (0..columns)
                .map(|i| {
                    let cell = row.get(i).cloned().unwrap_or_default();
                    let mut paragraph = Paragraph::new().align(if i == 0 { AlignmentType::Left } else { AlignmentType::Center });
                    for span in &cell.spans {
                        let mut r = run(&span.text, if cell.header { HEITI } else { FANGSONG }, 24);
                        if span.bold {
                            r = r.bold();
                        }
                        paragraph = paragraph.add_run(r);
                    }
                    TableCell::new().add_paragraph(paragraph).width(width, WidthType::Dxa)
                })
                .collect();
            TableRow::new(cells)
        })
        .collect();
    Table::new(rows)
        .set_grid(vec![width; columns])
        .width(width * columns, WidthType::Dxa)
}

/// The body of `paper`, and the chart parts it drew (in marker order).
fn body(paper: &Paper, mut docx: Docx, drawn: &mut Vec<chart::Drawn>) -> Docx {
    for block in &paper.blocks {
        docx = match block {
            Block::Heading(level, spans) => {
                let font = match level {
                    2 => HEITI,
                    3 => KAITI,
                    _ => FANGSONG,
                };
                docx.add_paragraph(text_paragraph(spans, font, true).keep_next(true))
            }
            Block::Paragraph { spans, signoff: true } => {
                let paragraph = text_paragraph(spans, FANGSONG, false)
                    .align(AlignmentType::Right)
                    .indent(None, None, Some(1280), None);
                docx.add_paragraph(paragraph)
            }
            Block::Paragraph { spans, .. } => docx.add_paragraph(text_paragraph(spans, FANGSONG, true)),
            Block::Item { number, spans } => {
                let mark = number.map_or_else(|| "·".to_string(), |n| format!("{n}．"));
                let mut all = vec![Span {
                    text: mark,
                    ..Span::default()
                }];
                all.extend(spans.iter().cloned());
                docx.add_paragraph(text_paragraph(&all, FANGSONG, true))
            }
            Block::Quote(spans) => docx.add_paragraph(text_paragraph(spans, KAITI, true)),
            Block::Note(label, spans) => {
                let mut all = vec![Span {
                    text: format!("注{label}："),
                    ..Span::default()
                }];
                all.extend(spans.iter().cloned());
                let paragraph = text_paragraph(&all, FANGSONG, true);
                docx.add_paragraph(paragraph)
            }
            Block::Table(rows) => docx.add_table(table_of(rows)).add_paragraph(spaced(Paragraph::new(), 0, 0)),
            Block::Chart { id, title, caption, table } => {
                let mut docx = docx;
                if let Some(spec) = paper.charts.get(id) {
                    // A native chart, put in place of its marker after packing.
                    docx = docx.add_paragraph(Paragraph::new().add_run(Run::new().add_text(chart::marker(drawn.len()))));
                    drawn.push(chart::drawn(spec));
                } else {
                    docx = docx.add_paragraph(spaced(
                        Paragraph::new()
                            .align(AlignmentType::Center)
                            .keep_next(true)
                            .add_run(run(title, HEITI, 28)),
                        120,
                        0,
                    ));
                    if !table.is_empty() {
                        docx = docx.add_table(table_of(table));
                    }
                }
                if !caption.is_empty() {
                    docx = docx.add_paragraph(spaced(
                        Paragraph::new().align(AlignmentType::Center).add_run(run(caption, KAITI, 24)),
                        0,
                        120,
                    ));
                }
                docx
            }
        };
    }
    docx
}

/// The 版记: a table floating at the foot of the type area of the page it
/// ends on (as Word templates of 公文 keep it), one row per line, between
/// a rule above and below and thin rules between.
fn record(paper: &Paper, docx: Docx) -> Docx {
    let mut lines: Vec<Paragraph> = Vec::new();
    for text in [&paper.to, &paper.cc] {
        if !text.is_empty() {
            lines.push(
                Paragraph::new()
                    .indent(Some(320), None, Some(320), None)
                    .add_run(run(text, FANGSONG, 28)),
            );
        }
    }
    lines.push(two_ends(&paper.issuer, &paper.printed, FANGSONG, 28).indent(Some(320), None, Some(320), None));
    if !paper.copies.is_empty() {
        lines.push(
            Paragraph::new()
                .align(AlignmentType::Right)
                .indent(None, None, Some(320), None)
                .add_run(run(&paper.copies, FANGSONG, 28)),
        );
    }
    let width = mm(TYPE_WIDTH_MM) as usize;
    let rows = lines
        .into_iter()
        .map(|line| {
            TableRow::new(vec![
                TableCell::new().add_paragraph(spaced(line, 0, 0)).width(width, WidthType::Dxa),
            ])
        })
        .collect();
    let rule = |position, size| {
        TableBorder::new(position)
            .border_type(BorderType::Single)
            .size(size)
            .color("000000")
    };
    let borders = TableBorders::with_empty()
        .set(rule(TableBorderPosition::Top, 8))
        .set(rule(TableBorderPosition::Bottom, 8))
        .set(rule(TableBorderPosition::InsideH, 4));
    let table = Table::new(rows)
        .set_grid(vec![width])
        .width(width, WidthType::Dxa)
        .set_borders(borders)
        .position(
            TablePositionProperty::new()
                .vertical_anchor("margin")
                .horizontal_anchor("margin")
                .position_y_alignment("bottom")
                .position_x_alignment("center"),
        );
    // A floating table is anchored to the paragraph after it, and a body
    // ends with a paragraph.
    docx.add_table(table).add_paragraph(
        Paragraph::new()
            .size(2)
            .line_spacing(LineSpacing::new().line_rule(LineSpacingType::Exact).line(20)),
    )
}

/// A footer with the page number "— N —" at `side`, one character in.
fn footer(side: AlignmentType) -> Footer {
    let indent = match side {
        AlignmentType::Right => Paragraph::new().indent(None, None, Some(280), None),
        _ => Paragraph::new().indent(Some(280), None, None, None),
    };
    Footer::new().add_paragraph(
        indent
            .align(side)
            .add_run(run("— ", "宋体", 28))
            .add_page_num(PageNum::new())
            .add_run(run(" —", "宋体", 28))
            .fonts(fonts("宋体"))
            .size(28),
    )
}

/// The `.docx` bytes of `paper`.
pub(crate) fn docx_bytes(paper: &Paper) -> Result<Vec<u8>, String> {
    let mut docx = Docx::new()
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(mm(37.0))
                .bottom(mm(35.0))
                .left(mm(28.0))
                .right(mm(26.0))
                .header(mm(15.0))
                .footer(mm(21.0)),
        )
        .default_fonts(fonts(FANGSONG))
        .default_size(BODY_SIZE)
        .footer(footer(AlignmentType::Right))
        .even_footer(footer(AlignmentType::Left));
    if !paper.internal_mark.is_empty() {
        let mark = || {
            docx_rs::Header::new().add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Right)
                    .add_run(run(&paper.internal_mark, HEITI, 21).color(RED)),
            )
        };
        docx = docx.header(mark()).first_header(mark()).even_header(mark());
    }
    docx = heading(paper, docx);
    let mut drawn = Vec::new();
    docx = body(paper, docx, &mut drawn);
    docx = record(paper, docx);
    let mut bytes = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut bytes)
        .map_err(|e| format!("cannot write the Word file: {e}"))?;
    chart::embed(bytes.into_inner(), &drawn)
}
