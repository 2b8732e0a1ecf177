//! Theme templates rendered under a deadline. Tera 2 caps `range()` at
//! 100,000 numbers but not the time a template takes: a `for` loop nested
//! in another over `range()` (or over the registers) renders for hours,
//! and templates that each include another twice grow exponentially
//! without any loop. So every template is compiled with a call to [`TICK`]
//! at the start of its body and of every `for`, `block` and `component`
//! body ([`guarded`]), which fails once the render has taken longer than
//! the build's limit ([`Clock`]); the output of a render is capped at
//! [`MAX_OUTPUT`] bytes as it grows. Once one render has run out of time,
//! every other render of the build stops at its next step: the build fails
//! anyway, and a runaway `briefing.html` must not take its time again on
//! each of 10,000 pages. No thread is started, so nothing is left running.
//!
//! The deadline of the render under way on a thread is kept in a cell of
//! that thread: Tera gives a function no state of the render it runs in,
//! and a render runs on one thread from start to end. It is set for the
//! length of one render and put back after it.

use std::cell::Cell;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use tera::{Context, Tera, TeraResult};

use crate::diagnostics::Diagnostic;

/// The function the guarded templates call.
pub(crate) const TICK: &str = "__briefing_tick";

/// How long one render may take unless `BRIEFING_TEMPLATE_SECONDS` says
/// otherwise: far more than the largest register page of a 10,000-briefing
/// site takes in a debug build.
const DEFAULT_LIMIT: Duration = Duration::from_secs(30);

/// The most one render may write: far more than any page needs.
pub(crate) const MAX_OUTPUT: usize = 256 << 20;

/// How much output is written between two looks at the clock.
const CHECK_EVERY: usize = 64 << 10;

/// The start of the message of a render that ran out of time.
const OVERRUN: &str = "rendering took longer than";

/// The message of a render stopped because another one ran out of time.
const STOPPED: &str = "rendering stopped: another template ran out of time";

/// How many steps of a render go between two looks at the clock (which
/// costs about as much as the step itself).
const STEPS_PER_LOOK: u32 = 64;

thread_local! {
    /// When the render under way on this thread must end, and the steps
    /// until the next look at the clock.
    static DEADLINE: Cell<(Option<Instant>, u32)> = const { Cell::new((None, 0)) };
}

/// The time limit of the renders of one build.
#[derive(Debug)]
pub(crate) struct Clock {
    limit: Duration,
    /// The most one render may write ([`MAX_OUTPUT`]).
    max_output: usize,
    /// Set once a render ran out of time: every other one stops.
    stopped: AtomicBool,
}

impl Clock {
    pub(crate) fn new(limit: Duration) -> Clock {
        Clock {
            limit,
            max_output: MAX_OUTPUT,
            stopped: AtomicBool::new(false),
        }
    }

    /// The clock of a build: [`DEFAULT_LIMIT`], or the whole seconds of
    /// `BRIEFING_TEMPLATE_SECONDS` (for slow machines, and for tests).
    pub(crate) fn for_build() -> Clock {
        let seconds = std::env::var("BRIEFING_TEMPLATE_SECONDS")
            .ok()
            .and_then(|s| s.trim().parse::<u64>().ok());
        Clock::new(seconds.filter(|&s| s > 0).map_or(DEFAULT_LIMIT, Duration::from_secs))
    }

    fn overrun(&self) -> String {
        format!(
            "{OVERRUN} {} s; stopped at this step (a loop inside a loop, or over `range()`, can run for hours)",
            self.limit.as_secs()
        )
    }

    /// What [`TICK`] does: fails once the render on this thread is past its
    /// deadline, or once another render was.
    pub(crate) fn tick(&self) -> TeraResult<bool> {
        let look = DEADLINE.with(|cell| {
            let (deadline, steps) = cell.get();
            cell.set((deadline, steps.wrapping_add(1)));
            steps % STEPS_PER_LOOK == 0
        });
        match look {
            true => self.check().map(|()| false).map_err(tera::Error::message),
            false => Ok(false),
        }
    }

    fn check(&self) -> Result<(), String> {
        if self.stopped.load(Ordering::Relaxed) {
            return Err(STOPPED.to_string());
        }
        match DEADLINE.with(Cell::get) {
            (Some(deadline), _) if Instant::now() > deadline => {
                self.stopped.store(true, Ordering::Relaxed);
                Err(self.overrun())
            }
            _ => Ok(()),
        }
    }

