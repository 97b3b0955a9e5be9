//! One individual prize of an approved list, with what was true when it was
//! approved (name, unit, score, prediction), so a published list never changes silently.
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "award")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub prize_list_id: i32,
    pub position: i32,
    pub prize_name: String,
    pub category: String,
    pub rank: i32,
    pub contestant_id: i32,
    pub full_name: String,
    pub unit_id: i32,
    pub score: i32,
    pub duration_ms: i32,
    pub unit_points: f64,
    /// The winning attempt's prediction answer; none for the whole contest's list.
    pub prediction: Option<i64>,
}

impl ActiveModelBehavior for ActiveModel {}
