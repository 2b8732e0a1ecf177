//! Bench helper: reads a data file kept as a workbook or CSV file the way
//! a build does (the sheet read, every cell checked, rows turned into
//! records) and prints the median wall time of several reads.
//!
//!     cargo run --release --example read_register -- problems.xlsx [RUNS]

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: read_register FILE.xlsx|FILE.csv [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(5);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("{path}: {error}");
            std::process::exit(1);
        }
    };
    let name = std::path::Path::new(&path)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("problems")
        .to_string();
    let xlsx = path.ends_with(".xlsx");
    let mut times = Vec::with_capacity(runs);
    let mut records = 0;
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        let mut problems = Vec::new();
        let data = briefing::load::data::parse_sheet(&name, xlsx, bytes.clone(), &mut problems);
        times.push(started.elapsed().as_secs_f64());
        records = data.record_count();
        if problems.iter().any(|p| p.is_error()) {
            eprintln!("{path}: {} error(s)", problems.len());
        }
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{path}: {records} records, median {:.3} s of {} reads",
        times[times.len() / 2],
        times.len()
    );
}
