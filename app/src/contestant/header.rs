//! The site header, which knows who is signed in, and the notice that the
//! registration and sign-in pages show a visitor who already is.
//!
//! Hydration: the one Resource is created at the top of `App` (never inside a
//! Suspense) and read inside `Transition`s, so the server's HTML and the
//! browser's first render come from the same serialized value. It is fetched
//! again after every navigation and every sign-out, so the header follows a
//! sign-in or sign-out made with JavaScript too.
use crate::account_recovery::{current_visitor, LogoutForm, Visitor};
use crate::error::AppError;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Who is signed in, shared by the header and the pages.
#[derive(Clone, Copy)]
pub struct VisitorState {
    pub resource: Resource<Result<Option<Visitor>, AppError>>,
    /// Bumped to fetch the visitor again.
    pub refresh: RwSignal<u32>,
}

/// Creates the visitor Resource and provides it; call at the top of `App`.
pub fn provide_visitor() {
    let refresh = RwSignal::new(0_u32);
    let resource = Resource::new(move || refresh.get(), |_| current_visitor());
    provide_context(VisitorState { resource, refresh });
}

/// "Đăng xuất": a real POST form (same-site only, like every form), then home.
#[component]
pub fn SignOutButton() -> impl IntoView {
    let action = ServerAction::<LogoutForm>::new();
    if let Some(state) = use_context::<VisitorState>() {
        // Signed out with JavaScript: the header must not keep the old name.
        Effect::watch(
            move || action.version().get(),
            move |_, _, _| state.refresh.update(|n| *n += 1),
            false,
        );
    }
    view! {
        <ActionForm action=action attr:class="inline-form">
            <button type="submit" class="link-button">"Đăng xuất"</button>
        </ActionForm>
    }
}

fn signed_out_links() -> impl IntoView {
    view! {
        <a href="/dang-ky">"Đăng ký"</a>
        <a href="/dang-nhap">"Đăng nhập"</a>
    }
}

/// The header of every public page. Inside the dashboard it shows only the
/// site's name: the dashboard's own menu says who is signed in there.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let location = use_location();
    let state = use_context::<VisitorState>();
    if let Some(state) = state {
        // Any navigation may follow a sign-in or sign-out: ask again.
        Effect::watch(
            move || location.pathname.get(),
            move |_, _, _| state.refresh.update(|n| *n += 1),
            false,
        );
    }
    let in_dashboard = move || location.pathname.get().starts_with("/quan-tri");
    view! {
        <header class="site-header">
            <a href="/" class="site-name">"Thi trực tuyến"</a>
            <Show when=move || !in_dashboard()>
                <nav aria-label="Tài khoản">
                    <a href="/thong-ke">"Thống kê"</a>
                    <Transition fallback=signed_out_links>
                        {move || Suspend::new(async move {
                            let who = match state {
                                Some(state) => state.resource.await.ok().flatten(),
                                None => None,
                            };
                            match who {
                                Some(who) => view! {
                                    <a href="/ho-so" class="who" title="Hồ sơ dự thi">{who.full_name}</a>
                                    <SignOutButton/>
                                }.into_any(),
                                None => signed_out_links().into_any(),
                            }
                        })}
                    </Transition>
                </nav>
            </Show>
        </header>
    }
}

/// "Bạn đang đăng nhập với tên … — Đăng xuất", on pages meant for visitors
/// who are not signed in (registration, sign-in). Nothing otherwise.
#[component]
pub fn SignedInNotice() -> impl IntoView {
    let state = use_context::<VisitorState>();
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let who = match state {
                    Some(state) => state.resource.await.ok().flatten(),
                    None => None,
                };
                who.map(|who| view! {
                    <div class="notice signed-in" role="status">
                        "Bạn đang đăng nhập với tên " <strong>{who.full_name}</strong> " — "
                        <SignOutButton/>
                    </div>
                })
            })}
        </Transition>
    }
}
