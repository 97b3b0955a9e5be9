//! The read side: standing in a contest, my attempts, my result, the review.
use super::*;

/// The contestant's attempts, newest first.
pub async fn attempts_of(db: &impl ConnectionTrait, contestant_id: i32) -> Result<Vec<MyAttempt>> {
    let attempts = attempt::Entity::find()
        .filter(attempt::Column::ContestantId.eq(contestant_id))
        .order_by_desc(attempt::Column::StartedAt)
        .all(db)
        .await?;
    let round_ids: Vec<i32> = attempts.iter().map(|a| a.round_id).collect();
    let titles: HashMap<i32, String> = round::Entity::find()
        .filter(round::Column::Id.is_in(round_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.title))
        .collect();
    Ok(attempts
        .into_iter()
        .map(|a| MyAttempt {
            attempt_id: a.id,
            round_id: a.round_id,
            round_title: titles.get(&a.round_id).cloned().unwrap_or_default(),
            sequence: a.sequence,
            started_at: rfc3339(a.started_at),
            submitted_at: a.submitted_at.map(rfc3339),
            status: if a.submitted_at.is_some() {
                AttemptStatus::Submitted
            } else {
                AttemptStatus::InProgress
            },
            score: a.score,
            correct: a.correct_count,
            total: a.question_count,
            duration_ms: a.duration_ms,
        })
        .collect())
}

/// The contestant's own running attempt, as on the quiz page. A submitted one
/// (or one the server closed) answers `attempt_submitted`, so the page can show
/// the result instead.
pub async fn own_view(
    db: &(impl ConnectionTrait + TransactionTrait),
    contestant_id: i32,
    attempt_id: i32,
    now: DateTime<Utc>,
    grace_seconds: i64,
) -> Result<AttemptView> {
    let attempt = own_attempt(db, contestant_id, attempt_id).await?;
    if attempt.submitted_at.is_some() || close_if_overdue(db, &attempt, now, grace_seconds).await? {
        return Err(AppError::conflict("attempt_submitted", "Bài thi đã được nộp."));
    }
    let round = round_of(db, attempt.round_id).await?;
    view(db, &attempt, &round, now).await
}

/// The result of the contestant's own submitted attempt.
pub async fn own_result(
    db: &impl ConnectionTrait,
    contestant_id: i32,
    attempt_id: i32,
) -> Result<AttemptResult> {
    let attempt = own_attempt(db, contestant_id, attempt_id).await?;
    if attempt.submitted_at.is_none() {
        return Err(AppError::conflict("attempt_running", "Bài thi chưa được nộp."));
    }
    result_of(db, &attempt).await
}

/// The answer key of a submitted attempt, only once grading is done, as the
/// round's review policy allows, and never while another attempt of the round
/// can still take answers (see [`crate::attempt::review`]).
pub async fn review(
    db: &impl ConnectionTrait,
    contestant_id: i32,
    attempt_id: i32,
    now: DateTime<Utc>,
    grace_seconds: i64,
) -> Result<Review> {
    let attempt = own_attempt(db, contestant_id, attempt_id).await?;
    let round = round_of(db, attempt.round_id).await?;
    let extra_percent = crate::extra_time::service::largest_for_round(db, round.id).await?;
    // Only past the close + the longest time limit + grace does it matter
    // whether some attempt (with a longer deadline) can still take answers.
    let still_running = now >= crate::attempt::review::key_safe_at(&round, extra_percent, grace_seconds)
        && attempt::Entity::find()
            .filter(attempt::Column::RoundId.eq(round.id))
            .filter(attempt::Column::SubmittedAt.is_null())
            .filter(attempt::Column::DeadlineAt.gte(now - Duration::seconds(grace_seconds)))
            .one(db)
            .await?
            .is_some();
    let note = crate::attempt::review::refusal(
        &round,
        extra_percent,
        attempt.submitted_at.is_some(),
        still_running,
        now,
        grace_seconds,
    );
    if let Some(note) = note {
        return Ok(Review { note, items: Vec::new() });
    }
    let rows = attempt_question::Entity::find()
        .filter(attempt_question::Column::AttemptId.eq(attempt.id))
        .order_by_asc(attempt_question::Column::Position)
        .all(db)
        .await?;
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        let options: Vec<SnapshotOption> = serde_json::from_str(&row.options).map_err(|e| {
            AppError::internal_because(&format!("corrupt snapshot of attempt {}", row.attempt_id), e)
        })?;
        items.push(ReviewItem {
            text: row.question_text,
            options: options.into_iter().map(|o| OptionView { id: o.id, text: o.text }).collect(),
            chosen_option_id: row.chosen_option_id,
            correct_option_id: row.correct_option_id,
        });
    }
    Ok(Review { note: String::new(), items })
}

/// Attempts used per round of a contest, and the contestant's attempts in it.
pub async fn contest_status(
    db: &impl ConnectionTrait,
    contestant_id: i32,
    contest_id: i32,
) -> Result<ContestStanding> {
    let me = contestant::Entity::find_by_id(contestant_id).one(db).await?.ok_or(AppError::Unauthenticated)?;
    let rounds = round::Entity::find()
        .filter(round::Column::ContestId.eq(contest_id))
        .order_by_asc(round::Column::Number)
        .all(db)
        .await?;
    let round_ids: Vec<i32> = rounds.iter().map(|r| r.id).collect();
    let attempts: Vec<MyAttempt> = attempts_of(db, contestant_id)
        .await?
        .into_iter()
        .filter(|a| round_ids.contains(&a.round_id))
        .collect();
    let allowances = rounds
        .iter()
        .map(|r| RoundAllowance {
            round_id: r.id,
            title: r.title.clone(),
            used: attempts.iter().filter(|a| a.round_id == r.id).count() as i32,
            allowed: r.attempts_allowed,
        })
        .collect();
    Ok(ContestStanding { full_name: me.full_name, allowances, attempts })
}
