//! Where everything of a chart goes, as pure arithmetic: the title shrunk
//! to fit, the legend in rows, the value axes with their ticks, a slot per
//! category, bars, line points, value labels placed where they overlap
//! nothing, category labels thinned to fit. The result is a list of
//! [`Shape`]s in drawing order; turning it into SVG is `draw`'s job, so
//! every rule of the layout can be tested without drawing.

use crate::derive::charts::{ChartSpec, Series};
use crate::derive::format::tidy;

use super::scale::Axis;
use super::text;

pub(crate) const WIDTH: u32 = 720;
pub(crate) const HEIGHT: u32 = 380;

const TITLE_SIZE: f64 = 16.0;
const LABEL_SIZE: f64 = 12.0;
const VALUE_SIZE: f64 = 10.5;

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

fn text(text: String, at: (i32, i32), size: f64, fill: Colour, across: Across, upright: Upright) -> Shape {
    Shape::Text(label(text, at, size, fill, across, upright))
}

/// A value as printed on a bar or point, with as many of `decimals` as
/// fit in `room` pixels (counts are whole numbers).
fn value_label(value: f64, unit: &str, room: f64) -> Option<String> {
    // Counts are whole numbers; growth has one decimal; amounts two.
    let is_amount = unit.contains('元') || unit.contains('¥');
    let most = match unit {
        "%" => 1,
        _ if !is_amount && value.fract() == 0.0 => 0,
        _ => 2,
    };
    (0..=most)
        .rev()
        .map(|decimals| tidy(value, decimals))
        .find(|label| text::width(label, VALUE_SIZE) <= room)
}

/// Boxes already taken by labels and points: `[x0, y0, x1, y1]`.
struct Placed(Vec<[i32; 4]>);

impl Placed {
    /// Takes the box of a label `width` wide centred at `x` whose vertical
    /// extent is `y0..y1`, unless it overlaps one already taken.
    fn take(&mut self, x: i32, width: f64, y0: i32, y1: i32) -> bool {
        let half = (width / 2.0).ceil() as i32 + 1;
        let candidate = [x - half, y0.min(y1), x + half, y0.max(y1)];
        let free = self
            .0
            .iter()
            .all(|b| candidate[2] <= b[0] || candidate[0] >= b[2] || candidate[3] <= b[1] || candidate[1] >= b[3]);
        if free {
            self.0.push(candidate);
        }
        free
    }
}

/// The plot area and what places things in it.
struct Frame<'a> {
    spec: &'a ChartSpec,
    top: i32,
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

