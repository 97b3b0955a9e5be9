//! The question bank (ngân hàng câu hỏi) in the dashboard: search, edit,
//! retire, topics, and import/export of the organizers' Excel, CSV, Word,
//! GIFT and Aiken files.
mod api;
pub mod discrimination;
#[cfg(feature = "ssr")]
pub mod download;
#[cfg(feature = "ssr")]
pub mod import;
mod import_api;
mod pages;
#[cfg(feature = "ssr")]
pub mod service;
mod types;

pub use api::*;
pub use discrimination::summarize;
pub use import_api::*;
pub use pages::{ImportPage, QuestionEditPage, QuestionListPage, QuestionStatsPage};
