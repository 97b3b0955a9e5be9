//! The staff's own pages: the dashboard sign-in, and the accounts page.
mod accounts;
mod sign_in;

pub use accounts::AccountsPage;
pub use sign_in::StaffLoginPage;
