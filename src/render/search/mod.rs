//! The search index, split so that one query loads only what it needs and
//! every piece is a script (so `/search/` works from `file://`):
//!
//! - `/search-index.js` — the directory: how many key shards there are and
//!   which documents each kind holds (a few hundred bytes);
//! - `/search/keys/<n>.js` — shard `n` of the keys (see [`tokens`]): for each
//!   key, the documents holding it and how often (ten times in a title);
//! - `/search/docs/<kind>-<n>.js` — titles, addresses and texts of a run of
//!   documents, loaded for the results shown (snippets, highlighting).
//!
//! Documents are what readers see: a briefing's rendered body (figures
//! printed, charts' captions and data tables), standalone pages, and the
//! records of the data. Their numbers run newest briefing first, so ties
//! in ranking go to the newer.

mod site;
pub(crate) mod text;
pub(crate) mod tokens;

pub(crate) use site::{PageEntries, page_doc, record_kinds, site_index};

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::derive::views::Views;
use crate::diagnostics::Diagnostic;
use crate::render::OutputFile;
use tokens::Code;

/// A title counts this many times its text.
const TITLE_WEIGHT: u8 = 10;
/// Aimed size of a shard of keys, in bytes.
const KEYS_SHARD_BYTES: usize = 24 * 1024;
/// Aimed size of a run of documents, in bytes.
const DOCS_SHARD_BYTES: usize = 16 * 1024;

/// One searchable document.
#[derive(Debug, Clone, Default, Hash)]
pub(crate) struct Doc {
    pub(crate) title: String,
    /// Site path
    pub(crate) url: String,
    /// Date, state or other short detail
    pub(crate) detail: String,
    /// Text searched and quoted in snippets
    pub(crate) text: String,
}

/// The documents of one kind, in the order they are numbered.
#[derive(Debug)]
pub(crate) struct Kind {
    pub(crate) name: String,
    pub(crate) docs: Vec<Arc<Entry>>,
}

/// A document as the index keeps it: its line of a docs file and its keys
/// with their weights, in the order of [`band_order`].
#[derive(Debug)]
pub(crate) struct Entry {
    json: String,
    codes: Vec<Code>,
    /// Summed and kept to 255 (only [`WEIGHT_CAP`] is written).
    weights: Vec<u8>,
    /// Its spelt keys by code, each with where its text lies in
    /// `spelt_text` (one string, not one allocation a key).
    spelt: Vec<(Code, u32, u32)>,
    spelt_text: String,
    /// Where the keys of each of the finest bands start, and (last) where
    /// they end: a band's keys are found without reading the others (a
    /// search among them, per band and document, cost a third of filling
    /// the shards). Two bytes each: a document of more keys than that
    /// counts (over 65,535) finds its bands by that search instead.
    band_starts: [u16; FINE_BANDS + 1],
    print: u64,
}

/// Shards are built in at most this many bands (a power of two).
const FINE_BANDS: usize = 64;
const FINE_BITS: u32 = FINE_BANDS.trailing_zeros();

/// Keys ordered by their shard hash read backwards: the keys of a band of
/// shards (those whose low bits agree) lie side by side.
fn band_order(code: Code) -> u32 {
    tokens::shard_hash(code).reverse_bits()
}

/// The finest band of a key.
fn fine_band(code: Code) -> usize {
    (band_order(code) >> (32 - FINE_BITS)) as usize
}

