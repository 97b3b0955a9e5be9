//! Registration and sign-in pages. Real forms: they work before (or without)
//! the wasm, and show each problem next to its field once hydrated.
use super::api::{
    my_profile, registration_options, search_units, LoginForm, Profile, ProfileForm, RegisterForm,
    RegistrationChoices,
};
use crate::error::AppError;
use crate::form::{
    field_error, problems_of, typed_values, ErrorSummary, FieldError, Typed, LOGIN_FORM, REGISTER_FORM,
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

/// `typed`: what the person typed before a post without JavaScript came back
/// with errors (with JavaScript the fields simply keep their values). An
/// island: the choices and what was typed are its props.
#[cfg_attr(not(any(feature = "islands-quiz", feature = "islands-live")), island)]
#[cfg_attr(any(feature = "islands-quiz", feature = "islands-live"), component)]
fn RegisterFormView(options: RegistrationChoices, typed: Typed) -> impl IntoView {
    let action = ServerAction::<RegisterForm>::new();
    let value = action.value();
    let err = move |field: &'static str| Signal::derive(field_error(move || value.get(), field));
    let problems = Signal::derive(move || value.with(|v| problems_of(v.as_ref(), &REGISTER_FIELDS, None)));
    let typed_unit = typed.get("unit_id");
    let typed_category = typed.get("category");
    let selected_unit = RwSignal::new(typed_unit.clone());
    let unit_list = NodeRef::<leptos::html::Select>::new();
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

            <UnitSearch selected=selected_unit list=unit_list/>
            <label for="unit_id">"Đơn vị"</label>
            <select id="unit_id" name="unit_id" required node_ref=unit_list prop:value=move || selected_unit.get()
                on:change:target=move |ev| selected_unit.set(ev.target().value())>
                <option value="">"— Chọn đơn vị —"</option>
                {options.units.into_iter().map(|u| {
                    let id = u.id.to_string();
                    let selected = id == typed_unit;
                    view! { <option value=id selected=selected>{u.path}</option> }
                }).collect_view()}
            </select>
            <FieldError message=err("unit_id") id="unit_id-error"/>

            <label for="password">"Mật khẩu (ít nhất 8 ký tự)"</label>
            <input id="password" name="password" type="password" autocomplete="new-password" required/>
            <FieldError message=err("password") id="password-error"/>

            <button type="submit" class="primary" disabled=move || action.pending().get()>"Đăng ký"</button>
        </ActionForm>
    }
}

/// A search box over the unit tree that ignores diacritics and case ("so noi vu"
/// finds "Sở Nội vụ"); picking a result selects it in the list below. Without
/// the wasm the list alone still works. `list` is that list: a pick moves the
/// focus there, since the button picked disappears with the results and the
/// keyboard would otherwise be left on nothing (WCAG 2.4.3).
#[component]
fn UnitSearch(selected: RwSignal<String>, list: NodeRef<leptos::html::Select>) -> impl IntoView {
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
                    view! {
                        <li>
                            <button type="button" class="link" on:click=move |_| {
                                selected.set(id.clone());
                                found.set(Vec::new());
                                latest.set(String::new());
                                if let Some(list) = list.get_untracked() {
                                    let _ = list.focus();
                                }
                            }>{unit.path}</button>
                        </li>
                    }
                }
            </For>
        </ul>
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

/// The sign-in form (an island): `round_id` is the round a "Vào thi" sent the
/// visitor here for, `phone` what was typed before a post without JavaScript
/// came back with errors.
#[cfg_attr(not(any(feature = "islands-quiz", feature = "islands-live")), island)]
#[cfg_attr(any(feature = "islands-quiz", feature = "islands-live"), component)]
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
            <button type="submit" class="primary" disabled=move || action.pending().get()>"Đăng nhập"</button>
        </ActionForm>
    }
}

/// The sign-in form's fields in page order: name on the wire, element id.
const LOGIN_FIELDS: [(&str, &str); 2] = [("phone", "login-phone"), ("password", "login-password")];

#[component]
fn PhoneInput(typed: String) -> impl IntoView {
    view! { <input id="login-phone" name="phone" type="tel" inputmode="tel" autocomplete="tel" required value=typed/> }
}

