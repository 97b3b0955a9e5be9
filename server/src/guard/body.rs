//! Request bodies: the type each endpoint reads, and how much of it.
//!
//! - JSON server functions (the documented API) take `application/json` only:
//!   a `text/plain` body, which any web page may send without asking, is 415.
//! - The no-JavaScript forms take `application/x-www-form-urlencoded`, as the
//!   browser sends them. Which endpoints they are comes from the one list of
//!   them (`app::form::routes::FORM_ROUTES`, built from the server functions'
//!   own types), never from the shape of a path.
//! - Uploads are checked by [`super::upload`] after the caller's sign-in.
//! - Every body is at most [`BODY_LIMIT`] (64 KiB), uploads and the import's
//!   save at most [`UPLOAD_LIMIT`]; more is 413, before the handler runs.
use axum::body::Body;
use axum::{extract::Request, middleware::Next, response::Response};
use http::{header, Method, StatusCode};
use http_body_util::BodyExt;

/// Any request body but the uploads.
pub const BODY_LIMIT: usize = 64 * 1024;
/// Question and unit files (bankfile's 10 MB) with room for the multipart framing.
pub const UPLOAD_LIMIT: usize = bankfile::MAX_FILE_BYTES + 64 * 1024;
// A file of the largest size bankfile reads must fit, framing included.
const _: () = assert!(UPLOAD_LIMIT > bankfile::MAX_FILE_BYTES);

/// What an endpoint reads from its body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    Json,
    Form,
    Multipart,
    /// Not a server function (pages, files): nothing is required.
    Any,
}

/// The body an API path reads: uploads are [`super::upload::paths`], forms the
/// functions in `app`'s list of them, every other function is JSON.
pub fn body_kind(path: &str) -> BodyKind {
    if super::upload::is_upload(path) {
        BodyKind::Multipart
    } else if app::form::routes::is_form_route(path) {
        BodyKind::Form
    } else if path.starts_with("/api/") {
        BodyKind::Json
    } else {
        BodyKind::Any
    }
}

/// Whether a write with this `Content-Type` may reach the endpoint.
pub fn type_allowed(method: &Method, kind: BodyKind, content_type: Option<&str>) -> bool {
    if !matches!(*method, Method::POST | Method::PUT | Method::PATCH | Method::DELETE) {
        return true;
    }
    let media = super::media_type(content_type);
    match kind {
        BodyKind::Json => media.as_deref() == Some("application/json"),
        BodyKind::Form => media.as_deref() == Some("application/x-www-form-urlencoded"),
        // The upload guard answers these itself, after checking who is asking.
        BodyKind::Multipart | BodyKind::Any => true,
    }
}

/// The largest body a path takes.
pub fn body_limit(path: &str) -> usize {
    let import_save = path == "/api/admin/questions/import_save";
    if super::upload::is_upload(path) || import_save {
        UPLOAD_LIMIT
    } else {
        BODY_LIMIT
    }
}

fn too_large(limit: usize) -> Response {
    let size = if limit >= 1024 * 1024 {
        format!("{} MB", limit / (1024 * 1024))
    } else {
        format!("{} KB", limit / 1024)
    };
    super::refuse(
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
        &format!("Dữ liệu gửi lên quá lớn (tối đa {size})."),
    )
}

