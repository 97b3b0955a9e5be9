//! The contest platform's pages, server functions and (behind `ssr`) the
//! services and database rows behind them. One codebase: the `ssr` build runs
//! inside the axum server, the `hydrate` build becomes the browser's wasm.
#![recursion_limit = "256"]

pub mod account_recovery;
pub mod attempt;
pub mod audit;
pub mod bundle;
pub mod contest;
pub mod contest_admin;
pub mod contestant;
pub mod contestant_admin;
pub mod dashboard;
pub mod error;
pub mod extra_time;
pub mod form;
pub mod format;
pub mod prizes;
pub mod question_bank;
pub mod reports;
pub mod results;
pub mod staff;
pub mod unit_admin;

#[cfg(feature = "ssr")]
pub mod client_address;
#[cfg(feature = "ssr")]
pub mod download;
#[cfg(feature = "ssr")]
pub mod entities;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod text;
#[cfg(feature = "ssr")]
pub mod throttle;
#[cfg(feature = "ssr")]
pub mod time;
pub mod ui;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::{
    components::{ParentRoute, Route, Router, Routes},
    path, SsrMode,
};

pub use bundle::is_dashboard_path;

/// The HTML document around the app; rendered on the server only.
///
/// Four bundles ([`bundle`]): on dashboard pages the dashboard bundle
/// hydrates the whole [`App`] (client-side routing between dashboard pages);
/// every other page is rendered on the server only, and an islands bundle
/// hydrates just its `#[island]`s: the quiz page's own small one, the
/// countdowns and counters of the pages without a form, or the forms' one.
/// No contestant downloads the dashboard, and no page a form it does not show.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let bundle = use_context::<http::request::Parts>()
        .map_or(bundle::Bundle::Pages, |parts| bundle::Bundle::of_path(parts.uri.path()));
    #[cfg(not(feature = "ssr"))]
    let bundle = bundle::Bundle::Pages;
    let dashboard = bundle == bundle::Bundle::Dashboard;
    // In the shell, which only the server renders: the address carries the
    // bundle's fingerprint (server/src/assets.rs). One stylesheet for all.
    let stylesheet = format!("/{}/{}.css", options.site_pkg_dir, options.output_name);
    let named = |name: &str| {
        let mut named = options.clone();
        named.output_name = name.into();
        named
    };
    let scripts = match bundle {
        bundle::Bundle::Dashboard => {
            view! { <HydrationScripts options=named(bundle::ADMIN_OUTPUT_NAME)/> }.into_any()
        }
        bundle::Bundle::Quiz => {
            view! { <HydrationScripts options=named(bundle::QUIZ_OUTPUT_NAME) islands=true/> }.into_any()
        }
        bundle::Bundle::Live => {
            view! { <HydrationScripts options=named(bundle::LIVE_OUTPUT_NAME) islands=true/> }.into_any()
        }
        bundle::Bundle::Pages => {
            view! { <HydrationScripts options=options.clone() islands=true/> }.into_any()
        }
    };
    view! {
        <!DOCTYPE html>
        <html lang="vi">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" type="image/svg+xml" href="/favicon.svg"/>
                <AutoReload options=options.clone()/>
                <link rel="stylesheet" id="leptos" href=stylesheet/>
                // Quiz pages only: saves answers from the first tap, long before the wasm.
                {attempt::first_tap::tag(bundle == bundle::Bundle::Quiz)}
                {scripts}
                <MetaTags/>
            </head>
            <body>
                <App/>
                // Last in the page, so the last island to hydrate.
                {(!dashboard).then(|| view! { <HydratedMarker/> })}
            </body>
        </html>
    }
}

/// Marks the page once its islands have hydrated (browser only); the tests
/// wait on `body[data-hydrated="yes"]`. The island script hydrates islands in
/// page order and this one comes last, so a panic in any island before it
/// leaves the page unmarked. (Dashboard pages: `App`'s effect marks them.)
#[island]
pub fn HydratedMarker() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    if let Some(body) = document().body() {
        let _ = body.set_attribute("data-hydrated", "yes");
    }
}

