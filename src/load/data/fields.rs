//! The data fields that `internal_fields` in site.yaml may keep out of the
//! public edition, and how each is cleared from a copy of the data.
//! Only texts that describe a record can be internal: ids, names and
//! references hold the site together, and numbers and dates are counted.

use super::Data;

/// A field `internal_fields` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum InternalField {
    IndustryDescription,
    EnterpriseLeader,
    EnterpriseContact,
    ProjectLocation,
    ProjectNote,
    ProblemSummary,
    VisitNote,
}

impl InternalField {
    pub(crate) const ALL: [(InternalField, &'static str); 7] = [
        (InternalField::IndustryDescription, "industries.description"),
        (InternalField::EnterpriseLeader, "enterprises.leader"),
        (InternalField::EnterpriseContact, "enterprises.contact"),
        (InternalField::ProjectLocation, "projects.location"),
        (InternalField::ProjectNote, "projects.updates.note"),
        (InternalField::ProblemSummary, "problems.summary"),
        (InternalField::VisitNote, "visits.note"),
    ];

    /// The field named `name` (`enterprises.contact`), or a hint listing
    /// the fields that can be internal.
    pub(crate) fn parse(name: &str) -> Result<InternalField, String> {
        Self::ALL.iter().find(|(_, n)| *n == name).map(|(f, _)| *f).ok_or_else(|| {
            let names: Vec<&str> = Self::ALL.iter().map(|(_, n)| *n).collect();
            match crate::diagnostics::did_you_mean(name, names.iter().copied()) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("fields that can be internal: {}", names.join(", ")),
            }
        })
    }

    /// Clears this field in every record of `data`.
    pub(crate) fn clear(self, data: &mut Data) {
        match self {
            InternalField::IndustryDescription => data.industries.records.iter_mut().for_each(|r| r.description = None),
            InternalField::EnterpriseLeader => data.enterprises.records.iter_mut().for_each(|r| r.leader = None),
            InternalField::EnterpriseContact => data.enterprises.records.iter_mut().for_each(|r| r.contact = None),
            InternalField::ProjectLocation => data.projects.records.iter_mut().for_each(|r| r.location = None),
            InternalField::ProjectNote => data
                .projects
                .records
                .iter_mut()
                .flat_map(|r| r.updates.iter_mut())
                .for_each(|u| u.note = None),
            InternalField::ProblemSummary => data.problems.records.iter_mut().for_each(|r| r.summary.clear()),
            InternalField::VisitNote => data.visits.records.iter_mut().for_each(|r| r.note = None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_named_as_in_site_yaml_and_near_misses_get_a_hint() {
        assert_eq!(InternalField::parse("enterprises.contact"), Ok(InternalField::EnterpriseContact));
        assert_eq!(
            InternalField::parse("enterprises.contakt"),
            Err("did you mean `enterprises.contact`?".into())
        );
        assert!(InternalField::parse("projects.investment").is_err_and(|hint| hint.contains("problems.summary")));
    }
}
