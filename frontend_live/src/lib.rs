//! The browser entry point of the pages without a form (`/pkg/contest-live.*`:
//! home, contest, statistics, result): the same islands hydration as the
//! other bundles, but the app is built with `islands-live`, so the bundle
//! exports the countdowns and the live counters and nothing else. Built by
//! the Makefile after `cargo leptos build`; which page loads which bundle is
//! `app::bundle`.
#![recursion_limit = "256"]

extern crate app;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    app::bundle::hydrate_islands();
}
