//! Figures that cannot be right (DESIGN.md, "Implausible figures"): a
//! year-to-date total that falls or jumps tenfold within a year, industries
//! summing to more than the county, an amount far beyond any county's in
//! 亿元, a growth typed as a fraction. And `tallies.yaml`: counts that add
//! up, and a warning naming both figures where the register disagrees.

use std::collections::BTreeMap;

use crate::calendar::Period;
use crate::derive::figures::ProblemCounts;
use crate::derive::growth;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::data::{Data, Measure, TallyCounts};

/// More than this in 亿元 is no county's year-to-date output (a large
/// county's is a few hundred): the figures were typed in 万元.
const MOST_YI: f64 = 10_000.0;

/// A year-to-date figure more than this many times the previous month's
/// of the same year was typed in another unit.
const MOST_STEP: f64 = 10.0;

/// Checks every output figure against the others.
pub(crate) fn check_plausible(data: &Data, problems: &mut Diagnostics) {
    let file = &data.output;
    let output = &file.records;
    let locator = file.locator_under("periods");
    let unit = output.unit.as_str();
    // Positions of the periods, in time order.
    let mut order: Vec<(Period, usize)> = output.periods.iter().enumerate().map(|(i, p)| (p.period, i)).collect();
    order.sort();
    for measure in Measure::ALL {
        let name = measure.as_str();
        for (position, &(period, index)) in order.iter().enumerate() {
            let values = measure.values(&output.periods[index]);
            let at = |key: &str| locator.map_key(index, name, key);
            for (key, &value) in values {
                if unit == "亿元" && value > MOST_YI {
                    problems.push(
                        Diagnostic::error_at(
                            &file.path,
                            at(key),
                            format!("`{name}.{key}` of {period} is {value}亿元, more than any county's output"),
                        )
                        .with_hint("output.yaml is in 亿元: a figure in 万元 is divided by 10000 (750000万元 is 75亿元)"),
                    );
                }
            }
            if let (Some(&total), true) = (values.get("total"), values.len() > 1) {
                let parts: f64 = values.iter().filter(|(k, _)| *k != "total").map(|(_, v)| v).sum();
                // Parts rounded one by one may pass the total by a hair.
                if parts > total * 1.001 + 0.01 {
                    problems.push(
                        Diagnostic::error_at(
                            &file.path,
                            at("total"),
                            format!(
                                "the industries of `{name}` in {period} add up to {}, more than the total {total}",
                                round(parts)
                            ),
                        )
                        .with_hint(
                            "the total is the whole county, so it is at least the sum of its industries: check the figures and their unit",
                        ),
                    );
                }
            }
            // Against the previous period of the same year.
            let Some(&(before, before_index)) = position.checked_sub(1).and_then(|p| order.get(p)) else {
                continue;
            };
            if before.year != period.year {
                continue;
            }
            let earlier = measure.values(&output.periods[before_index]);
            for (key, &value) in values {
                let Some(&previous) = earlier.get(key) else { continue };
                if value < previous {
                    problems.push(
                        Diagnostic::error_at(
                            &file.path,
                            at(key),
                            format!("`{name}.{key}` falls from {previous} in {before} to {value} in {period}"),
                        )
                        .with_hint(
                            "a year-to-date figure adds up from January and cannot fall within a year: check the figure and the period",
                        ),
                    );
                } else if previous > 0.0 && value > previous * MOST_STEP && !(unit == "亿元" && value > MOST_YI) {
                    problems.push(
                        Diagnostic::error_at(
                            &file.path,
                            at(key),
                            format!("`{name}.{key}` jumps from {previous} in {before} to {value} in {period}, more than tenfold"),
                        )
                        .with_hint(format!("all figures are in {unit}: was one typed in another unit (万元 for 亿元)?")),
                    );
                }
            }
        }
        check_fraction_growth(data, measure, problems);
    }
}

/// Whether a stated growth `value` is a fraction where percent was meant,
/// as the `computed` growth shows: read as percent (`0.165` as 16.5) it
/// is nearer the computed growth than as typed, and as typed it is off by
/// more than the half point a stated growth may differ (0.165% against a
/// computed 15.0%), or as percent it is within a point of it.
pub(crate) fn is_fraction_of(value: f64, computed: f64) -> bool {
    if value == 0.0 || value.abs() >= 1.0 {
        return false;
    }
    let as_typed = (computed - value).abs();
    let as_percent = (computed - value * 100.0).abs();
    as_typed > 0.5 && (as_percent < as_typed || as_percent <= 1.0)
}

