//! Registration, sign-in and the lookups a registration form needs.
use super::types::{CategoryChoice, ContestInfo, Profile, RegistrationChoices, RoundInfo, UnitMatch};
use super::validate;
use crate::entities::{category, contest, contestant, round, unit};
use crate::error::{AppError, FieldErrors, Result};
use crate::text::fold;
use crate::time::ZONE;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, SqlErr,
};
use std::collections::HashMap;

/// What a person typed, before any check.
#[derive(Debug, Clone)]
pub struct Registration {
    pub full_name: String,
    pub birth_date: String,
    pub phone: String,
    pub id_number: Option<String>,
    pub email: Option<String>,
    pub category: String,
    pub unit_id: i32,
    pub password: String,
}

/// A contestant whose account the organizers locked.
pub fn locked_error() -> AppError {
    AppError::conflict(
        "account_locked",
        "Tài khoản này đã bị Ban Tổ chức tạm khóa. Vui lòng liên hệ Ban Tổ chức để được hỗ trợ.",
    )
}

/// What the dashboard's contestant search matches: the name without
/// diacritics, the phone and the ID number, lower-case.
pub fn search_key(full_name: &str, phone: &str, id_number: Option<&str>) -> String {
    format!("{} {} {}", crate::text::fold(full_name), phone, id_number.unwrap_or("")).trim().to_owned()
}

/// Keeps the address a contestant registered from (duplicate-account report).
pub async fn remember_address(
    db: &impl ConnectionTrait,
    contestant_id: i32,
    address: Option<String>,
) -> Result<()> {
    if address.is_some() {
        contestant::Entity::update_many()
            .col_expr(contestant::Column::RegisteredFrom, sea_orm::sea_query::Expr::value(address))
            .filter(contestant::Column::Id.eq(contestant_id))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Fills the search key of rows made before it existed; run at start-up.
pub async fn fill_search_keys(db: &impl ConnectionTrait) -> Result<u64> {
    let rows = contestant::Entity::find().filter(contestant::Column::SearchKey.eq("")).all(db).await?;
    let n = rows.len() as u64;
    for row in rows {
        let key = search_key(&row.full_name, &row.phone, row.id_number.as_deref());
        contestant::Entity::update_many()
            .col_expr(contestant::Column::SearchKey, sea_orm::sea_query::Expr::value(key))
            .filter(contestant::Column::Id.eq(row.id))
            .exec(db)
            .await?;
    }
    Ok(n)
}

/// Validates every field (all problems at once), then creates the contestant.
/// Valid forms are counted per `address` and per phone before the hash, since
/// each one costs a hash and says whether the phone is taken.
pub async fn register(
    db: &impl ConnectionTrait,
    form: Registration,
    address: Option<&str>,
    now: DateTime<Utc>,
) -> Result<i32> {
    let mut fields = FieldErrors::new();
    let mut check = |field: &str, outcome: std::result::Result<(), &str>| {
        if let Err(message) = outcome {
            fields.insert(field.to_owned(), message.to_owned());
        }
    };

    let full_name = validate::normalize_full_name(&form.full_name);
    check("full_name", full_name.as_ref().map(|_| ()).map_err(|e| *e));
    let phone = validate::normalize_phone(&form.phone);
    check("phone", phone.as_ref().map(|_| ()).map_err(|e| *e));
    let id_number = match form.id_number.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(raw) => validate::normalize_id_number(raw).map(Some),
        None => Ok(None),
    };
    check("id_number", id_number.as_ref().map(|_| ()).map_err(|e| *e));
    let email = validate::normalize_email(form.email.as_deref().unwrap_or(""));
    check("email", email.as_ref().map(|_| ()).map_err(|e| *e));
    check("password", validate::check_password(&form.password));
    let birth_date = parse_birth_date(&form.birth_date, now);
    check("birth_date", birth_date.as_ref().map(|_| ()).map_err(|e| *e));

    // The category must be one that a published contest defines.
    let known_category = category::Entity::find()
        .filter(category::Column::Code.eq(form.category.trim()))
        .one(db)
        .await?
        .is_some();
    if !known_category {
        fields.insert("category".into(), validate::CHOOSE_CATEGORY.into());
    }
    if unit::Entity::find_by_id(form.unit_id).one(db).await?.is_none() {
        // The form sends 0 for "— Chọn đơn vị —".
        fields.insert("unit_id".into(), validate::CHOOSE_UNIT.into());
    }
    // An ID number is required when any published contest requires it.
    let id_required = contest::Entity::find()
        .filter(contest::Column::Published.eq(true))
        .filter(contest::Column::IdNumberRequired.eq(true))
        .one(db)
        .await?
        .is_some();
    if id_required && matches!(id_number, Ok(None)) {
        fields.insert("id_number".into(), "Vui lòng nhập số căn cước công dân.".into());
    }

    let (Ok(full_name), Ok(phone), Ok(id_number), Ok(email), Ok(birth_date), true) =
        (full_name, phone, id_number, email, birth_date, fields.is_empty())
    else {
        return Err(AppError::Invalid(fields));
    };

    crate::throttle::before_registration(db, &phone, address, now.timestamp()).await?;
    let password_hash = crate::password::hash_async(form.password).await?;
    let (full_name_for_key, phone_for_key, id_number_for_key) =
        (full_name.clone(), phone.clone(), id_number.clone());
    let saved = contestant::ActiveModel {
        full_name: Set(full_name),
        birth_date: Set(birth_date),
        phone: Set(phone),
        id_number: Set(id_number),
        email: Set(email),
        category: Set(form.category.trim().to_owned()),
        unit_id: Set(form.unit_id),
        password_hash: Set(password_hash),
        profile_locked_at: Set(None),
        created_at: Set(now),
        search_key: Set(search_key(&full_name_for_key, &phone_for_key, id_number_for_key.as_deref())),
        ..Default::default()
    }
    .insert(db)
    .await;
    match saved {
        Ok(row) => Ok(row.id),
        // Told apart by the constraint's name (PostgreSQL) or its columns
        // (SQLite, which names no constraint), never by the message's prose.
        Err(err) => Err(match crate::error::unique_violation(&err).as_deref() {
            Some("idx_contestant_id_number" | "contestant.id_number") => {
                AppError::invalid("id_number", "Số căn cước công dân này đã được đăng ký.")
            }
            Some(_) => AppError::invalid("phone", "Số điện thoại này đã được đăng ký. Vui lòng đăng nhập."),
            _ => AppError::from(err),
        }),
    }
}

pub(crate) fn parse_birth_date(
    input: &str,
    now: DateTime<Utc>,
) -> std::result::Result<NaiveDate, &'static str> {
    validate::check_birth_date(input, now.with_timezone(&ZONE).date_naive())
}

