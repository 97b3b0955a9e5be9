//! The attempt part of the JSON API. Nothing here carries a correct option:
//! results say how many were right, never which.
// Re-exported so the pages, which import from `api`, keep their paths.
pub use super::types::*;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};
use std::collections::BTreeMap;

/// `None` when nobody is signed in (the page then simply shows no panel).
#[server(prefix = "/api", endpoint = "me/contest", input = GetUrl)]
pub async fn my_contest_status(contest_id: i32) -> Result<Option<ContestStanding>, AppError> {
    let Ok(contestant_id) = crate::session::require_contestant().await else {
        return Ok(None);
    };
    let db = crate::state::db()?;
    super::service::contest_status(&db, contestant_id, contest_id).await.map(Some)
}

/// Starts an attempt in `round_id`, or returns the one still running there.
#[server(prefix = "/api", endpoint = "attempts/start", input = Json)]
pub async fn start_attempt(round_id: i32) -> Result<AttemptView, AppError> {
    let contestant_id = crate::session::require_contestant().await?;
    let state = crate::state::state()?;
    super::service::start(&state.db, contestant_id, round_id, chrono::Utc::now(), state.grace_seconds).await
}

/// Saves one answer; saving the same answer again is harmless.
#[server(prefix = "/api", endpoint = "attempts/answer", input = Json)]
pub async fn save_answer(attempt_id: i32, question_id: i32, option_id: i32) -> Result<Saved, AppError> {
    let contestant_id = crate::session::require_contestant().await?;
    let state = crate::state::state()?;
    let answer = super::service::Answer { attempt_id, question_id, option_id };
    super::service::answer(&state.db, contestant_id, answer, chrono::Utc::now(), state.grace_seconds).await
}

/// Saves the prediction answer while the attempt runs, as an answer is
/// saved; saving again replaces it. The submit (and the server's own grading
/// of an attempt whose tab was closed) uses the saved figure.
#[server(prefix = "/api", endpoint = "attempts/prediction", input = Json)]
pub async fn save_prediction(attempt_id: i32, prediction: i64) -> Result<Saved, AppError> {
    let contestant_id = crate::session::require_contestant().await?;
    let state = crate::state::state()?;
    super::service::predict(
        &state.db,
        contestant_id,
        attempt_id,
        prediction,
        chrono::Utc::now(),
        state.grace_seconds,
    )
    .await
}

/// Submits and grades; submitting twice returns the same result.
#[server(prefix = "/api", endpoint = "attempts/submit", input = Json)]
pub async fn submit_attempt(attempt_id: i32, prediction: Option<i64>) -> Result<AttemptResult, AppError> {
    let contestant_id = crate::session::require_contestant().await?;
    let state = crate::state::state()?;
    super::service::submit(
        &state.db,
        contestant_id,
        attempt_id,
        prediction,
        chrono::Utc::now(),
        state.grace_seconds,
    )
    .await
}

/// The signed-in contestant's attempts, newest first.
#[server(prefix = "/api", endpoint = "me/attempts", input = GetUrl)]
pub async fn my_attempts() -> Result<Vec<MyAttempt>, AppError> {
    let contestant_id = crate::session::require_contestant().await?;
    let db = crate::state::db()?;
    super::service::attempts_of(&db, contestant_id).await
}

/// Which answers were right, after grading, as the round's review policy says.
#[server(prefix = "/api", endpoint = "attempts/review", input = GetUrl)]
pub async fn get_review(attempt_id: i32) -> Result<Review, AppError> {
    let contestant_id = crate::session::require_contestant().await?;
    let state = crate::state::state()?;
    super::service::review(&state.db, contestant_id, attempt_id, chrono::Utc::now(), state.grace_seconds)
        .await
}

/// The quiz page's data: the signed-in contestant's running attempt.
#[server(prefix = "/api", endpoint = "ui/attempt", input = GetUrl)]
pub async fn get_attempt(attempt_id: i32) -> Result<AttemptView, AppError> {
    let contestant_id = crate::session::require_contestant().await?;
    let state = crate::state::state()?;
    super::service::own_view(&state.db, contestant_id, attempt_id, chrono::Utc::now(), state.grace_seconds)
        .await
}

/// The result page's data.
#[server(prefix = "/api", endpoint = "ui/result", input = GetUrl)]
pub async fn get_result(attempt_id: i32) -> Result<AttemptResult, AppError> {
    let contestant_id = crate::session::require_contestant().await?;
    let db = crate::state::db()?;
    super::service::own_result(&db, contestant_id, attempt_id).await
}

/// The "Vào thi" form of the contest page (works without wasm): starts or
/// resumes the attempt and goes to the quiz page; not signed in → sign-in page.
#[server(prefix = "/api", endpoint = "ui/start")]
pub async fn start_form(round_id: i32) -> Result<(), AppError> {
    let Ok(contestant_id) = crate::session::require_contestant().await else {
        leptos_axum::redirect(&format!("/dang-nhap?vong={round_id}"));
        return Ok(());
    };
    let state = crate::state::state()?;
    let view =
        super::service::start(&state.db, contestant_id, round_id, chrono::Utc::now(), state.grace_seconds)
            .await?;
    leptos_axum::redirect(&format!("/bai-thi/{}", view.attempt_id));
    Ok(())
}

/// The quiz page's form submit (works without wasm): saves every chosen
/// answer still in time, then submits and goes to the result page.
#[server(prefix = "/api", endpoint = "ui/submit")]
pub async fn submit_form(
    attempt_id: i32,
    answers: Option<BTreeMap<String, String>>,
    prediction: Option<String>,
) -> Result<(), AppError> {
    let contestant_id = crate::session::require_contestant().await?;
    let state = crate::state::state()?;
    let now = chrono::Utc::now();
    // Unreadable entries are skipped; the service refuses more entries than the
    // attempt has questions, and saves the rest in one transaction.
    let answers: Vec<(i32, i32)> = answers
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(question, option)| Some((question.parse().ok()?, option.parse().ok()?)))
        .collect();
    // Late or already-submitted saves are refused by the service; the submit below still grades.
    if let Err(e) =
        super::service::answer_all(&state.db, contestant_id, attempt_id, &answers, now, state.grace_seconds)
            .await
    {
        if !matches!(e, AppError::Conflict { .. }) {
            return Err(e);
        }
    }
    let prediction = super::prediction::parse(prediction.as_deref().unwrap_or_default())?;
    super::service::submit(&state.db, contestant_id, attempt_id, prediction, now, state.grace_seconds)
        .await?;
    leptos_axum::redirect(&format!("/ket-qua/{attempt_id}"));
    Ok(())
}

/// The start page's data; anyone may read it (a visitor gets `SignIn`).
#[server(prefix = "/api", endpoint = "ui/start_page", input = GetUrl)]
pub async fn get_start_info(round_id: i32) -> Result<StartInfo, AppError> {
    let contestant_id = crate::session::require_contestant().await.ok();
    let state = crate::state::state()?;
    super::service::start_info(&state.db, contestant_id, round_id, chrono::Utc::now(), state.grace_seconds)
        .await
        // Rendered into the start page too: the page answers the error's status.
        .inspect_err(crate::error::answer_page_with)
}
