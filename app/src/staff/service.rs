//! Staff accounts: sign-in (throttled per address and per account), sessions
//! that can be revoked, and the admin's account management.
use super::guard::{Staff, StaffSession, STAFF_KEY};
use super::Role;
use crate::audit::service::Change;
use crate::entities::staff_account;
use crate::error::{AppError, FieldErrors, Result};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
    Set, TransactionSession, TransactionTrait,
};

pub const MIN_PASSWORD_CHARS: usize = 10;
/// Longer passwords are refused rather than hashed: argon2 over a megabyte is
/// a way to tie up the server.
pub const MAX_PASSWORD_CHARS: usize = 128;

pub fn normalize_email(raw: &str) -> String {
    raw.trim().to_lowercase()
}

fn wrong_pair() -> AppError {
    AppError::BadCredentials("Email hoặc mật khẩu không đúng.".to_owned())
}

/// The account for an email and password. `address` is the caller's IP when
/// known. The answer never tells an unknown email from a wrong password, and
/// an unknown email costs the same hashing time. Input that cannot be an
/// account is refused (422) before anything is counted or hashed; the rest is
/// throttled per address, per (account, address) and per account.
pub async fn login(
    db: &impl ConnectionTrait,
    email: &str,
    password: &str,
    address: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Staff> {
    let email = normalize_email(email);
    let mut fields = FieldErrors::new();
    if !looks_like_email(&email) || email.len() > 254 {
        fields.insert("email".into(), "Email không hợp lệ, ví dụ: ten@sonoivu.langson.gov.vn.".into());
    }
    match password.chars().count() {
        0 => fields.insert("password".into(), "Vui lòng nhập mật khẩu.".into()),
        n if n > MAX_PASSWORD_CHARS => {
            fields.insert("password".into(), format!("Mật khẩu quá dài (tối đa {MAX_PASSWORD_CHARS} ký tự)."))
        }
        _ => None,
    };
    if !fields.is_empty() {
        return Err(AppError::Invalid(fields));
    }
    let limits = &crate::throttle::rules::STAFF_SIGN_IN;
    crate::throttle::before_sign_in(db, limits, &email, address, now.timestamp()).await?;
    let found = staff_account::Entity::find().filter(staff_account::Column::Email.eq(&email)).one(db).await?;
    let hash = found.as_ref().map_or(crate::password::DECOY.to_owned(), |a| a.password_hash.clone());
    let matches = crate::password::verify_async(password.to_owned(), hash).await?;
    if matches && found.is_some() {
        crate::throttle::after_sign_in(db, limits, &email, address).await?;
    }
    found.filter(|_| matches).and_then(super::guard::staff_of).ok_or_else(wrong_pair)
}

/// Puts the staff member into this request's session, under a new session id.
pub async fn sign_in(staff: &Staff) -> Result<()> {
    let session = crate::session::current().await?;
    let stored = async {
        session.cycle_id().await?;
        session.insert(STAFF_KEY, StaffSession { id: staff.id, epoch: staff.epoch }).await
    };
    stored.await.map_err(|e| crate::error::AppError::internal_because("session save failed", e))
}

/// The account to change, and the epoch that would end its current sessions.
async fn editable(db: &impl ConnectionTrait, account_id: i32) -> Result<(staff_account::ActiveModel, i32)> {
    let account = staff_account::Entity::find_by_id(account_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("tài khoản"))?;
    let epoch = account.session_epoch.saturating_add(1);
    Ok((account.into_active_model(), epoch))
}

/// Signs the account out on every device and server.
pub async fn revoke_sessions(db: &impl ConnectionTrait, account_id: i32) -> Result<()> {
    let (mut active, epoch) = editable(db, account_id).await?;
    active.session_epoch = Set(epoch);
    active.update(db).await?;
    Ok(())
}

/// A new account's fields, as typed by the admin or the command line.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub email: String,
    pub full_name: String,
    pub role: Role,
    pub unit_id: Option<i32>,
    pub password: String,
}

/// Validates and creates an account; a taken email is a field error. For the
/// command line, which has no staff member to write in the audit log.
pub async fn create_account(
    db: &impl ConnectionTrait,
    new: NewAccount,
    now: DateTime<Utc>,
) -> Result<staff_account::Model> {
    Ok(validated(db, new, now).await?.insert(db).await?)
}

/// [`create_account`] by the admin `who`, with its audit entry in the same
/// transaction. The password is hashed before the transaction begins.
pub async fn create_account_by<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    who: &Staff,
    new: NewAccount,
    now: DateTime<Utc>,
) -> Result<staff_account::Model> {
    let role = new.role;
    let row = validated(db, new, now).await?;
    let txn = db.begin().await?;
    let saved = row.insert(&txn).await?;
    let change = Change::new("account.create", "staff_account", saved.id)
        .summary(format!("Tạo tài khoản {} ({})", saved.email, role.label()))
        .after(serde_json::json!({"email": saved.email, "role": role.code(), "unit_id": saved.unit_id}));
    crate::audit::service::record(&txn, who, change, now).await?;
    txn.commit().await?;
    Ok(saved)
}

