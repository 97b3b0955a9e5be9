//! The contestant part of the JSON API (see docs/api.md for the exact shapes).
// The register call takes the form's eight fields as top-level JSON keys, an exact contract.
#![allow(clippy::too_many_arguments)]
// Re-exported so the pages, which import from `api`, keep their paths.
pub use super::types::*;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

/// Registers a contestant and signs them in.
#[server(prefix = "/api", endpoint = "contestants/register", input = Json)]
pub async fn register(
    full_name: String,
    birth_date: String,
    phone: String,
    id_number: Option<String>,
    email: Option<String>,
    category: String,
    unit_id: i32,
    password: String,
) -> Result<SignedIn, AppError> {
    // Public: anyone may register; every field is validated by the service.
    let db = crate::state::db()?;
    let form = super::service::Registration {
        full_name,
        birth_date,
        phone,
        id_number,
        email,
        category,
        unit_id,
        password,
    };
    let address = crate::client_address::client_address().await;
    let contestant_id = super::service::register(&db, form, address.as_deref(), chrono::Utc::now()).await?;
    super::service::remember_address(&db, contestant_id, address).await?;
    crate::session::sign_in_contestant(contestant_id).await?;
    Ok(SignedIn { contestant_id })
}

/// Signs a contestant in by phone number and password.
#[server(prefix = "/api", endpoint = "session/login", input = Json)]
pub async fn login(phone: String, password: String) -> Result<SignedIn, AppError> {
    // Public: the credentials are the check (throttled per address and per account).
    let db = crate::state::db()?;
    let address = crate::client_address::client_address().await;
    let contestant_id =
        super::service::login(&db, &phone, &password, address.as_deref(), chrono::Utc::now()).await?;
    crate::session::sign_in_contestant(contestant_id).await?;
    Ok(SignedIn { contestant_id })
}

/// Ends the current session.
#[server(prefix = "/api", endpoint = "session/logout", input = Json)]
pub async fn logout() -> Result<LoggedOut, AppError> {
    // Anyone may end their own session; without one this is harmless.
    crate::session::sign_out().await?;
    Ok(LoggedOut { logged_out: true })
}

/// Published contests with their rounds.
#[server(prefix = "/api", endpoint = "contests", input = GetUrl)]
pub async fn list_contests() -> Result<Vec<ContestInfo>, AppError> {
    // Public: published schedule only.
    let db = crate::state::db()?;
    super::service::published_contests(&db).await
}

/// Units whose name or path matches `q`, ignoring diacritics and case.
#[server(prefix = "/api", endpoint = "units", input = GetUrl)]
pub async fn search_units(q: Option<String>) -> Result<Vec<UnitMatch>, AppError> {
    // Public: the unit tree is published for registration.
    let db = crate::state::db()?;
    super::service::search_units(&db, q.as_deref().unwrap_or(""), 50).await
}

/// What the registration form offers: categories and the unit tree.
#[server(prefix = "/api", endpoint = "ui/registration-options", input = GetUrl)]
pub async fn registration_options() -> Result<RegistrationChoices, AppError> {
    // Public: the same lists the form shows to anyone.
    let db = crate::state::db()?;
    super::service::registration_options(&db).await
}

/// The registration page's form (works without wasm); goes home when done.
#[server(prefix = "/api", endpoint = "ui/register")]
pub async fn register_form(
    full_name: String,
    birth_date: String,
    phone: String,
    id_number: Option<String>,
    email: Option<String>,
    category: String,
    unit_id: String,
    password: String,
) -> Result<(), AppError> {
    // Public, as `register`.
    // Without JavaScript a failure goes back to the form with these filled in again.
    let typed = crate::form::Typed::of([
        ("full_name", Some(full_name.as_str())),
        ("birth_date", Some(birth_date.as_str())),
        ("phone", Some(phone.as_str())),
        ("id_number", id_number.as_deref()),
        ("email", email.as_deref()),
        ("category", Some(category.as_str())),
        ("unit_id", Some(unit_id.as_str())),
    ]);
    // No unit chosen: id 0 matches none, so the service reports it with every other problem.
    let unit = unit_id.trim().parse::<i32>().unwrap_or(0);
    match register(full_name, birth_date, phone, id_number, email, category, unit, password).await {
        Ok(_) => {
            // The home page says "Đăng ký thành công" for this query (contest::page).
            leptos_axum::redirect(REGISTERED_PATH);
            Ok(())
        }
        Err(error) => Err(crate::form::back_to_form::<RegisterForm>(
            "/dang-ky",
            crate::form::REGISTER_FORM,
            typed,
            error,
        )
        .await),
    }
}