impl Entry {
    /// The entry of `doc`, whose fingerprint is `print` (0 when not kept).
    pub(crate) fn of(doc: &Doc, print: u64) -> Entry {
        // Each key's weight and fine band (see [`band_order`]), then the
        // keys grouped by fine band (the order within a band does not
        // matter: shards sort their keys by text).
        let mut weight_of: HashMap<Code, (u8, u8), FastHash> = HashMap::with_capacity_and_hasher(doc.text.len() / 4, FastHash);
        let mut spelt: Vec<(Code, u32, u32)> = Vec::new();
        let mut spelt_text = String::new();
        let mut note = |code: Code, text: &str| {
            let start = spelt_text.len() as u32;
            spelt_text.push_str(text);
            spelt.push((code, start, spelt_text.len() as u32));
        };
        let mut band_starts = [0u32; FINE_BANDS + 1];
        for (text, weight) in [(&doc.title, TITLE_WEIGHT), (&doc.text, 1)] {
            let add = |code: Code| -> bool {
                let mut new = false;
                let (sum, _) = weight_of.entry(code).or_insert_with(|| {
                    new = true;
                    let band = fine_band(code);
                    band_starts[band + 1] += 1;
                    (0, band as u8)
                });
                *sum = sum.saturating_add(weight);
                new
            };
            tokens::keys(text, add, &mut note);
        }
        for band in 0..FINE_BANDS {
            band_starts[band + 1] += band_starts[band];
        }
        let mut next = band_starts;
        let mut codes: Vec<Code> = vec![0; weight_of.len()];
        let mut weights: Vec<u8> = vec![0; weight_of.len()];
        for (&code, &(weight, band)) in &weight_of {
            let at = &mut next[usize::from(band)];
            codes[*at as usize] = code;
            weights[*at as usize] = weight;
            *at += 1;
        }
        spelt.sort_unstable_by_key(|(code, _, _)| *code);
        let json = serde_json::to_string(&[&doc.title, &doc.url, &doc.detail, &doc.text]).unwrap_or_default();
        let mut json = if json.contains("</") { escape_close(&json) } else { json };
        // Entries are held until the whole index is written: no room is
        // kept that they do not use (grown buffers are up to half empty).
        json.shrink_to_fit();
        spelt.shrink_to_fit();
        spelt_text.shrink_to_fit();
        Entry {
            json,
            codes,
            weights,
            spelt,
            spelt_text,
            band_starts: band_starts.map(|start| u16::try_from(start).unwrap_or(u16::MAX)),
            print,
        }
    }

    /// Where the keys of the finest bands `first..last` lie among its
    /// keys (which are in band order).
    fn bands(&self, first: usize, last: usize) -> std::ops::Range<usize> {
        if self.codes.len() <= usize::from(u16::MAX) {
            return usize::from(self.band_starts[first])..usize::from(self.band_starts[last]);
        }
        let start = self.codes.partition_point(|&code| fine_band(code) < first);
        let end = start + self.codes[start..].partition_point(|&code| fine_band(code) < last);
        start..end
    }

    /// The text of key `code` of this document.
    fn text_of(&self, code: Code) -> String {
        if tokens::is_spelt(code) {
            self.spelt
                .binary_search_by_key(&code, |(c, _, _)| *c)
                .ok()
                .and_then(|at| {
                    let (_, start, end) = self.spelt[at];
                    self.spelt_text.get(start as usize..end as usize)
                })
                .unwrap_or_default()
                .to_string()
        } else {
            tokens::pair_text(code)
        }
    }
}

fn print_of<T: Hash>(value: &T) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// The record entries made for one set of data views.
type RecordsMemo = Option<(Arc<Views>, Arc<Vec<Kind>>)>;

/// A key of a shard being filled: its text, the last document written
/// and its postings as written.
type ShardKey = (String, u32, String);

/// What `serve` keeps of the index between rebuilds: the records' entries
/// for the data views they came from, and the last files made with what
/// they were made of. (A page's entry is kept with the page, in the render
/// cache.)
#[derive(Debug)]
pub(crate) struct Memo {
    /// Whether anything is kept (under `serve`); a single build only
    /// makes its files.
    remember: bool,
    records: Mutex<RecordsMemo>,
    files: Mutex<Option<(u64, Arc<Vec<OutputFile>>)>>,
}

impl Default for Memo {
    fn default() -> Memo {
        Memo {
            remember: true,
            records: Mutex::default(),
            files: Mutex::default(),
        }
    }
}

impl Memo {
    /// A memo that keeps nothing, for a single build.
    pub(crate) fn one_shot() -> Memo {
        Memo {
            remember: false,
            ..Memo::default()
        }
    }

    /// The entry of `doc` (with its fingerprint when files are remembered).
    pub(crate) fn entry(&self, doc: &Doc) -> Arc<Entry> {
        Arc::new(Entry::of(doc, if self.remember { print_of(doc) } else { 0 }))
    }

    /// The kinds of records of `views`, made once per views.
    pub(crate) fn records(&self, views: &Arc<Views>, make: impl FnOnce() -> Vec<Kind>) -> Arc<Vec<Kind>> {
        if !self.remember {
            return Arc::new(make());
        }
        if let Some(kinds) = self.records.lock().ok().and_then(|r| {
            r.as_ref()
                .filter(|(seen, _)| Arc::ptr_eq(seen, views))
                .map(|(_, kinds)| kinds.clone())
        }) {
            return kinds;
        }
        let kinds = Arc::new(make());
        if let Ok(mut slot) = self.records.lock() {
            *slot = Some((views.clone(), kinds.clone()));
        }
        kinds
    }
}

