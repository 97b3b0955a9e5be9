//! Reading the audit log (organizers and admins). Nothing writes it from outside.
// Re-exported so the pages, which import from `api`, keep their paths.
pub use super::types::*;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// One page of the log, newest first; filters by action prefix
/// (e.g. `question.`), entity id and actor e-mail.
#[server(prefix = "/api", endpoint = "admin/audit", input = GetUrl)]
pub async fn admin_audit(
    action: Option<String>,
    entity_id: Option<String>,
    actor: Option<String>,
    page: Option<u64>,
) -> Result<AuditPageData, AppError> {
    crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    let page = page.unwrap_or(1).max(1);
    let (total, items) =
        super::service::list(&db, action.as_deref(), entity_id.as_deref(), actor.as_deref(), page).await?;
    Ok(AuditPageData { total, page, page_size: super::service::PAGE_SIZE, items })
}
