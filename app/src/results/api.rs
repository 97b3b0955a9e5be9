//! Published figures (no sign-in): per-unit statistics and the leaderboard.
//! Stable paths for the press and the provincial portal (docs/api.md).
// Re-exported so the pages, which import from `api`, keep their paths.
pub use super::types::*;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Participation by day and the score distribution of a contest, or one of its rounds.
#[server(prefix = "/api", endpoint = "stats/charts", input = GetUrl)]
pub async fn stats_charts(contest_id: i32, round_id: Option<i32>) -> Result<Charts, AppError> {
    // Public, like the table: published contests only.
    let db = crate::state::db()?;
    super::stats::check_published(&db, contest_id, round_id).await?;
    super::stats::charts(&db, contest_id, round_id).await
}

/// Every unit's figures for a contest, or one of its rounds.
#[server(prefix = "/api", endpoint = "stats/units", input = GetUrl)]
pub async fn stats_units(
    contest_id: i32,
    round_id: Option<i32>,
    q: Option<String>,
) -> Result<Vec<UnitStat>, AppError> {
    // Public: these figures are published on the contest's website.
    let db = crate::state::db()?;
    let rows = super::stats::checked_table(&db, contest_id, round_id).await?;
    // `q` narrows to units whose name contains it, ignoring diacritics and case.
    let wanted = crate::text::fold(q.as_deref().unwrap_or(""));
    Ok(rows
        .into_iter()
        .filter(|r| wanted.is_empty() || crate::text::fold(&r.unit_name).contains(&wanted))
        .collect())
}

/// The ranking of a round, best first, names masked (at most 100 rows).
#[server(prefix = "/api", endpoint = "rounds/leaderboard", input = GetUrl)]
pub async fn round_leaderboard(
    round_id: i32,
    limit: Option<usize>,
    category: Option<String>,
) -> Result<Vec<LeaderboardRow>, AppError> {
    // Public: only published contests' rounds, names masked.
    let state = crate::state::state()?;
    let db = state.db;
    super::stats::published_round(&db, round_id).await?;
    let limit = limit.unwrap_or(10).clamp(1, 100);
    let category = category.as_deref().filter(|c| !c.is_empty());
    super::service::leaderboard(&db, &state.rankings, round_id, category, limit).await
}
