//! The wire types of staff accounts: what the browser and the JSON API see (docs/api.md).
//! The server functions that send them are in `api.rs`.
use super::Role;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMe {
    pub id: i32,
    pub email: String,
    pub full_name: String,
    pub role: Role,
    pub unit_id: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffAccount {
    pub id: i32,
    pub email: String,
    pub full_name: String,
    pub role: Role,
    pub unit_id: Option<i32>,
    pub active: bool,
    /// dd/mm/yyyy HH:MM
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Done {
    pub ok: bool,
}

#[cfg(feature = "ssr")]
impl From<super::guard::Staff> for StaffMe {
    fn from(s: super::guard::Staff) -> Self {
        StaffMe { id: s.id, email: s.email, full_name: s.full_name, role: s.role, unit_id: s.unit_id }
    }
}
