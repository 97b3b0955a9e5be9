//! The quiz page's first-tap saver: a small plain script (`first_tap.js`)
//! that saves each answer the moment it is clicked, long before the wasm
//! arrives on a slow mobile network, and hands over to the wasm when it
//! hydrates.
//!
//! On the server: the script is built into the binary and served at an
//! address carrying its content hash, cached for a year as immutable like the
//! bundle (so a second quiz costs nothing), and named in the head of quiz
//! pages only, before the bundle's scripts so that it runs first.
//!
//! In the browser: the wasm's side of the hand-over, through attributes on
//! the quiz form (see the head of `first_tap.js` for the script's side).

/// Set by the wasm when it takes over; the script then sends nothing new.
#[cfg(any(test, feature = "hydrate"))]
const HANDED_OVER: &str = "data-first-tap-handed-over";
/// How many saves the script has on the wire.
#[cfg(any(test, feature = "hydrate"))]
const SENDING: &str = "data-first-tap-sending";
/// What the server confirmed to the script, `question:option,…`.
#[cfg(any(test, feature = "hydrate"))]
const SAVED: &str = "data-first-tap-saved";

/// Whether `sending` (the form's [`SENDING`] attribute) says the script still
/// has a save on the wire: the wasm then waits, so that a newer choice never
/// overtakes the script's older one on the way to the server.
#[cfg(any(test, feature = "hydrate"))]
fn still_sending(sending: Option<&str>) -> bool {
    sending.and_then(|n| n.trim().parse::<u32>().ok()).is_some_and(|n| n > 0)
}

/// Stops the script and returns the answers (question → option) the server
/// confirmed to it, which the wasm counts as saved.
#[cfg(feature = "hydrate")]
pub fn take_over(form: &web_sys::HtmlFormElement) -> std::collections::BTreeMap<i32, i32> {
    let _ = form.set_attribute(HANDED_OVER, "");
    form.get_attribute(SAVED).map(|text| super::outbox::parse_pairs(&text)).unwrap_or_default()
}

/// Whether the script still has a save of its own on the wire.
#[cfg(feature = "hydrate")]
pub fn sending(form: &web_sys::HtmlFormElement) -> bool {
    still_sending(form.get_attribute(SENDING).as_deref())
}

#[cfg(feature = "ssr")]
mod serve {
    use axum::http::{header, HeaderValue};
    use leptos::prelude::*;
    use sha2::{Digest, Sha256};
    use std::sync::LazyLock;

    const SCRIPT: &str = include_str!("first_tap.js");
    /// A year as immutable, like the bundle: the address changes with the content.
    const IMMUTABLE: &str = "public, max-age=31536000, immutable";

    /// `/pkg/first-tap.<16 hex digits of its SHA-256>.js`.
    static ADDRESS: LazyLock<String> = LazyLock::new(|| {
        let digest = Sha256::digest(SCRIPT.as_bytes());
        format!("/pkg/first-tap.{}.js", hex::encode(&digest[..8]))
    });

    pub fn address() -> &'static str {
        &ADDRESS
    }

    /// The script's route. The compression layer sends it as brotli or gzip.
    pub fn routes<S: Clone + Send + Sync + 'static>() -> axum::Router<S> {
        axum::Router::new().route(
            address(),
            axum::routing::get(|| async {
                (
                    [
                        (header::CONTENT_TYPE, HeaderValue::from_static("text/javascript; charset=utf-8")),
                        (header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE)),
                    ],
                    SCRIPT,
                )
            }),
        )
    }

    /// The `<script>` for the document's head, on quiz pages only (the shell
    /// knows which page it renders: `crate::bundle`). `defer` keeps it in
    /// document order ahead of the bundle's module script.
    pub fn tag(on_quiz: bool) -> impl IntoView {
        on_quiz.then(|| view! { <script src=address() defer=true fetchpriority="high"></script> })
    }
}

#[cfg(feature = "ssr")]
pub use serve::{address, routes, tag};

/// Outside the server nothing is added: the head is rendered there only.
#[cfg(not(feature = "ssr"))]
pub fn tag(_on_quiz: bool) -> impl leptos::prelude::IntoView {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wasm_waits_while_the_script_has_a_save_on_the_wire() {
        assert!(still_sending(Some("1")));
        assert!(still_sending(Some("3")));
        assert!(!still_sending(Some("0")));
        // No script on the page (or a damaged count): nothing to wait for.
        assert!(!still_sending(None));
        assert!(!still_sending(Some("")));
        assert!(!still_sending(Some("-1")));
    }

    #[test]
    fn the_attributes_are_the_ones_the_script_reads_and_writes() {
        let script = include_str!("first_tap.js");
        for name in [HANDED_OVER, SENDING, SAVED] {
            assert!(script.contains(&format!("'{name}'")), "{name} is not in first_tap.js");
        }
        // The same outbox keys and endpoints as outbox.rs.
        for used in
            ["'cho-gui-'", "'du-doan-cho-gui-'", "'/api/attempts/answer'", "'/api/attempts/prediction'"]
        {
            assert!(script.contains(used), "{used}");
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn only_quiz_pages_load_it_and_its_address_follows_its_content() {
        use crate::bundle::is_quiz_path;
        assert!(is_quiz_path("/bai-thi/31"));
        assert!(!is_quiz_path("/bai-thi/"));
        assert!(!is_quiz_path("/ket-qua/31"));
        assert!(!is_quiz_path("/"));
        let address = address();
        let hash = address.strip_prefix("/pkg/first-tap.").and_then(|a| a.strip_suffix(".js")).unwrap();
        assert_eq!(hash.len(), 16);
        assert!(hash.chars().all(|c| c.is_ascii_hexdigit()));
    }
}
