//! The wire types of contestant management: what the browser and the JSON API see (docs/api.md).
//! The server functions that send them are in `api.rs`.
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
