//! The public face of a contest: its home page with rules, round schedule,
//! countdown and live counters.
mod api;
mod page;
#[cfg(feature = "ssr")]
pub mod service;
mod types;

pub use api::*;
pub use page::{ContestPage, HomePage};
