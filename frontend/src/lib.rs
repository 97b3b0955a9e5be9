//! The browser entry point of the contestant and public pages: the server
//! renders each page, and only its islands (`#[island]`: the quiz, the
//! countdown, the live counters, the forms) hydrate. Leptos's island script
//! calls `hydrate()` and then each island's own export, in page order; the
//! last island of every page (`app::HydratedMarker`) marks the page hydrated.
//! The dashboard has its own bundle (frontend_admin).
#![recursion_limit = "256"]

// Links the app crate, which `hydrate` never names: its islands'
// `#[wasm_bindgen]` exports are what the island script calls, and rustc does
// not link (so does not export from) a dependency the code never mentions.
extern crate app;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    provide_form_error();
}

/// A form posted before the page's code ran (or without it) that failed comes
/// back with its error in the address (`?__path=…&__err=…`, Leptos's own). The
/// server rendered the form's island with that error, so the island must
/// start from it too, or hydration would not match; with whole-page
/// hydration the router provided it, and islands have no router. Provided on
/// the root owner, which every island's owner descends from.
fn provide_form_error() {
    let Some(search) = web_sys::window().and_then(|w| w.location().search().ok()) else {
        return;
    };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return;
    };
    if let (Some(path), Some(err)) = (params.get("__path"), params.get("__err")) {
        leptos::prelude::provide_context(leptos::server::ServerActionError::new(&path, &err));
    }
}
