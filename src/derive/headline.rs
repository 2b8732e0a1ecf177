//! Headline figures: the site-wide totals of the programme, which count
//! every record, internal ones included, in both editions — so that the
//! public edition reports the figures the office reports, and agrees with
//! the internal one. They are the metrics `problems.{raised, closed,
//! extended, open, close_rate, overdue, overdue.<level>}` and their
//! `problems.key.*` forms, `projects.{count, <status>, begun, investment}`,
//! `visits.{count, joint}`, `plans.{filed, missing, units_missing}`,
//! `enterprises.key` and `briefings.bulletins` (an internal bulletin's
//! number is no secret once a later one is out: the gap tells), with
//! their `.year` forms, wherever they are shown: the `metric` shortcode and the templates' `metric()`, the
//! dashboard's cards, and the count lines above the register, the project
//! board and the overdue problems. This module is the one place that
//! reads the data in full; every other figure (per enterprise, unit,
//! industry, month or status, every chart and table) is a breakdown,
//! computed from the edition's records only (see `validate::edition`).
//!
//! In the public edition it also writes the notes that say what a public
//! list leaves out: how many of a headline count are internal (a headline
//! figure too), and that a list stating an absence (未入企, 未报方案) is
//! drawn from the public records.
//!
//! For the difference test (`tests/edition_difference.rs`) every headline
//! figure and note can be written as one fixed placeholder: the public
//! edition of a site with an internal record and of the site without it
//! must then be the same, byte for byte.

use std::sync::Arc;

use serde::Serialize;

use crate::calendar::Date;
use crate::derive::counts::ProblemFigures;
use crate::derive::figures::{self, AsOf, Figure, ProjectCounts, Snapshot, programme_problems, stated_problems};
use crate::derive::format;
use crate::derive::locale::Locale;
use crate::derive::supervision::{self, Overdue};
use crate::load::data::Data;
use crate::load::{Issued, Site};

/// What a masked headline figure or note is written as.
pub(crate) const PLACEHOLDER: &str = "[headline]";

/// The headline figures of a site, from its data in full.
#[derive(Debug, Clone, Default)]
pub(crate) struct Headline {
    /// Every record, internal ones included.
    full: Arc<Data>,
    /// Every bulletin issued, internal ones included.
    issued: Arc<Vec<Issued>>,
    /// The edition leaves internal records out (the public one): its
    /// lists say so.
    withholds: bool,
    /// Every headline figure and note written as [`PLACEHOLDER`].
    masked: bool,
}

/// Problem counts as the dashboard and the register show them; a count
/// the tallies of the month do not state is nothing (not zero).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ProblemTotals {
    pub(crate) raised: String,
    pub(crate) closed: String,
    pub(crate) extended: Option<String>,
    pub(crate) open: Option<String>,
    pub(crate) close_rate: String,
    /// The counts are those stated in `tallies.yaml` (据统计报表).
    pub(crate) stated: bool,
}

/// Project counts as the dashboard and the project board show them.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ProjectTotals {
    pub(crate) count: String,
    pub(crate) planned: String,
    pub(crate) started: String,
    pub(crate) built: String,
    pub(crate) producing: String,
    pub(crate) investment_text: String,
}

/// The counts of /supervision/: overdue problems by level, visits.
#[derive(Debug, Clone, Serialize)]
/// Nothing where the site keeps no register (or no visit log): those
/// figures are unknown, not zero.
pub(crate) struct SupervisionTotals {
    pub(crate) overdue_blue: Option<String>,
    pub(crate) overdue_yellow: Option<String>,
    pub(crate) overdue_red: Option<String>,
    pub(crate) visits: Option<String>,
    pub(crate) joint_visits: Option<String>,
}

/// What the public edition's lists say they leave out (empty when nothing
/// is left out, and always in the internal edition).
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Notes {
    /// Under the register's heading: how many problems are not listed.
    pub(crate) register: String,
    /// After the project board's count: how many projects are not shown.
    pub(crate) board: String,
    /// Under the overdue counts of /supervision/.
    pub(crate) overdue: String,
    /// On lists of plans not filed.
    pub(crate) plans: String,
    /// On what is said of visits (最近入企, 未入企单位, not visited lately).
    pub(crate) visits: String,
    /// On the units' scorecards.
    pub(crate) scores: String,
    /// On charts of problems.
    pub(crate) problems_chart: String,
    /// On charts of projects.
    pub(crate) projects_chart: String,
}

/// How many internal records of each kind a headline count holds.
#[derive(Debug, Clone, Copy, Default)]
struct Withheld {
    problems: usize,
    overdue: usize,
    projects: usize,
    visits: usize,
    plans: usize,
}

