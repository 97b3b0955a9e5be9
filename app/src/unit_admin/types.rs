//! The wire types of units: what the browser and the JSON API see (docs/api.md).
//! The server functions that send them are in `api.rs`.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitNode {
    pub id: i32,
    pub parent_id: Option<i32>,
    pub code: String,
    pub name: String,
    /// province | agency | district | commune | office | other
    pub kind: String,
    /// Staff who should take part (biên chế): the basis of participation %.
    pub headcount: i32,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub contestants: u64,
    /// 0 for the roots; for indenting the tree.
    pub depth: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitDraft {
    pub id: Option<i32>,
    pub parent_id: Option<i32>,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub headcount: i32,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitImportReport {
    pub created: usize,
    pub updated: usize,
    pub errors: Vec<crate::question_bank::LineError>,
}
