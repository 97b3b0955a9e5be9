//! One throttling counter: how many hits `key` had in the window that began
//! at `window_start` (Unix seconds). See `throttle::store`.
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "throttle")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    pub hits: i32,
    pub window_start: i64,
    /// When the row may be deleted: the end of its window.
    pub expires_at: i64,
}

impl ActiveModelBehavior for ActiveModel {}
