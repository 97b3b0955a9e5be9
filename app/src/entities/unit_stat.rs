//! Per-unit participation figures of a contest (round 0) or one round,
//! recomputed from the attempts by `results::stats::refresh`.
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "unit_stat")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub contest_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub round_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub unit_id: i32,
    pub attempts: i64,
    pub contestants: i64,
    pub full_marks: i64,
    pub score_sum: i64,
    pub refreshed_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
