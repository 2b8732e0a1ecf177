//! Checks of the programme data: ids, references between files (with
//! did-you-mean), required and consistent fields, numbers, and the
//! agreement of stated growth rates with the computed ones.

use std::collections::{BTreeSet, HashSet};

use crate::calendar::Date;
use crate::derive::growth;
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::load::Site;
use crate::load::content::front_line;
use crate::load::data::{Data, DataFile, Lost, Measure, Spot, kinds};

/// Checks an id: lowercase ASCII letters, digits and `-`, not empty.
pub(crate) fn check_id(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("the id is empty".to_string());
    }
    if let Some(bad) = id.chars().find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')) {
        return Err(format!("id `{id}` contains `{bad}`; use lowercase letters a-z, digits and `-`"));
    }
    if crate::names::is_windows_device(id) {
        return Err(crate::names::device_problem(id));
    }
    Ok(())
}

pub(crate) fn check_ids<T>(file: &DataFile<Vec<T>>, id_of: impl Fn(&T) -> &str, problems: &mut Diagnostics) {
    let locator = file.locator();
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    for (index, record) in file.records.iter().enumerate() {
        let id = id_of(record);
        // Located only when there is something to report.
        let at = || locator.field(index, "id");
        if let Err(message) = check_id(id) {
            let spot = at();
            problems
                .push(Diagnostic::error_at(&file.path, spot.clone(), message).with_hint("the id is the URL slug, e.g. `tiande-vehicle`"));
        } else if !seen.insert(id) {
            let spot = at();
            problems.push(
                Diagnostic::error_at(&file.path, spot.clone(), format!("duplicate id `{id}`"))
                    .with_hint("ids must be unique in their file"),
            );
        }
    }
}

/// `total` and `industries` name the county and the sum of its
/// industries in `output`: no industry may take them.
fn check_reserved_industry_ids(data: &Data, problems: &mut Diagnostics) {
    let file = &data.industries;
    for (index, industry) in file.records.iter().enumerate() {
        if industry.id == "total" || industry.id == growth::INDUSTRIES {
            problems.push(
                Diagnostic::error_at(
                    &file.path,
                    file.locator().field(index, "id"),
                    format!("`{}` cannot be an industry id", industry.id),
                )
                .with_hint("`total` is the county's figure and `industries` the sum of the industries; choose another id"),
            );
        }
    }
}

/// The ids a reference may name: a set to look up, a list to suggest
/// from, what they are (`industry`), the file defining them and the
/// records of that file that did not parse.
pub(crate) struct Known<'a> {
    list: Vec<&'a str>,
    set: HashSet<&'a str>,
    what: &'static str,
    defined_in: &'static str,
    lost: &'a Lost,
}

impl<'a> Known<'a> {
    fn new(list: Vec<&'a str>, what: &'static str, defined_in: &'static str, lost: &'a Lost) -> Self {
        let set = list.iter().copied().collect();
        Known {
            list,
            set,
            what,
            defined_in,
            lost,
        }
    }

    /// Reports `value`, written in `path` at `position` (found only when
    /// needed), unless it is one of the ids — or may be the id of a record
    /// that did not parse, whose error is reported already.
    pub(crate) fn check(&self, path: &str, value: &str, position: impl FnOnce() -> Spot, problems: &mut Diagnostics) {
        if self.set.contains(value) || self.lost.covers(value) {
            return;
        }
        // As DESIGN.md shows it: `unknown industry `fod` (did you mean `food`?)`.
        let suggestion =
            did_you_mean(value, self.list.iter().copied()).map_or_else(String::new, |close| format!(" (did you mean `{close}`?)"));
        let hint = if self.list.is_empty() {
            format!("`{}` defines none", self.defined_in)
        } else {
            format!("it must be an id of `{}`", self.defined_in)
        };
        let spot = position();
        problems.push(Diagnostic::error_at(path, spot.clone(), format!("unknown {} `{value}`{suggestion}", self.what)).with_hint(hint));
    }
}

pub(crate) fn ids<'a, T>(
    file: &'a DataFile<Vec<T>>,
    id_of: impl Fn(&'a T) -> &'a str,
    what: &'static str,
    defined_in: &'static str,
) -> Known<'a> {
    Known::new(file.records.iter().map(id_of).collect(), what, defined_in, &file.reading.lost)
}

/// The references of briefings into the data.
pub(crate) fn validate_briefings(site: &Site) -> Diagnostics {
    let mut problems = Diagnostics::new();
    check_briefings(site, &mut problems);
    problems
}

/// Checks the data files alone: each file's own checks, as its
/// declaration names them (`load::data::kinds`).
pub fn validate_data(data: &Data) -> Diagnostics {
    let mut problems = Diagnostics::new();
    for file in kinds::FILES {
        file.validate(data, &mut problems);
    }
    problems
}

