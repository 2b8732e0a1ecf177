//! The files of the search index, made from the documents' entries: the
//! key shards (each key with its postings), the runs of documents and the
//! directory, handed to the writer as each is made (see the parent module
//! for what each file holds).

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::{Entry, FINE_BANDS, FINE_BITS, FastHash, Kind, Memo, tokens};
use crate::diagnostics::Diagnostic;
use crate::render::OutputFile;
use crate::routes::Route;
use tokens::Code;

/// Aimed size of a shard of keys, in bytes.
const KEYS_SHARD_BYTES: usize = 24 * 1024;
/// Aimed size of a run of documents, in bytes.
const DOCS_SHARD_BYTES: usize = 16 * 1024;

/// A key of a shard being filled: its text, the last document written
/// and its postings as written.
type ShardKey = (String, u32, String);

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
fn script_file(route: Route, text: String) -> OutputFile {
    let text = if text.contains("</") { escape_close(&text) } else { text };
    OutputFile {
        path: route.output_file(),
        bytes: Arc::new(text.into_bytes()),
    }
}

/// `</` written as `<\/`, which JSON and JavaScript read as the same.
pub(super) fn escape_close(text: &str) -> String {
    text.replace("</", "<\\/")
}

fn make_files(kinds: &[&Kind], emit: &Emit<'_>) -> Result<(), Diagnostic> {
    let (shards, directory) = rayon::join(|| key_files(kinds, emit), || doc_files(kinds, emit));
    let directory = serde_json::json!({ "shards": shards?, "kinds": directory? });
    emit(script_file(
        Route::search_index(),
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
            emit(script_file(Route::search_keys(shard), shard_text(shard, keys)))
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
        emit(script_file(Route::search_docs(format_args!("{k}-{n}")), text))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::search::Doc;

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
