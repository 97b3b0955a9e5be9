//! The dashboard sign-in page.
use super::api::AdminLoginForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/quan-tri/dang-nhap`: a page of the islands bundle, like the public
/// ones; the dashboard bundle loads only after signing in.
#[component]
pub fn StaffLoginPage() -> impl IntoView {
    let next = use_query_map().with_untracked(|q| q.get("tiep").unwrap_or_default());
    view! {
        <Title text="Đăng nhập quản trị"/>
        <section class="card form-card">
            <h1>"Đăng nhập quản trị"</h1>
            <p class="hint">"Dành cho Ban Tổ chức, quản trị hệ thống và đầu mối đơn vị."</p>
            <StaffLoginForm next=next/>
        </section>
    }
}

/// The form of [`StaffLoginPage`] (an island): `next` is where to go after.
#[cfg_attr(not(any(feature = "islands-quiz", feature = "islands-live")), island)]
#[cfg_attr(any(feature = "islands-quiz", feature = "islands-live"), component)]
fn StaffLoginForm(next: String) -> impl IntoView {
    let action = ServerAction::<AdminLoginForm>::new();
    let message = move || match action.value().get() {
        Some(Err(e)) => Some(e.to_string()),
        _ => None,
    };
    view! {
        <ActionForm action=action attr:class="form">
            <Show when=move || message().is_some()>
                <p class="form-error" role="alert">{message}</p>
            </Show>
            <input type="hidden" name="next" value=next/>
            <label for="staff-email">"Email"</label>
            <input id="staff-email" name="email" type="email" autocomplete="username" required/>
            <label for="staff-password">"Mật khẩu"</label>
            <input id="staff-password" name="password" type="password" autocomplete="current-password" required/>
            <button type="submit" class="primary" disabled=move || action.pending().get()>"Đăng nhập"</button>
        </ActionForm>
    }
}
