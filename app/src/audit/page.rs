//! `/quan-tri/nhat-ky`: the audit log, newest first, with filters (a GET form).
use super::admin_audit;
use crate::ui::Refused;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AuditPage() -> impl IntoView {
    let query = use_query_map();
    let param = move |key: &str| query.read().get(key).filter(|v| !v.is_empty());
    let log = crate::ui::client_resource(
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
                    {[("", "Mọi thay đổi"), ("question.", "Câu hỏi"), ("topic.", "Chủ đề"), ("round.", "Đợt thi"), ("account.", "Tài khoản"), ("contestant.", "Thí sinh"), ("contest.", "Cuộc thi"), ("unit.", "Đơn vị"), ("prizes.", "Giải thưởng"), ("reports.", "Báo cáo")]
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
                        let export_href = export_link(&query.read_untracked());
                        view! {
                            <section class="card">
                                <p class="hint">{format!("{} mục · trang {}/{}", data.total, data.page, pages)}</p>
                                <table class="audit">
                                    <thead><tr><th>"Thời gian"</th><th>"Người"</th><th>"Thay đổi"</th></tr></thead>
                                    <tbody>
                                        {data.items.into_iter().map(|e| {
                                            let details = technical(&e);
                                            view! {
                                                <tr>
                                                    <td data-label="Thời gian">{e.at}</td>
                                                    <td data-label="Người">{e.actor_name}<br/><span class="hint">{e.actor}</span></td>
                                                    <td data-label="Thay đổi">
                                                        <p class="audit-sentence">{e.sentence}</p>
                                                        {e.reason.map(|r| view! { <p>"Lý do: " {r}</p> })}
                                                        <details class="audit-technical">
                                                            <summary>"Chi tiết kỹ thuật"</summary>
                                                            <dl>
                                                                {details.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd><code class="json">{v}</code></dd> }).collect_view()}
                                                            </dl>
                                                        </details>
                                                    </td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                                <p><a href=export_href.clone() download="nhat-ky-thay-doi.json">"Tải nhật ký trang này (dữ liệu gốc, JSON)"</a></p>
                            </section>
                        }.into_any()
                    }
                    Err(error) => view! { <Refused error=error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The stored record behind a sentence, for whoever needs the evidence: the
/// action code, the object's id and the fields before and after, as written.
fn technical(e: &super::AuditEntry) -> Vec<(&'static str, String)> {
    let mut rows = vec![("Mã thao tác", e.action.clone()), ("Đối tượng", e.entity.clone())];
    if let Some(id) = &e.entity_id {
        rows.push(("Mã đối tượng", id.clone()));
    }
    if let Some(summary) = &e.summary {
        rows.push(("Tóm tắt", summary.clone()));
    }
    if let Some(before) = &e.before {
        rows.push(("Trước", before.clone()));
    }
    if let Some(after) = &e.after {
        rows.push(("Sau", after.clone()));
    }
    rows
}

/// The log's API with the page's filters: the export, raw JSON included.
fn export_link(query: &leptos_router::params::ParamsMap) -> String {
    let mut href = String::from("/api/admin/audit?");
    for (param, key) in [("hanh_dong", "action"), ("ma", "entity_id"), ("nguoi", "actor"), ("trang", "page")]
    {
        if let Some(value) = query.get(param).filter(|v| !v.is_empty()) {
            href.push_str(&format!(
                "{key}={}&",
                percent_encoding::utf8_percent_encode(&value, percent_encoding::NON_ALPHANUMERIC)
            ));
        }
    }
    href.trim_end_matches(['&', '?']).to_owned()
}