/// Hands each file of the index of `kinds` (numbered in this order) to
/// `emit` as soon as it is made; under `serve` the files are also kept,
/// and handed out again while the documents are the same.
pub(crate) fn files(kinds: &[&Kind], memo: &Memo, emit: &Emit<'_>) -> Result<(), Diagnostic> {
    if !memo.remember {
        return make_files(kinds, emit);
    }
    let mut hasher = DefaultHasher::new();
    for kind in kinds {
        kind.name.hash(&mut hasher);
        for doc in &kind.docs {
            doc.print.hash(&mut hasher);
        }
    }
    let print = hasher.finish();
    let kept = memo
        .files
        .lock()
        .ok()
        .and_then(|f| f.as_ref().filter(|(seen, _)| *seen == print).map(|(_, files)| files.clone()));
    let files = match kept {
        Some(files) => files,
        None => {
            let made = Mutex::new(Vec::new());
            make_files(kinds, &|file| {
                if let Ok(mut made) = made.lock() {
                    made.push(file);
                }
                Ok(())
            })?;
            let mut made = made.into_inner().unwrap_or_default();
            made.sort_unstable_by(|a, b| a.path.cmp(&b.path));
            let files = Arc::new(made);
            if let Ok(mut slot) = memo.files.lock() {
                *slot = Some((print, files.clone()));
            }
            files
        }
    };
    files.par_iter().try_for_each(|file| emit(file.clone()))
}

/// Where the files of the index go, from any thread.
pub(crate) type Emit<'a> = dyn Fn(OutputFile) -> Result<(), Diagnostic> + Sync + 'a;

/// A script file of `text`, with `</` escaped so that no text can close
/// a script element (texts of documents come escaped already).
fn script_file(path: String, text: String) -> OutputFile {
    let text = if text.contains("</") { escape_close(&text) } else { text };
    OutputFile {
        path,
        bytes: Arc::new(text.into_bytes()),
    }
}

/// `</` written as `<\/`, which JSON and JavaScript read as the same.
fn escape_close(text: &str) -> String {
    text.replace("</", "<\\/")
}

fn make_files(kinds: &[&Kind], emit: &Emit<'_>) -> Result<(), Diagnostic> {
    let (shards, directory) = rayon::join(|| key_files(kinds, emit), || doc_files(kinds, emit));
    let directory = serde_json::json!({ "shards": shards?, "kinds": directory? });
    emit(script_file(
        "search-index.js".into(),
        format!("window.BRIEFING_SEARCH={{\"directory\":{directory},\"keys\":{{}},\"docs\":{{}}}};\n"),
    ))
}

/// The key shards `search/keys/<n>.js` of the documents of `kinds`, each
/// handed to `emit` when it is filled; how many there are.
fn key_files(kinds: &[&Kind], emit: &Emit<'_>) -> Result<usize, Diagnostic> {
    let docs: Vec<&Entry> = kinds.iter().flat_map(|k| k.docs.iter().map(|d| &**d)).collect();
    let postings: usize = docs.iter().map(|d| d.codes.len()).sum();
    // About two bytes a posting: the shard count is the power of two that
    // keeps shards near their aimed size.
    let shards = (postings * 2 / KEYS_SHARD_BYTES).clamp(1, 8192).next_power_of_two();
    let mask = shards as u32 - 1;
    // Shards are independent, so they are filled in parallel, a band at a
    // time: band `b` holds the shards whose low bits are `b`, which lie side
    // by side in every document's keys (see [`band_order`]). A band reads
    // every document, so there are only as many as keep the threads busy
    // (the files do not depend on it).
    let busy_bits = (4 * rayon::current_num_threads()).next_power_of_two().trailing_zeros();
    let band_bits = shards.trailing_zeros().min(FINE_BITS).min(busy_bits);
    let bands = 1usize << band_bits;
    let per_band = shards >> band_bits;
    (0..bands).into_par_iter().try_for_each(|band| {
        // The band's run of the finest bands.
        let top = if band_bits == 0 {
            0
        } else {
            (band as u32).reverse_bits() >> (32 - band_bits)
        } as usize;
        let width = FINE_BANDS >> band_bits;
        let (first, last) = (top * width, (top + 1) * width);
        // Each shard of the band: its keys' places by code, and the keys.
        let mut shards: Vec<(HashMap<Code, usize, FastHash>, Vec<ShardKey>)> =
            (0..per_band).map(|_| (HashMap::with_hasher(FastHash), Vec::new())).collect();
        for (id, doc) in docs.iter().enumerate() {
            let id = id as u32;
            let keys = doc.bands(first, last);
            for (&code, &weight) in doc.codes[keys.clone()].iter().zip(&doc.weights[keys]) {
                let (places, keys) = &mut shards[(tokens::shard_hash(code) & mask) as usize >> band_bits];
                let place = *places.entry(code).or_insert_with(|| {
                    keys.push((doc.text_of(code), 0, String::new()));
                    keys.len() - 1
                });
                let (_, before, written) = &mut keys[place];
                push_posting(
                    written,
                    (u64::from(id - *before) << 4) | u64::from(u32::from(weight).min(WEIGHT_CAP)),
                );
                *before = id;
            }
        }
        shards.into_iter().enumerate().try_for_each(|(n, (_, keys))| {
            let shard = (n << band_bits) | band;
            emit(script_file(format!("search/keys/{shard}.js"), shard_text(shard, keys)))
        })
    })?;
    Ok(shards)
}

