//! A topic (chủ đề / lĩnh vực) of the question bank.
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "topic")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub code: String,
    pub name: String,
    pub sort_order: i32,
}

impl ActiveModelBehavior for ActiveModel {}
