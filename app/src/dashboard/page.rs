//! The dashboard frame around every page (who is signed in, the menu for
//! their role) and its start page, "Tổng quan".
use crate::error::AppError;
use crate::staff::{admin_me, AdminLogoutForm, Role, StaffMe};
use crate::ui::Refused;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Outlet;

/// The frame around every dashboard page.
#[component]
pub fn DashboardLayout() -> impl IntoView {
    let me = crate::ui::client_resource(|| (), |_| admin_me());
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
            {move || Suspend::new(async move {
                match me.await {
                    // .dashboard-page: nothing inside scrolls the page sideways at 360 px.
                    Ok(me) => view! { <DashboardMenu me=me/> <div class="dashboard-page"><Outlet/></div> }.into_any(),
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
    let location = leptos_router::hooks::use_location();
    // aria-current="page" on the item of the page shown (and of its sub-pages,
    // e.g. a question's editor under "Ngân hàng câu hỏi"); only an attribute
    // changes, so the server and the browser render the same elements.
    let current =
        move |href: &'static str| move || is_current(&location.pathname.get(), href).then_some("page");
    view! {
        <nav class="dash-menu" aria-label="Quản trị">
            <a href="/quan-tri" aria-current=current("/quan-tri")>"Tổng quan"</a>
            <a href="/quan-tri/don-vi" aria-current=current("/quan-tri/don-vi")>"Đơn vị"</a>
            <a href="/quan-tri/thi-sinh" aria-current=current("/quan-tri/thi-sinh")>"Thí sinh"</a>
            <a href="/quan-tri/tham-gia" aria-current=current("/quan-tri/tham-gia")>"Theo dõi tham gia"</a>
            <Show when=move || edits>
                <a href="/quan-tri/cau-hoi" aria-current=current("/quan-tri/cau-hoi")>"Ngân hàng câu hỏi"</a>
                <a href="/quan-tri/nhap-cau-hoi" aria-current=current("/quan-tri/nhap-cau-hoi")>"Nhập câu hỏi"</a>
                <a href="/quan-tri/thong-ke-cau-hoi" aria-current=current("/quan-tri/thong-ke-cau-hoi")>"Thống kê câu hỏi"</a>
                <a href="/quan-tri/cuoc-thi" aria-current=current("/quan-tri/cuoc-thi")>"Cuộc thi và đợt thi"</a>
                <a href="/quan-tri/giai-thuong" aria-current=current("/quan-tri/giai-thuong")>"Giải thưởng"</a>
                <a href="/quan-tri/bao-cao" aria-current=current("/quan-tri/bao-cao")>"Báo cáo"</a>
                <a href="/quan-tri/nhat-ky" aria-current=current("/quan-tri/nhat-ky")>"Nhật ký thay đổi"</a>
            </Show>
            <Show when=move || admin>
                <a href="/quan-tri/tai-khoan" aria-current=current("/quan-tri/tai-khoan")>"Tài khoản"</a>
            </Show>
            <span class="dash-who">{me.full_name.clone()} " · " {me.role.label()}</span>
            <ActionForm action=logout attr:class="inline-form">
                <button type="submit" class="link-button">"Đăng xuất"</button>
            </ActionForm>
        </nav>
    }
}

/// The menu item for `href` is the current one on `path`: "Tổng quan" only on
/// /quan-tri itself, the others on their page and its sub-pages.
pub fn is_current(path: &str, href: &str) -> bool {
    let path = path.trim_end_matches('/');
    if href == "/quan-tri" {
        return path == href;
    }
    path == href || path.strip_prefix(href).is_some_and(|rest| rest.starts_with('/'))
}

/// `/quan-tri`
#[component]
pub fn DashboardHome() -> impl IntoView {
    let me = crate::ui::client_resource(|| (), |_| admin_me());
    // The live numbers, counted again every 30 s while the page is open.
    let tick = RwSignal::new(0_u32);
    let live = crate::ui::client_resource(move || tick.get(), |_| super::api::admin_live_overview());
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            let handle = set_interval_with_handle(
                move || tick.update(|n| *n += 1),
                std::time::Duration::from_secs(30),
            );
            if let Ok(handle) = handle {
                on_cleanup(move || handle.clear());
            }
        }
    });
    view! {
        <Title text="Quản trị"/>
        <section class="card">
            <h1>"Quản trị cuộc thi"</h1>
            // Transition: a refresh keeps the last figures on screen.
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let (me, live) = (me.await, live.await);
                    me.ok().map(|me| {
                        let tasks = match me.role {
                            Role::UnitContact => "Theo dõi thí sinh của đơn vị mình (chỉ xem).",
                            _ => "Soạn ngân hàng câu hỏi, nhập từ Excel hoặc Word, thiết lập đợt thi và theo dõi nhật ký thay đổi.",
                        };
                        // Unit contacts are not shown the province-wide figures (403).
                        let live = live.ok().map(|live| view! { <LivePanel live=live/> });
                        view! {
                            <p>"Xin chào " <strong>{me.full_name}</strong> " (" {me.email} ")."</p>
                            {live}
                            <p>{tasks}</p>
                            <SignOutEverywhere/>
                        }
                    })
                })}
            </Transition>
        </section>
    }
}

/// "Đang diễn ra": the open round, attempts today, people in a quiz now.
#[component]
fn LivePanel(live: super::api::LiveOverview) -> impl IntoView {
    let open = if live.open_rounds.is_empty() {
        view! { <p>"Không có đợt thi nào đang mở."</p> }.into_any()
    } else {
        view! {
            <ul class="dash-open-rounds">
                {live.open_rounds.into_iter().map(|r| view! {
                    <li>
                        <strong>{format!("Đang mở: {}", r.round_title)}</strong>
                        {format!(" · {} · kết thúc {}", r.contest_title, r.closes_label)}
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="dash-live-section" aria-labelledby="live-heading">
            <h2 id="live-heading">"Đang diễn ra"</h2>
            {open}
            <div class="dash-live" aria-label="Số liệu trực tiếp" role="group">
                <div class="counter">
                    <strong>{crate::format::count(live.attempts_today as i64)}</strong>
                    <span>"lượt thi hôm nay"</span>
                </div>
                <div class="counter">
                    <strong>{crate::format::count(live.in_quiz_now as i64)}</strong>
                    <span>"người đang làm bài"</span>
                </div>
            </div>
            <p class="hint">{format!("Cập nhật lúc {} (tự cập nhật mỗi 30 giây).", live.counted_at)}</p>
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

#[cfg(test)]
mod tests {
    use super::is_current;

    #[test]
    fn the_current_menu_item_is_the_page_or_its_parent() {
        assert!(is_current("/quan-tri", "/quan-tri"));
        assert!(is_current("/quan-tri/", "/quan-tri"));
        assert!(!is_current("/quan-tri/cau-hoi", "/quan-tri"));
        assert!(is_current("/quan-tri/cau-hoi", "/quan-tri/cau-hoi"));
        assert!(is_current("/quan-tri/cau-hoi/12", "/quan-tri/cau-hoi"));
        // A longer name that merely starts the same is another page.
        assert!(!is_current("/quan-tri/thi-sinh-moi", "/quan-tri/thi-sinh"));
    }
}