/// The runs of documents `search/docs/<kind>-<n>.js`, each handed to
/// `emit` when it is made; the directory's line of each kind.
fn doc_files(kinds: &[&Kind], emit: &Emit<'_>) -> Result<Vec<serde_json::Value>, Diagnostic> {
    let mut runs = Vec::new();
    let mut directory = Vec::new();
    let mut first = 0usize;
    for (k, kind) in kinds.iter().enumerate() {
        let bytes: usize = kind.docs.iter().map(|d| d.json.len()).sum();
        let per_file = (DOCS_SHARD_BYTES * kind.docs.len().max(1) / bytes.max(1)).clamp(1, 256);
        runs.extend(kind.docs.chunks(per_file).enumerate().map(|(n, run)| (k, n, run)));
        directory.push(serde_json::json!({
            "name": kind.name,
            "first": first,
            "count": kind.docs.len(),
            "per_file": per_file,
        }));
        first += kind.docs.len();
    }
    runs.par_iter().try_for_each(|(k, n, run)| {
        let mut text = String::with_capacity(run.iter().map(|d| d.json.len() + 1).sum::<usize>() + 48);
        text.push_str(&format!("BRIEFING_SEARCH.docs[\"{k}-{n}\"]=["));
        for (i, doc) in run.iter().enumerate() {
            if i > 0 {
                text.push(',');
            }
            text.push_str(&doc.json);
        }
        text.push_str("];\n");
        emit(script_file(format!("search/docs/{k}-{n}.js"), text))
    })?;
    Ok(directory)
}

/// Shard `n`: each key (sorted, so the file is the same on every build)
/// with its postings, each the gap from the previous document times 16
/// plus the weight (see [`push_posting`]).
fn shard_text(n: usize, mut keys: Vec<ShardKey>) -> String {
    keys.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut text = String::with_capacity(keys.iter().map(|(k, _, p)| k.len() + 6 + p.len()).sum::<usize>() + 32);
    text.push_str("BRIEFING_SEARCH.keys[");
    push_number(&mut text, n as u32);
    text.push_str("]={");
    for (i, (key, _, postings)) in keys.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&serde_json::to_string(key).unwrap_or_default());
        text.push_str(":\"");
        text.push_str(postings);
        text.push('"');
    }
    text.push_str("};\n");
    text
}

/// The largest weight written (four bits): a title and five mentions.
const WEIGHT_CAP: u32 = 15;

/// Digits of a posting: the first 32 end a number, the last 32 carry five
/// more bits each (little-endian), so most postings take one character.
const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Appends one posting: the gap from the previous document times 16, plus
/// the weight.
fn push_posting(text: &mut String, mut value: u64) {
    while value >= 32 {
        text.push(char::from(DIGITS[32 + (value & 31) as usize]));
        value >>= 5;
    }
    text.push(char::from(DIGITS[value as usize]));
}

/// Appends `n` in decimal.
fn push_number(text: &mut String, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    text.push_str(std::str::from_utf8(&digits[at..]).unwrap_or("0"));
}

/// A hasher for key codes, which are already well mixed numbers: one
/// multiplication (Fibonacci hashing) instead of SipHash's rounds.
#[derive(Debug, Default, Clone, Copy)]
struct FastHash;

impl std::hash::BuildHasher for FastHash {
    type Hasher = FastHasher;
    #[inline]
    fn build_hasher(&self) -> FastHasher {
        FastHasher(0)
    }
}

#[derive(Debug)]
struct FastHasher(u64);

impl Hasher for FastHasher {
    #[inline]
    fn finish(&self) -> u64 {
        // The high bits of a product depend on every bit of the input.
        self.0 ^ (self.0 >> 32)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, text: &str) -> Arc<Entry> {
        Arc::new(Entry::of(
            &Doc {
                title: title.into(),
                url: "/x/".into(),
                detail: String::new(),
                text: text.into(),
            },
            0,
        ))
    }

