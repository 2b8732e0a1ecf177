//! Fuzz target: a data file kept as a workbook or CSV file — any bytes —
//! is read and checked without panicking. The first byte picks the file
//! and the form.
#![no_main]

use briefing::load::data::parse_sheet;
use briefing::validate::data::validate_data;
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 8] = ["industries", "units", "enterprises", "projects", "problems", "output", "charts", "tallies"];

fuzz_target!(|bytes: &[u8]| {
    let Some((&pick, rest)) = bytes.split_first() else { return };
    let name = NAMES[usize::from(pick) % NAMES.len()];
    let mut problems = Vec::new();
    let data = parse_sheet(name, pick & 0x80 != 0, rest.to_vec(), &mut problems);
    let _ = validate_data(&data);
});
