//! The wire types of the dashboard's start page: what the browser and the JSON API see (docs/api.md).
//! The server functions that send them are in `api.rs`.
use serde::{Deserialize, Serialize};

/// A round open now, with its contest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenRound {
    pub round_id: i32,
    pub contest_title: String,
    pub round_title: String,
    /// "dd/mm/yyyy HH:mm", local time.
    pub closes_label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveOverview {
    /// Rounds of published contests open now (usually one), by closing time.
    pub open_rounds: Vec<OpenRound>,
    /// Attempts started since local midnight.
    pub attempts_today: u64,
    /// Attempts started, not submitted, whose time is not up yet.
    pub in_quiz_now: u64,
    /// When counted, "dd/mm/yyyy HH:mm".
    pub counted_at: String,
}
