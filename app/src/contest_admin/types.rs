//! The wire types of contest and round set-up: what the browser and the JSON API see (docs/api.md).
//! The server functions that send them are in `api.rs`.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContestRow {
    pub id: i32,
    pub slug: String,
    pub title: String,
    pub published: bool,
    pub rounds: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryDraft {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContestDraft {
    pub id: Option<i32>,
    pub slug: String,
    pub title: String,
    pub organizer_name: String,
    /// Rich text (basic HTML); sanitized on save.
    pub rules: String,
    pub id_number_required: bool,
    pub categories: Vec<CategoryDraft>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExclusionRow {
    pub id: i32,
    pub phone: Option<String>,
    pub id_number: Option<String>,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundRow {
    pub id: i32,
    pub number: i32,
    pub title: String,
    /// dd/mm/yyyy HH:MM, local.
    pub opens: String,
    pub closes: String,
    pub pool_size: u64,
    pub attempts: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContestSetup {
    pub contest: ContestDraft,
    pub published: bool,
    pub rounds: Vec<RoundRow>,
    pub exclusions: Vec<ExclusionRow>,
}

/// How a round's pool is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PoolMode {
    /// Every active question of the bank.
    All,
    /// Every question of the chosen topics.
    Topics,
    /// Questions picked one by one.
    Manual,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaDraft {
    pub topic_id: i32,
    pub count: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundDraft {
    pub id: Option<i32>,
    pub contest_id: i32,
    pub number: i32,
    pub title: String,
    /// Local time (Asia/Ho_Chi_Minh): `yyyy-mm-ddTHH:MM` (a datetime-local field) or `dd/mm/yyyy HH:MM`.
    pub opens_at: String,
    pub closes_at: String,
    pub questions_per_attempt: i32,
    pub time_limit_minutes: i32,
    pub attempts_allowed: i32,
    /// best | first | last
    pub counted_attempt: String,
    /// none | full_marks | participants
    pub prediction_kind: String,
    pub prediction_prompt: Option<String>,
    /// never | after_submit | after_close
    pub review_policy: String,
    /// A practice round (đợt thi thử): after_submit shows the key at once, and
    /// in exchange the round is never ranked and awards no prizes.
    #[serde(default)]
    pub practice: bool,
    pub pool_mode: PoolMode,
    pub pool_topics: Vec<i32>,
    pub pool_questions: Vec<i32>,
    pub quotas: Vec<QuotaDraft>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundSetup {
    pub round: RoundDraft,
    pub attempts: u64,
    pub pool_size: u64,
    /// Open right now: its pool, time limit, questions per attempt, attempts
    /// allowed and opening time are locked (the server refuses changes).
    #[serde(default)]
    pub running: bool,
}

impl RoundDraft {
    /// A new round's defaults: a week's round of 20 questions in 20 minutes, two attempts.
    pub fn blank(contest_id: i32, number: i32) -> Self {
        RoundDraft {
            id: None,
            contest_id,
            number,
            title: String::new(),
            opens_at: String::new(),
            closes_at: String::new(),
            questions_per_attempt: 20,
            time_limit_minutes: 20,
            attempts_allowed: 2,
            counted_attempt: "best".into(),
            prediction_kind: "full_marks".into(),
            prediction_prompt: Some(
                "Theo bạn, đợt thi này có bao nhiêu người trả lời đúng tất cả các câu hỏi?".into(),
            ),
            review_policy: "after_close".into(),
            practice: false,
            pool_mode: PoolMode::All,
            pool_topics: Vec::new(),
            pool_questions: Vec::new(),
            quotas: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedId {
    pub id: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundMonitor {
    pub in_progress: u64,
    pub submitted_last_minute: u64,
    pub submitted: u64,
    /// Attempts the server had to close itself (time ran out without a submit):
    /// a rising number hints at network trouble on the contestants' side.
    pub closed_by_server: u64,
    pub contestants: u64,
    /// dd/mm/yyyy HH:MM:SS of the reading.
    pub at: String,
}
