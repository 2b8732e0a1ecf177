//! Drawing a [`ChartSpec`] as SVG with plotters: title, legend, value axes
//! (a second one for lines beside bars), bars with value labels, lines with
//! points, category labels the Chinese way. Layout is computed here with a
//! full-width-aware text model, never from fonts of the building machine.

mod scale;
pub mod text;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::derive::charts::{ChartSpec, Series};
use crate::derive::format::tidy;
use crate::render::publish::xml;
use scale::Axis;

pub const WIDTH: u32 = 720;
pub const HEIGHT: u32 = 380;
/// CJK-capable fonts named in the SVG; the viewer's machine picks one.
pub const FONT_STACK: &str =
    "PingFang SC, Hiragino Sans GB, Microsoft YaHei, Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Micro Hei, sans-serif";

const TITLE_SIZE: f64 = 16.0;
const LABEL_SIZE: f64 = 12.0;
const VALUE_SIZE: f64 = 10.5;
const INK: RGBColor = RGBColor(0x33, 0x3a, 0x44);
const MUTED: RGBColor = RGBColor(0x6b, 0x72, 0x80);
const GRID: RGBColor = RGBColor(0xe3, 0xe6, 0xea);

fn color(hex: &str) -> RGBColor {
    let hex = hex.trim_start_matches('#');
    let full: String = if hex.len() == 3 {
        hex.chars().flat_map(|c| [c, c]).collect()
    } else {
        hex.to_string()
    };
    let channel = |i: usize| full.get(i..i + 2).and_then(|s| u8::from_str_radix(s, 16).ok()).unwrap_or(0x80);
    RGBColor(channel(0), channel(2), channel(4))
}

fn styled(size: f64, fill: RGBColor, h: HPos, v: VPos, style: FontStyle) -> TextStyle<'static> {
    // plotters writes font-size as size / 1.24
    FontDesc::new(FontFamily::Name(FONT_STACK), size * 1.24, style)
        .color(&fill)
        .pos(Pos::new(h, v))
}

fn font(size: f64, fill: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    styled(size, fill, h, v, FontStyle::Normal)
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

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

fn err<E: std::fmt::Display>(e: E) -> String {
    format!("cannot draw the chart: {e}")
}

/// Legend entries laid out in rows; returns the y below the legend.
fn legend(area: &Area<'_>, entries: &[(&Series, bool)], top: i32) -> Result<i32, String> {
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
            let c = color(&series.color);
            if is_line {
                area.draw(&PathElement::new(vec![(x, y), (x + 12, y)], c.stroke_width(2)))
                    .map_err(err)?;
                area.draw(&Circle::new((x + 6, y), 3, c.filled())).map_err(err)?;
            } else {
                area.draw(&Rectangle::new([(x, y - 6), (x + 12, y + 6)], c.filled())).map_err(err)?;
            }
            let label = text::fit(&series.name, LABEL_SIZE, max_row);
            area.draw(&Text::new(label, (x + 18, y), font(LABEL_SIZE, INK, HPos::Left, VPos::Center)))
                .map_err(err)?;
            x += (widths[i] + 16.0).round() as i32;
        }
        y += 20;
    }
    Ok(y)
}

/// Draws `spec`; `dom_id` makes the ids of `<title>` and `<desc>` unique on
/// a page.
pub fn draw(spec: &ChartSpec, dom_id: &str) -> Result<String, String> {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        area.fill(&WHITE).map_err(err)?;
        plot(&area, spec)?;
        area.present().map_err(err)?;
    }
    Ok(accessible(&svg, spec, dom_id))
}