/// The checks of `industries`.
pub(crate) fn check_industries(data: &Data, problems: &mut Diagnostics) {
    check_ids(&data.industries, |r| &r.id, problems);
    check_reserved_industry_ids(data, problems);
    check_industry_names(data, problems);
}

/// The checks of `units`.
pub(crate) fn check_units(data: &Data, problems: &mut Diagnostics) {
    check_ids(&data.units, |r| &r.id, problems);
    check_unit_names(data, problems);
}

fn check_industry_names(data: &Data, problems: &mut Diagnostics) {
    let locator = data.industries.locator();
    for (index, industry) in data.industries.records.iter().enumerate() {
        if industry.name.trim().is_empty() {
            let spot = locator.field(index, "name");
            problems.push(Diagnostic::error_at(&data.industries.path, spot.clone(), "`name` is empty"));
        }
        if let Some(color) = &industry.color {
            let hex = color.strip_prefix('#').unwrap_or("");
            if !(hex.len() == 6 || hex.len() == 3) || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
                let spot = locator.field(index, "color");
                problems.push(
                    Diagnostic::error_at(&data.industries.path, spot.clone(), format!("`{color}` is not a colour"))
                        .with_hint("write it as \"#2b6cb0\" (quoted, since # starts a comment)"),
                );
            }
        }
    }
}

fn check_unit_names(data: &Data, problems: &mut Diagnostics) {
    let locator = data.units.locator();
    for (index, unit) in data.units.records.iter().enumerate() {
        if unit.name.trim().is_empty() {
            let spot = locator.field(index, "name");
            problems.push(Diagnostic::error_at(&data.units.path, spot.clone(), "`name` is empty"));
        }
    }
}

/// The checks of `enterprises`.
pub(crate) fn check_enterprises(data: &Data, problems: &mut Diagnostics) {
    check_ids(&data.enterprises, |r| &r.id, problems);
    let industries = ids(&data.industries, |r| &r.id, "industry", "industries.yaml");
    let units = ids(&data.units, |r| &r.id, "unit", "units.yaml");
    let file = &data.enterprises;
    let locator = file.locator();
    for (index, enterprise) in file.records.iter().enumerate() {
        industries.check(&file.path, &enterprise.industry, || locator.field(index, "industry"), problems);
        units.check(&file.path, &enterprise.lead_unit, || locator.field(index, "lead_unit"), problems);
        if enterprise.units.is_empty() {
            let spot = locator.field(index, "units");
            problems.push(
                Diagnostic::error_at(&file.path, spot.clone(), "`units` is empty").with_hint("list the helping units, lead unit included"),
            );
        }
        for unit in &enterprise.units {
            units.check(&file.path, unit, || locator.list_element(index, "units", unit), problems);
        }
        if !enterprise.units.contains(&enterprise.lead_unit) {
            let spot = locator.field(index, "lead_unit");
            problems.push(
                Diagnostic::error_at(
                    &file.path,
                    spot.clone(),
                    format!("lead unit `{}` is not among the helping `units`", enterprise.lead_unit),
                )
                .with_hint(format!("add `{}` to `units`", enterprise.lead_unit)),
            );
        }
    }
}

/// The checks of `projects`.
pub(crate) fn check_projects(data: &Data, problems: &mut Diagnostics) {
    check_ids(&data.projects, |r| &r.id, problems);
    let industries = ids(&data.industries, |r| &r.id, "industry", "industries.yaml");
    let enterprises = ids(&data.enterprises, |r| &r.id, "enterprise", "enterprises.yaml");
    let file = &data.projects;
    let locator = file.locator();
    for (index, project) in file.records.iter().enumerate() {
        industries.check(&file.path, &project.industry, || locator.field(index, "industry"), problems);
        if let Some(enterprise) = &project.enterprise {
            enterprises.check(&file.path, enterprise, || locator.field(index, "enterprise"), problems);
        }
        if !project.investment.is_finite() || project.investment < 0.0 {
            let spot = locator.field(index, "investment");
            problems.push(Diagnostic::error_at(
                &file.path,
                spot.clone(),
                "`investment` must be a number of 万元, zero or more",
            ));
        }
        if project.updates.is_empty() {
            let spot = locator.field(index, "updates");
            problems.push(
                Diagnostic::error_at(&file.path, spot.clone(), "a project needs at least one update")
                    .with_hint("add `- {date: 2013-03-01, status: planned}` under `updates:`"),
            );
        }
        for (i, pair) in project.updates.windows(2).enumerate() {
            if pair[1].date < pair[0].date {
                let spot = locator.nested_field(index, "updates", i + 1, "date");
                problems.push(
                    Diagnostic::error_at(
                        &file.path,
                        spot.clone(),
                        format!("update of {} comes after one of {}", pair[1].date, pair[0].date),
                    )
                    .with_hint("list the updates in date order, oldest first"),
                );
            }
        }
    }
}

