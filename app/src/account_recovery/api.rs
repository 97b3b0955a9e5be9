//! Server functions of account recovery, sign-out and the site header (see
//! docs/api.md). Each JSON function has a form twin under `/api/ui/` that
//! works without JavaScript and redirects when done.
// Re-exported so the pages, which import from `api`, keep their paths.
pub use super::types::*;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

/// The signed-in contestant, if any (public: nobody gets anything but their own name).
#[server(prefix = "/api", endpoint = "me/visitor", input = GetUrl)]
pub async fn current_visitor() -> Result<Option<Visitor>, AppError> {
    let session = crate::session::current().await?;
    let id = match session.get::<i32>(crate::session::CONTESTANT_KEY).await {
        Ok(id) => id,
        Err(e) => return Err(crate::error::session_failed(e)),
    };
    let Some(id) = id else { return Ok(None) };
    let db = crate::state::db()?;
    let name = super::service::visitor_name(&db, id).await?;
    Ok(name.map(|full_name| Visitor { full_name }))
}

/// The header's "Đăng xuất" button (works without wasm): ends the session, goes home.
#[server(prefix = "/api", endpoint = "ui/logout")]
pub async fn logout_form() -> Result<(), AppError> {
    // Anyone may end their own session; without one this is harmless.
    crate::session::sign_out().await?;
    leptos_axum::redirect("/");
    Ok(())
}

/// Asks for a reset link by e-mail for the account with this phone number or
/// e-mail. The answer is the same whether or not such an account exists; the
/// mail is sent afterwards, on its own task.
#[server(prefix = "/api", endpoint = "account/password-reset/request", input = Json)]
pub async fn request_password_reset(account: String) -> Result<ResetRequested, AppError> {
    // Public: throttled per address and per phone or e-mail.
    let state = crate::state::state()?;
    let address = crate::client_address::client_address().await;
    let now = chrono::Utc::now();
    let key = super::service::before_request(&state.db, &account, address.as_deref(), now).await?;
    let (db, mailer) = (state.db.clone(), state.mail.clone());
    tokio::spawn(async move {
        match super::service::deliver_links(&db, &mailer, &key, now).await {
            Ok(outcome) => tracing::info!(?outcome, "password reset requested"),
            Err(e) => tracing::warn!(error = %e, "password reset request failed"),
        }
    });
    Ok(ResetRequested { message: REQUESTED.to_owned() })
}

/// `/quen-mat-khau`'s form: then the same page says the neutral answer.
#[server(prefix = "/api", endpoint = "ui/password-reset/request")]
pub async fn request_password_reset_form(account: String) -> Result<(), AppError> {
    // Public, as `request_password_reset`.
    // A failure goes back to the form with what was typed filled in again.
    let typed = crate::form::Typed::of([("account", Some(account.as_str()))]);
    crate::form::or_back_to_form::<RequestPasswordResetForm, _>(
        request_password_reset(account).await,
        "/quen-mat-khau",
        crate::form::FORGOT_FORM,
        typed,
    )
    .await?;
    leptos_axum::redirect("/quen-mat-khau?da-gui=1");
    Ok(())
}

/// Whether a reset link's token can still be used (its page says so at once).
#[server(prefix = "/api", endpoint = "account/password-reset/link-status", input = GetUrl)]
pub async fn reset_link_usable(token: String) -> Result<bool, AppError> {
    // Public: 256-bit tokens cannot be guessed; nothing but yes or no is said.
    let db = crate::state::db()?;
    super::service::link_usable(&db, &token, chrono::Utc::now()).await
}

/// Sets a new password with an e-mailed link; every session of the account ends.
#[server(prefix = "/api", endpoint = "account/password-reset/link", input = Json)]
pub async fn reset_password_with_link(
    token: String,
    password: String,
    password_confirm: String,
) -> Result<PasswordSet, AppError> {
    // Public: the single-use token is the check (throttled per address).
    let db = crate::state::db()?;
    let address = crate::client_address::client_address().await;
    super::service::reset_with_link(
        &db,
        &token,
        &password,
        &password_confirm,
        address.as_deref(),
        chrono::Utc::now(),
    )
    .await?;
    Ok(PasswordSet { ok: true })
}

/// `/dat-lai-mat-khau`'s form: then the sign-in page says the password is new.
#[server(prefix = "/api", endpoint = "ui/password-reset/link")]
pub async fn reset_password_with_link_form(
    token: String,
    password: String,
    password_confirm: String,
) -> Result<(), AppError> {
    // Public, as `reset_password_with_link`.
    reset_password_with_link(token, password, password_confirm).await?;
    leptos_axum::redirect("/dang-nhap?mat-khau-moi=1");
    Ok(())
}

/// Sets a new password with a code from the organizers or the unit contact.
#[server(prefix = "/api", endpoint = "account/password-reset/code", input = Json)]
pub async fn reset_password_with_code(
    phone: String,
    code: String,
    password: String,
    password_confirm: String,
) -> Result<PasswordSet, AppError> {
    // Public: phone + single-use code are the check (throttled like a sign-in).
    let db = crate::state::db()?;
    let address = crate::client_address::client_address().await;
    let now = chrono::Utc::now();
    super::service::reset_with_code(
        &db,
        &phone,
        &code,
        &password,
        &password_confirm,
        address.as_deref(),
        now,
    )
    .await?;
    Ok(PasswordSet { ok: true })
}

/// `/dat-lai-mat-khau-bang-ma`'s form.
#[server(prefix = "/api", endpoint = "ui/password-reset/code")]
pub async fn reset_password_with_code_form(
    phone: String,
    code: String,
    password: String,
    password_confirm: String,
) -> Result<(), AppError> {
    // Public, as `reset_password_with_code`.
    // A failure goes back to the form with the phone filled in again (not
    // the one-time code, nor the passwords).
    let typed = crate::form::Typed::of([("phone", Some(phone.as_str()))]);
    crate::form::or_back_to_form::<ResetPasswordWithCodeForm, _>(
        reset_password_with_code(phone, code, password, password_confirm).await,
        "/dat-lai-mat-khau-bang-ma",
        crate::form::RESET_CODE_FORM,
        typed,
    )
    .await?;
    leptos_axum::redirect("/dang-nhap?mat-khau-moi=1");
    Ok(())
}

/// The signed-in contestant changes their password. The account's other
/// sessions end; this one goes on (under a fresh session id).
#[server(prefix = "/api", endpoint = "me/password", input = Json)]
pub async fn change_password(
    current_password: String,
    password: String,
    password_confirm: String,
) -> Result<PasswordSet, AppError> {
    let contestant_id = crate::session::require_contestant().await?;
    let db = crate::state::db()?;
    super::service::change_password(
        &db,
        contestant_id,
        &current_password,
        &password,
        &password_confirm,
        chrono::Utc::now(),
    )
    .await?;
    // Every session row of the account is gone, this one's too; the session
    // still in hand is saved under a new id at the end of the request.
    crate::session::sign_in_contestant(contestant_id).await?;
    Ok(PasswordSet { ok: true })
}

/// The profile page's password form (works without wasm): back to the
/// profile, which then says the password was changed.
#[server(prefix = "/api", endpoint = "ui/password")]
pub async fn change_password_form(
    current_password: String,
    password: String,
    password_confirm: String,
) -> Result<(), AppError> {
    // Signed-in contestant only; checked by `change_password`.
    change_password(current_password, password, password_confirm).await?;
    leptos_axum::redirect("/ho-so?mat-khau=da-doi");
    Ok(())
}
