//! Searching and editing the bank. Edits never reach attempts already made:
//! each attempt keeps its own copy of the text, options and answer key.
use super::{
    OptionItem, QuestionDetail, QuestionDraft, QuestionFilter, QuestionItem, QuestionPage, Similar, TopicItem,
};
use crate::audit::service::{record, Change};
use crate::entities::{
    attempt_question, contest, question, question_option, round, round_pool_topic, round_question, topic,
};
use crate::error::{AppError, FieldErrors, Result};
use crate::staff::guard::Staff;
use crate::text::fold;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Func, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionSession, TransactionTrait,
};
use serde_json::json;
use std::collections::HashMap;

pub mod stats;

pub const PAGE_SIZE: u64 = 50;
pub const MAX_TEXT_CHARS: usize = 2000;

/// One page of questions matching `filter`, newest first.
pub async fn search(db: &impl ConnectionTrait, filter: &QuestionFilter) -> Result<QuestionPage> {
    let mut query = question::Entity::find();
    // Every word must appear: "thu tuc hanh chinh" finds "… thủ tục hành chính …".
    for word in fold(filter.q.as_deref().unwrap_or("")).split(' ').filter(|w| !w.is_empty()) {
        query = query.filter(question::Column::NormalizedText.contains(word));
    }
    if let Some(topic) = filter.topic {
        query = query.filter(question::Column::TopicId.eq(topic));
    }
    if let Some(difficulty) = filter.difficulty {
        query = query.filter(question::Column::Difficulty.eq(difficulty));
    }
    match filter.status.as_deref() {
        Some("active") => query = query.filter(question::Column::Active.eq(true)),
        Some("retired") => query = query.filter(question::Column::Active.eq(false)),
        _ => {}
    }
    // In a pool: picked by hand for a round, of a topic a round draws from, or any
    // question at all once a round draws from the whole bank (contest_admin::pool).
    let by_hand =
        Query::select().column(round_question::Column::QuestionId).from(round_question::Entity).to_owned();
    let by_topic =
        Query::select().column(round_pool_topic::Column::TopicId).from(round_pool_topic::Entity).to_owned();
    let whole_bank = filter.usage.is_some()
        && round::Entity::find().filter(round::Column::PoolMode.eq("all")).count(db).await? > 0;
    let in_pools = sea_orm::Condition::any()
        .add(question::Column::Id.in_subquery(by_hand))
        .add(question::Column::TopicId.in_subquery(by_topic));
    match filter.usage.as_deref() {
        Some("used") if whole_bank => {}
        Some("unused") if whole_bank => query = query.filter(question::Column::Id.lt(0)),
        Some("used") => query = query.filter(in_pools),
        Some("unused") => query = query.filter(in_pools.not()),
        _ => {}
    }
    let page = filter.page.unwrap_or(1).max(1);
    let total = query.clone().count(db).await?;
    let rows = query.order_by_desc(question::Column::Id).paginate(db, PAGE_SIZE).fetch_page(page - 1).await?;
    let items = items_of(db, rows).await?;
    Ok(QuestionPage { total, page, page_size: PAGE_SIZE, items })
}

