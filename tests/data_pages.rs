//! Pages generated from the data, figures in briefings, and bulletins that
//! keep their figures when the data moves on.

mod common;

use common::*;

fn metrics(html: &str) -> Vec<String> {
    html.split(r#"class="metric""#)
        .skip(1)
        .filter_map(|rest| rest.split('>').nth(1).and_then(|t| t.split('<').next()).map(str::to_string))
        .collect()
}

#[test]
fn briefing_figures_come_from_the_data_as_of_its_period() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let no3 = read(site.path(), "output/briefings/2013-07-15-no3/index.html");
    assert_eq!(
        metrics(&no3),
        [
            "60.00亿元",
            "21.0%",
            "回落9.0个百分点",
            "25.0%",
            "3",
            "5.00亿元",
            "1",
            "5",
            "3",
            "1",
            "1",
            "60.0%"
        ]
    );
    let no2 = read(site.path(), "output/briefings/2013-06-10-no2/index.html");
    assert_eq!(metrics(&no2), ["50.0%", "33.3%", "30.0%"]);
    // The issuing unit comes from units.yaml.
    assert!(no2.contains(r#"<span class="issuer">县商务局</span>"#));
}

#[test]
fn projects_shortcode_renders_a_table_at_the_date() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let no3 = read(site.path(), "output/briefings/2013-07-15-no3/index.html");
    assert!(no3.contains(r#"<table class="data-table projects-table card-table">"#));
    assert!(no3.contains(r#"<a href="/bangfu/projects/haoshi-park/">好食工贸食品园</a>"#));
    assert!(no3.contains(r#"<a href="/bangfu/projects/cold-chain/">冷链物流中心</a>"#));
    assert!(!no3.contains("天德机械整车项目"), "other industries are left out");
    assert!(no3.contains("共2个项目，计划总投资3.20亿元"));
}

#[test]
fn data_pages_exist_and_link_both_ways() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let industry = read(site.path(), "output/industries/food/index.html");
    assert!(industry.contains("食品加工"));
    assert!(industry.contains(r#"href="/bangfu/enterprises/haoshi/""#));
    assert!(industry.contains(r#"href="/bangfu/projects/haoshi-park/""#));
    let enterprise = read(site.path(), "output/enterprises/haoshi/index.html");
    assert!(enterprise.contains(r#"href="/bangfu/industries/food/""#));
    assert!(enterprise.contains("县商务局</a>（牵头）"));
    assert!(enterprise.contains(r#"href="/bangfu/units/water/""#));
    assert!(enterprise.contains("工业园企业汇款难"));
    let project = read(site.path(), "output/projects/haoshi-park/index.html");
    assert!(project.contains(r#"href="/bangfu/enterprises/haoshi/""#));
    assert!(project.contains("2013年5月20日"), "update history");
    assert!(project.contains("破土动工。"));
    let unit = read(site.path(), "output/units/commerce/index.html");
    assert!(unit.contains(r#"href="/bangfu/enterprises/haoshi/""#));
    assert!(unit.contains("生产用水管网未接通"));
    for page in ["industries", "enterprises", "units"] {
        assert!(site.path().join("output").join(page).join("index.html").is_file(), "{page} index");
    }
}

#[test]
fn project_board_groups_by_status() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let board = read(site.path(), "output/projects/index.html");
    let producing = board.find("board-column status-producing").expect("producing column");
    let planned = board.find("board-column status-planned").expect("planned column");
    let tiande = board.find("天德机械整车项目").expect("tiande listed");
    let cold = board.find("冷链物流中心").expect("cold chain listed");
    assert!(producing < tiande && tiande < planned && planned < cold);
}

#[test]
fn problem_register_puts_open_and_extended_first() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let html = read(site.path(), "output/problems/index.html");
    let open = html.find("工业园企业汇款难").expect("p4");
    let extended = html.find("变压器增容未获批复").expect("p2");
    let closed = html.find("缺少整车测试场地").expect("p1");
    assert!(open < extended && extended < closed);
    assert!(html.contains("<dd>60.0%</dd>"), "close rate of all problems");
    assert!(html.contains("<dd>50.0%</dd>"), "close rate of key problems");
}

#[test]
fn dashboard_shows_the_latest_figures() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let html = read(site.path(), "output/index.html");
    assert!(html.contains("60.00亿元"));
    assert!(html.contains("同比增长21.0%，增速较上期回落9.0个百分点"), "{html}");
    assert!(html.contains("2013年1-6月"));
}

#[test]
fn stated_growth_that_disagrees_is_a_warning() {
    let site = fixture("basic");
    let output = build_ok(site.path(), &[]);
    let err = stderr(&output);
    assert!(
        err.contains("warning: stated growth 21.0% of `gross_output.total` differs from the computed 20.0%"),
        "{err}"
    );
    assert!(err.contains("--> content/data/output.yaml:15:"), "{err}");
}

#[test]
fn a_bulletin_keeps_its_figures_when_later_data_arrives() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let before = read(site.path(), "output/briefings/2013-07-15-no3/index.html");
    let data = site.path().join("content/data");
    let mut output = std::fs::read_to_string(data.join("output.yaml")).expect("read");
    output.push_str("  - period: \"2013-07\"\n    gross_output: {total: 70, food: 29, machinery: 35}\n    value_added: {total: 17}\n");
    std::fs::write(data.join("output.yaml"), output).expect("write");
    let mut problems = std::fs::read_to_string(data.join("problems.yaml")).expect("read");
    problems.push_str("- id: p6\n  enterprise: tiande\n  raised: 2013-07-02\n  summary: 新问题。\n  units: [land]\n  status: closed\n  closed: 2013-07-20\n");
    std::fs::write(data.join("problems.yaml"), problems).expect("write");
    build_ok(site.path(), &[]);
    let after = read(site.path(), "output/briefings/2013-07-15-no3/index.html");
    assert_eq!(metrics(&before), metrics(&after));
    let home = read(site.path(), "output/index.html");
    assert!(home.contains("70.00亿元"), "the dashboard moves on");
}
