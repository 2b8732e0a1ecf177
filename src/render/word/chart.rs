//! Charts in the Word edition as native Word charts (DrawingML chart parts,
//! `word/charts/chartN.xml`): bars, a growth line on a second axis, stacked
//! bars, with their title, legend and units, the numbers held in the
//! chart's own cache. Word, WPS and LibreOffice draw them with the fonts of
//! the machine that opens the file, so the picture depends on no font where
//! the site is built and its Chinese labels stay text. docx-rs writes no
//! charts, so a chart goes in after packing: its paragraph, written as a
//! marker, becomes the drawing, and the part, its relationship and its
//! content type are added to the package.

use std::io::{Cursor, Read, Write};

use crate::derive::charts::{ChartSpec, Series};
use crate::derive::format::{chart_decimals, tidy};

/// The text of the paragraph that a chart takes the place of.
pub(crate) fn marker(index: usize) -> String {
    format!("\u{27e6}chart:{index}\u{27e7}")
}

fn escape(text: &str) -> String {
    crate::chars::scrub(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The category labels: a month with its year where the year starts.
fn labels(spec: &ChartSpec) -> Vec<String> {
    spec.categories
        .iter()
        .map(|c| match &c.group {
            Some(group) => format!("{group}{}", c.label),
            None => c.label.clone(),
        })
        .collect()
}

fn rich(text: &str, size: u32, bold: bool) -> String {
    format!(
        "<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"{size}\" b=\"{b}\"/></a:pPr><a:r><a:rPr lang=\"zh-CN\" sz=\"{size}\" b=\"{b}\"><a:latin typeface=\"Times New Roman\"/><a:ea typeface=\"黑体\"/></a:rPr><a:t>{}</a:t></a:r></a:p></c:rich></c:tx>",
        escape(text),
        b = u8::from(bold)
    )
}

/// The decimals of a series in `unit`, as the site writes its values: one
/// for a rate, two for money, none for counts.
fn decimals(series: &Series, unit: &str) -> usize {
    series
        .values
        .iter()
        .flatten()
        .filter(|v| v.is_finite())
        .map(|v| chart_decimals(*v, unit))
        .max()
        .unwrap_or(0)
}

/// The number format of `decimals` decimals (`0.0`).
fn number_format(decimals: usize) -> String {
    match decimals {
        0 => "0".to_string(),
        n => format!("0.{}", "0".repeat(n)),
    }
}

/// One series in `unit`: name, colour, categories and values, from cells
/// of a sheet the chart does not carry (the cache is what is drawn). Its
/// values are cached and labelled as the site writes them (`46.3`, not
/// `46.3414634146341`).
fn series(index: usize, series: &Series, labels: &[String], line: bool, unit: &str) -> String {
    let column = (b'B' + (index % 24) as u8) as char;
    let count = labels.len();
    let decimals = decimals(series, unit);
    let format = number_format(decimals);
    let mut xml = format!(
        "<c:ser><c:idx val=\"{index}\"/><c:order val=\"{index}\"/><c:tx><c:strRef><c:f>Sheet1!${column}$1</c:f><c:strCache><c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>{}</c:v></c:pt></c:strCache></c:strRef></c:tx>",
        escape(&series.name)
    );
    let color = series.color.trim_start_matches('#');
    if line {
        xml.push_str(&format!(
            "<c:spPr><a:ln w=\"28575\"><a:solidFill><a:srgbClr val=\"{color}\"/></a:solidFill></a:ln></c:spPr><c:marker><c:symbol val=\"circle\"/><c:size val=\"5\"/><c:spPr><a:solidFill><a:srgbClr val=\"{color}\"/></a:solidFill></c:spPr></c:marker>"
        ));
    } else {
        xml.push_str(&format!(
            "<c:spPr><a:solidFill><a:srgbClr val=\"{color}\"/></a:solidFill></c:spPr><c:invertIfNegative val=\"0\"/>"
        ));
    }
    xml.push_str(&format!(
        "<c:dLbls><c:numFmt formatCode=\"{format}\" sourceLinked=\"0\"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr><c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"800\"/></a:pPr><a:endParaRPr lang=\"zh-CN\"/></a:p></c:txPr><c:showLegendKey val=\"0\"/><c:showVal val=\"{}\"/><c:showCatName val=\"0\"/><c:showSerName val=\"0\"/><c:showPercent val=\"0\"/><c:showBubbleSize val=\"0\"/></c:dLbls>",
        u8::from(count <= 12)
    ));
    xml.push_str(&format!(
        "<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${}</c:f><c:strCache><c:ptCount val=\"{count}\"/>",
        count + 1
    ));
    for (i, label) in labels.iter().enumerate() {
        xml.push_str(&format!("<c:pt idx=\"{i}\"><c:v>{}</c:v></c:pt>", escape(label)));
    }
    xml.push_str(&format!(
        "</c:strCache></c:strRef></c:cat><c:val><c:numRef><c:f>Sheet1!${column}$2:${column}${}</c:f><c:numCache><c:formatCode>{format}</c:formatCode><c:ptCount val=\"{count}\"/>",
        count + 1
    ));
    for (i, value) in series.values.iter().enumerate() {
        if let Some(value) = value.filter(|v| v.is_finite()) {
            xml.push_str(&format!("<c:pt idx=\"{i}\"><c:v>{}</c:v></c:pt>", tidy(value, decimals)));
        }
    }
    xml.push_str("</c:numCache></c:numRef></c:val>");
    if line {
        xml.push_str("<c:smooth val=\"0\"/>");
    }
    xml.push_str("</c:ser>");
    xml
}

/// A category axis and its value axis. A ranking (`horizontal`) has its
/// categories down the left, first at the top, and values along the foot.
fn axes(category: u32, value: u32, unit: &str, right: bool, hidden_categories: bool, horizontal: bool) -> String {
    let title = if unit.is_empty() {
        String::new()
    } else {
        format!("<c:title>{}<c:overlay val=\"0\"/></c:title>", rich(unit, 900, false))
    };
    format!(
        "<c:catAx><c:axId val=\"{category}\"/><c:scaling><c:orientation val=\"{}\"/></c:scaling><c:delete val=\"{}\"/><c:axPos val=\"{}\"/><c:numFmt formatCode=\"General\" sourceLinked=\"0\"/><c:majorTickMark val=\"out\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"{value}\"/><c:crosses val=\"autoZero\"/><c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/><c:noMultiLvlLbl val=\"0\"/></c:catAx>\
         <c:valAx><c:axId val=\"{value}\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"{}\"/>{}{title}<c:numFmt formatCode=\"General\" sourceLinked=\"0\"/><c:majorTickMark val=\"out\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"{category}\"/><c:crosses val=\"{}\"/><c:crossBetween val=\"between\"/></c:valAx>",
        if horizontal { "maxMin" } else { "minMax" },
        u8::from(hidden_categories),
        if horizontal { "l" } else { "b" },
        match (horizontal, right) {
            (true, _) => "b",
            (false, true) => "r",
            (false, false) => "l",
        },
        if right {
            ""
        } else {
            "<c:majorGridlines><c:spPr><a:ln w=\"6350\"><a:solidFill><a:srgbClr val=\"D9D9D9\"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>"
        },
        if right || horizontal { "max" } else { "autoZero" },
    )
}

/// The chart part of `spec`.
pub(crate) fn chart_xml(spec: &ChartSpec) -> String {
    let labels = labels(spec);
    let mut plot = String::from("<c:plotArea><c:layout/>");
    let has_bars = !spec.bars.is_empty();
    if has_bars {
        let grouping = if spec.stacked { "stacked" } else { "clustered" };
        plot.push_str(&format!(
            "<c:barChart><c:barDir val=\"{}\"/><c:grouping val=\"{grouping}\"/><c:varyColors val=\"0\"/>",
            if spec.horizontal { "bar" } else { "col" }
        ));
        for (i, s) in spec.bars.iter().enumerate() {
            plot.push_str(&series(i, s, &labels, false, &spec.bar_unit));
        }
        plot.push_str(&format!(
            "<c:gapWidth val=\"60\"/>{}<c:axId val=\"1\"/><c:axId val=\"2\"/></c:barChart>",
            if spec.stacked { "<c:overlap val=\"100\"/>" } else { "" }
        ));
    }
    // A ranking's counts are in its table: a line cannot run across
    // horizontal bars.
    let lines: &[Series] = if spec.horizontal && has_bars { &[] } else { &spec.lines };
    if !lines.is_empty() {
        let (category, value) = if has_bars { (3, 4) } else { (1, 2) };
        plot.push_str("<c:lineChart><c:grouping val=\"standard\"/><c:varyColors val=\"0\"/>");
        for (i, s) in lines.iter().enumerate() {
            plot.push_str(&series(spec.bars.len() + i, s, &labels, true, &spec.line_unit));
        }
        plot.push_str(&format!(
            "<c:marker val=\"1\"/><c:axId val=\"{category}\"/><c:axId val=\"{value}\"/></c:lineChart>"
        ));
    }
    if has_bars {
        plot.push_str(&axes(1, 2, &spec.bar_unit, false, false, spec.horizontal));
    }
    if !lines.is_empty() {
        if has_bars {
            plot.push_str(&axes(3, 4, &spec.line_unit, true, true, false));
        } else {
            plot.push_str(&axes(1, 2, &spec.line_unit, false, false, false));
        }
    }
    plot.push_str("</c:plotArea>");
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<c:chartSpace xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><c:lang val=\"zh-CN\"/><c:roundedCorners val=\"0\"/><c:chart><c:title>{}<c:overlay val=\"0\"/></c:title><c:autoTitleDeleted val=\"0\"/>{plot}<c:legend><c:legendPos val=\"t\"/><c:overlay val=\"0\"/></c:legend><c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr><c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"900\"><a:latin typeface=\"Times New Roman\"/><a:ea typeface=\"宋体\"/></a:defRPr></a:pPr><a:endParaRPr lang=\"zh-CN\"/></a:p></c:txPr></c:chartSpace>",
        rich(&spec.title, 1200, true)
    )
}

/// A chart part and the height of its drawing, in EMU.
pub(crate) struct Drawn {
    pub(crate) xml: String,
    pub(crate) height: u32,
}

/// `spec` as a chart part, 90 mm high; a ranking 30 mm and 6 mm a row
/// (so Word writes every name), within the type area's 225 mm.
pub(crate) fn drawn(spec: &ChartSpec) -> Drawn {
    const MM: u32 = 36_000;
    let height = if spec.horizontal {
        let rows = u32::try_from(spec.categories.len()).unwrap_or(u32::MAX).min(30);
        (30 + 6 * rows).clamp(90, 210) * MM
    } else {
        90 * MM
    };
    Drawn {
        xml: chart_xml(spec),
        height,
    }
}

/// The drawing that shows chart `index` (relationship `rIdChart{index}`),
/// the width of the type area and `height` EMU high.
fn drawing(index: usize, height: u32) -> String {
    let id = 1000 + index;
    format!(
        "<w:p><w:pPr><w:keepNext/><w:jc w:val=\"center\"/></w:pPr><w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"5616000\" cy=\"{height}\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:docPr id=\"{id}\" name=\"Chart {index}\"/><wp:cNvGraphicFramePr/><a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\"><c:chart xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" r:id=\"rIdChart{index}\"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    )
}

/// The package `docx` with `charts` (chart parts, by marker index) put in
/// place of their markers. A marker whose paragraph is not found leaves
/// the package as it is.
pub(crate) fn embed(docx: Vec<u8>, charts: &[Drawn]) -> Result<Vec<u8>, String> {
    if charts.is_empty() {
        return Ok(docx);
    }
    let fail = |e: zip::result::ZipError| format!("cannot add the charts to the Word file: {e}");
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).map_err(fail)?;
    let mut parts: Vec<(String, Vec<u8>)> = Vec::with_capacity(archive.len() + charts.len());
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(fail)?;
        let mut bytes = Vec::new();
        entry
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read the Word file: {e}"))?;
        parts.push((entry.name().to_string(), bytes));
    }
    for (name, bytes) in &mut parts {
        let text = String::from_utf8_lossy(bytes).into_owned();
        let changed = match name.as_str() {
            "word/document.xml" => {
                let mut text = text;
                for (index, chart) in charts.iter().enumerate() {
                    let mark = marker(index);
                    let Some(at) = text.find(&mark) else { continue };
                    let start = text[..at].rfind("<w:p ").or_else(|| text[..at].rfind("<w:p>"));
                    let end = text[at..].find("</w:p>").map(|e| at + e + "</w:p>".len());
                    if let (Some(start), Some(end)) = (start, end) {
                        text.replace_range(start..end, &drawing(index, chart.height));
                    }
                }
                text
            }
            "word/_rels/document.xml.rels" => {
                let relations: String = (0..charts.len())
                    .map(|i| format!("<Relationship Id=\"rIdChart{i}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart\" Target=\"charts/chart{i}.xml\" />"))
                    .collect();
                text.replace("</Relationships>", &format!("{relations}</Relationships>"))
            }
            "[Content_Types].xml" => {
                let types: String = (0..charts.len())
                    .map(|i| format!("<Override PartName=\"/word/charts/chart{i}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.drawingml.chart+xml\" />"))
                    .collect();
                text.replace("</Types>", &format!("{types}</Types>"))
            }
            _ => continue,
        };
        *bytes = changed.into_bytes();
    }
    for (i, chart) in charts.iter().enumerate() {
        parts.push((format!("word/charts/chart{i}.xml"), chart.xml.clone().into_bytes()));
    }
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        out.start_file(name, options).map_err(fail)?;
        out.write_all(&bytes).map_err(|e| format!("cannot write the Word file: {e}"))?;
    }
    Ok(out.finish().map_err(fail)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::charts::tests::data_with;
    use crate::derive::charts::{Category, chart};
    use crate::derive::figures::AsOf;

    fn parsed(xml: &str) -> roxmltree::Document<'_> {
        roxmltree::Document::parse(xml).expect("the chart part is well-formed XML")
    }

    fn values<'a>(doc: &'a roxmltree::Document<'a>, tag: &str) -> Vec<&'a str> {
        doc.descendants()
            .filter(|n| n.tag_name().name() == tag)
            .filter_map(|n| n.attribute("val"))
            .collect()
    }

    #[test]
    fn a_column_chart_keeps_its_growth_line() {
        let data = data_with(&[("2012-06", 50.0, Some(20.0)), ("2013-06", 60.0, Some(25.0))]);
        let spec = chart(&data, "output-growth", AsOf::latest(&data)).unwrap().unwrap();
        let xml = chart_xml(&spec);
        let doc = parsed(&xml);
        assert_eq!(values(&doc, "barDir"), ["col"]);
        assert!(doc.descendants().any(|n| n.tag_name().name() == "lineChart"));
    }

    /// The cached values and the labels' number format of each series.
    fn cached(doc: &roxmltree::Document<'_>) -> Vec<(String, String, Vec<String>)> {
        doc.descendants()
            .filter(|n| n.tag_name().name() == "ser")
            .map(|ser| {
                let find = |tag: &str| ser.descendants().find(|n| n.tag_name().name() == tag);
                let label_format = find("dLbls")
                    .and_then(|d| d.children().find(|n| n.tag_name().name() == "numFmt"))
                    .and_then(|n| n.attribute("formatCode"))
                    .unwrap_or_default()
                    .to_string();
                let cache = find("numCache").expect("a cache");
                let cache_format = cache
                    .children()
                    .find(|n| n.tag_name().name() == "formatCode")
                    .and_then(|n| n.text())
                    .unwrap_or_default()
                    .to_string();
                let values = cache
                    .descendants()
                    .filter(|n| n.tag_name().name() == "v")
                    .filter_map(|n| n.text())
                    .map(str::to_string)
                    .collect();
                assert_eq!(label_format, cache_format);
                (label_format, cache_format, values)
            })
            .collect()
    }

    #[test]
    fn labels_show_values_as_the_site_writes_them() {
        // 60.4 / 41.25 - 1 = 46.42…%; 41.25 and 60.4 are 亿元.
        let data = data_with(&[("2012-06", 41.25, None), ("2013-06", 60.4, None)]);
        let spec = chart(&data, "output-growth", AsOf::latest(&data)).unwrap().unwrap();
        let xml = chart_xml(&spec);
        let series = cached(&parsed(&xml));
        assert_eq!(series[0].0, "0.00", "amounts with two decimals");
        assert_eq!(series[0].2, ["41.25", "60.40"]);
        assert_eq!(series[1].0, "0.0", "growth with one decimal");
        assert_eq!(series[1].2, ["46.4"]);
        assert!(!xml.contains("46.42"), "{xml}");
        // Counts stay whole.
        let counts = ChartSpec {
            bars: vec![Series {
                name: "项目（个）".into(),
                color: "#15803d".into(),
                point_colors: None,
                values: vec![Some(13.0), Some(4.0)],
            }],
            bar_unit: "个".into(),
            categories: ["在建", "投产"]
                .map(|label| Category {
                    label: label.into(),
                    group: None,
                })
                .to_vec(),
            ..ChartSpec::default()
        };
        let series = cached(&parsed(&chart_xml(&counts)));
        assert_eq!(
            (series[0].0.as_str(), series[0].2.clone()),
            ("0", vec!["13".to_string(), "4".to_string()])
        );
    }

    #[test]
    fn a_ranking_is_horizontal_bars_first_at_the_top() {
        let spec = ChartSpec {
            id: "rank".into(),
            title: "各单位问题销号率".into(),
            categories: ["县商务局", "县工信局"]
                .map(|label| Category {
                    label: label.into(),
                    group: None,
                })
                .to_vec(),
            bars: vec![Series {
                name: "销号率（%）".into(),
                color: "#15803d".into(),
                point_colors: None,
                values: vec![Some(100.0), Some(92.3)],
            }],
            lines: vec![Series {
                name: "承办问题（个）".into(),
                color: "#1f4e99".into(),
                point_colors: None,
                values: vec![Some(8.0), Some(13.0)],
            }],
            horizontal: true,
            bar_unit: "%".into(),
            line_unit: "个".into(),
            ..ChartSpec::default()
        };
        let xml = chart_xml(&spec);
        let doc = parsed(&xml);
        assert_eq!(values(&doc, "barDir"), ["bar"]);
        assert!(
            !doc.descendants().any(|n| n.tag_name().name() == "lineChart"),
            "no line across bars"
        );
        let cat_axis = doc.descendants().find(|n| n.tag_name().name() == "catAx").unwrap();
        let orientation: Vec<&str> = cat_axis
            .descendants()
            .filter(|n| n.tag_name().name() == "orientation")
            .filter_map(|n| n.attribute("val"))
            .collect();
        assert_eq!(orientation, ["maxMin"]);
        assert!(xml.contains("县商务局") && xml.contains("92.3"));
    }
}
