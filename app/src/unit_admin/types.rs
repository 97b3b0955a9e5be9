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

// `/quan-tri/tham-gia`: who of a unit has taken part in a round.

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub contestant_id: i32,
    pub full_name: String,
    pub phone: String,
    pub unit_name: String,
    /// Submitted attempts in the round.
    pub attempts: u64,
    pub best_score: Option<i32>,
}

/// Contestants a page.
pub const PAGE_SIZE: usize = 50;

/// How the list is ordered (`sap-xep` in the page's address).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Order {
    /// Those who have not taken part first (the ones to remind), then by name.
    #[default]
    NotYet,
    Name,
    Unit,
    /// Best score, highest first; those without one last.
    Score,
}

impl Order {
    pub const ALL: [Order; 4] = [Order::NotYet, Order::Name, Order::Unit, Order::Score];

    /// The word in the page's address.
    pub fn code(self) -> &'static str {
        match self {
            Order::NotYet => "chua-thi",
            Order::Name => "ten",
            Order::Unit => "don-vi",
            Order::Score => "diem",
        }
    }

    pub fn from_code(code: &str) -> Order {
        Order::ALL.into_iter().find(|o| o.code() == code).unwrap_or_default()
    }

    /// The word in the API and the CSV link (`order=`).
    pub fn api(self) -> &'static str {
        match self {
            Order::NotYet => "not_yet",
            Order::Name => "name",
            Order::Unit => "unit",
            Order::Score => "score",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Order::NotYet => "Chưa thi trước",
            Order::Name => "Họ tên (A–Z)",
            Order::Unit => "Đơn vị (A–Z)",
            Order::Score => "Điểm cao nhất",
        }
    }
}

/// A unit in the filter, indented by its depth in the tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitChoice {
    pub id: i32,
    pub name: String,
    pub depth: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participation {
    pub round_id: i32,
    pub round_title: String,
    /// This page's contestants.
    pub members: Vec<Member>,
    /// Contestants matching the filter, and how many of them have not taken part.
    pub total: u64,
    pub missing: u64,
    /// 1-based; `pages` is at least 1.
    pub page: u64,
    pub pages: u64,
    pub unit_id: Option<i32>,
    pub order: Order,
    /// The units the caller may filter by.
    pub units: Vec<UnitChoice>,
}

/// The participation list as a file (the page links it with its filter and order).
pub const CSV_PATH: &str = "/api/admin/units/participation.csv";
