//! One collective prize of the contest's list (round 0).
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "unit_award")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub prize_list_id: i32,
    pub position: i32,
    pub prize_name: String,
    pub rank: i32,
    pub unit_id: i32,
    pub unit_name: String,
    pub participation_pct: f64,
    pub points: f64,
}

impl ActiveModelBehavior for ActiveModel {}
