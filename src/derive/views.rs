//! The data as templates see it: one serialisable view per industry,
//! enterprise, project, unit and problem, with links both ways and figures
//! as of a moment (the latest data, or a briefing's). Built once per
//! build and shared by all pages.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::calendar::Period;
use crate::derive::figures::{AsOf, ProblemCounts, ProjectCounts, stated_problems};
use crate::derive::headline::{Headline, Notes, ProblemTotals, ProjectTotals};
use crate::derive::locale::Locale;
use crate::derive::scorecard::{self, CareView, LateView, MissingPlanView, ScoreView, SupervisionView};
use crate::derive::{format, growth, supervision};
use crate::load::data::{Data, Measure, Problem, ProblemState, Project, Status};
use crate::routes::Route;

/// A view serialised for templates once, and shared by every page that
/// lists it: Tera takes a value it already has without copying it, so a
/// problem listed on the register, its enterprise and three unit pages is
/// converted once, not five times.
#[derive(Debug, Clone)]
pub(crate) struct Shared(tera::Value);

impl Shared {
    pub(crate) fn of<T: Serialize>(view: &T) -> Shared {
        Shared(tera::Value::from_serializable(view))
    }
}

impl Serialize for Shared {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

/// A named link to a page of the site.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LinkView {
    pub(crate) name: String,
    pub(crate) path: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct UpdateView {
    pub(crate) date: String,
    pub(crate) date_text: String,
    pub(crate) status: &'static str,
    pub(crate) status_name: &'static str,
    pub(crate) note: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ProjectView {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) path: String,
    pub(crate) industry: LinkView,
    pub(crate) enterprise: Option<LinkView>,
    pub(crate) investment: f64,
    pub(crate) investment_text: String,
    pub(crate) location: String,
    /// Status at the as-of date (`none` before the first update).
    pub(crate) status: &'static str,
    pub(crate) status_name: &'static str,
    pub(crate) latest_note: String,
    pub(crate) updates: Vec<UpdateView>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ProblemView {
    pub(crate) id: String,
    pub(crate) summary: String,
    pub(crate) enterprise: LinkView,
    pub(crate) raised: String,
    pub(crate) closed: String,
    /// The day the extension was granted, once it is by the moment (kept
    /// when the problem is closed later).
    pub(crate) extended: String,
    pub(crate) key: bool,
    pub(crate) state: &'static str,
    pub(crate) state_name: &'static str,
    pub(crate) units: Vec<LinkView>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct CountsView {
    pub(crate) raised: usize,
    pub(crate) closed: usize,
    pub(crate) extended: usize,
    pub(crate) open: usize,
    pub(crate) close_rate: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ProjectCountsView {
    pub(crate) count: usize,
    pub(crate) planned: usize,
    pub(crate) started: usize,
    pub(crate) built: usize,
    pub(crate) producing: usize,
    pub(crate) investment_text: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct HelperView {
    pub(crate) name: String,
    pub(crate) path: String,
    pub(crate) lead: bool,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct EnterpriseView {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) path: String,
    pub(crate) industry: LinkView,
    pub(crate) key: bool,
    pub(crate) leader: String,
    pub(crate) lead_unit: LinkView,
    pub(crate) units: Vec<HelperView>,
    pub(crate) contact: String,
    /// Rows of [`ProblemView`].
    pub(crate) problems: Vec<Shared>,
    /// Its problems counted (nothing without a register).
    pub(crate) problem_counts: Option<CountsView>,
    pub(crate) projects: Vec<ProjectView>,
    /// Visits: the last, days since, helpers who never came (nothing
    /// without a visit log).
    pub(crate) care: Option<CareView>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct UnitView {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) path: String,
    pub(crate) leads: Vec<LinkView>,
    pub(crate) helps: Vec<LinkView>,
    /// Rows of [`ProblemView`].
    pub(crate) problems: Vec<Shared>,
    /// Its problems counted (nothing without a register).
    pub(crate) problem_counts: Option<CountsView>,
    /// Its scorecard (visits, plans, problems, lateness).
    pub(crate) score: ScoreView,
    /// Its problems overdue at the views' moment, the longest open first
    /// (nothing without a register).
    pub(crate) late: Option<Vec<LateView>>,
    /// The enterprises it helps without a plan filed (nothing without
    /// plans or enterprises).
    pub(crate) missing_plans: Option<Vec<MissingPlanView>>,
}

/// One period's output figures of one key (total or industry).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct OutputRow {
    pub(crate) period: String,
    pub(crate) period_text: String,
    pub(crate) gross_output: String,
    pub(crate) gross_output_yoy: String,
    pub(crate) value_added: String,
    pub(crate) value_added_yoy: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct IndustryView {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) path: String,
    pub(crate) description: String,
    pub(crate) color: String,
    pub(crate) latest: Option<OutputRow>,
    pub(crate) output: Vec<OutputRow>,
    pub(crate) enterprises: Vec<LinkView>,
    pub(crate) projects: Vec<ProjectView>,
    /// Its projects counted (nothing without a project list).
    pub(crate) project_counts: Option<ProjectCountsView>,
    /// Its enterprises' problems counted (nothing without a register).
    pub(crate) problem_counts: Option<CountsView>,
}

/// Figures of the dashboard.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DashboardView {
    pub(crate) period_text: String,
    pub(crate) date_text: String,
    pub(crate) total: Option<OutputRow>,
    pub(crate) gross_output_yoy_change: String,
    pub(crate) value_added_yoy_change: String,
    /// Headline figures, from every record; nothing without a project
    /// list (or a register or counts stated for the moment).
    pub(crate) projects: Option<ProjectTotals>,
    /// Nothing, too, where the register holds key problems only and no
    /// count is stated for the moment (`register_key_only`): its counts
    /// of all problems are those of key problems, shown once, as such.
    pub(crate) problems: Option<ProblemTotals>,
    pub(crate) key_problems: Option<ProblemTotals>,
    /// The register holds key problems only (every record of the edition
    /// is key), and the moment's counts are the register's.
    pub(crate) register_key_only: bool,
}

/// Every data view of the site.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Views {
    pub(crate) as_of: AsOf,
    pub(crate) dashboard: DashboardView,
    pub(crate) industries: Vec<IndustryView>,
    pub(crate) enterprises: Vec<EnterpriseView>,
    /// Shared with the latest moment's project tables.
    #[serde(serialize_with = "shared_views")]
    pub(crate) projects: Vec<Arc<ProjectView>>,
    pub(crate) units: Vec<UnitView>,
    /// Problems raised by the as-of date, in register order.
    pub(crate) problems: Vec<ProblemView>,
    /// The same problems as template rows.
    pub(crate) problem_rows: Vec<Shared>,
    /// The /supervision/ page.
    pub(crate) supervision: SupervisionView,
    /// What the lists leave out of the headline totals (public edition).
    pub(crate) notes: Notes,
}

/// Serialises shared views as the views themselves.
fn shared_views<S: serde::Serializer>(views: &[Arc<ProjectView>], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(views.iter().map(|view| &**view))
}

/// Builds views from `data`, all as of `as_of`, in the language of
/// `locale`.
pub(crate) struct ViewBuilder<'a> {
    /// The records of the edition: every list, count and breakdown is
    /// made from them.
    pub(crate) data: &'a Data,
    /// The site-wide totals, the only figures that count internal records
    /// too.
    pub(crate) headline: &'a Headline,
    pub(crate) as_of: AsOf,
    pub(crate) locale: &'a Locale,
}

impl ViewBuilder<'_> {
    fn industry_link(&self, id: &str) -> LinkView {
        LinkView {
            name: self.data.industry(id).map_or_else(|| id.to_string(), |i| i.name.clone()),
            path: Route::industry(id).into_path(),
        }
    }
    fn enterprise_link(&self, id: &str) -> LinkView {
        LinkView {
            name: self.data.enterprise(id).map_or_else(|| id.to_string(), |e| e.name.clone()),
            path: Route::enterprise(id).into_path(),
        }
    }
    fn unit_link(&self, id: &str) -> LinkView {
        LinkView {
            name: self.data.unit(id).map_or_else(|| id.to_string(), |u| u.name.clone()),
            path: Route::unit(id).into_path(),
        }
    }

