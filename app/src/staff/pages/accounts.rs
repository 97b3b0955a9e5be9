//! `/quan-tri/tai-khoan` (admins): staff accounts, new accounts, switching
//! one off, signing one out everywhere.
use crate::staff::{
    admin_accounts, admin_create_account, admin_revoke_sessions, admin_set_account_active, Role, StaffAccount,
};
use crate::ui::Refused;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AccountsPage() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let accounts = crate::ui::client_resource(move || version.get(), |_| admin_accounts());
    view! {
        <Title text="Tài khoản quản trị"/>
        <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
            {move || Suspend::new(async move {
                match accounts.await {
                    Ok(list) => view! { <Accounts list=list version=version/> }.into_any(),
                    Err(error) => view! { <Refused error=error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Accounts(list: Vec<StaffAccount>, version: RwSignal<u32>) -> impl IntoView {
    let problem = RwSignal::new(None::<String>);
    let act = move |fut: std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<(), crate::error::AppError>>>,
    >| {
        leptos::task::spawn_local(async move {
            match fut.await {
                Ok(()) => version.update(|v| *v += 1),
                Err(e) => problem.set(Some(e.to_string())),
            }
        });
    };
    view! {
        <section class="card">
            <h1>"Tài khoản quản trị"</h1>
            {move || problem.get().map(|p| view! { <p class="form-error" role="alert">{p}</p> })}
            <table class="schedule">
                <thead><tr><th>"Email"</th><th>"Họ tên"</th><th>"Vai trò"</th><th>"Tạo lúc"</th><th></th></tr></thead>
                <tbody>
                    {list.into_iter().map(|a| {
                        let (id, active) = (a.id, a.active);
                        view! {
                            <tr class:retired=!a.active>
                                <td>{a.email}</td>
                                <td>{a.full_name}</td>
                                <td>{a.role.label()}</td>
                                <td>{a.created_at}</td>
                                <td class="row-actions">
                                    <button type="button" class="link-button" on:click=move |_| act(Box::pin(async move {
                                        admin_set_account_active(id, !active).await.map(|_| ())
                                    }))>{if active { "Khóa" } else { "Mở khóa" }}</button>
                                    <button type="button" class="link-button" on:click=move |_| act(Box::pin(async move {
                                        admin_revoke_sessions(id).await.map(|_| ())
                                    }))>"Đăng xuất mọi nơi"</button>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        <NewAccount version=version/>
    }
}

#[component]
fn NewAccount(version: RwSignal<u32>) -> impl IntoView {
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Organizer);
    let unit = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let outcome: crate::form::Outcome<()> = RwSignal::new(None);
    let field = move |f: &str| crate::form::field_message(outcome, f);
    let create = move |_| {
        leptos::task::spawn_local(async move {
            let result = admin_create_account(
                email.get_untracked(),
                name.get_untracked(),
                role.get_untracked(),
                unit.get_untracked().trim().parse().ok(),
                password.get_untracked(),
            )
            .await;
            if result.is_ok() {
                version.update(|v| *v += 1);
            }
            outcome.set(Some(result.map(|_| ())));
        });
    };
    view! {
        <section class="card form-card wide">
            <h2>"Tạo tài khoản"</h2>
            <div class="form">
                {move || crate::form::banner(outcome, "Đã tạo tài khoản.").map(|(class, text)| view! { <p class=class role="status">{text}</p> })}
                <label for="a-email">"Email"</label>
                <input id="a-email" type="email" prop:value=move || email.get() on:input:target=move |ev| email.set(ev.target().value())/>
                <p class="field-error">{move || field("email")}</p>
                <label for="a-name">"Họ và tên"</label>
                <input id="a-name" prop:value=move || name.get() on:input:target=move |ev| name.set(ev.target().value())/>
                <p class="field-error">{move || field("full_name")}</p>
                <label for="a-role">"Vai trò"</label>
                <select id="a-role" on:change:target=move |ev| role.set(Role::parse(&ev.target().value()).unwrap_or(Role::Organizer))>
                    {Role::ALL.into_iter().map(|r| view! { <option value=r.code() selected=r == Role::Organizer>{r.label()}</option> }).collect_view()}
                </select>
                <crate::form::UnitPicker id="a-unit" label="Đơn vị (chỉ với đầu mối đơn vị)" selected=unit/>
                <p class="field-error">{move || field("unit_id")}</p>
                <label for="a-password">"Mật khẩu ban đầu (ít nhất 10 ký tự)"</label>
                <input id="a-password" type="password" autocomplete="new-password" prop:value=move || password.get() on:input:target=move |ev| password.set(ev.target().value())/>
                <p class="field-error">{move || field("password")}</p>
                <div class="actions"><button type="button" class="primary" on:click=create>"Tạo tài khoản"</button></div>
            </div>
        </section>
    }
}
