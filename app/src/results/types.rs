//! The wire types of results: what the browser and the JSON API see (docs/api.md).
//! The server functions that send them are in `api.rs`.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitStat {
    pub unit_id: i32,
    pub unit_name: String,
    pub parent_id: Option<i32>,
    /// Staff who should take part (biên chế).
    pub headcount: i32,
    /// Submitted attempts.
    pub attempts: i64,
    /// Distinct contestants with a submitted attempt; null while a round's
    /// prediction question asks for this figure and its true figure is not recorded.
    pub contestants: Option<i64>,
    /// contestants ÷ headcount × 100, one decimal; null when the headcount is 0
    /// or `contestants` is withheld.
    pub participation_pct: Option<f64>,
    /// Distinct contestants with a full-marks attempt; null while a round's
    /// prediction question asks for this figure and its true figure is not recorded.
    pub full_marks: Option<i64>,
    /// Mean score (0–100) of the submitted attempts, one decimal; null without attempts.
    pub average_score: Option<f64>,
    /// 0 for the province; for indenting the tree.
    pub depth: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaderboardRow {
    pub rank: u32,
    /// Family name and initials only: "Nguyễn V. A.".
    pub name: String,
    pub unit_id: i32,
    pub unit_name: String,
    pub score: i32,
    pub duration_ms: i32,
    /// How far the prediction was from the true figure (null: no prediction).
    pub prediction_distance: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeftOut {
    pub reason: String,
    pub contestants: u64,
}

/// Submitted attempts and distinct contestants on one local day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayFigure {
    /// dd/mm/yyyy, Asia/Ho_Chi_Minh.
    pub date: String,
    pub attempts: i64,
    /// Null while withheld, as in [`UnitStat::contestants`].
    pub contestants: Option<i64>,
}

/// Submitted attempts whose score is in `from..=to`. While the number of
/// full marks is withheld, 100 is not a band of its own (90–100).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreBand {
    pub from: i32,
    pub to: i32,
    pub attempts: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Charts {
    pub by_day: Vec<DayFigure>,
    pub scores: Vec<ScoreBand>,
}
