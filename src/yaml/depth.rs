//! A guard run before YAML is parsed: how deeply the text nests, by
//! indentation and by flow brackets. libyaml takes time quadratic in the
//! depth (200 KB of `[[[[…` took 48 s), and no front matter or data file
//! needs more than a handful of levels, so text nesting deeper than
//! [`MAX_DEPTH`] is refused with the line where it goes too deep.

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
    fn brackets_inside_text_do_not_count() {
        let text = format!("summary: {}\n", "a[".repeat(100));
        assert_eq!(too_deep(&text), None);
        let text = format!("summary: '{}'\n", "[".repeat(100));
        assert_eq!(too_deep(&text), None);
    }
}
