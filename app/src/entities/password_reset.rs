//! A single-use password reset: an e-mailed link or a dashboard-issued code,
//! kept as the SHA-256 of its secret only. See `account_recovery`.
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "password_reset")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub contestant_id: i32,
    /// `link` or `code`.
    pub kind: String,
    #[sea_orm(unique)]
    pub secret_hash: String,
    pub issued_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
