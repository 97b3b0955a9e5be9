//! Contestant search, corrections, locks and the duplicate report.
use super::{AttemptLine, ContestantDetail, ContestantPage, ContestantRow, DuplicateGroup};
use crate::audit::service::{record, Change};
use crate::contestant::{service as registration, validate};
use crate::entities::{attempt, contestant, round, unit};
use crate::error::{AppError, FieldErrors, Result};
use crate::staff::guard::Staff;
use crate::text::fold;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionSession, TransactionTrait,
};
use serde_json::json;
use std::collections::HashMap;

pub const PAGE_SIZE: u64 = 50;
/// This many accounts registered from one address are worth a look.
pub const SAME_ADDRESS: i64 = 5;

/// Whether a viewer may see who a contestant is beyond name, unit and
/// participation: ID number (CCCD), date of birth, e-mail, network address.
/// Unit contacts may not; they only need to know who has taken part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Identity {
    Shown,
    Withheld,
}

impl Identity {
    /// A member's phone as this viewer may see it: whole, or only its last
    /// three digits (`•••••••123`), enough to tell two people of the same name
    /// apart without handing a unit contact everyone's number.
    pub fn phone(self, phone: String) -> String {
        match self {
            Identity::Shown => phone,
            Identity::Withheld => masked_phone(&phone),
        }
    }
}

/// `0913000123` → `•••••••123`; a number of three digits or fewer is hidden whole.
pub fn masked_phone(phone: &str) -> String {
    let n = phone.chars().count();
    let kept = if n > 3 { 3 } else { 0 };
    phone.chars().enumerate().map(|(i, c)| if i + kept < n { '•' } else { c }).collect()
}

impl From<&Staff> for Identity {
    fn from(staff: &Staff) -> Self {
        if staff.role.can_edit() {
            Identity::Shown
        } else {
            Identity::Withheld
        }
    }
}

async fn rows_of(
    db: &impl ConnectionTrait,
    people: Vec<contestant::Model>,
    viewer: impl Into<Identity>,
) -> Result<Vec<ContestantRow>> {
    let identity = viewer.into();
    let shown = identity == Identity::Shown;
    let units: HashMap<i32, String> =
        unit::Entity::find().all(db).await?.into_iter().map(|u| (u.id, u.name)).collect();
    let ids: Vec<i32> = people.iter().map(|p| p.id).collect();
    let counts: HashMap<i32, i64> = attempt::Entity::find()
        .select_only()
        .column(attempt::Column::ContestantId)
        .column_as(Expr::from(Func::count(Expr::col(attempt::Column::Id))), "n")
        .filter(attempt::Column::ContestantId.is_in(ids))
        .group_by(attempt::Column::ContestantId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(people
        .into_iter()
        .map(|p| ContestantRow {
            id: p.id,
            birth_date: shown.then(|| crate::format::date(p.birth_date)),
            unit_name: units.get(&p.unit_id).cloned().unwrap_or_default(),
            attempts: counts.get(&p.id).copied().unwrap_or(0).max(0) as u64,
            locked: p.locked_at.is_some(),
            full_name: p.full_name,
            phone: identity.phone(p.phone),
            id_number: p.id_number.filter(|_| shown),
            category: p.category,
            unit_id: p.unit_id,
        })
        .collect())
}

/// The units `staff` may look into, narrowed to `unit`'s branch when given.
async fn unit_scope(db: &impl ConnectionTrait, staff: &Staff, unit: Option<i32>) -> Result<Option<Vec<i32>>> {
    let visible = crate::unit_admin::service::visible_units(db, staff).await?;
    let wanted = match unit {
        Some(root) => {
            let units = unit::Entity::find().all(db).await?;
            Some(crate::unit_admin::service::branch(&units, root))
        }
        None => None,
    };
    Ok(match (visible, wanted) {
        (None, None) => None,
        (Some(v), None) => Some(v.into_iter().collect()),
        (None, Some(w)) => Some(w.into_iter().collect()),
        (Some(v), Some(w)) => Some(v.intersection(&w).copied().collect()),
    })
}

pub async fn search(
    db: &impl ConnectionTrait,
    staff: &Staff,
    q: &str,
    unit: Option<i32>,
    page: u64,
) -> Result<ContestantPage> {
    let mut query = contestant::Entity::find();
    // Phones are stored as 0xxxxxxxxx: "0912 345 678" and "+84912345678" both find one.
    let phone = validate::normalize_phone(q).ok();
    match phone {
        Some(phone) => query = query.filter(contestant::Column::Phone.eq(phone)),
        None => {
            let words = fold(q);
            // The search key holds the ID number too: a unit contact, who may
            // not see ID numbers, may not find people by them either (names
            // have no digits, so such a search finds nobody).
            let by_name_only = Identity::from(staff) == Identity::Withheld;
            if by_name_only && words.chars().any(|c| c.is_ascii_digit()) {
                return Ok(ContestantPage { total: 0, page, page_size: PAGE_SIZE, items: Vec::new() });
            }
            for word in words.split(' ').filter(|w| !w.is_empty()) {
                query = query.filter(contestant::Column::SearchKey.contains(word));
            }
        }
    }
    if let Some(ids) = unit_scope(db, staff, unit).await? {
        query = query.filter(contestant::Column::UnitId.is_in(ids));
    }
    let total = query.clone().count(db).await?;
    let people =
        query.order_by_asc(contestant::Column::Id).paginate(db, PAGE_SIZE).fetch_page(page - 1).await?;
    Ok(ContestantPage { total, page, page_size: PAGE_SIZE, items: rows_of(db, people, staff).await? })
}

/// The contestant if `staff` may see them (404 otherwise, saying nothing more).
pub(crate) async fn visible(db: &impl ConnectionTrait, staff: &Staff, id: i32) -> Result<contestant::Model> {
    let person =
        contestant::Entity::find_by_id(id).one(db).await?.ok_or_else(|| AppError::not_found("thí sinh"))?;
    match crate::unit_admin::service::visible_units(db, staff).await? {
        Some(units) if !units.contains(&person.unit_id) => Err(AppError::not_found("thí sinh")),
        _ => Ok(person),
    }
}

pub async fn detail(db: &impl ConnectionTrait, staff: &Staff, id: i32) -> Result<ContestantDetail> {
    let person = visible(db, staff, id).await?;
    let attempts = attempt::Entity::find()
        .filter(attempt::Column::ContestantId.eq(id))
        .order_by_asc(attempt::Column::StartedAt)
        .all(db)
        .await?;
    let rounds: HashMap<i32, String> = round::Entity::find()
        .filter(round::Column::Id.is_in(attempts.iter().map(|a| a.round_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.title))
        .collect();
    let shown = Identity::from(staff) == Identity::Shown;
    let (email, birth_iso, registered_at, registered_from) = (
        person.email.clone().filter(|_| shown),
        shown.then(|| person.birth_date.format("%Y-%m-%d").to_string()),
        crate::time::local_datetime(person.created_at),
        person.registered_from.clone().filter(|_| shown),
    );
    let row = rows_of(db, vec![person], staff)
        .await?
        .pop()
        .ok_or_else(|| AppError::internal("a contestant row cannot be read back"))?;
    Ok(ContestantDetail {
        row,
        email,
        birth_date_iso: birth_iso,
        registered_at,
        registered_from,
        attempts: attempts
            .into_iter()
            .map(|a| AttemptLine {
                attempt_id: a.id,
                round_title: rounds.get(&a.round_id).cloned().unwrap_or_default(),
                sequence: a.sequence,
                started_at: crate::time::local_datetime(a.started_at),
                submitted: a.submitted_at.is_some(),
                score: a.score,
                correct: a.correct_count,
                total: a.question_count,
                duration_ms: a.duration_ms,
                eligible: a.eligible,
            })
            .collect(),
    })
}

fn reason_required(reason: &str) -> Result<String> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::invalid("reason", "Vui lòng ghi lý do (được lưu vào nhật ký thay đổi)."));
    }
    Ok(reason.to_owned())
}

