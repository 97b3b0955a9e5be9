//! `/quan-tri/tham-gia`: for a unit contact, the registered contestants of
//! their branch and who has or has not taken part in a round yet, to nudge
//! colleagues; organizers see every unit. 50 a page, filtered by unit (with its
//! sub-units) and sorted; exportable as CSV, filter and order included
//! (`GET /api/admin/units/participation.csv`).
use crate::ui::{client_resource, Refused};
use crate::unit_admin::{admin_unit_participation, Order, Participation, CSV_PATH, PAGE_SIZE};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The page's address for these choices (`dot`, `don-vi`, `sap-xep`, `trang`).
fn address(round_id: i32, unit_id: Option<i32>, order: Order, page: u64) -> String {
    let mut href = format!("/quan-tri/tham-gia?dot={round_id}");
    if let Some(unit) = unit_id {
        href.push_str(&format!("&don-vi={unit}"));
    }
    if order != Order::NotYet {
        href.push_str(&format!("&sap-xep={}", order.code()));
    }
    if page > 1 {
        href.push_str(&format!("&trang={page}"));
    }
    href
}

#[component]
pub fn ParticipationPage() -> impl IntoView {
    let query = use_query_map();
    let data = client_resource(
        move || {
            let q = query.read();
            let number = |key: &str| q.get(key).and_then(|v| v.parse::<i32>().ok());
            (
                number("dot"),
                q.get("trang").and_then(|v| v.parse::<u64>().ok()),
                number("don-vi"),
                q.get("sap-xep").map(|v| Order::from_code(&v)),
            )
        },
        |(round, page, unit, order)| admin_unit_participation(round, page, unit, order),
    );
    view! {
        <Title text="Theo dõi tham gia"/>
        <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(p) => view! { <Members data=p/> }.into_any(),
                    Err(error) => view! { <Refused error=error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Members(data: Participation) -> impl IntoView {
    let (round_id, unit_id, order, page, pages) =
        (data.round_id, data.unit_id, data.order, data.page, data.pages);
    // Made by the server, where every CSV export neutralises formula-like text the same way.
    let mut href = format!("{CSV_PATH}?round_id={round_id}&order={}", order.api());
    if let Some(unit) = unit_id {
        href.push_str(&format!("&unit_id={unit}"));
    }
    let first = (page - 1) * PAGE_SIZE as u64 + 1;
    let last = (first + data.members.len() as u64).saturating_sub(1);
    view! {
        <section class="card">
            <h1>"Theo dõi tham gia: " {data.round_title.clone()}</h1>
            <p>{format!("{} thí sinh đã đăng ký, {} chưa thi đợt này.", data.total, data.missing)}</p>
            // A real GET form: choosing a unit or an order works before the page is hydrated.
            <form method="get" action="/quan-tri/tham-gia" class="filters">
                <input type="hidden" name="dot" value=round_id.to_string()/>
                <label for="p-unit">"Đơn vị"</label>
                <select id="p-unit" name="don-vi">
                    <option value="" selected=unit_id.is_none()>"Tất cả đơn vị"</option>
                    {data.units.iter().map(|u| view! {
                        <option value=u.id.to_string() selected=unit_id == Some(u.id)>
                            {format!("{}{}", "\u{a0}\u{a0}".repeat(u.depth), u.name)}
                        </option>
                    }).collect_view()}
                </select>
                <label for="p-order">"Sắp xếp"</label>
                <select id="p-order" name="sap-xep">
                    {Order::ALL.into_iter().map(|o| view! {
                        <option value=o.code() selected=o == order>{o.label()}</option>
                    }).collect_view()}
                </select>
                <button type="submit">"Xem"</button>
            </form>
            <p><a href=href download="tham-gia.csv">"Tải danh sách (CSV)"</a></p>
            <table class="schedule">
                <thead><tr><th>"Họ tên"</th><th>"Điện thoại"</th><th>"Đơn vị"</th><th>"Lượt thi"</th><th>"Điểm cao nhất"</th></tr></thead>
                <tbody>{data.members.into_iter().map(|m| {
                    let took_part = m.attempts > 0;
                    view! {
                    <tr class:retired=took_part>
                        <td>{m.full_name}</td><td>{m.phone}</td><td>{m.unit_name}</td>
                        <td>{if m.attempts == 0 { "Chưa thi".to_owned() } else { m.attempts.to_string() }}</td>
                        <td>{m.best_score}</td>
                    </tr>
                }}).collect_view()}</tbody>
            </table>
            <nav class="pager-nav" aria-label="Phân trang">
                {(page > 1).then(|| view! { <a href=address(round_id, unit_id, order, page - 1) rel="prev">"← Trang trước"</a> })}
                <span aria-current="page">{format!("Trang {page}/{pages}")}</span>
                {(data.total > 0).then(|| view! { <span class="hint">{format!("(thí sinh {first}–{last})")}</span> })}
                {(page < pages).then(|| view! { <a href=address(round_id, unit_id, order, page + 1) rel="next">"Trang sau →"</a> })}
            </nav>
        </section>
    }
}
