//! Security headers on every answer.
//!
//! The Content-Security-Policy allows only this site's own files, and the
//! wasm they load:
//! - `default-src 'self'`: fonts, manifests and anything not named below.
//! - `script-src 'self' 'wasm-unsafe-eval' 'nonce-…'`: `/pkg/contest.js`; the
//!   compiling of `/pkg/contest_bg.wasm` (WebAssembly needs `wasm-unsafe-eval`,
//!   which allows no JavaScript `eval`); and Leptos's inline scripts (the one
//!   that imports the wasm, the resource data and streamed fragments), which
//!   carry the page's per-response nonce. Pages only: other answers run no script.
//! - `style-src 'self'`: `/pkg/contest.css`. `style-src-attr 'unsafe-inline'`:
//!   a few `style="padding-left: …"`/`width: …` attributes (unit tree indents,
//!   chart bars); style attributes cannot run script.
//! - `img-src 'self' data:`: the favicon and inline SVG/data images.
//! - `connect-src 'self'`: server functions and the wasm fetch.
//! - `frame-ancestors 'none'` (and `X-Frame-Options: DENY` for old browsers):
//!   no framing, so no click-jacking of the quiz.
//! - `base-uri 'self'`, `form-action 'self'`, `object-src 'none'`.
use axum::http::HeaderValue;
use http::header;
use tower_http::set_header::SetResponseHeaderLayer;

/// The policy, with `script_extra` (a nonce source or nothing) added to `script-src`.
pub fn content_security_policy(script_extra: &str) -> String {
    let script = if script_extra.is_empty() {
        "script-src 'self' 'wasm-unsafe-eval'".to_owned()
    } else {
        format!("script-src 'self' 'wasm-unsafe-eval' {script_extra}")
    };
    [
        "default-src 'self'",
        &script,
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    .join("; ")
}

/// The page's policy, allowing the inline scripts that carry `nonce`.
pub fn page_policy(nonce: &str) -> Option<HeaderValue> {
    // The nonce is URL-safe base64 from leptos; refuse anything else rather than
    // let a quote into the header.
    if nonce.is_empty() || !nonce.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return None;
    }
    HeaderValue::from_str(&content_security_policy(&format!("'nonce-{nonce}'"))).ok()
}

/// Sets the CSP of a page on the current leptos response, from the nonce
/// leptos_axum gives each rendered page. Called in the per-request context.
pub fn provide_page_policy() {
    let nonce = leptos::nonce::use_nonce();
    let response = leptos::prelude::use_context::<leptos_axum::ResponseOptions>();
    if let (Some(nonce), Some(response)) = (nonce, response) {
        if let Some(value) = page_policy(&nonce) {
            response.insert_header(header::CONTENT_SECURITY_POLICY, value);
        }
    }
}

/// The layers that set the headers: the policy only where a page has not set
/// its own (with a nonce), the rest always.
pub fn layers() -> (
    SetResponseHeaderLayer<HeaderValue>,
    SetResponseHeaderLayer<HeaderValue>,
    SetResponseHeaderLayer<HeaderValue>,
    SetResponseHeaderLayer<HeaderValue>,
) {
    let csp = HeaderValue::from_str(&content_security_policy("")).unwrap_or(HeaderValue::from_static(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; frame-ancestors 'none'",
    ));
    (
        SetResponseHeaderLayer::if_not_present(header::CONTENT_SECURITY_POLICY, csp),
        SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ),
        SetResponseHeaderLayer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_names_every_directive_once() {
        let csp = content_security_policy("");
        assert_eq!(
            csp,
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
             style-src-attr 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
             frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
        );
        assert!(!csp.contains("unsafe-eval'") || csp.contains("wasm-unsafe-eval"));
        let page = page_policy("AbC-d_9").unwrap();
        assert!(page.to_str().unwrap().contains("script-src 'self' 'wasm-unsafe-eval' 'nonce-AbC-d_9';"));
        assert!(page_policy("x'; script-src *").is_none());
        assert!(page_policy("").is_none());
    }
}
