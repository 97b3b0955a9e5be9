//! The unit tree in the dashboard (province → agency or district → commune or
//! office): each unit's headcount, the basis of participation rates; import
//! and export as .xlsx. Unit contacts see their own branch only.
mod api;
#[cfg(feature = "ssr")]
pub mod download;
mod pages;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod sheet;
mod types;

pub use api::*;
pub use pages::{ParticipationPage, UnitTreePage};
