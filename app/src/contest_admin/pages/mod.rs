//! Dashboard pages for contests and rounds.
mod contest_edit;
mod contest_list;
mod round_edit;

pub use contest_edit::ContestEditPage;
pub use contest_list::ContestListPage;
pub use round_edit::RoundEditPage;
