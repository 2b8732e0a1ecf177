//! How searchable text is cut into keys — the one definition that the
//! index (here) and the query (`static/search.js`, `keysOf`) both follow.
//!
//! Text is read as *units*: one character of a script written without
//! spaces (Chinese: 帮, 扶), an ASCII word or number (`led`, `75.00`,
//! `13052` for `13,052`), or `%`. Full-width ASCII is folded to ASCII and
//! letters to lower case. Anything else (spaces, punctuation) breaks the
//! run. The keys of a run are each pair of neighbouring units (Chinese
//! character bigrams: 帮扶, 扶工; `75.00 亿`) and each ASCII word or number
//! on its own, so any two or more Chinese characters are found, also
//! inside words, and so is any whole English word or figure.
//!
//! A key is kept as a number while the index is built: two characters
//! side by side as their code points; a key with a word in it (*spelt*)
//! as its FNV-1a hash (the shard hash the browser computes) beside a
//! second 31-bit hash, with its text kept once per document.

/// A key as a number.
pub(crate) type Code = u64;

/// The bit that marks a spelt key.
const SPELT: Code = 1 << 63;

/// Full-width ASCII folded to ASCII, ASCII letters to lower case.
pub(crate) fn fold(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    c.to_ascii_lowercase()
}

const FNV_OFFSET: u32 = 0x811c_9dc5;
const FNV_PRIME: u32 = 0x0100_0193;

fn fnv_step(hash: u32, point: u32) -> u32 {
    (hash ^ point).wrapping_mul(FNV_PRIME)
}

/// A second hash of a spelt key, so two spelt keys share a code only if
/// both hashes collide (63 bits in all).
fn other_step(hash: u32, point: u32) -> u32 {
    (hash.rotate_left(5) ^ point).wrapping_mul(0x9e37_79b1)
}

/// The shard hash of a key: FNV-1a (32 bits) over the code points of its
/// text, as `search.js` computes it.
pub(crate) fn shard_hash(code: Code) -> u32 {
    if code & SPELT == 0 {
        fnv_step(fnv_step(FNV_OFFSET, (code >> 32) as u32), code as u32)
    } else {
        code as u32
    }
}

/// The text of a pair key (spelt keys keep theirs).
pub(crate) fn pair_text(code: Code) -> String {
    let first = char::from_u32((code >> 32) as u32).unwrap_or(' ');
    let second = char::from_u32(code as u32).unwrap_or(' ');
    [first, second].iter().collect()
}

pub(crate) fn is_spelt(code: Code) -> bool {
    code & SPELT != 0
}

/// A unit while reading: a character, or a word (in `word`).
#[derive(Clone, Copy, PartialEq)]
enum Last {
    None,
    Char(char),
    Word,
}

/// Reads text and hands out its keys.
struct Reader<K: FnMut(Code) -> bool, S: FnMut(Code, &str)> {
    key: K,
    spelt: S,
    last: Last,
    /// The word being read, and the last word read.
    word: String,
    last_word: String,
    scratch: String,
}

impl<K: FnMut(Code) -> bool, S: FnMut(Code, &str)> Reader<K, S> {
    /// A spelt key of `parts`, joined by spaces; its text is handed out
    /// only when the key is new.
    fn spelt_key(&mut self, parts: &[&str]) {
        let mut fnv = FNV_OFFSET;
        let mut other = FNV_OFFSET;
        for (n, part) in parts.iter().enumerate() {
            let space = (n > 0).then_some(' ');
            for c in space.into_iter().chain(part.chars()) {
                fnv = fnv_step(fnv, u32::from(c));
                other = other_step(other, u32::from(c));
            }
        }
        let code = SPELT | (u64::from(other & 0x7fff_ffff) << 32) | u64::from(fnv);
        if (self.key)(code) {
            self.scratch.clear();
            for (n, part) in parts.iter().enumerate() {
                if n > 0 {
                    self.scratch.push(' ');
                }
                self.scratch.push_str(part);
            }
            (self.spelt)(code, &self.scratch);
        }
    }

    fn char_unit(&mut self, c: char) {
        match self.last {
            Last::Char(before) => {
                (self.key)((u64::from(before) << 32) | u64::from(c));
            }
            Last::Word => {
                let word = std::mem::take(&mut self.last_word);
                let mut buf = [0u8; 4];
                self.spelt_key(&[&word, c.encode_utf8(&mut buf)]);
                self.last_word = word;
            }
            Last::None => {}
        }
        self.last = Last::Char(c);
    }

    #[inline]
    fn end_word(&mut self) {
        if self.word.is_empty() {
            return;
        }
        self.finish_word();
    }

