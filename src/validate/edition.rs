//! The edition a build makes, from one source. The internal edition
//! (`--internal`) is the site as loaded. The public edition (the default)
//! leaves out every briefing and data record marked `internal: true` and
//! clears the fields `internal_fields` names; a public record that refers
//! to an internal one is an error at its line, since its page would reveal
//! it. Counts and totals still include internal records (a close rate does
//! not say which problem is internal): they are computed from
//! [`Site::counted`], the data in full, and nothing but numbers is ever
//! taken from it.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::Site;
use crate::load::data::fields::InternalField;
use crate::load::data::{Data, DataFile, Where};
use crate::render::urls::output_file;

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
            output_file(&format!("/briefings/{}/", briefing.slug)),
            format!("the internal briefing `{}`", briefing.path),
        );
    }
    site.briefings.retain(|b| !b.internal);
    let data = &site.data;
    for e in data.enterprises.records.iter().filter(|e| e.internal) {
        withheld.insert(
            output_file(&format!("/enterprises/{}/", e.id)),
            format!("the internal enterprise `{}`", e.id),
        );
    }
    for p in data.projects.records.iter().filter(|p| p.internal) {
        withheld.insert(
            output_file(&format!("/projects/{}/", p.id)),
            format!("the internal project `{}`", p.id),
        );
    }
    for p in data.problems.records.iter().filter(|p| p.internal) {
        withheld.insert(
            format!("{}#problem-{}", output_file(&format!("/enterprises/{}/", p.enterprise)), p.id),
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

/// `data` without its internal records, `fields` cleared. The texts of the
/// files it changed are dropped as well (nothing is located in them
/// after validation), so no internal text stays behind in memory.
fn public_copy(data: &Data, fields: &[InternalField]) -> Data {
    fn keep<T: Clone>(file: &DataFile<Vec<T>>, internal: impl Fn(&T) -> bool) -> DataFile<Vec<T>> {
        let records: Vec<T> = file.records.iter().filter(|r| !internal(r)).cloned().collect();
        DataFile {
            path: file.path.clone(),
            text: String::new(),
            sheet: None,
            print: file.print,
            reading: file.reading.clone(),
            records,
        }
    }
    // Built up from empty, so that the lookups by id are made afresh.
    let mut public = Data::default();
    public.industries = data.industries.clone();
    public.units = data.units.clone();
    public.enterprises = keep(&data.enterprises, |e| e.internal);
    public.projects = keep(&data.projects, |p| p.internal);
    public.problems = keep(&data.problems, |p| p.internal);
    public.output = data.output.clone();
    public.charts = data.charts.clone();
    public.tallies = data.tallies.clone();
    public.visits = keep(&data.visits, |v| v.internal);
    public.plans = keep(&data.plans, |p| p.internal);
    public.limits = data.limits;
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
