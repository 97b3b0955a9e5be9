//! The 2022 contest's prizes, awarded from its simulated history the way the
//! organizers would: a prize structure per week, each week's list approved and
//! published, then the collective prizes. Goes through the same service as the
//! dashboard, so the demo shows exactly what the workflow produces.
use super::DemoError;
use app::entities::{contest, staff_account};
use app::prizes::{service, ListKey, TierDraft};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionTrait};

fn tier(position: i32, name: &str, quantity: i32, unit_points: f64) -> TierDraft {
    TierDraft { position, name: name.to_owned(), quantity, category: String::new(), unit_points }
}

fn failed(e: app::error::AppError) -> DemoError {
    DemoError::Data { file: "prizes.rs", reason: e.to_string() }
}

/// Awards and publishes every list of the contest `slug`; returns the number of individual prizes.
pub async fn award_2022<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    slug: &str,
    now: DateTime<Utc>,
) -> Result<usize, DemoError> {
    let Some(found) = contest::Entity::find().filter(contest::Column::Slug.eq(slug)).one(db).await? else {
        return Ok(0);
    };
    let account = staff_account::Entity::find()
        .filter(staff_account::Column::Email.eq(super::organizer::DEMO_ORGANIZER_EMAIL))
        .one(db)
        .await?;
    let Some(organizer) = account.and_then(app::staff::guard::staff_of) else { return Ok(0) };
    // Collective prizes read the per-unit figures.
    app::results::stats::refresh(db, found.id, now).await.map_err(failed)?;
    let overview = service::overview(db, found.id, now).await.map_err(failed)?;
    let rounds: Vec<ListKey> =
        overview.lists.iter().map(|l| ListKey::of(l.round_id)).filter(|k| *k != ListKey::Contest).collect();
    // Each week: 1 first, 2 second, 3 third and 5 consolation prizes (the directive's structure).
    let week = vec![
        tier(1, "Giải Nhất", 1, 10.0),
        tier(2, "Giải Nhì", 2, 7.0),
        tier(3, "Giải Ba", 3, 5.0),
        tier(4, "Giải Khuyến khích", 5, 2.0),
    ];
    for id in &rounds {
        service::save_tiers(db, &organizer, found.id, *id, week.clone(), now).await.map_err(failed)?;
    }
    for key in rounds.iter().copied().chain(std::iter::once(ListKey::Contest)) {
        service::approve(db, &organizer, found.id, key, now).await.map_err(failed)?;
        service::publish(db, &organizer, found.id, key, now).await.map_err(failed)?;
    }
    let done = service::overview(db, found.id, now).await.map_err(failed)?;
    Ok(done.lists.iter().map(|l| l.awards.len()).sum())
}
