//! The wire types of contestants: what the browser and the JSON API see (docs/api.md).
//! The server functions that send them are in `api.rs`.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedIn {
    pub contestant_id: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoggedOut {
    pub logged_out: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundInfo {
    pub id: i32,
    pub number: i32,
    pub title: String,
    /// RFC 3339 with the contest's offset, e.g. `2022-10-03T00:00:00+07:00`.
    pub opens_at: String,
    pub closes_at: String,
    pub questions_per_attempt: i32,
    pub time_limit_seconds: i32,
    pub attempts_allowed: i32,
    pub has_prediction: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContestInfo {
    pub id: i32,
    pub slug: String,
    pub title: String,
    pub rounds: Vec<RoundInfo>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitMatch {
    pub id: i32,
    pub name: String,
    /// Names from the root, for display: "Tỉnh Lạng Sơn › Huyện Cao Lộc › Thị trấn Đồng Đăng".
    pub path: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryChoice {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationChoices {
    pub categories: Vec<CategoryChoice>,
    pub units: Vec<UnitMatch>,
    pub id_number_required: bool,
}

/// Where a successful registration lands: the home page, with its confirmation.
pub const REGISTERED_PATH: &str = "/?da-dang-ky=1";

/// Where the profile form goes back to after a save: the profile, saying so.
pub const PROFILE_SAVED_PATH: &str = "/ho-so?da-luu=1";

/// A contestant's own registration details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub full_name: String,
    pub birth_date: String,
    pub phone: String,
    pub id_number: Option<String>,
    pub email: Option<String>,
    pub category: String,
    pub unit_id: i32,
    pub unit_path: String,
    /// After the first attempt, name, birth date, unit and ID number are locked
    /// (they decide prizes); only the organizers can correct them then.
    pub locked: bool,
}
