//! The wire types of the audit log: what the browser and the JSON API see (docs/api.md).
//! The server functions that send them are in `api.rs`.
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
