//! Calendar days for the drift test: parsed from `YYYY-MM-DD` or a
//! period `YYYY-MM` (its last day), the next day, and the Excel serial
//! number a workbook stores a date as.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Day {
    /// `2013-04-30`.
    pub fn parse(text: &str) -> Option<Day> {
        let mut parts = text.trim().trim_matches('"').split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        (parts.next().is_none() && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some(Day {
            year,
            month,
            day,
        })
    }

    /// A period `2013-04` as the day it stands for, 2013-04-30.
    pub fn period_end(text: &str) -> Option<Day> {
        let mut parts = text.trim().trim_matches('"').split('-');
        let year = parts.next()?.parse().ok()?;
        let month: u32 = parts.next()?.parse().ok()?;
        (parts.next().is_none() && (1..=12).contains(&month)).then(|| Day {
            year,
            month,
            day: days_in_month(year, month),
        })
    }

    pub fn next(self) -> Day {
        if self.day < days_in_month(self.year, self.month) {
            Day { day: self.day + 1, ..self }
        } else if self.month < 12 {
            Day {
                month: self.month + 1,
                day: 1,
                ..self
            }
        } else {
            Day {
                year: self.year + 1,
                month: 1,
                day: 1,
            }
        }
    }

    pub fn after(self, days: u32) -> Day {
        (0..days).fold(self, |day, _| day.next())
    }

    /// `2013-05`.
    pub fn period(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    /// Days since 1899-12-30, as Excel stores a date.
    pub fn serial(self) -> i64 {
        // Days from civil (Howard Hinnant), relative to 1970-01-01.
        let (y, m, d) = (i64::from(self.year), i64::from(self.month), i64::from(self.day));
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let unix = era * 146_097 + doe - 719_468;
        unix + 25_569
    }

    pub fn from_serial(serial: i64) -> Day {
        // Civil from days (Howard Hinnant), from 1970-01-01.
        let z = serial - 25_569 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Day { year, month, day }
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[test]
fn days_count_as_excel_counts_them() {
    let day = Day::parse("2013-02-20").expect("day");
    assert_eq!(day.serial(), 41325);
    assert_eq!(Day::from_serial(41325), day);
    assert_eq!(Day::period_end("2013-02").map(Day::next), Day::parse("2013-03-01"));
    assert_eq!(Day::parse("2013-12-31").map(Day::next), Day::parse("2014-01-01"));
}
