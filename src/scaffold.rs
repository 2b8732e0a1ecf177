//! `briefing new`: a complete starter site, and the next numbered bulletin
//! of an existing site. Never overwrites anything.

use std::fs;
use std::path::{Path, PathBuf};

use crate::calendar::Date;
use crate::derive::growth;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::content::BRIEFINGS_DIR;
use crate::load::front_matter::{BriefingFront, parse, split};
use crate::load::source::{read_text, walk_files};

fn starter_files(today: Date) -> Vec<(String, String)> {
    let period = format!("{:04}-{:02}", today.year, today.month);
    let this_year = today.year;
    let last_year = today.year - 1;
    let month = today.month;
    vec![
        (
            // The output and what the build keeps beside it are generated.
            ".gitignore".into(),
            "/output/\n/.output.*\n".into(),
        ),
        (
            "site.yaml".into(),
            "# 站点设置\ntitle: 联手帮扶工作简报\ndescription: 联手帮扶企业和产业发展升级行动的简报与数据\nbase_url: /\nlanguage: zh-CN\ntheme: default\nbulletin_name: 联手帮扶简报\nissuer: 县联手帮扶办公室\n".into(),
        ),
        (
            "content/data/industries.yaml".into(),
            "# 主导产业：id 用作网址，color 用于图表\n- id: food\n  name: 食品加工\n  color: \"#d97706\"\n- id: machinery\n  name: 机电轻工\n  color: \"#2b6cb0\"\n".into(),
        ),
        ("content/data/units.yaml".into(), "# 帮扶单位\n- id: bangfu-office\n  name: 县联手帮扶办\n- id: industry-bureau\n  name: 县工信局\n- id: commerce\n  name: 县商务局\n- id: water\n  name: 县水务局\n".into()),
        (
            "content/data/enterprises.yaml".into(),
            "# 帮扶企业：一名县级领导、三家单位（其中一家牵头）\n- id: example-food\n  name: 示例食品公司\n  industry: food\n  key: true\n  leader: 副县长\n  lead_unit: commerce\n  units: [commerce, water, industry-bureau]\n".into(),
        ),
        (
            "content/data/projects.yaml".into(),
            format!("# 重点项目：投资单位万元；状态 planned | started | built | producing\n- id: example-park\n  name: 示例食品产业园\n  industry: food\n  enterprise: example-food\n  investment: 12000\n  updates:\n    - date: {last_year}-03-01\n      status: planned\n    - date: {last_year}-09-01\n      status: started\n      note: 项目开工。\n"),
        ),
        (
            "content/data/problems.yaml".into(),
            format!("# 问题台账：status open | closed | extended；已销号的写 closed 日期，延期的写 extended 日期（批准延期之日，销号后保留）\n- id: p-001\n  enterprise: example-food\n  raised: {last_year}-04-10\n  summary: 生产用水管网尚未接通。\n  key: true\n  units: [water]\n  status: closed\n  closed: {last_year}-05-20\n"),
        ),
        (
            "content/data/output.yaml".into(),
            format!(
                "# 规模工业产值：1月至当月累计，单位亿元\nunit: 亿元\nperiods:\n  - period: \"{last_year}-{month:02}\"\n    gross_output: {{total: 10.00, food: 6.00, machinery: 4.00}}\n    value_added: {{total: 3.00}}\n  - period: \"{period}\"\n    gross_output: {{total: 12.00, food: 7.50, machinery: 4.50}}\n    value_added: {{total: 3.60}}\n"
            ),
        ),
        (
            format!("content/briefings/{today}-issue-1.md"),
            format!(
                "---\ntitle: 联手帮扶工作简报第一期\ndate: {today}\nissue: 1\nas_of: {period}\nunit: bangfu-office\ntags: [工作动态]\nsummary: 第一期简报。\n---\n\n## 一、工业运行\n\n{this_year}年1-{month}月，全县完成规模工业总产值{{{{ metric(name=\"output.gross_output.total\") }}}}，同比增长{{{{ metric(name=\"output.gross_output.total.yoy\") }}}}。\n\n{{{{ chart(id=\"output-growth\") }}}}\n\n## 二、问题销号\n\n已登记问题{{{{ metric(name=\"problems.raised\") }}}}个，销号率{{{{ metric(name=\"problems.close_rate\") }}}}。详见[问题台账](/problems/)。\n"
            ),
        ),
        ("content/pages/about.md".into(), "---\ntitle: 关于本站\nweight: 1\n---\n\n本站发布联手帮扶工作简报和相关数据。示例数据请替换为本单位的实际数据。\n".into()),
    ]
}

/// Creates a working starter site in `dir`, which must be empty or absent.
pub fn new_site(dir: &Path, today: Date) -> Result<Vec<PathBuf>, Diagnostic> {
    let shown = dir.display().to_string();
    // Judged where the operating system will write (`DIR/new/..` is DIR).
    let dir = &crate::write::resolve(dir).map_err(|message| Diagnostic::error(&shown, 0, 0, message))?;
    if fs::symlink_metadata(dir).is_ok() {
        let empty = fs::read_dir(dir).map(|mut entries| entries.next().is_none()).unwrap_or(false);
        if !empty {
            return Err(
                Diagnostic::error(shown, 0, 0, "the folder is not empty").with_hint("choose a new or empty folder; nothing was written")
            );
        }
    }
    let mut written = Vec::new();
    for (relative, text) in starter_files(today) {
        let path = dir.join(&relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Diagnostic::error(&shown, 0, 0, format!("cannot create `{relative}`: {e}")))?;
        }
        fs::write(&path, text).map_err(|e| Diagnostic::error(&shown, 0, 0, format!("cannot write `{relative}`: {e}")))?;
        written.push(path);
    }
    Ok(written)
}

