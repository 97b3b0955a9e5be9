//! Setting contests up (dashboard): contests with their categories, rules and
//! exclusion list; rounds with their times, draw, limits, prediction question,
//! review policy and question pool; publishing; the live monitor of a round.
mod api;
mod pages;
#[cfg(feature = "ssr")]
pub mod pool;
#[cfg(feature = "ssr")]
pub mod service;
mod types;

pub use api::*;
pub use pages::{ContestEditPage, ContestListPage, RoundEditPage};
