//! Cross-site request refusal (CSRF defence in depth, besides the
//! SameSite=Lax cookie): a state-changing request that a browser says comes
//! from another site is answered 403 before it touches anything.
//!
//! Browsers send `Origin` on every cross-origin POST and `Sec-Fetch-Site` on
//! every request; a request with neither comes from a program (curl, the
//! provincial portal, load tests), which cannot ride a visitor's cookie, and
//! is let through.
use axum::{extract::Request, middleware::Next, response::Response};
use http::{header, Method, StatusCode};
use std::sync::Arc;

/// The origins the site is served from, besides the request's own `Host`
/// (configured with `PUBLIC_ORIGIN` when a proxy rewrites `Host`).
#[derive(Debug, Clone, Default)]
pub struct SiteOrigins(pub Arc<Vec<String>>);

impl SiteOrigins {
    /// From a comma-separated list such as `https://thi.langson.gov.vn`.
    pub fn parse(list: Option<&str>) -> Self {
        let origins = list
            .unwrap_or_default()
            .split(',')
            .map(|o| o.trim().trim_end_matches('/').to_ascii_lowercase())
            .filter(|o| !o.is_empty())
            .collect();
        SiteOrigins(Arc::new(origins))
    }
}

/// What a request says about where it comes from.
#[derive(Debug, Clone, Copy)]
pub struct Claims<'a> {
    pub method: &'a Method,
    pub origin: Option<&'a str>,
    pub fetch_site: Option<&'a str>,
    pub host: Option<&'a str>,
}

/// Whether the request may go on.
pub fn allowed(claims: Claims<'_>, site: &SiteOrigins) -> bool {
    // Reads change nothing (GET server functions only read).
    if matches!(*claims.method, Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE) {
        return true;
    }
    let fetch_site = claims.fetch_site.map(|s| s.trim().to_ascii_lowercase());
    if fetch_site.as_deref() == Some("cross-site") {
        return false;
    }
    if let Some(origin) = claims.origin {
        return same_origin(origin, claims.host, site);
    }
    // No Origin: a program, or a browser navigation typed by the user.
    matches!(fetch_site.as_deref(), None | Some("same-origin") | Some("none"))
}

/// `origin` is this site: one of the configured origins, or the request's own host.
fn same_origin(origin: &str, host: Option<&str>, site: &SiteOrigins) -> bool {
    let origin = origin.trim().trim_end_matches('/').to_ascii_lowercase();
    if site.0.contains(&origin) {
        return true;
    }
    // "null" (sandboxed frames, file: pages) has no authority and never matches.
    let authority = origin.strip_prefix("https://").or_else(|| origin.strip_prefix("http://"));
    match (authority, host) {
        (Some(authority), Some(host)) => authority == host.trim().to_ascii_lowercase(),
        _ => false,
    }
}

/// The middleware: 403 with the API's JSON error for a refused request.
pub async fn refuse_cross_site(
    axum::extract::State(site): axum::extract::State<SiteOrigins>,
    req: Request,
    next: Next,
) -> Response {
    let headers = req.headers();
    let text = |name: &header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    let claims = Claims {
        method: req.method(),
        origin: text(&header::ORIGIN),
        fetch_site: headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()),
        host: text(&header::HOST).or_else(|| req.uri().authority().map(|a| a.as_str())),
    };
    if allowed(claims, &site) {
        return next.run(req).await;
    }
    tracing::warn!(
        path = req.uri().path(),
        origin = claims.origin.unwrap_or_default(),
        "cross-site request refused"
    );
    super::refuse(
        StatusCode::FORBIDDEN,
        "forbidden",
        "Yêu cầu được gửi từ một trang web khác nên không được thực hiện. \
         Vui lòng thao tác trực tiếp trên trang của cuộc thi.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(method: Method, origin: Option<&str>, fetch_site: Option<&str>, host: Option<&str>) -> bool {
        let site = SiteOrigins::parse(Some("https://thi.langson.gov.vn"));
        allowed(Claims { method: &method, origin, fetch_site, host }, &site)
    }

    #[test]
    fn cross_site_writes_are_refused_and_the_rest_allowed() {
        let host = Some("127.0.0.1:3000");
        let table: &[(Method, Option<&str>, Option<&str>, bool)] = &[
            // Reads always pass, even from elsewhere.
            (Method::GET, Some("https://evil.example"), Some("cross-site"), true),
            (Method::HEAD, None, Some("cross-site"), true),
            // The site's own pages.
            (Method::POST, Some("http://127.0.0.1:3000"), Some("same-origin"), true),
            (Method::POST, Some("http://127.0.0.1:3000"), None, true),
            (Method::POST, Some("https://thi.langson.gov.vn"), Some("same-origin"), true),
            (Method::POST, Some("https://THI.langson.gov.vn/"), None, true),
            // Programs: neither header.
            (Method::POST, None, None, true),
            (Method::DELETE, None, None, true),
            // Typed into the address bar / bookmarks.
            (Method::POST, None, Some("none"), true),
            (Method::POST, None, Some("same-origin"), true),
            // Another site, however it says so.
            (Method::POST, Some("https://evil.example"), None, false),
            (Method::POST, Some("https://evil.example"), Some("cross-site"), false),
            (Method::POST, None, Some("cross-site"), false),
            (Method::POST, Some("http://127.0.0.1:3000"), Some("cross-site"), false),
            (Method::PUT, Some("https://evil.example"), None, false),
            (Method::PATCH, Some("https://evil.example"), None, false),
            (Method::DELETE, Some("https://evil.example"), None, false),
            // A sibling subdomain, a sandboxed frame, a look-alike host.
            (Method::POST, Some("https://x.langson.gov.vn"), Some("same-site"), false),
            (Method::POST, None, Some("same-site"), false),
            (Method::POST, Some("null"), None, false),
            (Method::POST, Some("http://127.0.0.1:3000.evil.example"), None, false),
            (Method::POST, Some("http://127.0.0.1:3001"), None, false),
        ];
        for (method, origin, fetch_site, expected) in table {
            assert_eq!(
                check(method.clone(), *origin, *fetch_site, host),
                *expected,
                "{method} origin={origin:?} sec-fetch-site={fetch_site:?}"
            );
        }
    }

    #[test]
    fn without_a_host_only_configured_origins_match() {
        assert!(check(Method::POST, Some("https://thi.langson.gov.vn"), None, None));
        assert!(!check(Method::POST, Some("http://127.0.0.1:3000"), None, None));
        let none = SiteOrigins::parse(None);
        let claims =
            Claims { method: &Method::POST, origin: Some("http://a"), fetch_site: None, host: Some("a") };
        assert!(allowed(claims, &none));
        assert!(none.0.is_empty());
    }
}
