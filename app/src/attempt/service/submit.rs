//! Submitting, grading, and closing attempts whose time is up.
use super::*;

/// Submits and grades once; a second submit returns the stored result.
pub async fn submit(
    db: &(impl ConnectionTrait + TransactionTrait),
    contestant_id: i32,
    attempt_id: i32,
    prediction: Option<i64>,
    now: DateTime<Utc>,
    grace_seconds: i64,
) -> Result<AttemptResult> {
    let attempt = own_attempt(db, contestant_id, attempt_id).await?;
    if attempt.submitted_at.is_some() {
        return result_of(db, &attempt).await;
    }
    let round = round_of(db, attempt.round_id).await?;
    let in_time = now <= attempt.deadline_at + Duration::seconds(grace_seconds);
    if let Some(p) = prediction {
        crate::attempt::prediction::check(p)?;
    }
    // The prediction is asked after the questions; once time has run out the
    // attempt is graded without insisting on it. One saved while the attempt
    // ran (`predict`) counts as given.
    let given = prediction.is_some() || attempt.prediction.is_some();
    if now < attempt.deadline_at && round.asks_prediction() && !given {
        return Err(AppError::invalid("prediction", "Vui lòng trả lời câu hỏi dự đoán trước khi nộp bài."));
    }
    // Late: graded as of the deadline, with the prediction saved in time only.
    let (closed_at, prediction) =
        if in_time { (now.min(attempt.deadline_at), prediction) } else { (attempt.deadline_at, None) };
    grade(db, &attempt, closed_at, prediction).await?;
    let graded = own_attempt(db, contestant_id, attempt_id).await?;
    result_of(db, &graded).await
}

pub(super) async fn result_of(db: &impl ConnectionTrait, attempt: &attempt::Model) -> Result<AttemptResult> {
    let answered = attempt_question::Entity::find()
        .filter(attempt_question::Column::AttemptId.eq(attempt.id))
        .filter(attempt_question::Column::ChosenOptionId.is_not_null())
        .count(db)
        .await?;
    match (attempt.correct_count, attempt.score, attempt.duration_ms) {
        (Some(correct), Some(score), Some(duration_ms)) => Ok(AttemptResult {
            attempt_id: attempt.id,
            score,
            correct,
            total: attempt.question_count,
            duration_ms,
            unanswered: (i64::from(attempt.question_count) - answered as i64).max(0) as i32,
            prediction: attempt.prediction,
        }),
        _ => Err(AppError::internal(&format!("submitted attempt {} without a grade", attempt.id))),
    }
}

/// Closes and grades `attempt` as of `closed_at`, unless someone already did.
/// `prediction` replaces the one saved while the attempt ran; `None` keeps
/// the saved one (a closed tab, the sweep, a late submit).
pub(super) async fn grade(
    db: &(impl ConnectionTrait + TransactionTrait),
    attempt: &attempt::Model,
    closed_at: DateTime<Utc>,
    prediction: Option<i64>,
) -> Result<()> {
    let txn = db.begin().await?;
    // Waits for answer saves holding the row, then shuts the door on later ones.
    let won = attempt::Entity::update_many()
        .col_expr(attempt::Column::SubmittedAt, Expr::value(closed_at))
        .filter(attempt::Column::Id.eq(attempt.id))
        .filter(attempt::Column::SubmittedAt.is_null())
        .exec(&txn)
        .await?
        .rows_affected
        == 1;
    if !won {
        txn.rollback().await?;
        return Ok(());
    }
    let rows = attempt_question::Entity::find()
        .filter(attempt_question::Column::AttemptId.eq(attempt.id))
        .all(&txn)
        .await?;
    let correct = rows.iter().filter(|r| r.chosen_option_id == Some(r.correct_option_id)).count() as i32;
    let total = attempt.question_count;
    let duration_ms =
        (closed_at - attempt.started_at).num_milliseconds().clamp(0, i64::from(i32::MAX)) as i32;
    let mut graded = attempt::Entity::update_many()
        .col_expr(attempt::Column::CorrectCount, Expr::value(correct))
        .col_expr(attempt::Column::Score, Expr::value(score(correct, total)))
        .col_expr(attempt::Column::DurationMs, Expr::value(duration_ms));
    if let Some(prediction) = prediction {
        graded = graded.col_expr(attempt::Column::Prediction, Expr::value(prediction));
    }
    graded.filter(attempt::Column::Id.eq(attempt.id)).exec(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// Whether `attempt`'s deadline plus grace has passed without a submit; if so
/// it is graded now with what was saved, as the periodic sweep would.
pub(super) async fn close_if_overdue(
    db: &(impl ConnectionTrait + TransactionTrait),
    attempt: &attempt::Model,
    now: DateTime<Utc>,
    grace_seconds: i64,
) -> Result<bool> {
    let overdue =
        attempt.submitted_at.is_none() && attempt.deadline_at < now - Duration::seconds(grace_seconds);
    if overdue {
        grade(db, attempt, attempt.deadline_at, None).await?;
    }
    Ok(overdue)
}

/// Grades every attempt whose deadline plus grace has passed without a submit,
/// with what was saved. Run periodically by the server, so that attempts whose
/// browser never came back are closed too.
pub async fn close_overdue(
    db: &(impl ConnectionTrait + TransactionTrait),
    now: DateTime<Utc>,
    grace_seconds: i64,
) -> Result<usize> {
    let overdue = attempt::Entity::find()
        .filter(attempt::Column::SubmittedAt.is_null())
        .filter(attempt::Column::DeadlineAt.lt(now - Duration::seconds(grace_seconds)))
        .all(db)
        .await?;
    for attempt in &overdue {
        grade(db, attempt, attempt.deadline_at, None).await?;
    }
    Ok(overdue.len())
}
