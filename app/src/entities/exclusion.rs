//! Someone a contest excludes from prizes (organizers, jury, secretariat).
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "exclusion")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub contest_id: i32,
    pub phone: Option<String>,
    pub id_number: Option<String>,
    pub reason: String,
}

impl ActiveModelBehavior for ActiveModel {}