/// The row of a new account, checked and with its password hashed.
async fn validated(
    db: &impl ConnectionTrait,
    new: NewAccount,
    now: DateTime<Utc>,
) -> Result<staff_account::ActiveModel> {
    let email = normalize_email(&new.email);
    let mut fields = FieldErrors::new();
    if !looks_like_email(&email) {
        fields.insert("email".into(), "Email không hợp lệ, ví dụ: ten@sonoivu.langson.gov.vn.".into());
    }
    if new.full_name.trim().is_empty() {
        fields.insert("full_name".into(), "Vui lòng nhập họ và tên.".into());
    }
    if let Some(message) = password_problem(&new.password) {
        fields.insert("password".into(), message);
    }
    if new.role == Role::UnitContact && new.unit_id.is_none() {
        fields.insert("unit_id".into(), "Đầu mối đơn vị phải gắn với một đơn vị.".into());
    }
    if fields.is_empty()
        && staff_account::Entity::find()
            .filter(staff_account::Column::Email.eq(&email))
            .one(db)
            .await?
            .is_some()
    {
        fields.insert("email".into(), "Email này đã có tài khoản.".into());
    }
    if !fields.is_empty() {
        return Err(AppError::Invalid(fields));
    }
    let password_hash = crate::password::hash_async(new.password).await?;
    Ok(staff_account::ActiveModel {
        email: Set(email),
        full_name: Set(new.full_name.trim().to_owned()),
        role: Set(new.role),
        unit_id: Set(if new.role == Role::UnitContact { new.unit_id } else { None }),
        password_hash: Set(password_hash),
        created_at: Set(now),
        active: Set(true),
        session_epoch: Set(0),
        ..Default::default()
    })
}

/// Sets a new password and signs the account out everywhere.
pub async fn set_password(db: &impl ConnectionTrait, account_id: i32, password: String) -> Result<()> {
    if let Some(message) = password_problem(&password) {
        return Err(AppError::invalid("password", &message));
    }
    let (mut active, epoch) = editable(db, account_id).await?;
    active.password_hash = Set(crate::password::hash_async(password).await?);
    active.session_epoch = Set(epoch);
    active.update(db).await?;
    Ok(())
}

/// Turns an account on or off; off also ends its sessions.
pub async fn set_active(
    db: &impl ConnectionTrait,
    account_id: i32,
    on: bool,
) -> Result<staff_account::Model> {
    let (mut active, epoch) = editable(db, account_id).await?;
    active.active = Set(on);
    if !on {
        active.session_epoch = Set(epoch);
    }
    Ok(active.update(db).await?)
}

/// [`set_active`] by the admin `who`, with its audit entry in the same transaction.
pub async fn set_active_by<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    who: &Staff,
    account_id: i32,
    on: bool,
    now: DateTime<Utc>,
) -> Result<staff_account::Model> {
    let txn = db.begin().await?;
    let saved = set_active(&txn, account_id, on).await?;
    let change = Change::new("account.set_active", "staff_account", account_id)
        .summary(format!("{} tài khoản {}", if on { "Mở khóa" } else { "Khóa" }, saved.email))
        .after(serde_json::json!({"active": on}));
    crate::audit::service::record(&txn, who, change, now).await?;
    txn.commit().await?;
    Ok(saved)
}

/// [`revoke_sessions`] by the admin `who`, with its audit entry in the same transaction.
pub async fn revoke_sessions_by<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    who: &Staff,
    account_id: i32,
    now: DateTime<Utc>,
) -> Result<()> {
    let txn = db.begin().await?;
    revoke_sessions(&txn, account_id).await?;
    let change = Change::new("account.revoke_sessions", "staff_account", account_id)
        .summary("Đăng xuất tài khoản trên mọi thiết bị");
    crate::audit::service::record(&txn, who, change, now).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn list_accounts(db: &impl ConnectionTrait) -> Result<Vec<staff_account::Model>> {
    Ok(staff_account::Entity::find().order_by_asc(staff_account::Column::Email).all(db).await?)
}

fn looks_like_email(email: &str) -> bool {
    match email.split_once('@') {
        Some((user, host)) => {
            !user.is_empty()
                && host.contains('.')
                && !host.starts_with('.')
                && !email.contains(char::is_whitespace)
        }
        None => false,
    }
}

/// Why a staff password is too weak (or too long to hash), if it is.
pub fn password_problem(password: &str) -> Option<String> {
    match password.chars().count() {
        n if n < MIN_PASSWORD_CHARS => {
            Some(format!("Mật khẩu quản trị cần ít nhất {MIN_PASSWORD_CHARS} ký tự."))
        }
        n if n > MAX_PASSWORD_CHARS => Some(format!("Mật khẩu quá dài (tối đa {MAX_PASSWORD_CHARS} ký tự).")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_checked_loosely_but_sanely() {
        assert!(looks_like_email("btc@sonoivu.langson.gov.vn"));
        assert!(!looks_like_email("btc"));
        assert!(!looks_like_email("@x.vn"));
        assert!(!looks_like_email("a b@x.vn"));
        assert_eq!(normalize_email("  BTC@Example.VN "), "btc@example.vn");
    }

    #[test]
    fn short_passwords_are_refused() {
        assert!(password_problem("ngắn").is_some());
        assert!(password_problem("đủ-mười-ký-tự").is_none());
        assert!(password_problem(&"x".repeat(MAX_PASSWORD_CHARS + 1)).is_some());
    }
}
