//! Rankings moved by an organizer: each function bumps the stored
//! `round.ranking_generation` of the rounds concerned, one atomic
//! `UPDATE … SET ranking_generation = ranking_generation + 1`, called inside
//! the transaction of the change itself. Every server's cached ranking of
//! those rounds then no longer matches and is ranked again at its next request
//! (`service::ranked_cached`). Newly graded attempts need none of this: the
//! cache's one-minute refresh takes them in.
use crate::entities::{attempt, round};
use crate::error::Result;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

fn bump() -> sea_orm::UpdateMany<round::Entity> {
    round::Entity::update_many()
        .col_expr(round::Column::RankingGeneration, Expr::col(round::Column::RankingGeneration).add(1))
}

/// One round's rules changed (counted attempt, practice, prediction, …).
pub async fn round_changed(db: &impl ConnectionTrait, round_id: i32) -> Result<()> {
    bump().filter(round::Column::Id.eq(round_id)).exec(db).await?;
    Ok(())
}

/// Every round of a contest (a disqualification or its reversal, the exclusion list).
pub async fn contest_changed(db: &impl ConnectionTrait, contest_id: i32) -> Result<()> {
    bump().filter(round::Column::ContestId.eq(contest_id)).exec(db).await?;
    Ok(())
}

/// Every round a contestant has an attempt in (a lock or unlock of the account).
pub async fn contestant_changed(db: &impl ConnectionTrait, contestant_id: i32) -> Result<()> {
    let rounds = Query::select()
        .column(attempt::Column::RoundId)
        .from(attempt::Entity)
        .and_where(attempt::Column::ContestantId.eq(contestant_id))
        .to_owned();
    bump().filter(round::Column::Id.in_subquery(rounds)).exec(db).await?;
    Ok(())
}
