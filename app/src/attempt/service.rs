//! Attempts on the server's clock. Every answer save first writes the attempt
//! row, and so does a submit: the row lock puts them in one order on both
//! backends, so an acknowledged answer is always in the grade.
//!
//! Over 700 lines for now (issue 14): start, answer, submit, grade and review
//! share `claim_open` and the snapshot types; the next split is the read side
//! (standing, my attempts, review) apart from the writes.
use super::draw::{draw, DrawError, PoolQuestion};
use super::types::{
    AttemptResult, AttemptView, ContestStanding, MyAttempt, OptionView, QuestionView, Review, ReviewItem,
    RoundAllowance, Saved,
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

/// Starts an attempt, or returns the one still running in this round.
pub async fn start(
    db: &(impl ConnectionTrait + TransactionTrait),
    contestant_id: i32,
    round_id: i32,
    now: DateTime<Utc>,
    grace_seconds: i64,
) -> Result<AttemptView> {
    let round = round_of(db, round_id).await?;
    let person =
        contestant::Entity::find_by_id(contestant_id).one(db).await?.ok_or(AppError::Unauthenticated)?;
    if person.locked_at.is_some() {
        return Err(crate::contestant::service::locked_error());
    }
    if now < round.opens_at {
        let opens = local_datetime(round.opens_at);
        return Err(AppError::conflict(
            "round_not_open",
            &format!("Đợt thi chưa mở. Đợt thi bắt đầu lúc {opens}."),
        ));
    }
    if now >= round.closes_at {
        return Err(AppError::conflict("round_closed", "Đợt thi đã kết thúc."));
    }
    // Two tries: a concurrent start that wins the unique sequence makes us re-read.
    for _ in 0..2 {
        let mine = attempt::Entity::find()
            .filter(attempt::Column::RoundId.eq(round_id))
            .filter(attempt::Column::ContestantId.eq(contestant_id))
            .all(db)
            .await?;
        let mut open = None;
        for a in mine.iter().filter(|a| a.submitted_at.is_none()) {
            // An unsubmitted attempt whose time is up is graded now, not resumed.
            if !close_if_overdue(db, a, now, grace_seconds).await? {
                open = Some(a);
            }
        }
        if let Some(open) = open {
            return view(db, open, &round, now).await;
        }
        if mine.len() as i32 >= round.attempts_allowed {
            return Err(AppError::conflict(
                "attempt_limit_reached",
                &format!(
                    "Bạn đã dùng hết {} lượt thi của {}.",
                    round.attempts_allowed,
                    round.title.to_lowercase()
                ),
            ));
        }
        match create(db, contestant_id, &round, mine.len() as i32 + 1, now).await {
            Ok(created) => return view(db, &created, &round, now).await,
            Err(CreateError::Taken) => continue,
            Err(CreateError::App(e)) => return Err(e),
        }
    }
    Err(AppError::conflict("attempt_busy", "Lượt thi đang được tạo ở nơi khác. Vui lòng thử lại."))
}

/// The start page's data for `round_id`: the round's figures, and for a
/// signed-in contestant whether an attempt can be started, resumed, or
/// neither. Reads only (it is a GET): an overdue attempt is graded by the
/// start itself or the sweep, and is simply not offered here.
pub async fn start_info(
    db: &impl ConnectionTrait,
    contestant_id: Option<i32>,
    round_id: i32,
    now: DateTime<Utc>,
    grace_seconds: i64,
) -> Result<super::start_page::StartInfo> {
    use super::start_page::{StartChoice, StartInfo};
    let round = round_of(db, round_id).await?;
    let contest = contest::Entity::find_by_id(round.contest_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("đợt thi"))?;
    let mine = match contestant_id {
        Some(id) => {
            attempt::Entity::find()
                .filter(attempt::Column::RoundId.eq(round_id))
                .filter(attempt::Column::ContestantId.eq(id))
                .all(db)
                .await?
        }
        None => Vec::new(),
    };
    let used = mine.len() as i32;
    let running = mine
        .iter()
        .find(|a| a.submitted_at.is_none() && a.deadline_at >= now - Duration::seconds(grace_seconds));
    let locked = match contestant_id {
        Some(id) => contestant::Entity::find_by_id(id).one(db).await?.is_some_and(|c| c.locked_at.is_some()),
        None => false,
    };
    // A running attempt keeps what it started with; a new one gets the grant in force.
    let extra_percent = match (contestant_id, running) {
        (_, Some(open)) => open.extra_time_percent,
        (Some(id), None) => crate::extra_time::service::percent_for(db, id).await?,
        (None, None) => 0,
    };
    let choice = match (contestant_id, running) {
        (None, _) => StartChoice::SignIn,
        (Some(_), _) if locked => {
            StartChoice::Unavailable { reason: crate::contestant::service::locked_error().to_string() }
        }
        (Some(_), Some(open)) => StartChoice::Resume { attempt_id: open.id },
        (Some(_), None) if now < round.opens_at => StartChoice::Unavailable {
            reason: format!("Đợt thi chưa mở. Đợt thi bắt đầu lúc {}.", local_datetime(round.opens_at)),
        },
        (Some(_), None) if now >= round.closes_at => {
            StartChoice::Unavailable { reason: "Đợt thi đã kết thúc.".into() }
        }
        (Some(_), None) if used >= round.attempts_allowed => StartChoice::Unavailable {
            reason: format!(
                "Bạn đã dùng hết {} lượt thi của {}.",
                round.attempts_allowed,
                round.title.to_lowercase()
            ),
        },
        (Some(_), None) => StartChoice::Start { sequence: used + 1 },
    };
    let counted_rule = match round.counted_attempt {
        CountedAttempt::First => "Chỉ lượt thi đầu tiên được tính để xếp hạng.",
        CountedAttempt::Last => "Lượt thi cuối cùng được tính để xếp hạng.",
        CountedAttempt::Best => "Lượt thi có kết quả cao nhất được tính để xếp hạng.",
    };
    Ok(StartInfo {
        round_id,
        round_title: round.title.clone(),
        contest_title: contest.title,
        contest_slug: contest.slug,
        questions_per_attempt: round.questions_per_attempt,
        time_limit_minutes: round.time_limit_seconds / 60,
        attempts_allowed: round.attempts_allowed,
        attempts_used: used,
        closes_label: crate::time::local_closing(round.closes_at),
        prediction_prompt: round.prediction_prompt.clone().filter(|_| round.asks_prediction()),
        counted_rule: counted_rule.into(),
        extra_time_note: crate::extra_time::allowance_note(round.time_limit_seconds, extra_percent),
        minutes_with_extra_time: (crate::extra_time::limit_seconds(round.time_limit_seconds, extra_percent)
            + 59)
            / 60,
        choice,
    })
}

enum CreateError {
    /// Another request took this sequence number first.
    Taken,
    App(AppError),
}

impl From<sea_orm::DbErr> for CreateError {
    fn from(err: sea_orm::DbErr) -> Self {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => CreateError::Taken,
            _ => CreateError::App(err.into()),
        }
    }
}

