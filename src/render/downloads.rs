//! The registers as files to download — `/problems/problems.csv` and
//! `.xlsx`, the same for `/projects/` and `/units/` — holding what their
//! pages show as of the latest data, in the build's language; and the data
//! of every chart as `/charts/<id>.csv`. Made from the derived views, so a
//! download and its page never disagree.

use std::collections::HashMap;

use crate::calendar::Date;
use crate::derive::charts::ChartSpec;
use crate::derive::locale::Locale;
use crate::derive::views::Views;
use crate::load::data::Data;
use crate::routes::{Route, Section};
use crate::sheets::{Sheet, Value, csv_bytes, xlsx_bytes};

/// A register offered for download.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Register {
    Problems,
    Projects,
    Units,
}

impl Register {
    pub(crate) const ALL: [Register; 3] = [Register::Problems, Register::Projects, Register::Units];

    /// The section of the site the register is downloaded from.
    pub(crate) fn section(self) -> Section {
        match self {
            Register::Problems => Section::Problems,
            Register::Projects => Section::Projects,
            Register::Units => Section::Units,
        }
    }

    /// The register's folder and file name (`problems`).
    pub(crate) fn name(self) -> &'static str {
        self.section().segment()
    }
}

/// The form of a download.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Form {
    Csv,
    Xlsx,
}

impl Form {
    pub(crate) const ALL: [Form; 2] = [Form::Csv, Form::Xlsx];

    pub(crate) fn extension(self) -> &'static str {
        match self {
            Form::Csv => "csv",
            Form::Xlsx => "xlsx",
        }
    }
}

/// The download of `register` in `form`.
pub(crate) fn route(register: Register, form: Form) -> Route {
    Route::download(register.section(), form.extension())
}

fn text(value: &str) -> Value {
    if value.is_empty() {
        Value::Empty
    } else {
        Value::Text(value.to_string())
    }
}

fn yes_no(locale: &Locale, yes: bool) -> Value {
    if yes {
        Value::Text(locale.text("download_yes"))
    } else {
        Value::Empty
    }
}

/// Closed ÷ raised in percent, one decimal (empty when nothing was raised).
fn rate(closed: usize, raised: usize) -> Value {
    if raised == 0 {
        return Value::Empty;
    }
    Value::Number((closed as f64 * 1000.0 / raised as f64).round() / 10.0)
}

