//! The search index on disk: what it holds (the text as readers see it,
//! figures included, and the data's records), keys found the way the
//! browser looks them up, and the index split so one query loads little.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::*;
use serde_json::Value;

/// The index of a built site, read as `search.js` reads it.
struct Index {
    out: std::path::PathBuf,
    directory: Value,
}

/// FNV-1a over code points, as `search.js` computes a key's shard.
fn fnv(key: &str) -> u32 {
    key.chars()
        .fold(0x811c_9dc5u32, |hash, c| (hash ^ u32::from(c)).wrapping_mul(0x0100_0193))
}

/// The JSON assigned by a script `PREFIX…=JSON;`.
fn assigned(script: &str) -> Value {
    let json = script
        .split_once('=')
        .map(|(_, json)| json.trim_end().trim_end_matches(';'))
        .expect("an assignment");
    serde_json::from_str(&json.replace("<\\/", "</")).expect("JSON")
}

impl Index {
    fn of(out: &Path) -> Index {
        let directory = assigned(&fs::read_to_string(out.join("search-index.js")).expect("directory"));
        Index {
            out: out.to_path_buf(),
            directory: directory["directory"].clone(),
        }
    }

    fn shards(&self) -> u32 {
        self.directory["shards"].as_u64().expect("shards") as u32
    }

    /// The shard file a key is kept in.
    fn shard_file(&self, key: &str) -> String {
        format!("search/keys/{}.js", fnv(key) & (self.shards() - 1))
    }

    /// Document numbers and weights of `key`: postings of gap·16 + weight
    /// in digits of five bits, the last 32 digits carrying on.
    fn postings(&self, key: &str) -> Vec<(u64, u64)> {
        const DIGITS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let shard = assigned(&fs::read_to_string(self.out.join(self.shard_file(key))).expect("shard"));
        let list = shard[key].as_str().unwrap_or_default().to_string();
        let (mut id, mut value, mut shift) = (0, 0u64, 0);
        let mut out = Vec::new();
        for c in list.chars() {
            let digit = DIGITS.find(c).expect("a digit") as u64;
            if digit >= 32 {
                value |= (digit - 32) << shift;
                shift += 5;
                continue;
            }
            value |= digit << shift;
            id += value >> 4;
            out.push((id, value & 15));
            (value, shift) = (0, 0);
        }
        out
    }

    /// Title, address, detail and text of document `id`, and its kind.
    fn doc(&self, id: u64) -> (String, Vec<String>) {
        let kinds = self.directory["kinds"].as_array().expect("kinds");
        for (k, kind) in kinds.iter().enumerate() {
            let first = kind["first"].as_u64().expect("first");
            let count = kind["count"].as_u64().expect("count");
            if id >= first && id < first + count {
                let per = kind["per_file"].as_u64().expect("per file");
                let file = format!("search/docs/{k}-{}.js", (id - first) / per);
                let run = assigned(&fs::read_to_string(self.out.join(file)).expect("docs"));
                let row = &run[((id - first) % per) as usize];
                let fields = row
                    .as_array()
                    .expect("row")
                    .iter()
                    .map(|v| v.as_str().unwrap_or_default().to_string())
                    .collect();
                return (kind["name"].as_str().unwrap_or_default().to_string(), fields);
            }
        }
        panic!("no document {id}");
    }

    /// Titles of the documents holding every key, by kind.
    fn find(&self, keys: &[&str]) -> BTreeMap<String, Vec<String>> {
        let mut ids: Option<Vec<u64>> = None;
        for key in keys {
            let found: Vec<u64> = self.postings(key).into_iter().map(|(id, _)| id).collect();
            ids = Some(match ids {
                None => found,
                Some(before) => before.into_iter().filter(|id| found.contains(id)).collect(),
            });
        }
        let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for id in ids.unwrap_or_default() {
            let (kind, fields) = self.doc(id);
            out.entry(kind).or_default().push(fields[0].clone());
        }
        out
    }

    fn all_docs(&self) -> Vec<(String, Vec<String>)> {
        let total: u64 = self.directory["kinds"]
            .as_array()
            .expect("kinds")
            .iter()
            .map(|k| k["count"].as_u64().expect("count"))
            .sum();
        (0..total).map(|id| self.doc(id)).collect()
    }
}

