//! The one error type of the app. Each variant maps to an HTTP status and to a
//! short Vietnamese message; internal details are logged, never shown.
//!
//! On the wire every error is `{"error": CODE, "message": TEXT, "fields"?: {FIELD: TEXT},
//! "retry_after"?: SECONDS}`, the same for server functions and plain handlers
//! (see docs/api.md). `retry_after` repeats the `Retry-After` header in the
//! body, because the page's server-function client reads only the body: a
//! sign-in refused for 15 minutes must say 15 minutes in the browser too.
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// The `Retry-After` of 429 and 503 answers: short, because a contestant's
/// answers are queued in the page and retried, and a round's time runs on.
pub const RETRY_AFTER_SECONDS: u32 = 2;

/// Field name → what is wrong with it, shown next to that field.
pub type FieldErrors = BTreeMap<String, String>;

/// "3 phút", "45 giây": a wait as the throttled message says it.
pub fn wait_text(seconds: u32) -> String {
    if seconds >= 60 {
        format!("{} phút", seconds.div_ceil(60))
    } else {
        format!("{seconds} giây")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(into = "WireError", from = "WireError")]
pub enum AppError {
    #[error("Bạn cần đăng nhập để tiếp tục.")]
    Unauthenticated,
    #[error("Bạn không có quyền thực hiện thao tác này.")]
    Forbidden,
    /// A wrong sign-in pair; the message never says which half was wrong.
    #[error("{0}")]
    BadCredentials(String),
    /// The whole message, e.g. "Không tìm thấy cuộc thi." (see [`AppError::not_found`]).
    #[error("{0}")]
    NotFound(String),
    #[error("Thông tin chưa hợp lệ, vui lòng kiểm tra lại các ô được đánh dấu.")]
    Invalid(FieldErrors),
    /// A rule of the contest says no, e.g. `attempt_limit_reached` or `round_closed`.
    #[error("{message}")]
    Conflict { code: String, message: String },
    #[error("Bạn thao tác quá nhanh. Vui lòng chờ {} rồi thử lại.", wait_text(RETRY_AFTER_SECONDS))]
    TooManyRequests,
    /// Too many tries of a throttled form (sign-in, registration…): 429 with
    /// the real wait in `Retry-After`, which may be many minutes.
    #[error("Bạn đã thử quá nhiều lần. Vui lòng thử lại sau {}.", wait_text(*.retry_after))]
    Throttled { retry_after: u32 },
    /// The server cannot take the request now (database unreachable, hashing
    /// queue full); answered 503 with `Retry-After`, and the client retries.
    #[error("Hệ thống đang quá tải hoặc tạm gián đoạn. Vui lòng thử lại sau ít giây.")]
    Unavailable,
    /// Unexpected failures (database down, bugs): details are in the server log.
    #[error("Hệ thống đang bận hoặc gặp sự cố. Vui lòng thử lại sau ít phút.")]
    Internal,
    /// The request never reached the server or its answer was unreadable.
    #[error("Không kết nối được với máy chủ. Vui lòng kiểm tra mạng và thử lại.")]
    Network(String),
}

impl AppError {
    /// The message to show on its own line: for bad input, the fields' own
    /// messages (where the page has no form field to put them under).
    pub fn explain(&self) -> String {
        match self {
            AppError::Invalid(fields) if !fields.is_empty() => {
                fields.values().cloned().collect::<Vec<_>>().join(" ")
            }
            other => other.to_string(),
        }
    }

    /// An unexpected failure: logged here with what went wrong (never shown),
    /// answered with the generic 500 message. Every `Internal` is built here
    /// or in the conversions below, so none goes unlogged.
    pub fn internal(what: &str) -> Self {
        #[cfg(feature = "ssr")]
        tracing::error!(what, "internal error");
        #[cfg(not(feature = "ssr"))]
        let _ = what;
        AppError::Internal
    }

    /// [`AppError::internal`] with the underlying error in the log line.
    pub fn internal_because(what: &str, cause: impl std::fmt::Display) -> Self {
        #[cfg(feature = "ssr")]
        tracing::error!(what, cause = %cause, "internal error");
        #[cfg(not(feature = "ssr"))]
        let _ = (what, cause);
        AppError::Internal
    }

    /// "Không tìm thấy <what>."
    pub fn not_found(what: &str) -> Self {
        AppError::NotFound(format!("Không tìm thấy {what}."))
    }

    /// One invalid field.
    pub fn invalid(field: &str, message: &str) -> Self {
        AppError::Invalid(FieldErrors::from([(field.to_owned(), message.to_owned())]))
    }

    pub fn conflict(code: &str, message: &str) -> Self {
        AppError::Conflict { code: code.to_owned(), message: message.to_owned() }
    }

    /// The stable machine-readable code of the wire format.
    pub fn code(&self) -> &str {
        match self {
            AppError::Unauthenticated => "unauthenticated",
            AppError::Forbidden => "forbidden",
            AppError::BadCredentials(_) => "invalid_credentials",
            AppError::NotFound(_) => "not_found",
            AppError::Invalid(_) => "invalid_input",
            AppError::Conflict { code, .. } => code,
            AppError::TooManyRequests | AppError::Throttled { .. } => "too_many_requests",
            AppError::Unavailable => "unavailable",
            AppError::Internal => "internal",
            AppError::Network(_) => "network",
        }
    }

    /// The HTTP status this error is answered with.
    /// Seconds a client should wait before retrying (`Retry-After`), for the
    /// errors that mean "not now" rather than "no".
    pub fn retry_after(&self) -> Option<u32> {
        match self {
            AppError::TooManyRequests => Some(RETRY_AFTER_SECONDS),
            AppError::Throttled { retry_after } => Some(*retry_after),
            AppError::Unavailable => Some(RETRY_AFTER_SECONDS),
            _ => None,
        }
    }

    pub fn status_code(&self) -> u16 {
        match self {
            AppError::Unauthenticated => 401,
            AppError::Forbidden => 403,
            AppError::BadCredentials(_) => 401,
            AppError::NotFound(_) => 404,
            AppError::Invalid(_) => 422,
            AppError::Conflict { .. } => 409,
            AppError::TooManyRequests | AppError::Throttled { .. } => 429,
            AppError::Unavailable => 503,
            AppError::Internal => 500,
            AppError::Network(_) => 502,
        }
    }
}

/// The JSON shape of every error response.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WireError {
    pub error: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<FieldErrors>,
    /// Seconds to wait before trying again (429 and 503), as in `Retry-After`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u32>,
}

