//! Prizes: each round's and the whole contest's prize structure, the
//! draft → approved → published workflow with disqualifications and recorded
//! corrections, collective prizes for units, and the public winners list.
pub mod allocate;
mod api;
pub mod collective;
pub mod list_key;
mod page;
mod rows;
#[cfg(feature = "ssr")]
pub mod service;
mod types;
mod winners_page;

pub use api::*;
pub use list_key::ListKey;
pub use page::PrizesPage;
pub use types::*;
pub use winners_page::WinnersSection;
