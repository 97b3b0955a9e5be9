//! The quiz page's browser entry point (`/pkg/contest-quiz.*`): the same
//! islands hydration as the other pages' bundle (frontend), but the app is
//! built with `islands-quiz`, so the bundle exports the quiz's island and
//! nothing else: what a contestant on a slow phone network waits for before
//! the countdown and the autosave run. Built by the Makefile after
//! `cargo leptos build`; which page loads which bundle is `app::bundle`.
#![recursion_limit = "256"]

extern crate app;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    app::bundle::hydrate_islands();
}
