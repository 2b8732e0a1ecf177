//! Shortcodes in Markdown text: `{{ name(key="value", n=3) }}`. Parsing
//! the calls out of a stretch of text as written (the Markdown pipeline
//! hands over only text, never code or HTML), recognising calls typed with
//! a Chinese input method's full-width punctuation, and evaluating calls
//! to plain text (for titles and summaries).

/// A literal argument value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Arg {
    Str(String),
    Num(f64),
    Bool(bool),
}

impl Arg {
    pub(crate) fn type_name(&self) -> &'static str {
        match self {
            Arg::Str(_) => "a string",
            Arg::Num(_) => "a number",
            Arg::Bool(_) => "true or false",
        }
    }
}

/// One shortcode call in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub name: String,
    pub(crate) args: Vec<(String, Arg)>,
    /// Byte range in the text scanned.
    pub start: usize,
    pub end: usize,
}

impl Call {
    pub(crate) fn arg(&self, key: &str) -> Option<&Arg> {
        self.args.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// A fingerprint of the call's name and arguments: two calls with the
    /// same fingerprint ask for the same thing.
    pub(crate) fn fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        self.name.hash(&mut hasher);
        for (key, value) in &self.args {
            key.hash(&mut hasher);
            match value {
                Arg::Str(text) => (0u8, text).hash(&mut hasher),
                Arg::Num(number) => (1u8, number.to_bits()).hash(&mut hasher),
                Arg::Bool(flag) => (2u8, flag).hash(&mut hasher),
            }
        }
        hasher.finish()
    }
}

/// A malformed shortcode: byte offset in the text, message, hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub offset: usize,
    pub(crate) message: String,
    pub(crate) hint: String,
}

/// The usual way to write a shortcode, for hints.
pub(crate) const EXAMPLE: &str = "write it as {{ metric(name=\"problems.close_rate\") }}";

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

/// Whether `text` may hold a shortcode at all (a `{` or a `｛`): the cheap
/// test done before looking for calls.
pub(crate) fn may_hold_calls(text: &str) -> bool {
    memchr::memchr(b'{', text.as_bytes()).is_some() || memchr::memmem::find(text.as_bytes(), "｛".as_bytes()).is_some()
}

/// Full-width characters a Chinese input method types in place of the
/// half-width ones of the shortcode syntax.
const FULL_WIDTH: [(char, char); 10] = [
    ('（', '('),
    ('）', ')'),
    ('“', '"'),
    ('”', '"'),
    ('‘', '\''),
    ('’', '\''),
    ('，', ','),
    ('＝', '='),
    ('｛', '{'),
    ('｝', '}'),
];

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}')
}

/// Whether `{{` (or `｛｛`) at `at` begins something meant as a call: a
/// name and an opening bracket, half- or full-width. `{{ 变量 }}` is not.
fn looks_like_call(text: &str, at: usize, open: &str) -> bool {
    let rest = text[at + open.len()..].trim_start_matches(is_space);
    let name_len = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
    name_len > 0 && rest[name_len..].trim_start_matches(is_space).starts_with(['(', '（'])
}

/// The text of a call that starts at `at`, up to its closing braces (or
/// the end of the line).
fn call_text(text: &str, at: usize) -> &str {
    let rest = &text[at..];
    let line = rest.find('\n').unwrap_or(rest.len());
    let close = [rest[..line].find("}}").map(|i| i + 2), rest[..line].find("｝｝").map(|i| i + 6)]
        .into_iter()
        .flatten()
        .min();
    &rest[..close.unwrap_or(line)]
}

/// The call written with half-width punctuation.
fn half_width(text: &str) -> String {
    text.chars()
        .map(|c| FULL_WIDTH.iter().find(|(full, _)| *full == c).map_or(c, |(_, half)| *half))
        .map(|c| if c == '\u{3000}' { ' ' } else { c })
        .collect()
}

