//! The unit tree: reading it in order, editing units (moves may not make a
//! cycle), and all-or-nothing imports matched by unit code.
use super::{UnitDraft, UnitImportReport, UnitNode};
use crate::audit::service::{record, Change};
use crate::entities::unit::UnitKind;
use crate::entities::{contestant, unit};
use crate::error::{AppError, FieldErrors, Result};
use crate::question_bank::LineError;
use crate::staff::guard::Staff;
use crate::staff::Role;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QuerySelect,
    Set, TransactionSession, TransactionTrait,
};
use serde_json::json;
use std::collections::{HashMap, HashSet};

pub mod participation;

/// Every unit in depth-first order with its depth, roots first.
pub fn depth_first(units: &[unit::Model]) -> Vec<(&unit::Model, usize)> {
    let mut children: HashMap<Option<i32>, Vec<&unit::Model>> = HashMap::new();
    for u in units {
        children.entry(u.parent_id).or_default().push(u);
    }
    for list in children.values_mut() {
        list.sort_by(|a, b| (a.sort_order, &a.name).cmp(&(b.sort_order, &b.name)));
    }
    let mut out = Vec::with_capacity(units.len());
    let mut stack: Vec<(&unit::Model, usize)> =
        children.get(&None).map(|r| r.iter().rev().map(|u| (*u, 0)).collect()).unwrap_or_default();
    while let Some((u, depth)) = stack.pop() {
        out.push((u, depth));
        if let Some(kids) = children.get(&Some(u.id)) {
            stack.extend(kids.iter().rev().map(|k| (*k, depth + 1)));
        }
    }
    out
}

/// Each unit's ancestor at depth `level` (itself when it is at that depth);
/// units above that level are missing. Agencies and districts are depth 1.
pub fn ancestor_at(units: &[unit::Model], level: usize) -> HashMap<i32, i32> {
    let mut out = HashMap::new();
    let mut path: Vec<i32> = Vec::new();
    for (u, depth) in depth_first(units) {
        path.truncate(depth);
        path.push(u.id);
        if let Some(top) = path.get(level) {
            out.insert(u.id, *top);
        }
    }
    out
}

/// The ids of `root` and every unit under it.
pub fn branch(units: &[unit::Model], root: i32) -> HashSet<i32> {
    let mut ids = HashSet::from([root]);
    let mut grew = true;
    while grew {
        grew = false;
        for u in units {
            if u.parent_id.is_some_and(|p| ids.contains(&p)) && ids.insert(u.id) {
                grew = true;
            }
        }
    }
    ids
}

/// The units a staff member may see: everything, or a unit contact's branch.
pub async fn visible_units(db: &impl ConnectionTrait, staff: &Staff) -> Result<Option<HashSet<i32>>> {
    if staff.role != Role::UnitContact {
        return Ok(None);
    }
    let units = unit::Entity::find().all(db).await?;
    Ok(Some(staff.unit_id.map(|root| branch(&units, root)).unwrap_or_default()))
}

