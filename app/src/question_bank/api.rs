//! Question bank server functions. `GET /api/admin/questions` is a stable
//! contract for scripts (docs/api.md); the rest serve the dashboard.
// Re-exported so the pages, which import from `api`, keep their paths.
pub use super::types::*;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

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

/// Every round, newest contest first, for the statistics page's picker.
#[server(prefix = "/api", endpoint = "admin/questions/stats/rounds", input = GetUrl)]
pub async fn admin_question_stats_rounds() -> Result<Vec<RoundChoice>, AppError> {
    crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    super::service::stats::round_choices(&db).await
}

/// Per-question statistics of the submitted attempts of a round.
#[server(prefix = "/api", endpoint = "admin/questions/stats", input = GetUrl)]
pub async fn admin_question_stats(round_id: i32) -> Result<Vec<QuestionStat>, AppError> {
    crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    super::service::stats::compute(&db, round_id).await
}
