//! The counters in the `throttle` table, shared by every app server. A hit is
//! one `INSERT … ON CONFLICT (key) DO UPDATE … RETURNING` statement, atomic on
//! SQLite and PostgreSQL alike, so concurrent requests on any server each get
//! their own count and N servers together allow what the limit says.
use super::rules::{verdict, Limit, Verdict};
use crate::entities::throttle::{self, Column, Entity};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};

/// Counts one hit of `subject` under `limit` at `now` (Unix seconds) and says
/// whether it is within the limit. A window that has ended starts afresh.
pub async fn hit(
    db: &impl ConnectionTrait,
    limit: &Limit,
    subject: &str,
    now: i64,
) -> Result<Verdict, DbErr> {
    let window_end = now + limit.window_secs;
    // The stored row's window is still running at `now`.
    let running = || Expr::col((Entity, Column::WindowStart)).gt(now - limit.window_secs);
    let row = throttle::ActiveModel {
        key: Set(limit.key(subject)),
        hits: Set(1),
        window_start: Set(now),
        expires_at: Set(window_end),
    };
    let on_conflict = OnConflict::column(Column::Key)
        .values([
            (Column::Hits, Expr::case(running(), Expr::col((Entity, Column::Hits)).add(1)).finally(1).into()),
            (
                Column::WindowStart,
                Expr::case(running(), Expr::col((Entity, Column::WindowStart))).finally(now).into(),
            ),
            (
                Column::ExpiresAt,
                Expr::case(running(), Expr::col((Entity, Column::ExpiresAt))).finally(window_end).into(),
            ),
        ])
        .to_owned();
    let saved = Entity::insert(row).on_conflict(on_conflict).exec_with_returning(db).await?;
    Ok(verdict(limit, saved.hits, saved.window_start, now))
}

/// Takes one hit back (a sign-in that succeeded is not a failure).
pub async fn refund(db: &impl ConnectionTrait, limit: &Limit, subject: &str) -> Result<(), DbErr> {
    Entity::update_many()
        .col_expr(Column::Hits, Expr::col(Column::Hits).sub(1))
        .filter(Column::Key.eq(limit.key(subject)))
        .filter(Column::Hits.gt(0))
        .exec(db)
        .await?;
    Ok(())
}

/// Forgets a key's count altogether.
pub async fn clear(db: &impl ConnectionTrait, limit: &Limit, subject: &str) -> Result<(), DbErr> {
    Entity::delete_many().filter(Column::Key.eq(limit.key(subject))).exec(db).await?;
    Ok(())
}

/// Deletes the counters whose window has ended; housekeeping runs it.
pub async fn forget_expired(db: &impl ConnectionTrait, now: i64) -> Result<u64, DbErr> {
    Ok(Entity::delete_many().filter(Column::ExpiresAt.lte(now)).exec(db).await?.rows_affected)
}
