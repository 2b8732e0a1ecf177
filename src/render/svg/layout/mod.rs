//! Where everything of a chart goes, as pure arithmetic: the title shrunk
//! (and wrapped) to fit, the legend in rows, the value axes with their
//! ticks, a slot per category, bars, line points, value labels placed
//! where they overlap nothing, category labels thinned evenly. The result
//! is a list of [`Shape`]s in drawing order; turning it into SVG is
//! `draw`'s job, so every rule of the layout can be tested without drawing.
//!
//! A chart is laid out for a [`Canvas`]: wide for articles on a desktop,
//! narrow for phones and the dashboard's grid. Each is drawn to be shown
//! at least as wide as it is, so no text is ever under 12 CSS pixels.
//! Bars and a line over them each get a band of their own — the line
//! above, the bars below — so points and values never sit on bars.

mod marks;
mod ranking;
#[cfg(test)]
mod tests;

use crate::derive::charts::{ChartSpec, Series};

use super::scale::Axis;
use super::text;
use marks::{Placed, bars, categories, lines};

/// The smallest text of a chart, in pixels at its drawn size.
pub(crate) const LABEL_SIZE: f64 = 12.0;
/// Values on bars and points.
pub(crate) const VALUE_SIZE: f64 = 12.0;

/// The size a chart is drawn at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Canvas {
    /// 720 × 380: articles, chart files, print.
    Wide,
    /// 320 × 340: phones, and the cells of the dashboard's grid.
    Narrow,
}

impl Canvas {
    pub(crate) const fn width(self) -> i32 {
        match self {
            Canvas::Wide => 720,
            Canvas::Narrow => 320,
        }
    }

    pub(crate) const fn height(self) -> i32 {
        match self {
            Canvas::Wide => 380,
            Canvas::Narrow => 340,
        }
    }

    fn title_size(self) -> f64 {
        match self {
            Canvas::Wide => 16.0,
            Canvas::Narrow => 15.0,
        }
    }

    /// About how many ticks the bar axis has.
    fn ticks(self) -> f64 {
        match self {
            Canvas::Wide => 5.0,
            Canvas::Narrow => 4.0,
        }
    }
}

/// A colour: red, green, blue and opacity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Colour(pub u8, pub u8, pub u8, pub f64);

pub(crate) const INK: Colour = Colour(0x33, 0x3a, 0x44, 1.0);
pub(crate) const MUTED: Colour = Colour(0x6b, 0x72, 0x80, 1.0);
pub(crate) const GRID: Colour = Colour(0xe3, 0xe6, 0xea, 1.0);
pub(crate) const WHITE: Colour = Colour(255, 255, 255, 1.0);

/// `#rrggbb` or `#rgb`; grey for anything else.
pub(crate) fn colour(hex: &str) -> Colour {
    let hex = hex.trim_start_matches('#');
    let full: String = if hex.len() == 3 {
        hex.chars().flat_map(|c| [c, c]).collect()
    } else {
        hex.to_string()
    };
    let channel = |i: usize| full.get(i..i + 2).and_then(|s| u8::from_str_radix(s, 16).ok()).unwrap_or(0x80);
    Colour(channel(0), channel(2), channel(4), 1.0)
}

/// Where a text stands relative to its point, across.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Across {
    Left,
    Centre,
    Right,
}

/// Where a text stands relative to its point, up and down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Upright {
    Top,
    Centre,
    Bottom,
}

/// One thing drawn.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Shape {
    Rect {
        from: (i32, i32),
        to: (i32, i32),
        fill: Colour,
    },
    Path {
        points: Vec<(i32, i32)>,
        stroke: Colour,
        width: u32,
    },
    Dot {
        at: (i32, i32),
        radius: i32,
        fill: Colour,
    },
    Ring {
        at: (i32, i32),
        radius: i32,
        stroke: Colour,
    },
    Text(Label),
}

/// A line of text anchored at `at`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Label {
    pub(crate) text: String,
    pub(crate) at: (i32, i32),
    pub(crate) size: f64,
    pub(crate) fill: Colour,
    pub(crate) across: Across,
    pub(crate) upright: Upright,
    pub(crate) bold: bool,
}

impl Label {
    /// The box the text takes: `[x0, y0, x1, y1]`, by the width model.
    pub(crate) fn bounds(&self) -> [i32; 4] {
        let width = text::width(&self.text, self.size);
        let x0 = match self.across {
            Across::Left => f64::from(self.at.0),
            Across::Centre => f64::from(self.at.0) - width / 2.0,
            Across::Right => f64::from(self.at.0) - width,
        };
        let y0 = match self.upright {
            Upright::Top => f64::from(self.at.1),
            Upright::Centre => f64::from(self.at.1) - self.size / 2.0,
            Upright::Bottom => f64::from(self.at.1) - self.size,
        };
        [
            x0.floor() as i32,
            y0.floor() as i32,
            (x0 + width).ceil() as i32,
            (y0 + self.size).ceil() as i32,
        ]
    }
}