/// Questions with their options, topic names and draw statistics, in the order given.
async fn items_of(db: &impl ConnectionTrait, rows: Vec<question::Model>) -> Result<Vec<QuestionItem>> {
    let ids: Vec<i32> = rows.iter().map(|q| q.id).collect();
    let mut options: HashMap<i32, Vec<OptionItem>> = HashMap::new();
    for option in question_option::Entity::find()
        .filter(question_option::Column::QuestionId.is_in(ids.clone()))
        .order_by_asc(question_option::Column::Position)
        .all(db)
        .await?
    {
        options.entry(option.question_id).or_default().push(OptionItem {
            id: option.id,
            text: option.text,
            correct: option.is_correct,
        });
    }
    let topics: HashMap<i32, String> =
        topic::Entity::find().all(db).await?.into_iter().map(|t| (t.id, t.name)).collect();
    let stats = draw_stats(db, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|q| {
            let (drawn, correct) = stats.get(&q.id).copied().unwrap_or((0, 0));
            QuestionItem {
                id: q.id,
                topic_name: topics.get(&q.topic_id).cloned().unwrap_or_default(),
                topic: q.topic_id,
                text: q.text,
                difficulty: q.difficulty,
                active: q.active,
                options: options.remove(&q.id).unwrap_or_default(),
                times_drawn: drawn,
                // Whole percent, rounded half up like every figure (crate::format), not cut.
                correct_pct: (drawn > 0)
                    .then(|| crate::format::round(correct as f64 * 100.0 / drawn as f64, 0) as u32),
            }
        })
        .collect())
}

/// question id → (times drawn, times answered correctly).
async fn draw_stats(db: &impl ConnectionTrait, ids: &[i32]) -> Result<HashMap<i32, (u64, u64)>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(i32, i64, Option<i64>)> = attempt_question::Entity::find()
        .select_only()
        .column(attempt_question::Column::QuestionId)
        .column_as(Expr::from(Func::count(Expr::col(attempt_question::Column::QuestionId))), "drawn")
        .column_as(
            Expr::cust("SUM(CASE WHEN chosen_option_id = correct_option_id THEN 1 ELSE 0 END)"),
            "correct",
        )
        .filter(attempt_question::Column::QuestionId.is_in(ids.to_vec()))
        .group_by(attempt_question::Column::QuestionId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, drawn, correct)| (id, (drawn.max(0) as u64, correct.unwrap_or(0).max(0) as u64)))
        .collect())
}

pub async fn detail(db: &impl ConnectionTrait, id: i32) -> Result<QuestionDetail> {
    let found =
        question::Entity::find_by_id(id).one(db).await?.ok_or_else(|| AppError::not_found("câu hỏi"))?;
    let (explanation, legal_source, updated_at) = (
        found.explanation.clone(),
        found.legal_source.clone(),
        crate::time::local_datetime(found.updated_at),
    );
    let item = items_of(db, vec![found])
        .await?
        .pop()
        .ok_or_else(|| AppError::internal("a question cannot be read back"))?;
    let mut pools: Vec<i32> = round_question::Entity::find()
        .filter(round_question::Column::QuestionId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.round_id)
        .collect();
    // Rounds drawing from its topic or from the whole bank hold it too (contest_admin::pool).
    pools.extend(
        round_pool_topic::Entity::find()
            .filter(round_pool_topic::Column::TopicId.eq(item.topic))
            .all(db)
            .await?
            .into_iter()
            .map(|r| r.round_id),
    );
    let rounds = round::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(round::Column::Id.is_in(pools))
                .add(round::Column::PoolMode.eq("all")),
        )
        .all(db)
        .await?;
    let contests: HashMap<i32, String> = contest::Entity::find()
        .filter(contest::Column::Id.is_in(rounds.iter().map(|r| r.contest_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.title))
        .collect();
    let rounds = rounds
        .into_iter()
        .map(|r| format!("{} — {}", contests.get(&r.contest_id).map(String::as_str).unwrap_or(""), r.title))
        .collect();
    Ok(QuestionDetail { item, explanation, legal_source, rounds, updated_at })
}

/// Other questions whose normalized text equals `text`'s.
pub async fn similar(db: &impl ConnectionTrait, text: &str, except: Option<i32>) -> Result<Vec<Similar>> {
    let normalized = fold(text);
    if normalized.is_empty() {
        return Ok(Vec::new());
    }
    let mut query = question::Entity::find().filter(question::Column::NormalizedText.eq(normalized));
    if let Some(id) = except {
        query = query.filter(question::Column::Id.ne(id));
    }
    Ok(query.limit(5).all(db).await?.into_iter().map(|q| Similar { id: q.id, text: q.text }).collect())
}