impl From<AppError> for WireError {
    fn from(err: AppError) -> Self {
        let message = err.to_string();
        let error = err.code().to_owned();
        let retry_after = err.retry_after();
        let fields = match err {
            AppError::Invalid(fields) => Some(fields),
            _ => None,
        };
        WireError { error, message, fields, retry_after }
    }
}

impl From<WireError> for AppError {
    fn from(wire: WireError) -> Self {
        match wire.error.as_str() {
            "unauthenticated" => AppError::Unauthenticated,
            "forbidden" => AppError::Forbidden,
            "invalid_credentials" => AppError::BadCredentials(wire.message),
            "not_found" => AppError::NotFound(wire.message),
            "invalid_input" => AppError::Invalid(wire.fields.unwrap_or_default()),
            // A throttled form's wait (minutes, maybe) comes back whole, so the
            // page says how long; the short "too fast" keeps its own words.
            "too_many_requests" => match wire.retry_after {
                Some(retry_after) if wire.message != AppError::TooManyRequests.to_string() => {
                    AppError::Throttled { retry_after }
                }
                _ => AppError::TooManyRequests,
            },
            "unavailable" => AppError::Unavailable,
            "internal" => AppError::Internal,
            "network" => AppError::Network(wire.message),
            _ => AppError::Conflict { code: wire.error, message: wire.message },
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // Failures of the server-fn machinery on the server are ours to log.
            ServerFnErrorErr::ServerError(message) | ServerFnErrorErr::MiddlewareError(message) => {
                #[cfg(feature = "ssr")]
                tracing::error!(%message, "server function failed");
                let _ = message;
                AppError::Internal
            }
            // Arguments that do not even parse: say so, without echoing them.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                AppError::invalid("request", "Dữ liệu gửi lên không đúng định dạng.")
            }
            other => AppError::Network(other.to_string()),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        // The database away or saturated is "retry soon" (503), not a bug (500).
        if is_outage(&err) {
            tracing::warn!(error = %err, "database unavailable");
            return AppError::Unavailable;
        }
        tracing::error!(error = %err, "database error");
        AppError::Internal
    }
}

