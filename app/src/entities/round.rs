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
    pub counted_attempt: CountedAttempt,
    pub prediction_kind: PredictionKind,
    #[sea_orm(column_type = "Text", nullable)]
    pub prediction_prompt: Option<String>,
    pub review_policy: ReviewPolicy,
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

// The round's rules as types over the existing text columns (no data
// migration): a stored value outside these is a read error, never a silent default.

/// Which of a contestant's attempts in a round is ranked.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, serde::Serialize, serde::Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "snake_case")]
pub enum CountedAttempt {
    /// The best by the round's tie-break chain (the earlier on a full tie).
    #[sea_orm(string_value = "best")]
    Best,
    #[sea_orm(string_value = "first")]
    First,
    #[sea_orm(string_value = "last")]
    Last,
}

/// What the prediction question asks for, if the round has one.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, serde::Serialize, serde::Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "snake_case")]
pub enum PredictionKind {
    #[sea_orm(string_value = "none")]
    None,
    /// How many contestants will answer every question right.
    #[sea_orm(string_value = "full_marks")]
    FullMarks,
    /// How many contestants will take part.
    #[sea_orm(string_value = "participants")]
    Participants,
}

/// When a contestant may see the answer key of a submitted attempt (attempt::review).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, serde::Serialize, serde::Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "snake_case")]
pub enum ReviewPolicy {
    #[sea_orm(string_value = "never")]
    Never,
    #[sea_orm(string_value = "after_submit")]
    AfterSubmit,
    #[sea_orm(string_value = "after_close")]
    AfterClose,
}

/// The stored code of each rule, as the wire and the audit log carry it.
macro_rules! codes {
    ($($ty:ident),*) => {$(
        impl $ty {
            pub fn code(self) -> String {
                self.to_value()
            }

            /// The rule for a code from the wire, or `None` for any other text.
            pub fn parse(code: &str) -> Option<Self> {
                <Self as ActiveEnum>::try_from_value(&code.to_owned()).ok()
            }
        }
    )*};
}
codes!(CountedAttempt, PredictionKind, ReviewPolicy);

impl Model {
    /// Whether the round asks the prediction question.
    pub fn asks_prediction(&self) -> bool {
        self.prediction_kind != PredictionKind::None
    }
}
