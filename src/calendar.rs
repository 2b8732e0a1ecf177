//! Calendar values of the site: a [`Date`] (`2013-07-20`) and a data
//! [`Period`] (`2013-06`, the year to date from January to that month).
//! Both parse strictly, order naturally and format the Chinese way.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A calendar date without time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub(crate) year: i32,
    pub(crate) month: u32,
    pub(crate) day: u32,
}

/// A data period: year-to-date figures from January to `month` of `year`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub(crate) year: i32,
    pub(crate) month: u32,
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in `month` of `year`.
pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        _ => 28,
    }
}

fn parse_number(text: &str, digits: usize) -> Option<u32> {
    if text.len() == digits && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}

impl Date {
    pub(crate) fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let valid = (1..=9999).contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// `2013年7月20日`
    pub(crate) fn chinese(self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }

    /// Days since 1970-01-01 (negative before): the inverse of
    /// [`Date::from_days_since_epoch`].
    pub(crate) fn days_since_epoch(self) -> i64 {
        // Algorithm from Howard Hinnant's `days_from_civil`.
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month = i64::from(self.month);
        let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The date `days` after 1970-01-01.
    pub(crate) fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (year_of_era + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Today's date in UTC+8 (China Standard Time), for scaffolding.
    pub fn today() -> Date {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        Date::from_days_since_epoch((seconds + 8 * 3600).div_euclid(86_400))
    }
}

impl Period {
    pub fn new(year: i32, month: u32) -> Option<Period> {
        ((1..=9999).contains(&year) && (1..=12).contains(&month)).then_some(Period { year, month })
    }

    /// The last day of the period's month: the date the period stands for.
    pub(crate) fn last_day(self) -> Date {
        Date {
            year: self.year,
            month: self.month,
            day: days_in_month(self.year, self.month),
        }
    }

    /// The same period a year earlier.
    pub(crate) fn year_before(self) -> Period {
        Period {
            year: self.year - 1,
            month: self.month,
        }
    }

    /// `1-6月`, or `1月` for January.
    pub(crate) fn chinese_short(self) -> String {
        if self.month == 1 {
            "1月".to_string()
        } else {
            format!("1-{}月", self.month)
        }
    }

    /// `2013年1-6月`
    pub(crate) fn chinese(self) -> String {
        format!("{}年{}", self.year, self.chinese_short())
    }
}

impl FromStr for Date {
    type Err = String;
    fn from_str(text: &str) -> Result<Date, String> {
        let bad = || format!("`{text}` is not a valid date; write it as YYYY-MM-DD, e.g. 2013-07-20");
        let mut parts = text.trim().split('-');
        let (Some(y), Some(m), Some(d), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        let (Some(year), Some(month), Some(day)) = (parse_number(y, 4), parse_number(m, 2), parse_number(d, 2)) else {
            return Err(bad());
        };
        Date::new(year as i32, month, day).ok_or_else(|| format!("`{text}` is not a day of the calendar"))
    }
}

impl FromStr for Period {
    type Err = String;
    fn from_str(text: &str) -> Result<Period, String> {
        let bad = || format!("`{text}` is not a valid period; write it as YYYY-MM, e.g. 2013-06");
        let mut parts = text.trim().split('-');
        let (Some(y), Some(m), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        let (Some(year), Some(month)) = (parse_number(y, 4), parse_number(m, 2)) else {
            return Err(bad());
        };
        Period::new(year as i32, month).ok_or_else(bad)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Accepts YAML scalars of any kind and parses their text, so that
/// `date: 20130720` gets the same clear message as `date: 2013-7-20`.
struct TextVisitor<T>(std::marker::PhantomData<T>);

impl<T: FromStr<Err = String>> Visitor<'_> for TextVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date (YYYY-MM-DD) or period (YYYY-MM)")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        v.parse().map_err(E::custom)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        self.visit_str(&v.to_string())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        self.visit_str(&v.to_string())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        self.visit_str(&v.to_string())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        deserializer.deserialize_any(TextVisitor(std::marker::PhantomData))
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Period, D::Error> {
        deserializer.deserialize_any(TextVisitor(std::marker::PhantomData))
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_valid_dates_only() {
        assert_eq!(
            "2013-07-20".parse::<Date>(),
            Ok(Date {
                year: 2013,
                month: 7,
                day: 20
            })
        );
        assert!("2013-02-29".parse::<Date>().is_err());
        assert!("2012-02-29".parse::<Date>().is_ok());
        assert!("2013-7-20".parse::<Date>().is_err());
        assert!("2013/07/20".parse::<Date>().is_err());
        assert!("2013-13-01".parse::<Date>().is_err());
    }

    #[test]
    fn periods_stand_for_their_last_day() {
        let p: Period = "2012-02".parse().unwrap();
        assert_eq!(p.last_day().to_string(), "2012-02-29");
        assert_eq!(p.year_before().to_string(), "2011-02");
        assert_eq!("2013-06".parse::<Period>().unwrap().chinese(), "2013年1-6月");
        assert!("2013-00".parse::<Period>().is_err());
        assert!("2013-6".parse::<Period>().is_err());
    }

    #[test]
    fn epoch_days_round_trip() {
        for text in ["1970-01-01", "2000-02-29", "2013-07-20", "2026-11-27", "1969-12-31"] {
            let date: Date = text.parse().unwrap();
            assert_eq!(Date::from_days_since_epoch(date.days_since_epoch()), date);
        }
        assert_eq!("1970-01-02".parse::<Date>().unwrap().days_since_epoch(), 1);
    }

    #[test]
    fn formats_the_chinese_way() {
        assert_eq!("2013-07-20".parse::<Date>().unwrap().chinese(), "2013年7月20日");
        assert_eq!("2013-01".parse::<Period>().unwrap().chinese_short(), "1月");
    }
}
