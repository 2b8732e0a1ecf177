//! Finding where a record or field sits in a YAML data file, so that a
//! problem found after parsing (a dangling reference, a bad number) can be
//! reported at `path:line:column`. Works on the text of block- and
//! flow-style YAML as people write it; falls back to the record's line.

/// A list of records in YAML text, with the line range of each record.
#[derive(Debug, Clone)]
pub(crate) struct Locator<'a> {
    lines: Vec<&'a str>,
    /// 0-based (first, end) line range of each record.
    records: Vec<(usize, usize)>,
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

fn is_content(line: &str) -> bool {
    let trimmed = line.trim_start();
    !trimmed.is_empty() && !trimmed.starts_with('#')
}

fn is_item(line: &str) -> bool {
    let trimmed = line.trim_start();
    trimmed == "-" || trimmed.starts_with("- ")
}

/// Item ranges of the block list that begins after line `after` (exclusive)
/// and ends before `end`.
fn items(lines: &[&str], after: Option<usize>, end: usize) -> Vec<(usize, usize)> {
    let start = after.map_or(0, |a| a + 1);
    let Some(first) = (start..end).find(|&i| is_content(lines[i])) else {
        return Vec::new();
    };
    if !is_item(lines[first]) {
        return Vec::new();
    }
    let item_indent = indent(lines[first]);
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let mut current = first;
    let mut last = end;
    for (i, line) in lines.iter().enumerate().take(end).skip(first + 1) {
        if !is_content(line) {
            continue;
        }
        let here = indent(line);
        if here < item_indent || (here == item_indent && !is_item(line)) {
            last = i;
            break;
        }
        if here == item_indent && is_item(line) {
            ranges.push((current, i));
            current = i;
        }
    }
    ranges.push((current, last));
    ranges
}

/// Position (0-based line, 1-based column of the value) of `key:` in lines
/// `range`, preferring the least indented occurrence.
fn find_key(lines: &[&str], range: (usize, usize), key: &str) -> Option<(usize, usize)> {
    let needle = format!("{key}:");
    let mut best: Option<(usize, usize, usize)> = None;
    for (i, line) in lines.iter().enumerate().take(range.1).skip(range.0) {
        let mut from = 0;
        while let Some(found) = line[from..].find(&needle) {
            let at = from + found;
            let before = line[..at].chars().last();
            if before.is_none_or(|c| matches!(c, ' ' | '{' | ',' | '-' | '\t')) {
                let after = &line[at + needle.len()..];
                let value_at = at + needle.len() + (after.len() - after.trim_start().len());
                let column = line[..value_at].chars().count() + 1;
                let depth = line[..at].chars().count();
                if best.is_none_or(|(_, _, d)| depth < d) {
                    best = Some((i, column, depth));
                }
                break;
            }
            from = at + needle.len();
        }
    }
    best.map(|(line, column, _)| (line, column))
}

impl<'a> Locator<'a> {
    /// Records of a file that is a top-level list.
    pub(crate) fn list(text: &'a str) -> Self {
        let lines: Vec<&str> = text.lines().collect();
        let records = items(&lines, None, lines.len());
        Locator { lines, records }
    }

    /// The text of each record with the 1-based line it starts on.
    pub(crate) fn chunks(&self) -> Vec<(usize, String)> {
        self.records
            .iter()
            .map(|&(first, end)| (first + 1, self.lines[first..end].join("\n")))
            .collect()
    }

    /// The same list without the items `gaps` (ascending): those that
    /// did not parse, so that record `index` is the index-th that did.
    pub(crate) fn without(mut self, gaps: &[usize]) -> Self {
        if !gaps.is_empty() {
            let mut item = 0;
            self.records.retain(|_| {
                item += 1;
                gaps.binary_search(&(item - 1)).is_err()
            });
        }
        self
    }

