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

/// The nonce of the first inline script of a page, `<script … nonce="X"`.
pub fn nonce_in_page(html: &str) -> Option<&str> {
    let at = html.find(" nonce=\"")? + " nonce=\"".len();
    let rest = html.get(at..)?;
    rest.get(..rest.find('"')?)
}

/// A policy allowing exactly the inline scripts of `page`, by their SHA-256:
/// for a page whose scripts carry no nonce.
pub fn hashed_policy(page: &str) -> Option<HeaderValue> {
    use base64::Engine as _;
    use sha2::Digest as _;
    let mut hashes = Vec::new();
    let mut rest = page;
    while let Some(at) = rest.find("<script") {
        let tag_end = rest[at..].find('>')? + at;
        let tag = &rest[at..tag_end];
        let close = rest[tag_end..].find("</script>")? + tag_end;
        if !tag.contains(" src=") {
            let body = &rest[tag_end + 1..close];
            let digest = sha2::Sha256::digest(body.as_bytes());
            hashes.push(format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest)));
        }
        rest = &rest[close + "</script>".len()..];
    }
    if hashes.is_empty() {
        return None;
    }
    HeaderValue::from_str(&content_security_policy(&hashes.join(" "))).ok()
}

/// Pages carry their policy from [`provide_page_policy`]. Now and then (seen
/// only on `/thong-ke`, in a browser, about one load in fifty; not yet
/// explained) a page came without it: the strict default then blocked its
/// inline scripts and the page never came alive. Such a page is read here
/// and given the policy of the nonce it carries, so the header and the page
/// always agree. Pages with their policy pass untouched and unbuffered.
pub async fn page_policy_from_page(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::body::Body;
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    let is_page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if !is_page || response.headers().contains_key(header::CONTENT_SECURITY_POLICY) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // Pages are a few tens of kilobytes; anything far larger is not one of ours.
    let Ok(bytes) = axum::body::to_bytes(body, 8 * 1024 * 1024).await else {
        tracing::error!("a page without its security policy could not be read");
        return axum::response::Response::from_parts(parts, Body::empty());
    };
    let page = std::str::from_utf8(&bytes).unwrap_or_default();
    let value = nonce_in_page(page).and_then(page_policy).or_else(|| hashed_policy(page));
    if let Some(value) = value {
        tracing::warn!(path, status = %parts.status, "a page came without its security policy; it was made from the page itself");
        parts.headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    axum::response::Response::from_parts(parts, Body::from(bytes))
}

/// Sets the CSP of a page on the current leptos response, from the nonce
/// leptos_axum gives each rendered page. Called in the per-request context.
pub fn provide_page_policy() {
    // leptos gives server functions this same context, under an owner that
    // may be the child of a page rendering on the thread (site_files.rs):
    // the nonce found would be that page's. Server functions run no script.
    let server_function = leptos::prelude::use_context::<http::request::Parts>()
        .is_some_and(|parts| parts.uri.path().starts_with("/api/"));
    if server_function {
        return;
    }
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
        assert_eq!(
            nonce_in_page(r#"<link crossorigin="a"><script type="module" nonce="Ab-9_x">"#),
            Some("Ab-9_x")
        );
        assert_eq!(nonce_in_page("<p>no script</p>"), None);
        // The hash Chromium names for an inline `x()` script.
        let hashed = hashed_policy("<script>x()</script><script src=\"/a.js\"></script>").unwrap();
        let hashed = hashed.to_str().unwrap();
        assert!(hashed.contains("'sha256-D6IGS8VMvCoyaR/l0h9tERrBTATY01CoPS7l6xDv0kI='"), "{hashed}");
        assert_eq!(hashed.matches("'sha256-").count(), 1, "scripts with src need no hash: {hashed}");
        assert!(hashed_policy("<p>none</p>").is_none());
        assert_eq!(nonce_in_page(r#"<script nonce="unterminated"#), None);
    }
}
