//! The dashboard's browser entry point: hydrates the whole `App` the server
//! rendered, as every page did before islands. Only dashboard pages load it.
#![recursion_limit = "256"]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
