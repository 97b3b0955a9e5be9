//! The reports' wire types: the weekly participation table and the PAR index table.
use super::rubric;
use serde::{Deserialize, Serialize};

/// One unit's participation in each round (a week) and in the whole contest,
/// over its branch (the unit and everything under it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeeklyRow {
    pub unit_id: i32,
    pub code: String,
    pub unit_name: String,
    /// 1 for agencies and districts.
    pub depth: usize,
    pub headcount: i64,
    /// (contestants, participation %) per round, in round order.
    pub weeks: Vec<(i64, Option<f64>)>,
    pub contestants: i64,
    pub participation_pct: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeeklyReport {
    pub contest_id: i32,
    pub title: String,
    pub organizer_name: String,
    pub round_titles: Vec<String>,
    pub rows: Vec<WeeklyRow>,
    /// dd/mm/yyyy, the day the report was made (local).
    pub made_on: String,
}

/// One agency's line of the reform-index table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexRow {
    pub unit_id: i32,
    pub unit_name: String,
    pub headcount: i64,
    pub contestants: i64,
    pub participation_pct: f64,
    pub average_score: Option<f64>,
    /// Individual prizes its members hold in approved or published lists.
    pub prizes: i64,
    pub collective_prize: Option<String>,
    pub participation_points: f64,
    pub score_points: f64,
    pub prize_points: f64,
    pub collective_points: f64,
    pub total: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReformIndex {
    pub contest_id: i32,
    pub title: String,
    pub rubric: rubric::Rubric,
    pub rows: Vec<IndexRow>,
}