pub async fn lock<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    staff: &Staff,
    id: i32,
    locked: bool,
    reason: String,
    now: DateTime<Utc>,
) -> Result<ContestantRow> {
    let reason = reason_required(&reason)?;
    let person = visible(db, staff, id).await?;
    let was = person.locked_at.is_some();
    let txn = db.begin().await?;
    let mut active = person.into_active_model();
    active.locked_at = Set(locked.then_some(now));
    let saved = active.update(&txn).await?;
    // A locked account is signed out everywhere at once, not at its next sign-in.
    let sessions_ended = if locked { crate::session::end_contestant_sessions(&txn, id).await? } else { 0 };
    // Every server's leaderboards of the person's rounds follow at their next request.
    crate::results::generation::contestant_changed(&txn, id).await?;
    let summary = if locked {
        format!(
            "Khóa tài khoản thí sinh {}; đăng xuất {sessions_ended} phiên. Từ lần cập nhật số liệu tiếp theo, \
             các lượt thi của người này không còn được tính vào bảng xếp hạng, giải, số liệu tham gia, \
             giải tập thể, chỉ số cải cách hành chính và con số thực tế của câu hỏi dự đoán.",
            saved.full_name
        )
    } else {
        format!(
            "Mở khóa tài khoản thí sinh {}; từ lần cập nhật số liệu tiếp theo, các lượt thi của người này \
             được tính lại.",
            saved.full_name
        )
    };
    let change = Change::new(if locked { "contestant.lock" } else { "contestant.unlock" }, "contestant", id)
        .summary(summary)
        .before(json!({"locked": was, "counted": !was}))
        .after(json!({"locked": locked, "counted": !locked, "sessions_ended": sessions_ended}))
        .reason(reason);
    record(&txn, staff, change, now).await?;
    txn.commit().await?;
    rows_of(db, vec![saved], staff)
        .await?
        .pop()
        .ok_or_else(|| AppError::internal("a contestant row cannot be read back"))
}

/// An organizer's correction of the fields that decide prizes.
pub struct Correction {
    pub full_name: String,
    pub birth_date: String,
    pub id_number: Option<String>,
    pub unit_id: i32,
    pub reason: String,
}