/// `/ho-so`: the contestant's own details.
#[component]
pub fn ProfilePage() -> impl IntoView {
    let profile = Resource::new(|| (), |_| my_profile());
    let choices = Resource::new(|| (), |_| registration_options());
    // After a password change the profile says so (`/ho-so?mat-khau=da-doi`).
    let changed = use_query_map().with_untracked(|q| q.get("mat-khau").is_some_and(|v| v == "da-doi"));
    view! {
        <Title text="Hồ sơ dự thi"/>
        <section class="card form-card">
            <h1>"Hồ sơ dự thi"</h1>
            <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
                {move || Suspend::new(async move {
                    match (profile.await, choices.await) {
                        (Ok(p), Ok(c)) => view! {
                            <ProfileFormView profile=p choices=c/>
                            <crate::account_recovery::PasswordChange changed=changed/>
                        }.into_any(),
                        (Err(AppError::Unauthenticated), _) => view! {
                            <p role="alert">"Bạn cần " <a href="/dang-nhap">"đăng nhập"</a> " để xem hồ sơ."</p>
                        }.into_any(),
                        (Err(e), _) | (_, Err(e)) => view! { <p role="alert">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// An island: the profile and the unit list are its props.
#[cfg_attr(not(any(feature = "islands-quiz", feature = "islands-live")), island)]
#[cfg_attr(any(feature = "islands-quiz", feature = "islands-live"), component)]
fn ProfileFormView(profile: Profile, choices: RegistrationChoices) -> impl IntoView {
    let action = ServerAction::<ProfileForm>::new();
    let value = action.value();
    let err = move |field: &'static str| {
        Signal::derive(field_error(move || value.get().map(|r| r.map(|_| ())), field))
    };
    let outcome = move || match value.get() {
        Some(Ok(_)) => Some("Đã lưu hồ sơ.".to_owned()),
        Some(Err(AppError::Invalid(_))) => Some("Vui lòng sửa các ô được đánh dấu.".to_owned()),
        Some(Err(e)) => Some(e.to_string()),
        None => None,
    };
    let locked = profile.locked;
    let unit = profile.unit_id.to_string();
    view! {
        <p>{format!("Số điện thoại: {}", profile.phone)}</p>
        {locked.then(|| view! {
            <p class="hint">"Họ tên, ngày sinh, đơn vị và số căn cước đã khóa sau lượt thi đầu tiên vì chúng dùng để xét giải. Liên hệ Ban Tổ chức nếu cần sửa."</p>
        })}
        <ActionForm action=action attr:class="form">
            <Show when=move || outcome().is_some()>
                <p class="form-error" role="status">{outcome}</p>
            </Show>
            <label for="p-full_name">"Họ và tên"</label>
            <input id="p-full_name" name="full_name" value=profile.full_name readonly=locked/>
            <FieldError message=err("full_name") id="p-full_name-error"/>
            <label for="p-birth_date">"Ngày sinh"</label>
            <input id="p-birth_date" name="birth_date" type="date" value=profile.birth_date readonly=locked/>
            <FieldError message=err("birth_date") id="p-birth_date-error"/>
            <label for="p-id_number">"Số căn cước công dân"</label>
            <input id="p-id_number" name="id_number" inputmode="numeric" value=profile.id_number.unwrap_or_default() readonly=locked/>
            <FieldError message=err("id_number") id="p-id_number-error"/>
            <label for="p-email">"Email"</label>
            <input id="p-email" name="email" type="email" value=profile.email.unwrap_or_default()/>
            <FieldError message=err("email") id="p-email-error"/>
            <label for="p-unit_id">"Đơn vị"</label>
            {if locked {
                view! {
                    <input type="hidden" name="unit_id" value=unit.clone()/>
                    <input id="p-unit_id" value=profile.unit_path readonly=true/>
                }.into_any()
            } else {
                view! {
                    <select id="p-unit_id" name="unit_id">
                        {choices.units.into_iter().map(|u| {
                            let id = u.id.to_string();
                            let selected = id == unit;
                            view! { <option value=id selected=selected>{u.path}</option> }
                        }).collect_view()}
                    </select>
                }.into_any()
            }}
            <FieldError message=err("unit_id") id="p-unit_id-error"/>
            <button type="submit" class="primary" disabled=move || action.pending().get()>"Lưu hồ sơ"</button>
        </ActionForm>
    }
}
