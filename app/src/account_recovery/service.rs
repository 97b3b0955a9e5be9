//! Getting back into an account: a reset link by e-mail, a reset code from
//! the dashboard, and a password change by the signed-in contestant.
//!
//! Every path refuses malformed input before it counts or hashes anything,
//! is throttled (see `throttle::rules`), and on success burns every
//! outstanding reset secret of the account and ends its sessions, in one
//! transaction with the new password.
use super::mail::Mailer;
use super::secret;
use super::IssuedCode;
use crate::audit::service::{record, Change};
use crate::contestant::validate;
use crate::entities::{contestant, password_reset};
use crate::error::{AppError, FieldErrors, Result};
use crate::staff::guard::Staff;
use crate::throttle::{self, rules};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QuerySelect, Set, TransactionSession, TransactionTrait,
};
use serde_json::json;

/// How long an e-mailed link works.
pub const LINK_LIFETIME: Duration = Duration::minutes(30);
/// How long a dashboard-issued code works.
pub const CODE_LIFETIME: Duration = Duration::hours(24);
/// One e-mail address may be on several accounts (a family, an office); at
/// most this many get a link per request.
const ACCOUNTS_PER_EMAIL: u64 = 5;

const LINK: &str = "link";
const CODE: &str = "code";

/// Whom a reset request names: a phone number or an e-mail address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountKey {
    Phone(String),
    Email(String),
}

impl AccountKey {
    /// Reads what was typed; anything that is neither is refused before any
    /// counting, with a message that says nothing about accounts.
    pub fn parse(input: &str) -> Result<Self> {
        let input = input.trim();
        if input.is_empty() {
            return Err(AppError::invalid("account", "Vui lòng nhập số điện thoại hoặc email đã đăng ký."));
        }
        if input.contains('@') {
            match validate::normalize_email(input) {
                Ok(Some(email)) => Ok(AccountKey::Email(email)),
                _ => Err(AppError::invalid("account", "Địa chỉ email không hợp lệ.")),
            }
        } else {
            validate::normalize_phone(input)
                .map(AccountKey::Phone)
                .map_err(|m| AppError::invalid("account", m))
        }
    }

    fn subject(&self) -> &str {
        match self {
            AccountKey::Phone(s) | AccountKey::Email(s) => s,
        }
    }
}

/// A new password typed twice: checked like a registration's.
fn check_new_password(fields: &mut FieldErrors, password: &str, again: &str) {
    if let Err(message) = validate::check_password(password) {
        fields.insert("password".into(), message.into());
    } else if password != again {
        fields.insert("password_confirm".into(), "Hai lần nhập mật khẩu mới không khớp nhau.".into());
    }
}

/// Counts a reset request from `address` for `key`. Malformed input is refused first.
pub async fn before_request(
    db: &impl ConnectionTrait,
    input: &str,
    address: Option<&str>,
    now: DateTime<Utc>,
) -> Result<AccountKey> {
    let key = AccountKey::parse(input)?;
    if let Some(address) = address.map(rules::address_subject) {
        throttle::check(db, &rules::RESET_REQUEST_PER_ADDRESS, &address, now.timestamp()).await?;
    }
    throttle::check(db, &rules::RESET_REQUEST_PER_ACCOUNT, key.subject(), now.timestamp()).await?;
    Ok(key)
}

/// What a request did, for the log and the tests; the visitor is told the
/// same thing in every case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// This many links were sent.
    Sent(usize),
    /// No account, no e-mail on file, or only locked accounts.
    Nothing,
}

