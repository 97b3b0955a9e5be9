//! A round (đợt thi / tuần thi): one window with its own draw, limits and prizes.
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "round")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub contest_id: i32,
    pub number: i32,
    pub title: String,
    pub opens_at: DateTimeUtc,
    pub closes_at: DateTimeUtc,
    pub questions_per_attempt: i32,
    pub time_limit_seconds: i32,
    pub attempts_allowed: i32,
    pub counted_attempt: String,
    pub prediction_kind: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub prediction_prompt: Option<String>,
    pub review_policy: String,
    /// Comma-separated chain, e.g. `score,prediction,duration,submitted` (results::ranking).
    pub tie_break: String,
    /// The prediction question's true figure, recorded once the round has closed.
    pub truth: Option<i64>,
    pub truth_at: Option<DateTimeUtc>,
    /// A practice round (đợt thi thử): review right after submit, never ranked, no prizes.
    pub practice: bool,
    /// How the pool is chosen: `all` (every active question), `topics` (the
    /// topics in round_pool_topic) or `manual` (the questions in round_question).
    /// Resolved when an attempt is drawn (contest_admin::pool).
    pub pool_mode: String,
    /// Bumped by every change that moves the ranking other than a newly graded
    /// attempt; a cached ranking of another generation is ranked again
    /// (results::cache), so every server sees an organizer's decision at once.
    pub ranking_generation: i64,
}

impl ActiveModelBehavior for ActiveModel {}
