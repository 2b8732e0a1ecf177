//! The edition a build makes, from one source. The internal edition
//! (`--internal`) is the site as loaded. The public edition (the default)
//! leaves out every briefing and data record marked `internal: true` and
//! clears the fields `internal_fields` names; a public record that refers
//! to an internal one is an error at its line, since its page would reveal
//! it.
//!
//! What the public edition computes from: everything it shows comes from
//! its own records, [`Site::data`] (the public copy made here) — every
//! list, register, download and search entry, and every breakdown: per
//! enterprise, unit, industry, month or status (the units' scorecards and
//! `units.<id>.*`, the lists of /supervision/, an enterprise's visits, the
//! tables of the `projects` and `units` shortcodes with their counts and
//! totals, every chart and its CSV). Only the headline totals count
//! internal records too — the site-wide metrics `problems.*`,
//! `projects.*`, `visits.*` and `plans.*` wherever they are shown, the
//! dashboard's cards, the count lines above the register, the project
//! board and the overdue problems: `derive::headline` computes them from
//! [`Site::full`], the data in full, and is the one reader of it. So a
//! public file tells no more of an internal record than those totals do:
//! how many records of a kind are internal, their number by status (and
//! their investment), and, across dates, when they were raised or closed —
//! never their enterprise, unit, industry or text. The public lists say
//! what they leave out. `tests/edition_difference.rs` shows it by
//! difference, with what [`super::probe`] gives it.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::Site;
use crate::load::data::Data;
use crate::load::data::fields::InternalField;
use crate::load::data::kinds::{self, Record};
use crate::routes::{Route, problem_fragment};

/// The site as the edition shows it: unchanged for the internal edition;
/// for the public one without what is internal, or the errors of public
/// records that refer to internal ones.
pub(crate) fn edition(mut site: Site, internal: bool) -> Result<Site, Diagnostics> {
    site.internal_edition = internal;
    if internal {
        return Ok(site);
    }
    let problems = references_to_internal(&site.data);
    if problems.has_errors() {
        return Err(problems);
    }
    let fields: Vec<InternalField> = site
        .config
        .internal_fields
        .iter()
        .filter_map(|name| InternalField::parse(name).ok())
        .collect();
    let mut withheld = BTreeMap::new();
    for briefing in site.briefings.iter().filter(|b| b.internal) {
        withheld.insert(
            Route::briefing(&briefing.slug).output_file(),
            format!("the internal briefing `{}`", briefing.path),
        );
    }
    site.briefings.retain(|b| !b.internal);
    let data = &site.data;
    for e in data.enterprises.records.iter().filter(|e| e.internal) {
        withheld.insert(
            Route::enterprise(&e.id).output_file(),
            format!("the internal enterprise `{}`", e.id),
        );
    }
    for p in data.projects.records.iter().filter(|p| p.internal) {
        withheld.insert(Route::project(&p.id).output_file(), format!("the internal project `{}`", p.id));
    }
    for p in data.problems.records.iter().filter(|p| p.internal) {
        withheld.insert(
            format!("{}#{}", Route::enterprise(&p.enterprise).output_file(), problem_fragment(&p.id)),
            format!("the internal problem `{}`", p.id),
        );
    }
    let anything_internal = !withheld.is_empty() || !fields.is_empty() || any_internal(data);
    if anything_internal {
        site.data = Arc::new(public_copy(data, &fields));
    }
    site.withheld = Arc::new(withheld);
    Ok(site)
}

/// Whether a record of any data file is internal.
fn any_internal(data: &Data) -> bool {
    let mut any = false;
    for file in kinds::FILES.iter().filter(|f| f.can_be_internal()) {
        file.each(data, &mut |_, record| any |= record.internal());
    }
    any
}

/// `data` with only the records `keep` accepts (given the file's name, the
/// record's place in it and the record) of the files that can hold
/// internal ones, in a copy built up from empty (so that the lookups by id
/// are made afresh). The texts of the files it filtered are dropped as
/// well (nothing is located in them after validation), so no text of a
/// record left out stays behind in memory.
pub(crate) fn filtered(data: &Data, keep: impl Fn(&'static str, usize, &dyn Record) -> bool) -> Data {
    let mut copy = Data::default();
    for file in kinds::FILES {
        file.copy_kept(data, &mut copy, &|index, record| keep(file.name(), index, record));
    }
    copy.limits = data.limits;
    copy.print = data.print;
    copy
}

/// `data` without its internal records, `fields` cleared.
fn public_copy(data: &Data, fields: &[InternalField]) -> Data {
    let mut public = filtered(data, |_, _, record| !record.internal());
    for field in fields {
        field.clear(&mut public);
    }
    if fields.contains(&InternalField::IndustryDescription) {
        public.industries.text.clear();
        public.industries.sheet = None;
    }
    let mut hasher = std::hash::DefaultHasher::new();
    ("public", data.print, fields).hash(&mut hasher);
    public.print = hasher.finish();
    public
}

/// A public record that names an internal enterprise: its page, its row in
/// the registers and its search entry would reveal it.
fn references_to_internal(data: &Data) -> Diagnostics {
    let internal: std::collections::HashSet<&str> = data
        .enterprises
        .records
        .iter()
        .filter(|e| e.internal)
        .map(|e| e.id.as_str())
        .collect();
    let mut errors = Diagnostics::new();
    if internal.is_empty() {
        return errors;
    }
    // The public records of an internal enterprise are errors, in any file.
    for file in kinds::FILES {
        let locator = file.locator(data);
        file.each(data, &mut |index, record| {
            let Some(enterprise) = record.enterprise().filter(|e| !record.internal() && internal.contains(e)) else {
                return;
            };
            errors.push(
                Diagnostic::error_at(
                    file.path(data),
                    locator.field(index, "enterprise"),
                    format!(
                        "this {} is public but belongs to the internal enterprise `{enterprise}`",
                        file.called().one
                    ),
                )
                .with_hint("mark it `internal: true` as well, or make the enterprise public"),
            );
        });
    }
    errors
}
