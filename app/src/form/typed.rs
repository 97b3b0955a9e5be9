//! Forms posted without JavaScript. A failed one comes back as a fresh page:
//! the browser is sent back to the form (303) with the error in the address,
//! where the page's `ServerAction` reads it (Leptos's own `__path`/`__err`),
//! and with `#error-summary`, so that the summary is in view. What the person
//! typed is kept in their own session for the page load that follows and
//! filled in again; never a password, and never in the address (which ends
//! up in logs and in a shared office PC's history).
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The forms whose typed values are kept, by name.
pub const REGISTER_FORM: &str = "register";
pub const LOGIN_FORM: &str = "login";
pub const PROFILE_FORM: &str = "profile";
pub const FORGOT_FORM: &str = "forgot";
pub const RESET_CODE_FORM: &str = "reset_code";
pub const STAFF_LOGIN_FORM: &str = "staff_login";
/// Every form above: the only names [`typed_values`] answers for.
#[cfg(feature = "ssr")]
const KEPT_FORMS: [&str; 6] =
    [REGISTER_FORM, LOGIN_FORM, PROFILE_FORM, FORGOT_FORM, RESET_CODE_FORM, STAFF_LOGIN_FORM];

/// Field name → what was typed into it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Typed(pub BTreeMap<String, String>);

impl Typed {
    /// The fields given, empty ones left out.
    pub fn of<'a>(fields: impl IntoIterator<Item = (&'a str, Option<&'a str>)>) -> Self {
        Typed(
            fields
                .into_iter()
                .filter_map(|(name, value)| {
                    let value = value.filter(|v| !v.trim().is_empty())?;
                    // A field is never longer than this; the session stays small.
                    Some((name.to_owned(), value.chars().take(MAX_CHARS).collect()))
                })
                .collect(),
        )
    }

    /// What was typed into `field` ("" if nothing).
    pub fn get(&self, field: &str) -> String {
        self.0.get(field).cloned().unwrap_or_default()
    }
}

const MAX_CHARS: usize = 256;

/// What the visitor typed into `form` before it came back with errors, once:
/// reading it forgets it. Empty when nothing is kept (the usual case).
#[server(prefix = "/api", endpoint = "ui/typed", input = GetUrl)]
pub async fn typed_values(form: String) -> Result<Typed, AppError> {
    // Public: a visitor only ever reads back what they typed, from their own session.
    if !KEPT_FORMS.contains(&form.as_str()) {
        return Err(AppError::invalid("form", "Không có biểu mẫu này."));
    }
    server::take(&form, chrono::Utc::now()).await
}

#[cfg(feature = "ssr")]
pub use server::{back_address, back_to_form, or_back_to_form};

#[cfg(feature = "ssr")]
mod server {
    use super::Typed;
    use crate::error::AppError;
    use crate::form::SUMMARY_ID;
    use chrono::{DateTime, Utc};
    use http::{header, HeaderValue, StatusCode};
    use leptos::prelude::use_context;
    use leptos::server_fn::error::ServerFnUrlError;
    use serde::{Deserialize, Serialize};

    /// Kept values are shown only this soon after the failed post (seconds):
    /// the page load follows at once; older ones belong to someone who left.
    const KEEP_SECONDS: i64 = 600;

    #[derive(Serialize, Deserialize)]
    struct Kept {
        at: i64,
        values: Typed,
    }

    fn key(form: &str) -> String {
        format!("typed_{form}")
    }

    pub(super) async fn take(form: &str, now: DateTime<Utc>) -> Result<Typed, AppError> {
        let session = crate::session::current().await?;
        // Looked up first: a removal marks the session changed, and every view
        // of the form by someone signed in would then write their session.
        let kept = session.get::<Kept>(&key(form)).await.map_err(crate::error::session_failed)?;
        if kept.is_some() {
            session.remove_value(&key(form)).await.map_err(crate::error::session_failed)?;
        }
        Ok(kept
            .filter(|k| (0..=KEEP_SECONDS).contains(&(now.timestamp() - k.at)))
            .map(|k| k.values)
            .unwrap_or_default())
    }

    /// For the server function `S` behind the form on `page`: when the form
    /// was posted without JavaScript, keeps `typed` in the session and sends
    /// the browser back to the form with `error`; a 303, because the error's
    /// own status (422, 429…) would leave the person on a page of JSON.
    /// Otherwise (the hydrated page, programs) only gives `error` back.
    pub async fn back_to_form<S: leptos::server_fn::ServerFn>(
        page: &str,
        form: &str,
        typed: Typed,
        error: AppError,
    ) -> AppError {
        let Some(parts) = use_context::<http::request::Parts>() else { return error };
        if !crate::error::plain_form_post(&parts.headers) {
            return error;
        }
        let typed_nothing = typed.0.is_empty();
        let kept = async {
            let session = crate::session::current().await?;
            let kept = Kept { at: Utc::now().timestamp(), values: typed };
            session.insert(&key(form), kept).await.map_err(crate::error::session_failed)
        };
        if typed_nothing {
            // Nothing to fill in again: no session is made for it.
        } else if let Err(e) = kept.await {
            // The errors are still shown; only the fields come back empty.
            tracing::warn!(error = %e, "typed values not kept");
        }
        let referer = parts.headers.get(header::REFERER).and_then(|v| v.to_str().ok());
        let to = back_address(referer, page, S::PATH, &error);
        if let (Some(response), Ok(location)) =
            (use_context::<leptos_axum::ResponseOptions>(), HeaderValue::from_str(&to))
        {
            response.set_status(StatusCode::SEE_OTHER);
            response.insert_header(header::LOCATION, location);
        }
        error
    }

