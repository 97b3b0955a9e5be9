//! Extra time (thời gian cộng thêm), WCAG 2.2.1 "Timing adjustable": an
//! organizer grants one contestant a longer time limit, e.g. +50 %, with a
//! reason that goes to the audit log. It applies to the attempts that person
//! starts while the grant is in force; an attempt already running keeps the
//! deadline it was given. Each attempt remembers the percentage it was
//! started with (`attempt.extra_time_percent`).
//!
//! The rules, all pure and tested in allowance.rs:
//! - the deadline of a new attempt is its start + limit × (1 + percent/100),
//!   rounded up to the second, on the server's clock. Like everyone's, an
//!   attempt started just before the round closes runs its whole (longer)
//!   limit: nobody's time is cut short by the close.
//! - no answer key leaves the server until the longest attempt that could be
//!   started before the close is over (`attempt::review::key_safe_at`).
//! - ranking by duration compares the time used ÷ (1 + percent/100), the
//!   share of one's own allowance used, so nobody gains or loses a place by
//!   their allowance ([`counted_duration_ms`]). The public lists show that
//!   counted time, so they do not reveal who had extra time.
mod allowance;
mod api;
mod form;
#[cfg(feature = "ssr")]
pub mod service;
mod types;

pub use allowance::*;
pub use api::*;
pub use form::ExtraTimeCard;
pub use types::*;
