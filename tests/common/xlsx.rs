//! Workbooks crafted part by part, as an attacker makes them: the zip
//! archive written by hand, and a part that repeats one piece of XML many
//! times deflated by hand to a few bits a repeat (a zip bomb), so that
//! what a test puts on disk stays small however large it expands.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The text of a part.
pub enum Part {
    /// As it is (stored).
    Plain(String),
    /// `head`, then `unit` `times` times, then `tail` (deflated).
    Repeated {
        head: String,
        unit: String,
        times: usize,
        tail: String,
    },
}

impl Part {
    pub fn plain(text: impl Into<String>) -> Part {
        Part::Plain(text.into())
    }

    pub fn repeated(head: &str, unit: &str, times: usize, tail: &str) -> Part {
        Part::Repeated {
            head: head.into(),
            unit: unit.into(),
            times,
            tail: tail.into(),
        }
    }
}

pub const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELATIONSHIP: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The worksheet part holding `inside` (`<sheetData>…`, `<mergeCells>…`).
pub fn worksheet(inside: &str) -> String {
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{MAIN}\">{inside}</worksheet>")
}

/// A row of inline text cells from column A.
pub fn row(number: usize, cells: &[&str]) -> String {
    let mut xml = format!("<row r=\"{number}\">");
    for (i, text) in cells.iter().enumerate() {
        let column = (b'A' + i as u8) as char;
        xml.push_str(&format!("<c r=\"{column}{number}\" t=\"inlineStr\"><is><t>{text}</t></is></c>"));
    }
    xml.push_str("</row>");
    xml
}

/// A workbook of `sheets` (name, worksheet part) and, when given, shared
/// strings (the part inside `<sst>` written by the caller).
pub fn workbook(sheets: Vec<(&str, Part)>, strings: Option<Part>) -> Vec<u8> {
    let mut listed = String::new();
    let mut relationships = String::new();
    let mut parts = Vec::new();
    for (i, (name, part)) in sheets.into_iter().enumerate() {
        let n = i + 1;
        listed.push_str(&format!("<sheet name=\"{name}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>"));
        relationships.push_str(&format!(
            "<Relationship Id=\"rId{n}\" Type=\"{RELATIONSHIP}/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"
        ));
        parts.push((format!("xl/worksheets/sheet{n}.xml"), part));
    }
    if let Some(strings) = strings {
        relationships.push_str(&format!(
            "<Relationship Id=\"rIdS\" Type=\"{RELATIONSHIP}/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        ));
        parts.push(("xl/sharedStrings.xml".into(), strings));
    }
    parts.push((
        "xl/workbook.xml".into(),
        Part::plain(format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"{MAIN}\" xmlns:r=\"{RELATIONSHIP}\"><sheets>{listed}</sheets></workbook>"
        )),
    ));
    parts.push((
        "xl/_rels/workbook.xml.rels".into(),
        Part::plain(format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{relationships}</Relationships>"
        )),
    ));
    parts.push((
        "[Content_Types].xml".into(),
        Part::plain(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/></Types>",
        ),
    ));
    zip(parts)
}

/// A zip archive of `parts`, written by hand.
fn zip(parts: Vec<(String, Part)>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    let put16 = |v: &mut Vec<u8>, n: u16| v.extend_from_slice(&n.to_le_bytes());
    let put32 = |v: &mut Vec<u8>, n: u32| v.extend_from_slice(&n.to_le_bytes());
    for (name, part) in &parts {
        let (method, data, size, crc) = match part {
            Part::Plain(text) => (0u16, text.as_bytes().to_vec(), text.len(), crc32([text.as_bytes()].into_iter())),
            Part::Repeated { head, unit, times, tail } => {
                let size = head.len() + unit.len() * times + tail.len();
                // The checksum of a part of hundreds of megabytes is left
                // out: the readers stop long before its end.
                let crc = if size <= 64 << 20 {
                    crc32(
                        [head.as_bytes()]
                            .into_iter()
                            .chain(std::iter::repeat_n(unit.as_bytes(), *times))
                            .chain([tail.as_bytes()]),
                    )
                } else {
                    0
                };
                (
                    8u16,
                    deflate_repeated(head.as_bytes(), unit.as_bytes(), *times, tail.as_bytes()),
                    size,
                    crc,
                )
            }
        };
        let offset = out.len() as u32;
        for (v, central_entry) in [(&mut out, false), (&mut central, true)] {
            put32(v, if central_entry { 0x0201_4b50 } else { 0x0403_4b50 });
            if central_entry {
                put16(v, 20);
            }
            for n in [20u16, 0, method, 0, 0x21] {
                put16(v, n);
            }
            put32(v, crc);
            put32(v, data.len() as u32);
            put32(v, size as u32);
            put16(v, name.len() as u16);
            put16(v, 0);
            if central_entry {
                for n in [0u16, 0, 0] {
                    put16(v, n);
                }
                put32(v, 0);
                put32(v, offset);
            }
            v.extend_from_slice(name.as_bytes());
        }
        out.extend_from_slice(&data);
    }
    let (central_offset, central_size) = (out.len() as u32, central.len() as u32);
    out.extend_from_slice(&central);
    put32(&mut out, 0x0605_4b50);
    for n in [0u16, 0, parts.len() as u16, parts.len() as u16] {
        put16(&mut out, n);
    }
    put32(&mut out, central_size);
    put32(&mut out, central_offset);
    put16(&mut out, 0);
    out
}

fn crc32<'a>(chunks: impl Iterator<Item = &'a [u8]>) -> u32 {
    let table: Vec<u32> = (0..256u32)
        .map(|n| (0..8).fold(n, |c, _| if c & 1 == 1 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 }))
        .collect();
    let mut crc = !0u32;
    for chunk in chunks {
        for &byte in chunk {
            crc = table[((crc ^ u32::from(byte)) & 0xFF) as usize] ^ (crc >> 8);
        }
    }
    !crc
}

