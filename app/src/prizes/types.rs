//! The prizes' wire types: the lists, their rows and the public winners.
use super::collective;
use serde::{Deserialize, Serialize};

/// Where a prize list stands; on the server also the `prize_list.status`
/// column, stored as its code (`draft`, `approved`, `published`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "ssr",
    sea_orm(rs_type = "String", db_type = "String(sea_orm::sea_query::StringLen::None)")
)]
#[serde(rename_all = "snake_case")]
pub enum ListStatus {
    /// Computed afresh from the ranking each time it is looked at.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "draft"))]
    Draft,
    /// Frozen by an organizer, not yet public.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "approved"))]
    Approved,
    /// Public; changes only through a recorded correction.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "published"))]
    Published,
}

impl ListStatus {
    pub fn code(self) -> &'static str {
        match self {
            ListStatus::Draft => "draft",
            ListStatus::Approved => "approved",
            ListStatus::Published => "published",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            ListStatus::Draft => "Dự thảo",
            ListStatus::Approved => "Đã duyệt",
            ListStatus::Published => "Đã công bố",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TierDraft {
    /// 1 for the highest prize.
    pub position: i32,
    pub name: String,
    pub quantity: i32,
    /// "" for every category together, else a category code.
    pub category: String,
    /// Points each such prize adds to its winner's unit (collective prizes).
    pub unit_points: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AwardRow {
    pub position: i32,
    pub prize_name: String,
    pub category: String,
    pub rank: u32,
    pub contestant_id: i32,
    pub full_name: String,
    pub unit_id: i32,
    pub unit_name: String,
    pub score: i32,
    pub duration_ms: i32,
    /// The prediction answer it was ranked with (a round's list only).
    #[serde(default)]
    pub prediction: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassedOverRow {
    pub contestant_id: i32,
    pub full_name: String,
    pub rank: u32,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectionRow {
    /// dd/mm/yyyy HH:MM, local time.
    pub at: String,
    pub reason: String,
    pub summary: String,
}

/// One prize list as the organizer sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListView {
    /// 0 for the whole contest.
    pub round_id: i32,
    pub title: String,
    pub status: ListStatus,
    /// The round (every round, for the contest list) has closed.
    pub closed: bool,
    pub truth: Option<i64>,
    pub tiers: Vec<TierDraft>,
    pub awards: Vec<AwardRow>,
    pub passed_over: Vec<PassedOverRow>,
    pub left_out: Vec<crate::results::LeftOut>,
    pub corrections: Vec<CorrectionRow>,
    pub approved_by: Option<String>,
    pub published_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisqualifiedRow {
    pub id: i32,
    pub contestant_id: i32,
    pub full_name: String,
    pub unit_name: String,
    pub reason: String,
    pub actor: String,
    pub at: String,
}

/// Everything of a contest's prizes, for the dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrizeOverview {
    pub contest_id: i32,
    pub title: String,
    pub one_prize_per_person: bool,
    /// (code, name)
    pub categories: Vec<(String, String)>,
    pub lists: Vec<ListView>,
    pub disqualified: Vec<DisqualifiedRow>,
    pub collective_rule: collective::CollectiveRule,
    /// Collective scores as they stand (stored ones once the contest list is approved).
    pub collective: Vec<collective::UnitScore>,
}

/// A published individual prize.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Winner {
    pub prize: String,
    pub position: i32,
    pub category: String,
    pub rank: u32,
    pub full_name: String,
    pub unit_id: i32,
    pub unit_name: String,
    pub score: i32,
    pub duration_ms: i32,
    /// The prediction answer it was ranked with (a round's list only), so
    /// readers see why one 100 ranks above another.
    #[serde(default)]
    pub prediction: Option<i64>,
}

/// A published collective prize.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CollectiveWinner {
    pub prize: String,
    pub position: i32,
    pub rank: u32,
    pub unit_id: i32,
    pub unit_name: String,
    pub participation_pct: f64,
    pub points: f64,
}

/// A published list: a round's, or the whole contest's (round_id 0).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublishedList {
    pub round_id: i32,
    pub title: String,
    pub truth: Option<i64>,
    pub published_at: String,
    pub winners: Vec<Winner>,
    pub corrections: Vec<CorrectionRow>,
}

/// `GET /api/contests/winners`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Winners {
    pub contest_id: i32,
    pub title: String,
    /// Published round lists, in round order.
    pub rounds: Vec<PublishedList>,
    /// The whole contest's list, once published.
    pub contest: Option<PublishedList>,
    /// Collective prizes, published with the contest's list.
    pub collective: Vec<CollectiveWinner>,
}