    /// The files made of `kinds`, by path.
    fn made(kinds: &[&Kind]) -> Vec<OutputFile> {
        let files = Mutex::new(Vec::new());
        make_files(kinds, &|file| {
            files.lock().unwrap().push(file);
            Ok(())
        })
        .unwrap();
        let mut files = files.into_inner().unwrap();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }

    #[test]
    fn the_bands_of_a_document_are_found_with_few_keys_and_with_very_many() {
        let few = Entry::of(
            &Doc {
                text: "帮扶工作 冷链物流 75.00亿元".into(),
                ..Doc::default()
            },
            0,
        );
        // 70,000 numbers: more keys than two bytes count.
        let numbers: Vec<String> = (0..70_000).map(|n| n.to_string()).collect();
        let many = Entry::of(
            &Doc {
                text: numbers.join(" "),
                ..Doc::default()
            },
            0,
        );
        assert!(many.codes.len() > usize::from(u16::MAX));
        for entry in [&few, &many] {
            assert_eq!(entry.bands(0, FINE_BANDS), 0..entry.codes.len());
            for (first, last) in [(0, 1), (3, 9), (20, 21), (32, 64)] {
                let range = entry.bands(first, last);
                assert!(
                    entry.codes[range.clone()]
                        .iter()
                        .all(|&code| (first..last).contains(&fine_band(code)))
                );
                let inside = entry.codes.iter().filter(|&&code| (first..last).contains(&fine_band(code))).count();
                assert_eq!(range.len(), inside, "bands {first}..{last}");
            }
        }
    }

    #[test]
    fn a_file_that_cannot_be_delivered_stops_the_index_with_its_error() {
        let briefings = Kind {
            name: "简报".into(),
            docs: vec![doc("冷链物流", "冷链冷链")],
        };
        let failed = make_files(&[&briefings], &|file| Err(Diagnostic::error(file.path, 0, 0, "disk full")));
        assert!(failed.is_err_and(|problem| problem.message == "disk full"));
    }

    #[test]
    fn served_files_are_kept_while_the_documents_are_the_same() {
        let memo = Memo::default();
        let briefings = Kind {
            name: "简报".into(),
            docs: vec![Arc::new(Entry::of(
                &Doc {
                    title: "冷链".into(),
                    ..Doc::default()
                },
                7,
            ))],
        };
        let count = |memo: &Memo| {
            let seen = Mutex::new(Vec::new());
            files(&[&briefings], memo, &|file| {
                seen.lock().unwrap().push(file.path);
                Ok(())
            })
            .unwrap();
            seen.into_inner().unwrap().len()
        };
        let first = count(&memo);
        assert!(first >= 3, "directory, a shard and a run");
        assert!(memo.files.lock().unwrap().is_some());
        assert_eq!(count(&memo), first);
        // A single build keeps nothing.
        let one_shot = Memo::one_shot();
        assert_eq!(count(&one_shot), first);
        assert!(one_shot.files.lock().unwrap().is_none());
    }

    #[test]
    fn keys_are_sharded_with_gaps_and_weights_and_docs_run_by_kind() {
        let briefings = Kind {
            name: "简报".into(),
            docs: vec![doc("冷链物流", "冷链冷链"), doc("其他", "产值75.00亿元")],
        };
        let projects = Kind {
            name: "项目".into(),
            docs: vec![doc("冷链中心", "")],
        };
        let files = made(&[&briefings, &projects]);
        let all: String = files.iter().map(|f| String::from_utf8_lossy(&f.bytes).into_owned()).collect();
        // 冷链 in doc 0 (title 10 + text 2) and doc 2 (title 10): gaps 0, 2:
        // 0·16+12 = 12 (M), 2·16+10 = 42 = 32+10 (continued K) then 1 (B).
        assert!(all.contains("\"冷链\":\"MqB\""), "{all}");
        // doc 1 once: 1·16+1 = 17 (R)
        assert!(all.contains("\"75.00\":\"R\""), "{all}");
        assert!(all.contains("\"75.00 亿\":\"R\""), "{all}");
        let directory = files.iter().find(|f| f.path == "search-index.js").expect("directory");
        let directory = String::from_utf8_lossy(&directory.bytes);
        assert!(
            directory.contains("{\"count\":2,\"first\":0,\"name\":\"简报\",\"per_file\":"),
            "{directory}"
        );
        assert!(directory.contains("\"first\":2,\"name\":\"项目\""), "{directory}");
        assert!(files.iter().any(|f| f.path == "search/docs/1-0.js"));
        // the same input, the same files
        let again = made(&[&briefings, &projects]);
        assert_eq!(files, again);
    }
}
