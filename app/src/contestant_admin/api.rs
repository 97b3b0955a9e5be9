//! Contestant management server functions.
// Re-exported so the pages, which import from `api`, keep their paths.
pub use super::types::*;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

/// One page (50) of contestants matching `q` (name without diacritics, phone
/// or ID number) in `unit` and the units under it.
#[server(prefix = "/api", endpoint = "admin/contestants", input = GetUrl)]
pub async fn admin_contestants(
    q: Option<String>,
    unit: Option<i32>,
    page: Option<u64>,
) -> Result<ContestantPage, AppError> {
    let staff = crate::staff::guard::require(crate::staff::guard::Access::Staff).await?;
    let db = crate::state::db()?;
    super::service::search(&db, &staff, q.as_deref().unwrap_or(""), unit, page.unwrap_or(1).max(1)).await
}

#[server(prefix = "/api", endpoint = "admin/contestants/get", input = GetUrl)]
pub async fn admin_contestant(id: i32) -> Result<ContestantDetail, AppError> {
    let staff = crate::staff::guard::require(crate::staff::guard::Access::Staff).await?;
    let db = crate::state::db()?;
    super::service::detail(&db, &staff, id).await
}

/// Locks (no sign-in, no new attempts) or unlocks an account; the reason goes to the audit log.
#[server(prefix = "/api", endpoint = "admin/contestants/lock", input = Json)]
pub async fn admin_lock_contestant(id: i32, locked: bool, reason: String) -> Result<ContestantRow, AppError> {
    let staff = crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    super::service::lock(&db, &staff, id, locked, reason, chrono::Utc::now()).await
}

/// Corrects the fields that decide prizes (allowed even after the first
/// attempt locked them for the contestant); the change and its reason go to
/// the audit log.
#[server(prefix = "/api", endpoint = "admin/contestants/correct", input = Json)]
pub async fn admin_correct_contestant(
    id: i32,
    full_name: String,
    birth_date: String,
    id_number: Option<String>,
    unit_id: i32,
    reason: String,
) -> Result<ContestantRow, AppError> {
    let staff = crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    let fix = super::service::Correction { full_name, birth_date, id_number, unit_id, reason };
    super::service::correct(&db, &staff, id, fix, chrono::Utc::now()).await
}

/// Issues a one-time password reset code (24 hours) for a contestant the
/// caller may see: organizers for anyone, a unit contact for their units'
/// people. The audit log records who issued it for whom, never the code.
#[server(prefix = "/api", endpoint = "admin/contestants/reset-code", input = Json)]
pub async fn admin_issue_reset_code(id: i32) -> Result<crate::account_recovery::IssuedCode, AppError> {
    let staff = crate::staff::guard::require(crate::staff::guard::Access::Staff).await?;
    let db = crate::state::db()?;
    crate::account_recovery::service::issue_code(&db, &staff, id, chrono::Utc::now()).await
}

/// Suspected duplicate accounts: same ID number; same name and birth date in
/// the same unit; many accounts registered from one address.
#[server(prefix = "/api", endpoint = "admin/contestants/duplicates", input = GetUrl)]
pub async fn admin_duplicate_contestants() -> Result<Vec<DuplicateGroup>, AppError> {
    crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    super::service::duplicates(&db).await
}
