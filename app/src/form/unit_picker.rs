//! Choosing a unit by typing its name (with or without diacritics) instead of
//! its internal number: the dashboard's contestant and account forms. It asks
//! the same public search as registration (GET /api/units?q=) and keeps the
//! chosen unit's id in `selected` for the form to send.
use crate::contestant::{search_units, UnitMatch};
use leptos::prelude::*;

/// `selected` holds the chosen unit's id as text ("" for none); `chosen` names
/// the unit already on the record. `id` is the search box's id, for its label.
#[component]
pub fn UnitPicker(
    id: &'static str,
    label: &'static str,
    selected: RwSignal<String>,
    #[prop(into, default = String::new())] chosen: String,
) -> impl IntoView {
    let chosen = RwSignal::new(chosen);
    // Filled only in the browser, on typing: empty on the server and at
    // hydration alike, so the two always match.
    let found = RwSignal::new(Vec::<UnitMatch>::new());
    let typed = RwSignal::new(String::new());
    let on_input = move |text: String| {
        typed.set(text.clone());
        if text.trim().chars().count() < 2 {
            found.set(Vec::new());
            return;
        }
        leptos::task::spawn_local(async move {
            let result = search_units(Some(text.clone())).await;
            // Answers can arrive out of order; keep only the one for what is typed now.
            if typed.get_untracked() == text {
                found.set(result.unwrap_or_default());
            }
        });
    };
    view! {
        <label for=id>{label}</label>
        <p class="hint" aria-live="polite">
            {move || {
                let name = chosen.get();
                if name.is_empty() { "Chưa chọn đơn vị.".to_owned() } else { format!("Đã chọn: {name}") }
            }}
        </p>
        <input id=id type="search" autocomplete="off" placeholder="Gõ tên đơn vị, có dấu hoặc không dấu"
            prop:value=move || typed.get()
            on:input:target=move |ev| on_input(ev.target().value())/>
        <ul class="unit-results" aria-label="Kết quả tìm đơn vị" hidden=move || found.with(Vec::is_empty)>
            <For each=move || found.get().into_iter().take(10) key=|u| u.id let:unit>
                {
                    let unit_id = unit.id.to_string();
                    let path = unit.path.clone();
                    view! {
                        <li>
                            <button type="button" class="link" on:click=move |_| {
                                selected.set(unit_id.clone());
                                chosen.set(path.clone());
                                found.set(Vec::new());
                                typed.set(String::new());
                            }>{unit.path}</button>
                        </li>
                    }
                }
            </For>
        </ul>
    }
}
