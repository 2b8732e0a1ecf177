//! Shortcodes in Markdown: `{{ name(key="value", n=3) }}`. Finding and
//! parsing them (outside code), and swapping them for placeholders that
//! survive Markdown so their HTML can be put back afterwards.

/// A literal argument value.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Str(String),
    Num(f64),
    Bool(bool),
}

impl Arg {
    pub fn type_name(&self) -> &'static str {
        match self {
            Arg::Str(_) => "a string",
            Arg::Num(_) => "a number",
            Arg::Bool(_) => "true or false",
        }
    }
}

/// One shortcode call in a Markdown body.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub name: String,
    pub args: Vec<(String, Arg)>,
    /// Byte range in the body.
    pub start: usize,
    pub end: usize,
    /// 0-based line in the body and 1-based column (characters).
    pub line: usize,
    pub column: usize,
    /// Alone on its line (a block, not inside a sentence).
    pub alone: bool,
}

impl Call {
    pub fn arg(&self, key: &str) -> Option<&Arg> {
        self.args.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

/// A malformed shortcode: 0-based body line, 1-based column, message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl Cursor<'_> {
    fn skip_spaces(&mut self) {
        while self.text[self.at..].starts_with([' ', '\t']) {
            self.at += 1;
        }
    }
    fn eat(&mut self, token: &str) -> bool {
        if self.text[self.at..].starts_with(token) {
            self.at += token.len();
            true
        } else {
            false
        }
    }
    fn ident(&mut self) -> Option<String> {
        let rest = &self.text[self.at..];
        let len = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
        if len == 0 || rest.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        self.at += len;
        Some(rest[..len].to_string())
    }
    fn value(&mut self) -> Result<Arg, String> {
        let rest = &self.text[self.at..];
        if let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
            let inner = &rest[1..];
            let Some(close) = inner.find(quote) else {
                return Err("unterminated string".to_string());
            };
            self.at += close + 2;
            return Ok(Arg::Str(inner[..close].to_string()));
        }
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
            .unwrap_or(rest.len());
        let word = &rest[..len];
        self.at += len;
        match word {
            "true" => Ok(Arg::Bool(true)),
            "false" => Ok(Arg::Bool(false)),
            _ => word
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .map(Arg::Num)
                .ok_or_else(|| format!("`{word}` is not a value; quote text as \"{word}\"")),
        }
    }
}

/// A parsed call: name, arguments and the byte offset just past `}}`.
type Parsed = (String, Vec<(String, Arg)>, usize);

/// Parses the call starting at `start` (just at `{{`) of `line`.
fn parse_call(line: &str, start: usize) -> Result<Parsed, String> {
    let mut cursor = Cursor { text: line, at: start + 2 };
    cursor.skip_spaces();
    let name = cursor.ident().ok_or("expected a shortcode name after `{{`")?;
    cursor.skip_spaces();
    if !cursor.eat("(") {
        return Err(format!("expected `(` after `{name}`"));
    }
    let mut args: Vec<(String, Arg)> = Vec::new();
    loop {
        cursor.skip_spaces();
        if cursor.eat(")") {
            break;
        }
        if !args.is_empty() && !cursor.eat(",") {
            return Err("expected `,` or `)` between arguments".to_string());
        }
        cursor.skip_spaces();
        let key = cursor.ident().ok_or("expected an argument name, as in `name=\"…\"`")?;
        cursor.skip_spaces();
        if !cursor.eat("=") {
            return Err(format!("expected `=` after `{key}`"));
        }
        cursor.skip_spaces();
        let value = cursor.value()?;
        if args.iter().any(|(k, _)| *k == key) {
            return Err(format!("argument `{key}` is given twice"));
        }
        args.push((key, value));
    }
    cursor.skip_spaces();
    if !cursor.eat("}}") {
        return Err("expected `}}` to close the shortcode".to_string());
    }
    Ok((name, args, cursor.at))
}

/// Does `{{` at `at` begin something meant as a shortcode (`{{ word(`)?
fn looks_like_call(line: &str, at: usize) -> bool {
    let rest = line[at + 2..].trim_start();
    let name_len = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
    name_len > 0 && rest[name_len..].trim_start().starts_with('(')
}

/// Byte ranges of inline code spans in `line`.
fn code_spans(line: &str) -> Vec<(usize, usize)> {
    let bytes = line.as_bytes();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'`' {
            let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
            let fence = &line[i..i + run];
            if let Some(close) = line[i + run..].find(fence) {
                let end = i + run + close + run;
                spans.push((i, end));
                i = end;
                continue;
            }
            i += run;
        } else {
            i += 1;
        }
    }
    spans
}

/// Finds every shortcode in `body`, outside fenced and inline code.
pub fn find(body: &str) -> (Vec<Call>, Vec<SyntaxError>) {
    let mut calls = Vec::new();
    let mut errors = Vec::new();
    let mut fence: Option<String> = None;
    let mut offset = 0;
    for (number, line) in body.split_inclusive('\n').enumerate() {
        let line_start = offset;
        offset += line.len();
        let trimmed = line.trim_start();
        if let Some(open) = &fence {
            if trimmed.starts_with(open.as_str()) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            let marker: String = trimmed.chars().take_while(|c| *c == '`' || *c == '~').collect();
            fence = Some(marker);
            continue;
        }
        if !line.contains("{{") {
            continue;
        }
        let spans = code_spans(line);
        let mut from = 0;
        while let Some(found) = line[from..].find("{{") {
            let at = from + found;
            from = at + 2;
            if spans.iter().any(|&(s, e)| s <= at && at < e) || !looks_like_call(line, at) {
                continue;
            }
            let column = line[..at].chars().count() + 1;
            match parse_call(line, at) {
                Ok((name, args, end)) => {
                    let alone = line[..at].trim().is_empty() && line[end..].trim().is_empty();
                    calls.push(Call {
                        name,
                        args,
                        start: line_start + at,
                        end: line_start + end,
                        line: number,
                        column,
                        alone,
                    });
                    from = end;
                }
                Err(message) => errors.push(SyntaxError {
                    line: number,
                    column,
                    message: format!("malformed shortcode: {message}"),
                }),
            }
        }
    }
    (calls, errors)
}

