//! The projects chart: how many projects stand in each status, and their
//! planned investment.

use crate::derive::figures::{AsOf, ProjectCounts};
use crate::derive::locale::Locale;
use crate::load::data::{Data, Status};

use super::parts::{LINE_COLOR, NEUTRAL, amount_text, status_categories};
use super::{ChartSpec, DataTable, NoData, Series};

pub(super) fn by_status(w: &Locale, data: &Data, as_of: AsOf) -> Result<ChartSpec, NoData> {
    let counts = ProjectCounts::at(&data.projects.records, as_of.date);
    if counts.count == 0 {
        return Err(w.fill("chart_reason_no_projects", "这一日期没有项目", &[]));
    }
    let statuses = Status::ALL;
    // Investment is drawn in 亿元 (hundreds of millions of yuan).
    let yi = w.fill("chart_unit_yi", "亿元", &[]);
    let investment: Vec<Option<f64>> = statuses
        .iter()
        .map(|s| {
            let total: f64 = data
                .projects
                .records
                .iter()
                .filter(|p| p.status_at(as_of.date) == Some(*s))
                .map(|p| p.investment)
                .sum();
            Some(total / 10_000.0)
        })
        .collect();
    let colors = vec![
        "#8a94a6".to_string(),
        "#d97706".to_string(),
        "#2b6cb0".to_string(),
        "#15803d".to_string(),
    ];
    Ok(ChartSpec {
        id: "projects-by-status".into(),
        title: w.fill("chart_title_projects", "重点项目进展", &[]),
        categories: status_categories(w, &statuses),
        bars: vec![Series {
            name: w.unit_name(
                &w.fill("chart_project_count", "项目数", &[]),
                &w.fill("chart_unit_count", "个", &[]),
            ),
            color: NEUTRAL.into(),
            point_colors: Some(colors),
            values: statuses.iter().map(|s| Some(counts.of(*s) as f64)).collect(),
        }],
        stacked: false,
        horizontal: false,
        lines: vec![Series {
            name: w.unit_name(&w.fill("chart_investment", "计划投资", &[]), &yi),
            color: LINE_COLOR.into(),
            point_colors: None,
            values: investment.clone(),
        }],
        bar_unit: w.fill("chart_unit_count", "个", &[]),
        line_unit: yi.clone(),
        connect: false,
        summary: w.fill(
            "chart_summary_projects",
            "截至{date}，重点项目{count}个，其中在建{started}个、建成{built}个、投产{producing}个，计划总投资{investment}。",
            &[
                ("date", &w.date(as_of.date)),
                ("count", &counts.count.to_string()),
                ("started", &counts.started.to_string()),
                ("built", &counts.built.to_string()),
                ("producing", &counts.producing.to_string()),
                ("investment", &w.investment_total(counts.investment)),
            ],
        ),
        caption: String::new(),
        table: DataTable {
            headers: vec![
                w.fill("chart_status", "状态", &[]),
                w.fill("chart_project_count", "项目数", &[]),
                w.unit_name(&w.fill("chart_investment", "计划投资", &[]), &yi),
            ],
            rows: statuses
                .iter()
                .enumerate()
                .map(|(n, s)| {
                    vec![
                        w.status_name(Some(*s)).to_string(),
                        counts.of(*s).to_string(),
                        amount_text(investment[n]),
                    ]
                })
                .collect(),
        },
    })
}
