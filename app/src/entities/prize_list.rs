//! The prize list of one round (or of the whole contest, round 0) and where
//! it stands: draft → approved → published.
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "prize_list")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub contest_id: i32,
    pub round_id: i32,
    pub status: crate::prizes::ListStatus,
    /// The true figure the list was ranked with.
    pub truth: Option<i64>,
    pub approved_by: Option<String>,
    pub approved_at: Option<DateTimeUtc>,
    pub published_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
