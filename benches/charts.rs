//! Benchmark: draw 500 charts (24 periods, bars, growth line, value labels)
//! and report the time per chart. Goal: 500 charts in under 1 s on the
//! 2-core reference machine. Run with `cargo bench --bench charts`.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::Instant;

use briefing::calendar::Period;
use briefing::derive::charts::chart;
use briefing::derive::figures::AsOf;
use briefing::load::Data;
use briefing::load::data::{Industry, OutputPeriod};
use briefing::render::svg::{Canvas, draw};

fn data() -> Data {
    let mut data = Data::default();
    let industries = ["machinery", "food", "building", "tourism"];
    data.industries.records = industries
        .iter()
        .map(|id| Industry {
            id: id.to_string(),
            name: format!("{id}产业"),
            description: None,
            color: None,
        })
        .collect();
    for year in 2011..=2013 {
        for month in 1..=12 {
            let base = f64::from(month) * (1.0 + f64::from(year - 2011) * 0.3);
            let mut gross = BTreeMap::from([("total".to_string(), base * 12.5)]);
            for (n, id) in industries.iter().enumerate() {
                gross.insert(id.to_string(), base * (4.0 - n as f64));
            }
            data.output.records.periods.push(OutputPeriod {
                period: Period::new(year, month).expect("valid period"),
                value_added: gross.iter().map(|(k, v)| (k.clone(), v * 0.3)).collect(),
                gross_output: gross,
                gross_output_yoy: BTreeMap::new(),
                value_added_yoy: BTreeMap::new(),
            });
        }
    }
    data
}

fn main() {
    let data = data();
    let period = Period::new(2013, 12).expect("valid period");
    let as_of = AsOf::period_end(period);
    let ids = [
        "output-growth",
        "value-added-growth",
        "output-by-industry",
        "industry-food",
        "industry-machinery",
    ];
    // Warm up.
    for id in ids {
        let spec = chart(&data, id, as_of).expect("known chart").expect("data");
        black_box(draw(&spec, "bench", Canvas::Wide).expect("drawn"));
    }
    let rounds = 5;
    let mut times = Vec::new();
    let mut bytes = 0;
    for _ in 0..rounds {
        let started = Instant::now();
        for n in 0..500 {
            let spec = chart(&data, ids[n % ids.len()], as_of).expect("known chart").expect("data");
            let svg = draw(&spec, "bench", Canvas::Wide).expect("drawn");
            bytes += svg.len();
            black_box(svg);
        }
        times.push(started.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let median = times[rounds / 2];
    println!(
        "charts: 500 charts in {:.3} s (median of {rounds}), {:.2} ms per chart, {:.1} KB average SVG",
        median,
        median * 1000.0 / 500.0,
        bytes as f64 / (500.0 * rounds as f64) / 1024.0
    );
}
