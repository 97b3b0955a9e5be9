//! "Tổng quan"'s live numbers: which round is open, how many attempts were
//! started today (Viet Nam's calendar day) and how many people are in a quiz
//! right now. Counted on the server's clock at each call.
use super::types::{LiveOverview, OpenRound};

/// The figures at `now` (public for the server's tests).
pub async fn overview(
    db: &impl sea_orm::ConnectionTrait,
    now: chrono::DateTime<chrono::Utc>,
) -> crate::error::Result<LiveOverview> {
    use crate::entities::{attempt, contest, round};
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
    let rounds = round::Entity::find()
        .filter(round::Column::OpensAt.lte(now))
        .filter(round::Column::ClosesAt.gt(now))
        .order_by_asc(round::Column::ClosesAt)
        .all(db)
        .await?;
    let mut open_rounds = Vec::new();
    for r in rounds {
        let Some(c) = contest::Entity::find_by_id(r.contest_id).one(db).await? else { continue };
        if !c.published {
            continue;
        }
        open_rounds.push(OpenRound {
            round_id: r.id,
            contest_title: c.title,
            round_title: r.title,
            closes_label: crate::time::local_closing(r.closes_at),
        });
    }
    let midnight = crate::time::local_midnight(crate::time::local_today(now));
    let attempts_today = attempt::Entity::find()
        .filter(attempt::Column::StartedAt.gte(midnight))
        .filter(attempt::Column::StartedAt.lte(now))
        .count(db)
        .await?;
    let in_quiz_now = attempt::Entity::find()
        .filter(attempt::Column::SubmittedAt.is_null())
        .filter(attempt::Column::StartedAt.lte(now))
        .filter(attempt::Column::DeadlineAt.gt(now))
        .count(db)
        .await?;
    Ok(LiveOverview {
        open_rounds,
        attempts_today,
        in_quiz_now,
        counted_at: crate::time::local_datetime(now),
    })
}