/// The sign-in page's form (works without wasm); goes to `next` when done.
#[server(prefix = "/api", endpoint = "ui/login")]
pub async fn login_form(phone: String, password: String, round_id: Option<String>) -> Result<(), AppError> {
    // Public: the credentials are the check.
    // Without JavaScript a failure goes back to the form with the phone filled in again.
    let typed = crate::form::Typed::of([("phone", Some(phone.as_str()))]);
    if let Err(error) = login(phone, password).await {
        return Err(crate::form::back_to_form::<LoginForm>(
            "/dang-nhap",
            crate::form::LOGIN_FORM,
            typed,
            error,
        )
        .await);
    }
    match round_id.and_then(|r| r.parse::<i32>().ok()) {
        // Came from a "Vào thi" button: back to that round's start page
        // (signing in never starts a timed attempt by itself).
        Some(round_id) => {
            leptos_axum::redirect(&crate::attempt::start_page_path(round_id));
            Ok(())
        }
        None => {
            leptos_axum::redirect("/");
            Ok(())
        }
    }
}

/// The signed-in contestant's details.
#[server(prefix = "/api", endpoint = "me/profile", input = GetUrl)]
pub async fn my_profile() -> Result<Profile, AppError> {
    let contestant_id = crate::session::require_contestant().await?;
    let db = crate::state::db()?;
    super::service::profile(&db, contestant_id).await
}

/// Changes the signed-in contestant's details; prize-deciding ones only until the first attempt.
#[server(prefix = "/api", endpoint = "me/profile/update", input = Json)]
pub async fn update_profile(
    full_name: String,
    birth_date: String,
    id_number: Option<String>,
    email: Option<String>,
    unit_id: i32,
) -> Result<Profile, AppError> {
    let contestant_id = crate::session::require_contestant().await?;
    let db = crate::state::db()?;
    let changes = super::service::ProfileChanges { full_name, birth_date, id_number, email, unit_id };
    let address = crate::client_address::client_address().await;
    super::service::update_profile(&db, contestant_id, changes, address.as_deref(), chrono::Utc::now()).await
}

/// The profile page's form, posted by the browser: back to the profile,
/// which says it was saved, or (on a failure) to the form with its errors
/// and what was typed.
#[server(prefix = "/api", endpoint = "ui/profile")]
pub async fn profile_form(
    full_name: String,
    birth_date: String,
    id_number: Option<String>,
    email: Option<String>,
    unit_id: String,
) -> Result<Profile, AppError> {
    // Signed-in contestant only; checked by `update_profile`.
    let typed = crate::form::Typed::of([
        ("full_name", Some(full_name.as_str())),
        ("birth_date", Some(birth_date.as_str())),
        ("id_number", id_number.as_deref()),
        ("email", email.as_deref()),
        ("unit_id", Some(unit_id.as_str())),
    ]);
    let unit = unit_id.trim().parse::<i32>().unwrap_or(0);
    let profile = crate::form::or_back_to_form::<ProfileForm, _>(
        update_profile(full_name, birth_date, id_number, email, unit).await,
        "/ho-so",
        crate::form::PROFILE_FORM,
        typed,
    )
    .await?;
    leptos_axum::redirect(PROFILE_SAVED_PATH);
    Ok(profile)
}
