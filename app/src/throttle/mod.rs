//! Throttling of the forms that cost a password hash or tell whether a phone
//! or ID number is taken: sign-in (contestant and staff), registration and
//! profile changes. Counters live in the database ([`store`]) so that every
//! app server shares them; the limits and their meaning are in [`rules`].
pub mod rules;
pub mod store;

use crate::error::{AppError, Result};
use rules::{address_subject, Limit, SignInLimits, Verdict};
use sea_orm::ConnectionTrait;

/// One hit under `limit`; over it, 429 with the seconds left in the window.
pub async fn check(db: &impl ConnectionTrait, limit: &Limit, subject: &str, now: i64) -> Result<()> {
    match store::hit(db, limit, subject, now).await? {
        Verdict::Allowed => Ok(()),
        Verdict::Refused { retry_after } => {
            tracing::info!(limit = limit.name, retry_after, "throttled");
            Err(AppError::Throttled { retry_after: u32::try_from(retry_after).unwrap_or(u32::MAX) })
        }
    }
}

fn pair(account: &str, address: &str) -> String {
    format!("{account}|{address}")
}

/// Counts a sign-in try for `account` (a normalised phone or e-mail) from
/// `address` before its password is checked, so refused tries cost no hash.
/// The order matters: a try its pair refuses never reaches the account's
/// ceiling, so one address cannot lock the owner out of their account.
/// Without an address (no socket, e.g. in-process calls) only the account counts.
pub async fn before_sign_in(
    db: &impl ConnectionTrait,
    limits: &SignInLimits,
    account: &str,
    address: Option<&str>,
    now: i64,
) -> Result<()> {
    if let Some(address) = address.map(address_subject) {
        check(db, &limits.per_address, &address, now).await?;
        check(db, &limits.per_pair, &pair(account, &address), now).await?;
    }
    check(db, &limits.per_account, account, now).await
}

/// After a right password: the pair starts afresh, and the address and the
/// account take this try back, so their counts stay counts of failures.
pub async fn after_sign_in(
    db: &impl ConnectionTrait,
    limits: &SignInLimits,
    account: &str,
    address: Option<&str>,
) -> Result<()> {
    if let Some(address) = address.map(address_subject) {
        store::clear(db, &limits.per_pair, &pair(account, &address)).await?;
        store::refund(db, &limits.per_address, &address).await?;
    }
    store::refund(db, &limits.per_account, account).await?;
    Ok(())
}

/// Counts a registration that will be hashed and may say "phone taken".
pub async fn before_registration(
    db: &impl ConnectionTrait,
    phone: &str,
    address: Option<&str>,
    now: i64,
) -> Result<()> {
    if let Some(address) = address.map(address_subject) {
        check(db, &rules::REGISTER_PER_ADDRESS, &address, now).await?;
    }
    check(db, &rules::REGISTER_PER_PHONE, phone, now).await
}

/// Counts a profile save that changes the ID number (it may say "taken").
pub async fn before_id_number_change(
    db: &impl ConnectionTrait,
    contestant_id: i32,
    address: Option<&str>,
    now: i64,
) -> Result<()> {
    if let Some(address) = address.map(address_subject) {
        check(db, &rules::PROFILE_PER_ADDRESS, &address, now).await?;
    }
    check(db, &rules::PROFILE_PER_ACCOUNT, &contestant_id.to_string(), now).await
}
