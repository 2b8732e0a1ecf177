//! A ranking: the categories down the side, one row each, so every name
//! is written out however many there are; a bar across for the first bar
//! series with its value after it, and the first line series (a count
//! beside the rate) as a column of numbers at the right. The chart grows
//! in height with its rows; the width is the canvas's.

use crate::derive::charts::ChartSpec;

use super::super::scale::Axis;
use super::super::text;
use super::marks::{fill_of, value_label};
use super::{Across, Canvas, GRID, INK, LABEL_SIZE, MUTED, Shape, Upright, VALUE_SIZE, colour, label, shape_text, title};

/// Height of one row.
const ROW: i32 = 24;
/// Thickness of a bar.
const BAR: i32 = 14;

/// The rows start below the title and a row of column heads.
fn rows_top(below_title: i32) -> i32 {
    below_title + 4 + ROW
}

/// The drawn height of a ranking of `spec` on `canvas`.
pub(super) fn height(spec: &ChartSpec, canvas: Canvas) -> i32 {
    let below_title = title(spec, canvas, &mut Vec::new());
    let rows = spec.categories.len().clamp(1, 10_000) as i32;
    rows_top(below_title) + rows * ROW + 8 + LABEL_SIZE as i32 + 12
}

/// Everything of the ranking `spec` on `canvas`, in drawing order.
pub(super) fn layout(spec: &ChartSpec, canvas: Canvas) -> Vec<Shape> {
    let mut shapes = Vec::new();
    let below_title = title(spec, canvas, &mut shapes);
    let width = canvas.width();
    let bar = spec.bars.first();
    let count = spec.lines.first();

    // The names' column: as wide as the widest name, at most a third of
    // the chart (longer names are shortened with an ellipsis).
    let widest = spec
        .categories
        .iter()
        .map(|c| text::width(&c.label, LABEL_SIZE))
        .fold(0.0, f64::max);
    let names_width = widest.min(f64::from(width) * 0.34).ceil() as i32;
    let names_right = 10 + names_width;
    // The counts' column at the right.
    let count_values: Vec<String> = count
        .map(|s| {
            s.values
                .iter()
                .map(|v| v.and_then(|v| value_label(v, &spec.line_unit, f64::INFINITY)).unwrap_or_default())
                .collect()
        })
        .unwrap_or_default();
    let counts_width = count_values.iter().map(|t| text::width(t, VALUE_SIZE)).fold(0.0, f64::max).ceil() as i32;
    let counts_right = width - 10;
    let counts_left = counts_right - counts_width;
    // Bars run from the names to the counts, leaving room for the widest
    // value written after a bar.
    let values: &[Option<f64>] = bar.map_or(&[], |s| &s.values);
    let widest_value = values
        .iter()
        .flatten()
        .filter_map(|v| value_label(*v, &spec.bar_unit, f64::INFINITY))
        .map(|t| text::width(&t, VALUE_SIZE))
        .fold(0.0, f64::max)
        .ceil() as i32;
    let bars_left = names_right + 8;
    let bars_right = (counts_left - 12 - widest_value - 4).max(bars_left + 20);
    let covering = Axis::covering(values.iter().flatten().copied(), canvas.ticks());
    // The value labels stand after the bars, so no headroom is needed.
    let high = values.iter().flatten().copied().fold(0.0, f64::max);
    let axis = Axis {
        max: ((high / covering.step).ceil() * covering.step).max(covering.min + covering.step),
        ..covering
    };
    let x_of = |v: f64| axis.y(v, bars_right, bars_left);

    // Column heads: the bar series over the bars, the counts' name over
    // the counts, shortened to the room the first leaves it (or left out
    // where not even one character and `…` fit).
    let heads_y = below_title + 4 + ROW / 2;
    let mut heads_end = bars_left - 8;
    if let Some(series) = bar {
        let name = text::fit(&series.name, LABEL_SIZE, f64::from(counts_left - bars_left - 8));
        let head = label(name, (bars_left, heads_y), LABEL_SIZE, MUTED, Across::Left, Upright::Centre);
        heads_end = head.bounds()[2];
        shapes.push(Shape::Text(head));
    }
    if let Some(series) = count {
        let room = f64::from(counts_right - heads_end - 8);
        let name = text::fit(&series.name, LABEL_SIZE, room);
        if name.chars().count() > 1 && text::width(&name, LABEL_SIZE) <= room {
            shapes.push(shape_text(
                name,
                (counts_right, heads_y),
                LABEL_SIZE,
                colour(&series.color),
                Across::Right,
                Upright::Centre,
            ));
        }
    }

    let top = rows_top(below_title);
    let bottom = top + spec.categories.len().min(10_000) as i32 * ROW;
    // Grid lines and ticks at the foot.
    for tick in axis.ticks() {
        let x = x_of(tick);
        shapes.push(Shape::Path {
            points: vec![(x, top - 2), (x, bottom + 2)],
            stroke: if tick.abs() < 1e-9 { MUTED } else { GRID },
            width: 1,
        });
        shapes.push(shape_text(
            axis.label(tick),
            (x, bottom + 8),
            LABEL_SIZE,
            MUTED,
            Across::Centre,
            Upright::Top,
        ));
    }

    for (i, category) in spec.categories.iter().enumerate() {
        let row_top = top + i as i32 * ROW;
        let middle = row_top + ROW / 2;
        let name = text::fit(&category.label, LABEL_SIZE, f64::from(names_width));
        shapes.push(shape_text(
            name,
            (names_right, middle),
            LABEL_SIZE,
            INK,
            Across::Right,
            Upright::Centre,
        ));
        if let (Some(series), Some(value)) = (bar, values.get(i).copied().flatten()) {
            let fill = fill_of(series, i);
            let (from, to) = (x_of(axis.min.max(0.0)), x_of(value));
            let (x0, x1) = (from.min(to), from.max(to).max(from.min(to) + 1));
            shapes.push(Shape::Rect {
                from: (x0, middle - BAR / 2),
                to: (x1, middle + BAR / 2),
                fill,
            });
            if let Some(written) = value_label(value, &spec.bar_unit, f64::INFINITY) {
                shapes.push(shape_text(
                    written,
                    (x1 + 4, middle),
                    VALUE_SIZE,
                    INK,
                    Across::Left,
                    Upright::Centre,
                ));
            }
        }
        if let (Some(series), Some(written)) = (count, count_values.get(i).filter(|t| !t.is_empty())) {
            shapes.push(shape_text(
                written.clone(),
                (counts_right, middle),
                VALUE_SIZE,
                colour(&series.color),
                Across::Right,
                Upright::Centre,
            ));
        }
    }
    shapes
}
