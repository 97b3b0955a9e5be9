//! Saving answers (one, or a batch from the offline queue) and the prediction.
use super::*;

/// Saves one answer while the attempt is open (deadline plus grace).
pub async fn answer(
    db: &(impl ConnectionTrait + TransactionTrait),
    contestant_id: i32,
    answer: Answer,
    now: DateTime<Utc>,
    grace_seconds: i64,
) -> Result<Saved> {
    let txn = db.begin().await?;
    if !claim_open(&txn, contestant_id, answer.attempt_id, now, grace_seconds).await? {
        txn.rollback().await?;
        let attempt = own_attempt(db, contestant_id, answer.attempt_id).await?;
        return Err(refused_write(db, &attempt, now, grace_seconds).await);
    }
    // One statement on the hot path: the option must be in this question's
    // snapshot, which we serialised ourselves as [{"id":N,"text":…},…].
    let saved = attempt_question::Entity::update_many()
        .col_expr(attempt_question::Column::ChosenOptionId, Expr::value(answer.option_id))
        .col_expr(attempt_question::Column::AnsweredAt, Expr::value(now))
        .filter(attempt_question::Column::AttemptId.eq(answer.attempt_id))
        .filter(attempt_question::Column::QuestionId.eq(answer.question_id))
        .filter(attempt_question::Column::Options.like(format!("%{{\"id\":{},\"text\":%", answer.option_id)))
        .exec(&txn)
        .await?
        .rows_affected
        == 1;
    if !saved {
        txn.rollback().await?;
        let row =
            attempt_question::Entity::find_by_id((answer.attempt_id, answer.question_id)).one(db).await?;
        return Err(match row {
            None => AppError::invalid("question_id", "Câu hỏi không thuộc bài thi này."),
            Some(_) => AppError::invalid("option_id", "Phương án không thuộc câu hỏi này."),
        });
    }
    txn.commit().await?;
    Ok(Saved { saved: true })
}

/// Saves the prediction while the attempt is open (deadline plus grace), as
/// an answer is saved: only the owner's, only before the submit. Saving it
/// again replaces it; the submit and the server's own grading use it.
pub async fn predict(
    db: &(impl ConnectionTrait + TransactionTrait),
    contestant_id: i32,
    attempt_id: i32,
    prediction: i64,
    now: DateTime<Utc>,
    grace_seconds: i64,
) -> Result<Saved> {
    let attempt = own_attempt(db, contestant_id, attempt_id).await?;
    let round = round_of(db, attempt.round_id).await?;
    if !round.asks_prediction() {
        return Err(AppError::invalid("prediction", "Đợt thi này không có câu hỏi dự đoán."));
    }
    crate::attempt::prediction::check(prediction)?;
    // One statement with the same conditions as `claim_open`: it takes the
    // row lock, so it is ordered with a concurrent submit like any answer.
    let saved = attempt::Entity::update_many()
        .col_expr(attempt::Column::LastAnswerAt, Expr::value(now))
        .col_expr(attempt::Column::Prediction, Expr::value(prediction))
        .filter(attempt::Column::Id.eq(attempt_id))
        .filter(attempt::Column::ContestantId.eq(contestant_id))
        .filter(attempt::Column::SubmittedAt.is_null())
        .filter(attempt::Column::DeadlineAt.gte(now - Duration::seconds(grace_seconds)))
        .exec(db)
        .await?
        .rows_affected
        == 1;
    if !saved {
        let attempt = own_attempt(db, contestant_id, attempt_id).await?;
        return Err(refused_write(db, &attempt, now, grace_seconds).await);
    }
    Ok(Saved { saved: true })
}

/// Saves a whole form's answers (the no-JavaScript submit), question id →
/// option id, in one transaction: all that belong to the attempt are saved,
/// entries naming another question or option are skipped. More entries than
/// the attempt has questions is refused (422) before anything is written.
/// Returns how many were saved.
pub async fn answer_all(
    db: &(impl ConnectionTrait + TransactionTrait),
    contestant_id: i32,
    attempt_id: i32,
    answers: &[(i32, i32)],
    now: DateTime<Utc>,
    grace_seconds: i64,
) -> Result<usize> {
    let attempt = own_attempt(db, contestant_id, attempt_id).await?;
    if answers.len() > attempt.question_count.max(0) as usize {
        return Err(AppError::invalid(
            "answers",
            &format!(
                "Bài thi chỉ có {} câu hỏi, không thể ghi {} câu trả lời.",
                attempt.question_count,
                answers.len()
            ),
        ));
    }
    if answers.is_empty() {
        return Ok(0);
    }
    let txn = db.begin().await?;
    if !claim_open(&txn, contestant_id, attempt_id, now, grace_seconds).await? {
        txn.rollback().await?;
        return Err(refused_write(db, &attempt, now, grace_seconds).await);
    }
    // The attempt's own questions and the options each was shown with.
    let mut shown: HashMap<i32, Vec<i32>> = HashMap::new();
    for row in attempt_question::Entity::find()
        .filter(attempt_question::Column::AttemptId.eq(attempt_id))
        .all(&txn)
        .await?
    {
        let options: Vec<SnapshotOption> = serde_json::from_str(&row.options).map_err(|e| {
            AppError::internal_because(&format!("corrupt snapshot of attempt {attempt_id}"), e)
        })?;
        shown.insert(row.question_id, options.into_iter().map(|o| o.id).collect());
    }
    let mut saved = 0;
    for &(question_id, option_id) in answers {
        if !shown.get(&question_id).is_some_and(|options| options.contains(&option_id)) {
            tracing::info!(attempt_id, question_id, option_id, "form answer not in the attempt, skipped");
            continue;
        }
        attempt_question::Entity::update_many()
            .col_expr(attempt_question::Column::ChosenOptionId, Expr::value(option_id))
            .col_expr(attempt_question::Column::AnsweredAt, Expr::value(now))
            .filter(attempt_question::Column::AttemptId.eq(attempt_id))
            .filter(attempt_question::Column::QuestionId.eq(question_id))
            .exec(&txn)
            .await?;
        saved += 1;
    }
    txn.commit().await?;
    Ok(saved)
}
