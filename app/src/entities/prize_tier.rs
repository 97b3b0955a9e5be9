//! One line of a prize structure: e.g. "Giải Nhì", 2 prizes, for round 3's
//! civil servants. Round 0 is the whole contest; category "" is everyone.
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "prize_tier")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub contest_id: i32,
    pub round_id: i32,
    pub category: String,
    /// 1 for the highest prize.
    pub position: i32,
    pub name: String,
    pub quantity: i32,
    /// What each such prize adds to its winner's unit in the collective score.
    pub unit_points: f64,
}

impl ActiveModelBehavior for ActiveModel {}
