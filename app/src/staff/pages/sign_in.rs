//! The dashboard sign-in page.
use crate::staff::AdminLoginForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/quan-tri/dang-nhap`: a plain form, posted by the browser, on a page of
/// the forms' bundle like the public ones; the dashboard bundle loads only after signing in.
#[component]
pub fn StaffLoginPage() -> impl IntoView {
    let next = use_query_map().with_untracked(|q| q.get("tiep").unwrap_or_default());
    // The e-mail typed before a failed sign-in came back.
    let typed = Resource::new(|| (), |_| crate::form::typed_values(crate::form::STAFF_LOGIN_FORM.to_owned()));
    view! {
        <Title text="Đăng nhập quản trị"/>
        <section class="card form-card">
            <h1>"Đăng nhập quản trị"</h1>
            <p class="hint">"Dành cho Ban Tổ chức, quản trị hệ thống và đầu mối đơn vị."</p>
            <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
                {move || {
                    let next = next.clone();
                    Suspend::new(async move {
                        let email = typed.await.map(|t| t.get("email")).unwrap_or_default();
                        view! { <StaffLoginForm next=next email=email/> }
                    })
                }}
            </Suspense>
        </section>
    }
}

/// The form of [`StaffLoginPage`]: `next` is where to go after, `email`
/// what was typed before a failed sign-in came back.
#[component]
fn StaffLoginForm(next: String, email: String) -> impl IntoView {
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
            <input id="staff-email" name="email" type="email" autocomplete="username" required value=email/>
            <label for="staff-password">"Mật khẩu"</label>
            <input id="staff-password" name="password" type="password" autocomplete="current-password" required/>
            <button type="submit" class="primary">"Đăng nhập"</button>
        </ActionForm>
    }
}