/// Legend entries laid out in rows; returns the y below the legend.
fn legend(entries: &[(&Series, bool)], top: i32, shapes: &mut Vec<Shape>) -> i32 {
    let max_row = f64::from(WIDTH) - 40.0;
    let widths: Vec<f64> = entries.iter().map(|(s, _)| 18.0 + text::width(&s.name, LABEL_SIZE)).collect();
    let mut rows: Vec<Vec<usize>> = vec![Vec::new()];
    let mut used = 0.0;
    for (i, w) in widths.iter().enumerate() {
        let row_len = rows.last().map_or(0, Vec::len);
        if row_len > 0 && used + 16.0 + w > max_row {
            rows.push(Vec::new());
            used = 0.0;
        }
        used += if row_len > 0 || used > 0.0 { 16.0 + w } else { *w };
        if let Some(row) = rows.last_mut() {
            row.push(i);
        }
    }
    let mut y = top;
    for row in rows.iter().filter(|r| !r.is_empty()) {
        let total: f64 = row.iter().map(|&i| widths[i]).sum::<f64>() + 16.0 * (row.len() as f64 - 1.0);
        let mut x = ((f64::from(WIDTH) - total) / 2.0).round() as i32;
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
            let label = text::fit(&series.name, LABEL_SIZE, max_row);
            shapes.push(text(label, (x + 18, y), LABEL_SIZE, INK, Across::Left, Upright::Centre));
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

/// The unit title and tick labels of `axis`, at `x` and aligned `across`;
/// with `grid_to`, a grid line from the tick label's side of the plot to
/// it at every tick.
fn axis_labels(
    shapes: &mut Vec<Shape>,
    axis: &Axis,
    unit: &str,
    (x, across): (i32, Across),
    (top, bottom): (i32, i32),
    grid_to: Option<i32>,
) {
    shapes.push(text(unit.to_string(), (x, top - 12), LABEL_SIZE, MUTED, across, Upright::Centre));
    for tick in axis.ticks() {
        let y = axis.y(tick, top, bottom);
        if let Some(right) = grid_to {
            shapes.push(Shape::Path {
                points: vec![(x + 6, y), (right, y)],
                stroke: if tick.abs() < 1e-9 { MUTED } else { GRID },
                width: 1,
            });
        }
        shapes.push(text(axis.label(tick), (x, y), LABEL_SIZE, MUTED, across, Upright::Centre));
    }
}

/// Everything of `spec` in drawing order (on a white ground).
pub(crate) fn layout(spec: &ChartSpec) -> Vec<Shape> {
    let mut shapes = Vec::new();
    let w = WIDTH as i32;
    let h = HEIGHT as i32;
    // Title, shrunk then shortened to fit.
    let mut title_size = TITLE_SIZE;
    while title_size > 12.0 && text::width(&spec.title, title_size) > f64::from(w - 20) {
        title_size -= 1.0;
    }
    let title = text::fit(&spec.title, title_size, f64::from(w - 20));
    shapes.push(Shape::Text(Label {
        bold: true,
        ..label(title, (w / 2, 20), title_size, INK, Across::Centre, Upright::Centre)
    }));
    let mut entries: Vec<(&Series, bool)> = spec.bars.iter().map(|s| (s, false)).collect();
    entries.extend(spec.lines.iter().map(|s| (s, true)));
    let show_legend = entries.len() > 1 || spec.bars.iter().any(|s| s.point_colors.is_none());
    let below_legend = if show_legend { legend(&entries, 44, &mut shapes) } else { 40 };

    let n = spec.categories.len().max(1);
    let bar_values = stacked_or_plain(spec);
    let bar_axis = (!spec.bars.is_empty()).then(|| Axis::covering(bar_values.iter().copied()));
    let line_values = spec.lines.iter().flat_map(|s| s.values.iter().flatten().copied());
    let line_axis = (!spec.lines.is_empty()).then(|| Axis::covering(line_values));
    let left_axis = bar_axis.or(line_axis);
    let right_axis = if bar_axis.is_some() { line_axis } else { None };

    let tick_width = |axis: &Option<Axis>| {
        axis.map_or(0.0, |a| {
            a.ticks().iter().map(|t| text::width(&a.label(*t), LABEL_SIZE)).fold(0.0, f64::max)
        })
    };
    let left_unit = if bar_axis.is_some() { &spec.bar_unit } else { &spec.line_unit };
    let left = 14 + tick_width(&left_axis).max(text::width(left_unit, LABEL_SIZE) - 8.0).ceil() as i32 + 8;
    let right = w
        - 20
        - if right_axis.is_some() {
            tick_width(&right_axis).max(text::width(&spec.line_unit, LABEL_SIZE) - 8.0).ceil() as i32 + 8
        } else {
            6
        };
    let top = below_legend + 18;
    let has_groups = spec.categories.iter().any(|c| c.group.is_some());
    let bottom = h - 22 - if has_groups { 16 } else { 0 };

    // Unit titles above the axes, tick labels beside them, grid lines
    // from the left axis.
    if let Some(axis) = left_axis {
        axis_labels(&mut shapes, &axis, left_unit, (left - 6, Across::Right), (top, bottom), Some(right));
    }
    if let Some(axis) = right_axis {
        axis_labels(&mut shapes, &axis, &spec.line_unit, (right + 6, Across::Left), (top, bottom), None);
    }

    let frame = Frame {
        spec,
        top,
        bottom,
        slot: f64::from(right - left) / n as f64,
        left,
    };
    // Line points are known first, so that no label is put over them.
    let points: Vec<Vec<Option<(i32, i32)>>> = match line_axis {
        Some(axis) => spec
            .lines
            .iter()
            .map(|s| {
                s.values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| v.map(|v| (frame.centre(i), axis.y(v, top, bottom))))
                    .collect()
            })
            .collect(),
        None => Vec::new(),
    };
    let mut placed = Placed(
        points
            .iter()
            .flatten()
            .flatten()
            .map(|&(x, y)| [x - 5, y - 5, x + 5, y + 5])
            .collect(),
    );
    if let Some(axis) = bar_axis {
        bars(&frame, axis, &mut placed, &mut shapes);
    }
    lines(&frame, &points, &mut placed, &mut shapes);
    categories(&frame, &mut shapes);
    shapes
}

fn bars(frame: &Frame<'_>, axis: Axis, placed: &mut Placed, shapes: &mut Vec<Shape>) {
    let Frame {
        spec, top, bottom, slot, ..
    } = *frame;
    let groups = if spec.stacked { 1 } else { spec.bars.len().max(1) };
    let bar_width = ((slot * 0.72) / groups as f64).clamp(2.0, 64.0);
    for i in 0..spec.categories.len() {
        let (mut up, mut down) = (0.0, 0.0);
        for (k, series) in spec.bars.iter().enumerate() {
            let Some(value) = series.values.get(i).copied().flatten() else {
                continue;
            };
            let fill = series
                .point_colors
                .as_ref()
                .and_then(|c| c.get(i))
                .map_or_else(|| colour(&series.color), |c| colour(c));
            let (x0, base, tip) = if spec.stacked {
                let base = if value >= 0.0 { up } else { down };
                if value >= 0.0 {
                    up += value
                } else {
                    down += value
                }
                let x0 = f64::from(frame.centre(i)) - bar_width / 2.0;
                (x0, base, base + value)
            } else {
                let x0 = f64::from(frame.centre(i)) - bar_width * groups as f64 / 2.0 + bar_width * k as f64;
                (x0, 0.0, value)
            };
            let (y_base, y_tip) = (axis.y(base, top, bottom), axis.y(tip, top, bottom));
            let x0i = x0.round() as i32;
            let x1i = (x0 + bar_width).round() as i32 - if groups > 1 { 1 } else { 0 };
            shapes.push(Shape::Rect {
                from: (x0i, y_base.min(y_tip)),
                to: (x1i.max(x0i + 1), y_base.max(y_tip)),
                fill,
            });
            let room = if groups > 1 { bar_width + 2.0 } else { slot - 4.0 };
            let Some(label) = value_label(value, &spec.bar_unit, room) else {
                continue;
            };
            let label_width = text::width(&label, VALUE_SIZE);
            let x = (x0 + bar_width / 2.0).round() as i32;
            let height = (y_base - y_tip).abs();
            let label_height = VALUE_SIZE.ceil() as i32 + 2;
            // With a line over the bars, labels go inside the bar top so the
            // line's own labels above its points stay clear; further down if
            // a point sits there.
            let inside = (spec.stacked || !spec.lines.is_empty()) && height >= 16 && label_width <= bar_width - 2.0;
            if inside {
                let (inner_top, inner_bottom) = (y_base.min(y_tip), y_base.max(y_tip));
                let candidates: Vec<i32> = if spec.stacked {
                    vec![(y_base + y_tip) / 2]
                } else {
                    [inner_top + 9, inner_top + 25]
                        .into_iter()
                        .filter(|y| y + label_height / 2 <= inner_bottom)
                        .collect()
                };
                if let Some(y) = candidates
                    .into_iter()
                    .find(|y| placed.take(x, label_width, y - label_height / 2, y + label_height / 2))
                {
                    shapes.push(text(label, (x, y), VALUE_SIZE, WHITE, Across::Centre, Upright::Centre));
                }
            } else if spec.stacked {
                continue;
            } else if value >= 0.0 {
                if placed.take(x, label_width, y_tip - 4 - label_height, y_tip - 3) {
                    shapes.push(text(label, (x, y_tip - 4), VALUE_SIZE, INK, Across::Centre, Upright::Bottom));
                }
            } else if placed.take(x, label_width, y_tip + 3, y_tip + 4 + label_height) {
                shapes.push(text(label, (x, y_tip + 4), VALUE_SIZE, INK, Across::Centre, Upright::Top));
            }
        }
        // A stack carries its total on top.
        if spec.stacked && spec.bars.len() > 1 && up > 0.0 {
            let y = axis.y(up, top, bottom);
            if let Some(label) = value_label(up, &spec.bar_unit, slot - 4.0) {
                let width = text::width(&label, VALUE_SIZE);
                let label_height = VALUE_SIZE.ceil() as i32 + 2;
                if placed.take(frame.centre(i), width, y - 4 - label_height, y - 3) {
                    shapes.push(text(
                        label,
                        (frame.centre(i), y - 4),
                        VALUE_SIZE,
                        INK,
                        Across::Centre,
                        Upright::Bottom,
                    ));
                }
            }
        }
    }
}

fn lines(frame: &Frame<'_>, points: &[Vec<Option<(i32, i32)>>], placed: &mut Placed, shapes: &mut Vec<Shape>) {
    let spec = frame.spec;
    let labelled = spec.lines.len() == 1;
    let label_height = VALUE_SIZE.ceil() as i32 + 2;
    for (series, points) in spec.lines.iter().zip(points) {
        let c = colour(&series.color);
        // Gaps (missing values) split the line.
        for run in points.split(Option::is_none) {
            let run: Vec<(i32, i32)> = run.iter().flatten().copied().collect();
            if run.len() > 1 && spec.connect {
                shapes.push(Shape::Path {
                    points: run.clone(),
                    stroke: c,
                    width: 2,
                });
            }
            for point in &run {
                shapes.push(Shape::Dot {
                    at: *point,
                    radius: 3,
                    fill: c,
                });
                shapes.push(Shape::Ring {
                    at: *point,
                    radius: 3,
                    stroke: WHITE,
                });
            }
        }
        if !labelled {
            continue;
        }
        for (value, point) in series.values.iter().zip(points) {
            let (Some(v), Some((x, y))) = (value, point) else { continue };
            let Some(label) = value_label(*v, &spec.line_unit, frame.slot - 2.0) else {
                continue;
            };
            let width = text::width(&label, VALUE_SIZE);
            let above = (y - 7 - label_height, y - 6);
            let below = (y + 6, y + 7 + label_height);
            let spot = if placed.take(*x, width, above.0, above.1) {
                Some((above, Upright::Bottom, y - 7))
            } else if placed.take(*x, width, below.0, below.1) {
                Some((below, Upright::Top, y + 7))
            } else {
                None
            };
            if let Some(((y0, y1), upright, text_y)) = spot {
                let half = (width / 2.0).ceil() as i32 + 1;
                shapes.push(Shape::Rect {
                    from: (x - half, y0),
                    to: (x + half, y1),
                    fill: Colour(255, 255, 255, 0.85),
                });
                shapes.push(text(label, (*x, text_y), VALUE_SIZE, c, Across::Centre, upright));
            }
        }
    }
}

fn categories(frame: &Frame<'_>, shapes: &mut Vec<Shape>) {
    let Frame { spec, bottom, slot, .. } = *frame;
    let widest = spec
        .categories
        .iter()
        .map(|c| text::width(&c.label, LABEL_SIZE))
        .fold(0.0, f64::max);
    let every = ((widest + 6.0) / slot).ceil().max(1.0) as usize;
    let last = spec.categories.len().saturating_sub(1);
    for (i, category) in spec.categories.iter().enumerate() {
        let shown = i % every == 0 && (i == last || last - i >= every || every == 1);
        if shown || i == last {
            let label = text::fit(&category.label, LABEL_SIZE, slot * every as f64 - 4.0);
            shapes.push(text(
                label,
                (frame.centre(i), bottom + 6),
                LABEL_SIZE,
                INK,
                Across::Centre,
                Upright::Top,
            ));
        }
        if let Some(group) = &category.group {
            let x = (f64::from(frame.centre(i)) - slot / 2.0).round() as i32 + 2;
            shapes.push(Shape::Path {
                points: vec![(x - 2, bottom + 2), (x - 2, bottom + 36)],
                stroke: GRID,
                width: 1,
            });
            shapes.push(text(group.clone(), (x, bottom + 24), LABEL_SIZE, MUTED, Across::Left, Upright::Top));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::charts::{chart, tests::data_with};
    use crate::derive::figures::AsOf;

    fn shapes(rows: &[(&str, f64, Option<f64>)], id: &str) -> Vec<Shape> {
        let data = data_with(rows);
        layout(&chart(&data, id, AsOf::period_end("2013-06".parse().unwrap())).unwrap().unwrap())
    }

    #[test]
    fn value_labels_fit_their_room() {
        assert_eq!(value_label(52.0, "亿元", 100.0).as_deref(), Some("52.00"));
        assert_eq!(value_label(52.0, "亿元", 18.0).as_deref(), Some("52"));
        assert_eq!(value_label(12.0, "个", 100.0).as_deref(), Some("12"));
        assert_eq!(value_label(30.04, "%", 100.0).as_deref(), Some("30.0"));
        assert_eq!(value_label(1234.5, "亿元", 5.0), None);
    }

    #[test]
    fn texts_never_overlap_each_other() {
        let rows = [
            ("2012-05", 40.0, Some(15.0)),
            ("2012-06", 50.0, Some(20.0)),
            ("2013-05", 52.0, Some(18.0)),
            ("2013-06", 60.0, Some(25.0)),
        ];
        let boxes: Vec<(f64, f64, f64, f64)> = shapes(&rows, "output-growth")
            .iter()
            .filter_map(|shape| match shape {
                Shape::Text(Label {
                    text: t,
                    at,
                    size,
                    across,
                    upright,
                    ..
                }) if *size < 13.0 => {
                    let width = text::width(t, *size);
                    let x0 = match across {
                        Across::Left => f64::from(at.0),
                        Across::Centre => f64::from(at.0) - width / 2.0,
                        Across::Right => f64::from(at.0) - width,
                    };
                    let y0 = match upright {
                        Upright::Top => f64::from(at.1),
                        Upright::Centre => f64::from(at.1) - size / 2.0,
                        Upright::Bottom => f64::from(at.1) - size,
                    };
                    Some((x0, y0, x0 + width, y0 + size))
                }
                _ => None,
            })
            .collect();
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                let apart = a.2 <= b.0 || b.2 <= a.0 || a.3 <= b.1 || b.3 <= a.1;
                assert!(apart, "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn every_shape_stays_inside_the_chart() {
        let rows = [("2012-06", 50.0, Some(20.0)), ("2013-06", 40.0, Some(-20.0))];
        for shape in shapes(&rows, "output-growth") {
            let points = match &shape {
                Shape::Rect { from, to, .. } => vec![*from, *to],
                Shape::Path { points, .. } => points.clone(),
                Shape::Dot { at, .. } | Shape::Ring { at, .. } | Shape::Text(Label { at, .. }) => vec![*at],
            };
            for (x, y) in points {
                assert!((0..=WIDTH as i32).contains(&x) && (0..=HEIGHT as i32).contains(&y), "{shape:?}");
            }
        }
    }
}
