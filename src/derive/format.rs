//! How figures are written: 亿元 with two decimals, growth with one decimal,
//! percentage points, investment in 万元 or 亿元, per language.

use crate::load::Language;
use crate::load::data::{ProblemState, Status};

/// `value` with `decimals` decimals, without the sign of a value that
/// prints as zero (`-0.0` → `0.0`).
pub fn tidy(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    if text.starts_with('-') && text[1..].chars().all(|c| c == '0' || c == '.') {
        text[1..].to_string()
    } else {
        text
    }
}

/// `26.00亿元` — an amount with two decimals and its unit.
pub fn amount(value: f64, unit: &str) -> String {
    format!("{}{unit}", tidy(value, 2))
}

/// `30.0%`, `-5.0%`.
pub fn percent(value: f64) -> String {
    format!("{}%", tidy(value, 1))
}

/// `-5.0个百分点` (or `-5.0 pp` in English).
pub fn points(value: f64, language: Language) -> String {
    match language {
        Language::ZhCn => format!("{}个百分点", tidy(value, 1)),
        Language::En => format!("{} pp", tidy(value, 1)),
    }
}

/// Investment given in 万元, written in 亿元 with two decimals.
pub fn investment_yi(wan: f64) -> String {
    amount(wan / 10_000.0, "亿元")
}

/// Investment given in 万元, written naturally: `2700万元`, `3.50亿元`.
pub fn investment(wan: f64) -> String {
    if wan >= 10_000.0 {
        investment_yi(wan)
    } else {
        format!("{}万元", tidy(wan, if wan.fract() == 0.0 { 0 } else { 2 }))
    }
}

/// Name of a project status (`None`: not yet in the programme).
pub fn status_name(status: Option<Status>, language: Language) -> &'static str {
    match (language, status) {
        (Language::ZhCn, Some(Status::Planned)) => "前期",
        (Language::ZhCn, Some(Status::Started)) => "在建",
        (Language::ZhCn, Some(Status::Built)) => "建成",
        (Language::ZhCn, Some(Status::Producing)) => "投产",
        (Language::ZhCn, None) => "未列入",
        (Language::En, Some(Status::Planned)) => "planned",
        (Language::En, Some(Status::Started)) => "under construction",
        (Language::En, Some(Status::Built)) => "built",
        (Language::En, Some(Status::Producing)) => "producing",
        (Language::En, None) => "not yet listed",
    }
}

/// Name of how a problem counts.
pub fn state_name(state: ProblemState, language: Language) -> &'static str {
    match (language, state) {
        (Language::ZhCn, ProblemState::Open) => "办理中",
        (Language::ZhCn, ProblemState::Extended) => "延期销号",
        (Language::ZhCn, ProblemState::Closed) => "已销号",
        (Language::En, ProblemState::Open) => "open",
        (Language::En, ProblemState::Extended) => "extended",
        (Language::En, ProblemState::Closed) => "closed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_a_bulletin() {
        assert_eq!(amount(26.0, "亿元"), "26.00亿元");
        assert_eq!(amount(1.005, "亿元"), "1.00亿元");
        assert_eq!(percent(30.0), "30.0%");
        assert_eq!(percent(-5.0), "-5.0%");
        assert_eq!(percent(-0.04), "0.0%");
        assert_eq!(points(-5.0, Language::ZhCn), "-5.0个百分点");
        assert_eq!(points(2.25, Language::En), "2.2 pp");
        assert_eq!(investment_yi(50_000.0), "5.00亿元");
        assert_eq!(investment(2_700.0), "2700万元");
        assert_eq!(investment(35_000.0), "3.50亿元");
    }
}
