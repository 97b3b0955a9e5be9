//! Granting and removing extra time, and reading it where attempts start and
//! where the answer key waits. Every change is written to the audit log in
//! the same transaction.
use super::{problems, ExtraTime};
use crate::audit::service::{record, Change};
use crate::entities::{attempt, contestant_extra_time as grant, staff_account};
use crate::error::{AppError, Result};
use crate::staff::guard::Staff;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Func, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set, TransactionSession,
    TransactionTrait,
};
use serde_json::json;

/// Only organizers (and admins) grant or read extra time: it is an
/// accommodation, often for a disability, that unit contacts have no need to
/// know. The server function's guard says so too; this keeps the service safe
/// for any other caller.
fn organizer_only(staff: &Staff) -> Result<()> {
    if staff.role.can_edit() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

async fn shown(db: &impl ConnectionTrait, row: grant::Model) -> Result<ExtraTime> {
    let by = match row.granted_by {
        Some(id) => staff_account::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|a| if a.full_name.trim().is_empty() { a.email } else { a.full_name })
            .unwrap_or_default(),
        None => String::new(),
    };
    Ok(ExtraTime {
        contestant_id: row.contestant_id,
        percent: row.percent,
        reason: row.reason,
        granted_by: by,
        granted_at: crate::time::local_datetime(row.granted_at),
    })
}

/// The grant in force for a contestant the organizer may see.
pub async fn of(db: &impl ConnectionTrait, staff: &Staff, contestant_id: i32) -> Result<Option<ExtraTime>> {
    organizer_only(staff)?;
    crate::contestant_admin::service::visible(db, staff, contestant_id).await?;
    match grant::Entity::find_by_id(contestant_id).one(db).await? {
        Some(row) => Ok(Some(shown(db, row).await?)),
        None => Ok(None),
    }
}

/// Grants (or changes) `percent` extra time for the contestant's new attempts.
pub async fn grant<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    staff: &Staff,
    contestant_id: i32,
    percent: i32,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<ExtraTime> {
    organizer_only(staff)?;
    let person = crate::contestant_admin::service::visible(db, staff, contestant_id).await?;
    let fields = problems(percent, reason);
    if !fields.is_empty() {
        return Err(AppError::Invalid(fields));
    }
    let reason = reason.trim().to_owned();
    let before = grant::Entity::find_by_id(contestant_id).one(db).await?;
    let txn = db.begin().await?;
    let row = grant::ActiveModel {
        contestant_id: Set(contestant_id),
        percent: Set(percent),
        reason: Set(reason.clone()),
        granted_by: Set(Some(staff.id)),
        granted_at: Set(now),
    };
    // One statement whether or not a grant exists: two organizers saving at
    // once leave the later one in force, never an error.
    grant::Entity::insert(row)
        .on_conflict(
            OnConflict::column(grant::Column::ContestantId)
                .update_columns([
                    grant::Column::Percent,
                    grant::Column::Reason,
                    grant::Column::GrantedBy,
                    grant::Column::GrantedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
    let change = Change::new("contestant.extra_time", "contestant", contestant_id)
        .summary(format!(
            "Cộng thêm {percent}% thời gian làm bài cho thí sinh {} (áp dụng cho các lượt thi bắt đầu từ nay)",
            person.full_name
        ))
        .before(before.map_or(json!(null), |b| json!({"percent": b.percent, "reason": b.reason})))
        .after(json!({"full_name": person.full_name, "percent": percent, "reason": reason}))
        .reason(reason);
    record(&txn, staff, change, now).await?;
    txn.commit().await?;
    let saved = grant::Entity::find_by_id(contestant_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::internal("a saved extra-time grant cannot be read back"))?;
    shown(db, saved).await
}

/// Ends the grant: the contestant's new attempts have the round's own limit
/// again (a running one keeps its deadline). Removing none is not an error.
pub async fn remove<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    staff: &Staff,
    contestant_id: i32,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Option<ExtraTime>> {
    organizer_only(staff)?;
    let person = crate::contestant_admin::service::visible(db, staff, contestant_id).await?;
    if reason.trim().is_empty() {
        return Err(AppError::invalid("reason", "Vui lòng ghi lý do (được lưu vào nhật ký thay đổi)."));
    }
    let Some(before) = grant::Entity::find_by_id(contestant_id).one(db).await? else {
        return Ok(None);
    };
    let txn = db.begin().await?;
    grant::Entity::delete_by_id(contestant_id).exec(&txn).await?;
    let change = Change::new("contestant.extra_time_remove", "contestant", contestant_id)
        .summary(format!("Bỏ thời gian cộng thêm của thí sinh {}", person.full_name))
        .before(json!({"full_name": person.full_name, "percent": before.percent, "reason": before.reason}))
        .after(json!(null))
        .reason(reason.trim());
    record(&txn, staff, change, now).await?;
    txn.commit().await?;
    Ok(None)
}

/// The percentage a new attempt of `contestant_id` gets (0 without a grant).
pub async fn percent_for(db: &impl ConnectionTrait, contestant_id: i32) -> Result<i32> {
    Ok(grant::Entity::find_by_id(contestant_id).one(db).await?.map_or(0, |g| g.percent.max(0)))
}

/// The largest extra time any attempt of `round_id` may run with: the
/// largest grant in force (anyone might still start one before the close)
/// and the largest any attempt of the round was started with (a grant
/// removed since does not shorten that attempt). Generous on purpose: a
/// grant that nobody uses only delays the key, never leaks it.
pub async fn largest_for_round(db: &impl ConnectionTrait, round_id: i32) -> Result<i32> {
    let granted: Option<i32> = grant::Entity::find()
        .select_only()
        .column_as(Expr::expr(Func::max(Expr::col(grant::Column::Percent))), "largest")
        .into_tuple::<Option<i32>>()
        .one(db)
        .await?
        .flatten();
    let started: Option<i32> = attempt::Entity::find()
        .select_only()
        .column_as(Expr::expr(Func::max(Expr::col(attempt::Column::ExtraTimePercent))), "largest")
        .filter(attempt::Column::RoundId.eq(round_id))
        .into_tuple::<Option<i32>>()
        .one(db)
        .await?
        .flatten();
    Ok(granted.unwrap_or(0).max(started.unwrap_or(0)).max(0))
}
