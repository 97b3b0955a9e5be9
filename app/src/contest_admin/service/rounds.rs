//! Rounds: one round's set-up, a new round's defaults, saving it (its rules
//! checked against the attempts it already has) and the live monitor.
use super::*;

/// A running round: open now. Its draw and times cannot change (see `locked_changes`).
pub fn running(r: &round::Model, now: DateTime<Utc>) -> bool {
    r.opens_at <= now && now < r.closes_at
}

pub async fn round(db: &impl ConnectionTrait, id: i32, now: DateTime<Utc>) -> Result<RoundSetup> {
    let r = round::Entity::find_by_id(id).one(db).await?.ok_or_else(|| AppError::not_found("đợt thi"))?;
    let (pool_mode, pool_topics, pool_questions) = crate::contest_admin::pool::chosen(db, &r).await?;
    let quotas = round_topic_quota::Entity::find()
        .filter(round_topic_quota::Column::RoundId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|q| QuotaDraft { topic_id: q.topic_id, count: q.question_count })
        .collect();
    let attempts = attempt::Entity::find().filter(attempt::Column::RoundId.eq(id)).count(db).await?;
    let local = |t: DateTime<Utc>| t.with_timezone(&ZONE).format("%Y-%m-%dT%H:%M").to_string();
    Ok(RoundSetup {
        pool_size: pool_size(db, &r).await?,
        attempts,
        running: running(&r, now),
        round: RoundDraft {
            id: Some(r.id),
            contest_id: r.contest_id,
            number: r.number,
            title: r.title,
            opens_at: local(r.opens_at),
            closes_at: local(r.closes_at),
            questions_per_attempt: r.questions_per_attempt,
            time_limit_minutes: r.time_limit_seconds / 60,
            attempts_allowed: r.attempts_allowed,
            counted_attempt: r.counted_attempt.code(),
            prediction_kind: r.prediction_kind.code(),
            prediction_prompt: r.prediction_prompt,
            review_policy: r.review_policy.code(),
            practice: r.practice,
            // The pool as the organizer chose it, not the questions it holds today.
            pool_mode,
            pool_topics,
            pool_questions,
            quotas,
        },
    })
}

/// A local time typed as `yyyy-mm-ddTHH:MM` or `dd/mm/yyyy HH:MM`, in UTC.
pub fn parse_local(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    let naive = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%d/%m/%Y %H:%M"))
        .ok()?;
    ZONE.from_local_datetime(&naive).earliest().map(|t| t.with_timezone(&Utc))
}

/// A blank round for `contest_id`, numbered after the contest's last round.
pub async fn new_round(db: &impl ConnectionTrait, contest_id: i32) -> Result<RoundSetup> {
    contest::Entity::find_by_id(contest_id).one(db).await?.ok_or_else(|| AppError::not_found("cuộc thi"))?;
    let last = round::Entity::find()
        .filter(round::Column::ContestId.eq(contest_id))
        .order_by_desc(round::Column::Number)
        .one(db)
        .await?;
    let number = last.map_or(0, |r| r.number).max(0) + 1;
    Ok(RoundSetup { round: RoundDraft::blank(contest_id, number), attempts: 0, pool_size: 0, running: false })
}

/// A draft's pool choice, tidied: the topics of a pool by topic, the questions
/// of a pool picked by hand (each sorted, once), nothing for the other modes.
pub(super) fn chosen_in(draft: &RoundDraft) -> (PoolMode, Vec<i32>, Vec<i32>) {
    let tidy = |ids: &[i32]| ids.iter().copied().collect::<BTreeSet<i32>>().into_iter().collect::<Vec<_>>();
    match draft.pool_mode {
        PoolMode::All => (PoolMode::All, Vec::new(), Vec::new()),
        PoolMode::Topics => (PoolMode::Topics, tidy(&draft.pool_topics), Vec::new()),
        PoolMode::Manual => (PoolMode::Manual, Vec::new(), tidy(&draft.pool_questions)),
    }
}