    /// Renders template `name` of `tera` with `context` into `out`, under
    /// the deadline and the cap on its size.
    pub(crate) fn render(&self, tera: &Tera, name: &str, context: &Context, out: &mut Vec<u8>) -> TeraResult<()> {
        self.check().map_err(tera::Error::message)?;
        let previous = DEADLINE.with(|cell| cell.replace((Some(Instant::now() + self.limit), 1)));
        let start = out.len();
        let mut capped = Capped {
            out,
            start,
            unchecked: 0,
            clock: self,
            refused: None,
        };
        let result = tera.render_to(name, context, &mut capped);
        DEADLINE.with(|cell| cell.set(previous));
        // Tera keeps only the kind of an error of the output: the reason
        // is the output's.
        match capped.refused {
            Some(reason) => Err(tera::Error::message(reason)),
            None => result,
        }
    }

    /// [`Clock::render`] into a new string.
    pub(crate) fn render_string(&self, tera: &Tera, name: &str, context: &Context) -> TeraResult<String> {
        let mut out = Vec::new();
        self.render(tera, name, context, &mut out)?;
        // Tera writes only UTF-8.
        String::from_utf8(out).map_err(|error| tera::Error::message(error.to_string()))
    }
}

/// The output of one render, refused past [`MAX_OUTPUT`] bytes and past
/// the deadline (both looked at every [`CHECK_EVERY`] bytes, so that a
/// piece costs one addition).
struct Capped<'a> {
    out: &'a mut Vec<u8>,
    start: usize,
    unchecked: usize,
    clock: &'a Clock,
    /// Why the output was refused.
    refused: Option<String>,
}

impl Capped<'_> {
    #[cold]
    fn refuse(&mut self, reason: String) -> std::io::Error {
        let error = std::io::Error::other(reason.clone());
        self.refused.get_or_insert(reason);
        error
    }

    /// A look at the size and the clock, once per [`CHECK_EVERY`] bytes,
    /// before `coming` more are written.
    #[inline(never)]
    fn look(&mut self, coming: usize) -> std::io::Result<()> {
        self.unchecked = 0;
        if self.out.len() - self.start + coming > self.clock.max_output {
            let reason = format!("the template writes more than {} MB for one page", self.clock.max_output >> 20);
            return Err(self.refuse(reason));
        }
        self.clock.check().map_err(|reason| self.refuse(reason))
    }
}

impl Write for Capped<'_> {
    #[inline]
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.write_all(buf).map(|()| buf.len())
    }

    /// Tera writes in small pieces: each is taken whole, without the loop
    /// of the default `write_all`.
    #[inline]
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.unchecked += buf.len();
        if self.unchecked >= CHECK_EVERY {
            self.look(buf.len())?;
        }
        self.out.extend_from_slice(buf);
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `problems` without the renders stopped because another ran out of
/// time, when that one is among them (it names the template to fix).
pub(crate) fn without_stopped(problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if !problems.iter().any(|p| p.message.contains(OVERRUN)) {
        return problems;
    }
    problems.into_iter().filter(|p| !p.message.contains(STOPPED)).collect()
}

/// The call of [`TICK`] put into a template: it writes nothing, and trims
/// the whitespace after it as the tag before it did (`-%}`).
fn tick(trims: bool) -> String {
    match trims {
        true => format!("{{%- if {TICK}() -%}}{{%- endif -%}}"),
        false => format!("{{% if {TICK}() %}}{{% endif %}}"),
    }
}

/// The byte just past `close` (`%}`, `}}`) from `from` in `source`,
/// skipping Tera strings (`"…"`, `'…'`, `` `…` ``, with `\` escapes).
fn tag_end(source: &str, from: usize, close: &str) -> Option<usize> {
    let bytes = source.as_bytes();
    let mut at = from;
    let mut quote: Option<u8> = None;
    while at < bytes.len() {
        let b = bytes[at];
        match quote {
            Some(_) if b == b'\\' => at += 1,
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if matches!(b, b'"' | b'\'' | b'`') => quote = Some(b),
            None if source[at..].starts_with(close) => return Some(at + close.len()),
            None => {}
        }
        at += 1;
    }
    None
}

/// The keyword of the block tag whose inside is `inner` (between `{%` and
/// `%}`), and whether the tag trims the whitespace after it.
fn keyword(inner: &str) -> (&str, bool) {
    let trims = inner.ends_with('-');
    let inner = inner.strip_prefix('-').unwrap_or(inner).trim_start();
    let end = inner
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(inner.len());
    (&inner[..end], trims)
}

