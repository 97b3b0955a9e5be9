//! What the browser adds to the plain forms of the public and contestant
//! pages (registration, sign-in, profile, password reset, the start page,
//! the staff sign-in). Those forms are rendered by the server and posted by
//! the browser itself, with or without the wasm, so that they cost a phone no
//! code; once the forms' bundle runs, two things are added, by listeners on
//! the document (the forms are not islands, so nothing of theirs hydrates):
//!
//! - a link of the error summary moves the focus to its field, with its
//!   label in view (as [`super::ErrorSummary`] does in the dashboard);
//! - a form being sent says so: its submit button is disabled, so that a
//!   second tap on a slow network does not send it twice. A page restored
//!   from the back/forward cache gets its buttons back.
use leptos::wasm_bindgen::{closure::Closure, JsCast, JsValue};
use leptos::web_sys::{Event, HtmlButtonElement, HtmlFormElement, MouseEvent, NodeList, PageTransitionEvent};

/// Called once per page by the forms' bundle's entry point.
pub fn plain_forms() {
    let Some(window) = leptos::web_sys::window() else { return };
    let doc = leptos::prelude::document();
    let on_click = Closure::<dyn Fn(MouseEvent)>::new(|ev: MouseEvent| {
        if ev.default_prevented() || ev.button() != 0 {
            return;
        }
        let Some(link) = ev
            .target()
            .and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok())
            .and_then(|el| el.closest(".error-summary a[href^=\"#\"]").ok().flatten())
        else {
            return;
        };
        let target = link.get_attribute("href").unwrap_or_default();
        if super::error_summary::focus_field(target.trim_start_matches('#')) {
            ev.prevent_default();
        }
    });
    let on_submit = Closure::<dyn Fn(Event)>::new(|ev: Event| {
        if ev.default_prevented() {
            return;
        }
        let Some(form) = ev.target().and_then(|t| t.dyn_into::<HtmlFormElement>().ok()) else { return };
        let buttons: Vec<HtmlButtonElement> = submit_buttons(form.query_selector_all("button[type=submit]"));
        // After the event: the browser has taken the form's values by then.
        let later = Closure::once_into_js(move || buttons.iter().for_each(|b| b.set_disabled(true)));
        let _ = leptos::web_sys::window()
            .map(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(later.unchecked_ref(), 0));
    });
    let on_pageshow = Closure::<dyn Fn(PageTransitionEvent)>::new(|ev: PageTransitionEvent| {
        if !ev.persisted() {
            return;
        }
        let buttons =
            submit_buttons(leptos::prelude::document().query_selector_all("form button[type=submit]"));
        buttons.iter().for_each(|b| b.set_disabled(false));
    });
    let _ = doc.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    let _ = doc.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
    let _ = window.add_event_listener_with_callback("pageshow", on_pageshow.as_ref().unchecked_ref());
    // For the life of the page.
    on_click.forget();
    on_submit.forget();
    on_pageshow.forget();
}

/// The buttons a `query_selector_all` found.
fn submit_buttons(found: Result<NodeList, JsValue>) -> Vec<HtmlButtonElement> {
    let Ok(list) = found else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<HtmlButtonElement>().ok()).collect()
}