/// The sheet of `register` as its page shows it (dates taken from `data`,
/// so that a spreadsheet sorts them).
pub(crate) fn register_sheet(register: Register, views: &Views, data: &Data, locale: &Locale) -> Sheet {
    let t = |key: &str| locale.text(key);
    // Lists in a cell as a clerk types them (and as the loader reads them).
    let separator = if locale.code().starts_with("zh") { "、" } else { ", " };
    let join = |names: &mut dyn Iterator<Item = &str>| names.collect::<Vec<_>>().join(separator);
    let (headers, widths, rows): (Vec<String>, Vec<f64>, Vec<Vec<Value>>) = match register {
        Register::Problems => {
            let dates: HashMap<&str, (Date, Option<Date>, Option<Date>)> = data
                .problems
                .records
                .iter()
                .map(|p| (p.id.as_str(), (p.raised, p.closed, p.extended)))
                .collect();
            (
                vec![
                    t("col_number"),
                    t("col_enterprise"),
                    t("col_raised_on"),
                    t("col_problem"),
                    t("col_key"),
                    t("col_units"),
                    t("col_status"),
                    t("col_closed_on"),
                    t("col_extended_on"),
                ],
                vec![10.0, 16.0, 12.0, 48.0, 6.0, 24.0, 8.0, 12.0, 12.0],
                views
                    .problems
                    .iter()
                    .map(|p| {
                        let dates = dates.get(p.id.as_str()).copied();
                        let raised = dates.map(|d| d.0);
                        let (closed, extended) = (dates.and_then(|d| d.1), dates.and_then(|d| d.2));
                        vec![
                            text(&p.id),
                            text(&p.enterprise.name),
                            raised.map_or_else(|| text(&p.raised), Value::Date),
                            text(&p.summary),
                            yes_no(locale, p.key),
                            text(&join(&mut p.units.iter().map(|u| u.name.as_str()))),
                            text(p.state_name),
                            // Shown only once closed (extended) by the page's date.
                            closed.filter(|_| !p.closed.is_empty()).map_or(Value::Empty, Value::Date),
                            extended.filter(|_| !p.extended.is_empty()).map_or(Value::Empty, Value::Date),
                        ]
                    })
                    .collect(),
            )
        }
        Register::Projects => (
            vec![
                t("col_number"),
                t("col_project"),
                t("col_industry"),
                t("col_enterprise"),
                t("col_investment_wan"),
                t("col_location"),
                t("col_status"),
                t("col_latest"),
            ],
            vec![18.0, 28.0, 12.0, 16.0, 12.0, 14.0, 8.0, 40.0],
            views
                .projects
                .iter()
                .map(|p| {
                    vec![
                        text(&p.id),
                        text(&p.name),
                        text(&p.industry.name),
                        p.enterprise.as_ref().map_or(Value::Empty, |e| text(&e.name)),
                        Value::Number(p.investment),
                        text(&p.location),
                        text(p.status_name),
                        text(&p.latest_note),
                    ]
                })
                .collect(),
        ),
        Register::Units => (
            vec![
                t("col_number"),
                t("col_unit"),
                t("col_leads"),
                t("col_helps"),
                t("col_handled"),
                t("col_closed"),
                t("col_extended"),
                t("col_open"),
                t("col_close_rate_percent"),
                t("col_visits"),
                t("col_joint_visits"),
                t("col_plans_missing"),
                t("col_overdue"),
            ],
            vec![16.0, 20.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 10.0, 8.0, 8.0, 8.0, 8.0],
            views
                .units
                .iter()
                .map(|u| {
                    // A figure of a file the site does not keep is an
                    // empty cell, not a zero.
                    let number = |n: Option<usize>| n.map_or(Value::Empty, |n| Value::Number(n as f64));
                    let counts = u.problem_counts.as_ref();
                    vec![
                        text(&u.id),
                        text(&u.name),
                        Value::Number(u.leads.len() as f64),
                        Value::Number(u.helps.len() as f64),
                        number(counts.map(|c| c.raised)),
                        number(counts.map(|c| c.closed)),
                        number(counts.map(|c| c.extended)),
                        number(counts.map(|c| c.open)),
                        counts.map_or(Value::Empty, |c| rate(c.closed, c.raised)),
                        number(u.score.visits),
                        number(u.score.joint_visits),
                        number(u.score.plans_missing),
                        number(u.score.overdue),
                    ]
                })
                .collect(),
        ),
    };
    Sheet {
        name: t(&format!("{}_title", register.name())),
        headers,
        widths,
        rows,
    }
}

/// The table of a chart — the numbers it draws — as a sheet.
pub(crate) fn chart_sheet(spec: &ChartSpec) -> Sheet {
    let rows = spec
        .table
        .rows
        .iter()
        .map(|row| row.iter().map(|cell| cell_of(cell)).collect())
        .collect();
    Sheet {
        name: spec.id.clone(),
        headers: spec.table.headers.clone(),
        widths: Vec::new(),
        rows,
    }
}

/// A cell of a chart's table: a plain number as a number, the rest (a
/// period, `—`) as text.
fn cell_of(cell: &str) -> Value {
    if cell == "—" {
        return Value::Empty;
    }
    match cell.parse::<f64>() {
        Ok(number) if number.is_finite() => Value::Number(number),
        _ => text(cell),
    }
}

/// The bytes of `sheet` in `form`; a workbook says it was made on `date`.
pub(crate) fn bytes(sheet: &Sheet, form: Form, date: Date) -> Result<Vec<u8>, String> {
    match form {
        Form::Csv => Ok(csv_bytes(sheet)),
        Form::Xlsx => xlsx_bytes(std::slice::from_ref(sheet), date),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_are_percent_with_one_decimal() {
        assert_eq!(rate(328, 475), Value::Number(69.1));
        assert_eq!(rate(0, 0), Value::Empty);
    }

    #[test]
    fn chart_cells_are_numbers_where_they_are() {
        assert_eq!(cell_of("26.00"), Value::Number(26.0));
        assert_eq!(cell_of("-5.0"), Value::Number(-5.0));
        assert_eq!(cell_of("2013年6月"), Value::Text("2013年6月".into()));
        assert_eq!(cell_of(""), Value::Empty);
        assert_eq!(cell_of("—"), Value::Empty);
    }

    #[test]
    fn paths_follow_design() {
        assert_eq!(route(Register::Problems, Form::Csv).path(), "/problems/problems.csv");
        assert_eq!(route(Register::Units, Form::Xlsx).path(), "/units/units.xlsx");
    }
}
