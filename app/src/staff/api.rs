//! Staff sign-in and account management (see docs/api.md, "Dashboard").
// Re-exported so the pages, which import from `api`, keep their paths.
pub use super::types::*;
use super::Role;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

#[cfg(feature = "ssr")]
fn account_of(a: crate::entities::staff_account::Model) -> StaffAccount {
    StaffAccount {
        id: a.id,
        role: a.role,
        email: a.email,
        full_name: a.full_name,
        unit_id: a.unit_id,
        active: a.active,
        created_at: crate::time::local_datetime(a.created_at),
    }
}

/// Signs a staff member in: `{email, password}` → who they are, and the session cookie.
#[server(prefix = "/api", endpoint = "admin/session/login", input = Json)]
pub async fn admin_login(email: String, password: String) -> Result<StaffMe, AppError> {
    // Public: the credentials are the check (throttled per account and per address).
    let db = crate::state::db()?;
    let address = crate::client_address::client_address().await;
    let staff = super::service::login(&db, &email, &password, address.as_deref(), chrono::Utc::now()).await?;
    super::service::sign_in(&staff).await?;
    Ok(staff.into())
}

/// The signed-in staff member (401 without one).
#[server(prefix = "/api", endpoint = "admin/session/me", input = GetUrl)]
pub async fn admin_me() -> Result<StaffMe, AppError> {
    Ok(super::guard::require(super::guard::Access::Staff).await?.into())
}

/// Signs this staff member out on every device (all their sessions end).
#[server(prefix = "/api", endpoint = "admin/session/revoke", input = Json)]
pub async fn admin_revoke_own_sessions() -> Result<Done, AppError> {
    let staff = super::guard::require(super::guard::Access::Staff).await?;
    let db = crate::state::db()?;
    super::service::revoke_sessions(&db, staff.id).await?;
    crate::session::sign_out().await?;
    Ok(Done { ok: true })
}

/// Every staff account (admins only).
#[server(prefix = "/api", endpoint = "admin/accounts", input = GetUrl)]
pub async fn admin_accounts() -> Result<Vec<StaffAccount>, AppError> {
    super::guard::require(super::guard::Access::Admin).await?;
    let db = crate::state::db()?;
    let rows = super::service::list_accounts(&db).await?;
    Ok(rows.into_iter().map(account_of).collect())
}

/// Creates an account (admins only).
#[server(prefix = "/api", endpoint = "admin/accounts/create", input = Json)]
pub async fn admin_create_account(
    email: String,
    full_name: String,
    role: Role,
    unit_id: Option<i32>,
    password: String,
) -> Result<StaffAccount, AppError> {
    let admin = super::guard::require(super::guard::Access::Admin).await?;
    let db = crate::state::db()?;
    let now = chrono::Utc::now();
    let new = super::service::NewAccount { email, full_name, role, unit_id, password };
    let saved = super::service::create_account_by(&db, &admin, new, now).await?;
    let account = account_of(saved);
    Ok(account)
}

/// Turns an account on or off, ending its sessions when off (admins only).
#[server(prefix = "/api", endpoint = "admin/accounts/set_active", input = Json)]
pub async fn admin_set_account_active(account_id: i32, active: bool) -> Result<StaffAccount, AppError> {
    let admin = super::guard::require(super::guard::Access::Admin).await?;
    if admin.id == account_id && !active {
        return Err(AppError::conflict("own_account", "Không thể tự khóa tài khoản đang đăng nhập."));
    }
    let db = crate::state::db()?;
    let saved = super::service::set_active_by(&db, &admin, account_id, active, chrono::Utc::now()).await?;
    Ok(account_of(saved))
}

/// Ends every session of an account (admins only).
#[server(prefix = "/api", endpoint = "admin/accounts/revoke_sessions", input = Json)]
pub async fn admin_revoke_sessions(account_id: i32) -> Result<Done, AppError> {
    let admin = super::guard::require(super::guard::Access::Admin).await?;
    let db = crate::state::db()?;
    super::service::revoke_sessions_by(&db, &admin, account_id, chrono::Utc::now()).await?;
    Ok(Done { ok: true })
}

/// The dashboard sign-in form (works without wasm); goes on to `/quan-tri`
/// or the page the staff member came from.
#[server(prefix = "/api", endpoint = "admin/ui/login")]
pub async fn admin_login_form(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    // Public: the credentials are the check.
    // A failure goes back to the form with the e-mail filled in again.
    let typed = crate::form::Typed::of([("email", Some(email.as_str()))]);
    crate::form::or_back_to_form::<AdminLoginForm, _>(
        admin_login(email, password).await,
        "/quan-tri/dang-nhap",
        crate::form::STAFF_LOGIN_FORM,
        typed,
    )
    .await?;
    // Only our own dashboard paths: never an open redirect.
    let target =
        next.filter(|n| n.starts_with("/quan-tri") && !n.starts_with("//")).unwrap_or("/quan-tri".into());
    leptos_axum::redirect(&target);
    Ok(())
}

/// The dashboard's sign-out button.
#[server(prefix = "/api", endpoint = "admin/ui/logout")]
pub async fn admin_logout_form() -> Result<(), AppError> {
    // Anyone may end their own session.
    crate::session::sign_out().await?;
    leptos_axum::redirect("/quan-tri/dang-nhap");
    Ok(())
}
