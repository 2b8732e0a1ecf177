//! What the edition-difference test (`tests/edition_difference.rs`) needs
//! from inside the library, and nothing else calls: the internal records
//! of a site as loaded, the site without one of them, and its public
//! edition with every headline figure written as a placeholder (see
//! `derive::headline`). The test builds the public edition with and
//! without each internal record: what differs must be headline figures
//! only, so with those masked nothing may differ.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::Site;
use crate::load::data::kinds;
use crate::validate::edition::{self, filtered};

/// An internal record of a site: the file it is in (`problems`,
/// `briefings`), its place there, and how a message names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternalRecord {
    pub file: &'static str,
    pub index: usize,
    pub name: String,
}

/// Every internal record and briefing of `site` (loaded as the internal
/// edition, that is, in full), file by file.
pub fn internal_records(site: &Site) -> Vec<InternalRecord> {
    let data = &*site.full;
    let mut found = Vec::new();
    for file in kinds::FILES.iter().filter(|f| f.can_be_internal()) {
        file.each(data, &mut |index, record| {
            if record.internal() {
                found.push(InternalRecord {
                    file: file.name(),
                    index,
                    name: record.named(),
                });
            }
        });
    }
    for (index, b) in site.briefings.iter().enumerate().filter(|(_, b)| b.internal) {
        found.push(InternalRecord {
            file: "briefings",
            index,
            name: b.path.clone(),
        });
    }
    found
}

/// `site` without `record`, and without the internal records that belong
/// to it (an internal enterprise's projects, problems, visits and plans),
/// so that it is a valid site in turn; the errors of its data if not.
pub fn without(site: &Site, record: &InternalRecord) -> Result<Site, Diagnostics> {
    let full = &*site.full;
    let enterprise = (record.file == "enterprises")
        .then(|| full.enterprises.records.get(record.index).map(|e| e.id.as_str()))
        .flatten();
    // The internal records of the enterprise left out go with it.
    let mut kept = filtered(full, |file, index, r| {
        let belongs = r.internal() && r.enterprise().is_some() && r.enterprise() == enterprise;
        let is_it = file == record.file && index == record.index;
        !(belongs || is_it)
    });
    let mut hasher = std::hash::DefaultHasher::new();
    ("without", full.print, record.file, record.index).hash(&mut hasher);
    kept.print = hasher.finish();
    let errors: Diagnostics = crate::validate::data::validate_data(&kept)
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    if errors.has_errors() {
        return Err(errors);
    }
    let kept = Arc::new(kept);
    let mut smaller = site.clone();
    smaller.full = kept.clone();
    smaller.data = kept;
    if record.file == "briefings" && record.index < smaller.briefings.len() {
        smaller.briefings.remove(record.index);
        smaller.issued = Arc::new(crate::load::Issued::of(&smaller.briefings));
    }
    Ok(smaller)
}

/// What a masked headline figure or note is written as.
pub const PLACEHOLDER: &str = crate::derive::headline::PLACEHOLDER;

/// The public edition of `site` (loaded in full).
pub fn public_edition(site: Site) -> Result<Site, Diagnostics> {
    edition::edition(site, false)
}

/// The public edition of `site` (loaded in full), every headline figure
/// and note written as [`PLACEHOLDER`].
pub fn masked_public_edition(site: Site) -> Result<Site, Diagnostics> {
    let mut public = edition::edition(site, false)?;
    public.headline_placeholders = true;
    Ok(public)
}
