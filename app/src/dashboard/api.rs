//! The dashboard's own server functions: "Tổng quan"'s live numbers.
// Re-exported so the pages, which import from `api`, keep their paths.
pub use super::types::*;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Live numbers for the dashboard's start page (organizers and admins).
#[server(prefix = "/api", endpoint = "admin/overview/live", input = GetUrl)]
pub async fn admin_live_overview() -> Result<LiveOverview, AppError> {
    crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    super::service::overview(&db, chrono::Utc::now()).await
}
