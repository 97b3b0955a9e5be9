//! Uploads (question and unit files): who is asking is checked before a
//! byte of the body is read, and a body the multipart reader cannot frame is
//! 400 here instead of a panic inside the server function (server_fn's
//! multipart decoder `expect`s a boundary).
use app::question_bank::{AdminImportPreview, AdminImportQuestions};
use app::staff::guard::{check, Access};
use app::state::AppState;
use app::unit_admin::AdminImportUnits;
use axum::{extract::Request, extract::State, middleware::Next, response::IntoResponse, response::Response};
use http::{header, StatusCode};
use leptos::server_fn::ServerFn;

/// The multipart endpoints; each is for organizers.
pub fn paths() -> [&'static str; 3] {
    [AdminImportQuestions::PATH, AdminImportPreview::PATH, AdminImportUnits::PATH]
}

pub fn is_upload(path: &str) -> bool {
    paths().contains(&path)
}

/// What is wrong with an upload's framing, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    Fine,
    /// Not multipart at all (415).
    NotMultipart,
    /// multipart/form-data without a usable boundary (400).
    NoBoundary,
}

pub fn framing(content_type: Option<&str>) -> Framing {
    if super::media_type(content_type).as_deref() != Some("multipart/form-data") {
        return Framing::NotMultipart;
    }
    match content_type.map(multer::parse_boundary) {
        Some(Ok(boundary)) if !boundary.is_empty() => Framing::Fine,
        _ => Framing::NoBoundary,
    }
}

/// The middleware (inside the session layer): 401/403 for a caller who may
/// not upload, then 415/400 for a body the upload functions cannot read.
pub async fn guard_uploads(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if req.method() != http::Method::POST || !is_upload(req.uri().path()) {
        return next.run(req).await;
    }
    let Some(session) = req.extensions().get::<tower_sessions::Session>().cloned() else {
        return app::error::AppError::internal("upload guard runs outside the session layer").into_response();
    };
    if let Err(err) = check(&state.db, &session, Access::Organizer).await {
        return err.into_response();
    }
    let content_type = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
    match framing(content_type) {
        Framing::Fine => next.run(req).await,
        Framing::NotMultipart => super::refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Tệp phải được gửi dạng multipart/form-data (trường “file”).",
        ),
        Framing::NoBoundary => super::refuse(
            StatusCode::BAD_REQUEST,
            "invalid_input",
            "Dữ liệu tải lên không đúng định dạng multipart (thiếu boundary). Vui lòng chọn lại tệp.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_upload_paths_are_the_import_functions() {
        assert_eq!(
            paths(),
            ["/api/admin/questions/import", "/api/admin/questions/import_preview", "/api/admin/units/import"]
        );
    }

    #[test]
    fn only_framed_multipart_reaches_the_upload_functions() {
        let table: &[(Option<&str>, Framing)] = &[
            (Some("multipart/form-data; boundary=----x7d1f"), Framing::Fine),
            (Some("Multipart/Form-Data; boundary=\"abc\""), Framing::Fine),
            (Some("multipart/form-data"), Framing::NoBoundary),
            (Some("multipart/form-data; boundary="), Framing::NoBoundary),
            (Some("multipart/form-data; charset=utf-8"), Framing::NoBoundary),
            (Some("application/json"), Framing::NotMultipart),
            (Some("text/plain; boundary=x"), Framing::NotMultipart),
            (None, Framing::NotMultipart),
        ];
        for (content_type, expected) in table {
            assert_eq!(framing(*content_type), *expected, "{content_type:?}");
        }
    }
}