/// ASCII words of `title` joined by `-`, lowercased (empty for Chinese).
fn ascii_slug(title: &str) -> String {
    title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

/// Creates the next numbered bulletin of the site at `root`, as a draft.
/// The value of a number written in Chinese (`十二`, `一百零五`, `两`) or
/// in Arabic digits, half- or full-width (`12`, `１２`); up to 9999.
fn number_in(text: &str) -> Option<u32> {
    let digits: String = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            c => c,
        })
        .collect();
    if let Ok(n) = digits.parse::<u32>() {
        return Some(n);
    }
    let digit = |c: char| {
        "零一二三四五六七八九".chars().position(|d| d == c).or(match c {
            '〇' => Some(0),
            '两' => Some(2),
            _ => None,
        })
    };
    let (mut total, mut pending) = (0u32, None::<u32>);
    for c in text.chars() {
        let scale = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            c => {
                pending = Some(digit(c)? as u32);
                continue;
            }
        };
        // `十二` is 12: a scale with no digit before it counts once.
        total += pending.take().unwrap_or(1) * scale;
    }
    let value = total + pending.unwrap_or(0);
    (value > 0).then_some(value)
}

/// The issue number a title names as `第N期` (`第四期`, `第12期`).
fn issue_in_title(title: &str) -> Option<u32> {
    let after = title.split('第').skip(1);
    after
        .filter_map(|rest| rest.split_once('期').map(|(n, _)| n.trim()))
        .find_map(number_in)
}

/// Scaffolds the next bulletin as a draft dated `today`: numbered as its
/// title says (`第四期`), else one after the highest number so far; a
/// title whose number is not the next one is warned. Returns its path and
/// the warnings.
pub fn new_briefing(root: &Path, title: &str, today: Date) -> Result<(PathBuf, Diagnostics), Diagnostic> {
    if title.trim().is_empty() {
        return Err(Diagnostic::error("content/briefings", 0, 0, "the title is empty").with_hint("pass --title 第九期"));
    }
    if !root.join("site.yaml").is_file() {
        return Err(
            Diagnostic::error("site.yaml", 0, 0, format!("no `site.yaml` in `{}`", root.display()))
                .with_hint("run it in a site folder, pass `--root DIR`, or start one with `briefing new site DIR`"),
        );
    }
    // Highest bulletin number so far, drafts included.
    let (paths, _) = walk_files(root, &root.join(BRIEFINGS_DIR), &[".md"]);
    let highest = paths
        .iter()
        .filter_map(|path| read_text(root, path).ok())
        .filter_map(|file| split(&file.text).ok().and_then(|s| parse::<BriefingFront>(&file.path, &s).ok()))
        .filter_map(|front| front.issue)
        .max()
        .unwrap_or(0);
    let mut notes = Diagnostics::new();
    let issue = match issue_in_title(title) {
        Some(named) => {
            if named != highest + 1 {
                notes.push(
                    Diagnostic::warning(
                        BRIEFINGS_DIR,
                        0,
                        0,
                        format!("the title says issue {named}, but the next issue is {}", highest + 1),
                    )
                    .with_hint(format!(
                        "the bulletin is numbered {named} as its title says; change `issue:` in the file if that is wrong"
                    )),
                );
            }
            named
        }
        None => highest + 1,
    };
    let mut problems = Vec::new();
    let data = crate::load::data::load(root, Default::default(), &mut problems);
    let as_of = growth::latest_period(&data.output.records);
    let slug = match ascii_slug(title) {
        s if s.is_empty() => format!("issue-{issue}"),
        s => s,
    };
    let relative = format!("{BRIEFINGS_DIR}/{today}-{slug}.md");
    let path = root.join(&relative);
    if path.exists() {
        return Err(
            Diagnostic::error(&relative, 0, 0, "the file already exists").with_hint("choose another title, or edit the existing file")
        );
    }
    let title_yaml = serde_json::to_string(title.trim()).unwrap_or_else(|_| format!("\"{}\"", title.trim()));
    let as_of_line = as_of.map(|p| format!("as_of: {p}\n")).unwrap_or_default();
    let text = format!(
        "---\ntitle: {title_yaml}\ndate: {today}\nkind: bulletin\nissue: {issue}\n{as_of_line}tags: []\nsummary: \"\"\ndraft: true\n---\n\n## 一、工作进展\n\n（在此撰写正文。数字请用 `{{{{ metric(name=\"problems.close_rate\") }}}}` 这样的写法，从数据中取值。）\n"
    );
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| Diagnostic::error(&relative, 0, 0, format!("cannot create the folder: {e}")))?;
    }
    fs::write(&path, text).map_err(|e| Diagnostic::error(&relative, 0, 0, format!("cannot write: {e}")))?;
    Ok((path, notes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_from_titles() {
        assert_eq!(ascii_slug("H1 Review, 2013"), "h1-review-2013");
        assert_eq!(ascii_slug("第九期简报"), "");
    }

    #[test]
    fn issue_numbers_in_titles() {
        assert_eq!(issue_in_title("第四期"), Some(4));
        assert_eq!(issue_in_title("联手帮扶工作简报 第十二期"), Some(12));
        assert_eq!(issue_in_title("第二十期"), Some(20));
        assert_eq!(issue_in_title("第一百零五期"), Some(105));
        assert_eq!(issue_in_title("第两百期"), Some(200));
        assert_eq!(issue_in_title("第12期"), Some(12));
        assert_eq!(issue_in_title("第１２期"), Some(12));
        assert_eq!(issue_in_title("第一季度工作 第3期"), Some(3));
        assert_eq!(issue_in_title("上半年工作讲评"), None);
        assert_eq!(issue_in_title("第零期"), None);
    }
}
