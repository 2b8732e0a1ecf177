//! The programme data as typed records, one struct per YAML file of
//! `content/data/` (schema in DESIGN.md, "Data").

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::calendar::{Date, Period};

/// `industries.yaml`
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Industry {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub color: Option<String>,
}

/// `units.yaml`: a county department or town.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Unit {
    pub(crate) id: String,
    pub(crate) name: String,
}

/// `enterprises.yaml`
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Enterprise {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) industry: String,
    #[serde(default)]
    pub(crate) key: bool,
    #[serde(default)]
    pub(crate) leader: Option<String>,
    pub(crate) lead_unit: String,
    pub(crate) units: Vec<String>,
    #[serde(default)]
    pub(crate) contact: Option<String>,
    /// Only in the internal edition.
    #[serde(default)]
    pub(crate) internal: bool,
}

/// Where a project stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Status {
    Planned,
    Started,
    Built,
    Producing,
}

impl Status {
    pub(crate) const ALL: [Status; 4] = [Status::Planned, Status::Started, Status::Built, Status::Producing];

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::Started => "started",
            Status::Built => "built",
            Status::Producing => "producing",
        }
    }

    pub(crate) fn parse(text: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// One dated step of a project.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProjectUpdate {
    pub(crate) date: Date,
    pub(crate) status: Status,
    #[serde(default)]
    pub(crate) note: Option<String>,
}

/// `projects.yaml`
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Project {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) industry: String,
    #[serde(default)]
    pub(crate) enterprise: Option<String>,
    /// Planned investment in 万元.
    pub(crate) investment: f64,
    #[serde(default)]
    pub(crate) location: Option<String>,
    pub(crate) updates: Vec<ProjectUpdate>,
    /// Only in the internal edition.
    #[serde(default)]
    pub(crate) internal: bool,
}

impl Project {
    /// Status at `date`: the last update on or before it.
    pub(crate) fn status_at(&self, date: Date) -> Option<Status> {
        self.updates
            .iter()
            .filter(|u| u.date <= date)
            .max_by_key(|u| u.date)
            .map(|u| u.status)
    }
}

/// State of a problem in the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum ProblemStatus {
    Open,
    Closed,
    Extended,
}

/// How a problem counts at a given date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum ProblemState {
    Open,
    Extended,
    Closed,
}

impl ProblemState {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            ProblemState::Open => "open",
            ProblemState::Extended => "extended",
            ProblemState::Closed => "closed",
        }
    }
}

/// `problems.yaml`
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Problem {
    pub(crate) id: String,
    pub(crate) enterprise: String,
    pub(crate) raised: Date,
    pub(crate) summary: String,
    #[serde(default)]
    pub(crate) key: bool,
    pub(crate) units: Vec<String>,
    pub(crate) status: ProblemStatus,
    #[serde(default)]
    pub(crate) closed: Option<Date>,
    /// The day the extension was granted (延期); it stays when the problem
    /// is later closed, so that the problem counts as extended from then
    /// until it is closed.
    #[serde(default)]
    pub(crate) extended: Option<Date>,
    /// Only in the internal edition.
    #[serde(default)]
    pub(crate) internal: bool,
}

impl Problem {
    /// How the problem counts at `date`, or `None` before it was raised:
    /// closed once `closed` is on or before it, else extended once the
    /// extension is ([`Problem::extended_from`]), else open. Only dated
    /// facts decide, so a later closure or extension never changes how
    /// the problem counted at an earlier date.
    pub(crate) fn state_at(&self, date: Date) -> Option<ProblemState> {
        if self.raised > date {
            return None;
        }
        if self.status == ProblemStatus::Closed && self.closed.is_some_and(|c| c <= date) {
            return Some(ProblemState::Closed);
        }
        if self.extended_from().is_some_and(|e| e <= date) {
            return Some(ProblemState::Extended);
        }
        Some(ProblemState::Open)
    }

    /// The day from which the problem counts as extended: the day the
    /// extension was granted, or — for a status `extended` typed without
    /// that date, which validation warns about — the day it was raised.
    pub(crate) fn extended_from(&self) -> Option<Date> {
        self.extended.or((self.status == ProblemStatus::Extended).then_some(self.raised))
    }
}

