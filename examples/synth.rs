//! Synthetic site generator for benchmarks: a valid site of realistic
//! Chinese bulletins (2–4 KB of Markdown each, GFM tables, metric and chart
//! shortcodes, internal links) with consistent programme data.
//!
//!     cargo run --release --example synth -- DIR --briefings 10000 \
//!         --projects 2000 --enterprises 500 --problems 20000 --periods 24
//!         [--visits 20000]
//!
//! Output is deterministic: the same arguments give the same site.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A small deterministic pseudo-random generator (SplitMix64).
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

struct Sizes {
    briefings: usize,
    projects: usize,
    enterprises: usize,
    problems: usize,
    periods: usize,
    visits: usize,
}

const INDUSTRIES: [(&str, &str, &str); 4] = [
    ("machinery", "机电轻工", "#2b6cb0"),
    ("food", "食品加工", "#d97706"),
    ("building", "矿产建材", "#7c5e3c"),
    ("tourism", "旅游", "#15803d"),
];
const UNITS: [&str; 24] = [
    "县工信局",
    "县发改局",
    "县财政局",
    "县商务局",
    "县国土资源局",
    "县住建局",
    "县环保局",
    "县水务局",
    "县地税局",
    "县国税局",
    "县人社局",
    "县供电公司",
    "县交通局",
    "县农业局",
    "县林业局",
    "县旅游局",
    "县质监局",
    "县工商局",
    "城关镇",
    "安定镇",
    "三市镇",
    "寺前镇",
    "南江镇",
    "长寿镇",
];
const LEADERS: [&str; 6] = ["县委书记", "县长", "县委副书记", "常务副县长", "副县长", "县人大常委会副主任"];
const WORDS: [&str; 16] = [
    "食品", "机械", "电子", "建材", "茶业", "鞋业", "针织", "化工", "粉末", "云母", "旅游", "物流", "冷链", "包装", "能源", "材料",
];
const PLACES: [&str; 8] = [
    "平江工业园",
    "寺前食品工业区",
    "三市食品工业区",
    "城关镇",
    "安定镇",
    "南江镇",
    "长寿镇",
    "伍市工业区",
];
const TOPICS: [&str; 10] = [
    "用地报批",
    "用电增容",
    "用水接入",
    "融资贷款",
    "招工用工",
    "订单开拓",
    "汇款结算",
    "环评审批",
    "道路配套",
    "证照办理",
];
const PARAGRAPHS: [&str; 6] = [
    "各帮扶单位按照“三帮一”的要求，主动深入联系企业，摸清企业在生产经营中遇到的实际困难，逐项登记、逐项落实，做到问题不解决不销号。",
    "牵头单位认真履行组织协调职责，定期召集配合单位共同入企，帮助企业对接政策、争取资金、开拓市场，帮扶工作由“走一走、看一看”转向“帮在点子上、扶在关键处”。",
    "县帮扶办坚持每月调度、每季通报，对进展缓慢的单位及时督促，对工作成效明显的单位在简报中予以宣传，形成比学赶超的良好氛围。",
    "重点项目建设实行县级领导联系、责任单位包干的推进机制，对征地拆迁、水电路配套等制约因素集中会商、限时解决，确保项目按期开工、按期投产。",
    "主导产业集群发展态势良好，龙头企业带动作用明显，配套企业逐步集聚，产业链条不断延伸，规模工业对全县经济增长的贡献率持续提高。",
    "下一步，各单位要进一步增强责任意识，把帮扶工作摆上重要位置，紧盯目标任务，细化工作措施，以更加扎实的作风推动帮扶工作再上新台阶。",
];