pub async fn correct<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    staff: &Staff,
    id: i32,
    fix: Correction,
    now: DateTime<Utc>,
) -> Result<ContestantRow> {
    let person = visible(db, staff, id).await?;
    let mut fields = FieldErrors::new();
    let full_name = validate::normalize_full_name(&fix.full_name)
        .map_err(|m| fields.insert("full_name".into(), m.into()))
        .ok();
    let birth_date = registration::parse_birth_date(&fix.birth_date, now)
        .map_err(|m| fields.insert("birth_date".into(), m.into()))
        .ok();
    let id_number = match fix.id_number.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(raw) => validate::normalize_id_number(raw)
            .map(Some)
            .map_err(|m| fields.insert("id_number".into(), m.into()))
            .ok(),
        None => Some(None),
    };
    if unit::Entity::find_by_id(fix.unit_id).one(db).await?.is_none() {
        fields.insert("unit_id".into(), "Vui lòng chọn đơn vị trong danh sách.".into());
    }
    if fix.reason.trim().is_empty() {
        fields.insert("reason".into(), "Vui lòng ghi lý do sửa (được lưu vào nhật ký thay đổi).".into());
    }
    if let Some(Some(number)) = &id_number {
        let twin = contestant::Entity::find()
            .filter(contestant::Column::IdNumber.eq(number.clone()))
            .one(db)
            .await?;
        if twin.is_some_and(|t| t.id != id) {
            fields.insert("id_number".into(), "Số căn cước này thuộc một tài khoản khác.".into());
        }
    }
    let (Some(full_name), Some(birth_date), Some(id_number), true) =
        (full_name, birth_date, id_number, fields.is_empty())
    else {
        return Err(AppError::Invalid(fields));
    };
    let before = json!({"full_name": person.full_name, "birth_date": person.birth_date.to_string(),
        "id_number": person.id_number, "unit_id": person.unit_id});
    let after = json!({"full_name": full_name, "birth_date": birth_date.to_string(), "id_number": id_number, "unit_id": fix.unit_id});
    let key = registration::search_key(&full_name, &person.phone, id_number.as_deref());
    let txn = db.begin().await?;
    let mut active = person.into_active_model();
    active.full_name = Set(full_name);
    active.birth_date = Set(birth_date);
    active.id_number = Set(id_number);
    active.unit_id = Set(fix.unit_id);
    active.search_key = Set(key);
    let saved = active.update(&txn).await?;
    let change = Change::new("contestant.correct", "contestant", id)
        .summary(format!("Sửa thông tin thí sinh {}", saved.full_name))
        .before(before)
        .after(after)
        .reason(fix.reason);
    record(&txn, staff, change, now).await?;
    txn.commit().await?;
    rows_of(db, vec![saved], staff)
        .await?
        .pop()
        .ok_or_else(|| AppError::internal("a contestant row cannot be read back"))
}

pub async fn duplicates(db: &impl ConnectionTrait) -> Result<Vec<DuplicateGroup>> {
    let people = contestant::Entity::find().order_by_asc(contestant::Column::Id).all(db).await?;
    let mut by_person: HashMap<(String, chrono::NaiveDate, i32), Vec<contestant::Model>> = HashMap::new();
    let mut by_address: HashMap<String, Vec<contestant::Model>> = HashMap::new();
    for p in people {
        if let Some(address) = p.registered_from.clone() {
            by_address.entry(address).or_default().push(p.clone());
        }
        by_person.entry((fold(&p.full_name), p.birth_date, p.unit_id)).or_default().push(p);
    }
    let mut groups = Vec::new();
    let mut same_person: Vec<_> = by_person.into_values().filter(|g| g.len() > 1).collect();
    same_person.sort_by_key(|g| g.first().map(|p| p.id));
    for group in same_person {
        groups.push(DuplicateGroup {
            reason: "Cùng họ tên và ngày sinh, cùng đơn vị".to_owned(),
            contestants: rows_of(db, group, Identity::Shown).await?,
        });
    }
    let mut same_address: Vec<_> =
        by_address.into_iter().filter(|(_, g)| g.len() as i64 >= SAME_ADDRESS).collect();
    same_address.sort_by(|a, b| a.0.cmp(&b.0));
    for (address, group) in same_address {
        groups.push(DuplicateGroup {
            reason: format!("{} tài khoản đăng ký từ cùng địa chỉ {address}", group.len()),
            contestants: rows_of(db, group, Identity::Shown).await?,
        });
    }
    Ok(groups)
}

#[cfg(test)]
mod tests {
    use super::{masked_phone, Identity};

    #[test]
    fn unit_contacts_see_only_the_last_three_digits_of_a_phone() {
        assert_eq!(masked_phone("0913000123"), "•••••••123");
        assert_eq!(masked_phone("+84913000123"), "•••••••••123");
        assert_eq!(masked_phone("123"), "•••");
        assert_eq!(masked_phone(""), "");
        assert_eq!(Identity::Withheld.phone("0913000123".into()), "•••••••123");
        assert_eq!(Identity::Shown.phone("0913000123".into()), "0913000123");
    }
}
