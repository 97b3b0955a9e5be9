//! Contest and round set-up server functions (organizers and admins).
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};
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

#[cfg(feature = "ssr")]
fn guard() -> crate::staff::guard::Access {
    crate::staff::guard::Access::Organizer
}

#[server(prefix = "/api", endpoint = "admin/contests", input = GetUrl)]
pub async fn admin_contests() -> Result<Vec<ContestRow>, AppError> {
    crate::staff::guard::require(guard()).await?;
    let db = crate::state::db()?;
    super::service::contests(&db).await
}

#[server(prefix = "/api", endpoint = "admin/contests/get", input = GetUrl)]
pub async fn admin_contest(id: i32) -> Result<ContestSetup, AppError> {
    crate::staff::guard::require(guard()).await?;
    let db = crate::state::db()?;
    super::service::contest(&db, id).await
}

#[server(prefix = "/api", endpoint = "admin/contests/save", input = Json)]
pub async fn admin_save_contest(draft: ContestDraft) -> Result<SavedId, AppError> {
    let staff = crate::staff::guard::require(guard()).await?;
    let db = crate::state::db()?;
    super::service::save_contest(&db, &staff, draft, chrono::Utc::now()).await.map(|id| SavedId { id })
}

/// Publishes (shown on the site, open to contestants) or unpublishes a contest.
#[server(prefix = "/api", endpoint = "admin/contests/publish", input = Json)]
pub async fn admin_publish_contest(id: i32, published: bool) -> Result<SavedId, AppError> {
    let staff = crate::staff::guard::require(guard()).await?;
    let db = crate::state::db()?;
    super::service::publish(&db, &staff, id, published, chrono::Utc::now()).await.map(|id| SavedId { id })
}

/// Adds someone to a contest's exclusion list (by phone and/or ID number).
#[server(prefix = "/api", endpoint = "admin/contests/exclusions/add", input = Json)]
pub async fn admin_add_exclusion(
    contest_id: i32,
    phone: Option<String>,
    id_number: Option<String>,
    reason: String,
) -> Result<SavedId, AppError> {
    let staff = crate::staff::guard::require(guard()).await?;
    let db = crate::state::db()?;
    super::service::add_exclusion(&db, &staff, contest_id, phone, id_number, reason, chrono::Utc::now())
        .await
        .map(|id| SavedId { id })
}

#[server(prefix = "/api", endpoint = "admin/contests/exclusions/remove", input = Json)]
pub async fn admin_remove_exclusion(id: i32) -> Result<SavedId, AppError> {
    let staff = crate::staff::guard::require(guard()).await?;
    let db = crate::state::db()?;
    super::service::remove_exclusion(&db, &staff, id, chrono::Utc::now()).await.map(|id| SavedId { id })
}

#[server(prefix = "/api", endpoint = "admin/rounds/get", input = GetUrl)]
pub async fn admin_round(id: i32) -> Result<RoundSetup, AppError> {
    crate::staff::guard::require(guard()).await?;
    let db = crate::state::db()?;
    super::service::round(&db, id, chrono::Utc::now()).await
}

/// A blank round for a contest, numbered after its last round.
#[server(prefix = "/api", endpoint = "admin/rounds/new", input = GetUrl)]
pub async fn admin_new_round(contest_id: i32) -> Result<RoundSetup, AppError> {
    crate::staff::guard::require(guard()).await?;
    let db = crate::state::db()?;
    super::service::new_round(&db, contest_id).await
}

/// Creates or updates a round. Changing the rules of a round that already has
/// attempts is refused with 409 `round_has_attempts` unless `confirm` is true;
/// running attempts keep their deadline either way. While the round is open,
/// its pool, time limit, questions per attempt, attempts allowed and opening
/// time cannot change at all (422, a reason per field).
#[server(prefix = "/api", endpoint = "admin/rounds/save", input = Json)]
pub async fn admin_save_round(draft: RoundDraft, confirm: bool) -> Result<SavedId, AppError> {
    let staff = crate::staff::guard::require(guard()).await?;
    let db = crate::state::db()?;
    super::service::save_round(&db, &staff, draft, confirm, chrono::Utc::now()).await.map(|id| SavedId { id })
}

/// Live figures of a round (refreshed by the page every few seconds).
#[server(prefix = "/api", endpoint = "admin/rounds/monitor", input = GetUrl)]
pub async fn admin_round_monitor(id: i32) -> Result<RoundMonitor, AppError> {
    crate::staff::guard::require(guard()).await?;
    let db = crate::state::db()?;
    super::service::monitor(&db, id, chrono::Utc::now()).await
}
