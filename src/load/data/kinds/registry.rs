//! What the one list of data files ([`registry!`]) makes: a module per
//! file, the [`Data`](super::Data) struct with a typed field per file, the
//! names, and [`FILES`](super::FILES) — each file as a [`File`], which is
//! how the loader, `data export`, validation and the public edition go
//! through every data file without naming any.

use std::marker::PhantomData;

use super::{Called, Contents, DataKind, Record};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::data::files::Found;
use crate::load::data::{Data, DataFile, Where};
use crate::sheets::Sheet;

/// Expands the list of data files: for each `name` (its module, its field
/// of `Data` and its file name without extension, in the order files are
/// read and reported), `mod name;` holding `pub(crate) type Records` and
/// `pub(crate) struct Kind` implementing [`DataKind`]. An entry may carry
/// doc comments (its field's) and then one `#[cfg(…)]`.
macro_rules! registry {
    ($( $(#[doc = $doc:literal])* $(#[cfg($cfg:meta)])? $vis:vis $name:ident, )*) => {
        $( $(#[cfg($cfg)])? pub(crate) mod $name; )*

        /// The data files by name without extension, in the registry's order.
        pub(crate) const NAMES: [&str; COUNT] = [$( $(#[cfg($cfg)])? stringify!($name), )*];

        /// How many data files there are.
        pub(crate) const COUNT: usize = [$( $(#[cfg($cfg)])? stringify!($name), )*].len();

        /// Every data file, in the registry's order.
        pub(crate) const FILES: [&dyn File; COUNT] = [$( $(#[cfg($cfg)])? &registry::Of::<$name::Kind>::NEW, )*];

        /// All programme data of the site: a field per data file.
        #[derive(Debug, Clone, Default)]
        pub struct Data {
            $( $(#[doc = $doc])* $(#[cfg($cfg)])? $vis $name: $crate::load::data::DataFile<$name::Records>, )*
            /// When problems are overdue (from site.yaml).
            pub(crate) limits: Limits,
            /// A fingerprint of the texts of every data file: what pages
            /// made from the data depend on.
            pub(crate) print: u64,
            /// Id → position lookups, built on first use (after loading).
            pub(in crate::load::data) index: std::sync::OnceLock<$crate::load::data::Index>,
        }

        $(
            $(#[cfg($cfg)])?
            impl Registered for $name::Kind {
                const NAME: &'static str = stringify!($name);
                type Records = $name::Records;
                fn of(data: &Data) -> &DataFile<Self::Records> {
                    &data.$name
                }
                fn of_mut(data: &mut Data) -> &mut DataFile<Self::Records> {
                    &mut data.$name
                }
            }
        )*
    };
}

/// What the registry gives each data file: its name, its records (the
/// module's `Records`) and its field.
pub(crate) trait Registered: Sized + 'static {
    /// The file's name without extension (`problems`).
    const NAME: &'static str;
    /// What the file is read as: a list of records, or (`output`) one
    /// document of its own shape.
    type Records: Contents;
    fn of(data: &Data) -> &DataFile<Self::Records>;
    fn of_mut(data: &mut Data) -> &mut DataFile<Self::Records>;
}

/// Stores a file read into its field.
pub(crate) type Store = Box<dyn FnOnce(&mut Data) + Send>;

/// A data file as every consumer sees it, whatever its records.
pub(crate) trait File: Sync {
    /// Its name without extension (`problems`).
    fn name(&self) -> &'static str;
    /// Its sheet's layout (`None`: a reader of its own).
    #[cfg(test)]
    fn layout(&self) -> Option<&'static crate::load::data::sheet::schema::Layout>;
    /// Whether its records can be internal.
    fn can_be_internal(&self) -> bool;
    /// What messages call it.
    fn called(&self) -> Called;
    /// Whether it is read before the others.
    fn read_first(&self) -> bool;
    /// Reads it as found (`None`: absent); `earlier` holds the files read
    /// first. Returns what stores it into its field.
    fn read(&self, found: Option<Found>, earlier: &Data, problems: &mut Vec<Diagnostic>) -> Store;
    /// Its path as diagnostics name it.
    fn path<'d>(&self, data: &'d Data) -> &'d str;
    /// The fingerprint of its content.
    fn print(&self, data: &Data) -> u64;
    /// How many records it holds.
    fn count(&self, data: &Data) -> usize;
    /// Where its records are.
    fn locator<'d>(&self, data: &'d Data) -> Where<'d>;
    /// Calls `each` with each record and its place.
    fn each(&self, data: &Data, each: &mut dyn FnMut(usize, &dyn Record));
    /// Copies it from `from` into `to`: whole when its records cannot be
    /// internal, else with the records `keep` accepts.
    fn copy_kept(&self, from: &Data, to: &mut Data, keep: &dyn Fn(usize, &dyn Record) -> bool);
    /// Its checks.
    fn validate(&self, data: &Data, problems: &mut Diagnostics);
    /// The sheets `data export` writes for it (none: no workbook).
    fn sheets(&self, data: &Data) -> Vec<Sheet>;
    /// Its records as text, to compare two loads of it.
    #[cfg(test)]
    fn records_text(&self, data: &Data) -> String;
    /// Its sample ([`DataKind::SAMPLE`]).
    #[cfg(test)]
    fn sample(&self) -> &'static str;
}

/// The [`File`] of the kind `K`.
pub(crate) struct Of<K>(PhantomData<fn() -> K>);

impl<K> Of<K> {
    pub(crate) const NEW: Self = Of(PhantomData);
}

impl<K: DataKind + Registered> File for Of<K> {
    fn name(&self) -> &'static str {
        K::NAME
    }
    #[cfg(test)]
    fn layout(&self) -> Option<&'static crate::load::data::sheet::schema::Layout> {
        K::LAYOUT
    }
    fn can_be_internal(&self) -> bool {
        K::INTERNAL
    }
    fn called(&self) -> Called {
        K::CALLED
    }
    fn read_first(&self) -> bool {
        K::READ_FIRST
    }
    fn read(&self, found: Option<Found>, earlier: &Data, problems: &mut Vec<Diagnostic>) -> Store {
        let file = K::Records::read(K::NAME, K::LAYOUT, found, earlier, problems);
        Box::new(move |data: &mut Data| *K::of_mut(data) = file)
    }
    fn path<'d>(&self, data: &'d Data) -> &'d str {
        &K::of(data).path
    }
    fn print(&self, data: &Data) -> u64 {
        K::of(data).print
    }
    fn count(&self, data: &Data) -> usize {
        K::of(data).records.count()
    }
    fn locator<'d>(&self, data: &'d Data) -> Where<'d> {
        K::of(data).locator()
    }
    fn each(&self, data: &Data, each: &mut dyn FnMut(usize, &dyn Record)) {
        K::of(data).records.each(each);
    }
    fn copy_kept(&self, from: &Data, to: &mut Data, keep: &dyn Fn(usize, &dyn Record) -> bool) {
        *K::of_mut(to) = match K::INTERNAL {
            true => K::Records::kept(K::of(from), keep),
            false => K::of(from).clone(),
        };
    }
    fn validate(&self, data: &Data, problems: &mut Diagnostics) {
        K::validate(data, problems);
    }
    fn sheets(&self, data: &Data) -> Vec<Sheet> {
        K::of(data).records.sheets(K::LAYOUT, data)
    }
    #[cfg(test)]
    fn records_text(&self, data: &Data) -> String {
        format!("{:?}", K::of(data).records)
    }
    #[cfg(test)]
    fn sample(&self) -> &'static str {
        K::SAMPLE
    }
}
