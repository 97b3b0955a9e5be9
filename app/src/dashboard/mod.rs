//! The organizers' dashboard frame (/quan-tri): who is signed in, the menu
//! for their role, and the start page. Each page below checks the role again
//! through its own server functions.
use crate::error::AppError;
use crate::staff::{admin_me, AdminLogoutForm, Role, StaffMe};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Outlet;

/// A resource fetched in the browser only. Dashboard pages render their data
/// after hydration: the server sends the frame and a "Đang tải…" line, so the
/// server's HTML and the first browser render always agree, and no fetch ever
/// runs on the server outside a request's context. (The dashboard needs
/// JavaScript; the contestant pages do not.)
pub fn client_resource<S, T, Fut>(
    source: impl Fn() -> S + 'static,
    fetch: impl Fn(S) -> Fut + 'static,
) -> LocalResource<T>
where
    Fut: std::future::Future<Output = T> + 'static,
    T: 'static,
{
    LocalResource::new(move || fetch(source()))
}

/// Shown instead of a page when the visitor may not see it.
#[component]
pub fn Refused(error: AppError) -> impl IntoView {
    match error {
        AppError::Unauthenticated => view! {
            <section class="card">
                <h1>"Cần đăng nhập"</h1>
                <p>"Trang này dành cho cán bộ quản trị. " <a href="/quan-tri/dang-nhap">"Đăng nhập quản trị"</a></p>
            </section>
        }
        .into_any(),
        other => view! {
            <section class="card notice-error">
                <p role="alert">{other.to_string()}</p>
            </section>
        }
        .into_any(),
    }
}

/// For pages that show one contest at a time: the contests, and `load(id)`
/// for the one asked for (`?cuoc-thi=ID`, else the first); fetched again
/// whenever `version` changes.
#[allow(clippy::type_complexity)]
pub fn contest_resource<T, Fut>(
    version: RwSignal<u32>,
    load: impl Fn(i32) -> Fut + Copy + 'static,
) -> LocalResource<Result<(Vec<crate::contest_admin::ContestRow>, Option<T>), AppError>>
where
    Fut: std::future::Future<Output = Result<T, AppError>> + 'static,
    T: 'static,
{
    let query = leptos_router::hooks::use_query_map();
    client_resource(
        move || (query.read().get("cuoc-thi").and_then(|v| v.parse::<i32>().ok()), version.get()),
        move |(asked, _)| async move {
            let contests = crate::contest_admin::admin_contests().await?;
            let data = match asked.or(contests.first().map(|c| c.id)) {
                Some(id) => Some(load(id).await?),
                None => None,
            };
            Ok((contests, data))
        },
    )
}

/// A page's heading and a link per contest, for pages that show one contest at a time.
#[component]
pub fn ContestPicker(
    title: &'static str,
    base: &'static str,
    contests: Vec<crate::contest_admin::ContestRow>,
) -> impl IntoView {
    view! {
        <section class="card no-print">
            <h1>{title}</h1>
            <nav class="filters" aria-label="Chọn cuộc thi">
                {contests.into_iter().map(|c| view! { <a href=format!("{base}?cuoc-thi={}", c.id)>{c.title}</a> }).collect_view()}
            </nav>
        </section>
    }
}

/// The frame around every dashboard page.
#[component]
pub fn DashboardLayout() -> impl IntoView {
    let me = crate::dashboard::client_resource(|| (), |_| admin_me());
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(me) => view! { <DashboardMenu me=me/> <Outlet/> }.into_any(),
                    Err(error) => view! { <Refused error=error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DashboardMenu(me: StaffMe) -> impl IntoView {
    let logout = ServerAction::<AdminLogoutForm>::new();
    let edits = me.role.can_edit();
    let admin = me.role == Role::Admin;
    view! {
        <nav class="dash-menu" aria-label="Quản trị">
            <a href="/quan-tri">"Tổng quan"</a>
            <a href="/quan-tri/don-vi">"Đơn vị"</a>
            <a href="/quan-tri/thi-sinh">"Thí sinh"</a>
            <a href="/quan-tri/tham-gia">"Theo dõi tham gia"</a>
            <Show when=move || edits>
                <a href="/quan-tri/cau-hoi">"Ngân hàng câu hỏi"</a>
                <a href="/quan-tri/nhap-cau-hoi">"Nhập câu hỏi"</a>
                <a href="/quan-tri/thong-ke-cau-hoi">"Thống kê câu hỏi"</a>
                <a href="/quan-tri/cuoc-thi">"Cuộc thi và đợt thi"</a>
                <a href="/quan-tri/giai-thuong">"Giải thưởng"</a>
                <a href="/quan-tri/bao-cao">"Báo cáo"</a>
                <a href="/quan-tri/nhat-ky">"Nhật ký thay đổi"</a>
            </Show>
            <Show when=move || admin>
                <a href="/quan-tri/tai-khoan">"Tài khoản"</a>
            </Show>
            <span class="dash-who">{me.full_name.clone()} " · " {me.role.label()}</span>
            <ActionForm action=logout attr:class="inline-form">
                <button type="submit" class="link-button">"Đăng xuất"</button>
            </ActionForm>
        </nav>
    }
}

/// `/quan-tri`
#[component]
pub fn DashboardHome() -> impl IntoView {
    let me = crate::dashboard::client_resource(|| (), |_| admin_me());
    view! {
        <Title text="Quản trị"/>
        <section class="card">
            <h1>"Quản trị cuộc thi"</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    me.await.ok().map(|me| {
                        let tasks = match me.role {
                            Role::UnitContact => "Theo dõi thí sinh của đơn vị mình (chỉ xem).",
                            _ => "Soạn ngân hàng câu hỏi, nhập từ Excel hoặc Word, thiết lập đợt thi và theo dõi nhật ký thay đổi.",
                        };
                        view! {
                            <p>"Xin chào " <strong>{me.full_name}</strong> " (" {me.email} ")."</p>
                            <p>{tasks}</p>
                            <SignOutEverywhere/>
                        }
                    })
                })}
            </Suspense>
        </section>
    }
}

/// Ends every session of the signed-in account (a lost phone, a shared computer).
#[component]
fn SignOutEverywhere() -> impl IntoView {
    let done = RwSignal::new(None::<Result<(), AppError>>);
    let navigate = leptos_router::hooks::use_navigate();
    let click = move |_| {
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let result = crate::staff::admin_revoke_own_sessions().await.map(|_| ());
            if result.is_ok() {
                navigate("/quan-tri/dang-nhap", Default::default());
            }
            done.set(Some(result));
        });
    };
    view! {
        <p>
            <button type="button" class="link-button" on:click=click>"Đăng xuất trên mọi thiết bị"</button>
            {move || match done.get() {
                Some(Err(e)) => Some(view! { <span class="form-error">{e.to_string()}</span> }),
                _ => None,
            }}
        </p>
    }
}
