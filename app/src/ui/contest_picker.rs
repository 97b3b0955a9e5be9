//! One contest at a time: the dashboard pages' contest choice (`?cuoc-thi=ID`).
use super::client_resource;
use crate::error::AppError;
use leptos::prelude::*;

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