fn plot(area: &Area<'_>, spec: &ChartSpec) -> Result<(), String> {
    let w = WIDTH as i32;
    let h = HEIGHT as i32;
    // Title, shrunk then shortened to fit.
    let mut title_size = TITLE_SIZE;
    while title_size > 12.0 && text::width(&spec.title, title_size) > f64::from(w - 20) {
        title_size -= 1.0;
    }
    let title = text::fit(&spec.title, title_size, f64::from(w - 20));
    area.draw(&Text::new(
        title,
        (w / 2, 20),
        styled(title_size, INK, HPos::Center, VPos::Center, FontStyle::Bold),
    ))
    .map_err(err)?;
    let mut entries: Vec<(&Series, bool)> = spec.bars.iter().map(|s| (s, false)).collect();
    entries.extend(spec.lines.iter().map(|s| (s, true)));
    let show_legend = entries.len() > 1 || spec.bars.iter().any(|s| s.point_colors.is_none());
    let below_legend = if show_legend { legend(area, &entries, 44)? } else { 40 };

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

    // Axis unit titles above the axes.
    if let Some(axis) = left_axis {
        area.draw(&Text::new(
            left_unit.clone(),
            (left - 6, top - 12),
            font(LABEL_SIZE, MUTED, HPos::Right, VPos::Center),
        ))
        .map_err(err)?;
        for tick in axis.ticks() {
            let y = axis.y(tick, top, bottom);
            let line_color = if tick.abs() < 1e-9 { MUTED } else { GRID };
            area.draw(&PathElement::new(vec![(left, y), (right, y)], line_color.stroke_width(1)))
                .map_err(err)?;
            area.draw(&Text::new(
                axis.label(tick),
                (left - 6, y),
                font(LABEL_SIZE, MUTED, HPos::Right, VPos::Center),
            ))
            .map_err(err)?;
        }
    }
    if let Some(axis) = right_axis {
        area.draw(&Text::new(
            spec.line_unit.clone(),
            (right + 6, top - 12),
            font(LABEL_SIZE, MUTED, HPos::Left, VPos::Center),
        ))
        .map_err(err)?;
        for tick in axis.ticks() {
            let y = axis.y(tick, top, bottom);
            area.draw(&Text::new(
                axis.label(tick),
                (right + 6, y),
                font(LABEL_SIZE, MUTED, HPos::Left, VPos::Center),
            ))
            .map_err(err)?;
        }
    }

    let slot = f64::from(right - left) / n as f64;
    let centre = |i: usize| (f64::from(left) + slot * (i as f64 + 0.5)).round() as i32;
    // Line points are known first, so that no label is put over them.
    let points: Vec<Vec<Option<(i32, i32)>>> = match line_axis {
        Some(axis) => spec
            .lines
            .iter()
            .map(|s| {
                s.values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| v.map(|v| (centre(i), axis.y(v, top, bottom))))
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
        bars(area, spec, axis, slot, &centre, (top, bottom), &mut placed)?;
    }
    lines(area, spec, &points, slot, &mut placed)?;
    categories(area, spec, slot, &centre, bottom)
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

#[allow(clippy::too_many_arguments)]
fn bars(
    area: &Area<'_>,
    spec: &ChartSpec,
    axis: Axis,
    slot: f64,
    centre: &dyn Fn(usize) -> i32,
    (top, bottom): (i32, i32),
    placed: &mut Placed,
) -> Result<(), String> {
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
                .map_or_else(|| color(&series.color), |c| color(c));
            let (x0, base, tip) = if spec.stacked {
                let base = if value >= 0.0 { up } else { down };
                if value >= 0.0 {
                    up += value
                } else {
                    down += value
                }
                let x0 = f64::from(centre(i)) - bar_width / 2.0;
                (x0, base, base + value)
            } else {
                let x0 = f64::from(centre(i)) - bar_width * groups as f64 / 2.0 + bar_width * k as f64;
                (x0, 0.0, value)
            };
            let (y_base, y_tip) = (axis.y(base, top, bottom), axis.y(tip, top, bottom));
            let x0i = x0.round() as i32;
            let x1i = (x0 + bar_width).round() as i32 - if groups > 1 { 1 } else { 0 };
            area.draw(&Rectangle::new(
                [(x0i, y_base.min(y_tip)), (x1i.max(x0i + 1), y_base.max(y_tip))],
                fill.filled(),
            ))
            .map_err(err)?;
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
                    area.draw(&Text::new(label, (x, y), font(VALUE_SIZE, WHITE, HPos::Center, VPos::Center)))
                        .map_err(err)?;
                }
            } else if spec.stacked {
                continue;
            } else if value >= 0.0 {
                if placed.take(x, label_width, y_tip - 4 - label_height, y_tip - 3) {
                    area.draw(&Text::new(label, (x, y_tip - 4), font(VALUE_SIZE, INK, HPos::Center, VPos::Bottom)))
                        .map_err(err)?;
                }
            } else if placed.take(x, label_width, y_tip + 3, y_tip + 4 + label_height) {
                area.draw(&Text::new(label, (x, y_tip + 4), font(VALUE_SIZE, INK, HPos::Center, VPos::Top)))
                    .map_err(err)?;
            }
        }
        // A stack carries its total on top.
        if spec.stacked && spec.bars.len() > 1 && up > 0.0 {
            let y = axis.y(up, top, bottom);
            if let Some(label) = value_label(up, &spec.bar_unit, slot - 4.0) {
                let width = text::width(&label, VALUE_SIZE);
                let label_height = VALUE_SIZE.ceil() as i32 + 2;
                if placed.take(centre(i), width, y - 4 - label_height, y - 3) {
                    area.draw(&Text::new(
                        label,
                        (centre(i), y - 4),
                        font(VALUE_SIZE, INK, HPos::Center, VPos::Bottom),
                    ))
                    .map_err(err)?;
                }
            }
        }
    }
    Ok(())
}