/// Whether a database error means "the database cannot be reached or cannot
/// take more now", as opposed to a bad statement: no connection within the
/// pool's bounded wait, a connection lost mid-query (I/O, TLS, the pool shut),
/// PostgreSQL shutting down or refusing connections (SQLSTATE class 08,
/// 57P01–57P03, 53300), or SQLite still busy after its busy timeout.
#[cfg(feature = "ssr")]
pub fn is_outage(err: &sea_orm::DbErr) -> bool {
    use sea_orm::{DbErr, RuntimeErr};
    match err {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => true,
        DbErr::Query(RuntimeErr::SqlxError(e)) | DbErr::Exec(RuntimeErr::SqlxError(e)) => sqlx_outage(e),
        _ => false,
    }
}

#[cfg(feature = "ssr")]
fn sqlx_outage(err: &sea_orm::sqlx::Error) -> bool {
    use sea_orm::sqlx::Error;
    match err {
        Error::Io(_) | Error::Tls(_) | Error::PoolTimedOut | Error::PoolClosed | Error::WorkerCrashed => true,
        Error::Database(db) => db.code().is_some_and(|code| {
            code.starts_with("08")
                || matches!(code.as_ref(), "57P01" | "57P02" | "57P03" | "53300")
                // SQLite: BUSY, BUSY_RECOVERY, BUSY_SNAPSHOT, LOCKED, LOCKED_SHAREDCACHE.
                || matches!(code.as_ref(), "5" | "261" | "517" | "6" | "262")
        }),
        _ => false,
    }
}

/// The unique rule a write broke, by the name the backend gives it, or `None`
/// for any other error. PostgreSQL names the constraint or unique index (e.g.
/// `idx_contestant_id_number`, `contestant_phone_key`); SQLite names none and
/// reports the columns instead ("UNIQUE constraint failed: contestant.id_number"),
/// so there the answer is that column list (`contestant.id_number`).
#[cfg(feature = "ssr")]
pub fn unique_violation(err: &sea_orm::DbErr) -> Option<String> {
    use sea_orm::{DbErr, RuntimeErr};
    let (DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e))) = err else {
        return None;
    };
    let sea_orm::sqlx::Error::Database(db) = e.as_ref() else { return None };
    if !db.is_unique_violation() {
        return None;
    }
    Some(match db.constraint() {
        Some(name) => name.to_owned(),
        None => db.message().rsplit(": ").next().unwrap_or_default().to_owned(),
    })
}

/// A session that cannot be loaded or saved. The sessions live in the
/// database, so a store failure is the database away (503, retry); a record
/// that does not decode is a bug (500).
#[cfg(feature = "ssr")]
pub fn session_failed(err: tower_sessions::session::Error) -> AppError {
    use tower_sessions::session::Error;
    use tower_sessions::session_store::Error as StoreError;
    match err {
        Error::Store(StoreError::Backend(message)) => {
            tracing::warn!(%message, "session store unavailable");
            AppError::Unavailable
        }
        other => {
            tracing::error!(error = %other, "session load or save failed");
            AppError::Internal
        }
    }
}

#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        let status =
            http::StatusCode::from_u16(self.status_code()).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        let retry_after = self.retry_after();
        let mut response = (status, axum::Json(WireError::from(self))).into_response();
        if let Some(seconds) = retry_after {
            response.headers_mut().insert(http::header::RETRY_AFTER, http::HeaderValue::from(seconds));
        }
        response
    }
}

/// The most an error answer of a server function can weigh; ours are a few hundred bytes.
#[cfg(feature = "ssr")]
const ERROR_BODY_LIMIT: usize = 64 * 1024;