fn label(text: String, at: (i32, i32), size: f64, fill: Colour, across: Across, upright: Upright) -> Label {
    Label {
        text,
        at,
        size,
        fill,
        across,
        upright,
        bold: false,
    }
}

fn shape_text(text: String, at: (i32, i32), size: f64, fill: Colour, across: Across, upright: Upright) -> Shape {
    Shape::Text(label(text, at, size, fill, across, upright))
}

/// The plot area and what places things in it.
struct Frame<'a> {
    spec: &'a ChartSpec,
    /// Top and bottom of the bars.
    bar_band: (i32, i32),
    /// Bottom of the plot (where the category labels start).
    bottom: i32,
    /// Width of a category's slot.
    slot: f64,
    left: i32,
}

impl Frame<'_> {
    /// The x of the centre of category `i`.
    fn centre(&self, i: usize) -> i32 {
        (f64::from(self.left) + self.slot * (i as f64 + 0.5)).round() as i32
    }
}

/// The title in one or two lines at the top; returns the y below it.
fn title(spec: &ChartSpec, canvas: Canvas, shapes: &mut Vec<Shape>) -> i32 {
    let room = f64::from(canvas.width() - 20);
    let mut size = canvas.title_size();
    while size > 13.0 && text::width(&spec.title, size) > room {
        size -= 1.0;
    }
    let lines = text::wrap(&spec.title, size, room, 2);
    let line_height = (size * 1.3).round() as i32;
    let mut y = 20;
    for line in lines {
        shapes.push(Shape::Text(Label {
            bold: true,
            ..label(line, (canvas.width() / 2, y), size, INK, Across::Centre, Upright::Centre)
        }));
        y += line_height;
    }
    y - line_height + 20
}

/// Legend entries laid out in rows from `top`; returns the y below it.
fn legend(entries: &[(&Series, bool)], top: i32, canvas: Canvas, shapes: &mut Vec<Shape>) -> i32 {
    let max_row = f64::from(canvas.width() - 24);
    let widths: Vec<f64> = entries
        .iter()
        .map(|(s, _)| (18.0 + text::width(&s.name, LABEL_SIZE)).min(max_row))
        .collect();
    let mut rows: Vec<Vec<usize>> = vec![Vec::new()];
    let mut used = 0.0;
    for (i, w) in widths.iter().enumerate() {
        let row_len = rows.last().map_or(0, Vec::len);
        if row_len > 0 && used + 16.0 + w > max_row {
            rows.push(Vec::new());
            used = 0.0;
        }
        used += if row_len > 0 { 16.0 + w } else { *w };
        if let Some(row) = rows.last_mut() {
            row.push(i);
        }
    }
    let mut y = top;
    for row in rows.iter().filter(|r| !r.is_empty()) {
        let total: f64 = row.iter().map(|&i| widths[i]).sum::<f64>() + 16.0 * (row.len() as f64 - 1.0);
        let mut x = ((f64::from(canvas.width()) - total) / 2.0).round() as i32;
        for &i in row {
            let (series, is_line) = entries[i];
            let c = colour(&series.color);
            if is_line {
                shapes.push(Shape::Path {
                    points: vec![(x, y), (x + 12, y)],
                    stroke: c,
                    width: 2,
                });
                shapes.push(Shape::Dot {
                    at: (x + 6, y),
                    radius: 3,
                    fill: c,
                });
            } else {
                shapes.push(Shape::Rect {
                    from: (x, y - 6),
                    to: (x + 12, y + 6),
                    fill: c,
                });
            }
            let name = text::fit(&series.name, LABEL_SIZE, widths[i] - 18.0);
            shapes.push(shape_text(name, (x + 18, y), LABEL_SIZE, INK, Across::Left, Upright::Centre));
            x += (widths[i] + 16.0).round() as i32;
        }
        y += 20;
    }
    y
}

/// Values the bar axis must cover: each bar, or each stack's sums.
fn stacked_or_plain(spec: &ChartSpec) -> Vec<f64> {
    if spec.stacked {
        (0..spec.categories.len())
            .flat_map(|i| {
                let (mut up, mut down) = (0.0, 0.0);
                for s in &spec.bars {
                    match s.values.get(i).copied().flatten() {
                        Some(v) if v >= 0.0 => up += v,
                        Some(v) => down += v,
                        None => {}
                    }
                }
                [up, down]
            })
            .collect()
    } else {
        spec.bars.iter().flat_map(|s| s.values.iter().flatten().copied()).collect()
    }
}

/// The unit title and tick labels of `axis` over `band`, at `x` and
/// aligned `across`; with `grid`, a grid line across the plot at every
/// tick. Every label is noted in `placed`.
fn axis_labels(
    shapes: &mut Vec<Shape>,
    placed: &mut Placed,
    axis: &Axis,
    unit: &str,
    (x, across): (i32, Across),
    band: (i32, i32),
    grid: Option<(i32, i32)>,
) {
    let title = label(unit.to_string(), (x, band.0 - 14), LABEL_SIZE, MUTED, across, Upright::Centre);
    placed.block(title.bounds());
    shapes.push(Shape::Text(title));
    for tick in axis.ticks() {
        let y = axis.y(tick, band.0, band.1);
        if let Some((from, to)) = grid {
            shapes.push(Shape::Path {
                points: vec![(from, y), (to, y)],
                stroke: if tick.abs() < 1e-9 { MUTED } else { GRID },
                width: 1,
            });
        }
        let tick_label = label(axis.label(tick), (x, y), LABEL_SIZE, MUTED, across, Upright::Centre);
        placed.block(tick_label.bounds());
        shapes.push(Shape::Text(tick_label));
    }
}