impl Headline {
    /// The headline figures of `site`: from its data in full, for the
    /// edition it is.
    pub(crate) fn of(site: &Site) -> Headline {
        Headline {
            full: site.full.clone(),
            issued: site.issued.clone(),
            withholds: !site.internal_edition,
            masked: site.headline_placeholders,
        }
    }

    /// Whether the metric `name` is a headline figure: the programme's
    /// problems, projects, visits, plans, key enterprises and bulletins
    /// (not output, which has no internal records, nor a unit's figures,
    /// which are a breakdown).
    pub(crate) fn is_headline(name: &str) -> bool {
        matches!(
            name.split('.').next(),
            Some("problems" | "projects" | "visits" | "plans" | "enterprises" | "briefings")
        )
    }

    /// The counts of the programme at `date`, from every record.
    pub(crate) fn snapshot(&self, date: Date) -> Snapshot {
        Snapshot::at(&self.full, date)
    }

    fn text(&self, text: String) -> String {
        if self.masked { PLACEHOLDER.to_string() } else { text }
    }

    /// The metric `name` as of `as_of` as computed, before it is written
    /// with other decimals or masked: a headline figure from every record
    /// (its counts those of `snapshot`, taken at `as_of` from the data in
    /// full), any other from `public`.
    pub(crate) fn figure(&self, public: &Data, snapshot: &Snapshot, name: &str, as_of: AsOf, locale: &Locale) -> Result<Figure, String> {
        let headline = Headline::is_headline(name);
        let data = if headline { &*self.full } else { public };
        // Only a headline figure reads the counts of the programme and the
        // bulletins issued.
        let issued: &[Issued] = if headline { &self.issued } else { &[] };
        figures::metric_with(data, snapshot, issued, name, as_of, locale)
    }

    /// `figure`, the metric `name`, as shown: with `digits` decimals if
    /// asked, and as the placeholder when headline figures are masked.
    /// Only the output's unit is read from `public` (it has no internal
    /// records).
    pub(crate) fn present(&self, figure: Figure, name: &str, digits: Option<usize>, public: &Data, locale: &Locale) -> Figure {
        let figure = match digits {
            Some(digits) => figure.with_digits(digits, public, locale),
            None => figure,
        };
        if self.masked && Headline::is_headline(name) {
            figure.placeholder(PLACEHOLDER)
        } else {
            figure
        }
    }

    /// The programme's problem counts at `date` (key problems only when
    /// `key`).
    /// Nothing without a register or counts stated for the moment: the
    /// figures are unknown, not zero.
    pub(crate) fn problems(&self, date: Date, key: bool) -> Option<ProblemTotals> {
        let full = &*self.full;
        if !full.problems.found() && stated_problems(full, date, key).is_none() {
            return None;
        }
        let counts: ProblemFigures = programme_problems(full, date, key);
        Some(ProblemTotals {
            raised: self.text(counts.raised.to_string()),
            closed: self.text(counts.closed.to_string()),
            extended: counts.extended.map(|n| self.text(n.to_string())),
            open: counts.open.map(|n| self.text(n.to_string())),
            close_rate: self.text(counts.close_rate.map_or_else(|| "—".to_string(), format::percent)),
            stated: counts.stated,
        })
    }

    /// The programme's project counts at `date`.
    /// Nothing without a project list.
    pub(crate) fn projects(&self, date: Date, locale: &Locale) -> Option<ProjectTotals> {
        if !self.full.projects.found() {
            return None;
        }
        let counts = ProjectCounts::at(&self.full.projects.records, date);
        Some(ProjectTotals {
            count: self.text(counts.count.to_string()),
            planned: self.text(counts.planned.to_string()),
            started: self.text(counts.started.to_string()),
            built: self.text(counts.built.to_string()),
            producing: self.text(counts.producing.to_string()),
            investment_text: self.text(locale.investment_total(counts.investment)),
        })
    }

    /// The overdue problems and the visits of the programme at `date`.
    pub(crate) fn supervision(&self, date: Date) -> SupervisionTotals {
        let full = &*self.full;
        let overdue = Overdue::at(&full.problems.records, date, full.limits);
        let visits = supervision::visits_at(full, date, None);
        let registered = |n: usize| full.problems.found().then(|| self.text(n.to_string()));
        let logged = |n: usize| full.visits.found().then(|| self.text(n.to_string()));
        SupervisionTotals {
            overdue_blue: registered(overdue.blue),
            overdue_yellow: registered(overdue.yellow),
            overdue_red: registered(overdue.red),
            visits: logged(visits.count),
            joint_visits: logged(visits.joint),
        }
    }

