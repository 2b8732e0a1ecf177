//! One cell of a register read as a field: dates typed as Excel dates or
//! as text in the ways offices type them, yes/no in Chinese, statuses in
//! Chinese, lists separated by `、`. A cell that cannot be read gives a
//! message and a hint for its diagnostic.

use serde_json::Value as Json;

use super::schema::Kind;
use crate::calendar::{Date, Period};
use crate::sheets::Cell;
use crate::sheets::limits::{MAX_TEXT, thousands};

/// Why a cell could not be read: message and hint.
pub(crate) type CellError = (String, String);

/// The value of `cell` as the field kind `kind` wants it, as JSON for the
/// record's fields; `None` for an empty cell.
pub(crate) fn read(cell: &Cell, kind: Kind) -> Result<Option<Json>, CellError> {
    if cell.is_empty() {
        return Ok(None);
    }
    if let Some(problem) = unreadable(cell) {
        return Err(problem);
    }
    let text = cell.text();
    let value = match kind {
        Kind::Text => Json::String(text),
        Kind::Id => Json::String(text),
        Kind::Number => {
            let n = number(cell)?;
            // Whole numbers as integers: counts are read into integer fields.
            if n.fract() == 0.0 && n.abs() < 9e15 {
                Json::from(n as i64)
            } else {
                Json::from(n)
            }
        }
        Kind::Bool => Json::Bool(boolean(cell)?),
        Kind::Date => Json::String(date(cell)?.to_string()),
        Kind::Period => Json::String(period(cell)?.to_string()),
        Kind::List => Json::Array(list(&text).into_iter().map(Json::String).collect()),
        Kind::ProjectStatus => Json::String(project_status(&text)?.to_string()),
        Kind::StatusList => Json::Array(
            list(&text)
                .iter()
                .map(|word| project_status(word).map(Json::from))
                .collect::<Result<_, _>>()?,
        ),
        Kind::ProblemStatus => Json::String(problem_status(&text)?.to_string()),
    };
    Ok(Some(value))
}

/// Why `cell` holds no value that can be read, if it does not: a formula
/// error, a formula saved without its value, a text longer than a cell
/// holds.
pub(crate) fn unreadable(cell: &Cell) -> Option<CellError> {
    match cell {
        Cell::Error(error) => Some((
            format!("the cell holds an error (`{error}`)"),
            "fix the formula or type the value".to_string(),
        )),
        Cell::Formula(formula) => Some((
            format!("the cell holds the formula `={formula}` without its value"),
            "the workbook was saved by a program that does not compute formulas: open it in Excel or WPS and save it, or type the value"
                .to_string(),
        )),
        Cell::TooLong(chars) => Some((
            format!(
                "the cell holds {} characters, more than the {} a cell may hold",
                thousands(*chars),
                thousands(MAX_TEXT)
            ),
            "shorten the text (Excel and WPS cannot hold it either)".to_string(),
        )),
        _ => None,
    }
}

/// A number: a number cell, or text such as `3,500` or `21.5%`. A unit
/// typed after the number (`1.2万`, `3500万元`) is refused rather than
/// guessed: the unit is the column's, and a wrong guess is off by 10,000.
pub(crate) fn number(cell: &Cell) -> Result<f64, CellError> {
    if let Cell::Number(n) = cell {
        return Ok(*n);
    }
    if let Some(problem) = unreadable(cell) {
        return Err(problem);
    }
    let text = cell.text();
    let trimmed = text.trim();
    let digits: String = trimmed
        .strip_suffix(['%', '％'])
        .unwrap_or(trimmed)
        .chars()
        .filter(|c| *c != ',' && *c != '，' && !c.is_whitespace())
        .collect();
    digits.parse::<f64>().ok().filter(|n| n.is_finite()).ok_or_else(|| {
        (
            format!("`{text}` is not a number"),
            "type the number alone, e.g. 3500: the unit is the column's (in its header)".to_string(),
        )
    })
}