/// Collapses runs of whitespace (also non-breaking) to one space, trimmed.
pub fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn clean_opt(text: Option<String>) -> Option<String> {
    text.map(|t| clean(&t)).filter(|t| !t.is_empty())
}

/// Field errors of a draft, keyed `text`, `options`, `option_N`, `correct`,
/// `difficulty`, `topic_id`, `legal_source`.
pub fn check_draft(draft: &QuestionDraft, topic_exists: bool) -> FieldErrors {
    let mut fields = FieldErrors::new();
    let text = clean(&draft.text);
    if text.is_empty() {
        fields.insert("text".into(), "Vui lòng nhập nội dung câu hỏi.".into());
    } else if text.chars().count() > MAX_TEXT_CHARS {
        fields.insert("text".into(), format!("Câu hỏi dài quá {MAX_TEXT_CHARS} ký tự."));
    }
    let options: Vec<String> = draft.options.iter().map(|o| clean(o)).collect();
    if !(2..=6).contains(&options.len()) {
        fields.insert("options".into(), "Mỗi câu hỏi có từ 2 đến 6 phương án.".into());
    }
    for (i, option) in options.iter().enumerate() {
        if option.is_empty() {
            fields.insert(format!("option_{i}"), format!("Phương án {} đang để trống.", letter(i)));
        }
    }
    let folded: Vec<String> = options.iter().map(|o| fold(o)).collect();
    for (i, option) in folded.iter().enumerate() {
        if !option.is_empty() && folded[..i].contains(option) {
            fields.insert(
                format!("option_{i}"),
                format!("Phương án {} trùng với một phương án khác.", letter(i)),
            );
        }
    }
    if draft.correct >= options.len() {
        fields.insert("correct".into(), "Vui lòng chọn đáp án đúng.".into());
    }
    if !(1..=3).contains(&draft.difficulty) {
        fields.insert("difficulty".into(), "Mức độ phải là Dễ, Trung bình hoặc Khó.".into());
    }
    if !topic_exists {
        fields.insert("topic_id".into(), "Vui lòng chọn chủ đề.".into());
    }
    if draft.legal_source.as_deref().is_some_and(|s| s.chars().count() > 255) {
        fields.insert("legal_source".into(), "Căn cứ pháp lý dài quá 255 ký tự.".into());
    }
    fields
}

/// "A".."F" for option positions.
pub fn letter(index: usize) -> char {
    (b'A' + (index.min(25) as u8)) as char
}

fn snapshot(q: &question::Model, options: &[question_option::Model]) -> serde_json::Value {
    json!({
        "topic_id": q.topic_id,
        "text": q.text,
        "options": options.iter().map(|o| &o.text).collect::<Vec<_>>(),
        "correct": options.iter().position(|o| o.is_correct),
        "explanation": q.explanation,
        "legal_source": q.legal_source,
        "difficulty": q.difficulty,
        "active": q.active,
    })
}

