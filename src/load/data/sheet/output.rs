//! `output.xlsx` (or `.csv`) as the statistics bureau sends it: one sheet
//! per measure (`规模工业总产值`, `工业增加值`, or their field names), one
//! row per period (first column 期间), one column per industry (by id or
//! name) and the total (合计), and growth columns `<industry> 同比`. A
//! single table with a 指标 column naming each row's measure reads too
//! (the only form a CSV file can take).

use std::collections::BTreeMap;

use super::cells;
use super::schema::{GROWTH_SUFFIXES, OUTPUT_SHEETS, PERIOD_LABELS, TOTAL_LABELS, normalise};
use super::spot;
use crate::calendar::Period;
use crate::diagnostics::Diagnostic;
use crate::load::data::model::{Industry, Output, OutputPeriod};
use crate::load::data::place::{CellRef, RecordPlace, SheetPlaces};
use crate::sheets::{Cell, Table};

/// Headers of the column that names a row's measure, in the one-table form.
const MEASURE_LABELS: &[&str] = &["指标", "measure"];

/// The measure named `text` (`gross_output` or `规模工业总产值`).
fn measure_of(text: &str) -> Option<&'static str> {
    let wanted = normalise(text);
    OUTPUT_SHEETS
        .iter()
        .find(|(field, label)| normalise(field) == wanted || normalise(label) == wanted)
        .map(|(field, _)| *field)
}

/// What a column of an output table holds.
#[derive(Debug, Clone, PartialEq)]
enum Role {
    Period,
    Measure,
    /// A value of `key` (`total` or an industry id); growth when `true`.
    Value(String, bool),
    Ignored,
}

/// The role of a header cell; industries are named by id or name.
fn role(header: &str, industries: &[Industry]) -> Role {
    let text = header.trim();
    let plain = normalise(text);
    if plain.is_empty() || matches!(plain.as_str(), "序号" | "单位") {
        return Role::Ignored;
    }
    if PERIOD_LABELS.iter().any(|l| normalise(l) == plain) {
        return Role::Period;
    }
    if MEASURE_LABELS.iter().any(|l| normalise(l) == plain) {
        return Role::Measure;
    }
    let (name, growth) = match GROWTH_SUFFIXES.iter().find_map(|s| plain.strip_suffix(&normalise(s))) {
        Some(rest) => (rest.trim_end_matches(['_', '-', '·']).to_string(), true),
        None => (plain.clone(), false),
    };
    let key = if TOTAL_LABELS.iter().any(|l| normalise(l) == name) {
        "total".to_string()
    } else {
        industries
            .iter()
            .find(|i| normalise(&i.id) == name || normalise(&i.name) == name)
            .map_or(name, |i| i.id.clone())
    };
    Role::Value(key, growth)
}

/// The unit written in a header's brackets (`合计（亿元）`), if any.
fn unit_of(header: &str) -> Option<String> {
    let open = header.find(['(', '（'])?;
    let rest = &header[open..];
    let inner = rest.trim_start_matches(['(', '（']);
    let close = inner.find([')', '）'])?;
    let unit = inner[..close].trim();
    (!unit.is_empty() && unit != "%").then(|| unit.to_string())
}