/// A call put into a template: at byte `at` of the original, `length`
/// bytes long, for the tag starting at byte `tag` (0 for the one at the
/// start).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Insert {
    at: usize,
    tag: usize,
    length: usize,
}

/// `source` with a call to [`TICK`] at the start of its body (unless it
/// extends another template, whose blocks then hold the calls) and of
/// every `for`, `block` and `component` body. Each goes on the line of the
/// tag before it, so the lines of errors stay those of the file (and
/// [`original_byte`] finds their columns).
pub(crate) fn guarded(source: &str) -> String {
    guard(source).0
}

/// Byte of `source` that byte `at` of its [`guarded`] text stands for: a
/// byte of a call put in stands for the tag it follows.
pub(crate) fn original_byte(source: &str, at: usize) -> usize {
    let mut shift = 0;
    for insert in guard(source).1 {
        if at < insert.at + shift {
            break;
        }
        if at < insert.at + shift + insert.length {
            return insert.tag;
        }
        shift += insert.length;
    }
    at.saturating_sub(shift).min(source.len())
}

fn guard(source: &str) -> (String, Vec<Insert>) {
    let mut out = String::with_capacity(source.len() + 512);
    let mut inserts = Vec::new();
    let mut last = 0;
    let mut at = 0;
    let mut first_tag = true;
    let mut extends = false;
    while let Some(found) = source[at..].find('{') {
        let start = at + found;
        match source.as_bytes().get(start + 1) {
            Some(b'#') => at = source[start..].find("#}").map_or(source.len(), |end| start + end + 2),
            Some(b'{') => at = tag_end(source, start + 2, "}}").unwrap_or(source.len()),
            Some(b'%') => {
                let Some(end) = tag_end(source, start + 2, "%}") else {
                    break;
                };
                let (word, trims) = keyword(&source[start + 2..end - 2]);
                match word {
                    "raw" => at = raw_end(source, end),
                    "for" | "block" | "component" => {
                        let call = tick(trims);
                        out.push_str(&source[last..end]);
                        out.push_str(&call);
                        inserts.push(Insert {
                            at: end,
                            tag: start,
                            length: call.len(),
                        });
                        last = end;
                        at = end;
                    }
                    _ => at = end,
                }
                extends |= first_tag && word == "extends";
                first_tag = false;
            }
            _ => at = start + 1,
        }
    }
    out.push_str(&source[last..]);
    if extends {
        return (out, inserts);
    }
    let call = tick(false);
    inserts.insert(
        0,
        Insert {
            at: 0,
            tag: 0,
            length: call.len(),
        },
    );
    (call + &out, inserts)
}