/// What a save would change in a running round that must stay as it is while
/// contestants sit it: field → the reason, in the editor's words.
pub(super) fn locked_changes(
    old: &round::Model,
    old_pool: &(PoolMode, Vec<i32>, Vec<i32>),
    draft: &RoundDraft,
    new_pool: &(PoolMode, Vec<i32>, Vec<i32>),
    opens: Option<DateTime<Utc>>,
) -> FieldErrors {
    let why = |what: &str| format!("Đợt thi đang diễn ra nên không thể đổi {what}.");
    let minute = |t: DateTime<Utc>| t.timestamp().div_euclid(60);
    let mut locked = FieldErrors::new();
    if old_pool != new_pool {
        locked.insert("pool".into(), why("câu hỏi của đợt thi"));
    }
    if old.time_limit_seconds != draft.time_limit_minutes * 60 {
        locked.insert("time_limit_minutes".into(), why("thời gian làm bài"));
    }
    if old.questions_per_attempt != draft.questions_per_attempt {
        locked.insert("questions_per_attempt".into(), why("số câu mỗi lượt thi"));
    }
    if old.attempts_allowed != draft.attempts_allowed {
        locked.insert("attempts_allowed".into(), why("số lượt thi mỗi người"));
    }
    if opens.is_some_and(|o| minute(o) != minute(old.opens_at)) {
        locked.insert("opens_at".into(), why("thời gian bắt đầu"));
    }
    locked
}