    /// The internal records among the headline counts at `date`.
    fn withheld(&self, date: Date) -> Withheld {
        let full = &*self.full;
        let problems = full.problems.records.iter().filter(|p| p.internal);
        Withheld {
            problems: problems.clone().filter(|p| p.state_at(date).is_some()).count(),
            overdue: problems.filter(|p| supervision::level(p, date, full.limits).is_some()).count(),
            projects: (full.projects.records.iter())
                .filter(|p| p.internal && p.status_at(date).is_some())
                .count(),
            visits: full.visits.records.iter().filter(|v| v.internal && v.date <= date).count(),
            plans: full.plans.records.iter().filter(|p| p.internal && p.filed <= date).count(),
        }
    }

    /// What the lists of the edition leave out, at `date`; `shown` is the
    /// number of problems the register lists.
    pub(crate) fn notes(&self, shown: usize, date: Date, locale: &Locale) -> Notes {
        if !self.withholds {
            return Notes::default();
        }
        if self.masked {
            let all = || PLACEHOLDER.to_string();
            return Notes {
                register: all(),
                board: all(),
                overdue: all(),
                plans: all(),
                visits: all(),
                scores: all(),
                problems_chart: all(),
                projects_chart: all(),
            };
        }
        let withheld = self.withheld(date);
        let when = |n: usize, key: &str, default: &str, args: &[(&str, &str)]| {
            if n > 0 { locale.fill(key, default, args) } else { String::new() }
        };
        let count = |n: usize| n.to_string();
        let public_basis = |n: usize| when(n, "note_public_basis", "据公开资料统计，内部资料未计入。", &[]);
        Notes {
            register: when(
                withheld.problems,
                "note_register_withheld",
                "共{total}个问题，其中{withheld}个为内部资料，未列出。",
                &[
                    ("total", &count(shown + withheld.problems)),
                    ("withheld", &count(withheld.problems)),
                ],
            ),
            board: when(
                withheld.projects,
                "note_board_withheld",
                "其中{withheld}个为内部资料，未列出。",
                &[("withheld", &count(withheld.projects))],
            ),
            overdue: when(
                withheld.overdue,
                "note_overdue_withheld",
                "超期问题中有{withheld}个为内部资料，未列出。",
                &[("withheld", &count(withheld.overdue))],
            ),
            plans: when(
                withheld.plans,
                "note_plans_public",
                "本名单依据公开资料整理，内部资料中的帮扶方案未计入。",
                &[],
            ),
            visits: when(
                withheld.visits,
                "note_visits_public",
                "入企情况依据公开资料整理，内部资料中的入企记录未计入。",
                &[],
            ),
            scores: public_basis(withheld.problems + withheld.visits + withheld.plans),
            problems_chart: public_basis(withheld.problems),
            projects_chart: public_basis(withheld.projects),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::edition::filtered;

    const UNITS: &str = "- {id: water, name: 县水务局}\n- {id: land, name: 县国土资源局}\n";
    const ENTERPRISES: &str = "- {id: tiande, name: 天德, industry: m, lead_unit: water, units: [water, land]}\n";
    const PROBLEMS: &str = "- {id: p1, enterprise: tiande, raised: 2013-03-01, summary: a, units: [water], status: closed, closed: 2013-03-11}\n\
        - {id: p2, enterprise: tiande, raised: 2013-03-05, summary: b, key: true, units: [water], status: open, internal: true}\n";
    const VISITS: &str = "- {date: 2013-03-05, enterprise: tiande, units: [water]}\n\
        - {date: 2013-04-10, enterprise: tiande, units: [land], internal: true}\n";
    const PLANS: &str = "- {unit: water, enterprise: tiande, filed: 2013-03-20, internal: true}\n";
    const PROJECTS: &str = "- {id: x, name: 厂房, industry: m, investment: 5000, updates: [{date: 2013-01-05, status: started}]}\n";

    /// The data in full, and its public copy.
    fn data() -> (Arc<Data>, Data) {
        let mut problems = Vec::new();
        let full = crate::load::data::parse_named(
            &crate::load::data::present(&[
                ("units", UNITS),
                ("enterprises", ENTERPRISES),
                ("projects", PROJECTS),
                ("problems", PROBLEMS),
                ("visits", VISITS),
                ("plans", PLANS),
            ]),
            &mut problems,
        );
        assert!(problems.is_empty(), "{problems:?}");
        let public = filtered(&full, |_, _, record| !record.internal());
        (Arc::new(full), public)
    }

    impl Headline {
        /// The metric `name` as of `as_of` (with `digits` decimals), as a
        /// moment holds it and shows it.
        fn metric(&self, public: &Data, name: &str, digits: Option<usize>, as_of: AsOf, locale: &Locale) -> Result<Figure, String> {
            let figure = self.figure(public, &self.snapshot(as_of.date), name, as_of, locale)?;
            Ok(self.present(figure, name, digits, public, locale))
        }
    }

    fn headline(full: &Arc<Data>, withholds: bool, masked: bool) -> Headline {
        Headline {
            full: full.clone(),
            issued: Arc::default(),
            withholds,
            masked,
        }
    }

    fn zh() -> Locale {
        Locale::builtin(crate::load::Language::ZhCn)
    }

    fn day(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn site_wide_figures_count_every_record_and_a_unit_the_public_ones() {
        let (full, public) = data();
        let headline = headline(&full, true, false);
        let as_of = AsOf {
            period: None,
            date: day("2013-06-30"),
        };
        let text = |name: &str| headline.metric(&public, name, None, as_of, &zh()).unwrap().text;
        assert_eq!(text("problems.raised"), "2");
        assert_eq!(text("problems.key.open"), "1");
        assert_eq!(text("problems.overdue"), "1");
        assert_eq!(text("visits.count"), "2");
        assert_eq!(text("plans.filed"), "1");
        // A unit's figures are a breakdown: the internal problem, visit
        // and plan are not in them.
        assert_eq!(text("units.water.raised"), "1");
        assert_eq!(text("units.water.close_rate"), "100.0%");
        assert_eq!(text("units.water.plans_missing"), "1");
        assert_eq!(text("units.land.visits"), "0");
        let totals = headline.problems(day("2013-06-30"), false).expect("a register");
        assert_eq!((totals.raised.as_str(), totals.close_rate.as_str()), ("2", "50.0%"));
        assert_eq!(headline.supervision(day("2013-06-30")).visits.as_deref(), Some("2"));
    }

    #[test]
    fn masked_headline_figures_are_one_placeholder_and_the_rest_stays() {
        let (full, public) = data();
        let headline = headline(&full, true, true);
        let as_of = AsOf {
            period: None,
            date: day("2013-06-30"),
        };
        let figure = |name: &str, digits| headline.metric(&public, name, digits, as_of, &zh()).unwrap().text;
        assert_eq!(figure("problems.close_rate", Some(2)), PLACEHOLDER);
        assert_eq!(figure("plans.missing", None), PLACEHOLDER);
        assert_eq!(figure("units.water.raised", None), "1");
        assert_eq!(headline.problems(day("2013-06-30"), true).expect("a register").raised, PLACEHOLDER);
        assert_eq!(
            headline.projects(day("2013-06-30"), &zh()).expect("a project list").investment_text,
            PLACEHOLDER
        );
        let notes = headline.notes(1, day("2013-06-30"), &zh());
        assert_eq!((notes.register.as_str(), notes.projects_chart.as_str()), (PLACEHOLDER, PLACEHOLDER));
    }

    #[test]
    fn notes_say_what_the_public_lists_leave_out() {
        let (full, _) = data();
        let notes = headline(&full, true, false).notes(1, day("2013-06-30"), &zh());
        assert_eq!(notes.register, "共2个问题，其中1个为内部资料，未列出。");
        assert_eq!(notes.overdue, "超期问题中有1个为内部资料，未列出。");
        assert!(notes.plans.contains("依据公开资料"), "{}", notes.plans);
        assert!(notes.visits.contains("依据公开资料"), "{}", notes.visits);
        assert!(!notes.scores.is_empty() && !notes.problems_chart.is_empty());
        assert_eq!(notes.board, "", "no project is internal");
        assert_eq!(notes.projects_chart, "");
        // Before the internal records: nothing left out.
        let early = headline(&full, true, false).notes(1, day("2013-03-02"), &zh());
        assert_eq!((early.register.as_str(), early.visits.as_str(), early.plans.as_str()), ("", "", ""));
        // The internal edition leaves nothing out.
        let internal = headline(&full, false, false).notes(2, day("2013-06-30"), &zh());
        assert_eq!(internal.register, "");
        assert_eq!(internal.visits, "");
    }

    #[test]
    fn headline_metrics_are_the_programme_s() {
        for name in [
            "problems.raised",
            "problems.key.overdue.red",
            "projects.investment",
            "visits.joint",
            "plans.missing",
            "projects.begun",
            "plans.units_missing",
            "visits.count.year",
            "enterprises.key",
            "briefings.bulletins",
            "briefings.bulletins.year",
        ] {
            assert!(Headline::is_headline(name), "{name}");
        }
        for name in ["units.water.raised", "output.gross_output.total", "outputs.x"] {
            assert!(!Headline::is_headline(name), "{name}");
        }
    }
}
