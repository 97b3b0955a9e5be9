//! `/quan-tri/nhat-ky`: the audit log, newest first, with filters (a GET form).
use super::admin_audit;
use crate::dashboard::Refused;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AuditPage() -> impl IntoView {
    let query = use_query_map();
    let param = move |key: &str| query.read().get(key).filter(|v| !v.is_empty());
    let log = crate::dashboard::client_resource(
        move || (param("hanh_dong"), param("ma"), param("nguoi"), param("trang")),
        |(action, id, actor, page)| admin_audit(action, id, actor, page.and_then(|p| p.parse().ok())),
    );
    let now = move |key: &str| query.read_untracked().get(key).unwrap_or_default();
    view! {
        <Title text="Nhật ký thay đổi"/>
        <section class="card">
            <h1>"Nhật ký thay đổi"</h1>
            <p class="hint">"Mọi thay đổi trong trang quản trị được ghi lại và không ai sửa được."</p>
            <form method="get" action="/quan-tri/nhat-ky" class="filters">
                <select name="hanh_dong" aria-label="Loại thay đổi">
                    {[("", "Mọi thay đổi"), ("question.", "Câu hỏi"), ("topic.", "Chủ đề"), ("round.", "Đợt thi"), ("account.", "Tài khoản"), ("contestant.", "Thí sinh")]
                        .into_iter().map(|(v, l)| view! { <option value=v selected=v == now("hanh_dong")>{l}</option> }).collect_view()}
                </select>
                <input name="ma" placeholder="Mã đối tượng, ví dụ 12" value=now("ma") aria-label="Mã đối tượng"/>
                <input name="nguoi" placeholder="Email người thay đổi" value=now("nguoi") aria-label="Người thay đổi"/>
                <button type="submit">"Lọc"</button>
            </form>
        </section>
        <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
            {move || Suspend::new(async move {
                match log.await {
                    Ok(data) => {
                        let pages = data.total.div_ceil(data.page_size).max(1);
                        view! {
                            <section class="card">
                                <p class="hint">{format!("{} mục · trang {}/{}", data.total, data.page, pages)}</p>
                                <table class="audit">
                                    <thead><tr><th>"Thời gian"</th><th>"Người"</th><th>"Thay đổi"</th><th>"Trước"</th><th>"Sau"</th></tr></thead>
                                    <tbody>
                                        {data.items.into_iter().map(|e| view! {
                                            <tr>
                                                <td>{e.at}</td>
                                                <td>{e.actor}</td>
                                                <td>
                                                    <code>{e.action}</code> " " {e.summary.unwrap_or_default()}
                                                    {e.reason.map(|r| view! { <br/> "Lý do: " {r} })}
                                                </td>
                                                <td class="json">{e.before.unwrap_or_default()}</td>
                                                <td class="json">{e.after.unwrap_or_default()}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </section>
                        }.into_any()
                    }
                    Err(error) => view! { <Refused error=error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
