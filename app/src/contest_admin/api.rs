//! Contest and round set-up server functions (organizers and admins).
// Re-exported so the pages, which import from `api`, keep their paths.
pub use super::types::*;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

#[cfg(feature = "ssr")]
fn guard() -> crate::staff::guard::Access {
    crate::staff::guard::Access::Organizer
}

#[server(prefix = "/api", endpoint = "admin/contests", input = GetUrl)]
pub async fn admin_contests() -> Result<Vec<ContestRow>, AppError> {
    crate::staff::guard::require(guard()).await?;
    let db = crate::state::db()?;
    super::service::contests(&db).await
}

#[server(prefix = "/api", endpoint = "admin/contests/get", input = GetUrl)]
pub async fn admin_contest(id: i32) -> Result<ContestSetup, AppError> {
    crate::staff::guard::require(guard()).await?;
    let db = crate::state::db()?;
    super::service::contest(&db, id).await
}

#[server(prefix = "/api", endpoint = "admin/contests/save", input = Json)]
pub async fn admin_save_contest(draft: ContestDraft) -> Result<SavedId, AppError> {
    let staff = crate::staff::guard::require(guard()).await?;
    let db = crate::state::db()?;
    super::service::save_contest(&db, &staff, draft, chrono::Utc::now()).await.map(|id| SavedId { id })
}

/// Publishes (shown on the site, open to contestants) or unpublishes a contest.
#[server(prefix = "/api", endpoint = "admin/contests/publish", input = Json)]
pub async fn admin_publish_contest(id: i32, published: bool) -> Result<SavedId, AppError> {
    let staff = crate::staff::guard::require(guard()).await?;
    let db = crate::state::db()?;
    super::service::publish(&db, &staff, id, published, chrono::Utc::now()).await.map(|id| SavedId { id })
}

/// Adds someone to a contest's exclusion list (by phone and/or ID number).
#[server(prefix = "/api", endpoint = "admin/contests/exclusions/add", input = Json)]
pub async fn admin_add_exclusion(
    contest_id: i32,
    phone: Option<String>,
    id_number: Option<String>,
    reason: String,
) -> Result<SavedId, AppError> {
    let staff = crate::staff::guard::require(guard()).await?;
    let db = crate::state::db()?;
    super::service::add_exclusion(&db, &staff, contest_id, phone, id_number, reason, chrono::Utc::now())
        .await
        .map(|id| SavedId { id })
}

#[server(prefix = "/api", endpoint = "admin/contests/exclusions/remove", input = Json)]
pub async fn admin_remove_exclusion(id: i32) -> Result<SavedId, AppError> {
    let staff = crate::staff::guard::require(guard()).await?;
    let db = crate::state::db()?;
    super::service::remove_exclusion(&db, &staff, id, chrono::Utc::now()).await.map(|id| SavedId { id })
}

#[server(prefix = "/api", endpoint = "admin/rounds/get", input = GetUrl)]
pub async fn admin_round(id: i32) -> Result<RoundSetup, AppError> {
    crate::staff::guard::require(guard()).await?;
    let db = crate::state::db()?;
    super::service::round(&db, id, chrono::Utc::now()).await
}

/// A blank round for a contest, numbered after its last round.
#[server(prefix = "/api", endpoint = "admin/rounds/new", input = GetUrl)]
pub async fn admin_new_round(contest_id: i32) -> Result<RoundSetup, AppError> {
    crate::staff::guard::require(guard()).await?;
    let db = crate::state::db()?;
    super::service::new_round(&db, contest_id).await
}

/// Creates or updates a round. Changing the rules of a round that already has
/// attempts is refused with 409 `round_has_attempts` unless `confirm` is true;
/// running attempts keep their deadline either way. While the round is open,
/// its pool, time limit, questions per attempt, attempts allowed and opening
/// time cannot change at all (422, a reason per field).
#[server(prefix = "/api", endpoint = "admin/rounds/save", input = Json)]
pub async fn admin_save_round(draft: RoundDraft, confirm: bool) -> Result<SavedId, AppError> {
    let staff = crate::staff::guard::require(guard()).await?;
    let db = crate::state::db()?;
    super::service::save_round(&db, &staff, draft, confirm, chrono::Utc::now()).await.map(|id| SavedId { id })
}

/// Live figures of a round (refreshed by the page every few seconds).
#[server(prefix = "/api", endpoint = "admin/rounds/monitor", input = GetUrl)]
pub async fn admin_round_monitor(id: i32) -> Result<RoundMonitor, AppError> {
    crate::staff::guard::require(guard()).await?;
    let db = crate::state::db()?;
    super::service::monitor(&db, id, chrono::Utc::now()).await
}
