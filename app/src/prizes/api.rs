//! Prize server functions: the organizers' workflow under `/api/admin/prizes`,
//! and the public winners list at `GET /api/contests/winners` (docs/api.md).
use super::collective::CollectiveRule;
use super::{PrizeOverview, TierDraft, Winners};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

/// A contest's prize lists as they stand (drafts computed now), its
/// disqualifications and collective scores.
#[server(prefix = "/api", endpoint = "admin/prizes", input = GetUrl)]
pub async fn admin_prizes(contest_id: i32) -> Result<PrizeOverview, AppError> {
    crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    super::service::overview(&db, contest_id, chrono::Utc::now()).await
}

/// Replaces the prize structure of a round (`round_id` 0: the whole contest); drafts only.
#[server(prefix = "/api", endpoint = "admin/prizes/tiers", input = Json)]
pub async fn admin_save_prize_tiers(
    contest_id: i32,
    round_id: i32,
    tiers: Vec<TierDraft>,
) -> Result<(), AppError> {
    let staff = crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    super::service::save_tiers(
        &db,
        &staff,
        contest_id,
        super::ListKey::of(round_id),
        tiers,
        chrono::Utc::now(),
    )
    .await
}

/// The one-prize-per-person rule and the collective-prize formula.
#[server(prefix = "/api", endpoint = "admin/prizes/rules", input = Json)]
pub async fn admin_save_prize_rules(
    contest_id: i32,
    one_prize_per_person: bool,
    collective_rule: CollectiveRule,
) -> Result<(), AppError> {
    let staff = crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    super::service::save_rules(
        &db,
        &staff,
        contest_id,
        one_prize_per_person,
        collective_rule,
        chrono::Utc::now(),
    )
    .await
}

/// Draft → approved: the awards are fixed as they are now.
#[server(prefix = "/api", endpoint = "admin/prizes/approve", input = Json)]
pub async fn admin_approve_prizes(contest_id: i32, round_id: i32) -> Result<(), AppError> {
    let staff = crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    super::service::approve(&db, &staff, contest_id, super::ListKey::of(round_id), chrono::Utc::now()).await
}

/// Approved → draft.
#[server(prefix = "/api", endpoint = "admin/prizes/unapprove", input = Json)]
pub async fn admin_unapprove_prizes(contest_id: i32, round_id: i32) -> Result<(), AppError> {
    let staff = crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    super::service::unapprove(&db, &staff, contest_id, super::ListKey::of(round_id), chrono::Utc::now()).await
}

/// Approved → published.
#[server(prefix = "/api", endpoint = "admin/prizes/publish", input = Json)]
pub async fn admin_publish_prizes(contest_id: i32, round_id: i32) -> Result<(), AppError> {
    let staff = crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    super::service::publish(&db, &staff, contest_id, super::ListKey::of(round_id), chrono::Utc::now()).await
}

/// Recomputes a published list and records the correction publicly; returns what changed.
#[server(prefix = "/api", endpoint = "admin/prizes/correct", input = Json)]
pub async fn admin_correct_prizes(
    contest_id: i32,
    round_id: i32,
    reason: String,
) -> Result<String, AppError> {
    let staff = crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    super::service::correct(
        &db,
        &staff,
        contest_id,
        super::ListKey::of(round_id),
        &reason,
        chrono::Utc::now(),
    )
    .await
}

/// Disqualifies a contestant from the contest's prizes, with the reason.
#[server(prefix = "/api", endpoint = "admin/prizes/disqualify", input = Json)]
pub async fn admin_disqualify(contest_id: i32, contestant_id: i32, reason: String) -> Result<i32, AppError> {
    let staff = crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    super::service::disqualify(&db, &staff, contest_id, contestant_id, &reason, chrono::Utc::now()).await
}

/// Lifts a disqualification.
#[server(prefix = "/api", endpoint = "admin/prizes/reinstate", input = Json)]
pub async fn admin_reinstate(id: i32) -> Result<(), AppError> {
    let staff = crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    super::service::reinstate(&db, &staff, id, chrono::Utc::now()).await
}

/// The published winners of a contest: each round's list, the whole
/// contest's list and the collective prizes, with any corrections.
#[server(prefix = "/api", endpoint = "contests/winners", input = GetUrl)]
pub async fn contest_winners(contest_id: i32) -> Result<Winners, AppError> {
    // Public: only published lists of published contests.
    let db = crate::state::db()?;
    super::service::winners(&db, contest_id).await
}

/// The contest-wide ranking (all rounds added up), names masked, at most 100 rows.
#[server(prefix = "/api", endpoint = "contests/leaderboard", input = GetUrl)]
pub async fn contest_leaderboard(
    contest_id: i32,
    limit: Option<usize>,
    category: Option<String>,
) -> Result<Vec<crate::results::LeaderboardRow>, AppError> {
    // Public: published contests only, names masked as on the round leaderboard.
    let state = crate::state::state()?;
    let limit = limit.unwrap_or(10).clamp(1, 100);
    let category = category.as_deref().filter(|c| !c.is_empty());
    super::service::contest_leaderboard(&state.db, &state.rankings, contest_id, category, limit).await
}
