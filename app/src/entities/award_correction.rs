//! A change to a published prize list: who, when, why and what changed.
//! Shown to the public next to the list.
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "award_correction")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub prize_list_id: i32,
    pub at: DateTimeUtc,
    pub actor: String,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    #[sea_orm(column_type = "Text")]
    pub summary: String,
}

impl ActiveModelBehavior for ActiveModel {}
