//! What a number in a cell means, from its style (`xl/styles.xml`): a
//! date when its number format shows a date (Excel's built-in date formats,
//! those of the Chinese locale, or a custom one with `y`, `m`, `d`…), else
//! a number; and the date of an Excel serial number, in the 1900 or the
//! 1904 system.

use quick_xml::events::Event;

use super::part::Xml;
use crate::calendar::Date;
use crate::sheets::Problem;

/// What the number format of a style shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Format {
    Date,
    /// A length of time (`[h]:mm`): read as a number.
    Duration,
    Other,
}

/// The format of each cell style (`<xf>` of `<cellXfs>`), by index.
pub(super) fn read_styles(xml: &mut Xml<'_, '_>) -> Result<Vec<Format>, Problem> {
    let mut custom: Vec<(String, Format)> = Vec::new();
    let mut formats = Vec::new();
    let mut in_cell_xfs = false;
    let mut buf = Vec::new();
    loop {
        match xml.event(&mut buf)? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"numFmt" => {
                    if let (Some(id), Some(code)) = (xml.attribute(&e, b"numFmtId"), xml.attribute(&e, b"formatCode")) {
                        custom.push((id, custom_format(&code)));
                    }
                }
                b"cellXfs" => in_cell_xfs = true,
                b"xf" if in_cell_xfs => {
                    let id = xml.attribute(&e, b"numFmtId").unwrap_or_default();
                    let format = match custom.iter().find(|(c, _)| *c == id) {
                        Some((_, format)) => *format,
                        None => builtin_format(id.trim().parse().unwrap_or(0)),
                    };
                    formats.push(format);
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == b"cellXfs" => in_cell_xfs = false,
            Event::Eof => return Ok(formats),
            _ => {}
        }
    }
}

/// Excel's built-in number formats: 14–22, 45–47, and those of East Asian
/// locales (27–36, 50–58: `yyyy"年"m"月"d"日"` and the like).
fn builtin_format(id: u32) -> Format {
    match id {
        14..=22 | 27..=36 | 45 | 47 | 50..=58 => Format::Date,
        46 => Format::Duration,
        _ => Format::Other,
    }
}

/// What a custom number format shows: a date when its first section has
/// a date or time letter outside quotes, escapes and brackets (`[h]` is a
/// duration, `[Red]` a colour).
fn custom_format(code: &str) -> Format {
    let mut quoted = false;
    let mut escaped = false;
    let mut bracket = String::new();
    let mut in_bracket = false;
    for c in code.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        if quoted {
            quoted = c != '"';
            continue;
        }
        if in_bracket {
            if c == ']' {
                in_bracket = false;
                let inner = bracket.to_ascii_lowercase();
                if !inner.is_empty() && inner.chars().all(|c| matches!(c, 'h' | 'm' | 's')) {
                    return Format::Duration;
                }
            } else {
                bracket.push(c);
            }
            continue;
        }
        match c {
            '\\' | '_' | '*' => escaped = true,
            '"' => quoted = true,
            '[' => {
                in_bracket = true;
                bracket.clear();
            }
            ';' => return Format::Other,
            'y' | 'Y' | 'm' | 'M' | 'd' | 'D' | 'h' | 'H' | 's' | 'S' => return Format::Date,
            _ => {}
        }
    }
    Format::Other
}

/// The date of the Excel serial number `serial` (days, the time of day a
/// fraction), or `None` when it is none.
pub(super) fn serial_date(serial: f64, date1904: bool) -> Option<Date> {
    if !serial.is_finite() || !(0.0..3_000_000.0).contains(&serial) {
        return None;
    }
    // To the millisecond, as Excel rounds times.
    let days = ((serial * 86_400_000.0).round() / 86_400_000.0).floor() as i64;
    let epoch = if date1904 {
        Date::new(1904, 1, 1)?
    } else {
        // Excel counts 29 February 1900, which was no day: from 1 March on
        // its serials are one ahead.
        Date::new(1899, 12, if days >= 60 { 30 } else { 31 })?
    };
    let date = Date::from_days_since_epoch(epoch.days_since_epoch() + days);
    Date::new(date.year, date.month, date.day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_formats_are_told_from_numbers() {
        for code in [
            "yyyy-mm-dd",
            "yyyy\"年\"m\"月\"d\"日\"",
            "m/d/yy h:mm",
            "[$-804]yyyy/m/d",
            "DD/MM/YY",
            "[Red]d-mmm",
        ] {
            assert_eq!(custom_format(code), Format::Date, "{code}");
        }
        for code in [
            "0.00",
            "#,##0\"元\"",
            "0.0%",
            "\"Y: \"0.00",
            "\\d0",
            "[Red]0.00;[Blue]-0.00",
            "@",
            "General",
            "0.00E+00",
        ] {
            assert_eq!(custom_format(code), Format::Other, "{code}");
        }
        assert_eq!(custom_format("[h]:mm:ss"), Format::Duration);
        assert_eq!(builtin_format(14), Format::Date);
        assert_eq!(builtin_format(31), Format::Date, "yyyy年m月d日 of the Chinese locale");
        assert_eq!(builtin_format(0), Format::Other);
        assert_eq!(builtin_format(46), Format::Duration);
    }

    #[test]
    fn serials_are_dates_in_both_systems() {
        let date = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(serial_date(41_475.0, false), Some(date("2013-07-20")));
        assert_eq!(serial_date(41_475.75, false), Some(date("2013-07-20")));
        assert_eq!(serial_date(41_475.999_999_999, false), Some(date("2013-07-21")));
        assert_eq!(serial_date(1.0, false), Some(date("1900-01-01")));
        assert_eq!(serial_date(59.0, false), Some(date("1900-02-28")));
        assert_eq!(serial_date(61.0, false), Some(date("1900-03-01")));
        assert_eq!(serial_date(40_013.0, true), Some(date("2013-07-20")));
        assert_eq!(serial_date(-1.0, false), None);
        assert_eq!(serial_date(f64::NAN, false), None);
        assert_eq!(serial_date(1e300, false), None);
    }
}