/// The byte after the `{% endraw %}` closing the raw block whose body
/// starts at `from` (the end of `source` when there is none).
fn raw_end(source: &str, from: usize) -> usize {
    let mut at = from;
    while let Some(found) = source[at..].find("{%") {
        let start = at + found;
        let Some(end) = tag_end(source, start + 2, "%}") else {
            break;
        };
        if keyword(&source[start + 2..end - 2]).0 == "endraw" {
            return end;
        }
        at = start + 2;
    }
    source.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera_with(templates: &[(&str, &str)], clock: std::sync::Arc<Clock>) -> Tera {
        let mut tera = Tera::default();
        tera.register_function(TICK, move |_: tera::Kwargs, _: &tera::State| clock.tick());
        let guarded: Vec<(String, String)> = templates.iter().map(|(n, s)| (n.to_string(), guarded(s))).collect();
        tera.add_raw_templates(guarded.iter().map(|(n, s)| (n.as_str(), s.as_str())))
            .unwrap();
        tera
    }

    #[test]
    fn guarded_templates_render_as_the_originals() {
        let templates = [
            (
                "base.html",
                "<h1>{% block title %}T{% endblock %}</h1>\n{%- for i in xs -%}\n  [{{ i }}]\n{%- endfor %}\n{% raw %}{% for x in y %}{% endraw %}",
            ),
            (
                "page.html",
                "{% extends \"base.html\" %}{% block title -%}  {{ \"%}\" }} {% for i in xs %} {{ i }}{% endfor %}{%- endblock %}",
            ),
            (
                "inc.html",
                "{# {% for %} #}{% for k, v in m %}{{ k }}={{ v }};{% else %}none{% endfor %}|{% include \"base.html\" %}",
            ),
            (
                "components.html",
                "{% component greet(name: string) -%}\n  Hello {{ name }}!\n{%- endcomponent greet %}[{{ <greet name=\"world\"/> }}]",
            ),
        ];
        let mut plain = Tera::default();
        plain.add_raw_templates(templates).unwrap();
        let guarded_tera = tera_with(&templates, std::sync::Arc::new(Clock::new(Duration::from_secs(60))));
        let mut context = Context::new();
        context.insert("xs", &[1, 2, 3]);
        context.insert("m", &std::collections::BTreeMap::from([("a", 1), ("b", 2)]));
        for (name, _) in templates {
            let expected = plain.render(name, &context).unwrap();
            assert_eq!(guarded_tera.render(name, &context).unwrap(), expected, "{name}");
        }
        let source = templates[1].1;
        assert!(guarded(source).starts_with("{% extends"));
        assert_eq!(guarded(source).matches(TICK).count(), 2);
        assert_eq!(guarded(templates[0].1).matches(TICK).count(), 3, "start, block, for; none in raw");
        assert_eq!(guarded(templates[0].1).lines().count(), templates[0].1.lines().count());
    }

    #[test]
    fn positions_in_the_guarded_text_are_found_in_the_original() {
        let source = "<ul>\n{% for p in ps %}<li>{{ p.nme }}</li>{% endfor %}\n</ul>";
        let text = guarded(source);
        let typo = text.find("p.nme").unwrap();
        assert_eq!(original_byte(source, typo), source.find("p.nme").unwrap());
        // A byte of a call stands for the tag it follows.
        let call = text.rfind(TICK).unwrap();
        assert_eq!(original_byte(source, call), source.find("{% for").unwrap());
        assert_eq!(original_byte(source, 3), 0);
        assert_eq!(original_byte(source, text.len()), source.len());
    }

    #[test]
    fn a_runaway_loop_stops_at_the_deadline_and_stops_the_others() {
        let clock = std::sync::Arc::new(Clock::new(Duration::from_millis(200)));
        let runaway = "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}";
        let tera = tera_with(&[("runaway.html", runaway), ("fine.html", "ok")], clock.clone());
        let started = Instant::now();
        let error = clock.render_string(&tera, "runaway.html", &Context::new()).unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(20), "{:?}", started.elapsed());
        let tera::ErrorKind::RenderingError(report) = error.kind() else {
            panic!("{error:?}");
        };
        assert!(report.message().contains(OVERRUN), "{}", report.message());
        assert_eq!(report.span().start_line, 1);
        let stopped = clock.render_string(&tera, "fine.html", &Context::new()).unwrap_err();
        assert!(stopped.to_string().contains(STOPPED), "{stopped}");
        assert_eq!(DEADLINE.with(Cell::get).0, None, "the thread's deadline is put back");
    }

    #[test]
    fn components_calling_themselves_many_times_are_stopped_too() {
        // Twenty levels of ten calls each: 10^20 calls, no loop at all.
        let clock = std::sync::Arc::new(Clock::new(Duration::from_millis(200)));
        let calls = "{{ <fan n={n - 1}/> }}".repeat(10);
        let fan = format!(
            "{{% component fan(n: integer) %}}{{% if n > 0 %}}{calls}{{% endif %}}{{% endcomponent fan %}}{{{{ <fan n={{19}}/> }}}}"
        );
        let tera = tera_with(&[("fan.html", &fan)], clock.clone());
        let started = Instant::now();
        let error = clock.render_string(&tera, "fan.html", &Context::new()).unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(20), "{:?}", started.elapsed());
        assert!(format!("{error:?}").contains(OVERRUN), "{error:?}");
    }

    #[test]
    fn output_is_capped_as_it_grows() {
        let clock = std::sync::Arc::new(Clock {
            max_output: 1 << 20,
            ..Clock::new(Duration::from_secs(600))
        });
        let big = "{% for i in range(end=100000) %}{% for j in range(end=100000) %}0123456789abcdef{% endfor %}{% endfor %}";
        let tera = tera_with(&[("big.html", big)], clock.clone());
        let mut out = Vec::new();
        let error = clock.render(&tera, "big.html", &Context::new(), &mut out).unwrap_err();
        assert!(out.len() <= (1 << 20) + CHECK_EVERY);
        assert_eq!(error.to_string(), "the template writes more than 1 MB for one page");
    }
}
