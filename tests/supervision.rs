//! Supervision data and figures: `visits.yaml` and `plans.yaml` checked at
//! their lines, and the figures of visits, plans, overdue problems and each
//! unit's scorecard in a briefing, as of its period.

mod common;

use std::fs;

use common::*;

const VISITS: &str = "\
- {date: 2013-04-02, enterprise: tiande, units: [industry-bureau, water, land], leader: true}
- {date: 2013-05-20, enterprise: tiande, units: [water]}
- {date: 2013-06-05, enterprise: haoshi, units: [commerce]}
- {date: 2013-07-10, enterprise: haoshi, units: [commerce, water, industry-bureau]}
";

const PLANS: &str = "\
- {unit: industry-bureau, enterprise: tiande, filed: 2013-03-10}
- {unit: water, enterprise: tiande, filed: 2013-03-12}
- {unit: commerce, enterprise: haoshi, filed: 2013-06-01}
- {unit: land, enterprise: tiande, filed: 2013-07-05}
";

#[test]
fn supervision_figures_are_frozen_by_the_briefings_period() {
    let site = fixture("basic");
    let data = site.path().join("content/data");
    fs::write(data.join("visits.yaml"), VISITS).expect("visits");
    fs::write(data.join("plans.yaml"), PLANS).expect("plans");
    let page = site.path().join("content/briefings/2013-07-15-no3.md");
    let text = fs::read_to_string(&page).expect("bulletin");
    fs::write(
        &page,
        format!(
            "{text}\n## 四、督查\n\n入企{{{{ metric(name=\"visits.count\") }}}}次，其中联合入企{{{{ metric(name=\"visits.joint\") }}}}次；\
             方案已报{{{{ metric(name=\"plans.filed\") }}}}份、未报{{{{ metric(name=\"plans.missing\") }}}}份；\
             超期问题{{{{ metric(name=\"problems.overdue\") }}}}个，其中红色{{{{ metric(name=\"problems.overdue.red\") }}}}个。\
             县水务局入企{{{{ metric(name=\"units.water.visits\") }}}}次，承办问题{{{{ metric(name=\"units.water.raised\") }}}}个，\
             未报方案{{{{ metric(name=\"units.water.plans_missing\") }}}}份。县国土资源局销号率{{{{ metric(name=\"units.land.close_rate\") }}}}。\n"
        ),
    )
    .expect("write");
    let output = build_ok(site.path(), &[]);
    assert!(
        !stderr(&output).contains("visits.yaml") && !stderr(&output).contains("plans.yaml"),
        "{}",
        stderr(&output)
    );
    let html = read(site.path(), "output/briefings/2013-07-15-no3/index.html");
    let text = text_of(&html);
    // As of 30 June: three visits (one joint: all three units of tiande);
    // plans expected for 6 (unit, enterprise) pairs, 3 filed by then; p2
    // (extended since 1 April, 90 days) is red, p4 (open since 10 June) is
    // not yet overdue.
    let expected = "入企3次，其中联合入企1次；方案已报3份、未报3份；超期问题1个，其中红色1个。\
        县水务局入企2次，承办问题1个，未报方案1份。县国土资源局销号率100.0%。";
    assert!(text.contains(expected), "{text}");
}

