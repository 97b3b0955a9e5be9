//! An attempt (lượt thi): one timed sitting of a contestant in a round.
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attempt")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub round_id: i32,
    pub contestant_id: i32,
    pub sequence: i32,
    pub started_at: DateTimeUtc,
    pub deadline_at: DateTimeUtc,
    pub submitted_at: Option<DateTimeUtc>,
    pub last_answer_at: Option<DateTimeUtc>,
    pub correct_count: Option<i32>,
    pub question_count: i32,
    pub score: Option<i32>,
    pub duration_ms: Option<i32>,
    pub prediction: Option<i64>,
    pub eligible: bool,
    /// The extra time the contestant had when this attempt started, in percent
    /// of the round's limit (0 for none): its deadline was set from it, and
    /// ranking by duration reads it (`results::ranking::counted_duration_ms`).
    pub extra_time_percent: i32,
}

impl ActiveModelBehavior for ActiveModel {}
