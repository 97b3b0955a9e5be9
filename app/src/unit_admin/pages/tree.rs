//! `/quan-tri/don-vi`: the unit tree with headcounts; edit, move, add, delete,
//! and import/export as .xlsx.
use crate::error::AppError;
use crate::ui::Refused;
use crate::unit_admin::{admin_delete_unit, admin_save_unit, admin_units, UnitDraft, UnitNode};
use leptos::prelude::*;
use leptos_meta::Title;

const KINDS: [(&str, &str); 6] = [
    ("province", "Tỉnh"),
    ("agency", "Sở, ban, ngành"),
    ("district", "Huyện, thành phố"),
    ("commune", "Xã, phường, thị trấn"),
    ("office", "Phòng, ban"),
    ("other", "Khác"),
];

#[component]
pub fn UnitTreePage() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let units = crate::ui::client_resource(move || version.get(), |_| admin_units());
    view! {
        <Title text="Đơn vị"/>
        <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
            {move || Suspend::new(async move {
                match units.await {
                    Ok(list) => view! { <Tree units=list version=version/> }.into_any(),
                    Err(error) => view! { <Refused error=error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Tree(units: Vec<UnitNode>, version: RwSignal<u32>) -> impl IntoView {
    let editing = RwSignal::new(None::<UnitDraft>);
    let total: i64 = units.iter().filter(|u| u.depth == 0).map(|u| i64::from(u.headcount)).sum();
    let choices: Vec<(i32, String)> =
        units.iter().map(|u| (u.id, format!("{}{}", "— ".repeat(u.depth), u.name))).collect();
    let problem = RwSignal::new(None::<String>);
    view! {
        <section class="card">
            <div class="dash-title">
                <h1>"Đơn vị"</h1>
                <button type="button" on:click=move |_| editing.set(Some(UnitDraft {
                    id: None, parent_id: None, code: String::new(), name: String::new(), kind: "agency".into(),
                    headcount: 0, contact_name: None, contact_phone: None,
                }))>"Thêm đơn vị"</button>
                <a class="button" href="/api/admin/units/export.xlsx" download>"Tải Excel"</a>
            </div>
            <p class="hint">{format!("{} đơn vị. Biên chế là số người cần tham gia, dùng để tính tỷ lệ tham gia.", units.len())}
                {(total > 0).then(|| format!(" Tổng biên chế cấp cao nhất: {total}."))}</p>
            {move || problem.get().map(|p| view! { <p class="form-error" role="alert">{p}</p> })}
            <Show when=move || editing.get().is_some()>
                <UnitForm editing=editing version=version choices=choices.clone()/>
            </Show>
            <table class="schedule unit-tree">
                <thead><tr><th>"Đơn vị"</th><th>"Mã"</th><th>"Biên chế"</th><th>"Thí sinh"</th><th></th></tr></thead>
                <tbody>
                    {units.into_iter().map(|u| {
                        let draft = UnitDraft {
                            id: Some(u.id), parent_id: u.parent_id, code: u.code.clone(), name: u.name.clone(),
                            kind: u.kind.clone(), headcount: u.headcount, contact_name: u.contact_name.clone(),
                            contact_phone: u.contact_phone.clone(),
                        };
                        let child = UnitDraft {
                            id: None, parent_id: Some(u.id), code: String::new(), name: String::new(),
                            kind: "office".into(), headcount: 0, contact_name: None, contact_phone: None,
                        };
                        let id = u.id;
                        view! {
                            <tr>
                                <td style=format!("padding-left: {}em", 0.3 + 1.2 * u.depth as f32)>{u.name}</td>
                                <td>{u.code}</td>
                                <td>{u.headcount}</td>
                                <td>{u.contestants}</td>
                                <td class="row-actions">
                                    <button type="button" class="link-button" on:click=move |_| editing.set(Some(draft.clone()))>"Sửa"</button>
                                    <button type="button" class="link-button" on:click=move |_| editing.set(Some(child.clone()))>"Thêm cấp dưới"</button>
                                    <button type="button" class="link-button" on:click=move |_| {
                                        leptos::task::spawn_local(async move {
                                            match admin_delete_unit(id).await {
                                                Ok(_) => version.update(|v| *v += 1),
                                                Err(e) => problem.set(Some(e.to_string())),
                                            }
                                        });
                                    }>"Xóa"</button>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn UnitForm(
    editing: RwSignal<Option<UnitDraft>>,
    version: RwSignal<u32>,
    choices: Vec<(i32, String)>,
) -> impl IntoView {
    let start = editing.get_untracked().unwrap_or(UnitDraft {
        id: None,
        parent_id: None,
        code: String::new(),
        name: String::new(),
        kind: "agency".into(),
        headcount: 0,
        contact_name: None,
        contact_phone: None,
    });
    let draft = RwSignal::new(start.clone());
    let outcome: crate::form::Outcome<()> = RwSignal::new(None);
    let field = move |name: &str| crate::form::field_message(outcome, name);
    let save = move |_| {
        let d = draft.get_untracked();
        leptos::task::spawn_local(async move {
            match admin_save_unit(d).await {
                Ok(_) => {
                    editing.set(None);
                    version.update(|v| *v += 1);
                }
                Err(e) => outcome.set(Some(Err(e))),
            }
        });
    };
    let text = move |get: fn(&UnitDraft) -> String, set: fn(&mut UnitDraft, String)| {
        (move || draft.with(get), move |value: String| draft.update(|d| set(d, value)))
    };
    let (name, set_name) = text(|d| d.name.clone(), |d, v| d.name = v);
    let (code, set_code) = text(|d| d.code.clone(), |d, v| d.code = v);
    let (contact, set_contact) =
        text(|d| d.contact_name.clone().unwrap_or_default(), |d, v| d.contact_name = Some(v));
    let (phone, set_phone) =
        text(|d| d.contact_phone.clone().unwrap_or_default(), |d, v| d.contact_phone = Some(v));
    let general = move || match outcome.get() {
        Some(Err(AppError::Invalid(_))) | None | Some(Ok(_)) => None,
        Some(Err(e)) => Some(e.to_string()),
    };
    view! {
        <div class="form unit-form">
            <h2>{if start.id.is_some() { "Sửa đơn vị" } else { "Thêm đơn vị" }}</h2>
            {move || general().map(|g| view! { <p class="form-error" role="alert">{g}</p> })}
            <label for="u-name">"Tên đơn vị"</label>
            <input id="u-name" prop:value=name on:input:target=move |ev| set_name(ev.target().value())/>
            <p class="field-error">{move || field("name")}</p>
            <label for="u-code">"Mã đơn vị"</label>
            <input id="u-code" prop:value=code on:input:target=move |ev| set_code(ev.target().value())/>
            <p class="field-error">{move || field("code")}</p>
            <label for="u-parent">"Đơn vị cấp trên"</label>
            <select id="u-parent" on:change:target=move |ev| draft.update(|d| d.parent_id = ev.target().value().parse().ok())>
                <option value="" selected=start.parent_id.is_none()>"— Không (cấp cao nhất) —"</option>
                {choices.into_iter().map(|(id, label)| view! {
                    <option value=id.to_string() selected=start.parent_id == Some(id)>{label}</option>
                }).collect_view()}
            </select>
            <p class="field-error">{move || field("parent_id")}</p>
            <label for="u-kind">"Loại"</label>
            <select id="u-kind" on:change:target=move |ev| draft.update(|d| d.kind = ev.target().value())>
                {KINDS.into_iter().map(|(v, l)| view! { <option value=v selected=start.kind == v>{l}</option> }).collect_view()}
            </select>
            <label for="u-headcount">"Biên chế (số người cần tham gia)"</label>
            <input id="u-headcount" type="number" min="0" prop:value=move || draft.with(|d| d.headcount.to_string())
                on:input:target=move |ev| draft.update(|d| d.headcount = ev.target().value().trim().parse().unwrap_or(-1))/>
            <p class="field-error">{move || field("headcount")}</p>
            <label for="u-contact">"Người liên hệ"</label>
            <input id="u-contact" prop:value=contact on:input:target=move |ev| set_contact(ev.target().value())/>
            <label for="u-phone">"Điện thoại liên hệ"</label>
            <input id="u-phone" prop:value=phone on:input:target=move |ev| set_phone(ev.target().value())/>
            <div class="actions">
                <button type="button" class="primary" on:click=save>"Lưu đơn vị"</button>
                <button type="button" on:click=move |_| editing.set(None)>"Hủy"</button>
            </div>
        </div>
    }
}