#[test]
fn bad_visits_and_plans_are_named_at_their_lines() {
    let site = fixture("basic");
    let data = site.path().join("content/data");
    fs::write(
        data.join("visits.yaml"),
        "- {date: 2013-04-02, enterprise: tiande, units: [water]}\n\
         - {date: 2013-04-03, enterprise: tainde, units: [water]}\n\
         - {date: 2013-04-04, enterprise: tiande, units: [commerce]}\n\
         - {date: 2099-01-01, enterprise: tiande, units: [watr]}\n\
         - {date: 2013-04-02, enterprise: tiande, units: [water]}\n",
    )
    .expect("visits");
    fs::write(
        data.join("plans.yaml"),
        "- {unit: water, enterprise: tiande, filed: 2013-03-12}\n- {unit: water, enterprise: tiande, filed: 2013-03-20}\n",
    )
    .expect("plans");
    let run = briefing(site.path(), &["build"]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    for (place, words) in [
        (
            "content/data/visits.yaml:2:",
            "unknown enterprise `tainde` (did you mean `tiande`?)",
        ),
        ("content/data/visits.yaml:3:", "`commerce` is not a helping unit of `tiande`"),
        ("content/data/visits.yaml:4:", "unknown unit `watr` (did you mean `water`?)"),
        ("content/data/visits.yaml:4:", "in the future"),
        ("content/data/visits.yaml:5:", "the same visit to `tiande` on 2013-04-02 twice"),
        ("content/data/plans.yaml:2:", "a second plan of `water` for `tiande`"),
    ] {
        let found = err.split("\n\n").any(|d| d.contains(place) && d.contains(words));
        assert!(found, "no `{words}` at {place}:\n{err}");
    }
}

#[test]
fn supervision_limits_come_from_site_yaml() {
    let site = fixture("basic");
    let config = site.path().join("site.yaml");
    let text = fs::read_to_string(&config).expect("site.yaml");
    fs::write(&config, format!("{text}\nsupervision: {{blue: 60, yellow: 30, red: 90}}\n")).expect("write");
    let run = briefing(site.path(), &["build"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(stderr(&run).contains("the supervision limits must grow"), "{}", stderr(&run));
    fs::write(&config, format!("{text}\nsupervision: {{blue: 10, yellow: 20, red: 200}}\n")).expect("write");
    let page = site.path().join("content/briefings/2013-07-15-no3.md");
    let body = fs::read_to_string(&page).expect("bulletin");
    fs::write(
        &page,
        format!("{body}\n超期{{{{ metric(name=\"problems.overdue\") }}}}个，黄色{{{{ metric(name=\"problems.overdue.yellow\") }}}}个。\n"),
    )
    .expect("write");
    build_ok(site.path(), &[]);
    let text = text_of(&read(site.path(), "output/briefings/2013-07-15-no3/index.html"));
    // As of 30 June with limits 10/20/200: p2 (90 days) yellow, p4 (20 days) yellow.
    assert!(text.contains("超期2个，黄色2个。"), "{text}");
}

#[test]
fn the_scorecard_the_supervision_page_and_enterprise_care_are_shown() {
    let site = fixture("basic");
    let data = site.path().join("content/data");
    fs::write(data.join("visits.yaml"), VISITS).expect("visits");
    fs::write(data.join("plans.yaml"), PLANS).expect("plans");
    build_ok(site.path(), &[]);
    let out = site.path().join("output");
    // /units/: a sortable scorecard, a row per unit (land has no visit of
    // its own after April; `land` is a unit with one problem, closed).
    let units = common::read(&out, "units/index.html");
    assert!(
        units.contains("class=\"data-table card-table sortable\"") && units.contains("static/sort.js"),
        "{units}"
    );
    for header in ["入企次数", "联合入企", "方案未报", "超期问题", "销号率", "办结用时（中位）"] {
        assert!(units.contains(header), "no column {header}");
    }
    assert_eq!(units.matches("<td class=\"card-head\"").count(), 4, "one row per unit");
    // As of the latest date (20 July): water visited on 2 Apr, 20 May and 10 Jul.
    assert!(units.contains("data-label=\"入企次数\" data-value=\"3\""), "{units}");
    // /supervision/: p2 extended since 1 April is red, p4 open since 10 June is blue.
    let page = common::read(&out, "supervision/index.html");
    assert!(
        page.contains("<tr class=\"late late-red\">") && page.contains("<tr class=\"late late-blue\">"),
        "{page}"
    );
    assert!(page.contains("变压器增容未获批复。"), "{page}");
    // plans missing: water → 好食工贸, industry-bureau → 好食工贸 (land filed for 天德 in July)
    assert_eq!(page.matches("→").count(), 2, "{page}");
    // /enterprises/: last visit and the units that never came
    let tiande = common::read(&out, "enterprises/tiande/index.html");
    assert!(tiande.contains("最近入企") && tiande.contains("2013年5月20日"), "{tiande}");
    let haoshi = common::read(&out, "enterprises/haoshi/index.html");
    assert!(haoshi.contains("2013年7月10日"), "{haoshi}");
    // a unit's own page carries its scorecard; one with no problems says —
    let land = common::read(&out, "units/land/index.html");
    assert!(land.contains("class=\"counts scorecard\""), "{land}");
    assert!(
        land.contains("（没有超期问题。）") && land.contains("（帮扶的企业均已报送方案。）"),
        "{land}"
    );
    // a unit's page lists its own late problems and the plans it owes
    let bureau = common::read(&out, "units/industry-bureau/index.html");
    let late = &bureau[bureau.find("超期未办结的问题").expect("late section")..];
    assert!(
        late.contains("<tr class=\"late late-red\">") && late.contains("变压器增容未获批复。"),
        "{bureau}"
    );
    assert!(!late.contains("工业园企业汇款难。"), "p4 is commerce's, not the bureau's: {bureau}");
    let owed = &bureau[bureau.find("未报送帮扶方案的企业").expect("plans section")..];
    assert!(owed.contains("好食工贸") && !owed.contains("天德"), "{owed}");
    let commerce = common::read(&out, "units/commerce/index.html");
    assert!(
        commerce.contains("<tr class=\"late late-blue\">") && commerce.contains("工业园企业汇款难。"),
        "{commerce}"
    );
    // an enterprise never visited
    fs::write(
        data.join("visits.yaml"),
        "- {date: 2013-04-02, enterprise: tiande, units: [water]}\n",
    )
    .expect("visits");
    build_ok(site.path(), &[]);
    let haoshi = common::read(&out, "enterprises/haoshi/index.html");
    assert!(haoshi.contains("尚未入企"), "{haoshi}");
    let page = common::read(&out, "supervision/index.html");
    assert!(page.contains("好食工贸</a>（尚未入企）"), "{page}");
}

#[test]
fn the_units_shortcode_ranks_the_scorecard_in_a_circular() {
    let site = fixture("basic");
    let data = site.path().join("content/data");
    fs::write(data.join("visits.yaml"), VISITS).expect("visits");
    fs::write(data.join("plans.yaml"), PLANS).expect("plans");
    let page = site.path().join("content/briefings/2013-07-16-circular.md");
    fs::write(
        &page,
        "---\ntitle: 督查通报\ndate: 2013-07-16\nkind: circular\n---\n\n{{ units(sort=\"visits\") }}\n",
    )
    .expect("write");
    build_ok(site.path(), &[]);
    let html = read(site.path(), "output/briefings/2013-07-16-circular/index.html");
    let names: Vec<&str> = html
        .split("<td class=\"card-head\"><a href=\"")
        .skip(1)
        .filter_map(|row| row.split('>').nth(1).and_then(|r| r.split('<').next()))
        .collect();
    // As of 30 June: water 2 visits, industry-bureau, land and commerce 1;
    // ties by name.
    assert_eq!(names.len(), 4, "{html}");
    assert_eq!(names[0], "县水务局", "{names:?}");
    fs::write(
        &page,
        "---\ntitle: 督查通报\ndate: 2013-07-16\nkind: circular\n---\n\n{{ units(sort=\"visit\") }}\n",
    )
    .expect("write");
    let run = briefing(site.path(), &["build"]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        err.contains("unknown order `visit`") && err.contains("did you mean `visits`?") && err.contains("2013-07-16-circular.md:7:"),
        "{err}"
    );
}