/// The router: every page of the site.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Who is signed in, for the header and the pages: one Resource, made here.
    contestant::provide_visitor();
    // Marks a dashboard page once the dashboard bundle has taken over
    // (browser only); tests wait on it. Other pages: [`HydratedMarker`].
    Effect::new(|_| {
        #[cfg(feature = "hydrate")]
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "yes");
        }
    });

    view! {
        <Title formatter=|text| format!("{text} · Thi trực tuyến")/>
        <Router>
            <contestant::SiteHeader/>
            <main>
                <Routes fallback=|| view! { <NotFound/> }>
                    // Async: the page is sent once its data is ready, so a missing
                    // contest can still answer 404 instead of a streamed 200.
                    <Route path=path!("") view=contest::HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/cuoc-thi/:slug") view=contest::ContestPage ssr=SsrMode::Async/>
                    <Route path=path!("/dang-ky") view=contestant::RegisterPage ssr=SsrMode::Async/>
                    // Async: the kept phone (form/typed.rs) is read before the page is sent, and the page works without JavaScript.
                    <Route path=path!("/dang-nhap") view=contestant::LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("/ho-so") view=contestant::ProfilePage ssr=SsrMode::Async/>
                    // Async: without JavaScript a streamed header would stay at its fallback (signed out).
                    <Route path=path!("/quen-mat-khau") view=account_recovery::ForgotPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/dat-lai-mat-khau") view=account_recovery::ResetWithLinkPage ssr=SsrMode::Async/>
                    <Route path=path!("/dat-lai-mat-khau-bang-ma") view=account_recovery::ResetWithCodePage ssr=SsrMode::Async/>
                    // Async: a visitor not signed in gets a real 302 to the sign-in page.
                    <Route path=path!("/vao-thi/:round_id") view=attempt::StartPage ssr=SsrMode::Async/>
                    <Route path=path!("/bai-thi/:attempt_id") view=attempt::QuizPage ssr=SsrMode::Async/>
                    <Route path=path!("/ket-qua/:attempt_id") view=attempt::ResultPage ssr=SsrMode::Async/>
                    <Route path=path!("/thong-ke") view=results::StatsPage ssr=SsrMode::Async/>
                    <Route path=path!("/quan-tri/dang-nhap") view=staff::StaffLoginPage/>
                    <ParentRoute path=path!("/quan-tri") view=dashboard::DashboardLayout ssr=SsrMode::Async>
                        <Route path=path!("") view=dashboard::DashboardHome/>
                        <Route path=path!("/cau-hoi") view=question_bank::QuestionListPage/>
                        <Route path=path!("/cau-hoi/:id") view=question_bank::QuestionEditPage/>
                        <Route path=path!("/nhap-cau-hoi") view=question_bank::ImportPage/>
                        <Route path=path!("/thong-ke-cau-hoi") view=question_bank::QuestionStatsPage/>
                        <Route path=path!("/nhat-ky") view=audit::AuditPage/>
                        <Route path=path!("/cuoc-thi") view=contest_admin::ContestListPage/>
                        <Route path=path!("/cuoc-thi/:id") view=contest_admin::ContestEditPage/>
                        <Route path=path!("/dot-thi/:id") view=contest_admin::RoundEditPage/>
                        <Route path=path!("/don-vi") view=unit_admin::UnitTreePage/>
                        <Route path=path!("/tham-gia") view=unit_admin::ParticipationPage/>
                        <Route path=path!("/tai-khoan") view=staff::AccountsPage/>
                        <Route path=path!("/thi-sinh") view=contestant_admin::ContestantListPage/>
                        <Route path=path!("/thi-sinh/:id") view=contestant_admin::ContestantDetailPage/>
                        <Route path=path!("/giai-thuong") view=prizes::PrizesPage/>
                        <Route path=path!("/bao-cao") view=reports::ReportPage/>
                    </ParentRoute>
                </Routes>
            </main>
        </Router>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Không tìm thấy trang"/>
        <section class="card">
            <h1>"Không tìm thấy trang"</h1>
            <p>"Địa chỉ này không tồn tại. " <a href="/">"Về trang chủ"</a></p>
        </section>
    }
}