    pub(crate) fn counts(&self, counts: ProblemCounts) -> CountsView {
        CountsView {
            raised: counts.raised,
            closed: counts.closed,
            extended: counts.extended,
            open: counts.open,
            close_rate: counts.close_rate.map_or_else(|| "—".to_string(), format::percent),
        }
    }

    /// `counts` of the register, or nothing when the site keeps none (its
    /// problems are unknown, not zero).
    pub(crate) fn register_counts(&self, counts: ProblemCounts) -> Option<CountsView> {
        self.data.problems.found().then(|| self.counts(counts))
    }

    /// `counts` of the project list, or nothing when the site keeps none.
    pub(crate) fn project_counts(&self, counts: ProjectCounts) -> Option<ProjectCountsView> {
        self.data.projects.found().then(|| self.project_counts_view(counts))
    }

    fn project_counts_view(&self, counts: ProjectCounts) -> ProjectCountsView {
        ProjectCountsView {
            count: counts.count,
            planned: counts.planned,
            started: counts.started,
            built: counts.built,
            producing: counts.producing,
            investment_text: self.locale.investment_total(counts.investment),
        }
    }

    pub(crate) fn project(&self, project: &Project) -> ProjectView {
        let status = project.status_at(self.as_of.date);
        let visible: Vec<_> = project.updates.iter().filter(|u| u.date <= self.as_of.date).collect();
        ProjectView {
            id: project.id.clone(),
            name: project.name.clone(),
            path: Route::project(&project.id).into_path(),
            industry: self.industry_link(&project.industry),
            enterprise: project.enterprise.as_deref().map(|e| self.enterprise_link(e)),
            investment: project.investment,
            investment_text: self.locale.investment(project.investment),
            location: project.location.clone().unwrap_or_default(),
            status: status.map_or("none", Status::as_str),
            status_name: self.locale.status_name(status),
            latest_note: visible.iter().rev().find_map(|u| u.note.clone()).unwrap_or_default(),
            updates: visible
                .iter()
                .map(|u| UpdateView {
                    date: u.date.to_string(),
                    date_text: self.locale.date(u.date),
                    status: u.status.as_str(),
                    status_name: self.locale.status_name(Some(u.status)),
                    note: u.note.clone().unwrap_or_default(),
                })
                .collect(),
        }
    }