pub async fn tree(db: &impl ConnectionTrait, staff: &Staff) -> Result<Vec<UnitNode>> {
    let units = unit::Entity::find().all(db).await?;
    let visible = visible_units(db, staff).await?;
    let counts: HashMap<i32, i64> = contestant::Entity::find()
        .select_only()
        .column(contestant::Column::UnitId)
        .column_as(Expr::from(Func::count(Expr::col(contestant::Column::Id))), "n")
        .group_by(contestant::Column::UnitId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(depth_first(&units)
        .into_iter()
        .filter(|(u, _)| visible.as_ref().is_none_or(|v| v.contains(&u.id)))
        .map(|(u, depth)| UnitNode {
            id: u.id,
            parent_id: u.parent_id,
            code: u.code.clone(),
            name: u.name.clone(),
            kind: u.kind.code(),
            headcount: u.headcount,
            contact_name: u.contact_name.clone(),
            contact_phone: u.contact_phone.clone(),
            contestants: counts.get(&u.id).copied().unwrap_or(0).max(0) as u64,
            depth,
        })
        .collect())
}

/// Field problems of a draft against the current tree.
fn check(draft: &UnitDraft, units: &[unit::Model]) -> FieldErrors {
    let mut fields = FieldErrors::new();
    if draft.name.split_whitespace().next().is_none() || draft.name.chars().count() > 255 {
        fields.insert("name".into(), "Vui lòng nhập tên đơn vị (tối đa 255 ký tự).".into());
    }
    let code = draft.code.trim();
    if code.is_empty() || code.chars().count() > 64 {
        fields.insert("code".into(), "Vui lòng nhập mã đơn vị (tối đa 64 ký tự).".into());
    } else if units.iter().any(|u| u.code == code && Some(u.id) != draft.id) {
        fields.insert("code".into(), "Mã đơn vị này đã được dùng.".into());
    }
    if UnitKind::parse(&draft.kind).is_none() {
        fields.insert("kind".into(), "Chọn loại đơn vị trong danh sách.".into());
    }
    if !(0..=1_000_000).contains(&draft.headcount) {
        fields.insert("headcount".into(), "Biên chế là số người từ 0 trở lên.".into());
    }
    if let Some(parent) = draft.parent_id {
        if !units.iter().any(|u| u.id == parent) {
            fields.insert("parent_id".into(), "Không tìm thấy đơn vị cấp trên.".into());
        } else if let Some(id) = draft.id {
            if branch(units, id).contains(&parent) {
                fields.insert(
                    "parent_id".into(),
                    "Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.".into(),
                );
            }
        }
    }
    fields
}

fn snapshot(u: &unit::Model) -> serde_json::Value {
    json!({"code": u.code, "name": u.name, "parent_id": u.parent_id, "kind": u.kind.code(), "headcount": u.headcount,
        "contact_name": u.contact_name, "contact_phone": u.contact_phone})
}

fn clean_opt(v: &Option<String>) -> Option<String> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)
}

/// Writes a checked draft (inside the caller's transaction); answers (before, after).
async fn write(
    db: &impl ConnectionTrait,
    draft: &UnitDraft,
    existing: Option<unit::Model>,
) -> Result<(Option<serde_json::Value>, unit::Model)> {
    let before = existing.as_ref().map(snapshot);
    let mut active = match existing {
        Some(u) => u.into_active_model(),
        None => unit::ActiveModel { sort_order: Set(0), ..Default::default() },
    };
    active.parent_id = Set(draft.parent_id);
    active.code = Set(draft.code.trim().to_owned());
    active.name = Set(draft.name.split_whitespace().collect::<Vec<_>>().join(" "));
    // Checked by `problems` before any write; a draft that skipped it is refused here.
    let kind = UnitKind::parse(&draft.kind)
        .ok_or_else(|| AppError::invalid("kind", "Chọn loại đơn vị trong danh sách."))?;
    active.kind = Set(kind);
    active.headcount = Set(draft.headcount);
    active.contact_name = Set(clean_opt(&draft.contact_name));
    active.contact_phone = Set(clean_opt(&draft.contact_phone));
    let saved = active.save(db).await?;
    let saved: unit::Model = sea_orm::TryIntoModel::try_into_model(saved)?;
    Ok((before, saved))
}

pub async fn save<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    staff: &Staff,
    draft: UnitDraft,
    now: DateTime<Utc>,
) -> Result<UnitNode> {
    let units = unit::Entity::find().all(db).await?;
    let existing = match draft.id {
        Some(id) => {
            Some(units.iter().find(|u| u.id == id).cloned().ok_or_else(|| AppError::not_found("đơn vị"))?)
        }
        None => None,
    };
    let fields = check(&draft, &units);
    if !fields.is_empty() {
        return Err(AppError::Invalid(fields));
    }
    let txn = db.begin().await?;
    let (before, saved) = write(&txn, &draft, existing).await?;
    let change = Change::saved(["unit.create", "unit.update"], "unit", saved.id, before, snapshot(&saved))
        .summary(format!("Đơn vị “{}”", saved.name));
    record(&txn, staff, change, now).await?;
    txn.commit().await?;
    let id = saved.id;
    tree(db, staff)
        .await?
        .into_iter()
        .find(|n| n.id == id)
        .ok_or_else(|| AppError::internal("a saved unit is missing from the tree"))
}

