//! What the drift test adds to each data file of the example site: for a
//! cutoff day, records and facts dated after it — a problem raised, an
//! open problem closed, another extended, an extended one closed, an
//! extension granted to a problem closed later; a visit (a joint one with
//! a county leader) and a unit's first visit; plans filed; a project and a
//! project update; an output period and a revised later total; a tally.
//! Files without dates gain a record no fact dated by the cutoff refers
//! to (units, industries, charts) or a fact no bulletin reads (an
//! enterprise's phone number: a new enterprise owes plans at every date). Each returns what it
//! added, for the failure message, and adds something or fails.

use std::fs;
use std::path::Path;

use super::days::Day;
use super::sheet::{Cell, Workbook};

/// The data files the test knows, by name: those with dated records,
/// and those without.
pub const DATED: [&str; 6] = ["problems", "visits", "plans", "projects", "output", "tallies"];
pub const UNDATED: [&str; 4] = ["units", "industries", "enterprises", "charts"];

/// Adds to the data file `name` of the site at `root` what is dated after
/// `cutoff` (for an undated file, what is undated); what was added.
pub fn add(root: &Path, name: &str, cutoff: Day) -> Vec<String> {
    let data = root.join("content/data");
    let form = ["yaml", "xlsx", "csv"]
        .into_iter()
        .find(|ext| data.join(format!("{name}.{ext}")).exists())
        .unwrap_or_else(|| panic!("the example keeps no `{name}` data file"));
    let added = match (name, form) {
        ("problems", "xlsx") => problems_xlsx(root, cutoff),
        ("visits", "yaml") => visits(root, cutoff),
        ("plans", "yaml") => plans(root, cutoff),
        ("projects", "yaml") => projects(root, cutoff),
        ("output", "yaml") => output(root, cutoff),
        ("tallies", "yaml") => tallies(root, cutoff),
        ("units", "csv") => units_csv(root),
        ("industries", "yaml") => append(
            root,
            "industries.yaml",
            "- id: drift-industry\n  name: 漂移检验产业\n  color: \"#888888\"\n",
            "an industry",
        ),
        ("enterprises", "yaml") => enterprises_added(root),
        ("charts", "yaml") => charts(root),
        _ => panic!("the example keeps `{name}` as .{form}: teach tests/drift/additions.rs that form"),
    };
    assert!(!added.is_empty(), "nothing could be added to `{name}` after {cutoff}");
    added
}

fn read(root: &Path, file: &str) -> String {
    fs::read_to_string(root.join("content/data").join(file)).unwrap_or_else(|e| panic!("read {file}: {e}"))
}

fn write(root: &Path, file: &str, text: &str) {
    fs::write(root.join("content/data").join(file), text).unwrap_or_else(|e| panic!("write {file}: {e}"));
}

/// `text` appended to `file` (on a line of its own).
fn append(root: &Path, file: &str, text: &str, what: &str) -> Vec<String> {
    let mut all = read(root, file);
    if !all.ends_with('\n') {
        all.push('\n');
    }
    all.push_str(text);
    write(root, file, &all);
    vec![format!("{file}: {what}")]
}

/// The value of `key: value` on a line, if the line is one.
fn field<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let rest = line.trim_start().trim_start_matches("- ").trim_start();
    rest.strip_prefix(key)?.strip_prefix(':').map(str::trim)
}

/// `[a, b]` as its items.
fn list(text: &str) -> Vec<String> {
    text.trim_matches(|c| c == '[' || c == ']')
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// In a flow mapping `{a: 1, b: [x, y], c: z}`, the value of `key`.
fn flow<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let start = line.find(&format!("{key}: "))? + key.len() + 2;
    let rest = &line[start..];
    let end = if rest.starts_with('[') {
        rest.find(']')? + 1
    } else {
        rest.find([',', '}']).unwrap_or(rest.len())
    };
    Some(rest[..end].trim())
}

/// An enterprise of enterprises.yaml: id, helping units, lead unit,
/// whether internal.
struct Enterprise {
    id: String,
    units: Vec<String>,
    lead: String,
    internal: bool,
}

fn enterprises(root: &Path) -> Vec<Enterprise> {
    let mut all: Vec<Enterprise> = Vec::new();
    for line in read(root, "enterprises.yaml").lines() {
        if let Some(id) = line.strip_prefix("- id:") {
            all.push(Enterprise {
                id: id.trim().to_string(),
                units: Vec::new(),
                lead: String::new(),
                internal: false,
            });
        } else if let Some(last) = all.last_mut() {
            if let Some(units) = field(line, "units") {
                last.units = list(units);
            } else if let Some(lead) = field(line, "lead_unit") {
                last.lead = lead.to_string();
            } else if field(line, "internal") == Some("true") {
                last.internal = true;
            }
        }
    }
    assert!(!all.is_empty(), "enterprises.yaml: no `- id:` records read");
    all.into_iter().filter(|e| !e.internal).collect()
}

