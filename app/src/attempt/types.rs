//! The wire types of attempts: what the browser and the JSON API see (docs/api.md).
//! The server functions that send them are in `api.rs`.
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionView {
    pub id: i32,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionView {
    pub id: i32,
    pub text: String,
    pub options: Vec<OptionView>,
}

/// A running attempt as the contestant sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptView {
    pub attempt_id: i32,
    /// RFC 3339, server clock.
    pub deadline: String,
    pub server_now: String,
    /// The same two instants in Unix milliseconds, for countdowns.
    pub deadline_ms: i64,
    pub server_now_ms: i64,
    pub questions: Vec<QuestionView>,
    /// Saved answers: question id → option id.
    pub answers: BTreeMap<i32, i32>,
    /// The prediction saved so far (`POST /api/attempts/prediction`).
    pub prediction: Option<i64>,
    pub prediction_required: bool,
    pub prediction_prompt: Option<String>,
    /// "Bạn được cộng thêm 15 phút (50%): …" when the attempt was started with extra time.
    #[serde(default)]
    pub extra_time_note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub saved: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptResult {
    pub attempt_id: i32,
    /// Out of [`MAX_SCORE`].
    pub score: i32,
    pub correct: i32,
    pub total: i32,
    pub duration_ms: i32,
    /// Questions left without an answer.
    #[serde(default)]
    pub unanswered: i32,
    /// The prediction the attempt was graded with, if any.
    #[serde(default)]
    pub prediction: Option<i64>,
}

/// What a score is out of ("90/100 điểm").
pub const MAX_SCORE: i32 = 100;

/// Where one of my attempts stands (`in_progress` or `submitted` on the wire).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttemptStatus {
    InProgress,
    Submitted,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyAttempt {
    pub attempt_id: i32,
    pub round_id: i32,
    pub round_title: String,
    pub sequence: i32,
    pub started_at: String,
    pub submitted_at: Option<String>,
    pub status: AttemptStatus,
    pub score: Option<i32>,
    pub correct: Option<i32>,
    pub total: i32,
    pub duration_ms: Option<i32>,
}

/// How many attempts of a round a contestant has used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundAllowance {
    pub round_id: i32,
    pub title: String,
    pub used: i32,
    pub allowed: i32,
}

/// The signed-in contestant's standing in one contest, for its home page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContestStanding {
    pub full_name: String,
    pub allowances: Vec<RoundAllowance>,
    pub attempts: Vec<MyAttempt>,
}

/// One question of a submitted attempt, with the key, for the review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewItem {
    pub text: String,
    pub options: Vec<OptionView>,
    pub chosen_option_id: Option<i32>,
    pub correct_option_id: i32,
}

/// The review of a submitted attempt, when the round's review setting allows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// Why there is no review (yet), in Vietnamese; empty when `items` are given.
    pub note: String,
    pub items: Vec<ReviewItem>,
}

/// Whether the signed-in contestant can start, resume, or neither.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum StartChoice {
    /// Nobody is signed in.
    SignIn,
    /// A new attempt, number `sequence` of the allowed ones.
    Start { sequence: i32 },
    /// An attempt is running: back to it, nothing used.
    Resume { attempt_id: i32 },
    /// Not possible now; why, in Vietnamese.
    Unavailable { reason: String },
}

/// The start page's data. Public figures of a published round, plus the
/// signed-in contestant's own standing in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartInfo {
    pub round_id: i32,
    pub round_title: String,
    pub contest_title: String,
    pub contest_slug: String,
    pub questions_per_attempt: i32,
    pub time_limit_minutes: i32,
    pub attempts_allowed: i32,
    pub attempts_used: i32,
    /// Local time the round closes, "dd/mm/yyyy HH:mm".
    pub closes_label: String,
    /// The prediction question's prompt, when the round asks one.
    pub prediction_prompt: Option<String>,
    /// Which attempt is ranked when several are allowed, in Vietnamese.
    pub counted_rule: String,
    /// The signed-in contestant's extra time, in words ("Bạn được cộng thêm
    /// 15 phút (50%): …"), for a new attempt or the running one.
    #[serde(default)]
    pub extra_time_note: Option<String>,
    /// The contestant's own time limit in whole minutes (rounded up): the
    /// round's, or longer with extra time.
    #[serde(default)]
    pub minutes_with_extra_time: i64,
    pub choice: StartChoice,
}
