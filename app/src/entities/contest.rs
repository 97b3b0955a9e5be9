//! A contest (cuộc thi).
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contest")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub slug: String,
    pub title: String,
    pub organizer_name: String,
    #[sea_orm(column_type = "Text")]
    pub rules: String,
    pub id_number_required: bool,
    pub published: bool,
    pub root_unit_id: Option<i32>,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