fn lines(area: &Area<'_>, spec: &ChartSpec, points: &[Vec<Option<(i32, i32)>>], slot: f64, placed: &mut Placed) -> Result<(), String> {
    let labelled = spec.lines.len() == 1;
    let label_height = VALUE_SIZE.ceil() as i32 + 2;
    for (series, points) in spec.lines.iter().zip(points) {
        let c = color(&series.color);
        // Gaps (missing values) split the line.
        for run in points.split(Option::is_none) {
            let run: Vec<(i32, i32)> = run.iter().flatten().copied().collect();
            if run.len() > 1 && spec.connect {
                area.draw(&PathElement::new(run.clone(), c.stroke_width(2))).map_err(err)?;
            }
            for point in &run {
                area.draw(&Circle::new(*point, 3, c.filled())).map_err(err)?;
                area.draw(&Circle::new(*point, 3, WHITE.stroke_width(1))).map_err(err)?;
            }
        }
        if !labelled {
            continue;
        }
        for (value, point) in series.values.iter().zip(points) {
            let (Some(v), Some((x, y))) = (value, point) else { continue };
            let Some(label) = value_label(*v, &spec.line_unit, slot - 2.0) else {
                continue;
            };
            let width = text::width(&label, VALUE_SIZE);
            let above = (y - 7 - label_height, y - 6);
            let below = (y + 6, y + 7 + label_height);
            let spot = if placed.take(*x, width, above.0, above.1) {
                Some((above, VPos::Bottom, y - 7))
            } else if placed.take(*x, width, below.0, below.1) {
                Some((below, VPos::Top, y + 7))
            } else {
                None
            };
            if let Some(((y0, y1), v_pos, text_y)) = spot {
                let half = (width / 2.0).ceil() as i32 + 1;
                area.draw(&Rectangle::new([(x - half, y0), (x + half, y1)], WHITE.mix(0.85).filled()))
                    .map_err(err)?;
                area.draw(&Text::new(label, (*x, text_y), font(VALUE_SIZE, c, HPos::Center, v_pos)))
                    .map_err(err)?;
            }
        }
    }
    Ok(())
}

fn categories(area: &Area<'_>, spec: &ChartSpec, slot: f64, centre: &dyn Fn(usize) -> i32, bottom: i32) -> Result<(), String> {
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
            area.draw(&Text::new(
                label,
                (centre(i), bottom + 6),
                font(LABEL_SIZE, INK, HPos::Center, VPos::Top),
            ))
            .map_err(err)?;
        }
        if let Some(group) = &category.group {
            let x = (f64::from(centre(i)) - slot / 2.0).round() as i32 + 2;
            area.draw(&PathElement::new(
                vec![(x - 2, bottom + 2), (x - 2, bottom + 36)],
                GRID.stroke_width(1),
            ))
            .map_err(err)?;
            area.draw(&Text::new(
                group.clone(),
                (x, bottom + 24),
                font(LABEL_SIZE, MUTED, HPos::Left, VPos::Top),
            ))
            .map_err(err)?;
        }
    }
    Ok(())
}

