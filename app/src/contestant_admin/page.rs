//! `/quan-tri/thi-sinh` (search, duplicates) and `/quan-tri/thi-sinh/:id`
//! (attempts, lock, corrections).
use super::{
    admin_contestant, admin_contestants, admin_correct_contestant, admin_duplicate_contestants,
    admin_lock_contestant, ContestantDetail, ContestantRow,
};
use crate::error::AppError;
use crate::staff::admin_me;
use crate::ui::Refused;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn rows_table(rows: Vec<ContestantRow>) -> impl IntoView {
    view! {
        <table class="schedule">
            <thead><tr><th>"Họ tên"</th><th>"Ngày sinh"</th><th>"Điện thoại"</th><th>"Đơn vị"</th><th>"Lượt thi"</th></tr></thead>
            <tbody>
                {rows.into_iter().map(|r| view! {
                    <tr class:retired=r.locked>
                        <td><a href=format!("/quan-tri/thi-sinh/{}", r.id)>{r.full_name}</a>{r.locked.then_some(" (đã khóa)")}</td>
                        <td>{r.birth_date}</td>
                        <td>{r.phone}</td>
                        <td>{r.unit_name}</td>
                        <td>{r.attempts}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn ContestantListPage() -> impl IntoView {
    let query = use_query_map();
    let param = move |key: &str| query.read().get(key).filter(|v| !v.is_empty());
    let found = crate::ui::client_resource(
        move || (param("q"), param("don_vi"), param("trang")),
        |(q, unit, page)| {
            admin_contestants(q, unit.and_then(|u| u.parse().ok()), page.and_then(|p| p.parse().ok()))
        },
    );
    let units = crate::ui::client_resource(|| (), |_| crate::unit_admin::admin_units());
    let show_duplicates = RwSignal::new(false);
    let duplicates = crate::ui::client_resource(
        move || show_duplicates.get(),
        |on| async move {
            if on {
                admin_duplicate_contestants().await.map(Some)
            } else {
                Ok(None)
            }
        },
    );
    view! {
        <Title text="Thí sinh"/>
        <section class="card">
            <h1>"Thí sinh"</h1>
            <form method="get" action="/quan-tri/thi-sinh" class="filters" role="search">
                <input name="q" type="search" aria-label="Tìm thí sinh" placeholder="Họ tên (không cần dấu), số điện thoại hoặc số căn cước"
                    value=move || query.read_untracked().get("q").unwrap_or_default()/>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let chosen = query.read_untracked().get("don_vi").unwrap_or_default();
                        let list = units.await.unwrap_or_default();
                        view! {
                            <select name="don_vi" aria-label="Đơn vị">
                                <option value="">"Mọi đơn vị"</option>
                                {list.into_iter().map(|u| {
                                    let selected = u.id.to_string() == chosen;
                                    view! { <option value=u.id.to_string() selected=selected>{format!("{}{}", "— ".repeat(u.depth), u.name)}</option> }
                                }).collect_view()}
                            </select>
                        }
                    })}
                </Suspense>
                <button type="submit">"Tìm"</button>
            </form>
        </section>
        <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
            {move || Suspend::new(async move {
                match found.await {
                    Ok(page) => view! {
                        <section class="card">
                            <p class="hint">{format!("{} thí sinh · trang {}", page.total, page.page)}</p>
                            {rows_table(page.items)}
                        </section>
                    }.into_any(),
                    Err(error) => view! { <Refused error=error/> }.into_any(),
                }
            })}
        </Suspense>
        <section class="card">
            <h2>"Tài khoản nghi trùng"</h2>
            <button type="button" on:click=move |_| show_duplicates.set(true)>"Tìm tài khoản nghi trùng"</button>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match duplicates.await {
                        Ok(Some(groups)) if groups.is_empty() => view! { <p>"Không thấy tài khoản nghi trùng."</p> }.into_any(),
                        Ok(Some(groups)) => groups.into_iter().map(|g| view! {
                            <h3>{g.reason}</h3>
                            {rows_table(g.contestants)}
                        }).collect_view().into_any(),
                        Ok(None) => ().into_any(),
                        Err(e) => view! { <p class="form-error">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
pub fn ContestantDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0);
    let data = crate::ui::client_resource(id, |id| async move {
        Ok::<_, AppError>((admin_contestant(id).await?, admin_me().await?))
    });
    view! {
        <Title text="Thí sinh"/>
        <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((detail, me)) => view! { <Detail detail=detail edits=me.role.can_edit()/> }.into_any(),
                    Err(error) => view! { <Refused error=error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Detail(detail: ContestantDetail, edits: bool) -> impl IntoView {
    let id = detail.row.id;
    let locked = RwSignal::new(detail.row.locked);
    let full_name = RwSignal::new(detail.row.full_name.clone());
    let birth = RwSignal::new(detail.birth_date_iso.clone().unwrap_or_default());
    let id_number = RwSignal::new(detail.row.id_number.clone().unwrap_or_default());
    let unit_id = RwSignal::new(detail.row.unit_id.to_string());
    let reason = RwSignal::new(String::new());
    let outcome: crate::form::Outcome<()> = RwSignal::new(None);
    let field = move |name: &str| crate::form::field_message(outcome, name);
    let message = move || crate::form::banner(outcome, "Đã lưu.");
    let correct = move |_| {
        leptos::task::spawn_local(async move {
            let result = admin_correct_contestant(
                id,
                full_name.get_untracked(),
                birth.get_untracked(),
                Some(id_number.get_untracked()),
                unit_id.get_untracked().trim().parse().unwrap_or(0),
                reason.get_untracked(),
            )
            .await;
            outcome.set(Some(result.map(|_| ())));
        });
    };
    let toggle = move |_| {
        let on = !locked.get_untracked();
        leptos::task::spawn_local(async move {
            let result = admin_lock_contestant(id, on, reason.get_untracked()).await;
            if result.is_ok() {
                locked.set(on);
            }
            outcome.set(Some(result.map(|_| ())));
        });
    };
    let row = detail.row.clone();
    view! {
        <section class="card">
            <h1>{row.full_name.clone()}</h1>
            <p>{match &row.birth_date {
                Some(born) => format!("Ngày sinh {born} · {} · {}", row.phone, row.unit_name),
                None => format!("{} · {}", row.phone, row.unit_name),
            }}</p>
            <p class="hint">{format!("Đăng ký lúc {}", detail.registered_at)}
                {detail.registered_from.map(|a| format!(" từ địa chỉ {a}"))}
                {move || locked.get().then_some(" · Tài khoản đang bị khóa")}</p>
            <h2>"Lượt thi"</h2>
            <table class="schedule">
                <thead><tr><th>"Đợt thi"</th><th>"Lượt"</th><th>"Bắt đầu"</th><th>"Kết quả"</th><th>"Xét giải"</th></tr></thead>
                <tbody>
                    {detail.attempts.into_iter().map(|a| view! {
                        <tr>
                            <td>{a.round_title}</td>
                            <td>{a.sequence}</td>
                            <td>{a.started_at}</td>
                            <td>{match (a.submitted, a.correct) {
                                (true, Some(c)) => format!("{c}/{} câu đúng, {}", a.total, crate::format::duration(i64::from(a.duration_ms.unwrap_or(0)))),
                                _ => "Đang làm".to_owned(),
                            }}</td>
                            <td>{if a.eligible { "Có" } else { "Không" }}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        <ResetCode id=id/>
        // Organizers only: extra time is an accommodation unit contacts need not know of.
        {edits.then(|| view! { <crate::extra_time::ExtraTimeCard id=id/> })}
        <Show when=move || edits>
            <section class="card form-card wide">
                <h2>"Sửa thông tin, khóa tài khoản"</h2>
                <div class="form">
                    {move || message().map(|(class, text)| view! { <p class=class role="status">{text}</p> })}
                    <label for="ct-name">"Họ và tên"</label>
                    <input id="ct-name" prop:value=move || full_name.get() on:input:target=move |ev| full_name.set(ev.target().value())/>
                    <p class="field-error">{move || field("full_name")}</p>
                    <label for="ct-birth">"Ngày sinh"</label>
                    <input id="ct-birth" type="date" prop:value=move || birth.get() on:input:target=move |ev| birth.set(ev.target().value())/>
                    <p class="field-error">{move || field("birth_date")}</p>
                    <label for="ct-id">"Số căn cước"</label>
                    <input id="ct-id" prop:value=move || id_number.get() on:input:target=move |ev| id_number.set(ev.target().value())/>
                    <p class="field-error">{move || field("id_number")}</p>
                    <crate::form::UnitPicker id="ct-unit" label="Đơn vị" selected=unit_id chosen=row.unit_name.clone()/>
                    <p class="field-error">{move || field("unit_id")}</p>
                    <label for="ct-reason">"Lý do (ghi vào nhật ký)"</label>
                    <input id="ct-reason" prop:value=move || reason.get() on:input:target=move |ev| reason.set(ev.target().value())/>
                    <p class="field-error">{move || field("reason")}</p>
                    <div class="actions">
                        <button type="button" class="primary" on:click=correct>"Lưu thông tin"</button>
                        <button type="button" on:click=toggle>{move || if locked.get() { "Mở khóa tài khoản" } else { "Khóa tài khoản" }}</button>
                    </div>
                </div>
            </section>
        </Show>
    }
}

/// "Cấp mã đặt lại mật khẩu": for a contestant who cannot get back in and has
/// no e-mail. The code is shown here once (it is stored hashed), to be given
/// to the person, who sets a new password at `/dat-lai-mat-khau-bang-ma`.
#[component]
fn ResetCode(id: i32) -> impl IntoView {
    let issued: crate::form::Outcome<crate::account_recovery::IssuedCode> = RwSignal::new(None);
    let issue = move |_| {
        leptos::task::spawn_local(async move {
            issued.set(Some(super::admin_issue_reset_code(id).await));
        });
    };
    view! {
        <section class="card">
            <h2>"Mã đặt lại mật khẩu"</h2>
            <p class="hint">"Cho thí sinh quên mật khẩu mà không có email: mã dùng được một lần trong 24 giờ, cấp mã mới thì mã cũ hết hiệu lực. Việc cấp mã được ghi vào nhật ký thay đổi."</p>
            <button type="button" on:click=issue>"Cấp mã đặt lại mật khẩu"</button>
            {move || issued.get().map(|outcome| match outcome {
                Ok(code) => view! {
                    <div class="notice" role="status">
                        <p>"Mã đặt lại cho " {code.full_name} " (" {code.phone} "): "
                            <strong class="reset-code">{code.code}</strong></p>
                        <p>{format!("Hiệu lực đến {}. Thí sinh vào trang “Đặt lại mật khẩu bằng mã” (/dat-lai-mat-khau-bang-ma), nhập số điện thoại, mã này và mật khẩu mới.", code.expires_at)}</p>
                    </div>
                }.into_any(),
                Err(e) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
            })}
        </section>
    }
}
