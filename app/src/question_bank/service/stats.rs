//! The question statistics' queries: the rounds to pick from, and each
//! question's answers in a round (summed by [`crate::question_bank::summarize`]).
use crate::question_bank::{summarize, QuestionStat, RoundChoice};

pub async fn round_choices(db: &impl sea_orm::ConnectionTrait) -> crate::error::Result<Vec<RoundChoice>> {
    use crate::entities::{attempt, contest, round};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
    use std::collections::HashMap;
    let contests = contest::Entity::find().order_by_desc(contest::Column::CreatedAt).all(db).await?;
    let rounds = round::Entity::find().order_by_asc(round::Column::Number).all(db).await?;
    let counts: HashMap<i32, i64> = attempt::Entity::find()
        .select_only()
        .column(attempt::Column::RoundId)
        .column_as(sea_orm::sea_query::Expr::cust("COUNT(*)"), "n")
        .filter(attempt::Column::SubmittedAt.is_not_null())
        .group_by(attempt::Column::RoundId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(contests
        .iter()
        .flat_map(|c| {
            rounds.iter().filter(move |r| r.contest_id == c.id).map(|r| RoundChoice {
                id: r.id,
                title: r.title.clone(),
                contest_title: c.title.clone(),
                attempts: counts.get(&r.id).copied().unwrap_or(0).max(0) as u64,
            })
        })
        .collect())
}

pub async fn compute(
    db: &impl sea_orm::ConnectionTrait,
    round_id: i32,
) -> crate::error::Result<Vec<QuestionStat>> {
    use crate::entities::{attempt, attempt_question, question};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
    let scores: std::collections::HashMap<i32, i32> = attempt::Entity::find()
        .select_only()
        .columns([attempt::Column::Id, attempt::Column::Score])
        .filter(attempt::Column::RoundId.eq(round_id))
        .filter(attempt::Column::SubmittedAt.is_not_null())
        .into_tuple::<(i32, Option<i32>)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, s)| (id, s.unwrap_or(0)))
        .collect();
    let mut rows = Vec::new();
    let ids: Vec<i32> = scores.keys().copied().collect();
    for chunk in ids.chunks(5000) {
        let answers: Vec<(i32, i32, i32, Option<i32>)> = attempt_question::Entity::find()
            .select_only()
            .columns([attempt_question::Column::AttemptId, attempt_question::Column::QuestionId])
            .columns([attempt_question::Column::CorrectOptionId, attempt_question::Column::ChosenOptionId])
            .filter(attempt_question::Column::AttemptId.is_in(chunk.to_vec()))
            .into_tuple()
            .all(db)
            .await?;
        rows.extend(
            answers.into_iter().map(|(a, q, right, chosen)| {
                (q, scores.get(&a).copied().unwrap_or(0), chosen == Some(right))
            }),
        );
    }
    let question_ids: Vec<i32> = rows.iter().map(|r| r.0).collect();
    let texts = question::Entity::find()
        .filter(question::Column::Id.is_in(question_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|q| (q.id, q.text))
        .collect();
    Ok(summarize(&rows, &texts))
}