/// Days a problem may stay open before it is overdue, by warning level
/// (site.yaml `supervision: {blue, yellow, red}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Limits {
    #[serde(default = "default_blue")]
    pub(crate) blue: u32,
    #[serde(default = "default_yellow")]
    pub(crate) yellow: u32,
    #[serde(default = "default_red")]
    pub(crate) red: u32,
}

fn default_blue() -> u32 {
    30
}
fn default_yellow() -> u32 {
    60
}
fn default_red() -> u32 {
    90
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            blue: default_blue(),
            yellow: default_yellow(),
            red: default_red(),
        }
    }
}

/// One visit to an enterprise (入企帮扶), from `visits.yaml`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Visit {
    pub(crate) date: Date,
    pub(crate) enterprise: String,
    /// The units that took part.
    pub(crate) units: Vec<String>,
    /// A county leader took part.
    #[serde(default)]
    pub(crate) leader: bool,
    #[serde(default)]
    pub(crate) note: Option<String>,
    /// Only in the internal edition.
    #[serde(default)]
    pub(crate) internal: bool,
}

/// An assistance plan (帮扶方案) a unit filed for an enterprise, from
/// `plans.yaml`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Plan {
    pub(crate) unit: String,
    pub(crate) enterprise: String,
    pub(crate) filed: Date,
    /// Only in the internal edition.
    #[serde(default)]
    pub(crate) internal: bool,
}

/// `tallies.yaml`: counts an office states for a period instead of (or
/// besides) keeping every record.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Tally {
    pub(crate) period: Period,
    #[serde(default)]
    pub(crate) problems: Option<TallyCounts>,
    #[serde(default)]
    pub(crate) key_problems: Option<TallyCounts>,
}

/// Stated counts of problems.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TallyCounts {
    pub(crate) raised: usize,
    pub(crate) closed: usize,
    /// Problems granted an extension; unknown (not zero) when not stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) extended: Option<usize>,
    /// The close rate the office states, in percent (`74`, or `74%`):
    /// shown in place of closed ÷ raised, like a stated growth.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "percent")]
    pub(crate) close_rate: Option<f64>,
}

/// A stated rate: a number (`74`) or a number with a percent sign
/// (`74%`, `74％`), as offices type it.
fn percent<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Typed {
        Number(f64),
        Text(String),
    }
    match Typed::deserialize(deserializer)? {
        Typed::Number(n) => Ok(Some(n)),
        Typed::Text(text) => {
            let trimmed = text.trim();
            trimmed
                .strip_suffix(['%', '％'])
                .unwrap_or(trimmed)
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .map(Some)
                .ok_or_else(|| serde::de::Error::custom(format!("`{text}` is not a rate: type it in percent, e.g. 74 or 74%")))
        }
    }
}

/// Values of one measure in one period: `total` and industry ids.
pub(crate) type Breakdown = BTreeMap<String, f64>;

/// One period of `output.yaml`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OutputPeriod {
    pub period: Period,
    #[serde(default)]
    pub gross_output: Breakdown,
    #[serde(default)]
    pub value_added: Breakdown,
    #[serde(default)]
    pub gross_output_yoy: Breakdown,
    #[serde(default)]
    pub value_added_yoy: Breakdown,
}

/// `output.yaml`
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Output {
    #[serde(default = "default_unit")]
    pub(crate) unit: String,
    #[serde(default)]
    pub periods: Vec<OutputPeriod>,
}

impl Default for Output {
    fn default() -> Self {
        Output {
            unit: default_unit(),
            periods: Vec::new(),
        }
    }
}

fn default_unit() -> String {
    "亿元".to_string()
}

/// The two measures of `output.yaml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) enum Measure {
    GrossOutput,
    ValueAdded,
}