/// The checks of `problems`.
pub(crate) fn check_problems(data: &Data, problems: &mut Diagnostics) {
    check_ids(&data.problems, |r| &r.id, problems);
    let enterprises = ids(&data.enterprises, |r| &r.id, "enterprise", "enterprises.yaml");
    let units = ids(&data.units, |r| &r.id, "unit", "units.yaml");
    let file = &data.problems;
    let locator = file.locator();
    for (index, problem) in file.records.iter().enumerate() {
        enterprises.check(&file.path, &problem.enterprise, || locator.field(index, "enterprise"), problems);
        for unit in &problem.units {
            units.check(&file.path, unit, || locator.list_element(index, "units", unit), problems);
        }
        if problem.summary.trim().is_empty() {
            let spot = locator.field(index, "summary");
            problems.push(Diagnostic::error_at(&file.path, spot.clone(), "`summary` is empty"));
        }
        crate::validate::problem_dates::check(&file.path, &locator, index, problem, problems);
    }
}

/// The checks of `output`, its plausibility included.
pub(crate) fn check_output(data: &Data, problems: &mut Diagnostics) {
    crate::validate::figures::check_plausible(data, problems);
    let file = &data.output;
    let locator = file.locator_under("periods");
    let mut keys: Vec<&str> = vec!["total"];
    keys.extend(data.industries.records.iter().map(|r| r.id.as_str()));
    let mut yoy_keys = keys.clone();
    yoy_keys.push(growth::INDUSTRIES);
    let lost = &data.industries.reading.lost;
    let keys = Known::new(keys, "industry", "industries.yaml", lost);
    let yoy_keys = Known::new(yoy_keys, "industry", "industries.yaml", lost);
    let mut seen = BTreeSet::new();
    for (index, period) in file.records.periods.iter().enumerate() {
        if !seen.insert(period.period) {
            let spot = locator.field(index, "period");
            problems.push(Diagnostic::error_at(
                &file.path,
                spot.clone(),
                format!("period {} appears twice", period.period),
            ));
        }
        for measure in Measure::ALL {
            let name = measure.as_str();
            let yoy_name = format!("{name}_yoy");
            for (key, value) in measure.values(period) {
                let position = locator.map_key(index, name, key);
                keys.check(&file.path, key, || position.clone(), problems);
                if !value.is_finite() || *value < 0.0 {
                    problems.push(Diagnostic::error_at(
                        &file.path,
                        position.clone(),
                        format!("`{name}.{key}` must be a number, zero or more"),
                    ));
                }
            }
            for (key, value) in measure.stated_yoy(period) {
                let position = locator.map_key(index, &yoy_name, key);
                yoy_keys.check(&file.path, key, || position.clone(), problems);
                if !value.is_finite() {
                    problems.push(Diagnostic::error_at(
                        &file.path,
                        position.clone(),
                        format!("`{yoy_name}.{key}` must be a number"),
                    ));
                    continue;
                }
                // A growth typed as a fraction is an error of its own
                // (validate::figures), not a differing growth.
                if let Some(computed) = growth::computed_yoy(&file.records, measure, key, period.period)
                    && (computed - value).abs() > 0.5
                    && !crate::validate::figures::is_fraction_of(*value, computed)
                {
                    problems.push(
                        Diagnostic::warning_at(
                            &file.path,
                            position.clone(),
                            format!("stated growth {value:.1}% of `{name}.{key}` differs from the computed {computed:.1}%"),
                        )
                        .with_hint(format!(
                            "the stated value is shown; check {} and the same period a year earlier",
                            period.period
                        )),
                    );
                }
            }
        }
    }
}

fn check_briefings(site: &Site, problems: &mut Diagnostics) {
    let units = ids(&site.data.units, |r| &r.id, "unit", "units.yaml");
    for briefing in &site.briefings {
        if let Some(unit) = &briefing.unit {
            let line = front_line(&briefing.front, "unit");
            units.check(&briefing.path, unit, || Spot::text(line, 7), problems);
        }
        if let Some(as_of) = briefing.as_of
            && as_of.year * 12 + as_of.month as i32 > briefing.date.year * 12 + briefing.date.month as i32
        {
            problems.push(
                Diagnostic::warning(
                    &briefing.path,
                    front_line(&briefing.front, "as_of"),
                    8,
                    format!("`as_of` {as_of} is after the briefing's date {}", briefing.date),
                )
                .with_hint("a briefing reports on a period that has begun by its date; check both"),
            );
        }
        if let Some(as_of) = briefing.as_of
            && !site.data.output.records.periods.is_empty()
            && !site.data.output.records.periods.iter().any(|p| p.period == as_of)
        {
            problems.push(
                Diagnostic::warning(
                    &briefing.path,
                    front_line(&briefing.front, "as_of"),
                    8,
                    format!("`output.yaml` has no period {as_of}"),
                )
                .with_hint("output figures of this page will be unavailable"),
            );
        }
    }
}