/// Bits written as deflate writes them: from the lowest bit of each byte.
#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    acc: u64,
    count: u32,
}

impl Bits {
    fn put(&mut self, value: u64, count: u32) {
        self.acc |= value << self.count;
        self.count += count;
        while self.count >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.count -= 8;
        }
    }

    /// A Huffman code: its highest bit first.
    fn code(&mut self, code: u32, length: u32) {
        for i in (0..length).rev() {
            self.put(u64::from((code >> i) & 1), 1);
        }
    }

    fn align(&mut self) {
        if self.count > 0 {
            self.put(0, 8 - self.count);
        }
    }

    /// `data` as stored blocks, the last one final when `last`.
    fn stored(&mut self, data: &[u8], last: bool) {
        let chunks: Vec<&[u8]> = if data.is_empty() {
            vec![data]
        } else {
            data.chunks(65_535).collect()
        };
        let count = chunks.len();
        for (i, chunk) in chunks.into_iter().enumerate() {
            self.put(u64::from(last && i + 1 == count), 1);
            self.put(0, 2);
            self.align();
            let length = chunk.len() as u16;
            self.out.extend_from_slice(&length.to_le_bytes());
            self.out.extend_from_slice(&(!length).to_le_bytes());
            self.out.extend_from_slice(chunk);
        }
    }
}

/// The deflate code of distance `distance`: code, extra bits, their value.
fn distance_code(distance: usize) -> (usize, u32, u64) {
    for code in 0..30usize {
        let extra = if code < 2 { 0 } else { (code / 2 - 1) as u32 };
        let base = if code < 2 { code + 1 } else { ((2 | (code & 1)) << extra) + 1 };
        if distance >= base && distance < base + (1 << extra) {
            return (code, extra, (distance - base) as u64);
        }
    }
    panic!("distance {distance} is beyond deflate's window");
}

/// `head`, `unit` × `times`, `tail` deflated: the first unit stored, the
/// rest as copies of 258 bytes at the unit's distance in a block whose
/// codes are one bit each (the copy and the distance), the remainder and
/// `tail` stored.
fn deflate_repeated(head: &[u8], unit: &[u8], times: usize, tail: &[u8]) -> Vec<u8> {
    assert!(!unit.is_empty() && unit.len() <= 32_768 && times >= 1);
    let mut bits = Bits::default();
    bits.stored(&[head, unit].concat(), false);
    let copied = unit.len() * (times - 1);
    let copies = copied / 258;
    if copies > 0 {
        let (code, extra, value) = distance_code(unit.len());
        // Code lengths: literal/length symbols 256 (end) and 285 (copy 258)
        // one bit each, the distance `code` one bit; the rest none.
        let mut lengths = vec![0u8; 286 + code + 1];
        lengths[256] = 1;
        lengths[285] = 1;
        lengths[286 + code] = 1;
        bits.put(0, 1); // not the last block
        bits.put(2, 2); // dynamic Huffman codes
        bits.put(29, 5); // 286 literal/length codes
        bits.put(code as u64, 5); // code + 1 distance codes
        bits.put(14, 4); // 18 code length codes
        // Code length codes 0, 1, 17 and 18 two bits each, in the order
        // deflate lists them: 16 17 18 0 8 7 9 6 10 5 11 4 12 3 13 2 14 1.
        for symbol in [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1] {
            bits.put(if matches!(symbol, 0 | 1 | 17 | 18) { 2 } else { 0 }, 3);
        }
        // Canonical codes: 0 → 00, 1 → 01, 17 → 10, 18 → 11.
        let mut i = 0;
        while i < lengths.len() {
            if lengths[i] == 1 {
                bits.code(0b01, 2);
                i += 1;
                continue;
            }
            let run = lengths[i..].iter().take_while(|l| **l == 0).count();
            let run = run.min(138);
            if run >= 11 {
                bits.code(0b11, 2);
                bits.put((run - 11) as u64, 7);
            } else if run >= 3 {
                bits.code(0b10, 2);
                bits.put((run - 3) as u64, 3);
            } else {
                for _ in 0..run {
                    bits.code(0b00, 2);
                }
            }
            i += run;
        }
        // Literal/length codes: 256 → 0, 285 → 1; the distance: 0.
        for _ in 0..copies {
            bits.code(1, 1);
            bits.code(0, 1);
            bits.put(value, extra);
        }
        bits.code(0, 1);
    }
    // What the copies left of the repeats, then the tail.
    let start = copies * 258;
    let rest: Vec<u8> = (start..copied).map(|i| unit[i % unit.len()]).collect();
    bits.stored(&[&rest[..], tail].concat(), true);
    bits.align();
    bits.out
}

/// Runs `briefing ARGS` in `dir` with at most `memory_mb` of address space
/// (so that a reader that allocates what a file claims fails, and never
/// takes the test machine's memory) and `seconds` of time.
pub fn briefing_bounded(dir: &Path, args: &[&str], memory_mb: usize, seconds: u64) -> Output {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {} && exec \"$0\" \"$@\"", memory_mb * 1024))
        .arg(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
        .env("BRIEFING_LANG", "en")
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run briefing");
    // Read while it runs, so that a full pipe never stops it.
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let stdout = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = out.read_to_end(&mut bytes);
        bytes
    });
    let stderr = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = err.read_to_end(&mut bytes);
        bytes
    });
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return Output {
                status,
                stdout: stdout.join().expect("stdout"),
                stderr: stderr.join().expect("stderr"),
            };
        }
        if start.elapsed() > Duration::from_secs(seconds) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`briefing {}` took more than {seconds} s", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}
