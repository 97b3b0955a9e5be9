//! The site's own files (the favicon…) answered outside any reactive owner,
//! and anything else leptos's "page not found".
//!
//! Why not leptos_axum's `file_and_error_handler_with_context` for the files:
//! it answers a file under `Owner::new()`, which becomes a child of whatever
//! owner the thread last made current. leptos makes a page's root owner the
//! thread's current one when the page starts (`Owner::new_root` calls `set()`
//! in reactive_graph's owner.rs) and leaves it there while the page waits
//! for its data. A favicon answered on that thread meanwhile found the page's
//! `ResponseOptions` through the parent and `extend_response` moved (took)
//! the page's headers onto the file: the page went out without its
//! Content-Security-Policy and, under the strict default, never hydrated.
//! Seen in the browser runs 6–8 times a run; tests/page_policy.rs.
use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};
use leptos::prelude::LeptosOptions;
use tower::ServiceExt;
use tower_http::services::ServeDir;

/// Fallback: a file of the site root when there is one, else the 404 page.
pub async fn file_or_not_found(State(options): State<LeptosOptions>, request: Request) -> Response {
    let file_request = file_request(&request);
    if let Some(file) = site_file(&options, file_request).await {
        return file;
    }
    let uri = request.uri().clone();
    let not_found = leptos_axum::file_and_error_handler_with_context(
        crate::guard::headers::provide_page_policy,
        app::shell,
    );
    not_found(uri, State(options), request).await
}

/// A bodiless GET of the request's path, keeping only the accepted encodings
/// (made before any await: a request's body cannot be shared across threads).
fn file_request(request: &Request) -> Option<Request> {
    let mut file_request = Request::builder().uri(request.uri().clone());
    if let Some(accepted) = request.headers().get(header::ACCEPT_ENCODING) {
        file_request = file_request.header(header::ACCEPT_ENCODING, accepted);
    }
    file_request.body(Body::empty()).ok()
}

/// The file at the request's path under the site root, as leptos would send
/// it (brotli or gzip copies when accepted), or `None` when there is none.
async fn site_file(options: &LeptosOptions, file_request: Option<Request>) -> Option<Response> {
    let files = ServeDir::new(options.site_root.as_ref()).precompressed_gzip().precompressed_br();
    match files.oneshot(file_request?).await {
        Ok(response) if response.status() == StatusCode::OK => Some(response.into_response()),
        _ => None,
    }
}