/// Reads `output` from `tables`; `industries` name the columns.
pub(crate) fn read_output(path: &str, tables: &[Table], industries: &[Industry], problems: &mut Vec<Diagnostic>) -> (Output, SheetPlaces) {
    let mut periods: BTreeMap<Period, (OutputPeriod, RecordPlace)> = BTreeMap::new();
    let mut unit: Option<String> = None;
    let mut read_any = false;
    for table in tables {
        let sheet_measure = measure_of(&table.name);
        let Some(header_row) = table
            .rows
            .iter()
            .take(super::HEADER_SEARCH)
            .position(|r| r.iter().any(|c| role(&c.text(), industries) == Role::Period))
        else {
            if sheet_measure.is_some() || tables.len() == 1 {
                problems.push(
                    Diagnostic::error_at(path, spot(table, 0, 0), "no header row with a 期间 (period) column")
                        .with_hint("head the first column 期间 and the others 合计 and the industries (by name or id)"),
                );
            }
            continue;
        };
        let roles: Vec<Role> = table.rows[header_row].iter().map(|c| role(&c.text(), industries)).collect();
        let has_measure_column = roles.contains(&Role::Measure);
        if sheet_measure.is_none() && !has_measure_column {
            problems.push(
                Diagnostic::warning_at(
                    path,
                    spot(table, header_row, 0),
                    format!("sheet `{}` names no measure; it is not read", table.name),
                )
                .with_hint("name the sheet 规模工业总产值 or 工业增加值, or add a 指标 column"),
            );
            continue;
        }
        read_any = true;
        for cell in &table.rows[header_row] {
            if let Some(found) = unit_of(&cell.text()) {
                unit.get_or_insert(found);
            }
        }
        for (row, cells) in table.rows.iter().enumerate().skip(header_row + 1) {
            if cells.iter().all(Cell::is_empty) {
                continue;
            }
            let at = |column: usize| CellRef {
                sheet: table.name.clone(),
                row,
                column,
            };
            let Some(period_column) = roles.iter().position(|r| *r == Role::Period) else {
                continue;
            };
            let period = match cells::period(table.cell(row, period_column)) {
                Ok(period) => period,
                Err((message, hint)) => {
                    problems.push(Diagnostic::error_at(path, spot(table, row, period_column), format!("期间: {message}")).with_hint(hint));
                    continue;
                }
            };
            let measure = match roles.iter().position(|r| *r == Role::Measure) {
                Some(column) => match measure_of(&table.cell(row, column).text()) {
                    Some(measure) => measure,
                    None => {
                        problems.push(
                            Diagnostic::error_at(
                                path,
                                spot(table, row, column),
                                format!("`{}` is not a measure", table.cell(row, column).text()),
                            )
                            .with_hint("write 规模工业总产值 or 工业增加值"),
                        );
                        continue;
                    }
                },
                None => sheet_measure.unwrap_or("gross_output"),
            };
            let (record, place) = periods.entry(period).or_insert_with(|| {
                (
                    OutputPeriod {
                        period,
                        gross_output: Default::default(),
                        value_added: Default::default(),
                        gross_output_yoy: Default::default(),
                        value_added_yoy: Default::default(),
                    },
                    RecordPlace {
                        row: at(period_column),
                        fields: [("period".to_string(), at(period_column))].into(),
                        nested: Vec::new(),
                    },
                )
            });
            for (column, role) in roles.iter().enumerate() {
                let Role::Value(key, growth) = role else { continue };
                let cell = table.cell(row, column);
                if cell.is_empty() {
                    continue;
                }
                let value = match cells::number(cell) {
                    Ok(value) => value,
                    Err((message, hint)) => {
                        problems.push(Diagnostic::error_at(path, spot(table, row, column), message).with_hint(hint));
                        continue;
                    }
                };
                let (map, name) = match (measure, growth) {
                    ("gross_output", false) => (&mut record.gross_output, "gross_output"),
                    ("gross_output", true) => (&mut record.gross_output_yoy, "gross_output_yoy"),
                    (_, false) => (&mut record.value_added, "value_added"),
                    (_, true) => (&mut record.value_added_yoy, "value_added_yoy"),
                };
                map.insert(key.clone(), value);
                place.fields.insert(format!("{name}.{key}"), at(column));
            }
        }
    }
    if !read_any && problems.iter().all(|p| !p.is_error()) && !tables.is_empty() {
        problems.push(
            Diagnostic::error(path, 0, 0, "no sheet of output figures")
                .with_hint("name the sheets 规模工业总产值 and 工业增加值, each with 期间, 合计 and the industries as columns"),
        );
    }
    let mut places = SheetPlaces::default();
    let mut output = Output {
        unit: unit.unwrap_or_else(|| Output::default().unit),
        periods: Vec::new(),
    };
    for (_, (period, place)) in periods {
        output.periods.push(period);
        places.records.push(place);
    }
    (output, places)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn industries() -> Vec<Industry> {
        vec![Industry {
            id: "food".into(),
            name: "食品加工".into(),
            description: None,
            color: None,
        }]
    }

    #[test]
    fn columns_by_name_or_id_and_growth() {
        let all = industries();
        assert_eq!(role("期间", &all), Role::Period);
        assert_eq!(role("合计（亿元）", &all), Role::Value("total".into(), false));
        assert_eq!(role("食品加工", &all), Role::Value("food".into(), false));
        assert_eq!(role("food", &all), Role::Value("food".into(), false));
        assert_eq!(role("食品加工 同比", &all), Role::Value("food".into(), true));
        assert_eq!(role("合计同比（%）", &all), Role::Value("total".into(), true));
        assert_eq!(
            role("纺织", &all),
            Role::Value("纺织".into(), false),
            "checked later, with did-you-mean"
        );
        assert_eq!(unit_of("合计（亿元）").as_deref(), Some("亿元"));
        assert_eq!(unit_of("同比（%）"), None);
    }

    fn text(t: &str) -> Cell {
        Cell::Text(t.into())
    }

    #[test]
    fn a_sheet_per_measure_or_one_table_with_a_measure_column() {
        let sheet = Table {
            name: "规模工业总产值".into(),
            rows: vec![
                vec![text("期间"), text("合计（亿元）"), text("食品加工"), text("合计 同比")],
                vec![text("2013年1-6月"), Cell::Number(60.0), Cell::Number(25.0), Cell::Number(20.0)],
                vec![],
            ],
        };
        let mut problems = Vec::new();
        let (output, places) = read_output("content/data/output.xlsx", &[sheet], &industries(), &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(output.unit, "亿元");
        assert_eq!(output.periods.len(), 1);
        assert_eq!(output.periods[0].gross_output["food"], 25.0);
        assert_eq!(output.periods[0].gross_output_yoy["total"], 20.0);
        assert_eq!(places.records[0].fields["gross_output.food"].column, 2);
        let long = Table {
            name: String::new(),
            rows: vec![
                vec![text("期间"), text("指标"), text("合计")],
                vec![text("2013-06"), text("规模工业总产值"), text("60")],
                vec![text("2013-06"), text("工业增加值"), text("16")],
                vec![text("2013-06"), text("税收"), text("3")],
            ],
        };
        let (output, _) = read_output("content/data/output.csv", &[long], &industries(), &mut problems);
        assert_eq!(output.periods[0].value_added["total"], 16.0);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].location(), "content/data/output.csv:B4");
    }
}
