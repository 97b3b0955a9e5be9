//! Contestant management server functions.
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContestantRow {
    pub id: i32,
    pub full_name: String,
    /// dd/mm/yyyy; left out for unit contacts, like the ID number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    pub phone: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_number: Option<String>,
    pub category: String,
    pub unit_id: i32,
    pub unit_name: String,
    pub locked: bool,
    pub attempts: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContestantPage {
    pub total: u64,
    pub page: u64,
    pub page_size: u64,
    pub items: Vec<ContestantRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptLine {
    pub attempt_id: i32,
    pub round_title: String,
    pub sequence: i32,
    /// dd/mm/yyyy HH:MM
    pub started_at: String,
    pub submitted: bool,
    pub score: Option<i32>,
    pub correct: Option<i32>,
    pub total: i32,
    pub duration_ms: Option<i32>,
    pub eligible: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContestantDetail {
    pub row: ContestantRow,
    /// E-mail, birth date and network address are left out for unit contacts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// yyyy-mm-dd, for the correction form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date_iso: Option<String>,
    pub registered_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registered_from: Option<String>,
    pub attempts: Vec<AttemptLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuplicateGroup {
    /// Why these accounts look like one person, in Vietnamese.
    pub reason: String,
    pub contestants: Vec<ContestantRow>,
}

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
