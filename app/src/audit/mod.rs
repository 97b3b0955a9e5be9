//! The audit log (nhật ký thay đổi): every change made in the dashboard, who
//! made it, when, and the fields before and after. Append-only.
mod api;
mod page;
#[cfg(feature = "ssr")]
pub mod sentence;
#[cfg(feature = "ssr")]
pub mod service;
mod types;

pub use api::*;
pub use page::AuditPage;
