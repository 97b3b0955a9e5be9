//! What every request passes before it reaches a page or a server function:
//! refusing cross-site writes, bodies of the wrong type or size, and uploads
//! from people who may not upload; and the security headers on every answer.
//! Each check is a pure decision function (table-tested) plus a thin axum
//! middleware around it.
pub mod body;
pub mod cross_site;
pub mod dashboard;
pub mod headers;
pub mod upload;

use axum::response::{IntoResponse, Response};
use http::StatusCode;

/// An error answer in the API's one JSON shape (`{"error", "message"}`), for
/// refusals made before any server function runs.
pub(crate) fn refuse(status: StatusCode, code: &str, message: &str) -> Response {
    let body = app::error::WireError {
        error: code.to_owned(),
        message: message.to_owned(),
        fields: None,
        retry_after: None,
    };
    (status, axum::Json(body)).into_response()
}

/// The media type of a `Content-Type` value, lower-cased, without parameters.
pub(crate) fn media_type(content_type: Option<&str>) -> Option<String> {
    let value = content_type?.split(';').next()?.trim().to_ascii_lowercase();
    (!value.is_empty()).then_some(value)
}
