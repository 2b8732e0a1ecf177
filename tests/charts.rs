//! Charts in the built site: standalone SVG files, inline figures with a
//! data table, charts as of a bulletin's period, user-defined charts and
//! their errors, and sites with no data.

mod common;

use common::*;

fn parse_svg(text: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("not XML: {e}"))
}

#[test]
fn every_chart_is_written_as_svg() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    for id in [
        "output-growth",
        "value-added-growth",
        "output-by-industry",
        "projects-by-status",
        "problems-resolution",
        "industry-food",
        "industry-machinery",
        "food-vs-machinery",
        "projects-stack",
    ] {
        let text = read(site.path(), &format!("output/charts/{id}.svg"));
        let document = parse_svg(&text);
        assert_eq!(document.root_element().attribute("role"), Some("img"), "{id}");
        assert!(text.len() < 40_000, "{id} is {} bytes", text.len());
    }
    let growth = read(site.path(), "output/charts/output-growth.svg");
    assert!(
        growth.contains("<desc id=\"chart-output-growth-desc\">2013年1-6月规模工业总产值60.00亿元，同比增长21.0%。</desc>"),
        "{growth}"
    );
}

#[test]
fn a_bulletin_chart_is_inline_with_its_table_as_of_its_period() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let html = read(site.path(), "output/briefings/2013-06-10-no2/index.html");
    let figure = html
        .find(r#"<figure class="chart" id="figure-output-growth" data-chart="output-growth">"#)
        .expect("figure");
    let svg = html[figure..].find(r#"role="img""#).expect("inline svg") + figure;
    let table = html[figure..].find("<details class=\"chart-data\">").expect("data table") + figure;
    assert!(svg < table);
    // as_of 2013-05: the chart stops at 1-5月 although the data has June.
    assert!(html.contains("2013年1-5月规模工业总产值52.00亿元，同比增长30.0%。"));
    assert!(!html[figure..].contains("2013年1-6月"));
}

#[test]
fn dashboard_and_industry_pages_show_their_charts() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let home = read(site.path(), "output/index.html");
    for id in [
        "output-growth",
        "value-added-growth",
        "output-by-industry",
        "projects-by-status",
        "problems-resolution",
    ] {
        assert!(home.contains(&format!("id=\"figure-{id}\"")), "{id} on the dashboard");
    }
    let industry = read(site.path(), "output/industries/food/index.html");
    assert!(industry.contains("id=\"figure-industry-food\""));
    assert!(industry.contains("食品加工规模工业总产值及增速"));
}

#[test]
fn a_site_without_data_fails_where_a_briefing_needs_it_and_builds_without_it() {
    let site = fixture("empty");
    // No output and no register: the chart and the close rate are not
    // nothing, they are unknown — errors at their shortcodes.
    let run = briefing(site.path(), &["build"]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error: `output-growth` needs the output figures, but there is no content/data/output.yaml (nor output.xlsx or output.csv)\n  --> content/briefings/2013-01-05-first.md:9:1"),
        "{err}"
    );
    assert!(
        err.contains("error: `problems.close_rate` needs the problem register, but there is no content/data/problems.yaml (nor problems.xlsx or problems.csv)\n  --> content/briefings/2013-01-05-first.md:11:4"),
        "{err}"
    );
    assert!(!site.path().join("output").exists());
    // Without the figures the site builds: the home page shows no zeros.
    let page = site.path().join("content/briefings/2013-01-05-first.md");
    std::fs::write(&page, "---\ntitle: 第一期\ndate: 2013-01-05\nissue: 1\n---\n\n正文。\n").expect("write");
    build_ok(site.path(), &[]);
    let home = read(site.path(), "output/index.html");
    assert!(!home.contains("card-value"), "no figures on the home page without data");
}

#[test]
fn a_chart_with_no_period_for_its_date_is_left_out_with_a_note() {
    let site = fixture("empty");
    // The files are kept, but output.yaml has nothing by the briefing's
    // date and no problem is registered yet.
    let data = site.path().join("content/data");
    std::fs::create_dir_all(&data).expect("data folder");
    std::fs::write(
        data.join("output.yaml"),
        "periods:\n  - period: \"2014-01\"\n    gross_output: {total: 1.0}\n",
    )
    .expect("output");
    std::fs::write(data.join("problems.yaml"), "[]\n").expect("register");
    // The note and its reason are in the language of the site.
    for (settings, note) in [
        (
            "title: 没有数据的站点\n",
            "图表 output-growth 暂无数据（output.yaml 中没有这一日期的数据期），未生成。",
        ),
        (
            "title: No data\nlanguage: en\n",
            "Chart output-growth has no data (output.yaml has no period for this date); it is not drawn.",
        ),
    ] {
        std::fs::write(site.path().join("site.yaml"), settings).expect("site.yaml");
        build_ok(site.path(), &[]);
        let html = read(site.path(), "output/briefings/2013-01-05-first/index.html");
        assert!(html.contains("class=\"chart-note\"") && html.contains(note), "{html}");
        assert!(html.contains(">—</span>"), "close rate with nothing raised");
    }
}

#[test]
fn unknown_chart_in_a_briefing() {
    fails_after_edit(
        "content/briefings/2013-06-10-no2.md",
        "output-growth",
        "output-grwth",
        "content/briefings/2013-06-10-no2.md:22:1",
        "unknown chart `output-grwth`",
    );
}

#[test]
fn chart_definition_errors() {
    const CHARTS: &str = "content/data/charts.yaml";
    fails_after_edit(
        CHARTS,
        "measure: gross_output",
        "measure: gross",
        "content/data/charts.yaml:4:12",
        "unknown measure `gross`",
    );
    fails_after_edit(
        CHARTS,
        "series: [food, machinery]",
        "series: [fod, machinery]",
        "content/data/charts.yaml:5:12",
        "unknown series `fod`",
    );
    fails_after_edit(
        CHARTS,
        "type: bar\n",
        "type: pie\n",
        "content/data/charts.yaml:3:",
        "unknown value `pie`",
    );
    fails_after_edit(
        CHARTS,
        "id: projects-stack",
        "id: output-growth",
        "content/data/charts.yaml:7:7",
        "`output-growth` is a built-in chart",
    );
    fails_after_edit(
        CHARTS,
        "from: \"2013-05\"",
        "from: \"2013-05\"\n  to: \"2012-06\"",
        "content/data/charts.yaml:6:9",
        "`from` 2013-05 is after `to` 2012-06",
    );
    fails_after_edit(
        CHARTS,
        "type: stacked\n  measure: projects",
        "type: line\n  measure: projects",
        "content/data/charts.yaml:9:9",
        "a `projects` chart is `bar` or `stacked`",
    );
}