/// Adds `role="img"`, `<title>` and `<desc>` and makes the SVG scale.
fn accessible(svg: &str, spec: &ChartSpec, dom_id: &str) -> String {
    let body_start = svg.find('>').map_or(0, |i| i + 1);
    // The font stack is inherited from the root instead of repeated.
    let body = svg[body_start..]
        .replace(&format!(" font-family=\"{FONT_STACK}\""), "")
        .replace(" opacity=\"1\"", "");
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"{WIDTH}\" height=\"{HEIGHT}\" role=\"img\" aria-labelledby=\"{dom_id}-title {dom_id}-desc\" class=\"chart-svg\" font-family=\"{FONT_STACK}\">\n<title id=\"{dom_id}-title\">{}</title>\n<desc id=\"{dom_id}-desc\">{}</desc>{}",
        xml(&spec.title),
        xml(&spec.summary),
        body
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::charts::{chart, tests::data_with};
    use crate::derive::figures::AsOf;

    fn at(period: &str) -> AsOf {
        AsOf::period_end(period.parse().unwrap())
    }

    fn texts(svg: &str) -> Vec<String> {
        let document = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
        document
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .map(|t| t.trim().to_string())
            .collect()
    }

    /// Output of May and June in two years (value, stated growth).
    const TWO_YEARS: [(&str, f64, Option<f64>); 4] = [
        ("2012-05", 40.0, Some(15.0)),
        ("2012-06", 50.0, Some(20.0)),
        ("2013-05", 52.0, Some(18.0)),
        ("2013-06", 60.0, Some(25.0)),
    ];

    fn drawn(rows: &[(&str, f64, Option<f64>)], id: &str, period: &str) -> String {
        let data = data_with(rows);
        let spec = chart(&data, id, at(period)).unwrap().unwrap();
        draw(&spec, "chart-test").unwrap()
    }

    #[test]
    fn svg_is_accessible_xml_with_labels_and_values() {
        let svg = drawn(&TWO_YEARS, "output-growth", "2013-06");
        let document = roxmltree::Document::parse(&svg).unwrap();
        let root = document.root_element();
        assert_eq!(root.attribute("role"), Some("img"));
        assert_eq!(root.attribute("aria-labelledby"), Some("chart-test-title chart-test-desc"));
        assert!(root.attribute("font-family").unwrap().contains("Microsoft YaHei"));
        let title = root.children().find(|n| n.has_tag_name("title")).unwrap();
        assert_eq!(title.text(), Some("规模工业总产值及增速"));
        let texts = texts(&svg);
        for expected in [
            "规模工业总产值及增速",
            "亿元",
            "%",
            "1-5月",
            "1-6月",
            "2012年",
            "2013年",
            "60.00",
            "52.00",
            "20.0",
            "30.0",
        ] {
            assert!(texts.iter().any(|t| t == expected), "missing {expected} in {texts:?}");
        }
        assert!(svg.len() < 40_000);
    }

    #[test]
    fn negative_growth_gets_an_axis_below_zero() {
        let svg = drawn(&[("2012-06", 50.0, None), ("2013-06", 40.0, None)], "output-growth", "2013-06");
        let texts = texts(&svg);
        assert!(texts.iter().any(|t| t == "-20.0"), "{texts:?}");
        assert!(
            texts.iter().any(|t| t.starts_with('-') && t != "-20.0"),
            "a negative tick: {texts:?}"
        );
    }

    #[test]
    fn single_period_draws() {
        let svg = drawn(&[("2013-06", 40.0, None)], "output-growth", "2013-06");
        assert!(texts(&svg).iter().any(|t| t == "40.00"));
    }

    #[test]
    fn labels_that_do_not_fit_are_thinned_not_overlapped() {
        let rows: Vec<(String, f64)> = (2012..=2013)
            .flat_map(|y| (1..=12).map(move |m| (format!("{y}-{m:02}"), 10.0 * m as f64 + 1.234)))
            .collect();
        let rows: Vec<(&str, f64, Option<f64>)> = rows.iter().map(|(p, v)| (p.as_str(), *v, None)).collect();
        let svg = drawn(&rows, "output-growth", "2013-12");
        let labels: Vec<String> = texts(&svg).into_iter().filter(|t| t.ends_with('月')).collect();
        assert!(labels.len() < 24, "every label would overlap at 24 periods: {labels:?}");
        assert!(labels.contains(&"1-12月".to_string()));
    }

    #[test]
    fn drawing_is_deterministic() {
        let rows = [("2012-06", 50.0, Some(20.0)), ("2013-06", 60.0, Some(25.0))];
        assert_eq!(drawn(&rows, "output-growth", "2013-06"), drawn(&rows, "output-growth", "2013-06"));
    }

    #[test]
    fn snapshot_of_output_growth() {
        let svg = drawn(&TWO_YEARS, "output-growth", "2013-06");
        insta::assert_snapshot!("output_growth", svg);
    }

    #[test]
    fn snapshot_of_industry_chart_with_a_gap() {
        let svg = drawn(
            &[
                ("2012-06", 50.0, Some(20.0)),
                ("2013-05", 52.0, None),
                ("2013-06", 60.0, Some(25.0)),
            ],
            "industry-food",
            "2013-06",
        );
        insta::assert_snapshot!("industry_food_gap", svg);
    }
}