/// Makes a link for each unlocked account that `key` names and has an
/// e-mail, and mails it. Earlier unused links of those accounts stop working.
pub async fn deliver_links<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    mailer: &Mailer,
    key: &AccountKey,
    now: DateTime<Utc>,
) -> Result<Delivery> {
    let query = contestant::Entity::find().filter(contestant::Column::LockedAt.is_null());
    let people = match key {
        AccountKey::Phone(phone) => query.filter(contestant::Column::Phone.eq(phone)).all(db).await?,
        AccountKey::Email(email) => {
            query.filter(contestant::Column::Email.eq(email)).limit(ACCOUNTS_PER_EMAIL).all(db).await?
        }
    };
    let mut sent = 0;
    for person in people {
        let Some(email) = person.email.clone() else { continue };
        let token = secret::new_token();
        let txn = db.begin().await?;
        retire(&txn, person.id, LINK, now).await?;
        password_reset::ActiveModel {
            contestant_id: Set(person.id),
            kind: Set(LINK.into()),
            secret_hash: Set(secret::token_hash(&token)),
            issued_by: Set(None),
            created_at: Set(now),
            expires_at: Set(now + LINK_LIFETIME),
            used_at: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        txn.commit().await?;
        let link = mailer.link(&format!("/dat-lai-mat-khau?ma={token}"));
        let body = format!(
            "Xin chào {name},\n\n\
             Có người (có thể là bạn) vừa yêu cầu đặt lại mật khẩu cho tài khoản dự thi \
             đăng ký bằng số điện thoại {phone}.\n\n\
             Mở đường dẫn sau để đặt mật khẩu mới (dùng được một lần, trong 30 phút):\n\n\
             {link}\n\n\
             Nếu bạn không yêu cầu, hãy bỏ qua thư này: mật khẩu của bạn không thay đổi.\n\n\
             Ban Tổ chức cuộc thi\n",
            name = person.full_name,
            phone = person.phone,
        );
        match mailer.message(&email, "Đặt lại mật khẩu tài khoản dự thi", body) {
            Ok(message) => {
                // Awaited here: this whole delivery already runs after the answer.
                if let Err(e) = mailer.send(message).await {
                    tracing::warn!(contestant = person.id, error = %e, "password reset mail not sent");
                    continue;
                }
                sent += 1;
            }
            Err(e) => tracing::warn!(contestant = person.id, error = %e, "password reset mail not built"),
        }
    }
    Ok(if sent == 0 { Delivery::Nothing } else { Delivery::Sent(sent) })
}

/// Marks `contestant_id`'s unused secrets of `kind` (or every kind) as spent.
async fn retire(db: &impl ConnectionTrait, contestant_id: i32, kind: &str, now: DateTime<Utc>) -> Result<()> {
    let mut query = password_reset::Entity::update_many()
        .col_expr(password_reset::Column::UsedAt, Expr::value(Some(now)))
        .filter(password_reset::Column::ContestantId.eq(contestant_id))
        .filter(password_reset::Column::UsedAt.is_null());
    if kind != "*" {
        query = query.filter(password_reset::Column::Kind.eq(kind));
    }
    query.exec(db).await?;
    Ok(())
}

/// The stored secret with this hash and kind, if it is still usable at `now`.
async fn usable(
    db: &impl ConnectionTrait,
    kind: &str,
    hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<password_reset::Model>> {
    Ok(password_reset::Entity::find()
        .filter(password_reset::Column::SecretHash.eq(hash))
        .filter(password_reset::Column::Kind.eq(kind))
        .filter(password_reset::Column::UsedAt.is_null())
        .filter(password_reset::Column::ExpiresAt.gt(now))
        .one(db)
        .await?)
}

/// Spends `reset`, sets the new password (already hashed), retires every other
/// secret of the account and ends all its sessions; all or nothing. A secret
/// that another request spent first is refused with `spent`.
async fn apply<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    reset: &password_reset::Model,
    password_hash: String,
    now: DateTime<Utc>,
    spent: AppError,
) -> Result<u64> {
    let txn = db.begin().await?;
    // The guard on used_at makes the burn atomic: of two requests racing with
    // one secret, only one updates the row.
    let burnt = password_reset::Entity::update_many()
        .col_expr(password_reset::Column::UsedAt, Expr::value(Some(now)))
        .filter(password_reset::Column::Id.eq(reset.id))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if burnt.rows_affected != 1 {
        return Err(spent);
    }
    set_password(&txn, reset.contestant_id, password_hash, now).await?;
    let ended = crate::session::end_contestant_sessions(&txn, reset.contestant_id).await?;
    txn.commit().await?;
    tracing::info!(contestant = reset.contestant_id, kind = %reset.kind, sessions_ended = ended, "password reset");
    Ok(ended)
}

async fn set_password(
    db: &impl ConnectionTrait,
    contestant_id: i32,
    hash: String,
    now: DateTime<Utc>,
) -> Result<()> {
    contestant::Entity::update_many()
        .col_expr(contestant::Column::PasswordHash, Expr::value(hash))
        .filter(contestant::Column::Id.eq(contestant_id))
        .exec(db)
        .await?;
    retire(db, contestant_id, "*", now).await
}

fn bad_link() -> AppError {
    AppError::conflict(
        "reset_link_invalid",
        "Đường dẫn đặt lại mật khẩu không đúng, đã được dùng hoặc đã hết hạn. Vui lòng yêu cầu đường dẫn mới.",
    )
}

fn bad_code() -> AppError {
    AppError::conflict(
        "reset_code_invalid",
        "Số điện thoại hoặc mã đặt lại không đúng, hoặc mã đã được dùng hay đã hết hạn.",
    )
}

/// Sets a new password with an e-mailed link's token. Returns the contestant.
pub async fn reset_with_link<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    token: &str,
    password: &str,
    again: &str,
    address: Option<&str>,
    now: DateTime<Utc>,
) -> Result<i32> {
    let mut fields = FieldErrors::new();
    let token = secret::normalize_token(token);
    check_new_password(&mut fields, password, again);
    if !fields.is_empty() {
        return Err(AppError::Invalid(fields));
    }
    let Some(token) = token else { return Err(bad_link()) };
    if let Some(address) = address.map(rules::address_subject) {
        throttle::check(db, &rules::RESET_LINK_PER_ADDRESS, &address, now.timestamp()).await?;
    }
    let reset = usable(db, LINK, &secret::token_hash(&token), now).await?.ok_or_else(bad_link)?;
    let hash = crate::password::hash_async(password.to_owned()).await?;
    apply(db, &reset, hash, now, bad_link()).await?;
    Ok(reset.contestant_id)
}

