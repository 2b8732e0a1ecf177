//! The moments of the example site (the repository's own): every page's
//! moment is one, each figure is the one derive function's, unit figures
//! taken from one scorecard equal those evaluated one by one, project
//! views are shared, and `serve` reuses what did not change.

use std::path::Path;
use std::sync::Arc;

use super::build::MomentsCache;
use super::need::{Need, needed};
use super::*;
use crate::derive::figures::metric_names;
use crate::load::Site;

/// The example site at the root of the repository, public edition.
fn example() -> Site {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (site, _) = crate::load_edition(root, false, false, None).expect("the example site loads");
    site
}

fn moments_of(site: &Site, cache: Option<&mut MomentsCache>) -> Moments {
    let locale = Locale::new(site.config.language, &site.theme);
    let headline = Headline::of(site);
    let builder = crate::derive::views::ViewBuilder {
        data: &site.data,
        headline: &headline,
        as_of: AsOf::latest(&site.data),
        locale: &locale,
    };
    build(site, &headline, &locale, &builder.projects(), cache)
}

/// The example site with a template that calls `metric()`.
fn with_template_metric(site: &Site) -> Site {
    let mut site = site.clone();
    let index = (site.theme.templates.iter_mut())
        .find(|t| t.name == "index.html")
        .expect("index.html");
    index.source.push_str("{{ metric(name=\"problems.raised\", period=\"2013-06\") }}");
    site
}

#[test]
fn every_page_s_moment_is_a_moment_and_every_period_where_a_template_asks() {
    let site = example();
    let derived = crate::derive::derive(&site).expect("derive");
    let periods = build::periods(&site.data);
    let every_name = metric_names(&site.data).len();
    for (templates, site) in [(false, site.clone()), (true, with_template_metric(&site))] {
        let moments = moments_of(&site, None);
        for listed in &derived.briefings {
            let moment = moments.at(listed.as_of).expect("the briefing's moment");
            // Every figure where a template may ask for any (and at the
            // latest moment).
            if listed.as_of != derived.views.as_of {
                assert_eq!(moment.figures.len() == every_name, templates, "{:?}", listed.as_of);
            }
        }
        assert_eq!(moments.at(derived.views.as_of).expect("the latest").figures.len(), every_name);
        for period in &periods {
            assert_eq!(moments.of_period(*period), Ok(AsOf::period_end(*period)));
            assert_eq!(
                moments.at(AsOf::period_end(*period)).is_ok(),
                templates || listed_at(&derived, *period),
                "{period}"
            );
        }
        // One moment per distinct as-of, not per page.
        assert!(moments.by_as_of.len() <= derived.briefings.len().min(periods.len() + 1) + periods.len() + 1);
        let (message, hint) = moments.of_period("2009-01".parse().expect("period")).unwrap_err();
        assert!(message.contains("2009-01"), "{message}");
        assert!(hint.is_some_and(|h| h.contains("2012-") || h.contains("2013-")));
    }
}

/// Whether a briefing of `derived` reports on `period`.
fn listed_at(derived: &crate::derive::Derived, period: crate::calendar::Period) -> bool {
    derived.briefings.iter().any(|l| l.as_of == AsOf::period_end(period)) || derived.views.as_of == AsOf::period_end(period)
}

#[test]
fn each_figure_is_the_one_the_headline_gives_and_unit_figures_agree() {
    // Every name at every moment: a template asks for figures.
    let site = with_template_metric(&example());
    let moments = moments_of(&site, None);
    let headline = Headline::of(&site);
    let locale = moments.locale().clone();
    let names = metric_names(&site.data);
    assert!(names.iter().any(|n| n.starts_with("units.")), "the example has units");
    for (as_of, need) in needed(&site, AsOf::latest(&site.data), &build::periods(&site.data)) {
        let snapshot = headline.snapshot(as_of.date);
        let held = |name: &String| need.figures.as_ref().is_none_or(|names| names.contains(name));
        for name in names.iter().filter(|name| held(name)) {
            // Evaluated alone, name by name, through the one function a
            // unit's figure and a headline figure go through.
            let alone = headline
                .figure(&site.data, &snapshot, name, as_of, &locale)
                .map(|f| headline.present(f, name, Some(2), &site.data, &locale));
            assert_eq!(moments.metric(as_of, name, Some(2)), alone, "{name} at {as_of:?}");
        }
    }
    let error = moments.metric(AsOf::latest(&site.data), "problems.close_rat", None).unwrap_err();
    assert!(error.contains("did you mean `problems.close_rate`"), "{error}");
}

