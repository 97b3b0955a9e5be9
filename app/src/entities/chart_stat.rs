//! Chart figures of a contest (round 0) or one round: submitted attempts and
//! distinct contestants per local day, or per 10-point score band.
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "chart_stat")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub contest_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub round_id: i32,
    /// "day" or "score".
    #[sea_orm(primary_key, auto_increment = false)]
    pub kind: String,
    /// yyyymmdd (Asia/Ho_Chi_Minh) for days; 0, 10, …, 90, 100 for score bands.
    #[sea_orm(primary_key, auto_increment = false)]
    pub bucket: i32,
    pub attempts: i64,
    pub contestants: i64,
}

impl ActiveModelBehavior for ActiveModel {}
