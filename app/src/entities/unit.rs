//! A unit (đơn vị): province, agency, district, commune or office.
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "unit")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub parent_id: Option<i32>,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub headcount: i32,
    pub sort_order: i32,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
