//! Extra time server functions: organizers (and admins) only; unit contacts
//! get 403, like for every other change to a contestant.
use super::ExtraTime;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

/// The grant in force for contestant `id` (`null` when none).
#[server(prefix = "/api", endpoint = "admin/contestants/extra-time", input = GetUrl)]
pub async fn admin_extra_time(id: i32) -> Result<Option<ExtraTime>, AppError> {
    let staff = crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    super::service::of(&db, &staff, id).await
}

/// Grants `percent` (10–100) extra time to contestant `id` for the attempts
/// they start from now on, replacing any earlier grant; `reason` is required
/// and goes to the audit log.
#[server(prefix = "/api", endpoint = "admin/contestants/extra-time/grant", input = Json)]
pub async fn admin_grant_extra_time(id: i32, percent: i32, reason: String) -> Result<ExtraTime, AppError> {
    let staff = crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    super::service::grant(&db, &staff, id, percent, &reason, chrono::Utc::now()).await
}

/// Ends contestant `id`'s grant (answers `null`); an attempt already running
/// keeps its deadline. `reason` is required and goes to the audit log.
#[server(prefix = "/api", endpoint = "admin/contestants/extra-time/remove", input = Json)]
pub async fn admin_remove_extra_time(id: i32, reason: String) -> Result<Option<ExtraTime>, AppError> {
    let staff = crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    super::service::remove(&db, &staff, id, &reason, chrono::Utc::now()).await
}