#[test]
fn the_index_holds_the_text_readers_see_and_the_records() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let out = site.path().join("output");
    let index = Index::of(&out);
    let docs = index.all_docs();
    let kinds: Vec<&str> = docs.iter().map(|(k, _)| k.as_str()).collect();
    for kind in ["简报", "页面", "项目", "企业", "单位", "问题"] {
        assert!(kinds.contains(&kind), "no {kind} in the index: {kinds:?}");
    }
    let cold = docs.iter().find(|(_, d)| d[0] == "冷链物流中心").expect("project indexed");
    assert_eq!(cold.1[1], "/projects/cold-chain/");
    // Figures are in the text as printed on the page.
    let page = read(site.path(), "output/briefings/2013-07-15-no3/index.html");
    let figure = page
        .split("<span class=\"metric\"")
        .nth(1)
        .and_then(|rest| rest.split_once('>'))
        .and_then(|(_, rest)| rest.split('<').next())
        .expect("a printed figure")
        .to_string();
    let no3 = docs
        .iter()
        .find(|(_, d)| d[1] == "/briefings/2013-07-15-no3/")
        .expect("bulletin indexed");
    assert!(no3.1[3].contains(&format!("完成总产值{figure}")), "{figure}: {}", no3.1[3]);
    assert!(!no3.1[3].contains("总产值，"), "the figure is not dropped: {}", no3.1[3]);
    // the draft is not searchable, nor any markup
    assert!(!docs.iter().any(|(_, d)| d[1].contains("draft")));
    assert!(!docs.iter().any(|(_, d)| d[3].contains("<span") || d[3].contains("&lt;")));
    // keys: a bigram, a phrase by its bigrams, a figure, a word
    assert_eq!(index.find(&["冷链"])["项目"], ["冷链物流中心"]);
    let hard = index.find(&["汇款", "款难"]);
    assert!(hard["问题"].iter().any(|t| t.contains("p4")), "{hard:?}");
    let number: String = figure.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    assert!(!number.is_empty(), "{figure}");
    let by_figure = index.find(&[&number]);
    assert!(
        by_figure["简报"].iter().any(|t| t.contains("上半年主要指标")),
        "{figure}: {by_figure:?}"
    );
    // a title weighs more than the text
    for (id, weight) in index.postings("冷链") {
        let (_, fields) = index.doc(id);
        let in_title = fields[0].contains("冷链");
        assert_eq!(in_title, weight >= 10, "{fields:?}: {weight}");
    }
}

#[test]
fn a_large_site_is_split_so_a_query_loads_little() {
    let site = fixture("basic");
    let briefings = site.path().join("content/briefings");
    for n in 0..400 {
        let day = 1 + n % 28;
        let month = 1 + (n / 28) % 12;
        fs::write(
            briefings.join(format!("2012-{month:02}-{day:02}-b{n}.md")),
            format!(
                "---\ntitle: 帮扶简报{n}\ndate: 2012-{month:02}-{day:02}\n---\n\n\
                 第{n}次调度会议研究了园区供水、供电、融资、用工等问题，词{n}甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥。\
                 帮扶单位深入企业{n}次，协调解决困难，推动项目建设，落实惠企政策。\n"
            ),
        )
        .expect("write briefing");
    }
    build_ok(site.path(), &[]);
    let out = site.path().join("output");
    let index = Index::of(&out);
    assert!(index.shards() > 1, "the keys come in several shards");
    let mut total = 0;
    for entry in fs::read_dir(out.join("search/keys"))
        .expect("keys")
        .chain(fs::read_dir(out.join("search/docs")).expect("docs"))
    {
        let len = entry.expect("entry").metadata().expect("metadata").len();
        total += len;
        assert!(len < 64 * 1024, "every piece is small: {len}");
    }
    // A query for a common word loads its one shard and the documents of
    // the first results, a fraction of the whole.
    let shard = fs::metadata(out.join(index.shard_file("帮扶"))).expect("shard").len();
    assert!(shard * 5 < total, "one shard {shard} of {total} bytes");
    let found = index.find(&["帮扶"]);
    assert_eq!(found["简报"].iter().filter(|t| t.starts_with("帮扶简报")).count(), 400);
    // newest first among equals: the order of documents is the archive's
    let ids: Vec<u64> = index.postings("供水").into_iter().map(|(id, _)| id).collect();
    let first = index.doc(ids[0]).1;
    let last = index.doc(ids[ids.len() - 1]).1;
    assert!(first[2] > last[2] || first[1] > last[1], "{first:?} before {last:?}");
}
