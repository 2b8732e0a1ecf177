//! Output figures over periods: values, year-on-year growth computed from
//! the same period a year earlier (a stated `*_yoy` wins in display), and
//! the change of growth against the previous period.

use crate::calendar::{Date, Period};
use crate::load::data::{Measure, Output, OutputPeriod};

pub(crate) fn find(output: &Output, period: Period) -> Option<&OutputPeriod> {
    output.periods.iter().find(|p| p.period == period)
}

/// The key of the sum over all industries (四大产业合计).
pub(crate) const INDUSTRIES: &str = "industries";

/// Year-to-date value of `key` (`total`, an industry id, or
/// [`INDUSTRIES`] for the sum of the industries given) in `period`.
pub(crate) fn value(output: &Output, measure: Measure, key: &str, period: Period) -> Option<f64> {
    let values = measure.values(find(output, period)?);
    if key == INDUSTRIES {
        let mut parts = values.iter().filter(|(k, _)| *k != "total").map(|(_, v)| *v).peekable();
        parts.peek()?;
        return Some(parts.sum());
    }
    values.get(key).copied()
}

/// Growth (%) computed from the same period a year earlier.
pub(crate) fn computed_yoy(output: &Output, measure: Measure, key: &str, period: Period) -> Option<f64> {
    if key == INDUSTRIES {
        // Sums compare only over the same industries.
        let industries = |p: Period| find(output, p).map(|p| measure.values(p).keys().filter(|k| *k != "total").collect::<Vec<_>>());
        if industries(period) != industries(period.year_before()) {
            return None;
        }
    }
    let now = value(output, measure, key, period)?;
    let before = value(output, measure, key, period.year_before())?;
    (before > 0.0).then(|| (now / before - 1.0) * 100.0)
}

/// Growth (%) as displayed: the stated value if any, else the computed one.
pub(crate) fn yoy(output: &Output, measure: Measure, key: &str, period: Period) -> Option<f64> {
    find(output, period)
        .and_then(|p| measure.stated_yoy(p).get(key).copied())
        .or_else(|| computed_yoy(output, measure, key, period))
}

/// The latest period of the data before `period`.
pub(crate) fn previous_period(output: &Output, period: Period) -> Option<Period> {
    output.periods.iter().map(|p| p.period).filter(|p| *p < period).max()
}

/// Growth now minus growth in the previous period, in percentage points.
pub(crate) fn yoy_change(output: &Output, measure: Measure, key: &str, period: Period) -> Option<f64> {
    let now = yoy(output, measure, key, period)?;
    let before = yoy(output, measure, key, previous_period(output, period)?)?;
    Some(now - before)
}

/// The latest period whose last day is on or before `date`.
pub(crate) fn latest_period_not_after(output: &Output, date: Date) -> Option<Period> {
    output.periods.iter().map(|p| p.period).filter(|p| p.last_day() <= date).max()
}

/// The latest period of the data.
pub(crate) fn latest_period(output: &Output) -> Option<Period> {
    output.periods.iter().map(|p| p.period).max()
}

/// All periods in order.
pub(crate) fn periods(output: &Output) -> Vec<Period> {
    let mut periods: Vec<Period> = output.periods.iter().map(|p| p.period).collect();
    periods.sort();
    periods.dedup();
    periods
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn period(text: &str, total: f64, stated: Option<f64>) -> OutputPeriod {
        OutputPeriod {
            period: text.parse().unwrap(),
            gross_output: BTreeMap::from([("total".to_string(), total)]),
            value_added: BTreeMap::new(),
            gross_output_yoy: stated.map(|s| BTreeMap::from([("total".to_string(), s)])).unwrap_or_default(),
            value_added_yoy: BTreeMap::new(),
        }
    }

    fn output() -> Output {
        Output {
            unit: "亿元".into(),
            periods: vec![
                period("2012-05", 40.0, None),
                period("2012-06", 50.0, None),
                period("2013-05", 60.0, None),
                period("2013-06", 75.0, Some(48.0)),
            ],
        }
    }

    #[test]
    fn growth_against_a_year_earlier() {
        let o = output();
        let p = |t: &str| t.parse::<Period>().unwrap();
        // 60 / 40 - 1 = 50 %
        assert!((computed_yoy(&o, Measure::GrossOutput, "total", p("2013-05")).unwrap() - 50.0).abs() < 1e-9);
        // 75 / 50 - 1 = 50 % computed, 48 % stated: the stated one wins.
        assert!((computed_yoy(&o, Measure::GrossOutput, "total", p("2013-06")).unwrap() - 50.0).abs() < 1e-9);
        assert_eq!(yoy(&o, Measure::GrossOutput, "total", p("2013-06")), Some(48.0));
        assert_eq!(yoy(&o, Measure::GrossOutput, "total", p("2012-06")), None);
        // 48 - 50 = -2 points against 2013-05.
        assert!((yoy_change(&o, Measure::GrossOutput, "total", p("2013-06")).unwrap() + 2.0).abs() < 1e-9);
    }

    #[test]
    fn latest_period_not_after_a_date() {
        let o = output();
        let d = |t: &str| t.parse::<Date>().unwrap();
        assert_eq!(latest_period_not_after(&o, d("2013-07-20")).unwrap().to_string(), "2013-06");
        assert_eq!(latest_period_not_after(&o, d("2013-06-29")).unwrap().to_string(), "2013-05");
        assert_eq!(latest_period_not_after(&o, d("2013-06-30")).unwrap().to_string(), "2013-06");
        assert_eq!(latest_period_not_after(&o, d("2012-01-01")), None);
    }
}
