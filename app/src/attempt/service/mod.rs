//! Attempts on the server's clock. Every answer save first writes the attempt
//! row, and so does a submit: the row lock puts them in one order on both
//! backends, so an acknowledged answer is always in the grade.
//!
//! Here: what the writes and reads share (the round, the contestant's own
//! attempt, `claim_open`, the snapshot types). [`start`] makes attempts,
//! [`answers`] saves answers and the prediction, [`submit`] grades and closes,
//! [`read`] is the read side (standing, my attempts, review).
use super::draw::{draw, DrawError, PoolQuestion};
use super::types::{
    AttemptResult, AttemptStatus, AttemptView, ContestStanding, MyAttempt, OptionView, QuestionView, Review,
    ReviewItem, RoundAllowance, Saved,
};
use crate::entities::round::CountedAttempt;
use crate::entities::round_topic_quota;
use crate::entities::{
    attempt, attempt_question, contest, contestant, exclusion, question, question_option, round,
};
use crate::error::{AppError, Result};
use crate::time::{local_datetime, ZONE};
use chrono::{DateTime, Duration, Utc};
use rand::seq::SliceRandom;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    Set, SqlErr, TransactionSession, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

mod answers;
mod read;
mod start;
mod submit;

pub use answers::{answer, answer_all, predict};
pub use read::{attempts_of, contest_status, own_result, own_view, review};
pub use start::{is_excluded, start, start_info};
pub use submit::{close_overdue, submit};
// Shared between the parts: each reaches the others' through `use super::*`.
use submit::{close_if_overdue, result_of};

/// An option as kept in the attempt's snapshot.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct SnapshotOption {
    id: i32,
    text: String,
}

pub struct Answer {
    pub attempt_id: i32,
    pub question_id: i32,
    pub option_id: i32,
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.with_timezone(&ZONE).to_rfc3339()
}

/// Score out of 100 for `correct` of `total`.
pub fn score(correct: i32, total: i32) -> i32 {
    if total <= 0 {
        0
    } else {
        (correct * 100 + total / 2) / total
    }
}

async fn round_of(db: &impl ConnectionTrait, round_id: i32) -> Result<round::Model> {
    let round =
        round::Entity::find_by_id(round_id).one(db).await?.ok_or_else(|| AppError::not_found("đợt thi"))?;
    let published = contest::Entity::find_by_id(round.contest_id).one(db).await?.is_some_and(|c| c.published);
    if published {
        Ok(round)
    } else {
        Err(AppError::not_found("đợt thi"))
    }
}

/// The attempt if it is `contestant_id`'s; 404 if unknown, 403 if someone else's.
async fn own_attempt(
    db: &impl ConnectionTrait,
    contestant_id: i32,
    attempt_id: i32,
) -> Result<attempt::Model> {
    let found = attempt::Entity::find_by_id(attempt_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("lượt thi"))?;
    if found.contestant_id == contestant_id {
        Ok(found)
    } else {
        Err(AppError::Forbidden)
    }
}

/// The contestant's view of an attempt: snapshot questions, saved answers, no key.
pub(super) async fn view(
    db: &impl ConnectionTrait,
    attempt: &attempt::Model,
    round: &round::Model,
    now: DateTime<Utc>,
) -> Result<AttemptView> {
    let rows = attempt_question::Entity::find()
        .filter(attempt_question::Column::AttemptId.eq(attempt.id))
        .order_by_asc(attempt_question::Column::Position)
        .all(db)
        .await?;
    let mut questions = Vec::with_capacity(rows.len());
    let mut answers = std::collections::BTreeMap::new();
    for row in rows {
        let options: Vec<SnapshotOption> = serde_json::from_str(&row.options).map_err(|e| {
            AppError::internal_because(&format!("corrupt snapshot of attempt {}", attempt.id), e)
        })?;
        if let Some(chosen) = row.chosen_option_id {
            answers.insert(row.question_id, chosen);
        }
        questions.push(QuestionView {
            id: row.question_id,
            text: row.question_text,
            options: options.into_iter().map(|o| OptionView { id: o.id, text: o.text }).collect(),
        });
    }
    Ok(AttemptView {
        attempt_id: attempt.id,
        deadline: rfc3339(attempt.deadline_at),
        server_now: rfc3339(now),
        deadline_ms: attempt.deadline_at.timestamp_millis(),
        server_now_ms: now.timestamp_millis(),
        questions,
        answers,
        prediction: attempt.prediction,
        prediction_required: round.asks_prediction(),
        prediction_prompt: round.prediction_prompt.clone(),
        extra_time_note: crate::extra_time::allowance_note(
            round.time_limit_seconds,
            attempt.extra_time_percent,
        ),
    })
}

/// The first write of every answer save: marks the attempt as answered if it
/// is the contestant's, unsubmitted and within deadline plus grace. Taking the
/// attempt's row lock (PostgreSQL) or the write lock (SQLite) first orders the
/// save with a concurrent submit. False when the attempt is not open.
pub(super) async fn claim_open(
    txn: &impl ConnectionTrait,
    contestant_id: i32,
    attempt_id: i32,
    now: DateTime<Utc>,
    grace_seconds: i64,
) -> Result<bool> {
    Ok(attempt::Entity::update_many()
        .col_expr(attempt::Column::LastAnswerAt, Expr::value(now))
        .filter(attempt::Column::Id.eq(attempt_id))
        .filter(attempt::Column::ContestantId.eq(contestant_id))
        .filter(attempt::Column::SubmittedAt.is_null())
        .filter(attempt::Column::DeadlineAt.gte(now - Duration::seconds(grace_seconds)))
        .exec(txn)
        .await?
        .rows_affected
        == 1)
}

/// Why a save to an attempt that is not open is refused: already submitted,
/// or out of time (then the attempt is closed and graded on the spot).
pub(super) async fn refused_write(
    db: &(impl ConnectionTrait + TransactionTrait),
    attempt: &attempt::Model,
    now: DateTime<Utc>,
    grace_seconds: i64,
) -> AppError {
    if attempt.submitted_at.is_some() {
        return AppError::conflict(
            "attempt_submitted",
            "Bài thi đã được nộp, không thể thay đổi câu trả lời.",
        );
    }
    if let Err(err) = close_if_overdue(db, attempt, now, grace_seconds).await {
        return err;
    }
    AppError::conflict("time_up", "Đã hết thời gian làm bài, câu trả lời này không được ghi nhận.")
}

#[cfg(test)]
mod tests {
    use super::score;

    #[test]
    fn score_is_out_of_100() {
        assert_eq!(score(20, 20), 100);
        assert_eq!(score(13, 20), 65);
        assert_eq!(score(0, 20), 0);
        assert_eq!(score(1, 3), 33);
        assert_eq!(score(0, 0), 0);
    }
}
