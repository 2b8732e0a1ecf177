//! A figure ready to show: its value, and its text as the site writes it
//! (`26.00亿元`, `30.0%`, `回落5.0个百分点`, `34`, `—`), with the decimals a
//! `metric(…, digits=N)` asks for.

use serde::Serialize;

use crate::derive::format::tidy;
use crate::derive::locale::Locale;
use crate::load::data::Data;
use crate::load::shortcodes::{Arg, Call};

/// A figure ready to show: its value, its text and how it is written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub(crate) value: f64,
    pub(crate) text: String,
    #[serde(skip)]
    pub(crate) form: Form,
}

/// How a figure is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// An output amount with the unit of `output.yaml`: `26.00亿元`.
    Amount,
    /// A rate: `30.0%`.
    Percent,
    /// A change of growth: `回落5.0个百分点`.
    Change,
    /// A whole count: `34`.
    Count,
    /// Planned investment: `5.00亿元`.
    Investment,
    /// No figure to give (a close rate with nothing raised): `—`.
    Missing,
}

impl Figure {
    pub(crate) fn new(value: f64, form: Form, data: &Data, locale: &Locale) -> Figure {
        Figure {
            value,
            text: written(value, form, None, data, locale),
            form,
        }
    }

    /// The figure written as `text` whatever its value (a headline figure
    /// masked for the edition-difference test).
    pub(crate) fn placeholder(self, text: &str) -> Figure {
        Figure {
            value: 0.0,
            text: text.to_string(),
            ..self
        }
    }

    /// The figure written with `digits` decimals (`metric(…, digits=0)`);
    /// counts stay whole.
    pub(crate) fn with_digits(self, digits: usize, data: &Data, locale: &Locale) -> Figure {
        Figure {
            text: written(self.value, self.form, Some(digits), data, locale),
            ..self
        }
    }
}

/// `value` written in `form`, with `digits` decimals or the usual ones
/// (two for amounts, one for rates and changes).
fn written(value: f64, form: Form, digits: Option<usize>, data: &Data, locale: &Locale) -> String {
    match form {
        Form::Amount => format!("{}{}", tidy(value, digits.unwrap_or(2)), data.output.records.unit),
        Form::Percent => format!("{}%", tidy(value, digits.unwrap_or(1))),
        Form::Change => locale.growth_change(value, digits.unwrap_or(1)),
        Form::Count => format!("{}", value.round() as i64),
        Form::Investment => match digits {
            Some(digits) => locale.investment_total_with(value, digits),
            None => locale.investment_total(value),
        },
        Form::Missing => "—".to_string(),
    }
}

/// The `digits=` of a `metric` call: a whole number from 0 to 4, if given.
pub(crate) fn digits_of(call: &Call) -> Result<Option<usize>, (String, Option<String>)> {
    match call.arg("digits") {
        None => Ok(None),
        Some(Arg::Num(n)) if n.fract() == 0.0 && (0.0..=4.0).contains(n) => Ok(Some(*n as usize)),
        Some(_) => Err((
            "`digits` must be a whole number from 0 to 4".to_string(),
            Some("e.g. {{ metric(name=\"output.gross_output.total\", digits=0) }}".to_string()),
        )),
    }
}
