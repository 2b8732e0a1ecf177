//! The marks of the plot: bars (plain, grouped or stacked) with their
//! values, lines or points with theirs, and the category labels under the
//! plot — each label put only where it overlaps no other label, point or
//! bar.

use crate::derive::charts::Series;
use crate::derive::format::{chart_decimals, tidy};

use super::super::scale::Axis;
use super::super::text;
use super::{Across, Colour, Frame, GRID, INK, LABEL_SIZE, MUTED, Shape, Upright, VALUE_SIZE, WHITE, colour, label, shape_text};

/// What is already on the plot: boxes `[x0, y0, x1, y1]` of labels and
/// points, and of bars.
#[derive(Debug, Default)]
pub(super) struct Placed {
    taken: Vec<[i32; 4]>,
    bars: Vec<[i32; 4]>,
}

fn apart(a: &[i32; 4], b: &[i32; 4]) -> bool {
    a[2] <= b[0] || a[0] >= b[2] || a[3] <= b[1] || a[1] >= b[3]
}

impl Placed {
    /// Notes a box that later labels must keep clear of.
    pub(super) fn block(&mut self, bounds: [i32; 4]) {
        self.taken.push(bounds);
    }

    /// Takes `bounds` for a label unless it overlaps a label, a point or a
    /// bar.
    fn take(&mut self, bounds: [i32; 4]) -> bool {
        let free = self.taken.iter().chain(&self.bars).all(|b| apart(&bounds, b));
        if free {
            self.taken.push(bounds);
        }
        free
    }

    /// Takes `bounds` for a label inside the bar `bar`: it must lie within
    /// it and overlap no other label or point.
    fn take_inside(&mut self, bounds: [i32; 4], bar: [i32; 4]) -> bool {
        let within = bounds[0] >= bar[0] && bounds[2] <= bar[2] && bounds[1] >= bar[1] && bounds[3] <= bar[3];
        let free = within && self.taken.iter().all(|b| apart(&bounds, b));
        if free {
            self.taken.push(bounds);
        }
        free
    }
}

/// A value as printed on a bar or point, with as many of its usual
/// decimals as fit in `room` pixels (counts are whole numbers).
pub(super) fn value_label(value: f64, unit: &str, room: f64) -> Option<String> {
    // Counts are whole numbers; growth has one decimal; amounts two.
    let most = chart_decimals(value, unit);
    (0..=most)
        .rev()
        .map(|decimals| tidy(value, decimals))
        .find(|label| text::width(label, VALUE_SIZE) <= room)
}

/// The colour of category `i` of `series`: its own, where the series
/// colours each category, else the series'.
pub(super) fn fill_of(series: &Series, i: usize) -> Colour {
    series
        .point_colors
        .as_ref()
        .and_then(|c| c.get(i))
        .map_or_else(|| colour(&series.color), |c| colour(c))
}

/// A bar as placed: its box, value, colour and category.
struct Bar {
    bounds: [i32; 4],
    value: f64,
    fill: Colour,
}

/// The bars of the plot and their values.
pub(super) fn bars(frame: &Frame<'_>, axis: Axis, placed: &mut Placed, shapes: &mut Vec<Shape>) {
    let spec = frame.spec;
    let (top, bottom) = frame.bar_band;
    let groups = if spec.stacked { 1 } else { spec.bars.len().max(1) };
    let bar_width = ((frame.slot * 0.72) / groups as f64).clamp(2.0, 64.0);
    let mut all = Vec::new();
    let mut totals = Vec::new();
    for i in 0..spec.categories.len() {
        let (mut up, mut down) = (0.0, 0.0);
        for (k, series) in spec.bars.iter().enumerate() {
            let Some(value) = series.values.get(i).copied().flatten() else {
                continue;
            };
            let fill = fill_of(series, i);
            let (x0, base, tip) = if spec.stacked {
                let base = if value >= 0.0 { up } else { down };
                if value >= 0.0 {
                    up += value
                } else {
                    down += value
                }
                (f64::from(frame.centre(i)) - bar_width / 2.0, base, base + value)
            } else {
                let x0 = f64::from(frame.centre(i)) - bar_width * groups as f64 / 2.0 + bar_width * k as f64;
                (x0, 0.0, value)
            };
            let (y_base, y_tip) = (axis.y(base, top, bottom), axis.y(tip, top, bottom));
            let x0i = x0.round() as i32;
            let x1i = ((x0 + bar_width).round() as i32 - i32::from(groups > 1)).max(x0i + 1);
            all.push(Bar {
                bounds: [x0i, y_base.min(y_tip), x1i, y_base.max(y_tip)],
                value,
                fill,
            });
        }
        if spec.stacked && spec.bars.len() > 1 && up > 0.0 {
            totals.push((i, up));
        }
    }
    for bar in &all {
        let [x0, y0, x1, y1] = bar.bounds;
        shapes.push(Shape::Rect {
            from: (x0, y0),
            to: (x1, y1),
            fill: bar.fill,
        });
        placed.bars.push(bar.bounds);
    }
    let label_height = VALUE_SIZE.ceil() as i32;
    for bar in &all {
        let [x0, y0, x1, y1] = bar.bounds;
        let width = f64::from(x1 - x0);
        let room = if groups > 1 { width + 2.0 } else { frame.slot - 4.0 };
        let Some(written) = value_label(bar.value, &spec.bar_unit, room) else {
            continue;
        };
        let label_width = text::width(&written, VALUE_SIZE).ceil() as i32;
        let x = (x0 + x1) / 2;
        let half = label_width / 2 + 1;
        if spec.stacked {
            // Inside its segment, when it fits.
            let y = (y0 + y1) / 2;
            let bounds = [x - half, y - label_height / 2, x + half, y + label_height / 2 + 1];
            if placed.take_inside(bounds, bar.bounds) {
                shapes.push(shape_text(written, (x, y), VALUE_SIZE, WHITE, Across::Centre, Upright::Centre));
            }
        } else if bar.value >= 0.0 {
            let bounds = [x - half, y0 - 3 - label_height, x + half, y0 - 2];
            if placed.take(bounds) {
                shapes.push(shape_text(written, (x, y0 - 3), VALUE_SIZE, INK, Across::Centre, Upright::Bottom));
            }
        } else {
            let bounds = [x - half, y1 + 2, x + half, y1 + 3 + label_height];
            if placed.take(bounds) {
                shapes.push(shape_text(written, (x, y1 + 3), VALUE_SIZE, INK, Across::Centre, Upright::Top));
            }
        }
    }
    // A stack carries its total on top.
    for (i, total) in totals {
        let y = axis.y(total, top, bottom);
        let Some(written) = value_label(total, &spec.bar_unit, frame.slot - 4.0) else {
            continue;
        };
        let half = (text::width(&written, VALUE_SIZE) / 2.0).ceil() as i32 + 1;
        let x = frame.centre(i);
        if placed.take([x - half, y - 3 - label_height, x + half, y - 2]) {
            shapes.push(shape_text(written, (x, y - 3), VALUE_SIZE, INK, Across::Centre, Upright::Bottom));
        }
    }
}

