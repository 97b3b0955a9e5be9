//! A contestant (thí sinh), registered once for the whole platform.
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contestant")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub full_name: String,
    pub birth_date: Date,
    pub phone: String,
    pub id_number: Option<String>,
    pub email: Option<String>,
    pub category: String,
    pub unit_id: i32,
    pub password_hash: String,
    pub profile_locked_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    /// Set when an organizer locks the account: no sign-in, no attempts.
    pub locked_at: Option<DateTimeUtc>,
    /// Folded name, phone and ID number (see `contestant_admin::search_key`).
    #[sea_orm(column_type = "Text")]
    pub search_key: String,
    /// The IP address the account was registered from, when known.
    pub registered_from: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
