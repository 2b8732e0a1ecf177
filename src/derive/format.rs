//! How figures are written whatever the language: amounts with two
//! decimals and the unit of the data, growth with one decimal. (What
//! depends on the language, investment among it, is the
//! [`Locale`](crate::derive::Locale)'s.)

/// `value` with `decimals` decimals, without the sign of a value that
/// prints as zero (`-0.0` → `0.0`).
pub(crate) fn tidy(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    if text.starts_with('-') && text[1..].chars().all(|c| c == '0' || c == '.') {
        text[1..].to_string()
    } else {
        text
    }
}

/// `26.00亿元` — an amount with two decimals and its unit.
pub(crate) fn amount(value: f64, unit: &str) -> String {
    format!("{}{unit}", tidy(value, 2))
}

/// `30.0%`, `-5.0%`.
pub(crate) fn percent(value: f64) -> String {
    format!("{}%", tidy(value, 1))
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
    }
}