fn problems_xlsx(root: &Path, cutoff: Day) -> Vec<String> {
    let path = root.join("content/data/problems.xlsx");
    let mut book = Workbook::read(&fs::read(&path).expect("read problems.xlsx"));
    let column = |book: &Workbook, header: &str| book.column(header).unwrap_or_else(|| panic!("problems.xlsx: no column {header}"));
    let (id, enterprise, raised, summary) = (
        column(&book, "编号"),
        column(&book, "企业"),
        column(&book, "登记日期"),
        column(&book, "问题"),
    );
    let (key, units, status, closed) = (
        column(&book, "重点"),
        column(&book, "责任单位"),
        column(&book, "状态"),
        column(&book, "销号日期"),
    );
    let extended = book.column("延期日期").unwrap_or_else(|| {
        let width = book.rows[0].len();
        book.set_text(0, width, "延期日期");
        width
    });
    let internal = book.column("内部");
    let day = cutoff.next();
    let mut added = Vec::new();
    let mut used = Vec::new();
    let rows = book.rows.len();
    // A problem of the register: raised by the cutoff, public, not yet used.
    let pick = |book: &Workbook, used: &[usize], wanted: &dyn Fn(&Workbook, usize) -> bool| {
        (1..rows).find(|&row| {
            !used.contains(&row)
                && book.date(row, raised).is_some_and(|r| r <= cutoff)
                && internal.and_then(|c| book.text(row, c)) != Some("是")
                && wanted(book, row)
        })
    };
    let name = |book: &Workbook, row: usize| book.text(row, id).unwrap_or("?").to_string();
    // Open with nothing dated after: closed the day after the cutoff.
    if let Some(row) = pick(&book, &used, &|b, r| b.text(r, status) == Some("在办")) {
        used.push(row);
        book.set_text(row, status, "已销号");
        book.set_date(row, closed, day);
        added.push(format!("problems.xlsx: open problem {} closed on {day}", name(&book, row)));
    }
    // Another open one: granted an extension the day after.
    if let Some(row) = pick(&book, &used, &|b, r| b.text(r, status) == Some("在办")) {
        used.push(row);
        book.set_text(row, status, "延期");
        book.set_date(row, extended, day);
        added.push(format!("problems.xlsx: open problem {} extended on {day}", name(&book, row)));
    }
    // Extended by the cutoff: closed the day after, its extension kept.
    if let Some(row) = pick(&book, &used, &|b, r| {
        b.text(r, status) == Some("延期") && b.date(r, extended).is_some_and(|e| e <= cutoff)
    }) {
        used.push(row);
        book.set_text(row, status, "已销号");
        book.set_date(row, closed, day);
        added.push(format!("problems.xlsx: extended problem {} closed on {day}", name(&book, row)));
    }
    // Open at the cutoff and closed later: an extension granted between.
    if let Some(row) = pick(&book, &used, &|b, r| {
        b.text(r, status) == Some("已销号") && b.date(r, closed).is_some_and(|c| c > day) && b.date(r, extended).is_none()
    }) {
        used.push(row);
        book.set_date(row, extended, day);
        added.push(format!(
            "problems.xlsx: problem {} (closed later) extended on {day}",
            name(&book, row)
        ));
    }
    // A new key problem raised the day after.
    let model = (1..rows).find(|&r| book.text(r, units).is_some()).expect("a problem with units");
    let (firm, helpers) = (
        book.text(model, enterprise).unwrap_or_default().to_string(),
        book.text(model, units).unwrap_or_default().to_string(),
    );
    let row = book.push_row();
    book.set_text(row, id, &format!("p-drift-{day}"));
    book.set_text(row, enterprise, &firm);
    book.set_date(row, raised, day);
    book.set_text(row, summary, "漂移检验：截止日之后登记的问题。");
    book.set_text(row, key, "是");
    book.set_text(row, units, &helpers);
    book.set(row, status, Some(Cell::Text("在办".to_string())));
    added.push(format!("problems.xlsx: key problem p-drift-{day} raised on {day}"));
    fs::write(&path, book.write()).expect("write problems.xlsx");
    added
}