fn parse_args() -> Result<(PathBuf, Sizes), String> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .ok_or("usage: synth DIR [--briefings N] [--projects M] [--enterprises E] [--problems P] [--periods K] [--visits V]")?;
    let mut sizes = Sizes {
        briefings: 1000,
        projects: 200,
        enterprises: 50,
        problems: 2000,
        periods: 24,
        visits: 0,
    };
    while let Some(flag) = args.next() {
        let value: usize = args.next().and_then(|v| v.parse().ok()).ok_or(format!("{flag} needs a number"))?;
        match flag.as_str() {
            "--briefings" => sizes.briefings = value,
            "--projects" => sizes.projects = value,
            "--enterprises" => sizes.enterprises = value.max(1),
            "--problems" => sizes.problems = value,
            "--periods" => sizes.periods = value.clamp(1, 240),
            "--visits" => sizes.visits = value,
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok((PathBuf::from(dir), sizes))
}

/// Month `index` counted from 2000-01.
fn period(index: usize) -> (i32, u32) {
    (2000 + (index / 12) as i32, (index % 12) as u32 + 1)
}

fn days_in(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn write(root: &Path, relative: &str, text: &str) -> Result<(), String> {
    let path = root.join(relative);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn generate(root: &Path, sizes: &Sizes) -> Result<(), String> {
    let mut random = Random(2013);
    // Periods: the last `periods` months up to 2013-06 (year to date).
    let last = 13 * 12 + 5; // 2013-06
    let first = last + 1 - sizes.periods.min(last + 1);
    let span = (first..=last).collect::<Vec<_>>();
    let (first_year, first_month) = period(first);
    write(
        root,
        "site.yaml",
        "title: 合成压力测试站点\ndescription: 用于性能测试的合成站点\nbase_url: https://example.gov.cn/bangfu/\nlanguage: zh-CN\nbulletin_name: 联手帮扶简报\nissuer: 县联手帮扶办公室\n",
    )?;
    let mut text = String::new();
    for (id, name, color) in INDUSTRIES {
        let _ = writeln!(text, "- id: {id}\n  name: {name}\n  color: \"{color}\"");
    }
    write(root, "content/data/industries.yaml", &text)?;
    text.clear();
    for (i, name) in UNITS.iter().enumerate() {
        let _ = writeln!(text, "- id: unit-{i}\n  name: {name}");
    }
    write(root, "content/data/units.yaml", &text)?;
    text.clear();
    let mut enterprise_industry = Vec::new();
    let mut helpers: Vec<[usize; 3]> = Vec::new();
    for e in 0..sizes.enterprises {
        let industry = INDUSTRIES[e % 4].0;
        enterprise_industry.push(industry);
        let lead = random.below(UNITS.len());
        let second = (lead + 1 + random.below(UNITS.len() - 2)) % UNITS.len();
        let third = (0..UNITS.len()).find(|u| *u != lead && *u != second).unwrap_or(0);
        helpers.push([lead, second, third]);
        let _ = writeln!(
            text,
            "- id: e{e}\n  name: {}{}有限公司{e}号\n  industry: {industry}\n  key: {}\n  leader: {}\n  lead_unit: unit-{lead}\n  units: [unit-{lead}, unit-{second}, unit-{third}]",
            random.pick(&PLACES).trim_end_matches("工业园").trim_end_matches("镇"),
            random.pick(&WORDS),
            e % 5 != 4,
            random.pick(&LEADERS)
        );
    }
    write(root, "content/data/enterprises.yaml", &text)?;
    text.clear();
    let statuses = ["planned", "started", "built", "producing"];
    for p in 0..sizes.projects {
        let e = p % sizes.enterprises;
        let start = first + random.below(span.len());
        let _ = writeln!(
            text,
            "- id: p{p}\n  name: {}{}项目{p}\n  industry: {}\n  enterprise: e{e}\n  investment: {}\n  location: {}\n  updates:",
            random.pick(&WORDS),
            random.pick(&["产业园", "生产线", "技改", "厂房", "基地"]),
            enterprise_industry[e],
            1000 + random.below(50) * 500,
            random.pick(&PLACES)
        );
        let steps = 1 + random.below(4);
        for (step, status) in statuses.iter().enumerate().take(steps) {
            let (year, month) = period((start + step * 3).min(last));
            let _ = writeln!(
                text,
                "    - date: {year:04}-{month:02}-{:02}\n      status: {status}\n      note: {}阶段工作推进顺利。",
                1 + step,
                random.pick(&TOPICS)
            );
        }
    }
    write(root, "content/data/projects.yaml", &text)?;
    text.clear();
    for q in 0..sizes.problems {
        let e = random.below(sizes.enterprises);
        let raised_index = first + random.below(span.len());
        let (year, month) = period(raised_index);
        let day = 1 + random.below(days_in(year, month) as usize) as u32;
        let roll = random.below(10);
        let (status, closed) = if roll < 7 {
            let (cy, cm) = period((raised_index + 1 + random.below(3)).min(last));
            let cd = if (cy, cm) == (year, month) {
                day
            } else {
                1 + random.below(28) as u32
            };
            ("closed", format!("\n  closed: {cy:04}-{cm:02}-{cd:02}"))
        } else if roll < 8 {
            // Granted the day it was raised: the same counts as an
            // extension without a date, which is a warning.
            ("extended", format!("\n  extended: {year:04}-{month:02}-{day:02}"))
        } else {
            ("open", String::new())
        };
        let _ = writeln!(
            text,
            "- id: q{q}\n  enterprise: e{e}\n  raised: {year:04}-{month:02}-{day:02}\n  summary: 企业反映{}方面存在困难，需要协调解决。\n  key: {}\n  units: [unit-{}]\n  status: {status}{closed}",
            random.pick(&TOPICS),
            q % 3 == 0,
            random.below(UNITS.len())
        );
    }
    write(root, "content/data/problems.yaml", &text)?;
    text.clear();
    if sizes.visits > 0 {
        for _ in 0..sizes.visits {
            let e = random.below(sizes.enterprises);
            let index = first + random.below(span.len());
            let (year, month) = period(index);
            let day = 1 + random.below(28) as u32;
            let units = &helpers[e];
            let party: Vec<String> = match random.below(4) {
                0 => units.iter().map(|u| format!("unit-{u}")).collect(),
                _ => vec![format!("unit-{}", units[random.below(3)])],
            };
            let _ = writeln!(
                text,
                "- {{date: {year:04}-{month:02}-{day:02}, enterprise: e{e}, units: [{}]}}",
                party.join(", ")
            );
        }
        write(root, "content/data/visits.yaml", &text)?;
        text.clear();
        let (year, month) = period(first);
        for (e, units) in helpers.iter().enumerate() {
            // Two of three units file a plan.
            for u in &units[..2] {
                let _ = writeln!(text, "- {{unit: unit-{u}, enterprise: e{e}, filed: {year:04}-{month:02}-15}}");
            }
        }
        write(root, "content/data/plans.yaml", &text)?;
        text.clear();
    }
    text.push_str("unit: 亿元\nperiods:\n");
    for (n, index) in span.iter().enumerate() {
        let (year, month) = period(*index);
        let growth = 1.0 + 0.2 * (year - first_year) as f64 + 0.01 * n as f64;
        let base = f64::from(month) * 6.0 * growth;
        let shares = [0.38, 0.36, 0.2, 0.04];
        let _ = write!(text, "  - period: \"{year:04}-{month:02}\"\n    gross_output: {{total: {:.2}", base);
        for ((id, _, _), share) in INDUSTRIES.iter().zip(shares) {
            let _ = write!(text, ", {id}: {:.2}", base * share);
        }
        let _ = writeln!(text, "}}\n    value_added: {{total: {:.2}}}", base * 0.3);
    }
    write(root, "content/data/output.yaml", &text)?;
    let _ = (first_month,);
    // Briefings: dated across the periods, bulletins numbered in order.
    for b in 0..sizes.briefings {
        let index = first + (b * span.len()) / sizes.briefings.max(1);
        let (year, month) = period(index.min(last));
        let day = 1 + (b % 28) as u32;
        let (as_year, as_month) = period(index.saturating_sub(1).max(first));
        let mut body = String::new();
        let _ = writeln!(body, "## 一、总体情况\n");
        let _ = writeln!(
            body,
            "截至{as_month}月底，全县完成规模工业总产值{{{{ metric(name=\"output.gross_output.total\") }}}}，累计登记企业问题{{{{ metric(name=\"problems.raised\") }}}}个，销号率{{{{ metric(name=\"problems.close_rate\") }}}}；重点项目{{{{ metric(name=\"projects.count\") }}}}个，计划总投资{{{{ metric(name=\"projects.investment\") }}}}。\n"
        );
        for _ in 0..3 {
            let _ = writeln!(body, "{}\n", random.pick(&PARAGRAPHS));
        }
        let _ = writeln!(body, "## 二、分产业情况\n\n| 产业 | 总产值 | 说明 |\n| --- | ---: | --- |");
        for (id, name, _) in INDUSTRIES {
            let _ = writeln!(
                body,
                "| [{name}](/industries/{id}/) | {{{{ metric(name=\"output.gross_output.{id}\") }}}} | 运行平稳 |"
            );
        }
        body.push('\n');
        if b % 10 == 0 {
            let _ = writeln!(body, "{{{{ chart(id=\"output-growth\") }}}}\n");
        }
        let _ = writeln!(body, "## 三、项目与帮扶\n");
        for _ in 0..2 {
            let p = random.below(sizes.projects.max(1));
            let e = random.below(sizes.enterprises);
            if sizes.projects > 0 {
                let _ = write!(body, "[重点项目{p}](/projects/p{p}/)进展顺利，");
            }
            let _ = writeln!(
                body,
                "[帮扶企业{e}](/enterprises/e{e}/)生产经营稳定。{}\n",
                random.pick(&PARAGRAPHS)
            );
        }
        let _ = writeln!(
            body,
            "## 四、下一步工作\n\n- 抓好问题销号，详见[问题台账](/problems/)；\n- 推进项目建设；\n- 加强督查调度。\n\n{}",
            random.pick(&PARAGRAPHS)
        );
        let front = format!(
            "---\ntitle: 联手帮扶工作简报第{n}期\ndate: {year:04}-{month:02}-{day:02}\nissue: {n}\nas_of: {as_year:04}-{as_month:02}\nunit: unit-0\ntags: [{}, {}]\nsummary: 第{n}期简报，通报{as_month}月帮扶工作情况。\n---\n\n",
            random.pick(&TOPICS),
            random.pick(&["督查", "项目建设", "问题销号", "工业运行"]),
            n = b + 1
        );
        write(
            root,
            &format!("content/briefings/{year:04}-{month:02}-{day:02}-b{b}.md"),
            &(front + &body),
        )?;
    }
    write(
        root,
        "content/pages/about.md",
        "---\ntitle: 关于本站\n---\n\n合成的压力测试站点。\n",
    )
}

fn main() -> ExitCode {
    match parse_args().and_then(|(dir, sizes)| {
        if dir.exists() && fs::read_dir(&dir).map(|mut d| d.next().is_some()).unwrap_or(true) {
            return Err(format!("{} is not empty", dir.display()));
        }
        generate(&dir, &sizes)
    }) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
    }
}
