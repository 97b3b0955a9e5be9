//! Wire types and server functions of the contest home page. Read-only, so
//! they are sent as GET and can be cached by proxies.
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
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

/// The home data of the contest `slug`, or of the featured contest (the one
/// with a round open now, else the next to open, else the latest) when `slug`
/// is absent.
#[server(prefix = "/api", endpoint = "contests/home", input = GetUrl)]
pub async fn get_contest_home(slug: Option<String>) -> Result<ContestHome, AppError> {
    // Public: no sign-in needed, and nothing secret is read.
    let db = crate::state::db()?;
    super::service::contest_home(&db, slug.as_deref(), chrono::Utc::now()).await
}

/// Registered contestants and attempts so far, refreshed by the home page.
#[server(prefix = "/api", endpoint = "contests/counters", input = GetUrl)]
pub async fn get_live_counters(contest_id: i32) -> Result<LiveCounters, AppError> {
    // Public: published figures only.
    let db = crate::state::db()?;
    super::service::live_counters(&db, contest_id).await
}

/// The signed-in contestant's standing in the contest `slug` (or the featured
/// one), for that contest's home page; `None` when nobody is signed in.
///
/// Keyed by the page's own slug rather than by the contest id, so the page can
/// ask for it at the same time as the contest itself: a resource created only
/// after the contest has loaded (inside its `Suspense`) made hydration panic
/// now and then (tachys `hydration.rs` unreachable).
#[server(prefix = "/api", endpoint = "me/contest-home", input = GetUrl)]
pub async fn my_standing_here(
    slug: Option<String>,
) -> Result<Option<crate::attempt::ContestStanding>, AppError> {
    let Ok(contestant_id) = crate::session::require_contestant().await else {
        return Ok(None);
    };
    let db = crate::state::db()?;
    let contest = super::service::find_contest(&db, slug.as_deref(), chrono::Utc::now()).await?;
    crate::attempt::service::contest_status(&db, contestant_id, contest.id).await.map(Some)
}