/// A date after today is a typing mistake in a log of what happened.
fn in_future(date: Date) -> bool {
    date > Date::today()
}

/// The units helping `enterprise`, if it exists.
fn helpers<'d>(data: &'d Data, enterprise: &str) -> Option<&'d [String]> {
    data.enterprise(enterprise).map(|e| e.units.as_slice())
}

/// The checks of `visits`.
pub(crate) fn check_visits(data: &Data, problems: &mut Diagnostics) {
    let enterprises = ids(&data.enterprises, |r| &r.id, "enterprise", "enterprises.yaml");
    let units = ids(&data.units, |r| &r.id, "unit", "units.yaml");
    let file = &data.visits;
    let locator = file.locator();
    let mut seen = BTreeSet::new();
    for (index, visit) in file.records.iter().enumerate() {
        enterprises.check(&file.path, &visit.enterprise, || locator.field(index, "enterprise"), problems);
        if visit.units.is_empty() {
            problems.push(
                Diagnostic::error_at(&file.path, locator.field(index, "units"), "a visit without units")
                    .with_hint("list the units that took part, e.g. `units: [water, land]`"),
            );
        }
        for unit in &visit.units {
            units.check(&file.path, unit, || locator.list_element(index, "units", unit), problems);
            if let Some(helping) = helpers(data, &visit.enterprise)
                && data.unit(unit).is_some()
                && !helping.contains(unit)
            {
                problems.push(
                    Diagnostic::warning_at(
                        &file.path,
                        locator.list_element(index, "units", unit),
                        format!("`{unit}` is not a helping unit of `{}`", visit.enterprise),
                    )
                    .with_hint(format!("its helping units are: {}", helping.join(", "))),
                );
            }
        }
        if in_future(visit.date) {
            problems.push(Diagnostic::error_at(
                &file.path,
                locator.field(index, "date"),
                format!("the visit is dated {}, in the future", visit.date),
            ));
        }
        let mut key: Vec<&str> = visit.units.iter().map(String::as_str).collect();
        key.sort_unstable();
        if !seen.insert((visit.date, visit.enterprise.as_str(), key)) {
            problems.push(
                Diagnostic::warning_at(
                    &file.path,
                    locator.field(index, "date"),
                    format!("the same visit to `{}` on {} twice", visit.enterprise, visit.date),
                )
                .with_hint("delete one of them"),
            );
        }
    }
}

/// The checks of `plans`.
pub(crate) fn check_plans(data: &Data, problems: &mut Diagnostics) {
    let enterprises = ids(&data.enterprises, |r| &r.id, "enterprise", "enterprises.yaml");
    let units = ids(&data.units, |r| &r.id, "unit", "units.yaml");
    let file = &data.plans;
    let locator = file.locator();
    let mut seen = BTreeSet::new();
    for (index, plan) in file.records.iter().enumerate() {
        enterprises.check(&file.path, &plan.enterprise, || locator.field(index, "enterprise"), problems);
        units.check(&file.path, &plan.unit, || locator.field(index, "unit"), problems);
        if let Some(helping) = helpers(data, &plan.enterprise)
            && data.unit(&plan.unit).is_some()
            && !helping.contains(&plan.unit)
        {
            problems.push(
                Diagnostic::warning_at(
                    &file.path,
                    locator.field(index, "unit"),
                    format!("`{}` is not a helping unit of `{}`", plan.unit, plan.enterprise),
                )
                .with_hint(format!("its helping units are: {}", helping.join(", "))),
            );
        }
        if in_future(plan.filed) {
            problems.push(Diagnostic::error_at(
                &file.path,
                locator.field(index, "filed"),
                format!("the plan is dated {}, in the future", plan.filed),
            ));
        }
        if !seen.insert((plan.unit.as_str(), plan.enterprise.as_str())) {
            problems.push(
                Diagnostic::error_at(
                    &file.path,
                    locator.field(index, "unit"),
                    format!("a second plan of `{}` for `{}`", plan.unit, plan.enterprise),
                )
                .with_hint("one plan per unit and enterprise: keep the one filed first"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lowercase_ascii_slugs() {
        assert!(check_id("tiande-vehicle").is_ok());
        assert!(check_id("p-2013-001").is_ok());
        assert!(check_id("Tiande").is_err());
        assert!(check_id("天德").is_err());
        assert!(check_id("a_b").is_err());
        assert!(check_id("").is_err());
    }
}