pub async fn save_round<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    staff: &Staff,
    draft: RoundDraft,
    confirm: bool,
    now: DateTime<Utc>,
) -> Result<i32> {
    contest::Entity::find_by_id(draft.contest_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("cuộc thi"))?;
    let existing = match draft.id {
        Some(id) => {
            Some(round::Entity::find_by_id(id).one(db).await?.ok_or_else(|| AppError::not_found("đợt thi"))?)
        }
        None => None,
    };
    let mut fields = FieldErrors::new();
    let title = draft.title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        fields.insert("title".into(), "Vui lòng nhập tên đợt thi, ví dụ: Tuần thi thứ nhất.".into());
    }
    if draft.number < 1 {
        fields.insert("number".into(), "Số thứ tự đợt thi phải từ 1 trở lên.".into());
    } else {
        let twin = round::Entity::find()
            .filter(round::Column::ContestId.eq(draft.contest_id))
            .filter(round::Column::Number.eq(draft.number))
            .one(db)
            .await?;
        if twin.is_some_and(|t| Some(t.id) != draft.id) {
            fields.insert("number".into(), "Cuộc thi đã có đợt thi với số thứ tự này.".into());
        }
    }
    let opens = parse_local(&draft.opens_at);
    let closes = parse_local(&draft.closes_at);
    // Left empty: asked for; typed wrong: the format.
    if draft.opens_at.trim().is_empty() {
        fields.insert("opens_at".into(), "Vui lòng nhập thời gian bắt đầu.".into());
    } else if opens.is_none() {
        fields.insert("opens_at".into(), "Thời gian bắt đầu chưa đúng dạng dd/mm/yyyy giờ:phút.".into());
    }
    if draft.closes_at.trim().is_empty() {
        fields.insert("closes_at".into(), "Vui lòng nhập thời gian kết thúc.".into());
    } else if closes.is_none() {
        fields.insert("closes_at".into(), "Thời gian kết thúc chưa đúng dạng dd/mm/yyyy giờ:phút.".into());
    }
    if let (Some(o), Some(c)) = (opens, closes) {
        if c <= o {
            fields.insert("closes_at".into(), "Đợt thi phải kết thúc sau khi bắt đầu.".into());
        }
    }
    if !(1..=200).contains(&draft.questions_per_attempt) {
        fields.insert("questions_per_attempt".into(), "Số câu mỗi lượt thi từ 1 đến 200.".into());
    }
    if !(1..=240).contains(&draft.time_limit_minutes) {
        fields.insert("time_limit_minutes".into(), "Thời gian làm bài từ 1 đến 240 phút.".into());
    }
    if !(1..=100).contains(&draft.attempts_allowed) {
        fields.insert("attempts_allowed".into(), "Số lượt thi cho phép từ 1 đến 100.".into());
    }
    let counted = CountedAttempt::parse(&draft.counted_attempt);
    let prediction_kind = PredictionKind::parse(&draft.prediction_kind);
    let review = ReviewPolicy::parse(&draft.review_policy);
    if counted.is_none() {
        fields.insert(
            "counted_attempt".into(),
            "Chọn lượt được tính: cao nhất, đầu tiên hoặc cuối cùng.".into(),
        );
    }
    if prediction_kind.is_none() {
        fields.insert("prediction_kind".into(), "Chọn loại câu hỏi dự đoán.".into());
    }
    let prompt =
        draft.prediction_prompt.as_deref().map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned);
    if prediction_kind.is_some_and(|k| k != PredictionKind::None) && prompt.is_none() {
        fields.insert("prediction_prompt".into(), "Vui lòng nhập nội dung câu hỏi dự đoán.".into());
    }
    if review.is_none() {
        fields.insert("review_policy".into(), "Chọn cách cho thí sinh xem lại bài.".into());
    }
    let (pool_mode, pool_topics, mut pool_questions) = chosen_in(&draft);
    match pool_mode {
        PoolMode::Topics if pool_topics.is_empty() => {
            fields.insert("pool".into(), "Vui lòng chọn ít nhất một chủ đề.".into());
        }
        PoolMode::Topics => {
            let known: BTreeSet<i32> = topic::Entity::find()
                .select_only()
                .column(topic::Column::Id)
                .filter(topic::Column::Id.is_in(pool_topics.clone()))
                .into_tuple::<i32>()
                .all(db)
                .await?
                .into_iter()
                .collect();
            if known.len() != pool_topics.len() {
                fields.insert("pool".into(), "Có chủ đề đã chọn không còn trong ngân hàng câu hỏi.".into());
            }
        }
        PoolMode::Manual => {
            // Retired questions stay in the list (they rejoin the draw if used again); unknown ids are refused.
            let known: BTreeSet<i32> = question::Entity::find()
                .select_only()
                .column(question::Column::Id)
                .filter(question::Column::Id.is_in(pool_questions.clone()))
                .into_tuple::<i32>()
                .all(db)
                .await?
                .into_iter()
                .collect();
            let unknown: Vec<String> =
                pool_questions.iter().filter(|q| !known.contains(q)).map(i32::to_string).collect();
            if !unknown.is_empty() {
                fields
                    .insert("pool".into(), format!("Không có câu hỏi nào mang mã: {}.", unknown.join(", ")));
            }
            pool_questions.retain(|q| known.contains(q));
        }
        PoolMode::All => {}
    }
    let pool =
        crate::contest_admin::pool::active_questions_of(db, pool_mode, &pool_topics, &pool_questions).await?;
    let wanted = draft.questions_per_attempt.max(0) as usize;
    if pool.len() < wanted && !fields.contains_key("pool") {
        fields.insert(
            "pool".into(),
            format!(
                "Ngân hàng của đợt thi chỉ có {} câu hỏi đang dùng, ít hơn {} câu mỗi lượt thi.",
                pool.len(),
                wanted
            ),
        );
    }
    let mut per_topic: HashMap<i32, usize> = HashMap::new();
    for q in &pool {
        *per_topic.entry(q.topic_id).or_default() += 1;
    }
    let quotas: Vec<QuotaDraft> = draft.quotas.iter().filter(|q| q.count > 0).cloned().collect();
    let quota_sum: i32 = quotas.iter().map(|q| q.count).sum();
    if quota_sum > draft.questions_per_attempt {
        fields.insert(
            "quotas".into(),
            format!("Tổng số câu theo chủ đề ({quota_sum}) vượt số câu mỗi lượt thi."),
        );
    }
    for q in &quotas {
        let have = per_topic.get(&q.topic_id).copied().unwrap_or(0);
        if have < q.count as usize {
            fields.insert(
                format!("quota_{}", q.topic_id),
                format!(
                    "Chủ đề này chỉ có {have} câu trong ngân hàng của đợt thi, ít hơn {} câu cần rút.",
                    q.count
                ),
            );
        }
    }
    let new_pool = (pool_mode, pool_topics.clone(), pool_questions.clone());
    let old_pool = match &existing {
        Some(old) => Some(crate::contest_admin::pool::chosen(db, old).await?),
        None => None,
    };
    // A running round keeps its draw and times: contestants sitting it must all
    // get the same rules. These are refused, not merely confirmed.
    if let (Some(old), Some(old_pool)) = (&existing, &old_pool) {
        if running(old, now) {
            fields.extend(locked_changes(old, old_pool, &draft, &new_pool, opens));
        }
    }
    let (Some(opens), Some(closes), Some(counted), Some(prediction_kind), Some(review), true) =
        (opens, closes, counted, prediction_kind, review, fields.is_empty())
    else {
        return Err(AppError::Invalid(fields));
    };
    if let (Some(old), Some(old_pool)) = (&existing, &old_pool) {
        let attempts = attempt::Entity::find().filter(attempt::Column::RoundId.eq(old.id)).count(db).await?;
        let rules_changed = old.questions_per_attempt != draft.questions_per_attempt
            || old.time_limit_seconds != draft.time_limit_minutes * 60
            || old.attempts_allowed != draft.attempts_allowed
            || old.counted_attempt != counted
            || old.prediction_kind != prediction_kind
            || old.practice != draft.practice
            || *old_pool != new_pool;
        if attempts > 0 && rules_changed && !confirm {
            return Err(AppError::conflict(
                "round_has_attempts",
                &format!(
                    "Đợt thi đã có {attempts} lượt thi. Thay đổi thể thức chỉ áp dụng cho các lượt thi bắt đầu sau khi lưu; \
                     lượt đang làm giữ nguyên thời gian. Bấm “Lưu” lần nữa để xác nhận."
                ),
            ));
        }
    }
    let txn = db.begin().await?;
    let before = existing.as_ref().map(round_snapshot);
    let mut active = match existing {
        Some(r) => r.into_active_model(),
        None => round::ActiveModel {
            contest_id: Set(draft.contest_id),
            tie_break: Set(crate::results::ranking::DEFAULT_CHAIN.to_owned()),
            ..Default::default()
        },
    };
    active.number = Set(draft.number);
    active.title = Set(title.clone());
    active.opens_at = Set(opens);
    active.closes_at = Set(closes);
    active.questions_per_attempt = Set(draft.questions_per_attempt);
    active.time_limit_seconds = Set(draft.time_limit_minutes * 60);
    active.attempts_allowed = Set(draft.attempts_allowed);
    active.counted_attempt = Set(counted);
    active.prediction_kind = Set(prediction_kind);
    active.prediction_prompt = Set(prompt);
    active.review_policy = Set(review);
    active.practice = Set(draft.practice);
    active.pool_mode = Set(crate::contest_admin::pool::code(pool_mode).to_owned());
    let saved = active.save(&txn).await?.try_into_model()?;
    let id = saved.id;
    // Counted attempt, practice or prediction may have changed: rank it again everywhere.
    crate::results::generation::round_changed(&txn, id).await?;
    // The choice as made: the questions picked by hand, or the topics; nothing for "all".
    round_question::Entity::delete_many().filter(round_question::Column::RoundId.eq(id)).exec(&txn).await?;
    round_pool_topic::Entity::delete_many()
        .filter(round_pool_topic::Column::RoundId.eq(id))
        .exec(&txn)
        .await?;
    let rows: Vec<round_question::ActiveModel> = pool_questions
        .iter()
        .map(|q| round_question::ActiveModel { round_id: Set(id), question_id: Set(*q) })
        .collect();
    for chunk in rows.chunks(500) {
        round_question::Entity::insert_many(chunk.to_vec()).exec(&txn).await?;
    }
    let rows: Vec<round_pool_topic::ActiveModel> = pool_topics
        .iter()
        .map(|t| round_pool_topic::ActiveModel { round_id: Set(id), topic_id: Set(*t) })
        .collect();
    if !rows.is_empty() {
        round_pool_topic::Entity::insert_many(rows).exec(&txn).await?;
    }
    round_topic_quota::Entity::delete_many()
        .filter(round_topic_quota::Column::RoundId.eq(id))
        .exec(&txn)
        .await?;
    for q in &quotas {
        round_topic_quota::ActiveModel {
            round_id: Set(id),
            topic_id: Set(q.topic_id),
            question_count: Set(q.count),
        }
        .insert(&txn)
        .await?;
    }
    let mut after = round_snapshot(&saved);
    after["pool_size"] = json!(pool.len());
    after["pool_topics"] = json!(pool_topics);
    after["pool_questions"] = json!(pool_questions.len());
    after["quotas"] =
        json!(quotas.iter().map(|q| json!({"topic_id": q.topic_id, "count": q.count})).collect::<Vec<_>>());
    let change = Change::saved(["round.create", "round.update"], "round", id, before, after)
        .summary(format!("Đợt thi “{title}”"));
    record(&txn, staff, change, now).await?;
    txn.commit().await?;
    Ok(id)
}