/// The drawn size of `spec` on `canvas`: the canvas's, but for a ranking,
/// whose height grows with its rows.
pub(crate) fn size(spec: &ChartSpec, canvas: Canvas) -> (i32, i32) {
    if spec.horizontal {
        (canvas.width(), ranking::height(spec, canvas))
    } else {
        (canvas.width(), canvas.height())
    }
}

/// Everything of `spec` drawn on `canvas`, in drawing order (on a white
/// ground).
pub(crate) fn layout(spec: &ChartSpec, canvas: Canvas) -> Vec<Shape> {
    if spec.horizontal {
        return ranking::layout(spec, canvas);
    }
    let mut shapes = Vec::new();
    let below_title = title(spec, canvas, &mut shapes);
    let mut entries: Vec<(&Series, bool)> = spec.bars.iter().map(|s| (s, false)).collect();
    entries.extend(spec.lines.iter().map(|s| (s, true)));
    let show_legend = entries.len() > 1 || spec.bars.iter().any(|s| s.point_colors.is_none());
    let below_legend = if show_legend {
        legend(&entries, below_title + 4, canvas, &mut shapes)
    } else {
        below_title
    };

    let n = spec.categories.len().max(1);
    let both = !spec.bars.is_empty() && !spec.lines.is_empty();
    let bar_values = stacked_or_plain(spec);
    let bar_axis = (!spec.bars.is_empty()).then(|| Axis::covering(bar_values.iter().copied(), canvas.ticks()));
    let line_values = spec.lines.iter().flat_map(|s| s.values.iter().flatten().copied());
    let line_axis = (!spec.lines.is_empty()).then(|| Axis::covering(line_values, if both { 2.0 } else { canvas.ticks() }));
    let left_axis = bar_axis.or(line_axis);
    let right_axis = if both { line_axis } else { None };

    let tick_width = |axis: &Option<Axis>| {
        axis.map_or(0.0, |a| {
            a.ticks().iter().map(|t| text::width(&a.label(*t), LABEL_SIZE)).fold(0.0, f64::max)
        })
    };
    let left_unit = if bar_axis.is_some() { &spec.bar_unit } else { &spec.line_unit };
    let left = 10 + tick_width(&left_axis).max(text::width(left_unit, LABEL_SIZE) - 8.0).ceil() as i32 + 8;
    let right = canvas.width()
        - 12
        - if right_axis.is_some() {
            tick_width(&right_axis).max(text::width(&spec.line_unit, LABEL_SIZE) - 8.0).ceil() as i32 + 8
        } else {
            6
        };
    // Room above the plot for the axis titles and the labels of the
    // highest values.
    let top = below_legend + 30;
    let has_groups = spec.categories.iter().any(|c| c.group.is_some());
    let bottom = canvas.height() - 24 - if has_groups { 18 } else { 0 };
    // With both, the line takes the top third and the bars the rest, a gap
    // between them for the bars' values.
    let (line_band, bar_band) = if both {
        let plot = bottom - top;
        ((top, top + plot * 28 / 100), (top + plot * 44 / 100, bottom))
    } else {
        ((top, bottom), (top, bottom))
    };

    let mut placed = Placed::default();
    if let Some(axis) = left_axis {
        let band = if bar_axis.is_some() { bar_band } else { line_band };
        axis_labels(
            &mut shapes,
            &mut placed,
            &axis,
            left_unit,
            (left - 6, Across::Right),
            band,
            Some((left, right)),
        );
    }
    if let Some(axis) = right_axis {
        axis_labels(
            &mut shapes,
            &mut placed,
            &axis,
            &spec.line_unit,
            (right + 6, Across::Left),
            line_band,
            None,
        );
    }

    let frame = Frame {
        spec,
        bar_band,
        bottom,
        slot: f64::from(right - left) / n as f64,
        left,
    };
    // Points and bars are known first, so that no label is put over them.
    let points: Vec<Vec<Option<(i32, i32)>>> = match line_axis {
        Some(axis) => spec
            .lines
            .iter()
            .map(|s| {
                s.values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| v.map(|v| (frame.centre(i), axis.y(v, line_band.0, line_band.1))))
                    .collect()
            })
            .collect(),
        None => Vec::new(),
    };
    for &(x, y) in points.iter().flatten().flatten() {
        placed.block([x - 5, y - 5, x + 5, y + 5]);
    }
    if let Some(axis) = bar_axis {
        bars(&frame, axis, &mut placed, &mut shapes);
    }
    lines(&frame, &points, &mut placed, &mut shapes);
    categories(&frame, &mut placed, &mut shapes);
    shapes
}
