//! The rules of the layout, checked on every chart of the example site
//! and on hard cases, on both canvases.

use super::marks::value_label;
use super::*;
use crate::derive::charts::{all_ids, chart, tests::data_with};
use crate::derive::figures::AsOf;
use crate::load::data::Data;

const CANVASES: [Canvas; 2] = [Canvas::Wide, Canvas::Narrow];

/// The data of the example site in this repository.
fn example() -> Data {
    let mut problems = Vec::new();
    let data = crate::load::data::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR")), Default::default(), &mut problems);
    assert!(problems.is_empty(), "{problems:?}");
    data
}

/// Every chart of `data` as of its latest period and as of a mid-year one,
/// laid out on both canvases: (what, shapes, drawn size).
fn every_layout(data: &Data) -> Vec<(String, Vec<Shape>, (i32, i32))> {
    let mut moments = vec![AsOf::latest(data)];
    if let Some(p) = data.output.records.periods.get(data.output.records.periods.len() / 2) {
        moments.push(AsOf::period_end(p.period));
    }
    let mut all = Vec::new();
    for as_of in moments {
        for id in all_ids(data) {
            let Some(Ok(spec)) = chart(data, &id, as_of) else { continue };
            for canvas in CANVASES {
                all.push((
                    format!("{id} as of {as_of:?} on {canvas:?}"),
                    layout(&spec, canvas),
                    size(&spec, canvas),
                ));
            }
        }
    }
    all
}

fn labels(shapes: &[Shape]) -> Vec<&Label> {
    shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Text(label) => Some(label),
            _ => None,
        })
        .collect()
}

/// Bars of the plot (legend swatches are 12 × 12 and left out).
fn bars(shapes: &[Shape]) -> Vec<[i32; 4]> {
    shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Rect { from, to, fill } if fill.3 >= 1.0 && !(to.0 - from.0 == 12 && to.1 - from.1 == 12) => {
                Some([from.0, from.1, to.0, to.1])
            }
            _ => None,
        })
        .collect()
}

fn overlap(a: [i32; 4], b: [i32; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

#[test]
fn value_labels_fit_their_room() {
    assert_eq!(value_label(52.0, "亿元", 100.0).as_deref(), Some("52.00"));
    assert_eq!(value_label(52.0, "亿元", 20.0).as_deref(), Some("52"));
    assert_eq!(value_label(12.0, "个", 100.0).as_deref(), Some("12"));
    assert_eq!(value_label(30.04, "%", 100.0).as_deref(), Some("30.0"));
    assert_eq!(value_label(1234.5, "亿元", 5.0), None);
}

#[test]
fn no_text_is_smaller_than_twelve_pixels() {
    for (what, shapes, _) in every_layout(&example()) {
        for label in labels(&shapes) {
            assert!(label.size >= 12.0, "{what}: `{}` at {} px", label.text, label.size);
        }
    }
}

#[test]
fn texts_never_overlap_each_other() {
    for (what, shapes, _) in every_layout(&example()) {
        let boxes: Vec<([i32; 4], &str)> = labels(&shapes).into_iter().map(|l| (l.bounds(), l.text.as_str())).collect();
        for (i, (a, a_text)) in boxes.iter().enumerate() {
            for (b, b_text) in &boxes[i + 1..] {
                assert!(!overlap(*a, *b), "{what}: `{a_text}` {a:?} overlaps `{b_text}` {b:?}");
            }
        }
    }
}

#[test]
fn points_and_values_never_sit_on_bars() {
    for (what, shapes, _) in every_layout(&example()) {
        let bars = bars(&shapes);
        for shape in &shapes {
            let (bounds, inside_ok) = match shape {
                Shape::Dot { at, radius, .. } => ([at.0 - radius, at.1 - radius, at.0 + radius, at.1 + radius], false),
                // White text is a value written inside its own segment.
                Shape::Text(label) if label.fill != WHITE => (label.bounds(), false),
                _ => continue,
            };
            let hit = bars.iter().find(|bar| overlap(bounds, **bar));
            assert!(inside_ok || hit.is_none(), "{what}: {shape:?} sits on the bar {hit:?}");
        }
    }
}

#[test]
fn every_shape_stays_inside_the_chart() {
    let rows = [("2012-06", 50.0, Some(20.0)), ("2013-06", 40.0, Some(-20.0))];
    let data = data_with(&rows);
    let mut all = every_layout(&example());
    all.extend(every_layout(&data));
    for (what, shapes, (w, h)) in all {
        for shape in shapes {
            let boxes = match &shape {
                Shape::Rect { from, to, .. } => vec![[from.0, from.1, to.0, to.1]],
                Shape::Path { points, .. } => points.iter().map(|p| [p.0, p.1, p.0, p.1]).collect(),
                Shape::Dot { at, .. } | Shape::Ring { at, .. } => vec![[at.0, at.1, at.0, at.1]],
                Shape::Text(label) => vec![label.bounds()],
            };
            for [x0, y0, x1, y1] in boxes {
                assert!(
                    x0 >= 0 && y0 >= 0 && x1 <= w && y1 <= h,
                    "{what}: {shape:?} leaves the {w}×{h} chart"
                );
            }
        }
    }
}

#[test]
fn periods_are_labelled_evenly_back_from_the_latest() {
    // Two years of months: too many labels for the narrow canvas.
    let rows: Vec<(String, f64, Option<f64>)> = (2012..=2013)
        .flat_map(|y| (2..=12).map(move |m| (format!("{y}-{m:02}"), f64::from(m) * 5.0, None)))
        .collect();
    let rows: Vec<(&str, f64, Option<f64>)> = rows.iter().map(|(p, v, f)| (p.as_str(), *v, *f)).collect();
    let data = data_with(&rows);
    let spec = chart(&data, "output-growth", AsOf::latest(&data)).unwrap().unwrap();
    let names: Vec<&str> = spec.categories.iter().map(|c| c.label.as_str()).collect();
    for canvas in CANVASES {
        let shapes = layout(&spec, canvas);
        // Category labels stand under the plot, in ink, hung from the top.
        let xs: Vec<i32> = labels(&shapes)
            .iter()
            .filter(|l| l.fill == INK && l.upright == Upright::Top && names.contains(&l.text.as_str()))
            .map(|l| l.at.0)
            .collect();
        assert!(xs.len() >= 3 && xs.len() < names.len(), "{canvas:?}: thinned, not gone: {xs:?}");
        let last_point = shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Dot { at, .. } => Some(at.0),
                _ => None,
            })
            .max();
        assert_eq!(xs.last().copied(), last_point, "{canvas:?}: the latest is labelled");
        let gaps: Vec<i32> = xs.windows(2).map(|w| w[1] - w[0]).collect();
        assert!(
            gaps.windows(2).all(|g| (g[0] - g[1]).abs() <= 1),
            "{canvas:?}: uneven labels at {xs:?}"
        );
    }
}

