//! Dashboard accounts (admin, organizer, unit contact): sign-in with
//! throttling, the role guard every dashboard server function calls first,
//! session revocation, and account management.
mod api;
#[cfg(feature = "ssr")]
pub mod guard;
mod pages;
mod role;
#[cfg(feature = "ssr")]
pub mod service;
mod types;

pub use api::*;
pub use pages::{AccountsPage, StaffLoginPage};
pub use role::Role;