    /// `result`, its error sent [`back_to_form`]: the one line each form's
    /// server function ends with.
    pub async fn or_back_to_form<S: leptos::server_fn::ServerFn, T>(
        result: Result<T, AppError>,
        page: &str,
        form: &str,
        typed: Typed,
    ) -> Result<T, AppError> {
        match result {
            Ok(value) => Ok(value),
            Err(error) => Err(back_to_form::<S>(page, form, typed, error).await),
        }
    }

    /// Where a failed post of the server function at `path` goes back to:
    /// the form's `page` with the query the Referer had (e.g. `?vong=5`),
    /// without an earlier error, with this one, and the summary's fragment.
    /// A Referer on any other page is not followed: the answer only ever
    /// sends the browser back to the form.
    pub fn back_address(referer: Option<&str>, page: &str, path: &str, error: &AppError) -> String {
        let query = referer
            .and_then(|r| r.parse::<http::Uri>().ok())
            .filter(|uri| uri.path() == page)
            .and_then(|uri| uri.query().map(str::to_owned));
        let mut base = format!("http://form.invalid{page}");
        if let Some(query) = query {
            base.push('?');
            base.push_str(&query);
        }
        ServerFnUrlError::<AppError>::strip_error_info(&mut base);
        match ServerFnUrlError::new(path, error.clone()).to_url(&base) {
            Ok(url) => match url.query() {
                Some(query) => format!("{}?{query}#{SUMMARY_ID}", url.path()),
                None => format!("{}#{SUMMARY_ID}", url.path()),
            },
            Err(_) => format!("{page}#{SUMMARY_ID}"),
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn decoded(to: &str) -> (String, AppError) {
            let url = leptos::server_fn::error::ServerFnUrlError::<AppError>::decode_err;
            let query = to.split_once('?').map(|(_, q)| q).unwrap_or("");
            let query = query.split_once('#').map(|(q, _)| q).unwrap_or(query);
            let mut path = String::new();
            let mut err = None;
            for pair in query.split('&') {
                match pair.split_once('=') {
                    Some(("__path", v)) => {
                        path = percent_encoding::percent_decode_str(v).decode_utf8_lossy().into()
                    }
                    Some(("__err", v)) => {
                        err = Some(url(&percent_encoding::percent_decode_str(v).decode_utf8_lossy()))
                    }
                    _ => {}
                }
            }
            (path, err.unwrap())
        }

        #[test]
        fn back_to_the_form_with_the_error_and_the_summary_in_view() {
            let error = AppError::invalid("phone", "Vui lòng nhập số điện thoại.");
            let to =
                back_address(Some("http://127.0.0.1:3000/dang-ky"), "/dang-ky", "/api/ui/register", &error);
            assert!(to.starts_with("/dang-ky?__path="), "{to}");
            assert!(to.ends_with("#error-summary"), "{to}");
            assert_eq!(decoded(&to), ("/api/ui/register".to_owned(), error));
        }

        #[test]
        fn the_form_keeps_its_own_query_but_not_an_earlier_error() {
            let first = AppError::invalid("phone", "Vui lòng nhập số điện thoại.");
            let earlier = back_address(
                Some("https://thi.example.vn/dang-nhap?vong=5"),
                "/dang-nhap",
                "/api/ui/login",
                &first,
            );
            let second = AppError::BadCredentials("Số điện thoại hoặc mật khẩu không đúng.".into());
            let referer = format!("https://thi.example.vn{}", earlier.split('#').next().unwrap());
            let to = back_address(Some(&referer), "/dang-nhap", "/api/ui/login", &second);
            assert!(to.starts_with("/dang-nhap?vong=5&__path="), "{to}");
            assert_eq!(to.matches("__err=").count(), 1, "{to}");
            assert_eq!(decoded(&to).1.to_string(), second.to_string());
        }

        #[test]
        fn a_throttled_form_comes_back_saying_how_long_to_wait() {
            // Without JavaScript the error travels in the address: the wait with it.
            let error = AppError::Throttled { retry_after: 600 };
            let to = back_address(None, "/dang-nhap", "/api/ui/login", &error);
            let (_, back) = decoded(&to);
            assert_eq!(back, error);
            assert_eq!(back.to_string(), "Bạn đã thử quá nhiều lần. Vui lòng thử lại sau 10 phút.");
        }

        #[test]
        fn never_anywhere_but_the_form() {
            let error = AppError::Internal;
            for referer in
                [None, Some("https://evil.example/dang-ky"), Some("//evil.example/x"), Some("not a url")]
            {
                let to = back_address(referer, "/dang-ky", "/api/ui/register", &error);
                assert!(to.starts_with("/dang-ky?__path="), "{referer:?}: {to}");
            }
            // Another page of the site, with its query: not followed either.
            let to = back_address(Some("http://x/bai-thi/5?a=b"), "/dang-ky", "/api/ui/register", &error);
            assert!(to.starts_with("/dang-ky?__path="), "{to}");
        }

        #[test]
        fn typed_values_leave_out_empty_fields_and_cut_long_ones() {
            let long = "a".repeat(1000);
            let typed = Typed::of([
                ("full_name", Some("Lê Thị Mai")),
                ("email", Some(" ")),
                ("id_number", None),
                ("x", Some(long.as_str())),
            ]);
            assert_eq!(typed.get("full_name"), "Lê Thị Mai");
            assert_eq!(typed.get("email"), "");
            assert_eq!(typed.0.len(), 2);
            assert_eq!(typed.get("x").len(), 256);
        }
    }
}
