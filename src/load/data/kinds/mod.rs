//! The data files of `content/data/`, each declared once, as a command
//! line declares its flags: the one list of them is [`registry!`] below,
//! and each file's module says the rest ([`DataKind`]) — what its records
//! are, its spreadsheet layout with the Chinese headers, whether its
//! records can be internal, what messages call it and its checks. The
//! [`Data`] struct, the loader and its order, the sheet reader,
//! `data export`, the public edition's copy and the messages that name the
//! files are all made from the list ([`FILES`]), so a new data file is a
//! new module here and one line in the list (README.md, "Adding a data
//! file").

#[macro_use]
mod registry;
mod list;
mod words;

use std::fmt::Debug;

pub(crate) use registry::{File, Registered, Store};
pub(crate) use words::{catalogue, internal_message};

use super::files::Found;
use super::sheet::schema::Layout;
use super::{DataFile, Limits};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::sheets::Sheet;

registry! {
    /// The industries (产业) enterprises, projects and figures belong to.
    pub industries,
    /// The county's departments and towns (单位).
    pub(crate) units,
    /// The enterprises helped (企业).
    pub(crate) enterprises,
    /// The investment projects (项目), with their updates.
    pub(crate) projects,
    /// The problem register (问题台账).
    pub(crate) problems,
    /// The output figures by period (产值).
    pub output,
    /// Charts the site defines besides the built-in ones.
    pub(crate) charts,
    /// Stated counts, for offices that keep totals rather than records.
    pub(crate) tallies,
    /// The log of visits to enterprises.
    pub(crate) visits,
    /// Assistance plans filed.
    pub(crate) plans,
    /// Only in unit tests: a file declared as a new one would be, which
    /// every consumer of the list must take (`tests.rs`).
    #[cfg(test)]
    pub(crate) notes,
}

/// A data file as its module declares it, beside `type Records` (what
/// the file is read as); the registry adds its name and its field of
/// [`Data`] ([`Registered`]).
pub(crate) trait DataKind: 'static {
    /// Its sheet when it is kept as a workbook or CSV file: the columns,
    /// what each holds and its Chinese headers; `None` for a file whose
    /// records read their sheets themselves ([`Contents::read`]).
    const LAYOUT: Option<&'static Layout>;
    /// Whether a record may be marked `internal: true` (then only the
    /// internal edition shows it); the record type then has the field, and
    /// the layout the column 内部.
    const INTERNAL: bool;
    /// What messages call the file and its records.
    const CALLED: Called;
    /// Read before the other files, which are then read side by side and
    /// may look at it (`output` sheets name the industries).
    const READ_FIRST: bool = false;
    /// A file of it with every field of its layout filled in some record,
    /// naming the records of the other samples: what the unit tests load,
    /// export and read back.
    #[cfg(test)]
    const SAMPLE: &'static str;
    /// Checks of the file and of its references into the other files.
    fn validate(data: &Data, problems: &mut Diagnostics);
}

/// What messages call a data file.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Called {
    /// Its records in English, as a list of files names them
    /// (`problems`, `output figures`).
    pub(crate) en: &'static str,
    /// The same in Chinese (`问题`, `产值数据`).
    pub(crate) zh: &'static str,
    /// One record, in English (`this problem is public but …`).
    pub(crate) one: &'static str,
}

/// A record of a list file, as the public edition sees it.
pub(crate) trait Record: Send + Sync {
    /// Whether it is marked `internal: true` (never, in a file whose
    /// records cannot be).
    fn internal(&self) -> bool {
        false
    }
    /// The enterprise it belongs to: a public record of an internal
    /// enterprise would reveal it.
    fn enterprise(&self) -> Option<&str> {
        None
    }
    /// How a message names it (`p12`, "the visit to `e1` on 2013-04-10").
    fn named(&self) -> String;
}

/// The records of a data file: a list of [`Record`]s, or a document of its
/// own (`output`). How they are read in any form, counted, exported and
/// copied without what the public edition leaves out.
pub(crate) trait Contents: Default + Clone + Debug + Send + Sync + 'static {
    /// Reads the file `name` found in any form (`None`: absent), sheets
    /// with `layout`; `earlier` holds the files read first.
    fn read(
        name: &'static str,
        layout: Option<&'static Layout>,
        found: Option<Found>,
        earlier: &Data,
        problems: &mut Vec<Diagnostic>,
    ) -> DataFile<Self>;
    /// How many records there are (`output`: periods).
    fn count(&self) -> usize;
    /// The sheets `data export` writes for them, none when there are no
    /// records.
    fn sheets(&self, layout: Option<&'static Layout>, data: &Data) -> Vec<Sheet>;
    /// Each record that `keep` accepts (given its place and the record),
    /// in order; a file of another shape is kept whole.
    fn kept(file: &DataFile<Self>, keep: &dyn Fn(usize, &dyn Record) -> bool) -> DataFile<Self>;
    /// Calls `each` with each record and its place (none for a file of
    /// another shape).
    fn each(&self, each: &mut dyn FnMut(usize, &dyn Record));
}

#[cfg(test)]
mod tests;
