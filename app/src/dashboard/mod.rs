//! The organizers' dashboard frame (/quan-tri): who is signed in, the menu
//! for their role, and the start page. Each page below checks the role again
//! through its own server functions.
mod api;
mod page;
#[cfg(feature = "ssr")]
pub mod service;
mod types;

pub use api::*;
pub use page::{is_current, DashboardHome, DashboardLayout};
