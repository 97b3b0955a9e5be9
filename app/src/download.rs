//! File downloads served by plain axum handlers (exports, templates, public
//! tables): one response shape for every file, errors as the usual JSON.
use crate::error::AppError;
use axum::http::header;
use axum::response::{IntoResponse, Response};

pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The made file as an attachment called `name`, or the error.
pub fn attachment(made: Result<Vec<u8>, AppError>, content_type: &str, name: &str) -> Response {
    match made {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, content_type.to_owned()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
                (header::CACHE_CONTROL, "no-store".to_owned()),
            ],
            body,
        )
            .into_response(),
        Err(e) => e.into_response(),
    }
}