pub(super) fn round_snapshot(r: &round::Model) -> serde_json::Value {
    json!({
        "number": r.number, "title": r.title,
        "opens_at": crate::time::local_datetime(r.opens_at), "closes_at": crate::time::local_datetime(r.closes_at),
        "questions_per_attempt": r.questions_per_attempt, "time_limit_seconds": r.time_limit_seconds,
        "attempts_allowed": r.attempts_allowed, "counted_attempt": r.counted_attempt,
        "prediction_kind": r.prediction_kind, "prediction_prompt": r.prediction_prompt, "review_policy": r.review_policy,
        "practice": r.practice, "pool_mode": r.pool_mode,
    })
}

pub async fn monitor(db: &impl ConnectionTrait, id: i32, now: DateTime<Utc>) -> Result<RoundMonitor> {
    round::Entity::find_by_id(id).one(db).await?.ok_or_else(|| AppError::not_found("đợt thi"))?;
    let of_round = || attempt::Entity::find().filter(attempt::Column::RoundId.eq(id));
    let in_progress = of_round().filter(attempt::Column::SubmittedAt.is_null()).count(db).await?;
    let submitted = of_round().filter(attempt::Column::SubmittedAt.is_not_null()).count(db).await?;
    let submitted_last_minute =
        of_round().filter(attempt::Column::SubmittedAt.gte(now - Duration::minutes(1))).count(db).await?;
    // Closed by the server: submitted at (or after) the deadline, i.e. the contestant never pressed submit.
    let closed_by_server = of_round()
        .filter(attempt::Column::SubmittedAt.is_not_null())
        .filter(sea_orm::sea_query::ExprTrait::gte(
            sea_orm::sea_query::Expr::col(attempt::Column::SubmittedAt),
            sea_orm::sea_query::Expr::col(attempt::Column::DeadlineAt),
        ))
        .count(db)
        .await?;
    let contestants: Option<i64> = of_round()
        .select_only()
        .column_as(sea_orm::sea_query::Expr::cust("COUNT(DISTINCT contestant_id)"), "n")
        .into_tuple()
        .one(db)
        .await?;
    Ok(RoundMonitor {
        in_progress,
        submitted_last_minute,
        submitted,
        closed_by_server,
        contestants: contestants.unwrap_or(0).max(0) as u64,
        at: crate::format::date_time_seconds(now),
    })
}
