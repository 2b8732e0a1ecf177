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

/// How many decimals the site writes a chart's `value` in `unit` with:
/// one for a rate (`%`), two for an amount of money (`亿元`, `万元`,
/// `CNY …`), none for a whole count, two for anything else. The drawn
/// charts and the Word edition's both follow it.
pub(crate) fn chart_decimals(value: f64, unit: &str) -> usize {
    let is_amount = unit.contains('元') || unit.contains('¥') || unit.contains("CNY");
    match unit {
        "%" => 1,
        _ if !is_amount && value.fract() == 0.0 => 0,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_values_take_the_decimals_of_their_unit() {
        assert_eq!(chart_decimals(46.3414634146341, "%"), 1);
        assert_eq!(chart_decimals(60.0, "亿元"), 2);
        assert_eq!(chart_decimals(3.5, "CNY 100m"), 2);
        assert_eq!(chart_decimals(13.0, "个"), 0);
        assert_eq!(chart_decimals(2.5, "个"), 2);
    }

    #[test]
    fn formats_like_a_bulletin() {
        assert_eq!(amount(26.0, "亿元"), "26.00亿元");
        assert_eq!(amount(1.005, "亿元"), "1.00亿元");
        assert_eq!(percent(30.0), "30.0%");
        assert_eq!(percent(-5.0), "-5.0%");
        assert_eq!(percent(-0.04), "0.0%");
    }
}