/// Saves a draft (new or existing) with its audit entry, in one transaction.
pub async fn save<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    staff: &Staff,
    draft: QuestionDraft,
    allow_duplicate: bool,
    now: DateTime<Utc>,
) -> Result<i32> {
    let topic_exists = topic::Entity::find_by_id(draft.topic_id).one(db).await?.is_some();
    let fields = check_draft(&draft, topic_exists);
    if !fields.is_empty() {
        return Err(AppError::Invalid(fields));
    }
    let text = clean(&draft.text);
    if !allow_duplicate {
        if let Some(twin) = similar(db, &text, draft.id).await?.into_iter().next() {
            return Err(AppError::conflict(
                "duplicate_question",
                &format!(
                    "Câu hỏi trùng nội dung với câu #{}: “{}”. Bạn vẫn có thể lưu nếu chắc chắn.",
                    twin.id, twin.text
                ),
            ));
        }
    }
    let txn = db.begin().await?;
    let (id, before) = match draft.id {
        Some(id) => {
            let found = question::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .ok_or_else(|| AppError::not_found("câu hỏi"))?;
            let old = options_of(&txn, id).await?;
            let before = snapshot(&found, &old);
            let mut active = found.into_active_model();
            active.topic_id = Set(draft.topic_id);
            active.text = Set(text.clone());
            active.normalized_text = Set(fold(&text));
            active.explanation = Set(clean_opt(draft.explanation.clone()));
            active.legal_source = Set(clean_opt(draft.legal_source.clone()));
            active.difficulty = Set(draft.difficulty);
            active.active = Set(draft.active);
            active.updated_at = Set(now);
            active.update(&txn).await?;
            write_options(&txn, id, &draft, old).await?;
            (id, Some(before))
        }
        None => {
            let saved = question::ActiveModel {
                topic_id: Set(draft.topic_id),
                text: Set(text.clone()),
                normalized_text: Set(fold(&text)),
                explanation: Set(clean_opt(draft.explanation.clone())),
                legal_source: Set(clean_opt(draft.legal_source.clone())),
                difficulty: Set(draft.difficulty),
                active: Set(draft.active),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            write_options(&txn, saved.id, &draft, Vec::new()).await?;
            (saved.id, None)
        }
    };
    let after_row = question::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::internal("a saved question cannot be read back"))?;
    let after = snapshot(&after_row, &options_of(&txn, id).await?);
    let change = Change::saved(["question.create", "question.update"], "question", id, before, after)
        .summary(format!("Câu hỏi #{id}"));
    record(&txn, staff, change, now).await?;
    txn.commit().await?;
    Ok(id)
}

async fn options_of(db: &impl ConnectionTrait, question_id: i32) -> Result<Vec<question_option::Model>> {
    Ok(question_option::Entity::find()
        .filter(question_option::Column::QuestionId.eq(question_id))
        .order_by_asc(question_option::Column::Position)
        .all(db)
        .await?)
}

/// Rewrites a question's options in place by position. Attempts refer to
/// options only through their own snapshot, so ids may change safely.
pub async fn write_options(
    db: &impl ConnectionTrait,
    question_id: i32,
    draft: &QuestionDraft,
    old: Vec<question_option::Model>,
) -> Result<()> {
    let mut old = old.into_iter();
    for (position, text) in draft.options.iter().enumerate() {
        let is_correct = position == draft.correct;
        match old.next() {
            Some(existing) => {
                let text = clean(text);
                // An option's feedback (from GIFT or Moodle XML) explains that
                // option's text: when the editor puts another text at this
                // position, the old feedback would be attached to the wrong answer.
                let feedback_still_fits = existing.text == text;
                let mut active = existing.into_active_model();
                if !feedback_still_fits {
                    active.feedback = Set(None);
                }
                active.position = Set(position as i16);
                active.text = Set(text);
                active.is_correct = Set(is_correct);
                active.update(db).await?;
            }
            None => {
                question_option::ActiveModel {
                    question_id: Set(question_id),
                    position: Set(position as i16),
                    text: Set(clean(text)),
                    is_correct: Set(is_correct),
                    ..Default::default()
                }
                .insert(db)
                .await?;
            }
        }
    }
    for extra in old {
        question_option::Entity::delete_by_id(extra.id).exec(db).await?;
    }
    Ok(())
}

pub async fn set_active<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    staff: &Staff,
    id: i32,
    on: bool,
    now: DateTime<Utc>,
) -> Result<i32> {
    let txn = db.begin().await?;
    let found =
        question::Entity::find_by_id(id).one(&txn).await?.ok_or_else(|| AppError::not_found("câu hỏi"))?;
    let was = found.active;
    let mut active = found.into_active_model();
    active.active = Set(on);
    active.updated_at = Set(now);
    active.update(&txn).await?;
    let change = Change::new(if on { "question.restore" } else { "question.retire" }, "question", id)
        .summary(format!("{} câu hỏi #{id}", if on { "Dùng lại" } else { "Ngừng sử dụng" }))
        .before(json!({"active": was}))
        .after(json!({"active": on}));
    record(&txn, staff, change, now).await?;
    txn.commit().await?;
    Ok(id)
}

