//! The extra time an organizer granted one contestant (WCAG 2.2.1), applied to
//! every attempt they start while it is in force. At most one per contestant.
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contestant_extra_time")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub contestant_id: i32,
    /// Added to a round's time limit, in percent (`extra_time::MIN_PERCENT`..=`MAX_PERCENT`).
    pub percent: i32,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    pub granted_by: Option<i32>,
    pub granted_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
