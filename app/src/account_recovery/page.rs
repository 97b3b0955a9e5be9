//! `/quen-mat-khau`, `/dat-lai-mat-khau` (from the e-mailed link),
//! `/dat-lai-mat-khau-bang-ma`, and the password form of the profile. Real
//! forms, posted by the browser itself (no wasm on these pages): the server
//! answers with the next page, or with the form again, each problem next to
//! its field and what was typed (never a password or a code) filled in.
use super::api::{
    reset_link_usable, ChangePasswordForm, RequestPasswordResetForm, ResetPasswordWithCodeForm,
    ResetPasswordWithLinkForm, REQUESTED,
};
use crate::error::AppError;
use crate::form::{field_error, typed_values, FieldError, FORGOT_FORM, RESET_CODE_FORM};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The line above a form for errors that belong to no field.
fn general_error(value: Option<Result<(), AppError>>) -> Option<String> {
    match value {
        Some(Err(AppError::Invalid(_))) => Some("Vui lòng sửa các ô được đánh dấu bên dưới.".to_owned()),
        Some(Err(e)) => Some(e.to_string()),
        _ => None,
    }
}

/// The two new-password fields every form here ends with.
#[component]
fn NewPasswordFields(value: Signal<Option<Result<(), AppError>>>, prefix: &'static str) -> impl IntoView {
    let err = move |field: &'static str| Signal::derive(field_error(move || value.get(), field));
    let (password_id, confirm_id) = (format!("{prefix}-password"), format!("{prefix}-password_confirm"));
    let (password_for, confirm_for) = (password_id.clone(), confirm_id.clone());
    view! {
        <label for=password_for>"Mật khẩu mới (ít nhất 8 ký tự)"</label>
        <input id=password_id name="password" type="password" autocomplete="new-password" required/>
        <FieldError message=err("password") id="password-error"/>
        <label for=confirm_for>"Nhập lại mật khẩu mới"</label>
        <input id=confirm_id name="password_confirm" type="password" autocomplete="new-password" required/>
        <FieldError message=err("password_confirm") id="password_confirm-error"/>
    }
}

/// `/quen-mat-khau[?da-gui=1]`
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let sent = use_query_map().with_untracked(|q| q.get("da-gui").is_some());
    // What was typed before a failed request came back.
    let typed = Resource::new(|| (), |_| typed_values(FORGOT_FORM.to_owned()));
    view! {
        <Title text="Quên mật khẩu"/>
        <section class="card form-card">
            <h1>"Quên mật khẩu"</h1>
            {sent.then(|| view! { <p class="notice" role="status">{REQUESTED}</p> })}
            <p class="hint">"Nhập số điện thoại hoặc email bạn đã dùng khi đăng ký. Nếu tài khoản có email, chúng tôi gửi đến email đó một đường dẫn để đặt mật khẩu mới."</p>
            <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
                {move || Suspend::new(async move {
                    view! { <ForgotPasswordForm account=typed.await.map(|t| t.get("account")).unwrap_or_default()/> }
                })}
            </Suspense>
            <h2>"Không có email?"</h2>
            <p>"Nhờ đầu mối đơn vị của bạn hoặc Ban Tổ chức cấp một mã đặt lại mật khẩu, rồi dùng mã đó ở trang "
                <a href="/dat-lai-mat-khau-bang-ma">"Đặt lại mật khẩu bằng mã"</a>"."</p>
            <p><a href="/dang-nhap">"Quay lại đăng nhập"</a></p>
        </section>
    }
}

/// The form of [`ForgotPasswordPage`].
#[component]
fn ForgotPasswordForm(account: String) -> impl IntoView {
    let action = ServerAction::<RequestPasswordResetForm>::new();
    let value = action.value();
    let general = move || match value.get() {
        Some(Err(AppError::Invalid(_))) => None,
        other => general_error(other),
    };
    let account_error = Signal::derive(field_error(move || value.get(), "account"));
    view! {
        <ActionForm action=action attr:class="form" attr:novalidate=true>
            <Show when=move || general().is_some()>
                <p class="form-error" role="alert">{general}</p>
            </Show>
            <label for="reset-account">"Số điện thoại hoặc email"</label>
            <input id="reset-account" name="account" autocomplete="username" required value=account/>
            <FieldError message=account_error id="account-error"/>
            <button type="submit" class="primary">"Gửi đường dẫn đặt lại"</button>
        </ActionForm>
    }
}