/// Whether a link token is (still) usable, so its page can say so before
/// the contestant types a new password.
pub async fn link_usable(db: &impl ConnectionTrait, token: &str, now: DateTime<Utc>) -> Result<bool> {
    let Some(token) = secret::normalize_token(token) else { return Ok(false) };
    Ok(usable(db, LINK, &secret::token_hash(&token), now).await?.is_some())
}

/// Sets a new password with a dashboard-issued code. Counted like a sign-in
/// (per address, per phone and address, per phone) before anything is looked
/// up, and an unknown phone is told the same as a wrong code.
pub async fn reset_with_code<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    phone: &str,
    code: &str,
    password: &str,
    again: &str,
    address: Option<&str>,
    now: DateTime<Utc>,
) -> Result<i32> {
    let mut fields = FieldErrors::new();
    let phone = validate::normalize_phone(phone).map_err(|m| fields.insert("phone".into(), m.into())).ok();
    let code = secret::normalize_code(code);
    if code.is_none() {
        fields.insert("code".into(), "Mã đặt lại gồm 8 chữ cái và chữ số, ví dụ ABCD-EFGH.".into());
    }
    check_new_password(&mut fields, password, again);
    let (Some(phone), Some(code), true) = (phone, code, fields.is_empty()) else {
        return Err(AppError::Invalid(fields));
    };
    let limits = &rules::RESET_CODE;
    throttle::before_sign_in(db, limits, &phone, address, now.timestamp()).await?;
    let person = contestant::Entity::find().filter(contestant::Column::Phone.eq(&phone)).one(db).await?;
    let Some(person) = person else { return Err(bad_code()) };
    let reset = usable(db, CODE, &secret::code_hash(person.id, &code), now).await?;
    let Some(reset) = reset.filter(|r| r.contestant_id == person.id) else { return Err(bad_code()) };
    throttle::after_sign_in(db, limits, &phone, address).await?;
    let hash = crate::password::hash_async(password.to_owned()).await?;
    apply(db, &reset, hash, now, bad_code()).await?;
    Ok(person.id)
}