/// The contestant id for a phone and password, tried from `address`. The
/// error never says which of the two was wrong, and an unknown phone costs the
/// same hashing time. Input that cannot be an account (a phone that does not
/// normalise, an empty or overlong password) is refused before any counting
/// or hashing; the rest is counted per address, per (phone, address) and per
/// phone before the hash (see `throttle::before_sign_in`).
pub async fn login(
    db: &impl ConnectionTrait,
    phone: &str,
    password: &str,
    address: Option<&str>,
    now: DateTime<Utc>,
) -> Result<i32> {
    // 401 invalid_credentials, as for staff (AppError::BadCredentials).
    let wrong = || AppError::BadCredentials("Số điện thoại hoặc mật khẩu không đúng.".to_owned());
    let mut fields = FieldErrors::new();
    let phone = validate::normalize_phone(phone).map_err(|m| fields.insert("phone".into(), m.into())).ok();
    if let Err(message) = validate::check_sign_in_password(password) {
        fields.insert("password".into(), message.into());
    }
    let (Some(phone), true) = (phone, fields.is_empty()) else {
        return Err(AppError::Invalid(fields));
    };
    let limits = &crate::throttle::rules::CONTESTANT_SIGN_IN;
    crate::throttle::before_sign_in(db, limits, &phone, address, now.timestamp()).await?;
    let found = contestant::Entity::find().filter(contestant::Column::Phone.eq(&phone)).one(db).await?;
    let hash = found.as_ref().map_or(crate::password::DECOY.to_owned(), |c| c.password_hash.clone());
    let matches = crate::password::verify_async(password.to_owned(), hash).await?;
    if matches && found.is_some() {
        crate::throttle::after_sign_in(db, limits, &phone, address).await?;
    }
    match (found, matches) {
        (Some(c), true) if c.locked_at.is_some() => Err(locked_error()),
        (Some(c), true) => Ok(c.id),
        _ => Err(wrong()),
    }
}