fn boolean(cell: &Cell) -> Result<bool, CellError> {
    match cell {
        Cell::Bool(b) => Ok(*b),
        Cell::Number(n) if *n == 1.0 => Ok(true),
        Cell::Number(n) if *n == 0.0 => Ok(false),
        _ => match cell.text().to_lowercase().as_str() {
            "是" | "√" | "✓" | "y" | "yes" | "true" | "1" | "重点" => Ok(true),
            "否" | "×" | "n" | "no" | "false" | "0" => Ok(false),
            other => Err((
                format!("`{other}` is not yes or no"),
                "write 是 or 否 (or leave the cell empty for 否)".to_string(),
            )),
        },
    }
}

/// A date: an Excel date, or text `2013-07-20`, `2013/7/20`, `2013.7.20`,
/// `2013年7月20日`.
pub(crate) fn date(cell: &Cell) -> Result<Date, CellError> {
    if let Cell::Date(date) = cell {
        return Ok(*date);
    }
    if let Some(problem) = unreadable(cell) {
        return Err(problem);
    }
    let text = cell.text();
    let parts: Vec<&str> = text
        .trim_end_matches('日')
        .split(['-', '/', '.', '年', '月'])
        .filter(|p| !p.is_empty())
        .collect();
    let parsed = match parts.as_slice() {
        [y, m, d] if y.len() == 4 => match (y.parse(), m.parse(), d.parse()) {
            (Ok(y), Ok(m), Ok(d)) => Date::new(y, m, d),
            _ => None,
        },
        _ => None,
    };
    parsed.ok_or_else(|| {
        (
            format!("`{text}` is not a date"),
            "type a date such as 2013-07-20 (or let Excel format the cell as a date)".to_string(),
        )
    })
}

/// A data period: text `2013-06`, `2013年6月`, `2013年1-6月`, or a date
/// (Excel turns `2013-06` typed into a cell into the 1st of June).
pub(crate) fn period(cell: &Cell) -> Result<Period, CellError> {
    if let Cell::Date(date) = cell {
        return Period::new(date.year, date.month).ok_or_else(|| {
            (
                format!("`{date}` is not a period"),
                "type the year and month, e.g. 2013-06 or 2013年6月".to_string(),
            )
        });
    }
    if let Some(problem) = unreadable(cell) {
        return Err(problem);
    }
    if let Cell::Number(n) = cell {
        return Err((
            format!("`{n}` is a number, not a period"),
            "type the period as text, e.g. 2013-10 (as a number, 2013.10 is 2013.1)".to_string(),
        ));
    }
    let text = cell.text();
    // 2013年1-6月: the year to date ends in June.
    let cleaned = text.replace("年1-", "年").replace("年1—", "年").replace("年1–", "年");
    let parts: Vec<&str> = cleaned
        .trim_end_matches('月')
        .split(['-', '/', '.', '年'])
        .filter(|p| !p.is_empty())
        .collect();
    let parsed = match parts.as_slice() {
        [y, m] if y.len() == 4 => match (y.parse(), m.parse()) {
            (Ok(y), Ok(m)) => Period::new(y, m),
            _ => None,
        },
        _ => None,
    };
    parsed.ok_or_else(|| {
        (
            format!("`{text}` is not a data period"),
            "type the year and month, e.g. 2013-06 or 2013年6月".to_string(),
        )
    })
}

/// The items of a list cell: separated by `、`, `,`, `，`, `;`, `；` or line
/// breaks.
pub(crate) fn list(text: &str) -> Vec<String> {
    text.split(['、', ',', '，', ';', '；', '\n'])
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_string)
        .collect()
}

fn project_status(text: &str) -> Result<&'static str, CellError> {
    match text.trim().to_lowercase().as_str() {
        "planned" | "前期" | "谋划" => Ok("planned"),
        "started" | "在建" | "开工" | "已开工" => Ok("started"),
        "built" | "建成" | "竣工" | "已建成" => Ok("built"),
        "producing" | "投产" | "已投产" => Ok("producing"),
        other => Err((
            format!("`{other}` is not a project status"),
            "write 前期, 在建, 建成 or 投产 (planned, started, built, producing)".to_string(),
        )),
    }
}

