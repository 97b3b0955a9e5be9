//! Contestants in the dashboard: search (ignoring diacritics), each one's
//! attempts, lock and unlock, corrections with a reason in the audit log, and
//! the report of suspected duplicate accounts. Unit contacts see their branch.
mod api;
mod page;
#[cfg(feature = "ssr")]
pub mod service;
mod types;

pub use api::*;
pub use page::{ContestantDetailPage, ContestantListPage};
