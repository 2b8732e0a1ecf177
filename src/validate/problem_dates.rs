//! The dated facts of a problem in the register, which decide how it
//! counts at any date (DESIGN.md, `problems.yaml`): `closed` exactly when
//! the status is closed, not before `raised`; the `extended` date — the
//! day the extension was granted — between `raised` and `closed`, kept
//! when the problem is later closed, and given whenever the status is
//! extended (without it the extension counts from `raised`, a warning).

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::data::{Problem, ProblemStatus, Where};

/// Checks the status and dates of `problem`, record `index` of the file
/// at `path`.
pub(crate) fn check(path: &str, locator: &Where<'_>, index: usize, problem: &Problem, problems: &mut Diagnostics) {
    check_closed(path, locator, index, problem, problems);
    check_extended(path, locator, index, problem, problems);
}

fn check_closed(path: &str, locator: &Where<'_>, index: usize, problem: &Problem, problems: &mut Diagnostics) {
    match (problem.status, problem.closed) {
        (ProblemStatus::Closed, None) => {
            problems.push(
                Diagnostic::error_at(path, locator.field(index, "status"), "a closed problem needs its `closed` date")
                    .with_hint("add `closed: YYYY-MM-DD`, the day it was closed (销号)"),
            );
        }
        (status, Some(_)) if status != ProblemStatus::Closed => {
            problems.push(
                Diagnostic::error_at(
                    path,
                    locator.field(index, "closed"),
                    "`closed` is set but the status is not `closed`",
                )
                .with_hint("set `status: closed`, or remove `closed`"),
            );
        }
        (_, Some(closed)) if closed < problem.raised => {
            problems.push(Diagnostic::error_at(
                path,
                locator.field(index, "closed"),
                format!("closed on {closed}, before it was raised on {}", problem.raised),
            ));
        }
        _ => {}
    }
}

fn check_extended(path: &str, locator: &Where<'_>, index: usize, problem: &Problem, problems: &mut Diagnostics) {
    let Some(extended) = problem.extended else {
        if problem.status == ProblemStatus::Extended {
            problems.push(
                Diagnostic::warning_at(
                    path,
                    locator.field(index, "status"),
                    format!(
                        "the extension has no date: the problem counts as extended from the day it was raised, {}",
                        problem.raised
                    ),
                )
                .with_hint(
                    "add `extended: YYYY-MM-DD`, the day the extension was granted (延期日期), so that a bulletin of an earlier date keeps its figures",
                ),
            );
        }
        return;
    };
    let spot = || locator.field(index, "extended");
    if problem.status == ProblemStatus::Open {
        problems.push(
            Diagnostic::error_at(path, spot(), "`extended` is set but the status is `open`")
                .with_hint("a problem granted an extension is `extended` until it is closed: set `status: extended`, or remove `extended`"),
        );
    }
    if extended < problem.raised {
        problems.push(Diagnostic::error_at(
            path,
            spot(),
            format!("extended on {extended}, before it was raised on {}", problem.raised),
        ));
    }
    if let Some(closed) = problem.closed.filter(|closed| extended > *closed) {
        problems.push(
            Diagnostic::error_at(path, spot(), format!("extended on {extended}, after it was closed on {closed}"))
                .with_hint("an extension is granted while the problem is still being handled: check both dates"),
        );
    }
}