/// The middleware for the body's type: 415 when the endpoint cannot read it.
pub async fn require_type(req: Request, next: Next) -> Response {
    let content_type = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
    if type_allowed(req.method(), body_kind(req.uri().path()), content_type) {
        return next.run(req).await;
    }
    let message = match body_kind(req.uri().path()) {
        BodyKind::Form => "Biểu mẫu phải được gửi dạng application/x-www-form-urlencoded.",
        _ => "Dữ liệu phải được gửi dạng JSON (Content-Type: application/json).",
    };
    super::refuse(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", message)
}

/// The middleware for the body's size. A declared length over the limit is
/// refused at once; a body of unknown length (chunked) is read up to the
/// limit here, so that an over-long one is 413 too and never reaches a handler.
pub async fn limit_size(req: Request, next: Next) -> Response {
    let limit = body_limit(req.uri().path());
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    match declared {
        Some(length) if length > limit as u64 => too_large(limit),
        Some(_) => {
            // The server enforces the declared length; Limited is a second fence.
            let req = req.map(|body| Body::new(http_body_util::Limited::new(body, limit)));
            next.run(req).await
        }
        None => {
            let (parts, body) = req.into_parts();
            match http_body_util::Limited::new(body, limit).collect().await {
                Ok(collected) => next.run(Request::from_parts(parts, Body::from(collected.to_bytes()))).await,
                Err(err) if err.downcast_ref::<http_body_util::LengthLimitError>().is_some() => {
                    too_large(limit)
                }
                Err(err) => {
                    tracing::info!(error = %err, "request body unreadable");
                    super::refuse(
                        StatusCode::BAD_REQUEST,
                        "invalid_input",
                        "Không đọc được dữ liệu gửi lên. Vui lòng thử lại.",
                    )
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_endpoint_takes_its_own_body_type() {
        let json = Some("application/json");
        let table: &[(Method, &str, Option<&str>, bool)] = &[
            (Method::POST, "/api/attempts/start", json, true),
            (Method::POST, "/api/attempts/start", Some("application/json; charset=utf-8"), true),
            (Method::POST, "/api/attempts/start", Some("Application/JSON"), true),
            (Method::POST, "/api/attempts/start", Some("text/plain"), false),
            (Method::POST, "/api/attempts/start", Some("text/plain;charset=UTF-8"), false),
            (Method::POST, "/api/attempts/start", Some("application/x-www-form-urlencoded"), false),
            (Method::POST, "/api/attempts/start", Some("multipart/form-data; boundary=x"), false),
            (Method::POST, "/api/attempts/start", None, false),
            (Method::POST, "/api/ui/submit", Some("application/x-www-form-urlencoded"), true),
            (Method::POST, "/api/ui/submit", Some("text/plain"), false),
            (Method::POST, "/api/ui/submit", json, false),
            (Method::POST, "/api/admin/ui/login", Some("application/x-www-form-urlencoded"), true),
            // Not a form because of where it lives: only the list makes one.
            (Method::POST, "/api/ui/not-a-form", Some("application/x-www-form-urlencoded"), false),
            (Method::POST, "/api/ui/not-a-form", json, true),
            (Method::POST, "/api/admin/questions/import", Some("multipart/form-data"), true),
            (Method::POST, "/api/admin/questions/import", Some("text/plain"), true),
            // Reads carry no body; pages and files are not server functions.
            (Method::GET, "/api/rounds/leaderboard", None, true),
            (Method::GET, "/api/ui/attempt", Some("text/plain"), true),
            (Method::POST, "/dang-nhap", Some("text/plain"), true),
        ];
        for (method, path, content_type, expected) in table {
            assert_eq!(
                type_allowed(method, body_kind(path), *content_type),
                *expected,
                "{method} {path} {content_type:?}"
            );
        }
    }

    #[test]
    fn only_uploads_and_the_import_save_take_large_bodies() {
        assert_eq!(body_limit("/api/attempts/answer"), BODY_LIMIT);
        assert_eq!(body_limit("/api/ui/submit"), BODY_LIMIT);
        assert_eq!(body_limit("/api/admin/contests/save"), BODY_LIMIT);
        assert_eq!(body_limit("/api/admin/questions/import"), UPLOAD_LIMIT);
        assert_eq!(body_limit("/api/admin/questions/import_preview"), UPLOAD_LIMIT);
        assert_eq!(body_limit("/api/admin/units/import"), UPLOAD_LIMIT);
        assert_eq!(body_limit("/api/admin/questions/import_save"), UPLOAD_LIMIT);
    }
}
