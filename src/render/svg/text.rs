//! A model of text width that knows full-width characters, so that chart
//! labels can be laid out without any font installed on the building
//! machine. It errs on the wide side: labels may get a little more room
//! than they need, never less.

/// Width of `c` in ems.
pub(crate) fn char_em(c: char) -> f64 {
    match c {
        // CJK, full-width forms, CJK punctuation, kana, hangul
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{20000}'..='\u{3FFFD}' => 1.0,
        '—' | '…' => 1.0,
        ' ' => 0.32,
        '.' | ',' | ':' | ';' | '\'' | '!' | '|' | 'i' | 'j' | 'l' | 'I' => 0.32,
        '-' | '(' | ')' | '[' | ']' | 'f' | 't' | 'r' => 0.4,
        '%' | 'm' | 'w' | 'M' | 'W' => 0.92,
        '0'..='9' => 0.58,
        'A'..='Z' => 0.7,
        c if c.is_ascii() => 0.58,
        _ => 1.0,
    }
}

/// Width in pixels of `text` set at `size` pixels.
pub(crate) fn width(text: &str, size: f64) -> f64 {
    text.chars().map(char_em).sum::<f64>() * size
}

/// `text` shortened with `…` so that it fits in `max` pixels at `size`.
pub(crate) fn fit(text: &str, size: f64, max: f64) -> String {
    if width(text, size) <= max {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = char_em('…') * size;
    for c in text.chars() {
        let w = char_em(c) * size;
        if used + w > max {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// `text` broken into at most `lines` lines of `max` pixels at `size`:
/// anywhere between CJK characters, at a space between Latin words where
/// there is one; the last line shortened with `…` if the text is longer.
pub(crate) fn wrap(text: &str, size: f64, max: f64, lines: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() && out.len() + 1 < lines && width(rest, size) > max {
        let mut used = 0.0;
        let mut end = 0;
        let mut last_space = None;
        for (at, c) in rest.char_indices() {
            used += char_em(c) * size;
            if used > max {
                break;
            }
            if c == ' ' {
                last_space = Some(at);
            }
            end = at + c.len_utf8();
        }
        let next = rest[end..].chars().next();
        // Break Latin words at a space; CJK text anywhere.
        let cut = match (last_space, next) {
            (Some(space), Some(c)) if c.is_ascii_alphanumeric() && space > 0 => space,
            _ => end,
        };
        if cut == 0 {
            break;
        }
        out.push(rest[..cut].trim_end().to_string());
        rest = rest[cut..].trim_start();
    }
    if !rest.is_empty() {
        out.push(fit(rest, size, max));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_characters_are_one_em() {
        assert_eq!(width("总产值", 12.0), 36.0);
        assert_eq!(width("，（）", 10.0), 30.0);
        assert!(width("75.00", 12.0) < width("七五点零零", 12.0));
        assert!(width("1-6月", 12.0) > 12.0 * 2.5);
    }

    #[test]
    fn fitting_keeps_within_the_width() {
        let fitted = fit("平江县规模工业总产值及增速（亿元）", 16.0, 100.0);
        assert!(fitted.ends_with('…'));
        assert!(width(&fitted, 16.0) <= 100.0);
        assert_eq!(fit("短标题", 16.0, 100.0), "短标题");
    }

    #[test]
    fn wrapping_breaks_cjk_anywhere_and_latin_at_spaces() {
        assert_eq!(wrap("短标题", 15.0, 300.0, 2), ["短标题"]);
        let lines = wrap("2013年1-7月各主导产业规模工业总产值及同比增长情况", 15.0, 300.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| width(l, 15.0) <= 300.0), "{lines:?}");
        assert_eq!(lines.concat(), "2013年1-7月各主导产业规模工业总产值及同比增长情况");
        let lines = wrap("Gross industrial output and growth by industry", 15.0, 200.0, 2);
        assert_eq!(lines[0], "Gross industrial output and");
        let lines = wrap(&"很长".repeat(40), 15.0, 200.0, 2);
        assert!(lines[1].ends_with('…') && width(&lines[1], 15.0) <= 200.0);
    }
}
