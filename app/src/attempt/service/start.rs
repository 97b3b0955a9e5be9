//! Starting an attempt: the start page's facts, the checks, the drawn questions.
use super::*;

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
) -> Result<crate::attempt::StartInfo> {
    use crate::attempt::{StartChoice, StartInfo};
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