fn problem_status(text: &str) -> Result<&'static str, CellError> {
    match text.trim().to_lowercase().as_str() {
        "open" | "在办" | "办理中" | "未销号" => Ok("open"),
        "closed" | "已销号" | "销号" | "已办结" | "办结" => Ok("closed"),
        "extended" | "延期" | "延期销号" => Ok("extended"),
        other => Err((
            format!("`{other}` is not a problem status"),
            "write 在办, 已销号 or 延期 (open, closed, extended)".to_string(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Cell {
        Cell::Text(t.to_string())
    }

    #[test]
    fn dates_as_offices_type_them() {
        let want: Date = "2013-07-20".parse().unwrap();
        for typed in ["2013-07-20", "2013/7/20", "2013.7.20", "2013年7月20日", " 2013-7-20 "] {
            assert_eq!(date(&text(typed)), Ok(want), "{typed}");
        }
        assert_eq!(date(&Cell::Date(want)), Ok(want));
        for bad in ["7月20日", "2013-02-30", "明天", "20130720"] {
            assert!(date(&text(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn periods_as_offices_type_them() {
        let want: Period = "2013-06".parse().unwrap();
        for typed in ["2013-06", "2013年6月", "2013年1-6月", "2013/06", "2013.6"] {
            assert_eq!(period(&text(typed)), Ok(want), "{typed}");
        }
        let november: Period = "2011-11".parse().unwrap();
        for typed in ["2011-11", "2011年1-11月"] {
            assert_eq!(period(&text(typed)), Ok(november), "{typed}");
        }
        // 2013.1 may be January or October (2013.10 as a number): refused.
        assert!(period(&Cell::Number(2013.1)).is_err());
        assert_eq!(period(&Cell::Date("2013-06-01".parse().unwrap())), Ok(want));
        assert!(period(&text("上半年")).is_err());
    }

    #[test]
    fn yes_no_lists_and_statuses_in_chinese() {
        assert_eq!(read(&text("是"), Kind::Bool), Ok(Some(Json::Bool(true))));
        assert_eq!(read(&Cell::Number(0.0), Kind::Bool), Ok(Some(Json::Bool(false))));
        assert!(read(&text("也许"), Kind::Bool).is_err());
        assert_eq!(list("commerce、water, power，town"), ["commerce", "water", "power", "town"]);
        assert_eq!(read(&text("已销号"), Kind::ProblemStatus), Ok(Some(Json::from("closed"))));
        assert_eq!(read(&text("在建"), Kind::ProjectStatus), Ok(Some(Json::from("started"))));
        assert!(read(&text("完工了"), Kind::ProjectStatus).is_err());
        assert_eq!(read(&text("  "), Kind::Text), Ok(None));
        assert_eq!(number(&text("3,500")), Ok(3500.0));
        assert!(number(&text("3500万元")).is_err());
        assert!(number(&text("1.2万")).is_err());
        assert_eq!(number(&text(" 21.5% ")), Ok(21.5));
        assert!(number(&text("三千五")).is_err());
    }

    #[test]
    fn formulas_without_values_and_overlong_texts_are_refused() {
        let formula = Cell::Formula("IF(B2>0,\"是\",\"否\")".into());
        for kind in [Kind::Bool, Kind::Text, Kind::Number, Kind::Date, Kind::Period, Kind::List] {
            let (message, _) = read(&formula, kind).unwrap_err();
            assert_eq!(message, "the cell holds the formula `=IF(B2>0,\"是\",\"否\")` without its value");
        }
        assert!(number(&formula).is_err() && date(&formula).is_err() && period(&formula).is_err());
        let (message, _) = read(&Cell::TooLong(40_000), Kind::Text).unwrap_err();
        assert_eq!(message, "the cell holds 40,000 characters, more than the 32,767 a cell may hold");
    }
}
