//! Stage 3, derive: figures computed from the data — growth rates, counts
//! by status, close rates — at any date, and how they are written. Nothing
//! derived is ever typed into the data twice.

pub mod charts;
pub mod figures;
pub mod format;
pub mod growth;
