//! `/quan-tri/cuoc-thi/:id` (or `moi`): a contest's details, categories,
//! rules, rounds, exclusion list and publication.
use crate::contest_admin::{
    admin_add_exclusion, admin_contest, admin_publish_contest, admin_remove_exclusion, admin_save_contest,
    CategoryDraft, ContestDraft, ContestSetup,
};
use crate::error::AppError;
use crate::ui::Refused;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn ContestEditPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i32>().ok());
    let data = crate::ui::client_resource(id, |id| async move {
        match id {
            Some(id) => admin_contest(id).await.map(Some),
            // A new contest: still check the role before showing the form.
            None => crate::contest_admin::admin_contests().await.map(|_| None),
        }
    });
    view! {
        <Title text="Cuộc thi"/>
        <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(setup) => view! { <ContestForm setup=setup/> }.into_any(),
                    Err(error) => view! { <Refused error=error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A category being edited.
#[derive(Clone, Copy)]
struct CategoryRow {
    key: usize,
    name: RwSignal<String>,
    code: RwSignal<String>,
}

#[component]
fn ContestForm(setup: Option<ContestSetup>) -> impl IntoView {
    let draft = setup.as_ref().map(|s| s.contest.clone()).unwrap_or(ContestDraft {
        id: None,
        slug: String::new(),
        title: String::new(),
        organizer_name: String::new(),
        rules: String::new(),
        id_number_required: false,
        categories: vec![
            CategoryDraft {
                code: "civil_servant".into(),
                name: "Cán bộ, công chức, viên chức, người lao động".into(),
            },
            CategoryDraft { code: "citizen".into(), name: "Nhân dân".into() },
        ],
    });
    let id = draft.id;
    let title = RwSignal::new(draft.title.clone());
    let slug = RwSignal::new(draft.slug.clone());
    let organizer = RwSignal::new(draft.organizer_name.clone());
    let rules = RwSignal::new(draft.rules.clone());
    let id_required = RwSignal::new(draft.id_number_required);
    // One row per category: its name (what people see) and its code (files and API).
    let rows = RwSignal::new(
        draft
            .categories
            .iter()
            .enumerate()
            .map(|(key, c)| CategoryRow {
                key,
                name: RwSignal::new(c.name.clone()),
                code: RwSignal::new(c.code.clone()),
            })
            .collect::<Vec<_>>(),
    );
    let next_key = StoredValue::new(draft.categories.len());
    let published = RwSignal::new(setup.as_ref().is_some_and(|s| s.published));
    let outcome = RwSignal::new(None::<Result<&'static str, AppError>>);
    let navigate = use_navigate();
    let save = move |_| {
        let draft = ContestDraft {
            id,
            slug: slug.get_untracked(),
            title: title.get_untracked(),
            organizer_name: organizer.get_untracked(),
            rules: rules.get_untracked(),
            id_number_required: id_required.get_untracked(),
            categories: rows
                .get_untracked()
                .iter()
                .map(|r| CategoryDraft { code: r.code.get_untracked(), name: r.name.get_untracked() })
                .collect(),
        };
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match admin_save_contest(draft).await {
                Ok(saved) if id.is_none() => {
                    navigate(&format!("/quan-tri/cuoc-thi/{}", saved.id), Default::default())
                }
                Ok(_) => outcome.set(Some(Ok("Đã lưu cuộc thi."))),
                Err(e) => outcome.set(Some(Err(e))),
            }
        });
    };
    let toggle = move |_| {
        if let Some(id) = id {
            let on = !published.get_untracked();
            leptos::task::spawn_local(async move {
                match admin_publish_contest(id, on).await {
                    Ok(_) => {
                        published.set(on);
                        outcome.set(Some(Ok(if on {
                            "Đã công bố cuộc thi."
                        } else {
                            "Đã ngừng công bố cuộc thi."
                        })));
                    }
                    Err(e) => outcome.set(Some(Err(e))),
                }
            });
        }
    };
    let field = move |name: &str| crate::form::field_message(outcome, name);
    let message = move || match outcome.get() {
        Some(Ok(text)) => Some(("notice", text.to_owned())),
        Some(Err(AppError::Invalid(_))) => {
            Some(("form-error", "Vui lòng sửa các ô được đánh dấu.".to_owned()))
        }
        Some(Err(e)) => Some(("form-error", e.to_string())),
        None => None,
    };
    view! {
        <section class="card form-card wide">
            <h1>{if id.is_some() { "Sửa cuộc thi" } else { "Tạo cuộc thi" }}</h1>
            <div class="form">
                {move || message().map(|(class, text)| view! { <p class=class role="status">{text}</p> })}
                <label for="c-title">"Tên cuộc thi"</label>
                <input id="c-title" prop:value=move || title.get() on:input:target=move |ev| title.set(ev.target().value())/>
                <p class="field-error">{move || field("title")}</p>
                <label for="c-slug">"Địa chỉ rút gọn (trên đường dẫn /cuoc-thi/…)"</label>
                <input id="c-slug" prop:value=move || slug.get() on:input:target=move |ev| slug.set(ev.target().value())/>
                <p class="field-error">{move || field("slug")}</p>
                <label for="c-organizer">"Ban Tổ chức"</label>
                <input id="c-organizer" prop:value=move || organizer.get() on:input:target=move |ev| organizer.set(ev.target().value())/>
                <p class="field-error">{move || field("organizer_name")}</p>
                <label for="c-rules">"Thể lệ (có thể dùng thẻ HTML cơ bản: <p>, <b>, <i>, <ul>, <li>, <a>)"</label>
                <textarea id="c-rules" rows="8" prop:value=move || rules.get() on:input:target=move |ev| rules.set(ev.target().value())></textarea>
                <fieldset id="c-categories" class="category-rows">
                    <legend>"Đối tượng dự thi"</legend>
                    <p class="hint">"Tên là chữ thí sinh và bảng giải nhìn thấy. Mã (chữ thường không dấu, số, dấu gạch dưới, ví dụ nhan_dan) dùng trong tệp xuất và API; đặt một lần, đừng đổi khi đã có người đăng ký."</p>
                    <For each=move || rows.get() key=|r| r.key children=move |row: CategoryRow| {
                        let (name_id, code_id) = (format!("c-category-name-{}", row.key), format!("c-category-code-{}", row.key));
                        let (name_for, code_for) = (name_id.clone(), code_id.clone());
                        view! {
                            <div class="category-row">
                                <label for=name_for>"Tên đối tượng"</label>
                                <input id=name_id prop:value=move || row.name.get() on:input:target=move |ev| row.name.set(ev.target().value())/>
                                <label for=code_for>"Mã"</label>
                                <input id=code_id class="code" prop:value=move || row.code.get() on:input:target=move |ev| row.code.set(ev.target().value())/>
                                <button type="button" class="link-button" on:click=move |_| rows.update(|r| r.retain(|x| x.key != row.key))>
                                    "Xóa" <span class="visually-hidden">{move || format!(" đối tượng {}", row.name.get())}</span>
                                </button>
                            </div>
                        }
                    }/>
                    <div class="actions">
                        <button type="button" on:click=move |_| {
                            let key = next_key.get_value();
                            next_key.set_value(key + 1);
                            rows.update(|r| r.push(CategoryRow { key, name: RwSignal::new(String::new()), code: RwSignal::new(String::new()) }));
                        }>"Thêm đối tượng"</button>
                    </div>
                </fieldset>
                <p class="field-error">{move || field("categories")}</p>
                <label class="checkbox" for="c-id-required"><input type="checkbox" id="c-id-required" prop:checked=move || id_required.get()
                    on:change:target=move |ev| id_required.set(ev.target().checked())/>" Bắt buộc nhập số căn cước"</label>
                <div class="actions">
                    <button type="button" class="primary" on:click=save>"Lưu cuộc thi"</button>
                    {id.map(|_| view! {
                        <button type="button" on:click=toggle>{move || if published.get() { "Ngừng công bố" } else { "Công bố" }}</button>
                    })}
                </div>
            </div>
        </section>
        {setup.map(|s| view! { <Rounds setup=s.clone()/> <Exclusions setup=s/> })}
    }
}

#[component]
fn Rounds(setup: ContestSetup) -> impl IntoView {
    let contest_id = setup.contest.id.unwrap_or(0);
    view! {
        <section class="card">
            <div class="dash-title">
                <h2>"Đợt thi"</h2>
                <a class="button" href=format!("/quan-tri/dot-thi/moi?cuoc_thi={contest_id}")>"Thêm đợt thi"</a>
            </div>
            <table class="schedule">
                <thead><tr><th>"Đợt"</th><th>"Bắt đầu"</th><th>"Kết thúc"</th><th>"Câu hỏi"</th><th>"Lượt thi"</th></tr></thead>
                <tbody>
                    {setup.rounds.into_iter().map(|r| view! {
                        <tr>
                            <td><a href=format!("/quan-tri/dot-thi/{}", r.id)>{r.title}</a></td>
                            <td>{r.opens}</td>
                            <td>{r.closes}</td>
                            <td>{r.pool_size}</td>
                            <td>{r.attempts}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn Exclusions(setup: ContestSetup) -> impl IntoView {
    let contest_id = setup.contest.id.unwrap_or(0);
    let list = RwSignal::new(setup.exclusions);
    let phone = RwSignal::new(String::new());
    let id_number = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<AppError>);
    let add = move |_| {
        leptos::task::spawn_local(async move {
            let (p, i, r) = (phone.get_untracked(), id_number.get_untracked(), reason.get_untracked());
            match admin_add_exclusion(contest_id, Some(p.clone()), Some(i.clone()), r.clone()).await {
                Ok(saved) => {
                    list.update(|l| {
                        l.push(crate::contest_admin::ExclusionRow {
                            id: saved.id,
                            phone: Some(p).filter(|s| !s.trim().is_empty()),
                            id_number: Some(i).filter(|s| !s.trim().is_empty()),
                            reason: r,
                        })
                    });
                    phone.set(String::new());
                    id_number.set(String::new());
                    reason.set(String::new());
                    outcome.set(None);
                }
                Err(e) => outcome.set(Some(e)),
            }
        });
    };
    let problem = move || match outcome.get() {
        Some(AppError::Invalid(fields)) => Some(fields.into_values().collect::<Vec<_>>().join(" ")),
        Some(e) => Some(e.to_string()),
        None => None,
    };
    view! {
        <section class="card">
            <h2>"Danh sách không được dự thi"</h2>
            <p class="hint">"Thành viên Ban Tổ chức, Tổ Thư ký, Ban Đề thi: vẫn làm bài được nhưng không được xét giải."</p>
            <ul>
                {move || list.get().into_iter().map(|e| {
                    let id = e.id;
                    view! {
                        <li>
                            {e.phone.unwrap_or_default()} " " {e.id_number.unwrap_or_default()} " — " {e.reason} " "
                            <button type="button" class="link-button" on:click=move |_| {
                                leptos::task::spawn_local(async move {
                                    if admin_remove_exclusion(id).await.is_ok() {
                                        list.update(|l| l.retain(|x| x.id != id));
                                    }
                                });
                            }>"Xóa"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <div class="filters">
                <input placeholder="Số điện thoại" aria-label="Số điện thoại" prop:value=move || phone.get() on:input:target=move |ev| phone.set(ev.target().value())/>
                <input placeholder="Số căn cước" aria-label="Số căn cước" prop:value=move || id_number.get() on:input:target=move |ev| id_number.set(ev.target().value())/>
                <input placeholder="Lý do" aria-label="Lý do" prop:value=move || reason.get() on:input:target=move |ev| reason.set(ev.target().value())/>
                <button type="button" on:click=add>"Thêm"</button>
            </div>
            {move || problem().map(|p| view! { <p class="form-error" role="alert">{p}</p> })}
        </section>
    }
}
