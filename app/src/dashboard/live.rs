//! "Tổng quan"'s live numbers: which round is open, how many attempts were
//! started today (Viet Nam's calendar day) and how many people are in a quiz
//! right now. Counted on the server's clock at each call.
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// A round open now, with its contest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenRound {
    pub round_id: i32,
    pub contest_title: String,
    pub round_title: String,
    /// "dd/mm/yyyy HH:mm", local time.
    pub closes_label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveOverview {
    /// Rounds of published contests open now (usually one), by closing time.
    pub open_rounds: Vec<OpenRound>,
    /// Attempts started since local midnight.
    pub attempts_today: u64,
    /// Attempts started, not submitted, whose time is not up yet.
    pub in_quiz_now: u64,
    /// When counted, "dd/mm/yyyy HH:mm".
    pub counted_at: String,
}

/// Live numbers for the dashboard's start page (organizers and admins).
#[server(prefix = "/api", endpoint = "admin/overview/live", input = GetUrl)]
pub async fn admin_live_overview() -> Result<LiveOverview, AppError> {
    crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    overview(&db, chrono::Utc::now()).await
}

/// The figures at `now` (public for the server's tests).
#[cfg(feature = "ssr")]
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