const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

fn token(index: usize) -> String {
    format!("{OPEN}{index}{CLOSE}")
}

/// `body` with call `i` replaced by a placeholder token; block calls get
/// blank lines around them so they stand as their own paragraph.
pub fn with_placeholders(body: &str, calls: &[Call]) -> String {
    let mut out = String::with_capacity(body.len());
    let mut last = 0;
    for (index, call) in calls.iter().enumerate() {
        out.push_str(&body[last..call.start]);
        if call.alone {
            out.push('\n');
            out.push_str(&token(index));
            out.push('\n');
        } else {
            out.push_str(&token(index));
        }
        last = call.end;
    }
    out.push_str(&body[last..]);
    out
}

/// Puts the rendered HTML of each call back in place of its token, in one
/// pass. A token that is a paragraph of its own (`<p>TOKEN</p>`) is replaced
/// with its paragraph, so that block HTML is not wrapped in `<p>`.
pub fn restore(html: &str, rendered: &[String]) -> String {
    let extra: usize = rendered.iter().map(String::len).sum();
    let mut out = String::with_capacity(html.len() + extra);
    let mut used = vec![false; rendered.len()];
    let mut rest = html;
    while let Some(open) = rest.find(OPEN) {
        out.push_str(&rest[..open]);
        let after_open = &rest[open + OPEN.len_utf8()..];
        let piece = after_open.find(CLOSE).and_then(|close| {
            let index: usize = after_open[..close].parse().ok()?;
            let fresh = !std::mem::replace(used.get_mut(index)?, true);
            fresh.then(|| (&rendered[index], &after_open[close + CLOSE.len_utf8()..]))
        });
        match piece {
            Some((piece, after)) => {
                if out.ends_with("<p>")
                    && let Some(after) = after.strip_prefix("</p>\n")
                {
                    out.truncate(out.len() - "<p>".len());
                    out.push_str(piece);
                    out.push('\n');
                    rest = after;
                } else {
                    out.push_str(piece);
                    rest = after;
                }
            }
            None => {
                out.push(OPEN);
                rest = after_open;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_calls_with_positions_and_arguments() {
        let body = "产值{{ metric(name=\"output.gross_output.total\") }}，增长。\n\n{{ projects(industry='food', status=\"started\", limit=5) }}\n";
        let (calls, errors) = find(body);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(calls.len(), 2);
        assert_eq!(calls[0].name, "metric");
        assert_eq!(calls[0].arg("name"), Some(&Arg::Str("output.gross_output.total".into())));
        assert_eq!((calls[0].line, calls[0].column), (0, 3));
        assert!(!calls[0].alone);
        assert_eq!(calls[1].line, 2);
        assert!(calls[1].alone);
        assert_eq!(calls[1].arg("limit"), Some(&Arg::Num(5.0)));
    }

    #[test]
    fn code_is_left_alone() {
        let body = "写作 `{{ metric(name=\"x\") }}` 即可。\n\n```\n{{ chart(id=\"a\") }}\n```\n";
        let (calls, errors) = find(body);
        assert!(calls.is_empty() && errors.is_empty());
    }

    #[test]
    fn malformed_calls_are_reported() {
        let (calls, errors) = find("a\n{{ metric(name=\"x) }}\n{{ metric(name=x y) }}\n{{ chart(id=\"a\" }}\n");
        assert!(calls.is_empty());
        assert_eq!(errors.len(), 3);
        assert_eq!(errors[0].line, 1);
        assert!(errors[0].message.contains("unterminated"));
    }

    #[test]
    fn plain_braces_are_text() {
        let (calls, errors) = find("模板写法 {{ 变量 }} 不是短代码。\n");
        assert!(calls.is_empty() && errors.is_empty());
    }

    #[test]
    fn restore_keeps_stray_or_repeated_tokens_as_text() {
        let html = format!("<p>a{OPEN}0{CLOSE}b{OPEN}0{CLOSE}c{OPEN}7{CLOSE}d{OPEN}x</p>\n<p>{OPEN}1{CLOSE}</p>\n");
        let out = restore(&html, &["<i>1</i>".to_string(), "<div>2</div>".to_string()]);
        assert_eq!(
            out,
            format!("<p>a<i>1</i>b{OPEN}0{CLOSE}c{OPEN}7{CLOSE}d{OPEN}x</p>\n<div>2</div>\n")
        );
    }

    #[test]
    fn placeholders_round_trip_through_markdown() {
        let body = "增长{{ metric(name=\"a\") }}。\n{{ chart(id=\"x\") }}\n";
        let (calls, _) = find(body);
        let text = with_placeholders(body, &calls);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&text));
        let out = restore(&html, &["<b>30%</b>".to_string(), "<figure>图</figure>".to_string()]);
        assert_eq!(out, "<p>增长<b>30%</b>。</p>\n<figure>图</figure>\n");
    }
}