/// The one place a server function's error gets its HTTP status (and
/// `Retry-After`), as an axum middleware around the server functions.
///
/// Leptos answers every `Err` of a server function with 500 and its
/// `serverfnerror` header; this reads the error back from the JSON body (the
/// wire format round-trips, see [`WireError`]) and answers with
/// [`AppError::status_code`] instead, so no server function sets a status by
/// hand. A status the function chose itself (a no-JavaScript form's 303 back
/// to the form, `form::back_to_form`) is kept.
///
/// A browser's own form post (it takes HTML) that failed goes back to the
/// form: Leptos answers it with a 302 to the Referer, the error in its query
/// (`__path`/`__err`, which the page's `ServerAction` reads). That becomes a
/// 303 to the same path and query on this site (never another site's
/// address, whatever the Referer said), so that no plain form, the public
/// pages' forms being plain HTML, ever leaves a person on a page of JSON.
#[cfg(feature = "ssr")]
pub async fn server_fn_status(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    use http::StatusCode;
    let plain_form_post = plain_form_post(request.headers());
    let response = next.run(request).await;
    let from_a_server_fn = response.headers().contains_key(leptos::server_fn::error::SERVER_FN_ERROR_HEADER);
    if !from_a_server_fn
        || !matches!(response.status(), StatusCode::INTERNAL_SERVER_ERROR | StatusCode::FOUND)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, ERROR_BODY_LIMIT).await else {
        return AppError::internal("a server function's error answer could not be read").into_response();
    };
    if let Ok(wire) = serde_json::from_slice::<WireError>(&bytes) {
        let back = (plain_form_post && parts.status == StatusCode::FOUND)
            .then(|| {
                parts.headers.get(http::header::LOCATION).and_then(|v| v.to_str().ok()).and_then(same_site)
            })
            .flatten();
        if let Some(back) = back {
            return (StatusCode::SEE_OTHER, [(http::header::LOCATION, back)]).into_response();
        }
        let err = AppError::from(wire);
        parts.status = StatusCode::from_u16(err.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if let Some(seconds) = err.retry_after() {
            parts.headers.insert(http::header::RETRY_AFTER, http::HeaderValue::from(seconds));
        }
        if parts.status != StatusCode::FOUND {
            parts.headers.remove(http::header::LOCATION);
        }
    }
    axum::response::Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// True for a browser's own form post (it takes HTML), false for a page's
/// fetch and for programs (they take JSON).
#[cfg(feature = "ssr")]
pub fn plain_form_post(headers: &http::HeaderMap) -> bool {
    headers
        .get(http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}

/// The path and query of `location` (a Referer with Leptos's error in its
/// query), if it is an address at all; an absolute one loses its scheme and
/// host, so the answer stays on this site.
#[cfg(feature = "ssr")]
fn same_site(location: &str) -> Option<http::HeaderValue> {
    let uri = location.parse::<http::Uri>().ok()?;
    let path = uri.path_and_query()?.as_str();
    // "//host/…" would be another site again.
    if !path.starts_with('/') || path.starts_with("//") {
        return None;
    }
    http::HeaderValue::from_str(path).ok()
}

/// A page that shows an error while the server renders it answers with that
/// error's status (404 for an unknown contest, …): the server-function
/// middleware only sees calls over HTTP, not the ones a page makes in process.
pub fn answer_page_with(err: &AppError) {
    #[cfg(feature = "ssr")]
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(status) = http::StatusCode::from_u16(err.status_code()) {
            response.set_status(status);
        }
        if let Some(seconds) = err.retry_after() {
            response.insert_header(http::header::RETRY_AFTER, http::HeaderValue::from(seconds));
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = err;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "ssr")]
    #[test]
    fn a_failed_plain_post_goes_back_only_to_a_page_of_this_site() {
        let back = |l: &str| same_site(l).map(|v| v.to_str().unwrap_or_default().to_owned());
        assert_eq!(
            back("https://thi.example.vn/ho-so?__path=%2Fapi%2Fui%2Fpassword&__err=x").as_deref(),
            Some("/ho-so?__path=%2Fapi%2Fui%2Fpassword&__err=x")
        );
        assert_eq!(back("https://elsewhere.example/phish?a=1").as_deref(), Some("/phish?a=1"));
        assert_eq!(back("/dat-lai-mat-khau?ma=ab").as_deref(), Some("/dat-lai-mat-khau?ma=ab"));
        assert_eq!(back("//elsewhere.example/x"), None);
        assert_eq!(back("not a url at all"), None);
    }

    #[test]
    fn errors_travel_as_code_message_and_fields() {
        let err = AppError::invalid("phone", "Số điện thoại không hợp lệ.");
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "error": "invalid_input",
                "message": "Thông tin chưa hợp lệ, vui lòng kiểm tra lại các ô được đánh dấu.",
                "fields": {"phone": "Số điện thoại không hợp lệ."}
            })
        );
        assert_eq!(serde_json::from_value::<AppError>(json).unwrap(), err);

        let conflict = AppError::conflict("round_closed", "Đợt thi đã kết thúc.");
        let json = serde_json::to_value(&conflict).unwrap();
        assert_eq!(json, serde_json::json!({"error": "round_closed", "message": "Đợt thi đã kết thúc."}));
        assert_eq!(serde_json::from_value::<AppError>(json).unwrap(), conflict);
        assert_eq!(conflict.status_code(), 409);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn an_unreachable_database_is_unavailable_and_a_bad_statement_internal() {
        use sea_orm::sqlx::Error as SqlxError;
        use sea_orm::{ConnAcquireErr, DbErr, RuntimeErr};
        use std::sync::Arc;
        let io = || SqlxError::Io(std::io::Error::new(std::io::ErrorKind::ConnectionReset, "reset"));
        let outages = [
            DbErr::ConnectionAcquire(ConnAcquireErr::Timeout),
            DbErr::ConnectionAcquire(ConnAcquireErr::ConnectionClosed),
            DbErr::Conn(RuntimeErr::SqlxError(Arc::new(io()))),
            DbErr::Query(RuntimeErr::SqlxError(Arc::new(io()))),
            DbErr::Exec(RuntimeErr::SqlxError(Arc::new(io()))),
            DbErr::Query(RuntimeErr::SqlxError(Arc::new(SqlxError::PoolTimedOut))),
            DbErr::Exec(RuntimeErr::SqlxError(Arc::new(SqlxError::PoolClosed))),
            DbErr::Query(RuntimeErr::SqlxError(Arc::new(SqlxError::WorkerCrashed))),
        ];
        for err in outages {
            let app = AppError::from(err);
            assert_eq!((app.status_code(), app.retry_after()), (503, Some(RETRY_AFTER_SECONDS)));
        }
        let bugs = [
            DbErr::Query(RuntimeErr::SqlxError(Arc::new(SqlxError::RowNotFound))),
            DbErr::Exec(RuntimeErr::Internal("syntax error".into())),
            DbErr::RecordNotFound("x".into()),
            DbErr::Custom("x".into()),
        ];
        for err in bugs {
            assert_eq!(AppError::from(err).status_code(), 500);
        }
        let store = tower_sessions::session_store::Error::Backend("connection refused".into());
        assert_eq!(session_failed(store.into()), AppError::Unavailable);
        let decode = tower_sessions::session_store::Error::Decode("bad json".into());
        assert_eq!(session_failed(decode.into()), AppError::Internal);
    }

    #[test]
    fn a_429_tells_the_page_how_long_to_wait() {
        let throttled = AppError::Throttled { retry_after: 900 };
        let json = serde_json::to_value(&throttled).unwrap();
        assert_eq!(json["retry_after"], 900, "{json}");
        let back = serde_json::from_value::<AppError>(json).unwrap();
        assert_eq!(back, throttled);
        assert_eq!(back.to_string(), "Bạn đã thử quá nhiều lần. Vui lòng thử lại sau 15 phút.");
        assert_eq!(
            serde_json::from_value::<AppError>(serde_json::json!({
                "error": "too_many_requests", "message": "x", "retry_after": 45
            }))
            .unwrap()
            .to_string(),
            "Bạn đã thử quá nhiều lần. Vui lòng thử lại sau 45 giây."
        );
        let fast = serde_json::to_value(AppError::TooManyRequests).unwrap();
        assert_eq!(fast["retry_after"], RETRY_AFTER_SECONDS);
        let back = serde_json::from_value::<AppError>(fast).unwrap();
        assert_eq!(back, AppError::TooManyRequests);
        assert_eq!(back.to_string(), "Bạn thao tác quá nhanh. Vui lòng chờ 2 giây rồi thử lại.");
        // An older server's body without the field: still a 429, without a figure.
        let old = serde_json::json!({"error": "too_many_requests", "message": "x"});
        assert_eq!(serde_json::from_value::<AppError>(old).unwrap(), AppError::TooManyRequests);
        let unavailable = serde_json::to_value(AppError::Unavailable).unwrap();
        assert_eq!(unavailable["retry_after"], RETRY_AFTER_SECONDS);
    }

    #[test]
    fn not_found_names_the_missing_thing() {
        let err = AppError::not_found("cuộc thi");
        assert_eq!(err.to_string(), "Không tìm thấy cuộc thi.");
        assert_eq!((err.code(), err.status_code()), ("not_found", 404));
    }
}