#[test]
fn only_moments_whose_text_may_list_projects_hold_rows_and_rows_share_views() {
    let site = example();
    let moments = moments_of(&site, None);
    let latest = AsOf::latest(&site.data);
    let with_rows: Vec<AsOf> = (moments.by_as_of.iter())
        .filter(|(_, moment)| moment.projects.is_some())
        .map(|(as_of, _)| *as_of)
        .collect();
    assert!(with_rows.contains(&latest));
    // The example's bulletin of 2013-07-08 lists projects: its moment, and
    // no moment that only a period or a text without a table asks for.
    let listing: Vec<AsOf> = (site.briefings.iter())
        .filter(|b| b.body.contains("{{ projects("))
        .map(|b| AsOf::for_briefing(&site.data, b.as_of, b.date))
        .collect();
    assert!(!listing.is_empty());
    let mut expected = listing.clone();
    expected.push(latest);
    assert!(with_rows.iter().all(|as_of| expected.contains(as_of)), "{with_rows:?}");
    let table = moments.project_table(listing[0], Some("food"), None, None).expect("a table");
    assert!(!table.projects.is_empty());
    assert_eq!(table.counts.count, table.projects.len());
    // A period no text lists projects at has no table: asking is an error,
    // not an empty table.
    let bare = (moments.by_as_of.keys())
        .find(|as_of| !expected.contains(as_of))
        .expect("a moment without tables");
    assert!(moments.project_table(*bare, None, None, None).is_err());
    // A project whose updates are the same at two moments has one view.
    let rows = |as_of: &AsOf| moments.by_as_of[as_of].projects.as_ref().expect("rows");
    let (first, last) = (rows(&listing[0]), rows(&latest));
    let shared = first.iter().filter(|a| last.iter().any(|b| Arc::ptr_eq(&a.view, &b.view))).count();
    let same_updates = first
        .iter()
        .filter(|a| {
            let project = &site.data.projects.records[a.record];
            !project.updates.iter().any(|u| u.date > listing[0].date && u.date <= latest.date)
        })
        .count();
    assert_eq!(shared, same_updates);
    assert!(shared > 0);
    // The latest moment's tables show the project pages' own views.
    let derived = crate::derive::derive(&site).expect("derive");
    let latest_rows = derived.moments.by_as_of[&latest].projects.as_ref().expect("rows");
    assert!(!latest_rows.is_empty());
    for row in latest_rows {
        assert!(Arc::ptr_eq(&row.view, &derived.views.projects[row.record]));
    }
}

#[test]
fn what_a_text_calls_is_what_its_moment_holds() {
    let mut need = Need::nothing();
    let mut seen = std::collections::HashSet::new();
    need.add_calls_of(
        "见[项目](/projects/p1/)，{{ metric(name=\"projects.count\") }}\n`{{ chart(id=\"in-code\") }}`\n",
        &mut seen,
    );
    assert!(!need.tables && !need.scores);
    need.add_calls_of(
        "前言\n\n{{ projects (industry=\"food\") }}\n\n{{ chart(id=\"output-growth\") }}{{ units() }}\n",
        &mut seen,
    );
    assert!(need.tables && need.scores);
    // A call in a code span is among the calls written: more than the page
    // evaluates, never fewer.
    let charts = need.charts.clone().expect("some charts");
    assert_eq!(charts.into_iter().collect::<Vec<_>>(), ["in-code", "output-growth"]);
    let figures = need.figures.clone().expect("some figures");
    assert_eq!(figures.into_iter().collect::<Vec<_>>(), ["projects.count"]);
    assert!(Need::all().covers(&need) && !need.covers(&Need::all()));
    let site = example();
    let moments = moments_of(&site, None);
    let latest = &moments.by_as_of[&AsOf::latest(&site.data)];
    for id in crate::derive::charts::all_ids(&site.data) {
        assert!(latest.chart(&id).is_some(), "{id} at the latest moment");
    }
    // A briefing's moment holds the charts its text calls.
    for briefing in &site.briefings {
        let moment = &moments.by_as_of[&AsOf::for_briefing(&site.data, briefing.as_of, briefing.date)];
        for call in crate::load::shortcodes::calls_in(&briefing.body)
            .0
            .iter()
            .filter(|c| c.name == "chart")
        {
            if let Some(crate::load::shortcodes::Arg::Str(id)) = call.arg("id") {
                assert!(moment.chart(id).is_some(), "{id} in {}", briefing.path);
            }
        }
    }
}

#[test]
fn serve_reuses_the_moments_of_the_same_inputs() {
    let site = example();
    let mut cache = MomentsCache::default();
    let first = moments_of(&site, Some(&mut cache));
    let again = moments_of(&site, Some(&mut cache));
    for (as_of, moment) in &first.by_as_of {
        assert!(Arc::ptr_eq(moment, &again.by_as_of[as_of]), "{as_of:?} computed again");
    }
    // Other headline inputs: every moment is computed anew.
    let mut masked = site.clone();
    masked.headline_placeholders = true;
    let other = moments_of(&masked, Some(&mut cache));
    assert!(
        first
            .by_as_of
            .iter()
            .all(|(as_of, moment)| !Arc::ptr_eq(moment, &other.by_as_of[as_of]))
    );
    let name = "problems.raised";
    assert_eq!(
        other.metric(AsOf::latest(&site.data), name, None).map(|f| f.text).as_deref(),
        Ok("[headline]")
    );
}