pub async fn delete<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    staff: &Staff,
    id: i32,
    now: DateTime<Utc>,
) -> Result<()> {
    let found = unit::Entity::find_by_id(id).one(db).await?.ok_or_else(|| AppError::not_found("đơn vị"))?;
    if unit::Entity::find().filter(unit::Column::ParentId.eq(id)).one(db).await?.is_some() {
        return Err(AppError::conflict(
            "unit_has_children",
            "Đơn vị còn đơn vị cấp dưới; hãy chuyển hoặc xóa chúng trước.",
        ));
    }
    if contestant::Entity::find().filter(contestant::Column::UnitId.eq(id)).one(db).await?.is_some() {
        return Err(AppError::conflict(
            "unit_has_contestants",
            "Đơn vị đã có thí sinh đăng ký; hãy chuyển thí sinh sang đơn vị khác trước khi xóa.",
        ));
    }
    let txn = db.begin().await?;
    unit::Entity::delete_by_id(id).exec(&txn).await?;
    let change = Change::new("unit.delete", "unit", id)
        .summary(format!("Xóa đơn vị “{}”", found.name))
        .before(snapshot(&found));
    record(&txn, staff, change, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Imports rows read from a sheet: matched by code (update) or new (create);
/// parents named by code, earlier rows or existing units. All or nothing.
pub async fn import<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    staff: &Staff,
    bytes: &[u8],
    dry_run: bool,
    now: DateTime<Utc>,
) -> Result<UnitImportReport> {
    // Reading a 10 MB file is CPU work: off the async workers, so other requests go on.
    let owned = bytes.to_vec();
    let (rows, mut errors) = tokio::task::spawn_blocking(move || super::sheet::read(&owned))
        .await
        .map_err(|e| crate::error::AppError::internal_because("unit sheet reader failed", e))?;
    let units = unit::Entity::find().all(db).await?;
    let mut known: HashSet<String> = units.iter().map(|u| u.code.clone()).collect();
    let mut seen: HashSet<String> = HashSet::new();
    for row in &rows {
        if !seen.insert(row.code.clone()) {
            errors.push(LineError {
                line: row.line,
                message: format!("Mã đơn vị “{}” lặp lại trong tệp.", row.code),
            });
        }
        if let Some(parent) = &row.parent_code {
            if !known.contains(parent) && !seen.contains(parent) {
                errors.push(LineError {
                    line: row.line,
                    message: format!(
                        "Không tìm thấy đơn vị cấp trên có mã “{parent}” (phải ở dòng trước hoặc đã có)."
                    ),
                });
            }
        }
        known.insert(row.code.clone());
    }
    let updated = rows.iter().filter(|r| units.iter().any(|u| u.code == r.code)).count();
    let created = rows.len() - updated;
    if !errors.is_empty() || dry_run {
        errors.sort_by_key(|e| e.line);
        return Ok(UnitImportReport { created, updated, errors });
    }
    let txn = db.begin().await?;
    let mut ids: HashMap<String, i32> = units.iter().map(|u| (u.code.clone(), u.id)).collect();
    for row in &rows {
        let existing = unit::Entity::find().filter(unit::Column::Code.eq(&row.code)).one(&txn).await?;
        let draft = UnitDraft {
            id: existing.as_ref().map(|u| u.id),
            parent_id: row.parent_code.as_ref().and_then(|p| ids.get(p).copied()),
            code: row.code.clone(),
            name: row.name.clone(),
            kind: row.kind.clone(),
            headcount: row.headcount,
            contact_name: row.contact_name.clone(),
            contact_phone: row.contact_phone.clone(),
        };
        let all = unit::Entity::find().all(&txn).await?;
        let fields = check(&draft, &all);
        if let Some(message) = fields.into_values().next() {
            errors.push(LineError { line: row.line, message });
            continue;
        }
        let (_, saved) = write(&txn, &draft, existing).await?;
        ids.insert(saved.code.clone(), saved.id);
    }
    if !errors.is_empty() {
        txn.rollback().await?;
        return Ok(UnitImportReport { created, updated, errors });
    }
    let change = Change { action: "unit.import", entity: "unit", ..Default::default() }
        .summary(format!("Nhập cây đơn vị: {created} đơn vị mới, {updated} đơn vị cập nhật"));
    record(&txn, staff, change, now).await?;
    txn.commit().await?;
    Ok(UnitImportReport { created, updated, errors })
}
