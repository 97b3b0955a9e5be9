//! The browser entry point of the public and contestant pages but the quiz:
//! the server renders each page, and only its islands (`#[island]`: the live
//! counters, the countdowns, the unit search) hydrate; the forms themselves
//! are plain HTML (`app::form::enhance`). The quiz page has its own
//! bundle (frontend_quiz), the dashboard too (frontend_admin); which page
//! loads which is `app::bundle`.
#![recursion_limit = "256"]

// Links the app crate: its islands' `#[wasm_bindgen]` exports are what the
// island script calls, and rustc links (so exports from) only what is named.
extern crate app;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    app::bundle::hydrate_islands();
}