/// Draws, snapshots and stores a new attempt, all in one transaction.
async fn create(
    db: &(impl ConnectionTrait + TransactionTrait),
    contestant_id: i32,
    round: &round::Model,
    sequence: i32,
    now: DateTime<Utc>,
) -> std::result::Result<attempt::Model, CreateError> {
    // The pool as the organizer chose it, resolved now: a question added to a chosen topic is in.
    let questions: HashMap<i32, question::Model> = crate::contest_admin::pool::active_questions(db, round)
        .await
        .map_err(CreateError::App)?
        .into_iter()
        .map(|q| (q.id, q))
        .collect();
    let pool: Vec<PoolQuestion> =
        questions.values().map(|q| PoolQuestion { id: q.id, topic_id: q.topic_id }).collect();
    let quotas: Vec<(i32, usize)> = round_topic_quota::Entity::find()
        .filter(round_topic_quota::Column::RoundId.eq(round.id))
        .all(db)
        .await?
        .into_iter()
        .map(|q| (q.topic_id, q.question_count.max(0) as usize))
        .collect();
    let count = round.questions_per_attempt.max(1) as usize;
    let drawn = draw(&pool, count, &quotas, &mut rand::thread_rng()).map_err(
        |DrawError::PoolTooSmall { .. }| {
            tracing::error!(round_id = round.id, "question pool too small for the draw");
            CreateError::App(AppError::conflict(
                "pool_too_small",
                "Ngân hàng câu hỏi của đợt thi chưa đủ để tạo đề. Vui lòng báo Ban Tổ chức.",
            ))
        },
    )?;
    let mut options: HashMap<i32, Vec<question_option::Model>> = HashMap::new();
    for o in question_option::Entity::find()
        .filter(question_option::Column::QuestionId.is_in(drawn.clone()))
        .all(db)
        .await?
    {
        options.entry(o.question_id).or_default().push(o);
    }

    let eligible = !is_excluded(db, contestant_id, round.contest_id).await.map_err(CreateError::App)?;
    // Extra time in force now applies to this attempt for good (a grant
    // changed later moves neither its deadline nor its ranking).
    let extra_percent =
        crate::extra_time::service::percent_for(db, contestant_id).await.map_err(CreateError::App)?;
    let limit = crate::extra_time::limit_seconds(round.time_limit_seconds, extra_percent);

    let txn = db.begin().await?;
    let created = attempt::ActiveModel {
        round_id: Set(round.id),
        contestant_id: Set(contestant_id),
        sequence: Set(sequence),
        started_at: Set(now),
        deadline_at: Set(now + Duration::seconds(limit)),
        submitted_at: Set(None),
        last_answer_at: Set(None),
        correct_count: Set(None),
        question_count: Set(drawn.len() as i32),
        score: Set(None),
        duration_ms: Set(None),
        prediction: Set(None),
        eligible: Set(eligible),
        extra_time_percent: Set(extra_percent),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mut rows = Vec::with_capacity(drawn.len());
    for (position, question_id) in drawn.iter().enumerate() {
        let (Some(q), Some(opts)) = (questions.get(question_id), options.get_mut(question_id)) else {
            return Err(CreateError::App(AppError::internal("a drawn question or its options vanished")));
        };
        opts.shuffle(&mut rand::thread_rng());
        let correct =
            opts.iter().find(|o| o.is_correct).map(|o| o.id).ok_or_else(|| {
                CreateError::App(AppError::internal("a drawn question has no correct option"))
            })?;
        let shown: Vec<SnapshotOption> =
            opts.iter().map(|o| SnapshotOption { id: o.id, text: o.text.clone() }).collect();
        rows.push(attempt_question::ActiveModel {
            attempt_id: Set(created.id),
            question_id: Set(*question_id),
            position: Set(position as i32),
            question_text: Set(q.text.clone()),
            options: Set(serde_json::to_string(&shown).map_err(|e| {
                CreateError::App(AppError::internal_because("attempt snapshot not written", e))
            })?),
            correct_option_id: Set(correct),
            chosen_option_id: Set(None),
            answered_at: Set(None),
        });
    }
    attempt_question::Entity::insert_many(rows).exec(&txn).await?;
    // The first attempt locks the prize-deciding profile fields.
    contestant::Entity::update_many()
        .col_expr(contestant::Column::ProfileLockedAt, Expr::value(now))
        .filter(contestant::Column::Id.eq(contestant_id))
        .filter(contestant::Column::ProfileLockedAt.is_null())
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(created)
}

/// Whether the contestant is on the contest's exclusion list (by phone or ID number).
pub async fn is_excluded(db: &impl ConnectionTrait, contestant_id: i32, contest_id: i32) -> Result<bool> {
    let Some(person) = contestant::Entity::find_by_id(contestant_id).one(db).await? else {
        return Ok(false);
    };
    let mut who = sea_orm::Condition::any().add(exclusion::Column::Phone.eq(person.phone));
    if let Some(id_number) = person.id_number {
        who = who.add(exclusion::Column::IdNumber.eq(id_number));
    }
    Ok(exclusion::Entity::find()
        .filter(exclusion::Column::ContestId.eq(contest_id))
        .filter(who)
        .one(db)
        .await?
        .is_some())
}

/// The contestant's view of an attempt: snapshot questions, saved answers, no key.
async fn view(
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
async fn claim_open(
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
async fn refused_write(
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
    super::prediction::check(prediction)?;
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
        super::prediction::check(p)?;
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

async fn result_of(db: &impl ConnectionTrait, attempt: &attempt::Model) -> Result<AttemptResult> {
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
async fn grade(
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
async fn close_if_overdue(
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
            status: if a.submitted_at.is_some() { "submitted" } else { "in_progress" }.into(),
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
/// can still take answers (see [`super::review`]).
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
    let still_running = now >= super::review::key_safe_at(&round, extra_percent, grace_seconds)
        && attempt::Entity::find()
            .filter(attempt::Column::RoundId.eq(round.id))
            .filter(attempt::Column::SubmittedAt.is_null())
            .filter(attempt::Column::DeadlineAt.gte(now - Duration::seconds(grace_seconds)))
            .one(db)
            .await?
            .is_some();
    let note = super::review::refusal(
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
