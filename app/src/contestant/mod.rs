//! Contestants: registration, sign-in, and what a client needs to register
//! (contests with their rounds, the unit search).
mod api;
mod header;
mod page;
#[cfg(feature = "ssr")]
pub mod service;
mod types;
pub mod validate;

pub use api::*;
pub use header::{provide_visitor, SignOutButton, SignedInNotice, SiteHeader, VisitorState};
pub use page::{LoginPage, ProfilePage, RegisterPage};
