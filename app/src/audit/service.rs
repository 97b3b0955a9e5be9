//! Writing and reading the audit log. There is deliberately no update or
//! delete here: the log is evidence.
use super::AuditEntry;
use crate::entities::{audit_log, staff_account};
use crate::error::Result;
use crate::staff::guard::Staff;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::Value;

/// One change to record.
#[derive(Debug, Default)]
pub struct Change {
    pub action: &'static str,
    pub entity: &'static str,
    pub entity_id: Option<String>,
    pub summary: Option<String>,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub reason: Option<String>,
}

impl Change {
    pub fn new(action: &'static str, entity: &'static str, entity_id: impl ToString) -> Self {
        Change { action, entity, entity_id: Some(entity_id.to_string()), ..Default::default() }
    }
    /// A row created (no `before`) or updated (`before` is what it was):
    /// `actions` names the two, e.g. `["unit.create", "unit.update"]`.
    pub fn saved(
        actions: [&'static str; 2],
        entity: &'static str,
        entity_id: impl ToString,
        before: Option<Value>,
        after: Value,
    ) -> Self {
        let action = if before.is_some() { actions[1] } else { actions[0] };
        Change { before, after: Some(after), ..Change::new(action, entity, entity_id) }
    }
    pub fn summary(mut self, text: impl Into<String>) -> Self {
        self.summary = Some(text.into());
        self
    }
    pub fn before(mut self, value: Value) -> Self {
        self.before = Some(value);
        self
    }
    pub fn after(mut self, value: Value) -> Self {
        self.after = Some(value);
        self
    }
    pub fn reason(mut self, text: impl Into<String>) -> Self {
        self.reason = Some(text.into()).filter(|r: &String| !r.trim().is_empty());
        self
    }
}

/// Records `change` made by `who` (inside the caller's transaction when it has one,
/// so a change and its log entry land together or not at all).
pub async fn record(
    db: &impl ConnectionTrait,
    who: &Staff,
    change: Change,
    now: DateTime<Utc>,
) -> Result<()> {
    audit_log::ActiveModel {
        at: Set(now),
        staff_account_id: Set(Some(who.id)),
        actor: Set(who.email.clone()),
        action: Set(change.action.to_owned()),
        entity: Set(change.entity.to_owned()),
        entity_id: Set(change.entity_id),
        summary: Set(change.summary),
        before: Set(change.before.map(|v| v.to_string())),
        after: Set(change.after.map(|v| v.to_string())),
        reason: Set(change.reason),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

pub const PAGE_SIZE: u64 = 50;

/// Newest first, filtered by action prefix, entity, actor text; one page.
pub async fn list(
    db: &impl ConnectionTrait,
    action: Option<&str>,
    entity_id: Option<&str>,
    actor: Option<&str>,
    page: u64,
) -> Result<(u64, Vec<AuditEntry>)> {
    let mut query = audit_log::Entity::find();
    if let Some(action) = action.filter(|a| !a.is_empty()) {
        query = query.filter(audit_log::Column::Action.starts_with(action));
    }
    if let Some(id) = entity_id.filter(|a| !a.is_empty()) {
        query = query.filter(audit_log::Column::EntityId.eq(id));
    }
    if let Some(actor) = actor.filter(|a| !a.is_empty()) {
        query = query.filter(audit_log::Column::Actor.contains(actor.to_lowercase()));
    }
    let total = query.clone().count(db).await?;
    let rows = query
        .order_by_desc(audit_log::Column::Id)
        .paginate(db, PAGE_SIZE)
        .fetch_page(page.saturating_sub(1))
        .await?;
    // The people's names, one query for the page (the log keeps the e-mail as written).
    let mut ids: Vec<i32> = rows.iter().filter_map(|r| r.staff_account_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let names: std::collections::HashMap<i32, String> = if ids.is_empty() {
        Default::default()
    } else {
        staff_account::Entity::find()
            .filter(staff_account::Column::Id.is_in(ids))
            .all(db)
            .await?
            .into_iter()
            .filter(|a| !a.full_name.trim().is_empty())
            .map(|a| (a.id, a.full_name))
            .collect()
    };
    let entries = rows
        .into_iter()
        .map(|row| {
            let actor_name = row
                .staff_account_id
                .and_then(|id| names.get(&id).cloned())
                .unwrap_or_else(|| row.actor.clone());
            let facts = super::sentence::Facts::new(
                &actor_name,
                &row.action,
                &row.entity,
                row.summary.as_deref(),
                row.before.as_deref(),
                row.after.as_deref(),
            );
            let sentence = super::sentence::sentence(&facts);
            (row, actor_name, sentence)
        })
        .map(|(row, actor_name, sentence)| AuditEntry {
            id: row.id,
            at: crate::time::local_datetime(row.at),
            actor: row.actor,
            actor_name,
            sentence,
            action: row.action,
            entity: row.entity,
            entity_id: row.entity_id,
            summary: row.summary,
            before: row.before,
            after: row.after,
            reason: row.reason,
        })
        .collect();
    Ok((total, entries))
}