/// The lines (or, unconnected, the points) and their values.
pub(super) fn lines(frame: &Frame<'_>, points: &[Vec<Option<(i32, i32)>>], placed: &mut Placed, shapes: &mut Vec<Shape>) {
    let spec = frame.spec;
    let labelled = spec.lines.len() == 1;
    let label_height = VALUE_SIZE.ceil() as i32;
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
            let Some(written) = value_label(*v, &spec.line_unit, frame.slot - 2.0) else {
                continue;
            };
            let half = (text::width(&written, VALUE_SIZE) / 2.0).ceil() as i32 + 1;
            let above = [x - half, y - 6 - label_height, x + half, y - 5];
            let below = [x - half, y + 5, x + half, y + 6 + label_height];
            let spot = if placed.take(above) {
                Some((above, Upright::Bottom, y - 6))
            } else if placed.take(below) {
                Some((below, Upright::Top, y + 6))
            } else {
                None
            };
            if let Some((bounds, upright, text_y)) = spot {
                shapes.push(Shape::Rect {
                    from: (bounds[0], bounds[1]),
                    to: (bounds[2], bounds[3]),
                    fill: Colour(255, 255, 255, 0.85),
                });
                shapes.push(shape_text(written, (*x, text_y), VALUE_SIZE, c, Across::Centre, upright));
            }
        }
    }
}

/// The category labels under the plot, thinned evenly back from the last
/// (so charts that end at the same period label the same periods), and
/// the groups (years) under them.
pub(super) fn categories(frame: &Frame<'_>, placed: &mut Placed, shapes: &mut Vec<Shape>) {
    let Frame { spec, bottom, slot, .. } = *frame;
    let widest = spec
        .categories
        .iter()
        .map(|c| text::width(&c.label, LABEL_SIZE))
        .fold(0.0, f64::max);
    let every = ((widest + 6.0) / slot).ceil().max(1.0) as usize;
    let last = spec.categories.len().saturating_sub(1);
    for (i, category) in spec.categories.iter().enumerate() {
        if (last - i) % every == 0 {
            let name = text::fit(&category.label, LABEL_SIZE, slot * every as f64 - 4.0);
            let shown = label(name, (frame.centre(i), bottom + 6), LABEL_SIZE, INK, Across::Centre, Upright::Top);
            placed.block(shown.bounds());
            shapes.push(Shape::Text(shown));
        }
    }
    for (i, category) in spec.categories.iter().enumerate() {
        let Some(group) = &category.group else { continue };
        let x = (f64::from(frame.centre(i)) - slot / 2.0).round() as i32 + 2;
        let shown = label(group.clone(), (x, bottom + 24), LABEL_SIZE, MUTED, Across::Left, Upright::Top);
        if placed.take(shown.bounds()) {
            shapes.push(Shape::Path {
                points: vec![(x - 2, bottom + 2), (x - 2, bottom + 38)],
                stroke: GRID,
                width: 1,
            });
            shapes.push(Shape::Text(shown));
        }
    }
}
