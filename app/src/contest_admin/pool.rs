//! A round's question pool as the organizer chose it, and what it holds now.
//! The choice (every question, some topics, or questions picked one by one)
//! is stored as made; the questions are looked up each time an attempt is
//! drawn, so a question added to a chosen topic later joins the round.
use super::PoolMode;
use crate::entities::{question, round, round_pool_topic, round_question};
use crate::error::Result;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

/// The stored word for a mode (`round.pool_mode`).
pub fn code(mode: PoolMode) -> &'static str {
    match mode {
        PoolMode::All => "all",
        PoolMode::Topics => "topics",
        PoolMode::Manual => "manual",
    }
}

/// The mode of a stored word; anything unknown is a list picked by hand,
/// which is what every round was before modes were stored.
pub fn mode(code: &str) -> PoolMode {
    match code {
        "all" => PoolMode::All,
        "topics" => PoolMode::Topics,
        _ => PoolMode::Manual,
    }
}

/// The pool as chosen: (mode, topics, questions picked by hand), each list sorted.
pub async fn chosen(
    db: &impl ConnectionTrait,
    round: &round::Model,
) -> Result<(PoolMode, Vec<i32>, Vec<i32>)> {
    let mode = mode(&round.pool_mode);
    let mut topics: Vec<i32> = Vec::new();
    let mut questions: Vec<i32> = Vec::new();
    match mode {
        PoolMode::Topics => {
            topics = round_pool_topic::Entity::find()
                .select_only()
                .column(round_pool_topic::Column::TopicId)
                .filter(round_pool_topic::Column::RoundId.eq(round.id))
                .into_tuple()
                .all(db)
                .await?;
        }
        PoolMode::Manual => {
            questions = round_question::Entity::find()
                .select_only()
                .column(round_question::Column::QuestionId)
                .filter(round_question::Column::RoundId.eq(round.id))
                .into_tuple()
                .all(db)
                .await?;
        }
        PoolMode::All => {}
    }
    topics.sort_unstable();
    questions.sort_unstable();
    Ok((mode, topics, questions))
}

/// The active questions of a pool chosen this way, as they are now.
pub async fn active_questions_of(
    db: &impl ConnectionTrait,
    mode: PoolMode,
    topics: &[i32],
    questions: &[i32],
) -> Result<Vec<question::Model>> {
    let query = question::Entity::find().filter(question::Column::Active.eq(true));
    let query = match mode {
        PoolMode::All => query,
        PoolMode::Topics => query.filter(question::Column::TopicId.is_in(topics.to_vec())),
        PoolMode::Manual => query.filter(question::Column::Id.is_in(questions.to_vec())),
    };
    Ok(query.all(db).await?)
}

/// The active questions of a round's pool now: what the next attempt is drawn from.
pub async fn active_questions(
    db: &impl ConnectionTrait,
    round: &round::Model,
) -> Result<Vec<question::Model>> {
    let (mode, topics, questions) = chosen(db, round).await?;
    active_questions_of(db, mode, &topics, &questions).await
}