/// A stated growth such as `0.48` where 48 was meant: an error where the
/// computed growth shows it ([`is_fraction_of`]), and where every stated
/// growth of the file lies between -1 and 1.
fn check_fraction_growth(data: &Data, measure: Measure, problems: &mut Diagnostics) {
    let file = &data.output;
    let output = &file.records;
    let locator = file.locator_under("periods");
    let name = format!("{}_yoy", measure.as_str());
    let stated: Vec<(usize, Period, &String, f64)> = output
        .periods
        .iter()
        .enumerate()
        .flat_map(|(i, p)| measure.stated_yoy(p).iter().map(move |(k, v)| (i, p.period, k, *v)))
        .filter(|(_, _, _, v)| v.is_finite())
        .collect();
    let all_small = stated.iter().filter(|s| s.3 != 0.0).count() >= 2 && stated.iter().all(|s| s.3.abs() < 1.0);
    for (index, period, key, value) in stated {
        if value == 0.0 || value.abs() >= 1.0 {
            continue;
        }
        let computed = growth::computed_yoy(output, measure, key, period);
        let confirmed = computed.is_some_and(|c| is_fraction_of(value, c));
        if confirmed || all_small {
            let percent = round(value * 100.0);
            problems.push(
                Diagnostic::error_at(
                    &file.path,
                    locator.map_key(index, &name, key),
                    format!("growth `{name}.{key}` of {period} is {value}: a fraction, where {percent} (percent) was meant?"),
                )
                .with_hint(format!("growth is written in percent: type {percent} for {percent}%")),
            );
        }
    }
}

