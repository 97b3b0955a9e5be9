//! A contestant the organizer disqualified from a contest's prizes, with why.
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "disqualification")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub contest_id: i32,
    pub contestant_id: i32,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    pub actor: String,
    pub at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
