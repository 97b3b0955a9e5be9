//! `/quan-tri/cuoc-thi`: every contest, published or not.
use crate::contest_admin::admin_contests;
use crate::ui::Refused;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ContestListPage() -> impl IntoView {
    let contests = crate::ui::client_resource(|| (), |_| admin_contests());
    view! {
        <Title text="Cuộc thi và đợt thi"/>
        <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
            {move || Suspend::new(async move {
                match contests.await {
                    Ok(list) => view! {
                        <section class="card">
                            <div class="dash-title">
                                <h1>"Cuộc thi và đợt thi"</h1>
                                <a class="button" href="/quan-tri/cuoc-thi/moi">"Tạo cuộc thi"</a>
                            </div>
                            <table class="schedule">
                                <thead><tr><th>"Cuộc thi"</th><th>"Đợt thi"</th><th>"Trạng thái"</th></tr></thead>
                                <tbody>
                                    {list.into_iter().map(|c| view! {
                                        <tr>
                                            <td><a href=format!("/quan-tri/cuoc-thi/{}", c.id)>{c.title}</a></td>
                                            <td>{c.rounds}</td>
                                            <td>{if c.published { "Đã công bố" } else { "Chưa công bố" }}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </section>
                    }.into_any(),
                    Err(error) => view! { <Refused error=error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