fn round(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// Checks `tallies.yaml`: one entry per period, counts that add up, key
/// problems within all problems, and — where the register has records by
/// then — a warning when the counts disagree, naming both. A register of
/// key problems only is compared with stated key problems only.
pub(crate) fn check_tallies(data: &Data, problems: &mut Diagnostics) {
    let file = &data.tallies;
    let locator = file.locator();
    let mut seen = BTreeMap::new();
    let key_only = data.problems.records.iter().all(|p| p.key);
    for (index, tally) in file.records.iter().enumerate() {
        let period = tally.period;
        if seen.insert(period, index).is_some() {
            problems.push(Diagnostic::error_at(
                &file.path,
                locator.field(index, "period"),
                format!("period {period} appears twice"),
            ));
        }
        if tally.problems.is_none() && tally.key_problems.is_none() {
            problems.push(
                Diagnostic::warning_at(&file.path, locator.field(index, "period"), format!("no counts for {period}"))
                    .with_hint("give `problems: {raised, closed}` (and `key_problems`), or delete the entry"),
            );
        }
        for (group, stated) in [("problems", tally.problems), ("key_problems", tally.key_problems)] {
            let Some(stated) = stated else { continue };
            if stated.closed + stated.extended.unwrap_or(0) > stated.raised {
                let message = match stated.extended {
                    Some(extended) => format!(
                        "{group} of {period}: {} closed and {extended} extended, but only {} raised",
                        stated.closed, stated.raised
                    ),
                    None => format!("{group} of {period}: {} closed, but only {} raised", stated.closed, stated.raised),
                };
                problems.push(
                    Diagnostic::error_at(&file.path, locator.map_key(index, group, "closed"), message)
                        .with_hint("closed and extended problems are among those raised"),
                );
            }
            check_stated_rate(data, index, group, period, stated, problems);
            let key = group == "key_problems";
            let counted = if key {
                ProblemCounts::at(data.problems.records.iter().filter(|p| p.key), period.last_day())
            } else {
                ProblemCounts::at(&data.problems.records, period.last_day())
            };
            // Records are compared where they exist by then, and a register
            // of key problems only does not speak for all problems, nor one
            // with records that did not parse (reported already).
            if counted.raised > 0 && (key || !key_only) && !data.problems.reading.lost.any() {
                disagreement(data, index, group, period, stated, counted, problems);
            }
        }
        if let (Some(all), Some(key)) = (tally.problems, tally.key_problems)
            && (key.raised > all.raised || key.closed > all.closed)
        {
            problems.push(
                Diagnostic::error_at(
                    &file.path,
                    locator.map_key(index, "key_problems", "raised"),
                    format!("more key problems than problems in {period}"),
                )
                .with_hint("key problems are counted among all problems"),
            );
        }
    }
}

/// Warns where a stated count and the register's differ.
fn disagreement(
    data: &Data,
    index: usize,
    group: &str,
    period: Period,
    stated: TallyCounts,
    counted: ProblemCounts,
    problems: &mut Diagnostics,
) {
    let file = &data.tallies;
    for (field, says, has) in [
        ("raised", Some(stated.raised), counted.raised),
        ("closed", Some(stated.closed), counted.closed),
        // Extensions not stated are not compared.
        ("extended", stated.extended, counted.extended),
    ] {
        let Some(says) = says else { continue };
        if says != has {
            problems.push(
                Diagnostic::warning_at(
                    &file.path,
                    file.locator().map_key(index, group, field),
                    format!(
                        "{file} states {says} {group} {field} by {period}, but {register} has {has}",
                        file = file.path,
                        register = data.problems.path
                    ),
                )
                .with_hint("the stated count is shown; add the missing records to the register, or correct the count"),
            );
        }
    }
}

/// A stated close rate: a percentage from 0 to 100; typed as a fraction
/// (`0.74` for 74%) it is an error with the hint, as a growth is; one
/// that differs from closed ÷ raised by more than half a point is a
/// warning naming both (the stated rate is shown, like a stated growth).
fn check_stated_rate(data: &Data, index: usize, group: &str, period: Period, stated: TallyCounts, problems: &mut Diagnostics) {
    let Some(rate) = stated.close_rate else { return };
    let file = &data.tallies;
    let at = || file.locator().map_key(index, group, "close_rate");
    let computed = crate::derive::counts::computed_rate(stated.closed, stated.raised);
    let fraction = computed.is_some_and(|c| is_fraction_of(rate, c));
    if !rate.is_finite() || !(0.0..=100.0).contains(&rate) {
        problems.push(
            Diagnostic::error_at(
                &file.path,
                at(),
                format!("the close rate of {group} of {period} is {rate}%, not from 0 to 100"),
            )
            .with_hint("a close rate is closed ÷ raised in percent: type 74 for 74%"),
        );
    } else if fraction {
        let percent = round(rate * 100.0);
        problems.push(
            Diagnostic::error_at(
                &file.path,
                at(),
                format!("the close rate of {group} of {period} is {rate}: a fraction, where {percent} (percent) was meant?"),
            )
            .with_hint(format!("a close rate is written in percent: type {percent} for {percent}%")),
        );
    } else if let Some(computed) = computed
        && (computed - rate).abs() > 0.5
    {
        problems.push(
            Diagnostic::warning_at(
                &file.path,
                at(),
                format!(
                    "stated close rate {rate:.1}% of {group} of {period} differs from the computed {computed:.1}% ({} closed of {} raised)",
                    stated.closed, stated.raised
                ),
            )
            .with_hint("the stated rate is shown; check it against the counts stated beside it"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(output: &str) -> Vec<String> {
        let texts = [
            ("industries", "- {id: food, name: 食品}\n- {id: tools, name: 机电}\n"),
            ("output", output),
        ];
        let mut loaded = Vec::new();
        let data = crate::load::data::parse_named(&texts, &mut loaded);
        assert!(loaded.is_empty(), "{loaded:?}");
        let mut problems = Diagnostics::new();
        check_plausible(&data, &mut problems);
        problems.iter().map(|d| format!("{}: {}", d.location(), d.message)).collect()
    }

    /// What `check_tallies` says of `tallies` (of a site without a
    /// register).
    fn tallies_checked(tallies: &str) -> Vec<String> {
        let texts = [
            ("units", "- {id: water, name: 水务局}\n"),
            (
                "enterprises",
                "- {id: tiande, name: 天德, industry: m, key: true, lead_unit: water, units: [water]}\n",
            ),
            ("tallies", tallies),
        ];
        let mut loaded = Vec::new();
        let data = crate::load::data::parse_named(&texts, &mut loaded);
        assert!(loaded.is_empty(), "{loaded:?}");
        let mut problems = Diagnostics::new();
        check_tallies(&data, &mut problems);
        problems
            .iter()
            .map(|d| {
                format!(
                    "{:?} {}: {} | {}",
                    d.severity,
                    d.location(),
                    d.message,
                    d.hint.as_deref().unwrap_or_default()
                )
            })
            .collect()
    }

    #[test]
    fn a_stated_close_rate_is_checked_like_a_stated_growth() {
        let tally =
            |rate: &str| format!("- period: \"2013-06\"\n  key_problems: {{raised: 56, closed: 42, extended: 3, close_rate: {rate}}}\n");
        // 42 of 56 is 75.0%: 74.8 is near enough, 74 is not.
        assert_eq!(tallies_checked(&tally("74.8")), Vec::<String>::new());
        assert_eq!(tallies_checked(&tally("75%")), Vec::<String>::new());
        let found = tallies_checked(&tally("74"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("Warning content/data/tallies.yaml:2:")
                && found[0].contains(
                    "stated close rate 74.0% of key_problems of 2013-06 differs from the computed 75.0% (42 closed of 56 raised)"
                ),
            "{found:?}"
        );
        // Typed as a fraction: an error with the hint, and no warning.
        let found = tallies_checked(&tally("0.74"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("Error")
                && found[0].contains("is 0.74: a fraction, where 74 (percent) was meant?")
                && found[0].contains("type 74 for 74%"),
            "{found:?}"
        );
        let found = tallies_checked(&tally("740"));
        assert!(found.len() == 1 && found[0].contains("not from 0 to 100"), "{found:?}");
        // Without extensions stated, the counts are checked as they are.
        let found = tallies_checked("- period: \"2013-06\"\n  problems: {raised: 5, closed: 6}\n");
        assert!(
            found.len() == 1 && found[0].contains("problems of 2013-06: 6 closed, but only 5 raised"),
            "{found:?}"
        );
    }

    #[test]
    fn good_figures_pass() {
        let output = "periods:\n- {period: \"2012-06\", gross_output: {total: 50, food: 20}}\n\
                      - {period: \"2013-05\", gross_output: {total: 52, food: 18, tools: 30}}\n\
                      - {period: \"2013-06\", gross_output: {total: 60, food: 25, tools: 30}, gross_output_yoy: {total: 21.0, food: 0.5}}\n";
        assert_eq!(checked(output), Vec::<String>::new());
    }

    #[test]
    fn wan_yuan_typed_as_yi_yuan() {
        let output = "unit: 亿元\nperiods:\n- {period: \"2013-05\", gross_output: {total: 52}}\n- {period: \"2013-06\", gross_output: {total: 750000}}\n";
        let found = checked(output);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("output.yaml:4:") && found[0].contains("750000亿元, more than any county"),
            "{found:?}"
        );
        // In 万元, the same figure is a jump from the month before.
        let output = "periods:\n- {period: \"2013-05\", gross_output: {total: 52}}\n- {period: \"2013-06\", gross_output: {total: 600}}\n";
        let found = checked(output);
        assert!(found.len() == 1 && found[0].contains("more than tenfold"), "{found:?}");
    }

    #[test]
    fn a_falling_total_and_industries_above_it() {
        let output = "periods:\n- {period: \"2013-05\", gross_output: {total: 52}}\n- {period: \"2013-06\", gross_output: {total: 50, food: 30, tools: 25}}\n\
                      - {period: \"2014-01\", gross_output: {total: 5}}\n";
        let found = checked(output);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().any(|f| f.contains("falls from 52 in 2013-05 to 50")), "{found:?}");
        assert!(found.iter().any(|f| f.contains("add up to 55")), "{found:?}");
    }

    #[test]
    fn growth_typed_as_a_fraction_near_the_computed() {
        // Computed 15.0 %; 0.165 stated for 16.5 %: not within a point, but
        // a hundred times nearer as percent than as typed.
        let output = "periods:\n- {period: \"2012-06\", gross_output: {total: 50}}\n\
                      - {period: \"2013-06\", gross_output: {total: 57.5}, gross_output_yoy: {total: 0.165}}\n";
        let found = checked(output);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("is 0.165: a fraction, where 16.5 (percent) was meant?"),
            "{found:?}"
        );
        // And the whole check gives the error alone, with no warning that
        // the stated growth differs.
        let mut loaded = Vec::new();
        let data = crate::load::data::parse_named(&[("output", output)], &mut loaded);
        let all = crate::validate::data::validate_data(&data);
        let said: Vec<String> = all.iter().map(|d| format!("{:?}: {}", d.severity, d.message)).collect();
        assert!(all.has_errors() && all.warning_count() == 0, "{said:?}");
        // Small growth that is small: 0.4 stated against 0.6 computed.
        assert!(!is_fraction_of(0.4, 0.6));
        assert!(!is_fraction_of(0.9, 30.0), "as typed nearer");
        assert!(is_fraction_of(0.2, 20.0));
    }

    #[test]
    fn growth_typed_as_a_fraction() {
        // Computed 20 %; 0.2 stated.
        let output = "periods:\n- {period: \"2012-06\", gross_output: {total: 50}}\n\
                      - {period: \"2013-06\", gross_output: {total: 60}, gross_output_yoy: {total: 0.2}}\n";
        let found = checked(output);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("0.2") && found[0].contains("20"), "{found:?}");
        // Nothing to compute from, but every growth is a fraction.
        let output = "periods:\n- {period: \"2013-05\", gross_output: {total: 50}, gross_output_yoy: {total: 0.48, food: 0.3}}\n";
        assert_eq!(checked(output).len(), 2);
        // One small growth alone is a small growth.
        let output = "periods:\n- {period: \"2013-05\", gross_output: {total: 50}, gross_output_yoy: {total: 0.48, food: 12}}\n";
        assert!(checked(output).is_empty());
    }
}
