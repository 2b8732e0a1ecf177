//! One pass over YAML text before it is parsed, following its quotes,
//! flow brackets, comments and block scalars as libyaml reads them:
//!
//! - how deeply the text nests, by indentation and by flow brackets.
//!   libyaml takes time quadratic in the depth (200 KB of `[[[[…` took
//!   48 s), and no front matter or data file needs more than a handful of
//!   levels, so text nesting deeper than [`MAX_DEPTH`] is refused with the
//!   line where it goes too deep;
//! - the escapes of double-quoted scalars (`"\v"`, `"\x01"`, `"\u202E"`)
//!   that write a character no output may carry ([`crate::chars`]), so
//!   that the loader can replace them as it replaces the characters typed
//!   raw.

/// The deepest nesting accepted.
pub(super) const MAX_DEPTH: usize = 64;

/// Where the text first nests deeper than [`MAX_DEPTH`]: 1-based line and
/// column within `text`.
pub(super) fn too_deep(text: &str) -> Option<(usize, usize)> {
    let mut scan = Scan::default();
    for (number, line) in text.lines().enumerate() {
        if let Some(column) = scan.line(line) {
            return Some((number + 1, column));
        }
    }
    None
}

/// An escape in a double-quoted scalar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Escape {
    /// 0-based line within the text.
    pub(crate) line: usize,
    /// Byte range of the escape (`\x01`) within its line.
    pub(crate) range: std::ops::Range<usize>,
    /// The character it writes.
    pub(crate) writes: char,
}

/// The escapes of the double-quoted scalars of `text` that write a
/// character [`crate::chars::unfit`] names, in order.
pub(super) fn unfit_escapes(text: &str) -> Vec<Escape> {
    let mut scan = Scan {
        escapes: Some(Vec::new()),
        ..Scan::default()
    };
    for (number, line) in text.lines().enumerate() {
        scan.at_line = number;
        if scan.line(line).is_some() {
            // Too deep to be parsed: the parse reports it.
            break;
        }
    }
    scan.escapes.unwrap_or_default()
}

/// The character the escape that starts with `rest` (after its `\`)
/// writes, and the length of the escape after the `\`.
fn escaped(rest: &str) -> Option<(char, usize)> {
    let letter = rest.chars().next()?;
    let simple = match letter {
        '0' => Some('\u{0}'),
        'a' => Some('\u{7}'),
        'b' => Some('\u{8}'),
        'v' => Some('\u{b}'),
        'f' => Some('\u{c}'),
        'e' => Some('\u{1b}'),
        _ => None,
    };
    if let Some(c) = simple {
        return Some((c, 1));
    }
    let digits = match letter {
        'x' => 2,
        'u' => 4,
        'U' => 8,
        _ => return None,
    };
    let hex = rest.get(1..1 + digits).filter(|hex| hex.chars().all(|c| c.is_ascii_hexdigit()))?;
    let code = u32::from_str_radix(hex, 16).ok()?;
    Some((char::from_u32(code)?, 1 + digits))
}

/// What is open at the end of a line.
#[derive(Default)]
struct Scan {
    /// Indentation of the open block collections.
    blocks: Vec<usize>,
    /// Open flow collections (`[`, `{`).
    flow: usize,
    /// Inside a quoted scalar that goes on past the line: its quote.
    quote: Option<char>,
    /// Inside a block scalar (`|`, `>`): the indentation of its parent.
    literal: Option<usize>,
    /// The unfit escapes found, when they are looked for.
    escapes: Option<Vec<Escape>>,
    /// The 0-based line being read, for the escapes.
    at_line: usize,
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

impl Scan {
    /// Reads one line; returns the 1-based column where the depth passes
    /// the limit.
    fn line(&mut self, line: &str) -> Option<usize> {
        let indent = indent_of(line);
        let content = line.trim();
        if let Some(parent) = self.literal {
            if content.is_empty() || indent > parent {
                return None;
            }
            self.literal = None;
        }
        let mut at = 0;
        if self.quote.is_none() && self.flow == 0 {
            if content.is_empty() || content.starts_with('#') {
                return None;
            }
            while self.blocks.last().is_some_and(|&open| open >= indent) {
                self.blocks.pop();
            }
            self.blocks.push(indent);
            at = indent;
            // `- - - x`: each dash opens a sequence inside the last.
            while line[at..].starts_with("- ") || &line[at..] == "-" {
                self.blocks.push(at + 1);
                at = (at + 2).min(line.len());
                at += indent_of(&line[at..]);
            }
            if self.blocks.len() > MAX_DEPTH {
                return Some(line[..at].chars().count() + 1);
            }
        }
        self.rest(line, at, indent)
    }