pub async fn topics(db: &impl ConnectionTrait) -> Result<Vec<TopicItem>> {
    let counts: Vec<(i32, bool, i64)> = question::Entity::find()
        .select_only()
        .column(question::Column::TopicId)
        .column(question::Column::Active)
        .column_as(Expr::from(Func::count(Expr::col(question::Column::Id))), "n")
        .group_by(question::Column::TopicId)
        .group_by(question::Column::Active)
        .into_tuple()
        .all(db)
        .await?;
    let rows = topic::Entity::find()
        .order_by_asc(topic::Column::SortOrder)
        .order_by_asc(topic::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|t| {
            let of = |only_active: bool| {
                counts
                    .iter()
                    .filter(|(id, active, _)| *id == t.id && (!only_active || *active))
                    .map(|(_, _, n)| (*n).max(0) as u64)
                    .sum()
            };
            TopicItem {
                id: t.id,
                code: t.code,
                name: t.name,
                questions: of(false),
                active_questions: of(true),
            }
        })
        .collect())
}

/// The topic whose name (ignoring diacritics and case) or code is `name`, if any.
pub async fn find_topic(db: &impl ConnectionTrait, name: &str) -> Result<Option<topic::Model>> {
    let wanted = fold(name);
    Ok(topic::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .find(|t| fold(&t.name) == wanted || fold(&t.code) == wanted))
}

/// Creates a topic with a code derived from its name; no audit (the caller records).
pub async fn insert_topic(db: &impl ConnectionTrait, name: &str) -> Result<topic::Model> {
    let base: String =
        fold(name).chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).take(48).collect();
    let base = if base.trim_matches('_').is_empty() { "topic".to_owned() } else { base };
    let mut code = base.clone();
    let mut n = 2;
    while topic::Entity::find().filter(topic::Column::Code.eq(&code)).one(db).await?.is_some() {
        code = format!("{base}_{n}");
        n += 1;
    }
    let next_order = topic::Entity::find().count(db).await? as i32 + 1;
    Ok(topic::ActiveModel {
        code: Set(code),
        name: Set(clean(name)),
        sort_order: Set(next_order),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

pub async fn save_topic<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    staff: &Staff,
    id: Option<i32>,
    name: &str,
    now: DateTime<Utc>,
) -> Result<TopicItem> {
    let name = clean(name);
    if name.is_empty() || name.chars().count() > 255 {
        return Err(AppError::invalid("name", "Tên chủ đề không được để trống và dài tối đa 255 ký tự."));
    }
    if let Some(twin) = find_topic(db, &name).await? {
        if Some(twin.id) != id {
            return Err(AppError::invalid("name", "Đã có chủ đề cùng tên."));
        }
    }
    let txn = db.begin().await?;
    let (saved, change) = match id {
        Some(id) => {
            let found = topic::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .ok_or_else(|| AppError::not_found("chủ đề"))?;
            let before = json!({"name": found.name});
            let mut active = found.into_active_model();
            active.name = Set(name.clone());
            let saved = active.update(&txn).await?;
            (saved, Change::new("topic.update", "topic", id).before(before))
        }
        None => {
            let saved = insert_topic(&txn, &name).await?;
            let id = saved.id;
            (saved, Change::new("topic.create", "topic", id))
        }
    };
    record(&txn, staff, change.summary(format!("Chủ đề “{name}”")).after(json!({"name": name})), now).await?;
    txn.commit().await?;
    let id = saved.id;
    topics(db)
        .await?
        .into_iter()
        .find(|t| t.id == id)
        .ok_or_else(|| AppError::internal("a saved topic cannot be read back"))
}
