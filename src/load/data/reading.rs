//! What became of a data file when it was read: whether there is one at
//! all, and which of its records were lost to errors already reported. An
//! absent file is not a file of no records — a figure that needs it is an
//! error, never a zero — and a reference to a record that did not parse is
//! not reported again as unknown, while every other record is still checked.

use std::collections::BTreeSet;

/// How a data file was read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Reading {
    /// A file of this name is in `content/data/`, in some form (also one
    /// that could not be read).
    pub(crate) found: bool,
    /// What did not parse.
    pub(crate) lost: Lost,
    /// The items of a YAML list that did not parse, in text order: the
    /// records after one sit one item further down the text.
    pub(crate) gaps: Vec<usize>,
}

impl Reading {
    /// A file that was found and read.
    pub(crate) fn found() -> Reading {
        Reading {
            found: true,
            ..Reading::default()
        }
    }

    /// A file that was found but could not be read at all.
    pub(crate) fn unread() -> Reading {
        Reading {
            found: true,
            lost: Lost::All,
            gaps: Vec::new(),
        }
    }
}

/// The records of a file lost to errors already reported.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) enum Lost {
    /// Every record parsed.
    #[default]
    Nothing,
    /// Some records did not parse: `ids` those whose id could be read,
    /// `count` all of them.
    Records { ids: BTreeSet<String>, count: usize },
    /// The file could not be read: any of its records may be meant.
    All,
}

impl Lost {
    /// Notes one more record lost, with its id when it has a readable one.
    pub(crate) fn add(&mut self, id: Option<String>) {
        match self {
            Lost::All => {}
            Lost::Nothing => {
                *self = Lost::Records {
                    ids: id.into_iter().collect(),
                    count: 1,
                };
            }
            Lost::Records { ids, count } => {
                ids.extend(id);
                *count += 1;
            }
        }
    }

    /// Whether `id` may name a record that was lost (so that a reference to
    /// it only repeats the error of that record).
    pub(crate) fn covers(&self, id: &str) -> bool {
        match self {
            Lost::Nothing => false,
            Lost::Records { ids, .. } => ids.contains(id),
            Lost::All => true,
        }
    }

    /// Whether any record was lost.
    pub(crate) fn any(&self) -> bool {
        !matches!(self, Lost::Nothing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lost_records_cover_their_ids_only() {
        let mut lost = Lost::default();
        assert!(!lost.any() && !lost.covers("a"));
        lost.add(Some("a".into()));
        lost.add(None);
        assert!(lost.any() && lost.covers("a") && !lost.covers("b"));
        assert_eq!(
            lost,
            Lost::Records {
                ids: ["a".to_string()].into(),
                count: 2
            }
        );
        let mut all = Lost::All;
        all.add(Some("x".into()));
        assert!(all.covers("anything"));
    }
}
