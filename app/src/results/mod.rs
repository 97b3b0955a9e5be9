//! Results: counted attempts ranked by the tie-break chain, per-unit
//! participation statistics kept as a table refreshed every minute, and the
//! public statistics page and API (no sign-in).
mod api;
#[cfg(feature = "ssr")]
pub mod cache;
#[cfg(feature = "ssr")]
pub mod generation;
mod page;
pub mod participation;
pub mod ranking;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod stats;
mod types;

pub use api::*;
pub use page::StatsPage;
pub use participation::participation_pct;
