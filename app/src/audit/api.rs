//! Reading the audit log (organizers and admins). Nothing writes it from outside.
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    /// dd/mm/yyyy HH:MM, Asia/Ho_Chi_Minh.
    pub at: String,
    /// The e-mail of the staff member who made the change.
    pub actor: String,
    /// Their name when their account is known, else the e-mail.
    pub actor_name: String,
    /// What happened, as one Vietnamese sentence (see `sentence`).
    pub sentence: String,
    /// The internal action code (kept for filters, exports and the technical details).
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    pub summary: Option<String>,
    /// JSON of the changed fields before and after.
    pub before: Option<String>,
    pub after: Option<String>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPageData {
    pub total: u64,
    pub page: u64,
    pub page_size: u64,
    pub items: Vec<AuditEntry>,
}

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