#[test]
fn a_long_title_wraps_on_the_narrow_canvas() {
    let data = example();
    let spec = chart(&data, "output-by-industry", AsOf::latest(&data)).unwrap().unwrap();
    let titles: Vec<String> = labels(&layout(&spec, Canvas::Narrow))
        .iter()
        .filter(|l| l.bold)
        .map(|l| l.text.clone())
        .collect();
    assert_eq!(titles.concat(), spec.title, "the whole title, in {} lines", titles.len());
}

#[test]
fn a_ranking_names_every_category_in_its_order() {
    let data = example();
    let spec = chart(&data, "units-close-rate", AsOf::latest(&data)).unwrap().unwrap();
    assert!(spec.horizontal && spec.categories.len() > 12, "{} units", spec.categories.len());
    for canvas in CANVASES {
        let shapes = layout(&spec, canvas);
        let names: Vec<&Label> = labels(&shapes)
            .into_iter()
            .filter(|l| l.fill == INK && l.across == Across::Right)
            .collect();
        let expected: Vec<&str> = spec.categories.iter().map(|c| c.label.as_str()).collect();
        let written: Vec<&str> = names.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(written, expected, "{canvas:?}: every unit, best first");
        assert!(
            names.windows(2).all(|w| w[1].at.1 > w[0].at.1),
            "{canvas:?}: one row each, downwards"
        );
        // Each row's bar is as long as its rate, from one left edge.
        let bars = bars(&shapes);
        assert_eq!(bars.len(), expected.len(), "{canvas:?}");
        assert!(bars.iter().all(|b| b[0] == bars[0][0]), "{canvas:?}: {bars:?}");
        let values = spec.bars[0].values.iter().flatten().copied().collect::<Vec<_>>();
        for (pair, bar) in values.windows(2).zip(bars.windows(2)) {
            if pair[0] > pair[1] + 1.0 {
                assert!(bar[0][2] > bar[1][2], "{canvas:?}: {pair:?} drawn as {bar:?}");
            }
        }
        // Every count of the second series is written at the right.
        for value in spec.lines[0].values.iter().flatten() {
            let text = format!("{value}");
            assert!(
                labels(&shapes).iter().any(|l| l.text == text && l.across == Across::Right),
                "{canvas:?}: count {text}"
            );
        }
        let (_, height) = size(&spec, canvas);
        assert!(
            height >= expected.len() as i32 * 24,
            "{canvas:?}: the chart grows with its rows ({height})"
        );
    }
}
