//! Fuzz target: the data loader and everything derived from the data —
//! validation, every metric and every chart as of every period — must never
//! panic. The input is split into the eight data files at `\0` bytes.
#![no_main]

use briefing::derive::charts::{all_ids, chart};
use briefing::derive::figures::{AsOf, metric, metric_names};
use briefing::derive::locale::Locale;
use briefing::load::Language;
use briefing::load::data::parse;
use briefing::render::svg::{Canvas, draw};
use briefing::validate::data::validate_data;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut parts = text.split('\0').map(|p| Some(p.to_string()));
    let texts = std::array::from_fn(|_| parts.next().flatten());
    let mut problems = Vec::new();
    let data = parse(texts, &mut problems);
    if validate_data(&data).has_errors() {
        return;
    }
    let mut moments: Vec<AsOf> = data.output.records.periods.iter().map(|p| AsOf::period_end(p.period)).collect();
    moments.push(AsOf::latest(&data));
    let locale = Locale::builtin(Language::ZhCn);
    for as_of in moments.into_iter().take(4) {
        for name in metric_names(&data) {
            let _ = metric(&data, &name, as_of, &locale);
        }
        for id in all_ids(&data) {
            if let Some(Ok(spec)) = chart(&data, &id, as_of) {
                let _ = draw(&spec, "fuzz", Canvas::Wide);
                let _ = draw(&spec, "fuzz", Canvas::Narrow);
            }
        }
    }
});
