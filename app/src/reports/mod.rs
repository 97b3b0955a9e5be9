//! Reports for the Department of Home Affairs: the weekly per-unit
//! participation table for the report to the provincial committee (.xlsx and
//! a print-ready page), and the scoring table per agency for the
//! administrative-reform (PAR) index, by a rubric the organizer sets.
mod api;
mod page;
pub mod rubric;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod sheet;
mod types;

pub use api::*;
pub use page::ReportPage;
pub use types::*;
