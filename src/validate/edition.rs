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
use crate::load::data::fields::InternalField;
use crate::load::data::{Data, DataFile, Enterprise, Plan, Problem, Project, Visit, Where};
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
    let anything_internal = !withheld.is_empty()
        || !fields.is_empty()
        || data.visits.records.iter().any(|v| v.internal)
        || data.plans.records.iter().any(|p| p.internal);
    if anything_internal {
        site.data = Arc::new(public_copy(data, &fields));
    }
    site.withheld = Arc::new(withheld);
    Ok(site)
}

/// A record of a data file that can be internal.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Record<'a> {
    Enterprise(&'a Enterprise),
    Project(&'a Project),
    Problem(&'a Problem),
    Visit(&'a Visit),
    Plan(&'a Plan),
}

/// `data` with only the records `keep` accepts (each with its place in its
/// file) of the files that can hold internal ones, in a copy built up from empty (so that the lookups by id
/// are made afresh). The texts of the files it filtered are dropped as
/// well (nothing is located in them after validation), so no text of a
/// record left out stays behind in memory.
pub(crate) fn filtered(data: &Data, keep: impl Fn(Record<'_>, usize) -> bool) -> Data {
    fn file<T: Clone>(file: &DataFile<Vec<T>>, keep: impl Fn(&T, usize) -> bool) -> DataFile<Vec<T>> {
        let records = file.records.iter().enumerate().filter(|(i, r)| keep(r, *i));
        DataFile {
            path: file.path.clone(),
            text: String::new(),
            sheet: None,
            print: file.print,
            reading: file.reading.clone(),
            records: records.map(|(_, r)| r.clone()).collect(),
        }
    }
    let mut copy = Data::default();
    copy.industries = data.industries.clone();
    copy.units = data.units.clone();
    copy.enterprises = file(&data.enterprises, |e, i| keep(Record::Enterprise(e), i));
    copy.projects = file(&data.projects, |p, i| keep(Record::Project(p), i));
    copy.problems = file(&data.problems, |p, i| keep(Record::Problem(p), i));
    copy.output = data.output.clone();
    copy.charts = data.charts.clone();
    copy.tallies = data.tallies.clone();
    copy.visits = file(&data.visits, |v, i| keep(Record::Visit(v), i));
    copy.plans = file(&data.plans, |p, i| keep(Record::Plan(p), i));
    copy.limits = data.limits;
    copy.print = data.print;
    copy
}

impl Record<'_> {
    pub(crate) fn internal(self) -> bool {
        match self {
            Record::Enterprise(e) => e.internal,
            Record::Project(p) => p.internal,
            Record::Problem(p) => p.internal,
            Record::Visit(v) => v.internal,
            Record::Plan(p) => p.internal,
        }
    }
}

/// `data` without its internal records, `fields` cleared.
fn public_copy(data: &Data, fields: &[InternalField]) -> Data {
    let mut public = filtered(data, |record, _| !record.internal());
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
    // Each record of a file as (internal?, its enterprise), in order: the
    // public ones of an internal enterprise are errors, named `what`.
    let mut check = |path: &str, locator: Where<'_>, what: &str, records: &mut dyn Iterator<Item = (bool, Option<&str>)>| {
        for (index, (is_internal, enterprise)) in records.enumerate() {
            let Some(enterprise) = enterprise.filter(|e| !is_internal && internal.contains(e)) else {
                continue;
            };
            errors.push(
                Diagnostic::error_at(
                    path,
                    locator.field(index, "enterprise"),
                    format!("this {what} is public but belongs to the internal enterprise `{enterprise}`"),
                )
                .with_hint("mark it `internal: true` as well, or make the enterprise public"),
            );
        }
    };
    let (projects, problems, visits, plans) = (&data.projects, &data.problems, &data.visits, &data.plans);
    check(
        &projects.path,
        projects.locator(),
        "project",
        &mut projects.records.iter().map(|p| (p.internal, p.enterprise.as_deref())),
    );
    check(
        &problems.path,
        problems.locator(),
        "problem",
        &mut problems.records.iter().map(|p| (p.internal, Some(p.enterprise.as_str()))),
    );
    check(
        &visits.path,
        visits.locator(),
        "visit",
        &mut visits.records.iter().map(|v| (v.internal, Some(v.enterprise.as_str()))),
    );
    check(
        &plans.path,
        plans.locator(),
        "plan",
        &mut plans.records.iter().map(|p| (p.internal, Some(p.enterprise.as_str()))),
    );
    errors
}
