//! The one error type of the app. Each variant maps to an HTTP status and to a
//! short Vietnamese message; internal details are logged, never shown.
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// A problem with one form field, shown next to that field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("Bạn cần đăng nhập để tiếp tục.")]
    Unauthenticated,
    #[error("Bạn không có quyền thực hiện thao tác này.")]
    Forbidden,
    #[error("Không tìm thấy {0}.")]
    NotFound(String),
    #[error("Thông tin chưa hợp lệ, vui lòng kiểm tra lại.")]
    Validation(Vec<FieldError>),
    #[error("{0}")]
    Conflict(String),
    /// Unexpected failures (database down, bugs): details are in the server log.
    #[error("Hệ thống đang bận hoặc gặp sự cố. Vui lòng thử lại sau ít phút.")]
    Internal,
    /// The request never reached the server or its answer was unreadable.
    #[error("Không kết nối được với máy chủ. Vui lòng kiểm tra mạng và thử lại.")]
    Transport(String),
}

impl AppError {
    /// The HTTP status this error is answered with.
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::Unauthenticated => 401,
            AppError::Forbidden => 403,
            AppError::NotFound(_) => 404,
            AppError::Validation(_) => 422,
            AppError::Conflict(_) => 409,
            AppError::Internal => 500,
            AppError::Transport(_) => 502,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // Server-side failures of the server-fn machinery itself are ours to log.
            ServerFnErrorErr::ServerError(message) | ServerFnErrorErr::MiddlewareError(message) => {
                #[cfg(feature = "ssr")]
                tracing::error!(%message, "server function failed");
                let _ = message;
                AppError::Internal
            }
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => AppError::Validation(Vec::new()),
            other => AppError::Transport(other.to_string()),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        tracing::error!(error = %err, "database error");
        AppError::Internal
    }
}

#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        let status =
            http::StatusCode::from_u16(self.status_code()).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::Json(ErrorBody { error: self.to_string(), detail: self });
        (status, body).into_response()
    }
}

/// JSON body of an error answered by a plain axum handler.
#[cfg(feature = "ssr")]
#[derive(Serialize)]
struct ErrorBody {
    error: String,
    detail: AppError,
}

/// Sets the HTTP status of the current server-function response from the error
/// and hands the error back, so that `return Err(fail(e))` answers 404, 422…
#[cfg(feature = "ssr")]
pub fn fail(err: AppError) -> AppError {
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(status) = http::StatusCode::from_u16(err.status_code()) {
            response.set_status(status);
        }
    }
    err
}