    /// Scans `line` from byte `at` for quotes, flow brackets, comments and
    /// block scalar indicators.
    fn rest(&mut self, line: &str, at: usize, indent: usize) -> Option<usize> {
        let mut scalar_start = true;
        let mut chars = line[at..].char_indices().map(|(i, c)| (at + i, c)).peekable();
        while let Some((i, c)) = chars.next() {
            if let Some(quote) = self.quote {
                if c == '\\' && quote == '"' {
                    chars.next();
                    if let Some(escapes) = &mut self.escapes
                        && let Some((writes, length)) = escaped(&line[i + 1..])
                        && crate::chars::unfit(writes).is_some()
                    {
                        escapes.push(Escape {
                            line: self.at_line,
                            range: i..i + 1 + length,
                            writes,
                        });
                    }
                } else if c == quote {
                    if quote == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') {
                        chars.next();
                    } else {
                        self.quote = None;
                    }
                }
                continue;
            }
            match c {
                '"' | '\'' if scalar_start => self.quote = Some(c),
                '[' | '{' if scalar_start || self.flow > 0 => {
                    self.flow += 1;
                    if self.flow + self.blocks.len() > MAX_DEPTH {
                        return Some(line[..i].chars().count() + 1);
                    }
                }
                ']' | '}' if self.flow > 0 => self.flow -= 1,
                '#' if line[..i].ends_with([' ', '\t']) || i == 0 => return None,
                '|' | '>' if scalar_start && self.flow == 0 => {
                    self.literal = Some(indent);
                    return None;
                }
                _ => {}
            }
            scalar_start = match c {
                ' ' | '\t' => scalar_start || line[..i].ends_with([':', ',', '[', '{', '-', '?']),
                ',' | '[' | '{' => self.flow > 0,
                _ => false,
            };
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_yaml_is_not_deep() {
        let text = "title: 简报 [草稿]\ntags: [a, {b: [c]}]\nsummary: \"it's [\n  still text\"\nnote: |\n      indented\n          more\nlist:\n  - - a\n    - b\n  - {x: 1}\n";
        assert_eq!(too_deep(text), None);
    }

    #[test]
    fn deep_flow_brackets_are_found_at_their_column() {
        let text = format!("title: x\ntags: {}\n", "[".repeat(100));
        assert_eq!(too_deep(&text), Some((2, 7 + MAX_DEPTH - 1)));
        let text = format!("a: {}1{}\n", "{b: ".repeat(70), "}".repeat(70));
        assert_eq!(too_deep(&text).map(|(line, _)| line), Some(1));
    }

    #[test]
    fn deep_indentation_is_found_at_its_line() {
        let mut text = String::new();
        for level in 0..80 {
            text.push_str(&format!("{}k{level}:\n", " ".repeat(level)));
        }
        assert_eq!(too_deep(&text), Some((MAX_DEPTH + 1, MAX_DEPTH + 1)));
        let dashes = format!("{}x\n", "- ".repeat(70));
        assert!(too_deep(&dashes).is_some());
    }

    #[test]
    fn escapes_that_write_unfit_characters_are_found_in_double_quotes_only() {
        let text = "a: \"x\\vy\\x01\\n\\t\\u202E\\\\v\"\nb: 'x\\v' # \"\\v\"\nc: C:\\vendor\nd: \"one\n  two\\0\"\ne: |\n  \"\\v\"\nf: [\"\\U0000FFFE\", \"\\e\"]\n";
        let found: Vec<(usize, &str, char)> = unfit_escapes(text)
            .iter()
            .map(|e| (e.line, &text.lines().nth(e.line).unwrap()[e.range.clone()], e.writes))
            .collect();
        assert_eq!(
            found,
            vec![
                (0, "\\v", '\u{b}'),
                (0, "\\x01", '\u{1}'),
                (0, "\\u202E", '\u{202e}'),
                (4, "\\0", '\u{0}'),
                (7, "\\U0000FFFE", '\u{fffe}'),
                (7, "\\e", '\u{1b}'),
            ]
        );
    }

    #[test]
    fn brackets_inside_text_do_not_count() {
        let text = format!("summary: {}\n", "a[".repeat(100));
        assert_eq!(too_deep(&text), None);
        let text = format!("summary: '{}'\n", "[".repeat(100));
        assert_eq!(too_deep(&text), None);
    }
}
