//! Drawing a [`ChartSpec`] as SVG: its [`layout`] (pure arithmetic, its
//! own module) turned into SVG elements with plotters, then made
//! accessible (`role="img"`, `<title>`, `<desc>`) and scalable. Layout uses
//! a full-width-aware text model, never the fonts of the building machine.

pub(crate) mod layout;
mod scale;
pub(crate) mod text;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::derive::charts::ChartSpec;
use crate::render::publish::xml;
pub use layout::Canvas;
use layout::{Across, Colour, Label, Shape, Upright};

/// CJK-capable fonts named in the SVG; the viewer's machine picks one.
pub(crate) const FONT_STACK: &str =
    "PingFang SC, Hiragino Sans GB, Microsoft YaHei, Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Micro Hei, sans-serif";

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

fn err<E: std::fmt::Display>(e: E) -> String {
    format!("cannot draw the chart: {e}")
}

fn rgb(colour: Colour) -> RGBColor {
    RGBColor(colour.0, colour.1, colour.2)
}

/// Draws one shape.
fn draw_shape(area: &Area<'_>, shape: Shape) -> Result<(), String> {
    match shape {
        Shape::Rect { from, to, fill } if fill.3 < 1.0 => area.draw(&Rectangle::new([from, to], rgb(fill).mix(fill.3).filled())),
        Shape::Rect { from, to, fill } => area.draw(&Rectangle::new([from, to], rgb(fill).filled())),
        Shape::Path { points, stroke, width } => area.draw(&PathElement::new(points, rgb(stroke).stroke_width(width))),
        Shape::Dot { at, radius, fill } => area.draw(&Circle::new(at, radius, rgb(fill).filled())),
        Shape::Ring { at, radius, stroke } => area.draw(&Circle::new(at, radius, rgb(stroke).stroke_width(1))),
        Shape::Text(label) => return draw_label(area, label),
    }
    .map_err(err)
}

/// Draws one line of text.
fn draw_label(area: &Area<'_>, label: Label) -> Result<(), String> {
    let h = match label.across {
        Across::Left => HPos::Left,
        Across::Centre => HPos::Center,
        Across::Right => HPos::Right,
    };
    let v = match label.upright {
        Upright::Top => VPos::Top,
        Upright::Centre => VPos::Center,
        Upright::Bottom => VPos::Bottom,
    };
    let weight = if label.bold { FontStyle::Bold } else { FontStyle::Normal };
    // plotters writes font-size as size / 1.24
    let style = FontDesc::new(FontFamily::Name(FONT_STACK), label.size * 1.24, weight)
        .color(&rgb(label.fill))
        .pos(Pos::new(h, v));
    area.draw(&Text::new(label.text, label.at, style)).map_err(err)
}

/// Draws `spec` on `canvas`; `dom_id` makes the ids of `<title>` and
/// `<desc>` unique on a page.
pub fn draw(spec: &ChartSpec, dom_id: &str, canvas: Canvas) -> Result<String, String> {
    let mut svg = String::new();
    let (width, height) = layout::size(spec, canvas);
    {
        let size = (width.unsigned_abs(), height.unsigned_abs());
        let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        area.fill(&WHITE).map_err(err)?;
        for shape in layout::layout(spec, canvas) {
            draw_shape(&area, shape)?;
        }
        area.present().map_err(err)?;
    }
    // Labels are escaped by plotters, which keeps what XML cannot hold.
    Ok(accessible(&crate::chars::scrub(&svg), spec, dom_id, (width, height)))
}

/// Adds `role="img"`, `<title>` and `<desc>` and makes the SVG (drawn
/// `width` × `height`) scale.
fn accessible(svg: &str, spec: &ChartSpec, dom_id: &str, (width, height): (i32, i32)) -> String {
    let body_start = svg.find('>').map_or(0, |i| i + 1);
    // The font stack is inherited from the root instead of repeated.
    let body = svg[body_start..]
        .replace(&format!(" font-family=\"{FONT_STACK}\""), "")
        .replace(" opacity=\"1\"", "");
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"{dom_id}-title {dom_id}-desc\" class=\"chart-svg\" font-family=\"{FONT_STACK}\">\n<title id=\"{dom_id}-title\">{}</title>\n<desc id=\"{dom_id}-desc\">{}</desc>{}",
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
        draw(&spec, "chart-test", Canvas::Wide).unwrap()
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