fn visits(root: &Path, cutoff: Day) -> Vec<String> {
    let firms = enterprises(root);
    let joint = firms
        .iter()
        .find(|e| e.units.len() > 1)
        .expect("an enterprise helped by several units");
    let single = firms
        .iter()
        .rev()
        .find(|e| !e.lead.is_empty())
        .expect("an enterprise with a lead unit");
    let (first, second) = (cutoff.next(), cutoff.after(2));
    let text = format!(
        "- {{date: {first}, enterprise: {}, units: [{}], leader: true, note: 漂移检验：三家帮扶单位共同入企。}}\n\
         - {{date: {second}, enterprise: {}, units: [{}], note: 漂移检验：牵头单位入企。}}\n",
        joint.id,
        joint.units.join(", "),
        single.id,
        single.lead,
    );
    let mut added = append(root, "visits.yaml", &text, &format!("a joint visit to {} on {first}", joint.id));
    added.push(format!("visits.yaml: a visit to {} by {} on {second}", single.id, single.lead));
    added
}

fn plans(root: &Path, cutoff: Day) -> Vec<String> {
    let filed: Vec<(String, String)> = read(root, "plans.yaml")
        .lines()
        .filter_map(|line| Some((flow(line, "unit")?.to_string(), flow(line, "enterprise")?.to_string())))
        .collect();
    let missing: Vec<(String, String)> = enterprises(root)
        .into_iter()
        .flat_map(|e| e.units.into_iter().map(move |u| (u, e.id.clone())))
        .filter(|pair| !filed.contains(pair))
        .take(2)
        .collect();
    let day = cutoff.next();
    let text: String = missing
        .iter()
        .map(|(unit, firm)| format!("- {{unit: {unit}, enterprise: {firm}, filed: {day}}}\n"))
        .collect();
    if text.is_empty() {
        return Vec::new();
    }
    let what = missing.iter().map(|(u, e)| format!("{u} for {e}")).collect::<Vec<_>>().join(", ");
    append(root, "plans.yaml", &text, &format!("plans filed on {day}: {what}"))
}

const STATUSES: [&str; 4] = ["planned", "started", "built", "producing"];

fn projects(root: &Path, cutoff: Day) -> Vec<String> {
    let text = read(root, "projects.yaml");
    let lines: Vec<&str> = text.lines().collect();
    let day = cutoff.next();
    let mut added = Vec::new();
    // The blocks of the projects: from `- id:` to the line before the next
    // line at the margin.
    let starts: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].starts_with("- id:")).collect();
    let mut insert: Option<(usize, String)> = None;
    for &start in &starts {
        let end = (start + 1..lines.len())
            .find(|&i| !lines[i].starts_with(' ') && !lines[i].trim().is_empty())
            .unwrap_or(lines.len());
        let block = &lines[start..end];
        if block.iter().any(|l| field(l, "internal") == Some("true")) {
            continue;
        }
        let last_date = block.iter().filter_map(|l| field(l, "date")).filter_map(Day::parse).max();
        let last_status = block.iter().rev().find_map(|l| field(l, "status"));
        let (Some(last_date), Some(status)) = (last_date, last_status) else {
            continue;
        };
        if last_date >= day || !block.iter().any(|l| l.trim_start().starts_with("- date:")) {
            continue;
        }
        let next = STATUSES
            .iter()
            .position(|s| *s == status)
            .map_or(status, |i| STATUSES[(i + 1).min(3)]);
        // After the block's last non-blank line.
        let at = start + block.iter().rposition(|l| l.starts_with(' ')).unwrap_or(0) + 1;
        let id = field(lines[start], "id").unwrap_or("?").to_string();
        insert = Some((
            at,
            format!("    - date: {day}\n      status: {next}\n      note: 漂移检验：截止日之后的进展。"),
        ));
        added.push(format!("projects.yaml: update of {id} on {day} ({next})"));
        break;
    }
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    if let Some((at, update)) = insert {
        out.insert(at, update);
    }
    let industry = read(root, "industries.yaml")
        .lines()
        .find_map(|l| l.strip_prefix("- id:").map(|s| s.trim().to_string()))
        .expect("an industry");
    out.push(format!(
        "- id: drift-project\n  name: 漂移检验项目\n  industry: {industry}\n  investment: 1000\n  updates:\n    - date: {day}\n      status: planned"
    ));
    added.push(format!("projects.yaml: project drift-project planned on {day}"));
    write(root, "projects.yaml", &(out.join("\n") + "\n"));
    added
}