    pub(crate) fn problem(&self, problem: &Problem) -> Option<ProblemView> {
        let state = problem.state_at(self.as_of.date)?;
        Some(ProblemView {
            id: problem.id.clone(),
            summary: problem.summary.clone(),
            enterprise: self.enterprise_link(&problem.enterprise),
            raised: self.locale.date(problem.raised),
            closed: match (state, problem.closed) {
                (ProblemState::Closed, Some(date)) => self.locale.date(date),
                _ => String::new(),
            },
            extended: problem
                .extended
                .filter(|date| *date <= self.as_of.date)
                .map_or_else(String::new, |date| self.locale.date(date)),
            key: problem.key,
            state: state.as_str(),
            state_name: self.locale.state_name(state),
            units: problem.units.iter().map(|u| self.unit_link(u)).collect(),
        })
    }

    /// Positions of the problems (of the register) raised by the as-of
    /// date, open and extended first, then by date raised.
    fn register_order(&self, positions: impl Iterator<Item = usize>) -> Vec<usize> {
        let records = &self.data.problems.records;
        let mut rows: Vec<(ProblemState, usize)> = positions
            .filter_map(|i| records[i].state_at(self.as_of.date).map(|s| (s, i)))
            .collect();
        rows.sort_by(|a, b| {
            let (x, y) = (&records[a.1], &records[b.1]);
            a.0.cmp(&b.0).then(y.raised.cmp(&x.raised)).then(x.id.cmp(&y.id))
        });
        rows.into_iter().map(|(_, i)| i).collect()
    }

    fn output_row(&self, key: &str, period: Period) -> Option<OutputRow> {
        let output = &self.data.output.records;
        let amount = |m: Measure| growth::value(output, m, key, period).map(|v| format::amount(v, &output.unit));
        let rate = |m: Measure| growth::yoy(output, m, key, period).map_or_else(|| "—".to_string(), format::percent);
        let gross = amount(Measure::GrossOutput);
        let added = amount(Measure::ValueAdded);
        if gross.is_none() && added.is_none() {
            return None;
        }
        Some(OutputRow {
            period: period.to_string(),
            period_text: self.locale.period(period),
            gross_output: gross.unwrap_or_else(|| "—".to_string()),
            gross_output_yoy: rate(Measure::GrossOutput),
            value_added: added.unwrap_or_else(|| "—".to_string()),
            value_added_yoy: rate(Measure::ValueAdded),
        })
    }

    fn output_rows(&self, key: &str) -> Vec<OutputRow> {
        let periods = growth::periods(&self.data.output.records);
        periods
            .into_iter()
            .rev()
            .filter(|p| self.as_of.period.is_none_or(|latest| *p <= latest))
            .filter_map(|p| self.output_row(key, p))
            .collect()
    }

