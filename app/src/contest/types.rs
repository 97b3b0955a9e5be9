//! The wire types of the contest home page: what the browser and the JSON API see (docs/api.md).
//! The server functions that send them are in `api.rs`.
use serde::{Deserialize, Serialize};

/// Where a round stands relative to the server's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoundStatus {
    Upcoming,
    Open,
    Closed,
}

impl RoundStatus {
    pub fn label(self) -> &'static str {
        match self {
            RoundStatus::Upcoming => "Sắp mở",
            RoundStatus::Open => "Đang mở",
            RoundStatus::Closed => "Đã kết thúc",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundSummary {
    pub id: i32,
    pub number: i32,
    pub title: String,
    /// Local time, e.g. "03/10/2022 00:00".
    pub opens_label: String,
    /// Local time, e.g. "10/10/2022 00:00" (a midnight close is the next day's 00:00).
    pub closes_label: String,
    pub status: RoundStatus,
    pub questions_per_attempt: i32,
    pub time_limit_minutes: i32,
    pub attempts_allowed: i32,
}

/// The next moment the schedule changes: a round opening or closing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextEvent {
    /// e.g. "Tuần 1 kết thúc sau" or "Tuần 2 bắt đầu sau".
    pub label: String,
    /// Unix milliseconds (server clock).
    pub at_ms: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveCounters {
    pub contestants: i64,
    pub attempts: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContestLink {
    pub slug: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContestHome {
    pub contest_id: i32,
    pub slug: String,
    pub title: String,
    pub organizer_name: String,
    /// The rules as paragraphs of plain text.
    pub rules: Vec<String>,
    /// The rules as cleaned HTML (organizers write them as rich text).
    pub rules_html: String,
    pub rounds: Vec<RoundSummary>,
    /// The server's clock when the page was made; the browser counts from it,
    /// so a phone with a wrong clock still sees the right countdown.
    pub server_now_ms: i64,
    pub next_event: Option<NextEvent>,
    pub counters: LiveCounters,
    pub other_contests: Vec<ContestLink>,
}