/// Finds every shortcode call in `text`, with the problems of those that
/// are malformed or typed with full-width punctuation.
pub fn calls_in(text: &str) -> (Vec<Call>, Vec<SyntaxError>) {
    let mut calls = Vec::new();
    let mut errors = Vec::new();
    // The next `{{` and `｛｛` at or after `from`, each looked for again
    // only once passed: one pass over the text.
    let half = memchr::memmem::Finder::new("{{");
    let full = memchr::memmem::Finder::new("｛｛");
    let find = |finder: &memchr::memmem::Finder<'_>, from: usize| finder.find(&text.as_bytes()[from..]).map(|i| from + i);
    let (mut next_half, mut next_full) = (find(&half, 0), find(&full, 0));
    let mut from = 0;
    loop {
        if next_half.is_some_and(|at| at < from) {
            next_half = find(&half, from);
        }
        if next_full.is_some_and(|at| at < from) {
            next_full = find(&full, from);
        }
        let (at, open) = match (next_half, next_full) {
            (Some(h), Some(f)) if f < h => (f, "｛｛"),
            (Some(h), _) => (h, "{{"),
            (None, Some(f)) => (f, "｛｛"),
            (None, None) => break,
        };
        from = at + open.len();
        if !looks_like_call(text, at, open) {
            continue;
        }
        let written = call_text(text, at);
        if written.contains(|c: char| c == '\u{3000}' || FULL_WIDTH.iter().any(|(full, _)| *full == c)) {
            errors.push(SyntaxError {
                offset: at,
                message: format!("shortcode typed with full-width punctuation: `{written}`"),
                hint: format!(
                    "type brackets, quotes and commas half-width (English input): `{}`",
                    half_width(written)
                ),
            });
            from = at + written.len();
            continue;
        }
        // Parsed within its own text, so that an unterminated string does
        // not run on into the next call.
        match parse_call(&text[..at + written.len()], at) {
            Ok((name, args, end)) => {
                calls.push(Call {
                    name,
                    args,
                    start: at,
                    end,
                });
                from = end;
            }
            Err(message) => errors.push(SyntaxError {
                offset: at,
                message: format!("malformed shortcode: {message}"),
                hint: EXAMPLE.to_string(),
            }),
        }
    }
    (calls, errors)
}

/// `text` with every call replaced by what `evaluate` makes of it, for
/// titles and summaries shown as plain text. Problems carry the byte
/// offset of their call.
pub fn plain(text: &str, mut evaluate: impl FnMut(&Call) -> Result<String, (String, Option<String>)>) -> Result<String, Vec<SyntaxError>> {
    let (calls, mut errors) = calls_in(text);
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for call in &calls {
        out.push_str(&text[last..call.start]);
        match evaluate(call) {
            Ok(value) => out.push_str(&value),
            Err((message, hint)) => errors.push(SyntaxError {
                offset: call.start,
                message,
                hint: hint.unwrap_or_default(),
            }),
        }
        last = call.end;
    }
    out.push_str(&text[last..]);
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_calls_with_positions_and_arguments() {
        let text =
            "产值{{ metric(name=\"output.gross_output.total\") }}，增长。{{ projects(industry='food', status=\"started\", limit=5) }}";
        let (calls, errors) = calls_in(text);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(calls.len(), 2);
        assert_eq!(calls[0].name, "metric");
        assert_eq!(calls[0].arg("name"), Some(&Arg::Str("output.gross_output.total".into())));
        assert_eq!(calls[0].start, "产值".len());
        assert_eq!(
            &text[calls[0].start..calls[0].end],
            "{{ metric(name=\"output.gross_output.total\") }}"
        );
        assert_eq!(calls[1].arg("limit"), Some(&Arg::Num(5.0)));
    }

    #[test]
    fn malformed_calls_are_reported() {
        let (calls, errors) = calls_in("a{{ metric(name=\"x) }} {{ metric(name=x y) }} {{ chart(id=\"a\" }}");
        assert!(calls.is_empty());
        assert_eq!(errors.len(), 3);
        assert_eq!(errors[0].offset, 1);
        assert!(errors[0].message.contains("unterminated"));
    }

    #[test]
    fn plain_braces_are_text() {
        let (calls, errors) = calls_in("模板写法 {{ 变量 }} 不是短代码，{{name}} 也不是。");
        assert!(calls.is_empty() && errors.is_empty());
    }

    #[test]
    fn full_width_punctuation_is_named_with_the_fix() {
        for typed in [
            "{{ metric（name=“problems.close_rate”）}}",
            "｛｛ metric(name=\"x\") ｝｝",
            "{{ metric(name=“x”) }}",
        ] {
            let (calls, errors) = calls_in(&format!("销号率{typed}。"));
            assert!(calls.is_empty(), "{typed}");
            assert_eq!(errors.len(), 1, "{typed}");
            assert!(errors[0].message.contains("full-width"), "{}", errors[0].message);
            assert!(errors[0].hint.contains("metric(name=\""), "{}", errors[0].hint);
        }
    }

    #[test]
    fn plain_text_of_a_title() {
        let title = plain("上半年销号率{{ metric(name=\"problems.close_rate\") }}", |call| {
            assert_eq!(call.name, "metric");
            Ok("75.0%".to_string())
        });
        assert_eq!(title.unwrap(), "上半年销号率75.0%");
        let errors = plain("x{{ metric(name=\"bad\") }}", |_| Err(("unknown metric `bad`".into(), None))).unwrap_err();
        assert_eq!(errors[0].offset, 1);
    }
}