    fn finish_word(&mut self) {
        let word = std::mem::take(&mut self.word);
        self.spelt_key(&[&word]);
        if let Last::Char(before) = self.last {
            let mut buf = [0u8; 4];
            self.spelt_key(&[before.encode_utf8(&mut buf), &word]);
        }
        self.last_word = word;
        self.last = Last::Word;
    }

    fn end_run(&mut self) {
        self.end_word();
        self.last = Last::None;
    }
}

/// A character that is a unit of its own: Han quickly, then anything
/// alphabetic or numeric outside ASCII (CJK punctuation quickly not).
fn is_unit_char(c: char) -> bool {
    match c {
        '\u{4E00}'..='\u{9FFF}' => true,
        // ASCII, and CJK punctuation: spaces, 、。〃〈〉《》「」『』【】〔〕 and
        // the like (々〆〇 and the Hangzhou numerals after them are letters).
        '\u{0}'..='\u{7F}' | '\u{3000}'..='\u{3004}' | '\u{3008}'..='\u{3020}' => false,
        // General Punctuation (“ ” — … ‰ and the like) holds no letter or
        // digit; decided here rather than through Unicode's tables.
        '\u{2000}'..='\u{206F}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// Calls `key` with every key of `text`, once per occurrence (it answers
/// whether the key is new), and `spelt` with the code and text of each new
/// spelt key.
pub(crate) fn keys(text: &str, key: impl FnMut(Code) -> bool, spelt: impl FnMut(Code, &str)) {
    let mut reader = Reader {
        key,
        spelt,
        last: Last::None,
        word: String::new(),
        last_word: String::new(),
        scratch: String::new(),
    };
    let mut chars = text.chars().map(fold).peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_alphanumeric() {
            reader.word.push(c);
        } else if (c == '.' || c == ',')
            && reader.word.ends_with(|w: char| w.is_ascii_digit())
            && chars.peek().is_some_and(char::is_ascii_digit)
        {
            // 75.00 is one number; 13,052 is 13052.
            if c == '.' {
                reader.word.push(c);
            }
        } else {
            reader.end_word();
            if c == '%' || is_unit_char(c) {
                reader.char_unit(c);
            } else {
                reader.end_run();
            }
        }
    }
    reader.end_run();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<String> {
        let mut codes = Vec::new();
        let mut texts = std::collections::HashMap::new();
        keys(
            text,
            |k| {
                codes.push(k);
                true
            },
            |k, t| {
                texts.insert(k, t.to_string());
            },
        );
        codes
            .into_iter()
            .map(|k| if is_spelt(k) { texts[&k].clone() } else { pair_text(k) })
            .collect()
    }

    #[test]
    fn chinese_is_cut_into_bigrams_and_punctuation_breaks_runs() {
        assert_eq!(all("帮扶工作"), ["帮扶", "扶工", "工作"]);
        assert_eq!(all("冷链，物流"), ["冷链", "物流"]);
        assert_eq!(all("汇"), Vec::<String>::new());
        assert_eq!(all("“冷链”—物流…仓储‰"), ["冷链", "物流", "仓储"]);
    }

    #[test]
    fn words_and_figures_are_keys_of_their_own_and_pair_with_characters() {
        assert_eq!(all("LED电子"), ["led", "led 电", "电子"]);
        assert_eq!(all("产值75.00亿元"), ["产值", "75.00", "值 75.00", "75.00 亿", "亿元"]);
        assert_eq!(all("增长48.0%。"), ["增长", "48.0", "长 48.0", "48.0 %"]);
        assert_eq!(all("共13,052个"), ["13052", "共 13052", "13052 个"]);
        assert_eq!(all("ＬＥＤ　７５"), ["led", "75"]);
        assert_eq!(all("end. 1,a"), ["end", "1", "a"]);
        assert_eq!(all("成%"), ["成%"]);
        assert_eq!(all("人々「〇号」"), ["人々", "〇号"]);
    }

    #[test]
    fn the_shard_hash_is_fnv_1a_over_code_points_as_the_browser_computes_it() {
        let pair = (0x51b7u64 << 32) | 0x94fe;
        assert_eq!(pair_text(pair), "冷链");
        let mut spelt = 0;
        keys(
            "a",
            |k| {
                spelt = k;
                true
            },
            |_, _| {},
        );
        // FNV-1a of "a", as Math.imul-based FNV in search.js gives it.
        assert_eq!(shard_hash(spelt), 0xe40c_292c);
        let fnv = "冷链".chars().fold(FNV_OFFSET, |h, c| fnv_step(h, u32::from(c)));
        assert_eq!(shard_hash(pair), fnv);
    }
}
