//! Extra time's wire type: a grant as the dashboard shows it.
use serde::{Deserialize, Serialize};

/// A grant as the dashboard shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtraTime {
    pub contestant_id: i32,
    pub percent: i32,
    pub reason: String,
    /// The organizer's name (their e-mail if they have none); empty once their account is gone.
    pub granted_by: String,
    /// "dd/mm/yyyy HH:MM", Asia/Ho_Chi_Minh.
    pub granted_at: String,
}
