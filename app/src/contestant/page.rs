//! Registration, sign-in and profile pages. Plain forms the browser posts
//! itself: a failed one comes back from the server with each problem next to
//! its field and what was typed. Only the unit search is an island.
use super::api::{
    my_profile, registration_options, search_units, LoginForm, Profile, ProfileForm, RegisterForm,
    RegistrationChoices,
};
use crate::error::AppError;
use crate::form::{
    field_error, problems_of, typed_values, ErrorSummary, FieldError, Typed, LOGIN_FORM, PROFILE_FORM,
    REGISTER_FORM,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/dang-ky`
#[component]
pub fn RegisterPage() -> impl IntoView {
    let options = Resource::new(|| (), |_| registration_options());
    // What was typed, when the form posted without JavaScript came back with errors.
    let typed = Resource::new(|| (), |_| typed_values(REGISTER_FORM.to_owned()));
    view! {
        <Title text="Đăng ký dự thi"/>
        <section class="card form-card">
            <h1>"Đăng ký dự thi"</h1>
            <super::SignedInNotice/>
            <p class="hint">"Thông tin phải đúng với căn cước công dân để nhận giải. Mỗi số điện thoại chỉ đăng ký một lần."</p>
            <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
                {move || Suspend::new(async move {
                    match (options.await, typed.await) {
                        (Ok(options), typed) => {
                            view! { <RegisterFormView options=options typed=typed.unwrap_or_default()/> }.into_any()
                        }
                        (Err(err), _) => view! { <p role="alert">{err.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
            <p>"Đã có tài khoản? " <a href="/dang-nhap">"Đăng nhập"</a></p>
        </section>
    }
}

/// The registration form's fields in page order: name on the wire, element id.
const REGISTER_FIELDS: [(&str, &str); 8] = [
    ("full_name", "full_name"),
    ("birth_date", "birth_date"),
    ("phone", "phone"),
    ("id_number", "id_number"),
    ("email", "email"),
    ("category", "category"),
    ("unit_id", "unit_id"),
    ("password", "password"),
];

/// `typed`: what the person typed before the post came back with errors. A
/// plain server-rendered form, posted by the browser itself with or without
/// the wasm: the server answers with the next page, or with this one again,
/// its errors and what was typed (`form::back_to_form`). Only the unit search
/// is an island.
#[component]
fn RegisterFormView(options: RegistrationChoices, typed: Typed) -> impl IntoView {
    let action = ServerAction::<RegisterForm>::new();
    let value = action.value();
    let err = move |field: &'static str| Signal::derive(field_error(move || value.get(), field));
    let problems = Signal::derive(move || value.with(|v| problems_of(v.as_ref(), &REGISTER_FIELDS, None)));
    let typed_unit = typed.get("unit_id");
    let typed_category = typed.get("category");
    let id_label = if options.id_number_required {
        "Số căn cước công dân"
    } else {
        "Số căn cước công dân (không bắt buộc)"
    };

    view! {
        <ActionForm action=action attr:class="form" attr:novalidate=true>
            <ErrorSummary problems=problems/>
            <label for="full_name">"Họ và tên"</label>
            <input id="full_name" name="full_name" autocomplete="name" required value=typed.get("full_name")/>
            <FieldError message=err("full_name") id="full_name-error"/>

            <label for="birth_date">"Ngày sinh"</label>
            <input id="birth_date" name="birth_date" type="date" required value=typed.get("birth_date")/>
            <FieldError message=err("birth_date") id="birth_date-error"/>

            <label for="phone">"Số điện thoại"</label>
            <input id="phone" name="phone" type="tel" inputmode="tel" autocomplete="tel" placeholder="0912 345 678" required value=typed.get("phone")/>
            <FieldError message=err("phone") id="phone-error"/>

            <label for="id_number">{id_label}</label>
            <input id="id_number" name="id_number" inputmode="numeric" maxlength="15" value=typed.get("id_number")/>
            <FieldError message=err("id_number") id="id_number-error"/>

            <label for="email">"Email (không bắt buộc)"</label>
            <input id="email" name="email" type="email" autocomplete="email" value=typed.get("email")/>
            <FieldError message=err("email") id="email-error"/>

            <label for="category">"Đối tượng dự thi"</label>
            <select id="category" name="category" required>
                {options.categories.into_iter().map(|c| {
                    let selected = c.code == typed_category;
                    view! { <option value=c.code selected=selected>{c.name}</option> }
                }).collect_view()}
            </select>
            <FieldError message=err("category") id="category-error"/>

            <UnitSearch list_id="unit_id".to_owned()/>
            <label for="unit_id">"Đơn vị"</label>
            <UnitList id="unit_id" units=options.units chosen=typed_unit required=true/>
            <FieldError message=err("unit_id") id="unit_id-error"/>

            <label for="password">"Mật khẩu (ít nhất 8 ký tự)"</label>
            <input id="password" name="password" type="password" autocomplete="new-password" required/>
            <FieldError message=err("password") id="password-error"/>

            <button type="submit" class="primary">"Đăng ký"</button>
        </ActionForm>
    }
}

/// The unit list of the registration and profile forms (`unit_id` on the
/// wire), with `chosen` selected.
#[component]
fn UnitList(
    id: &'static str,
    units: Vec<super::api::UnitMatch>,
    chosen: String,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    view! {
        <select id=id name="unit_id" required=required>
            {required.then(|| view! { <option value="">"— Chọn đơn vị —"</option> })}
            {units.into_iter().map(|u| {
                let value = u.id.to_string();
                let selected = value == chosen;
                view! { <option value=value selected=selected>{u.path}</option> }
            }).collect_view()}
        </select>
    }
}

/// A search box over the unit tree that ignores diacritics and case ("so noi vu"
/// finds "Sở Nội vụ"); picking a result selects it in the list `list_id`
/// below. Without the wasm the list alone still works. A pick moves the focus to the list, since the button picked
/// disappears with the results and the keyboard would otherwise be left on
/// nothing (WCAG 2.4.3). An island, in the forms' bundle only.
#[cfg_attr(not(any(feature = "islands-quiz", feature = "islands-live")), island)]
#[cfg_attr(any(feature = "islands-quiz", feature = "islands-live"), component)]
fn UnitSearch(list_id: String) -> impl IntoView {
    // Filled only in the browser, on typing: empty on the server and at
    // hydration alike, so the two always match.
    let found = RwSignal::new(Vec::<super::api::UnitMatch>::new());
    let latest = RwSignal::new(String::new());
    let on_input = move |text: String| {
        latest.set(text.clone());
        if text.trim().chars().count() < 2 {
            found.set(Vec::new());
            return;
        }
        leptos::task::spawn_local(async move {
            let result = search_units(Some(text.clone())).await;
            // Answers can arrive out of order; keep only the one for what is typed now.
            if latest.get_untracked() == text {
                found.set(result.unwrap_or_default());
            }
        });
    };
    view! {
        <label for="unit-search">"Tìm đơn vị (gõ có dấu hoặc không dấu)"</label>
        <input id="unit-search" type="search" autocomplete="off" placeholder="Ví dụ: so noi vu, dong dang"
            prop:value=move || latest.get()
            on:input:target=move |ev| on_input(ev.target().value())/>
        <ul class="unit-results" aria-label="Kết quả tìm đơn vị" hidden=move || found.with(Vec::is_empty)>
            <For each=move || found.get().into_iter().take(10) key=|u| u.id let:unit>
                {
                    let id = unit.id.to_string();
                    let list_id = list_id.clone();
                    view! {
                        <li>
                            <button type="button" class="link" on:click=move |_| {
                                pick_unit(&list_id, &id);
                                found.set(Vec::new());
                                latest.set(String::new());
                            }>{unit.path}</button>
                        </li>
                    }
                }
            </For>
        </ul>
    }
}

/// Selects unit `id` in the list `list_id` (plain HTML, outside the island)
/// and moves the focus there.
#[allow(unused_variables)]
fn pick_unit(list_id: &str, id: &str) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        let list = document()
            .get_element_by_id(list_id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok());
        if let Some(list) = list {
            list.set_value(id);
            let _ = list.focus();
        }
    }
}

/// `/dang-nhap[?vong=ROUND_ID]`
#[component]
pub fn LoginPage() -> impl IntoView {
    // Read on the server, which renders this page; the form island gets them as props.
    let query = use_query_map();
    let round_id = query.with_untracked(|q| q.get("vong").unwrap_or_default());
    let new_password = query.with_untracked(|q| q.get("mat-khau-moi").is_some());
    // The phone typed before a post without JavaScript came back with errors.
    let typed = Resource::new(|| (), |_| typed_values(LOGIN_FORM.to_owned()));
    view! {
        <Title text="Đăng nhập"/>
        <section class="card form-card">
            <h1>"Đăng nhập"</h1>
            // "Vui lòng đăng nhập để vào thi Tuần 2." when sent here by a round's "Vào thi".
            <crate::attempt::SignInReason/>
            <super::SignedInNotice/>
            {new_password.then(|| view! {
                <p class="notice" role="status">"Đã đặt mật khẩu mới. Vui lòng đăng nhập bằng mật khẩu mới."</p>
            })}
            <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
                {move || {
                    let round_id = round_id.clone();
                    Suspend::new(async move {
                        let phone = typed.await.map(|t| t.get("phone")).unwrap_or_default();
                        view! { <SignInForm round_id=round_id phone=phone/> }
                    })
                }}
            </Suspense>
            <p><a href="/quen-mat-khau">"Quên mật khẩu?"</a></p>
            <p>"Chưa có tài khoản? " <a href="/dang-ky">"Đăng ký dự thi"</a></p>
        </section>
    }
}

/// The sign-in form (plain HTML, posted by the browser): `round_id` is the
/// round a "Vào thi" sent the visitor here for, `phone` what was typed before
/// the post came back with errors.
#[component]
fn SignInForm(round_id: String, phone: String) -> impl IntoView {
    let action = ServerAction::<LoginForm>::new();
    // A wrong pair is fixed from the first field.
    let problems = Signal::derive(move || {
        action.value().with(|v| problems_of(v.as_ref(), &LOGIN_FIELDS, Some("login-phone")))
    });
    view! {
        // novalidate: the server's messages, in the summary, instead of the browser's bubbles.
        <ActionForm action=action attr:class="form" attr:novalidate=true>
            <ErrorSummary problems=problems/>
            <input type="hidden" name="round_id" value=round_id/>
            <label for="login-phone">"Số điện thoại"</label>
            <PhoneInput typed=phone/>
            <label for="login-password">"Mật khẩu"</label>
            <input id="login-password" name="password" type="password" autocomplete="current-password" required/>
            <button type="submit" class="primary">"Đăng nhập"</button>
        </ActionForm>
    }
}

/// The sign-in form's fields in page order: name on the wire, element id.
const LOGIN_FIELDS: [(&str, &str); 2] = [("phone", "login-phone"), ("password", "login-password")];

#[component]
fn PhoneInput(typed: String) -> impl IntoView {
    view! { <input id="login-phone" name="phone" type="tel" inputmode="tel" autocomplete="tel" required value=typed/> }
}

/// `/ho-so[?da-luu=1][?mat-khau=da-doi]`: the contestant's own details.
#[component]
pub fn ProfilePage() -> impl IntoView {
    let profile = Resource::new(|| (), |_| my_profile());
    let choices = Resource::new(|| (), |_| registration_options());
    // What was typed, when a save came back with errors.
    let typed = Resource::new(|| (), |_| typed_values(PROFILE_FORM.to_owned()));
    let query = use_query_map();
    // After a save the profile says so (`PROFILE_SAVED_PATH`), after a password change too.
    let saved = query.with_untracked(|q| q.get("da-luu").is_some());
    let changed = query.with_untracked(|q| q.get("mat-khau").is_some_and(|v| v == "da-doi"));
    view! {
        <Title text="Hồ sơ dự thi"/>
        <section class="card form-card">
            <h1>"Hồ sơ dự thi"</h1>
            <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
                {move || Suspend::new(async move {
                    match (profile.await, choices.await, typed.await) {
                        (Ok(p), Ok(c), typed) => view! {
                            <ProfileFormView profile=p choices=c typed=typed.unwrap_or_default() saved=saved/>
                            <crate::account_recovery::PasswordChange changed=changed/>
                        }.into_any(),
                        (Err(AppError::Unauthenticated), _, _) => view! {
                            <p role="alert">"Bạn cần " <a href="/dang-nhap">"đăng nhập"</a> " để xem hồ sơ."</p>
                        }.into_any(),
                        (Err(e), _, _) | (_, Err(e), _) => view! { <p role="alert">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// A plain form, posted by the browser. `typed` (what was typed before the
/// save came back with errors) wins over the saved `profile`; `saved` says
/// the last save went through.
#[component]
fn ProfileFormView(
    profile: Profile,
    choices: RegistrationChoices,
    typed: Typed,
    saved: bool,
) -> impl IntoView {
    let action = ServerAction::<ProfileForm>::new();
    let value = action.value();
    let err = move |field: &'static str| {
        Signal::derive(field_error(move || value.get().map(|r| r.map(|_| ())), field))
    };
    let failed = move || match value.get() {
        Some(Err(AppError::Invalid(_))) => Some("Vui lòng sửa các ô được đánh dấu.".to_owned()),
        Some(Err(e)) => Some(e.to_string()),
        _ => None,
    };
    let locked = profile.locked;
    // After a failed save the form shows what was typed; a locked field is
    // read-only, so what was sent for it is what was saved.
    let kept = !typed.0.is_empty();
    let shown = |field: &str, saved: String, editable: bool| {
        if kept && editable {
            typed.get(field)
        } else {
            saved
        }
    };
    let full_name = shown("full_name", profile.full_name, !locked);
    let birth_date = shown("birth_date", profile.birth_date, !locked);
    let id_number = shown("id_number", profile.id_number.unwrap_or_default(), !locked);
    let email = shown("email", profile.email.unwrap_or_default(), true);
    let unit = shown("unit_id", profile.unit_id.to_string(), !locked);
    view! {
        <p>{format!("Số điện thoại: {}", profile.phone)}</p>
        {locked.then(|| view! {
            <p class="hint">"Họ tên, ngày sinh, đơn vị và số căn cước đã khóa sau lượt thi đầu tiên vì chúng dùng để xét giải. Liên hệ Ban Tổ chức nếu cần sửa."</p>
        })}
        // novalidate: the server's messages, next to each field, instead of the browser's bubbles.
        <ActionForm action=action attr:class="form" attr:novalidate=true>
            {(saved && value.with_untracked(Option::is_none)).then(|| view! {
                <p class="notice" role="status">"Đã lưu hồ sơ."</p>
            })}
            <Show when=move || failed().is_some()>
                <p class="form-error" role="alert">{failed}</p>
            </Show>
            <label for="p-full_name">"Họ và tên"</label>
            <input id="p-full_name" name="full_name" value=full_name readonly=locked/>
            <FieldError message=err("full_name") id="p-full_name-error"/>
            <label for="p-birth_date">"Ngày sinh"</label>
            <input id="p-birth_date" name="birth_date" type="date" value=birth_date readonly=locked/>
            <FieldError message=err("birth_date") id="p-birth_date-error"/>
            <label for="p-id_number">"Số căn cước công dân"</label>
            <input id="p-id_number" name="id_number" inputmode="numeric" value=id_number readonly=locked/>
            <FieldError message=err("id_number") id="p-id_number-error"/>
            <label for="p-email">"Email"</label>
            <input id="p-email" name="email" type="email" value=email/>
            <FieldError message=err("email") id="p-email-error"/>
            {if locked {
                view! {
                    <label for="p-unit_id">"Đơn vị"</label>
                    <input type="hidden" name="unit_id" value=unit/>
                    <input id="p-unit_id" value=profile.unit_path readonly=true/>
                }.into_any()
            } else {
                view! {
                    <UnitSearch list_id="p-unit_id".to_owned()/>
                    <label for="p-unit_id">"Đơn vị"</label>
                    <UnitList id="p-unit_id" units=choices.units chosen=unit/>
                }.into_any()
            }}
            <FieldError message=err("unit_id") id="p-unit_id-error"/>
            <button type="submit" class="primary">"Lưu hồ sơ"</button>
        </ActionForm>
    }
}
