//! What each moment must hold. The latest moment holds everything (its
//! data pages show every chart, and its standalone pages, or any text
//! rendered alone, may ask for anything). A briefing's moment holds what
//! the texts of its briefings call — the figures of their `metric` calls
//! (also in titles and summaries), the charts, the project tables, the
//! units' scorecards — and every figure when a template of the theme
//! calls `metric()` (it may ask for any, at the page's moment or a
//! period's). Calls are found as they are written, on their line:
//! every call a page evaluates is among them (a few more, in code, are
//! harmless).

use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, HashMap, HashSet};

use rayon::prelude::*;

use crate::derive::figures::AsOf;
use crate::load::Site;
use crate::load::shortcodes::{self, Arg};

/// What one moment must hold.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Need {
    /// The metrics by name; `None` for every name.
    pub(super) figures: Option<BTreeSet<String>>,
    /// The units' scorecards (of a `units` table).
    pub(super) scores: bool,
    /// The rows of `projects` tables.
    pub(super) tables: bool,
    /// The charts by id; `None` for every chart of the site.
    pub(super) charts: Option<BTreeSet<String>>,
}

impl Need {
    /// Everything.
    pub(super) fn all() -> Need {
        Need {
            figures: None,
            scores: true,
            tables: true,
            charts: None,
        }
    }

    /// Nothing yet.
    pub(super) fn nothing() -> Need {
        Need {
            figures: Some(BTreeSet::new()),
            scores: false,
            tables: false,
            charts: Some(BTreeSet::new()),
        }
    }

    /// Every figure (for templates that call `metric()`), and nothing else
    /// yet.
    fn every_figure() -> Need {
        Need {
            figures: None,
            ..Need::nothing()
        }
    }

    /// Adds what the Markdown `text` calls, reading only the lines where
    /// a call of a shortcode that needs something begins, and each line
    /// once (those in `seen` were read for this moment already).
    pub(super) fn add_calls_of<'t>(&mut self, text: &'t str, seen: &mut HashSet<&'t str>) {
        let bytes = text.as_bytes();
        // A call that counts begins `{{ metric(`, `{{ chart(`, … (one
        // written with full-width punctuation is an error, not a call).
        let named = |at: usize| {
            let rest = text[at + 2..].trim_start_matches([' ', '\t']);
            let name = rest
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .next()
                .unwrap_or_default();
            matches!(name, "metric" | "chart" | "projects" | "units")
        };
        let line_of = |at: usize| {
            let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
            let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
            &text[start..end]
        };
        // A call is written on one line: each line once.
        let mut last = None;
        for at in memchr::memmem::find_iter(bytes, "{{").filter(|at| named(*at)) {
            let line = line_of(at);
            if last == Some(line.as_ptr()) {
                continue;
            }
            last = Some(line.as_ptr());
            if seen.insert(line) {
                for call in shortcodes::calls_in(line).0 {
                    self.add_call(&call);
                }
            }
        }
    }

    /// Adds what `other` needs.
    fn merge(&mut self, other: Need) {
        let union = |mine: &mut Option<BTreeSet<String>>, theirs: Option<BTreeSet<String>>| match (mine.as_mut(), theirs) {
            (Some(mine), Some(theirs)) => mine.extend(theirs),
            (_, None) => *mine = None,
            (None, Some(_)) => {}
        };
        union(&mut self.figures, other.figures);
        union(&mut self.charts, other.charts);
        self.scores |= other.scores;
        self.tables |= other.tables;
    }

    /// Adds what one call needs.
    fn add_call(&mut self, call: &shortcodes::Call) {
        let text = |key: &str| match call.arg(key) {
            Some(Arg::Str(value)) => Some(value.clone()),
            _ => None,
        };
        match call.name.as_str() {
            "metric" => {
                if let (Some(figures), Some(name)) = (&mut self.figures, text("name")) {
                    figures.insert(name);
                }
            }
            "chart" => {
                if let (Some(charts), Some(id)) = (&mut self.charts, text("id")) {
                    charts.insert(id);
                }
            }
            "projects" => self.tables = true,
            "units" => self.scores = true,
            _ => {}
        }
    }

    /// Whether a moment computed for `self` serves for `wanted`.
    pub(super) fn covers(&self, wanted: &Need) -> bool {
        let holds = |held: &Option<BTreeSet<String>>, wanted: &Option<BTreeSet<String>>| match (held, wanted) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(held), Some(wanted)) => wanted.is_subset(held),
        };
        (self.tables || !wanted.tables)
            && (self.scores || !wanted.scores)
            && holds(&self.figures, &wanted.figures)
            && holds(&self.charts, &wanted.charts)
    }
}

/// Whether a template of `site`'s theme calls `metric()`.
fn templates_call_metric(site: &Site) -> bool {
    site.theme.templates.iter().any(|template| {
        let source = &template.source;
        source
            .match_indices("metric")
            .any(|(at, name)| source[at + name.len()..].trim_start().starts_with('('))
    })
}

/// The moments `site` needs, in order, each with what it must hold; the
/// periods of the data are moments when a template may name them.
pub(super) fn needed(site: &Site, latest: AsOf, periods: &[crate::calendar::Period]) -> Vec<(AsOf, Need)> {
    let data = &*site.data;
    let templates = templates_call_metric(site);
    let fresh = || if templates { Need::every_figure() } else { Need::nothing() };
    // The briefings side by side, each thread reading a line of a moment
    // once.
    type Found<'t> = HashMap<AsOf, (Need, HashSet<&'t str>)>;
    let found: Found<'_> = site
        .briefings
        .par_iter()
        .fold(Found::new, |mut found, briefing| {
            let as_of = AsOf::for_briefing(data, briefing.as_of, briefing.date);
            let (need, seen) = found.entry(as_of).or_insert_with(|| (fresh(), HashSet::new()));
            for text in [&briefing.body, &briefing.title].into_iter().chain(&briefing.summary) {
                need.add_calls_of(text, seen);
            }
            found
        })
        .reduce(Found::new, |mut all, part| {
            for (as_of, (need, _)) in part {
                match all.entry(as_of) {
                    Entry::Occupied(mut held) => held.get_mut().0.merge(need),
                    Entry::Vacant(place) => {
                        place.insert((need, HashSet::new()));
                    }
                }
            }
            all
        });
    let mut wanted: HashMap<AsOf, Need> = found.into_iter().map(|(as_of, (need, _))| (as_of, need)).collect();
    wanted.entry(latest).or_insert_with(Need::nothing).merge(Need::all());
    if templates {
        for period in periods {
            wanted.entry(AsOf::period_end(*period)).or_insert_with(fresh);
        }
    }
    let mut wanted: Vec<(AsOf, Need)> = wanted.into_iter().collect();
    wanted.sort_by_key(|(as_of, _)| (as_of.date, as_of.period));
    wanted
}
