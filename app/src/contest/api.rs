//! Server functions of the contest home page. Read-only, so
//! they are sent as GET and can be cached by proxies.
// Re-exported so the pages, which import from `api`, keep their paths.
pub use super::types::*;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

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
