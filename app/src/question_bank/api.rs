//! Question bank server functions. `GET /api/admin/questions` is a stable
//! contract for scripts (docs/api.md); the rest serve the dashboard.
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionItem {
    pub id: i32,
    pub text: String,
    pub correct: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionItem {
    pub id: i32,
    pub text: String,
    /// The topic's id (the `topic` filter takes the same ids).
    pub topic: i32,
    pub topic_name: String,
    /// 1 easy, 2 medium, 3 hard.
    pub difficulty: i16,
    pub active: bool,
    pub options: Vec<OptionItem>,
    /// How many attempts drew it, and the % of those answers that were right.
    pub times_drawn: u64,
    pub correct_pct: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionPage {
    pub total: u64,
    pub page: u64,
    pub page_size: u64,
    pub items: Vec<QuestionItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionDetail {
    pub item: QuestionItem,
    pub explanation: Option<String>,
    pub legal_source: Option<String>,
    /// Rounds whose pool holds it, e.g. "Cuộc thi … — Tuần 2".
    pub rounds: Vec<String>,
    pub updated_at: String,
}

/// A question as typed in the editor (or fixed in the import preview).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionDraft {
    /// None: a new question.
    pub id: Option<i32>,
    pub topic_id: i32,
    pub text: String,
    pub options: Vec<String>,
    /// 0-based index of the correct option.
    pub correct: usize,
    pub explanation: Option<String>,
    pub legal_source: Option<String>,
    pub difficulty: i16,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Similar {
    pub id: i32,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedQuestion {
    pub id: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicItem {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub questions: u64,
    pub active_questions: u64,
}

/// Search filters; every field optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionFilter {
    pub q: Option<String>,
    pub topic: Option<i32>,
    pub difficulty: Option<i16>,
    /// `active` | `retired` | (anything else) all
    pub status: Option<String>,
    /// `used` (in some round's pool) | `unused` | all
    pub usage: Option<String>,
    pub page: Option<u64>,
}

/// One page (50) of the bank: `q` ignores diacritics and case.
#[server(prefix = "/api", endpoint = "admin/questions", input = GetUrl)]
pub async fn admin_questions(
    q: Option<String>,
    topic: Option<i32>,
    difficulty: Option<i16>,
    status: Option<String>,
    usage: Option<String>,
    page: Option<u64>,
) -> Result<QuestionPage, AppError> {
    crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    let filter = QuestionFilter { q, topic, difficulty, status, usage, page };
    super::service::search(&db, &filter).await
}

/// One question with its use in rounds and its statistics.
#[server(prefix = "/api", endpoint = "admin/questions/get", input = GetUrl)]
pub async fn admin_question(id: i32) -> Result<QuestionDetail, AppError> {
    crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    super::service::detail(&db, id).await
}

/// Questions whose normalized text equals `text`'s (duplicate warning while typing).
#[server(prefix = "/api", endpoint = "admin/questions/similar", input = GetUrl)]
pub async fn admin_similar_questions(text: String, except: Option<i32>) -> Result<Vec<Similar>, AppError> {
    crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    super::service::similar(&db, &text, except).await
}

/// Creates or updates a question. A duplicate of an existing question's text is
/// refused (409 `duplicate_question`) unless `allow_duplicate` is true.
/// Attempts already made keep their own copy of the question.
#[server(prefix = "/api", endpoint = "admin/questions/save", input = Json)]
pub async fn admin_save_question(
    draft: QuestionDraft,
    allow_duplicate: bool,
) -> Result<SavedQuestion, AppError> {
    let staff = crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    super::service::save(&db, &staff, draft, allow_duplicate, chrono::Utc::now())
        .await
        .map(|id| SavedQuestion { id })
}

/// Retires (active = false) or restores a question. Retired questions are never drawn.
#[server(prefix = "/api", endpoint = "admin/questions/set_active", input = Json)]
pub async fn admin_set_question_active(id: i32, active: bool) -> Result<SavedQuestion, AppError> {
    let staff = crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    super::service::set_active(&db, &staff, id, active, chrono::Utc::now())
        .await
        .map(|id| SavedQuestion { id })
}

/// The topics with their question counts.
#[server(prefix = "/api", endpoint = "admin/topics", input = GetUrl)]
pub async fn admin_topics() -> Result<Vec<TopicItem>, AppError> {
    crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    super::service::topics(&db).await
}

/// Creates a topic (or renames one when `id` is given).
#[server(prefix = "/api", endpoint = "admin/topics/save", input = Json)]
pub async fn admin_save_topic(id: Option<i32>, name: String) -> Result<TopicItem, AppError> {
    let staff = crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    super::service::save_topic(&db, &staff, id, &name, chrono::Utc::now()).await
}