fn output(root: &Path, cutoff: Day) -> Vec<String> {
    let text = read(root, "output.yaml");
    let lines: Vec<&str> = text.lines().collect();
    let period_of = |line: &str| field(line, "period").map(|p| p.trim_matches('"').to_string());
    let starts: Vec<usize> = (0..lines.len()).filter(|&i| period_of(lines[i]).is_some()).collect();
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let mut added = Vec::new();
    // A later period revised: its gross output total 0.01 higher.
    let revised = cutoff.next().period();
    if let Some(&start) = starts.iter().find(|&&i| period_of(lines[i]).as_deref() == Some(revised.as_str())) {
        let mut in_gross = false;
        for line in out.iter_mut().skip(start + 1) {
            if period_of(line).is_some() {
                break;
            }
            if line.trim_end().ends_with(':') {
                in_gross = line.trim() == "gross_output:";
            } else if in_gross && let Some(total) = field(line, "total").and_then(|t| t.parse::<f64>().ok()) {
                let indent = &line[..line.len() - line.trim_start().len()];
                *line = format!("{indent}total: {:.2}", total + 0.01);
                added.push(format!(
                    "output.yaml: gross output total of {revised} revised to {:.2}",
                    total + 0.01
                ));
                break;
            }
        }
    }
    // A period after the latest, every figure of the latest doubled.
    let &last = starts.last().expect("output periods");
    let latest = Day::period_end(&period_of(lines[last]).expect("period")).expect("a period");
    let next = latest.next().period();
    let mut block = vec![format!(
        "{}period: \"{next}\"",
        &lines[last][..lines[last].find("period").expect("period")]
    )];
    let mut keep = false;
    for line in &lines[last + 1..] {
        if !line.starts_with(' ') && !line.trim().is_empty() {
            break;
        }
        if line.trim_end().ends_with(':') {
            keep = matches!(line.trim(), "gross_output:" | "value_added:");
            if keep {
                block.push(line.to_string());
            }
        } else if keep && let Some((key, value)) = line.trim().split_once(':') {
            let indent = &line[..line.len() - line.trim_start().len()];
            let value: f64 = value.trim().parse().expect("a figure");
            block.push(format!("{indent}{key}: {}", value * 2.0));
        }
    }
    out.extend(block);
    added.push(format!("output.yaml: period {next}"));
    write(root, "output.yaml", &(out.join("\n") + "\n"));
    added
}

fn tallies(root: &Path, cutoff: Day) -> Vec<String> {
    let text = read(root, "tallies.yaml");
    let stated: Vec<String> = text
        .lines()
        .filter_map(|l| field(l, "period"))
        .map(|p| p.trim_matches('"').to_string())
        .collect();
    let mut month = cutoff.next();
    while stated.contains(&month.period()) {
        month = Day::period_end(&month.period()).expect("period").next();
    }
    let m = month.month as usize;
    append(
        root,
        "tallies.yaml",
        &format!(
            "- period: \"{}\"\n  problems: {{raised: {}, closed: {}}}\n",
            month.period(),
            80 * m,
            55 * m
        ),
        &format!("a tally of {}", month.period()),
    )
}

fn units_csv(root: &Path) -> Vec<String> {
    let file = "units.csv";
    let text = read(root, file);
    let ending = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut all = text.clone();
    if !all.ends_with('\n') {
        all.push_str(ending);
    }
    all.push_str(&format!("drift-unit,漂移检验单位{ending}"));
    write(root, file, &all);
    vec![format!("{file}: a unit")]
}

/// An enterprise has no date: every (helping unit, enterprise) pair is
/// expected to file a plan at every date (DESIGN.md, plans.yaml), and the
/// headline counts of plans include internal enterprises, so any
/// enterprise added later counts as missing plans in every earlier
/// bulletin — a limit of the schema, not drift. What may be added without
/// a date is a fact no bulletin reads: a phone number (an internal field).
fn enterprises_added(root: &Path) -> Vec<String> {
    let text = read(root, "enterprises.yaml");
    let lines: Vec<&str> = text.lines().collect();
    let without = (0..lines.len()).find(|&i| {
        lines[i].starts_with("- id:")
            && !lines[i + 1..]
                .iter()
                .take_while(|l| !l.starts_with("- "))
                .any(|l| field(l, "contact").is_some())
    });
    let Some(at) = without else {
        return Vec::new();
    };
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    out.insert(at + 1, "  contact: 0730-6209999".to_string());
    write(root, "enterprises.yaml", &(out.join("\n") + "\n"));
    vec![format!(
        "enterprises.yaml: a phone number for {}",
        lines[at].trim_start_matches("- id:").trim()
    )]
}

fn charts(root: &Path) -> Vec<String> {
    let text = read(root, "charts.yaml");
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.iter().position(|l| l.starts_with("- id:")).expect("a chart");
    let end = (start + 1..lines.len())
        .find(|&i| !lines[i].starts_with(' '))
        .unwrap_or(lines.len());
    let mut copy = vec!["- id: drift-chart".to_string()];
    for line in &lines[start + 1..end] {
        if field(line, "title").is_some() {
            copy.push("  title: 漂移检验图表".to_string());
        } else {
            copy.push(line.to_string());
        }
    }
    append(
        root,
        "charts.yaml",
        &(copy.join("\n") + "\n"),
        "a chart (a copy of the first, renamed)",
    )
}
