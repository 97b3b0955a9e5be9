//! What a dashboard page shows instead of itself to someone who may not see it.
use crate::error::AppError;
use leptos::prelude::*;

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