impl Measure {
    pub(crate) const ALL: [Measure; 2] = [Measure::GrossOutput, Measure::ValueAdded];

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Measure::GrossOutput => "gross_output",
            Measure::ValueAdded => "value_added",
        }
    }

    pub(crate) fn parse(text: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.as_str() == text)
    }

    pub(crate) fn values(self, period: &OutputPeriod) -> &Breakdown {
        match self {
            Measure::GrossOutput => &period.gross_output,
            Measure::ValueAdded => &period.value_added,
        }
    }

    pub(crate) fn stated_yoy(self, period: &OutputPeriod) -> &Breakdown {
        match self {
            Measure::GrossOutput => &period.gross_output_yoy,
            Measure::ValueAdded => &period.value_added_yoy,
        }
    }

    /// Chinese name: 规模工业总产值 / 工业增加值.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Measure::GrossOutput => "规模工业总产值",
            Measure::ValueAdded => "工业增加值",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn project_status_is_the_last_update_on_or_before_the_date() {
        let project = Project {
            id: "p".into(),
            name: "p".into(),
            industry: "food".into(),
            enterprise: None,
            investment: 1.0,
            location: None,
            updates: vec![
                ProjectUpdate {
                    date: date("2013-02-01"),
                    status: Status::Started,
                    note: None,
                },
                ProjectUpdate {
                    date: date("2012-05-01"),
                    status: Status::Planned,
                    note: None,
                },
                ProjectUpdate {
                    date: date("2013-06-30"),
                    status: Status::Producing,
                    note: None,
                },
            ],
            internal: false,
        };
        assert_eq!(project.status_at(date("2012-04-30")), None);
        assert_eq!(project.status_at(date("2012-05-01")), Some(Status::Planned));
        assert_eq!(project.status_at(date("2013-06-29")), Some(Status::Started));
        assert_eq!(project.status_at(date("2013-06-30")), Some(Status::Producing));
    }

    #[test]
    fn problem_state_follows_the_contract() {
        let mut problem = Problem {
            id: "x".into(),
            enterprise: "e".into(),
            raised: date("2013-03-01"),
            summary: String::new(),
            key: true,
            units: vec![],
            status: ProblemStatus::Closed,
            closed: Some(date("2013-05-10")),
            extended: None,
            internal: false,
        };
        assert_eq!(problem.state_at(date("2013-02-28")), None);
        assert_eq!(problem.state_at(date("2013-03-01")), Some(ProblemState::Open));
        assert_eq!(problem.state_at(date("2013-05-10")), Some(ProblemState::Closed));
        problem.status = ProblemStatus::Extended;
        problem.closed = None;
        assert_eq!(problem.state_at(date("2013-03-02")), Some(ProblemState::Extended));
    }

    fn extended_problem() -> Problem {
        Problem {
            id: "x".into(),
            enterprise: "e".into(),
            raised: date("2013-04-08"),
            summary: String::new(),
            key: true,
            units: vec![],
            status: ProblemStatus::Extended,
            closed: None,
            extended: Some(date("2013-05-02")),
            internal: false,
        }
    }

    #[test]
    fn an_extension_counts_from_the_day_it_was_granted() {
        let problem = extended_problem();
        assert_eq!(problem.state_at(date("2013-04-07")), None);
        assert_eq!(problem.state_at(date("2013-04-30")), Some(ProblemState::Open));
        assert_eq!(problem.state_at(date("2013-05-01")), Some(ProblemState::Open));
        assert_eq!(problem.state_at(date("2013-05-02")), Some(ProblemState::Extended));
        assert_eq!(problem.state_at(date("2013-07-31")), Some(ProblemState::Extended));
    }

    #[test]
    fn closing_an_extended_problem_leaves_its_past_as_it_was() {
        // The bulletin of 05-10 counted it extended; closed on 07-30, it
        // is still extended at 05-10 and closed from 07-30 on.
        let mut problem = extended_problem();
        problem.status = ProblemStatus::Closed;
        problem.closed = Some(date("2013-07-30"));
        assert_eq!(problem.state_at(date("2013-04-30")), Some(ProblemState::Open));
        assert_eq!(problem.state_at(date("2013-05-10")), Some(ProblemState::Extended));
        assert_eq!(problem.state_at(date("2013-07-29")), Some(ProblemState::Extended));
        assert_eq!(problem.state_at(date("2013-07-30")), Some(ProblemState::Closed));
        assert_eq!(problem.state_at(date("2013-07-31")), Some(ProblemState::Closed));
    }

    #[test]
    fn an_extension_without_its_date_counts_from_the_day_raised() {
        let mut problem = extended_problem();
        problem.extended = None;
        assert_eq!(problem.extended_from(), Some(date("2013-04-08")));
        assert_eq!(problem.state_at(date("2013-04-08")), Some(ProblemState::Extended));
        // Closed, it has no extension left to count.
        problem.status = ProblemStatus::Closed;
        problem.closed = Some(date("2013-07-30"));
        assert_eq!(problem.extended_from(), None);
        assert_eq!(problem.state_at(date("2013-05-10")), Some(ProblemState::Open));
    }
}