/// Issues a reset code for a contestant `staff` may see (an organizer: anyone;
/// a unit contact: their units'), replacing any earlier unused code. The audit
/// log says who issued one for whom; the code itself is shown once, here.
pub async fn issue_code<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    staff: &Staff,
    contestant_id: i32,
    now: DateTime<Utc>,
) -> Result<IssuedCode> {
    let person = crate::contestant_admin::service::visible(db, staff, contestant_id).await?;
    if person.locked_at.is_some() {
        return Err(AppError::conflict(
            "account_locked",
            "Tài khoản này đang bị khóa; mở khóa trước khi cấp mã đặt lại mật khẩu.",
        ));
    }
    let code = secret::new_code();
    let expires_at = now + CODE_LIFETIME;
    let txn = db.begin().await?;
    retire(&txn, person.id, CODE, now).await?;
    password_reset::ActiveModel {
        contestant_id: Set(person.id),
        kind: Set(CODE.into()),
        secret_hash: Set(secret::code_hash(person.id, &code)),
        issued_by: Set(Some(staff.id)),
        created_at: Set(now),
        expires_at: Set(expires_at),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let until = crate::time::local_datetime(expires_at);
    let change = Change::new("contestant.reset_code", "contestant", person.id)
        .summary(format!(
            "Cấp mã đặt lại mật khẩu cho thí sinh {} ({}), hiệu lực đến {until}",
            person.full_name, person.phone
        ))
        .after(json!({"expires_at": expires_at.to_rfc3339()}));
    record(&txn, staff, change, now).await?;
    txn.commit().await?;
    Ok(IssuedCode {
        code: secret::show_code(&code),
        full_name: person.full_name,
        // A unit contact hands the code over; the number stays masked for them.
        phone: crate::contestant_admin::service::Identity::from(staff).phone(person.phone),
        expires_at: until,
    })
}

/// The signed-in contestant's password change: the current password, then
/// the new one twice. Every other session of the account ends; the caller
/// keeps its own by signing in afresh (see `api::change_password`).
pub async fn change_password(
    db: &DatabaseConnection,
    contestant_id: i32,
    current: &str,
    password: &str,
    again: &str,
    now: DateTime<Utc>,
) -> Result<u64> {
    let mut fields = FieldErrors::new();
    if let Err(message) = validate::check_sign_in_password(current) {
        fields.insert("current_password".into(), message.into());
    }
    check_new_password(&mut fields, password, again);
    if !fields.is_empty() {
        return Err(AppError::Invalid(fields));
    }
    throttle::check(db, &rules::PASSWORD_CHANGE_PER_ACCOUNT, &contestant_id.to_string(), now.timestamp())
        .await?;
    let me = contestant::Entity::find_by_id(contestant_id).one(db).await?.ok_or(AppError::Unauthenticated)?;
    if !crate::password::verify_async(current.to_owned(), me.password_hash.clone()).await? {
        return Err(AppError::invalid("current_password", "Mật khẩu hiện tại không đúng."));
    }
    let hash = crate::password::hash_async(password.to_owned()).await?;
    let txn = db.begin().await?;
    set_password(&txn, contestant_id, hash, now).await?;
    let ended = crate::session::end_contestant_sessions(&txn, contestant_id).await?;
    txn.commit().await?;
    Ok(ended)
}

/// The signed-in contestant's name for the site header, if the account still exists.
pub async fn visitor_name(db: &impl ConnectionTrait, contestant_id: i32) -> Result<Option<String>> {
    Ok(contestant::Entity::find_by_id(contestant_id).one(db).await?.map(|c| c.full_name))
}