    /// The plain scalar written for `key` in record `index` (`id: p-7`,
    /// `{id: "p-7", …}`), as far as the text shows it.
    pub(crate) fn scalar(&self, index: usize, key: &str) -> Option<String> {
        let &range = self.records.get(index)?;
        let (line, column) = find_key(&self.lines, range, key)?;
        let text = self.lines[line];
        let start = text.char_indices().nth(column - 1).map_or(text.len(), |(at, _)| at);
        let rest = &text[start..];
        let end = rest.find([',', '}', ']']).unwrap_or(rest.len());
        let end = rest[..end].find(" #").unwrap_or(end);
        let value = rest[..end].trim().trim_matches(['"', '\'']);
        (!value.is_empty()).then(|| value.to_string())
    }

    /// 1-based line of the first line with content (not blank, not a
    /// comment) that no record covers: a key at the list's indentation, or
    /// less, where a `- ` was due. Everything from there on belongs to no
    /// record, so a reader that went by the records would drop it.
    pub(crate) fn stray_line(&self) -> Option<usize> {
        let end = self.records.last().map_or(0, |&(_, end)| end);
        (end..self.lines.len()).find(|&i| is_content(self.lines[i])).map(|i| i + 1)
    }

    /// Records of the list under the top-level `key:` (`periods:`).
    pub(crate) fn list_under(text: &'a str, key: &str) -> Self {
        let lines: Vec<&str> = text.lines().collect();
        let key_line = lines.iter().position(|l| indent(l) == 0 && l.starts_with(&format!("{key}:")));
        let records = match key_line {
            Some(k) => items(&lines, Some(k), lines.len()),
            None => Vec::new(),
        };
        Locator { lines, records }
    }

    /// 1-based line of record `index` (1 if unknown).
    pub(crate) fn record(&self, index: usize) -> (usize, usize) {
        self.records.get(index).map_or((1, 1), |&(first, _)| {
            let line = self.lines[first];
            (first + 1, indent(line) + 3)
        })
    }

    /// 1-based line and column of the value of `key` in record `index`.
    pub(crate) fn field(&self, index: usize, key: &str) -> (usize, usize) {
        self.records
            .get(index)
            .and_then(|&range| find_key(&self.lines, range, key))
            .map_or_else(|| self.record(index), |(line, column)| (line + 1, column))
    }

    /// Position of `value` inside the value of `key` in record `index`
    /// (an element of `units: [a, b]` or of a block list).
    pub(crate) fn list_element(&self, index: usize, key: &str, value: &str) -> (usize, usize) {
        let Some(&range) = self.records.get(index) else {
            return (1, 1);
        };
        let Some((key_line, _)) = find_key(&self.lines, range, key) else {
            return self.record(index);
        };
        for i in key_line..range.1 {
            let line = self.lines[i];
            let mut from = 0;
            while let Some(found) = line[from..].find(value) {
                let at = from + found;
                let before = line[..at].chars().last();
                let after = line[at + value.len()..].chars().next();
                let bounded_before = before.is_none_or(|c| matches!(c, ' ' | '[' | ',' | '"' | '\'' | '-'));
                let bounded_after = after.is_none_or(|c| matches!(c, ' ' | ']' | ',' | '"' | '\'' | '#'));
                if bounded_before && bounded_after {
                    return (i + 1, line[..at].chars().count() + 1);
                }
                from = at + value.len();
            }
            if i > key_line && indent(line) <= indent(self.lines[key_line]) && !is_item(line) {
                break;
            }
        }
        (key_line + 1, 1)
    }

    /// Position of `key` inside item `item` of the nested list `list` of
    /// record `index` (`updates[2].status`).
    pub(crate) fn nested_field(&self, index: usize, list: &str, item: usize, key: &str) -> (usize, usize) {
        let Some(&range) = self.records.get(index) else {
            return (1, 1);
        };
        let Some((list_line, _)) = find_key(&self.lines, range, list) else {
            return self.record(index);
        };
        let nested = items(&self.lines, Some(list_line), range.1);
        match nested.get(item) {
            Some(&item_range) => find_key(&self.lines, item_range, key).map_or((item_range.0 + 1, 1), |(l, c)| (l + 1, c)),
            None => (list_line + 1, 1),
        }
    }

