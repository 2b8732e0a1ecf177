//! The site's language in one place: every text and format that depends on
//! it — dates, data periods, names of kinds, statuses and states, growth
//! changes, chart words — built once from `site.yaml`'s `language` and the
//! theme's `i18n/<language>.yaml`, so that one page never mixes languages.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::calendar::{Date, Period};
use crate::derive::format::tidy;
use crate::load::data::{Measure, ProblemState, Status};
use crate::load::front_matter::Kind;
use crate::load::{Language, Theme};

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// The language of a build and its interface texts.
#[derive(Debug, Clone, Default)]
pub struct Locale {
    pub(crate) language: Language,
    /// Interface texts of the theme in the language (`nav_home: 首页`).
    strings: Arc<BTreeMap<String, String>>,
}

impl Locale {
    /// The locale of `language` with the texts of `theme`.
    pub(crate) fn new(language: Language, theme: &Theme) -> Locale {
        Locale {
            language,
            strings: Arc::new(theme.i18n.get(language.code()).cloned().unwrap_or_default()),
        }
    }

    /// The locale of `language` with the built-in theme's texts.
    pub fn builtin(language: Language) -> Locale {
        Locale::new(language, &crate::load::theme::builtin())
    }

    /// The value of `<html lang>`.
    pub(crate) fn code(&self) -> &'static str {
        self.language.code()
    }

    /// A fingerprint of the language and its texts.
    pub(crate) fn print(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        (self.language.code(), &*self.strings).hash(&mut hasher);
        hasher.finish()
    }

    /// Every interface text, for templates.
    pub(crate) fn strings(&self) -> &Arc<BTreeMap<String, String>> {
        &self.strings
    }

    /// Interface text `key` (the key itself when the theme lacks it).
    pub(crate) fn text(&self, key: &str) -> String {
        self.strings.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    /// Interface text `key` (or `default`) with `{name}` filled in.
    pub(crate) fn fill(&self, key: &str, default: &str, args: &[(&str, &str)]) -> String {
        let mut text = self.strings.get(key).map_or(default, String::as_str).to_string();
        for (name, value) in args {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// `2013年7月20日` / `2013-07-20`.
    pub(crate) fn date(&self, date: Date) -> String {
        match self.language {
            Language::ZhCn => date.chinese(),
            Language::En => date.to_string(),
        }
    }

    /// A data period: `2013年1-6月` / `Jan–Jun 2013`.
    pub(crate) fn period(&self, period: Period) -> String {
        match self.language {
            Language::ZhCn => period.chinese(),
            Language::En => format!("{} {}", self.period_short(period), period.year),
        }
    }

    /// A data period without its year: `1-6月` / `Jan–Jun`.
    pub(crate) fn period_short(&self, period: Period) -> String {
        match self.language {
            Language::ZhCn => period.chinese_short(),
            Language::En if period.month == 1 => "Jan".to_string(),
            Language::En => format!("Jan–{}", self.month(period.month)),
        }
    }

    /// `2013年` / `2013`.
    pub(crate) fn year(&self, year: i32) -> String {
        match self.language {
            Language::ZhCn => format!("{year}年"),
            Language::En => year.to_string(),
        }
    }

    /// `6月` / `Jun`.
    pub(crate) fn month(&self, month: u32) -> String {
        match self.language {
            Language::ZhCn => format!("{month}月"),
            Language::En => MONTHS[(month.clamp(1, 12) - 1) as usize].to_string(),
        }
    }

    /// `2013年6月` / `Jun 2013`.
    pub(crate) fn year_month(&self, year: i32, month: u32) -> String {
        match self.language {
            Language::ZhCn => format!("{year}年{month}月"),
            Language::En => format!("{} {year}", self.month(month)),
        }
    }

    /// `第8期` / `No. 8`.
    pub(crate) fn issue(&self, number: u32) -> String {
        match self.language {
            Language::ZhCn => format!("第{number}期"),
            Language::En => format!("No. {number}"),
        }
    }

    /// The name of a kind of briefing.
    pub(crate) fn kind_name(&self, kind: Kind) -> &'static str {
        match (self.language, kind) {
            (Language::ZhCn, Kind::Bulletin) => "简报",
            (Language::ZhCn, Kind::Speech) => "讲话",
            (Language::ZhCn, Kind::Notice) => "通知",
            (Language::ZhCn, Kind::Circular) => "通报",
            (Language::ZhCn, Kind::Report) => "报告",
            (Language::En, Kind::Bulletin) => "Bulletin",
            (Language::En, Kind::Speech) => "Speech",
            (Language::En, Kind::Notice) => "Notice",
            (Language::En, Kind::Circular) => "Circular",
            (Language::En, Kind::Report) => "Report",
        }
    }

    /// Name of a project status (`None`: not yet in the programme).
    pub(crate) fn status_name(&self, status: Option<Status>) -> &'static str {
        match (self.language, status) {
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
    pub(crate) fn state_name(&self, state: ProblemState) -> &'static str {
        match (self.language, state) {
            (Language::ZhCn, ProblemState::Open) => "办理中",
            (Language::ZhCn, ProblemState::Extended) => "延期销号",
            (Language::ZhCn, ProblemState::Closed) => "已销号",
            (Language::En, ProblemState::Open) => "open",
            (Language::En, ProblemState::Extended) => "extended",
            (Language::En, ProblemState::Closed) => "closed",
        }
    }

    /// The name of a measure of output, in charts.
    pub(crate) fn measure(&self, measure: Measure) -> String {
        match measure {
            Measure::GrossOutput => self.fill("chart_gross_output", measure.name(), &[]),
            Measure::ValueAdded => self.fill("chart_value_added", measure.name(), &[]),
        }
    }

    /// An investment given in 万元, written naturally: `2700万元`,
    /// `3.50亿元` / `CNY 27 million`, `CNY 3.50 billion`.
    pub(crate) fn investment(&self, wan: f64) -> String {
        match self.language {
            Language::ZhCn if wan >= 10_000.0 => self.investment_total(wan),
            Language::ZhCn => format!("{}万元", tidy(wan, if wan.fract() == 0.0 { 0 } else { 2 })),
            Language::En => english_yuan(wan, None),
        }
    }

    /// A total investment given in 万元: always in 亿元 with two decimals
    /// in Chinese, as bulletins write totals (`5.00亿元`).
    pub(crate) fn investment_total(&self, wan: f64) -> String {
        match self.language {
            Language::ZhCn => self.investment_total_with(wan, 2),
            Language::En => english_yuan(wan, None),
        }
    }

    /// [`Locale::investment_total`] with `digits` decimals.
    pub(crate) fn investment_total_with(&self, wan: f64, digits: usize) -> String {
        match self.language {
            Language::ZhCn => format!("{}亿元", tidy(wan / 10_000.0, digits)),
            Language::En => english_yuan(wan, Some(digits)),
        }
    }

    /// A change of growth against the previous period, in points:
    /// `提高1.2个百分点`, `回落5.0个百分点`, `持平` / `up 1.2 pp`,
    /// `down 5.0 pp`, `unchanged` (what rounds to zero is unchanged).
    pub(crate) fn growth_change(&self, points: f64, digits: usize) -> String {
        let size = tidy(points.abs(), digits);
        let unchanged = size.chars().all(|c| c == '0' || c == '.');
        match (self.language, unchanged, points > 0.0) {
            (Language::ZhCn, true, _) => "持平".to_string(),
            (Language::ZhCn, false, true) => format!("提高{size}个百分点"),
            (Language::ZhCn, false, false) => format!("回落{size}个百分点"),
            (Language::En, true, _) => "unchanged".to_string(),
            (Language::En, false, true) => format!("up {size} pp"),
            (Language::En, false, false) => format!("down {size} pp"),
        }
    }

    /// `name（unit）` / `name (unit)`.
    pub(crate) fn unit_name(&self, name: &str, unit: &str) -> String {
        match self.language {
            Language::ZhCn => format!("{name}（{unit}）"),
            Language::En => format!("{name} ({unit})"),
        }
    }
}

/// An amount given in 万元 (ten thousand yuan) in English: millions, or
/// billions from one billion on; with `digits` decimals, or two where
/// needed.
fn english_yuan(wan: f64, digits: Option<usize>) -> String {
    let millions = wan / 100.0;
    if millions.abs() >= 1_000.0 {
        format!("CNY {} billion", tidy(millions / 1_000.0, digits.unwrap_or(2)))
    } else {
        let needed = if (millions * 100.0).round() % 100.0 == 0.0 { 0 } else { 2 };
        format!("CNY {} million", tidy(millions, digits.unwrap_or(needed)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_language_everywhere() {
        let period: Period = "2013-06".parse().unwrap();
        let zh = Locale::builtin(Language::ZhCn);
        let en = Locale::builtin(Language::En);
        assert_eq!(zh.period(period), "2013年1-6月");
        assert_eq!(en.period(period), "Jan–Jun 2013");
        assert_eq!(en.period_short("2013-01".parse().unwrap()), "Jan");
        assert_eq!(zh.issue(8), "第8期");
        assert_eq!(en.kind_name(Kind::Speech), "Speech");
        assert_eq!(zh.text("nav_home"), "首页");
        assert_eq!(en.text("nav_home"), "Home");
        assert_eq!(zh.text("no_such_key"), "no_such_key");
    }

    #[test]
    fn investment_is_written_in_the_language() {
        let zh = Locale::builtin(Language::ZhCn);
        let en = Locale::builtin(Language::En);
        assert_eq!(zh.investment(2_700.0), "2700万元");
        assert_eq!(zh.investment(35_000.0), "3.50亿元");
        assert_eq!(zh.investment_total(50_000.0), "5.00亿元");
        assert_eq!(zh.investment_total(3_500.0), "0.35亿元");
        assert_eq!(en.investment(2_700.0), "CNY 27 million");
        assert_eq!(en.investment(2_751.0), "CNY 27.51 million");
        assert_eq!(en.investment(340_000.0), "CNY 3.40 billion");
        assert_eq!(en.investment_total(50_000.0), "CNY 500 million");
        assert_eq!(zh.investment_total_with(50_000.0, 0), "5亿元");
    }

    #[test]
    fn a_change_of_growth_says_which_way() {
        let zh = Locale::builtin(Language::ZhCn);
        let en = Locale::builtin(Language::En);
        assert_eq!(zh.growth_change(1.2, 1), "提高1.2个百分点");
        assert_eq!(zh.growth_change(-5.0, 1), "回落5.0个百分点");
        assert_eq!(zh.growth_change(0.04, 1), "持平");
        assert_eq!(zh.growth_change(-0.04, 1), "持平");
        assert_eq!(zh.growth_change(-5.04, 0), "回落5个百分点");
        assert_eq!(en.growth_change(1.2, 1), "up 1.2 pp");
        assert_eq!(en.growth_change(-5.0, 1), "down 5.0 pp");
        assert_eq!(en.growth_change(0.0, 1), "unchanged");
    }
}
