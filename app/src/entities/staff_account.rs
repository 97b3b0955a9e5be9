//! A dashboard account (admin, organizer or unit contact).
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staff_account")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub email: String,
    pub full_name: String,
    pub role: crate::staff::Role,
    pub unit_id: Option<i32>,
    pub password_hash: String,
    pub created_at: DateTimeUtc,
    /// Off: the account cannot sign in and its sessions stop working.
    pub active: bool,
    /// Raised to sign the account out everywhere (sessions carry the epoch they were made in).
    pub session_epoch: i32,
}

impl ActiveModelBehavior for ActiveModel {}