    /// Position of `key` inside the mapping `map` of record `index`
    /// (`gross_output: {fod: 1}`).
    pub(crate) fn map_key(&self, index: usize, map: &str, key: &str) -> (usize, usize) {
        let Some(&range) = self.records.get(index) else {
            return (1, 1);
        };
        let Some((map_line, _)) = find_key(&self.lines, range, map) else {
            return self.record(index);
        };
        let base = indent(self.lines[map_line]);
        let mut end = range.1;
        for i in map_line + 1..range.1 {
            if is_content(self.lines[i]) && indent(self.lines[i]) <= base {
                end = i;
                break;
            }
        }
        find_key(&self.lines, (map_line, end), key).map_or((map_line + 1, 1), |(l, c)| {
            let line = self.lines[l];
            let key_column = line.find(&format!("{key}:")).map_or(c, |at| line[..at].chars().count() + 1);
            (l + 1, key_column)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROJECTS: &str = "# projects\n- id: a\n  name: 甲\n  industry: fod\n  units: [x, yy]\n  updates:\n    - date: 2013-01-01\n      status: started\n    - date: 2013-02-01\n      status: biult\n- {id: b, name: 乙, industry: food}\n";

    #[test]
    fn finds_records_and_fields() {
        let l = Locator::list(PROJECTS);
        assert_eq!(l.record(0).0, 2);
        assert_eq!(l.record(1).0, 11);
        assert_eq!(l.field(0, "industry"), (4, 13));
        assert_eq!(l.field(1, "industry"), (11, 30));
        assert_eq!(l.list_element(0, "units", "yy"), (5, 14));
        assert_eq!(l.nested_field(0, "updates", 1, "status"), (10, 15));
        assert_eq!(l.field(0, "missing"), (2, 3));
    }

    #[test]
    fn reads_a_scalar_and_skips_items_that_did_not_parse() {
        let l = Locator::list(PROJECTS);
        assert_eq!(l.scalar(0, "id").as_deref(), Some("a"));
        assert_eq!(l.scalar(1, "id").as_deref(), Some("b"));
        assert_eq!(l.scalar(1, "name").as_deref(), Some("乙"));
        assert_eq!(l.scalar(0, "nothing"), None);
        let quoted = Locator::list("- id: \"p-7\"  # seventh\n  name: x\n");
        assert_eq!(quoted.scalar(0, "id").as_deref(), Some("p-7"));
        let l = Locator::list(PROJECTS).without(&[0]);
        assert_eq!(l.record(0).0, 11, "the second item is the first record");
    }

    #[test]
    fn a_line_outside_every_record_is_found() {
        assert_eq!(Locator::list(PROJECTS).stray_line(), None);
        let text = "- id: a\n  name: 甲\nnote: x\n- id: b\n";
        assert_eq!(Locator::list(text).stray_line(), Some(3));
        let text = "- id: a\n- id: b\n  name: 乙\n\n# end\ninternal: true\n";
        assert_eq!(Locator::list(text).stray_line(), Some(6));
        assert_eq!(Locator::list("- id: a\n...\n").stray_line(), Some(2));
        assert_eq!(Locator::list("- id: a\n# done\n\n").stray_line(), None);
    }

    #[test]
    fn finds_records_under_a_key() {
        let text =
            "unit: 亿元\nperiods:\n  - period: \"2013-01\"\n    gross_output:\n      total: 1\n      fod: 2\n  - period: \"2013-02\"\n";
        let l = Locator::list_under(text, "periods");
        assert_eq!(l.record(1).0, 7);
        assert_eq!(l.map_key(0, "gross_output", "fod"), (6, 7));
    }
}