/// `/dat-lai-mat-khau?ma=TOKEN`: the page the e-mailed link opens.
#[component]
pub fn ResetWithLinkPage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("ma").unwrap_or_default();
    let usable = Resource::new(token, reset_link_usable);
    view! {
        <Title text="Đặt mật khẩu mới"/>
        <section class="card form-card">
            <h1>"Đặt mật khẩu mới"</h1>
            <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
                {move || Suspend::new(async move {
                    match usable.await {
                        Ok(true) => view! { <ResetWithLinkForm token=token()/> }.into_any(),
                        Ok(false) => view! {
                            <p role="alert">"Đường dẫn này không đúng, đã được dùng hoặc đã hết hạn. "
                                <a href="/quen-mat-khau">"Yêu cầu đường dẫn mới"</a></p>
                        }.into_any(),
                        Err(e) => view! { <p role="alert">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The form of [`ResetWithLinkPage`]: `token` is the link's.
#[component]
fn ResetWithLinkForm(token: String) -> impl IntoView {
    let action = ServerAction::<ResetPasswordWithLinkForm>::new();
    let value = Signal::derive(move || action.value().get());
    let general = move || general_error(value.get());
    view! {
        <ActionForm action=action attr:class="form" attr:novalidate=true>
            <Show when=move || general().is_some()>
                <p class="form-error" role="alert">{general}</p>
            </Show>
            <input type="hidden" name="token" value=token/>
            <NewPasswordFields value=value prefix="link"/>
            <button type="submit" class="primary">"Đặt mật khẩu mới"</button>
        </ActionForm>
    }
}

/// `/dat-lai-mat-khau-bang-ma`: phone, the code from the dashboard, a new password.
#[component]
pub fn ResetWithCodePage() -> impl IntoView {
    // The phone typed before a failed reset came back.
    let typed = Resource::new(|| (), |_| typed_values(RESET_CODE_FORM.to_owned()));
    view! {
        <Title text="Đặt lại mật khẩu bằng mã"/>
        <section class="card form-card">
            <h1>"Đặt lại mật khẩu bằng mã"</h1>
            <p class="hint">"Mã đặt lại do đầu mối đơn vị hoặc Ban Tổ chức cấp, gồm 8 chữ cái và chữ số (ví dụ ABCD-EFGH), dùng được một lần trong 24 giờ."</p>
            <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
                {move || Suspend::new(async move {
                    view! { <ResetWithCodeForm phone=typed.await.map(|t| t.get("phone")).unwrap_or_default()/> }
                })}
            </Suspense>
            <p><a href="/quen-mat-khau">"Quên mật khẩu?"</a> " · " <a href="/dang-nhap">"Đăng nhập"</a></p>
        </section>
    }
}

/// The form of [`ResetWithCodePage`].
#[component]
fn ResetWithCodeForm(phone: String) -> impl IntoView {
    let action = ServerAction::<ResetPasswordWithCodeForm>::new();
    let value = Signal::derive(move || action.value().get());
    let general = move || general_error(value.get());
    let err = move |field: &'static str| Signal::derive(field_error(move || value.get(), field));
    view! {
        <ActionForm action=action attr:class="form" attr:novalidate=true>
            <Show when=move || general().is_some()>
                <p class="form-error" role="alert">{general}</p>
            </Show>
            <label for="code-phone">"Số điện thoại đã đăng ký"</label>
            <input id="code-phone" name="phone" type="tel" inputmode="tel" autocomplete="tel" required value=phone/>
            <FieldError message=err("phone") id="phone-error"/>
            <label for="code-code">"Mã đặt lại"</label>
            <input id="code-code" name="code" autocomplete="one-time-code" autocapitalize="characters" spellcheck="false" required/>
            <FieldError message=err("code") id="code-error"/>
            <NewPasswordFields value=value prefix="code"/>
            <button type="submit" class="primary">"Đặt mật khẩu mới"</button>
        </ActionForm>
    }
}

/// The profile's "Đổi mật khẩu" form; after a change the profile says so
/// (`/ho-so?mat-khau=da-doi`, read by the page: `changed`).
#[component]
pub fn PasswordChange(changed: bool) -> impl IntoView {
    let action = ServerAction::<ChangePasswordForm>::new();
    let value = Signal::derive(move || action.value().get());
    let general = move || general_error(value.get());
    let current_error = Signal::derive(field_error(move || value.get(), "current_password"));
    view! {
        <h2 id="doi-mat-khau">"Đổi mật khẩu"</h2>
        <Show when=move || changed>
            <p class="notice" role="status">"Đã đổi mật khẩu. Các phiên đăng nhập khác của tài khoản đã kết thúc."</p>
        </Show>
        <ActionForm action=action attr:class="form" attr:novalidate=true>
            <Show when=move || general().is_some()>
                <p class="form-error" role="alert">{general}</p>
            </Show>
            <label for="pw-current">"Mật khẩu hiện tại"</label>
            <input id="pw-current" name="current_password" type="password" autocomplete="current-password" required/>
            <FieldError message=current_error id="current_password-error"/>
            <NewPasswordFields value=value prefix="pw"/>
            <button type="submit" class="primary">"Đổi mật khẩu"</button>
        </ActionForm>
    }
}
