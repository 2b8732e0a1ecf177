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
//!
//! This module owns the documents and their entries (keys cut by
//! [`tokens`], weighed and grouped by band) and what `serve` keeps;
//! `files` makes the index files of the entries, `site` the documents of
//! a site, `text` a page's visible text.

mod files;
mod site;
pub(crate) mod text;
pub(crate) mod tokens;

pub(crate) use files::{Emit, files};
pub(crate) use site::{PageEntries, page_doc, record_kinds, site_index};

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex};

use crate::derive::views::Views;
use crate::render::OutputFile;
use tokens::Code;

/// A title counts this many times its text.
const TITLE_WEIGHT: u8 = 10;

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
        let mut json = if json.contains("</") { files::escape_close(&json) } else { json };
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
}