/// Published contests with their rounds, times in the contest's zone.
pub async fn published_contests(db: &impl ConnectionTrait) -> Result<Vec<ContestInfo>> {
    let contests = contest::Entity::find()
        .filter(contest::Column::Published.eq(true))
        .order_by_asc(contest::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i32> = contests.iter().map(|c| c.id).collect();
    let rounds = round::Entity::find()
        .filter(round::Column::ContestId.is_in(ids))
        .order_by_asc(round::Column::Number)
        .all(db)
        .await?;
    let local = |t: DateTime<Utc>| t.with_timezone(&ZONE).to_rfc3339();
    Ok(contests
        .into_iter()
        .map(|c| ContestInfo {
            rounds: rounds
                .iter()
                .filter(|r| r.contest_id == c.id)
                .map(|r| RoundInfo {
                    id: r.id,
                    number: r.number,
                    title: r.title.clone(),
                    opens_at: local(r.opens_at),
                    closes_at: local(r.closes_at),
                    questions_per_attempt: r.questions_per_attempt,
                    time_limit_seconds: r.time_limit_seconds,
                    attempts_allowed: r.attempts_allowed,
                    has_prediction: r.asks_prediction(),
                })
                .collect(),
            id: c.id,
            slug: c.slug,
            title: c.title,
        })
        .collect())
}

/// "Tỉnh Lạng Sơn › Huyện Cao Lộc › Thị trấn Đồng Đăng": names from the root.
fn path_of(unit: &unit::Model, by_id: &HashMap<i32, &unit::Model>) -> String {
    let mut names = vec![unit.name.as_str()];
    let mut parent = unit.parent_id;
    // Bounded walk: a corrupt cycle cannot hang the request.
    while let Some(p) = parent.and_then(|id| by_id.get(&id)).filter(|_| names.len() < 16) {
        names.push(p.name.as_str());
        parent = p.parent_id;
    }
    names.reverse();
    names.join(" › ")
}

/// Up to `limit` units whose name or path contains `query`, ignoring
/// diacritics and case (`so noi vu` finds `Sở Nội vụ`). Leaves first in tree order.
pub async fn search_units(db: &impl ConnectionTrait, query: &str, limit: usize) -> Result<Vec<UnitMatch>> {
    let units = unit::Entity::find().order_by_asc(unit::Column::SortOrder).all(db).await?;
    let by_id: HashMap<i32, &unit::Model> = units.iter().map(|u| (u.id, u)).collect();
    let needle = fold(query);
    let mut matches = Vec::new();
    for u in &units {
        let path = path_of(u, &by_id);
        if needle.is_empty() || fold(&path).contains(&needle) {
            matches.push(UnitMatch { id: u.id, name: u.name.clone(), path });
        }
    }
    // Closer matches first: the unit's own name over a match in its parents.
    matches.sort_by_key(|m| (!fold(&m.name).contains(&needle), m.path.matches(" › ").count()));
    matches.truncate(limit);
    Ok(matches)
}

/// Categories of published contests (one per code) and every unit with its path.
pub async fn registration_options(db: &impl ConnectionTrait) -> Result<RegistrationChoices> {
    let published: Vec<contest::Model> =
        contest::Entity::find().filter(contest::Column::Published.eq(true)).all(db).await?;
    let ids: Vec<i32> = published.iter().map(|c| c.id).collect();
    let mut categories: Vec<CategoryChoice> = Vec::new();
    for c in category::Entity::find()
        .filter(category::Column::ContestId.is_in(ids))
        .order_by_asc(category::Column::SortOrder)
        .all(db)
        .await?
    {
        if !categories.iter().any(|known| known.code == c.code) {
            categories.push(CategoryChoice { code: c.code, name: c.name });
        }
    }
    let mut units = search_units(db, "", usize::MAX).await?;
    // Vietnamese alphabetical order ("Đ" after "D", "Bắc" before "Bình"), not code points.
    units.sort_by_cached_key(|u| crate::text::vietnamese_key(&u.path));
    Ok(RegistrationChoices {
        categories,
        units,
        id_number_required: published.iter().any(|c| c.id_number_required),
    })
}

/// What a contestant may change on their profile.
#[derive(Debug, Clone)]
pub struct ProfileChanges {
    pub full_name: String,
    pub birth_date: String,
    pub id_number: Option<String>,
    pub email: Option<String>,
    pub unit_id: i32,
}

async fn unit_path(db: &impl ConnectionTrait, unit_id: i32) -> Result<String> {
    Ok(search_units(db, "", usize::MAX)
        .await?
        .into_iter()
        .find(|u| u.id == unit_id)
        .map(|u| u.path)
        .unwrap_or_default())
}

pub async fn profile(db: &impl ConnectionTrait, contestant_id: i32) -> Result<Profile> {
    let me = contestant::Entity::find_by_id(contestant_id).one(db).await?.ok_or(AppError::Unauthenticated)?;
    Ok(Profile {
        unit_path: unit_path(db, me.unit_id).await?,
        full_name: me.full_name,
        birth_date: me.birth_date.format("%Y-%m-%d").to_string(),
        phone: me.phone,
        id_number: me.id_number,
        email: me.email,
        category: me.category,
        unit_id: me.unit_id,
        locked: me.profile_locked_at.is_some(),
    })
}

/// Validates and saves; after the first attempt, changing the name, birth
/// date, unit or ID number is refused (`profile_locked`), e-mail stays editable.
/// A new ID number is counted per contestant and per `address` first: the
/// answer says whether someone else registered it.
pub async fn update_profile(
    db: &impl ConnectionTrait,
    contestant_id: i32,
    changes: ProfileChanges,
    address: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Profile> {
    let me = contestant::Entity::find_by_id(contestant_id).one(db).await?.ok_or(AppError::Unauthenticated)?;
    let mut fields = FieldErrors::new();
    let full_name = validate::normalize_full_name(&changes.full_name)
        .map_err(|m| fields.insert("full_name".into(), m.into()))
        .ok();
    let birth_date = parse_birth_date(&changes.birth_date, now)
        .map_err(|m| fields.insert("birth_date".into(), m.into()))
        .ok();
    let id_number = match changes.id_number.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(raw) => validate::normalize_id_number(raw)
            .map(Some)
            .map_err(|m| fields.insert("id_number".into(), m.into()))
            .ok(),
        None => Some(None),
    };
    let email = validate::normalize_email(changes.email.as_deref().unwrap_or(""))
        .map_err(|m| fields.insert("email".into(), m.into()))
        .ok();
    if unit::Entity::find_by_id(changes.unit_id).one(db).await?.is_none() {
        fields.insert("unit_id".into(), validate::CHOOSE_UNIT.into());
    }
    let (Some(full_name), Some(birth_date), Some(id_number), Some(email), true) =
        (full_name, birth_date, id_number, email, fields.is_empty())
    else {
        return Err(AppError::Invalid(fields));
    };
    let prize_fields_changed = full_name != me.full_name
        || birth_date != me.birth_date
        || id_number != me.id_number
        || changes.unit_id != me.unit_id;
    if me.profile_locked_at.is_some() && prize_fields_changed {
        return Err(AppError::conflict(
            "profile_locked",
            "Họ tên, ngày sinh, đơn vị và số căn cước đã khóa sau lượt thi đầu tiên. Vui lòng liên hệ Ban Tổ chức nếu cần sửa.",
        ));
    }
    if id_number.is_some() && id_number != me.id_number {
        crate::throttle::before_id_number_change(db, contestant_id, address, now.timestamp()).await?;
    }
    let key = search_key(&full_name, &me.phone, id_number.as_deref());
    let mut row: contestant::ActiveModel = me.into();
    row.search_key = Set(key);
    row.full_name = Set(full_name);
    row.birth_date = Set(birth_date);
    row.id_number = Set(id_number);
    row.email = Set(email);
    row.unit_id = Set(changes.unit_id);
    match row.update(db).await {
        Ok(_) => profile(db, contestant_id).await,
        Err(err) => Err(match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => {
                AppError::invalid("id_number", "Số căn cước công dân này đã được đăng ký.")
            }
            _ => AppError::from(err),
        }),
    }
}