    /// The view of every project of `projects.yaml`, in its order.
    pub(crate) fn projects(&self) -> Vec<Arc<ProjectView>> {
        self.data.projects.records.par_iter().map(|p| Arc::new(self.project(p))).collect()
    }

    /// All views of the site, with the views of its `projects` made
    /// already ([`ViewBuilder::projects`], shared with the moments).
    pub(crate) fn build_with(&self, projects: Vec<Arc<ProjectView>>) -> Views {
        let data = self.data;
        let date = self.as_of.date;
        // Groupings computed once, so no page scans all records.
        // Problems by position in the register, each viewed once.
        let problem_views: Vec<Option<(ProblemView, Shared)>> = data
            .problems
            .records
            .par_iter()
            .map(|p| {
                self.problem(p).map(|view| {
                    let row = Shared::of(&view);
                    (view, row)
                })
            })
            .collect();
        let rows = |positions: &[usize]| -> Vec<Shared> {
            self.register_order(positions.iter().copied())
                .into_iter()
                .filter_map(|i| problem_views[i].as_ref().map(|(_, row)| row.clone()))
                .collect()
        };
        let mut problems_of_enterprise: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut problems_of_unit: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, problem) in data.problems.records.iter().enumerate() {
            problems_of_enterprise.entry(problem.enterprise.as_str()).or_default().push(i);
            for unit in &problem.units {
                problems_of_unit.entry(unit.as_str()).or_default().push(i);
            }
        }
        let problems = &data.problems.records;
        let no_problems: Vec<usize> = Vec::new();
        let counts_of = |map: &HashMap<&str, Vec<usize>>, key: &str| {
            ProblemCounts::at(map.get(key).unwrap_or(&no_problems).iter().map(|&i| &problems[i]), date)
        };
        let mut projects_of_enterprise: HashMap<&str, Vec<&ProjectView>> = HashMap::new();
        let mut project_views_of_industry: HashMap<&str, Vec<&ProjectView>> = HashMap::new();
        for (project, view) in data.projects.records.iter().zip(&projects) {
            if let Some(enterprise) = &project.enterprise {
                projects_of_enterprise.entry(enterprise.as_str()).or_default().push(view);
            }
            project_views_of_industry.entry(project.industry.as_str()).or_default().push(view);
        }
        let enterprises: Vec<EnterpriseView> = data
            .enterprises
            .records
            .par_iter()
            .map(|e| {
                let own_problems = problems_of_enterprise.get(e.id.as_str()).unwrap_or(&no_problems);
                EnterpriseView {
                    id: e.id.clone(),
                    name: e.name.clone(),
                    path: Route::enterprise(&e.id).into_path(),
                    industry: self.industry_link(&e.industry),
                    key: e.key,
                    leader: e.leader.clone().unwrap_or_default(),
                    lead_unit: self.unit_link(&e.lead_unit),
                    units: e
                        .units
                        .iter()
                        .map(|u| {
                            let link = self.unit_link(u);
                            HelperView {
                                name: link.name,
                                path: link.path,
                                lead: *u == e.lead_unit,
                            }
                        })
                        .collect(),
                    contact: e.contact.clone().unwrap_or_default(),
                    problems: rows(own_problems),
                    problem_counts: self.register_counts(counts_of(&problems_of_enterprise, &e.id)),
                    projects: projects_of_enterprise
                        .get(e.id.as_str())
                        .map(|v| v.iter().map(|p| (*p).clone()).collect())
                        .unwrap_or_default(),
                    care: data.visits.found().then(|| scorecard::care(data, e, date, self.locale)),
                }
            })
            .collect();
        let scores = supervision::unit_scores(data, date);
        let units = (data.units.records.par_iter())
            .zip(&scores)
            .map(|(u, score)| {
                let handled = problems_of_unit.get(u.id.as_str()).unwrap_or(&no_problems);
                UnitView {
                    id: u.id.clone(),
                    name: u.name.clone(),
                    path: Route::unit(&u.id).into_path(),
                    leads: data
                        .enterprises
                        .records
                        .iter()
                        .filter(|e| e.lead_unit == u.id)
                        .map(|e| self.enterprise_link(&e.id))
                        .collect(),
                    helps: data
                        .enterprises
                        .records
                        .iter()
                        .filter(|e| e.lead_unit != u.id && e.units.contains(&u.id))
                        .map(|e| self.enterprise_link(&e.id))
                        .collect(),
                    problems: rows(handled),
                    problem_counts: self.register_counts(counts_of(&problems_of_unit, &u.id)),
                    score: scorecard::view_of(data, score, self.locale),
                    late: data
                        .problems
                        .found()
                        .then(|| scorecard::late_problems(data, handled.iter().map(|&i| &problems[i]), date, self.locale)),
                    missing_plans: scorecard::plans_kept(data).then(|| scorecard::missing_plans(data, date, Some(&u.id))),
                }
            })
            .collect();
        let industries = data
            .industries
            .records
            .iter()
            .map(|i| {
                let own_enterprises: Vec<&str> = data
                    .enterprises
                    .records
                    .iter()
                    .filter(|e| e.industry == i.id)
                    .map(|e| e.id.as_str())
                    .collect();
                let own_projects = data.projects.records.iter().filter(|p| p.industry == i.id);
                let own_problems = own_enterprises
                    .iter()
                    .flat_map(|e| problems_of_enterprise.get(e).into_iter().flatten().map(|&p| &problems[p]));
                IndustryView {
                    id: i.id.clone(),
                    name: i.name.clone(),
                    path: Route::industry(&i.id).into_path(),
                    description: i.description.clone().unwrap_or_default(),
                    color: i.color.clone().unwrap_or_default(),
                    latest: self.as_of.period.and_then(|p| self.output_row(&i.id, p)),
                    output: self.output_rows(&i.id),
                    enterprises: own_enterprises.iter().map(|e| self.enterprise_link(e)).collect(),
                    projects: project_views_of_industry
                        .get(i.id.as_str())
                        .map(|v| v.iter().map(|p| (*p).clone()).collect())
                        .unwrap_or_default(),
                    project_counts: self.project_counts(ProjectCounts::at(own_projects, date)),
                    problem_counts: self.register_counts(ProblemCounts::at(own_problems, date)),
                }
            })
            .collect();
        // The register takes the views themselves: every other list holds
        // its rows already.
        let mut problem_views = problem_views;
        let (problems, problem_rows): (Vec<ProblemView>, Vec<Shared>) = self
            .register_order(0..data.problems.records.len())
            .into_iter()
            .filter_map(|i| problem_views[i].take())
            .unzip();
        // All problems are key problems by construction where the register
        // holds nothing else and the moment's counts are its own (judged by
        // the edition's records, so that an internal record changes no
        // more than the headline figures).
        let register_key_only = !data.problems.records.is_empty()
            && data.problems.records.iter().all(|p| p.key)
            && stated_problems(data, date, false).is_none()
            && stated_problems(data, date, true).is_none();
        let output = &data.output.records;
        let change = |m: Measure| {
            self.as_of
                .period
                .and_then(|p| growth::yoy_change(output, m, "total", p))
                .map_or_else(String::new, |v| self.locale.growth_change(v, 1))
        };
        let dashboard = DashboardView {
            period_text: self.as_of.period.map_or_else(String::new, |p| self.locale.period(p)),
            date_text: self.locale.date(date),
            total: self.as_of.period.and_then(|p| self.output_row("total", p)),
            gross_output_yoy_change: change(Measure::GrossOutput),
            value_added_yoy_change: change(Measure::ValueAdded),
            projects: self.headline.projects(date, self.locale),
            problems: (!register_key_only).then(|| self.headline.problems(date, false)).flatten(),
            key_problems: self.headline.problems(date, true),
            register_key_only,
        };
        let supervision = scorecard::supervision_view(data, self.headline, &enterprises, date, self.locale);
        let notes = self.headline.notes(problems.len(), date, self.locale);
        Views {
            as_of: self.as_of,
            dashboard,
            industries,
            enterprises,
            projects,
            units,
            problems,
            problem_rows,
            supervision,
            notes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Page<T> {
        rows: Vec<T>,
    }

    #[test]
    fn shared_rows_reach_templates_as_the_views_themselves() {
        let view = LinkView {
            name: "县发改局".to_string(),
            path: "/units/fgj/".to_string(),
        };
        let direct = tera::Value::from_serializable(&Page { rows: vec![view.clone()] });
        let shared = tera::Value::from_serializable(&Page {
            rows: vec![Shared::of(&view)],
        });
        assert_eq!(direct, shared);
        let mut tera = tera::Tera::default();
        tera.add_raw_template("t", "{% for r in page.rows %}{{ r.name }} {{ r.path }}{% endfor %}")
            .expect("template");
        let mut context = tera::Context::new();
        context.insert_value("page", shared);
        assert_eq!(tera.render("t", &context).expect("render"), "县发改局 /units/fgj/");
    }
}
